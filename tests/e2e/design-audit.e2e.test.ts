// The design system at a phone's width (issue 12, "Done when"): every page as each role that sees it — resident
// pages (with the report's success page, named and anonymous, 我的 with the invite field open, the closed report's
// 整改前后对比 and 无权访问 on staff, office and enterprise pages), staff pages as staff-CJ, head-CJ, admin-demo and
// leader-demo (with the 全镇 queue), the office/ pages as admin-demo and leader-demo, the enterprise/ pages as
// manager-demo, worker-demo and a fresh manager without an enterprise — at 320 and 390 px, in standard and large
// text (适老化). On each: a full-page screenshot test-results/audit-<page>-<role>-<width>-<mode>.png, axe-core (no
// serious or critical violations), no sideways overflow, no text under 14 px, every tap target at least 44 × 44,
// and text contrast at least 4.5 : 1 against the background it sits on.
// Each page is opened once per role; the four views follow by resizing and switching the `ui-large-text` class on
// the page root, exactly what Shell does when large text is on (src/styles/large-text.ts).
import type { Page } from 'playwright-core';
import { closedReportWithPhotos, submission } from './fixtures';
import { browserSession, callCloud, screenshot } from './harness';

const session = browserSession();

interface Finding {
  kind: string;
  what: string;
}

/** Runs in the page: what breaks the rules on the visible page. */
function audit(): Finding[] {
  const out: Finding[] = [];
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const label = (el: Element) =>
    `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 2).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]: number[]) =>
    [r, g, b]
      .map((v) => v / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((a, c, i) => a + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el: Element | null): number[] | null => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none' && !s.backgroundImage.startsWith('linear')) return null; // over a picture
      const c = rgb(s.backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) return c.slice(0, 3);
      if (e.tagName === 'IMG') return null;
    }
    return [255, 255, 255];
  };

  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    out.push({
      kind: 'overflow',
      what: `page is ${document.documentElement.scrollWidth} px wide in ${window.innerWidth}`,
    });

  let texts = 0;
  let taps = 0;
  const page = Array.from(document.querySelectorAll('.taro_page')).find((p) => shown(p)) ?? document.body;
  for (const el of Array.from(page.querySelectorAll('*'))) {
    if (!shown(el) || el.closest('.identity-bar')) continue;
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
    const s = getComputedStyle(el);
    if (ownText) {
      texts++;
      const size = parseFloat(s.fontSize);
      if (size < 14) out.push({ kind: 'small-text', what: `${label(el)} ${size}px` });
      const bg = background(el);
      const fg = rgb(s.color);
      if (bg && (fg.length === 3 || fg[3] === 1)) {
        const [a, b] = [lum(fg), lum(bg)];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5)
          out.push({ kind: 'contrast', what: `${label(el)} ${ratio.toFixed(2)} (${s.color} on rgb(${bg}))` });
      }
    }
    const role = el.getAttribute('role');
    const tappable =
      ['button', 'radio', 'checkbox', 'link', 'tab', 'switch', 'menuitem', 'option'].includes(role ?? '') ||
      ['TARO-BUTTON-CORE', 'SELECT', 'BUTTON'].includes(el.tagName);
    if (tappable) {
      taps++;
      const r = el.getBoundingClientRect();
      if (r.height < 43.5 || r.width < 43.5)
        out.push({ kind: 'tap-target', what: `${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}` });
    }
  }
  // What was checked, so a page that renders nothing cannot pass.
  out.push({ kind: 'checked', what: `${texts} texts, ${taps} tap targets` });
  return out;
}

/** Runs in the page (after axe-core is injected): serious and critical violations, outside the local identity bar. */
async function axeAudit(): Promise<Finding[]> {
  const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
  interface AxeResults {
    violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
  }
  const res = await axe.run({ exclude: [['.identity-bar']] }, { resultTypes: ['violations'] });
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => ({ kind: `axe:${v.id}`, what: `${v.impact} ${JSON.stringify(n.target)} — ${v.help}` })),
    );
}

async function setStorage(page: Page, key: string, value: string) {
  await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify({ data: v })), [key, value]);
}

interface AuditPage {
  name: string;
  hash: string | (() => string);
  /** Shown once the page has its content (a comma list: any one of them). */
  ready: string;
  /** Brings the page into the state to audit (opens a form, submits a report…). */
  prepare?: (page: Page) => Promise<void>;
}

const visible = (page: Page, selector: string) =>
  page
    .locator(
      selector
        .split(', ')
        .map((r) => `${r}:visible`)
        .join(', '),
    )
    .first();

/** Fills the report form as a resident would and submits it (past the duplicate prompt, if one comes). */
const submitReport =
  (anonymous: boolean): AuditPage['prepare'] =>
  async (page) => {
    await visible(page, '.emergency__continue').click();
    await page.getByText(anonymous ? '地下管线隐患' : '违规动火/电气焊作业', { exact: true }).click();
    await visible(page, '.report__textarea textarea').fill(
      anonymous ? '人行道下管线井盖破损，夜里容易踩空' : '沿街店铺门口有人电焊，火花溅到路边纸箱上',
    );
    await page.getByText('共康五村', { exact: true }).click();
    await visible(page, '.report__address input').fill('共康五村 8 号楼北侧');
    if (!anonymous) {
      await page.getByText('实名举报', { exact: true }).click();
      await visible(page, '.report__name input').fill('王阿姨');
      await visible(page, '.report__phone input').fill('13800000000');
    }
    await visible(page, '.report__submit').click();
    // A person's first report asks consent to the privacy notice (issue 8) before anything is sent.
    await visible(page, '.report__done, .nearby__continue, .consent-sheet .ui-dialog__confirm').waitFor({
      timeout: 15000,
    });
    if (await page.locator('.consent-sheet .ui-dialog__confirm:visible').count())
      await visible(page, '.consent-sheet .ui-dialog__confirm').click();
    await visible(page, '.report__done, .nearby__continue').waitFor({ timeout: 15000 });
    if (await page.locator('.nearby__continue:visible').count()) await visible(page, '.nearby__continue').click();
    await visible(page, `.report__done--${anonymous ? 'anonymous' : 'named'}`).waitFor({ timeout: 15000 });
  };

/** Filed in beforeAll: a 城建 case for the staff detail, a closed report with photos, an internal report. */
const seeded = { id: '', closedId: '', internalId: '' };

const DENIED_PAGES: AuditPage[] = [
  { name: 'denied-staff', hash: 'staff/pages/queue/index', ready: '.denied__title' },
  { name: 'denied-office', hash: 'office/pages/people/index', ready: '.denied__title' },
  { name: 'denied-enterprise', hash: 'enterprise/pages/desk/index', ready: '.denied__title' },
];

const RESIDENT_PAGES: AuditPage[] = [
  { name: 'home', hash: 'pages/index/index', ready: '.home__report' },
  {
    name: 'report',
    hash: 'pages/report/index',
    ready: '.emergency__continue',
    prepare: async (page) => {
      await visible(page, '.emergency__continue').click();
      await page.getByText('提交举报', { exact: true }).waitFor();
    },
  },
  { name: 'mine', hash: 'pages/mine/index', ready: '.mine__text-size' },
  {
    name: 'mine-invite',
    hash: 'pages/mine/index',
    ready: '.mine__bind-open',
    prepare: async (page) => {
      await visible(page, '.mine__bind-open').click();
      await visible(page, '.mine__bind-fields').waitFor();
    },
  },
  {
    name: 'detail',
    hash: 'pages/mine/index',
    ready: '.mine__item',
    prepare: async (page) => {
      await visible(page, '.mine__item').click();
      await visible(page, '.tipoff-detail__body').waitFor();
    },
  },
  {
    name: 'detail-closed-compare',
    hash: () => `pages/tipoff/detail/index?id=${encodeURIComponent(seeded.closedId)}`,
    ready: '.tipoff__compare',
  },
  { name: 'messages', hash: 'pages/messages/index', ready: '.messages__header' },
  { name: 'track', hash: 'pages/track/index', ready: '.track__form' },
  ...DENIED_PAGES,
];

const STAFF_PAGES: AuditPage[] = [
  { name: 'queue', hash: 'staff/pages/queue/index', ready: '.queue__total' },
  {
    name: 'staff-detail',
    hash: () => `staff/pages/detail/index?id=${encodeURIComponent(seeded.id)}`,
    ready: '.action-panel, .action-panel--none',
  },
  { name: 'ledger', hash: 'staff/pages/ledger/index', ready: '.ledger__total' },
];

const TOWN_QUEUE: AuditPage = {
  name: 'queue-town',
  hash: 'staff/pages/queue/index',
  ready: '.queue__scope-town',
  prepare: async (page) => {
    await visible(page, '.queue__scope-town').click();
    await page.locator('.queue__dept:visible', { hasText: '全镇待办' }).waitFor();
    await visible(page, '.queue__item').waitFor();
  },
};

const OFFICE_PAGES: AuditPage[] = [
  { name: 'office-people', hash: 'office/pages/people/index', ready: '.office-person' },
  {
    name: 'office-enterprises',
    hash: 'office/pages/enterprises/index',
    ready: '.office-total, .ui-state--empty',
    // The register opens on 待审核 (empty here): the registered enterprises' cards are what 安委办 reads.
    prepare: async (page) => {
      await page.getByRole('radio', { name: '已登记' }).filter({ visible: true }).click();
      await visible(page, '.office-enterprise').waitFor();
    },
  },
];

const INTERNAL_DETAIL: AuditPage = {
  name: 'report-detail',
  hash: () => `enterprise/pages/report-detail/index?id=${encodeURIComponent(seeded.internalId)}`,
  ready: '.report-detail',
};

interface Visit {
  /** Names the screenshots and the findings. */
  role: string;
  openid: string;
  pages: AuditPage[];
}

const VISITS: Visit[] = [
  { role: 'resident', openid: 'resident-demo', pages: RESIDENT_PAGES },
  {
    role: 'resident-named',
    openid: 'audit-resident-named',
    pages: [
      {
        name: 'report-done-named',
        hash: 'pages/report/index',
        ready: '.emergency__continue',
        prepare: submitReport(false),
      },
    ],
  },
  {
    role: 'resident-anonymous',
    openid: 'audit-resident-anonymous',
    pages: [
      {
        name: 'report-done-anonymous',
        hash: 'pages/report/index',
        ready: '.emergency__continue',
        prepare: submitReport(true),
      },
    ],
  },
  { role: 'staff-CJ', openid: 'staff-CJ', pages: STAFF_PAGES },
  { role: 'head-CJ', openid: 'head-CJ', pages: STAFF_PAGES },
  { role: 'admin-demo', openid: 'admin-demo', pages: [...STAFF_PAGES, TOWN_QUEUE, ...OFFICE_PAGES] },
  { role: 'leader-demo', openid: 'leader-demo', pages: [TOWN_QUEUE, ...OFFICE_PAGES] },
  {
    role: 'manager-demo',
    openid: 'manager-demo',
    pages: [{ name: 'desk', hash: 'enterprise/pages/desk/index', ready: '.desk__tabs' }, INTERNAL_DETAIL],
  },
  {
    role: 'worker-demo',
    openid: 'worker-demo',
    pages: [
      { name: 'internal-report', hash: 'enterprise/pages/report/index', ready: '.internal-report' },
      { name: 'my-reports', hash: 'enterprise/pages/my-reports/index', ready: '.report-row' },
      INTERNAL_DETAIL,
    ],
  },
  {
    role: 'new-manager',
    openid: 'audit-new-manager',
    pages: [
      { name: 'register', hash: 'enterprise/pages/register/index', ready: '.register' },
      { name: 'desk-none', hash: 'enterprise/pages/desk/index', ready: '.desk__none' },
    ],
  },
];

/**
 * Known failures, in one place (issue 12). A finding that matches an entry (same role, same page, same check,
 * same element class) is printed but does not fail the test; any other finding fails. Remove an entry as soon as
 * its page is fixed — entries that matched nothing in a run are printed at the end ("remove them").
 * `finding` is matched against "<check> <element> …" as printed, e.g. `small-text taro-text-core.queue__meta "…" 11px`.
 */
const KNOWN_FAILURES: { issue: string; role: string; page: string; finding: RegExp }[] = [
  // None left: every page is on the design system.
];

const VIEWS: [number, 'standard' | 'large'][] = [
  [320, 'standard'],
  [390, 'standard'],
  [320, 'large'],
  [390, 'large'],
];

const allowed: string[] = [];
const usedAllowances = new Set<number>();

/** Opens each page once as `openid`, then audits it in every view; returns every finding, as `page view: kind what`. */
async function auditPages({ role, openid, pages }: Visit) {
  const { page, gateway } = session;
  await page.setViewportSize({ width: 390, height: 780 });
  await page.goto(`${gateway.url}/#/pages/index/index`);
  await setStorage(page, 'mx.local.openid', openid);
  await setStorage(page, 'mx.ui.largeText', 'off');
  const findings: string[] = [];
  for (const p of pages) {
    await page.goto(`${gateway.url}/#/${typeof p.hash === 'string' ? p.hash : p.hash()}`);
    await page.reload();
    await visible(page, p.ready).waitFor();
    await p.prepare?.(page);
    // Nothing still loading, and every picture in (or failed).
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll<HTMLElement>('.ui-state--loading')).some((e) => e.offsetHeight > 0) &&
        Array.from(document.images).every((i) => i.complete),
      undefined,
      { timeout: 10000 },
    );
    for (const [width, mode] of VIEWS) {
      await page.setViewportSize({ width, height: 780 });
      // 我的 has the switch itself: use it (its chips then show the mode in the screenshot).
      const textSize = page.locator('.mine__text-size:visible');
      if (await textSize.count()) await textSize.getByText(mode === 'large' ? '大字' : '标准', { exact: true }).click();
      await page.evaluate((large) => {
        document.querySelectorAll('.shell').forEach((s) => s.classList.toggle('ui-large-text', large));
      }, mode === 'large');
      // One frame for the layout to follow.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const found = await page.evaluate(audit);
      const checked = found.find((f) => f.kind === 'checked')?.what ?? '';
      expect(`${p.name}: ${checked}`).toMatch(/: [1-9]\d* texts, \d+ tap targets$/);
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core') });
      found.push(...(await page.evaluate(axeAudit)));
      for (const f of found) if (f.kind !== 'checked') findings.push(`${p.name} ${width} ${mode}: ${f.kind} ${f.what}`);
      await screenshot(page, `audit-${p.name}-${role}-${width}-${mode}`);
    }
  }
  return findings;
}

/** Splits findings into the allow-listed (printed) and the rest (returned, to fail the test). */
function unexpected(findings: string[], role: string) {
  return findings.filter((f) => {
    const [where, what] = [f.slice(0, f.indexOf(': ')), f.slice(f.indexOf(': ') + 2)];
    const i = KNOWN_FAILURES.findIndex(
      (k) => k.role === role && where.startsWith(`${k.page} `) && k.finding.test(what),
    );
    if (i < 0) return true;
    usedAllowances.add(i);
    allowed.push(`${role} ${f} (known, ${KNOWN_FAILURES[i].issue})`);
    return false;
  });
}

beforeAll(async () => {
  const url = session.gateway.url;
  const report = await callCloud(url, 'tipoff', 'resident-demo', submission({ requestId: `audit-${Date.now()}` }));
  seeded.id = report.id;
  seeded.closedId = (await closedReportWithPhotos(url)).id;
  const internal = await callCloud(url, 'enterprise', 'worker-demo', {
    action: 'report',
    requestId: `audit-internal-${Date.now()}`,
    categoryId: 'fire-passage',
    description: '二号车间消防通道堆放纸箱和托盘',
    photos: [],
    place: '二号车间东门',
    anonymous: false,
  });
  seeded.internalId = internal.id;
  // A safety manager without an enterprise yet: the demo code that lets them register one.
  await callCloud(url, 'user', 'audit-new-manager', { action: 'bind', code: 'QYAQ-MGR3', name: '赵经理' });
});

afterAll(() => {
  if (allowed.length) console.log(`Allow-listed findings (KNOWN_FAILURES, issue 12):\n${allowed.join('\n')}`);
  const stale = KNOWN_FAILURES.filter((_, i) => !usedAllowances.has(i));
  if (stale.length)
    console.log(
      `Allow-list entries that matched nothing (remove them):\n${stale.map((k) => `${k.page} ${k.finding}`).join('\n')}`,
    );
});

test.each(VISITS.map((v) => [`${v.role} (${v.pages.map((p) => p.name).join(', ')})`, v] as const))(
  'as %s at 320 and 390 px, standard and large text',
  async (_, visit) => {
    expect(unexpected(await auditPages(visit), visit.role)).toEqual([]);
  },
);
