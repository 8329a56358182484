// The design system at a phone's width (issue 12, "Done when"): every page as each role that sees it — resident
// pages as resident-demo, staff pages as staff-CJ, head-CJ and admin-demo — at 320 and 390 px, in standard and
// large text (适老化). On each: a screenshot named audit-<page>-<role>-<width>-<mode>, axe-core (no serious or
// critical violations), no sideways overflow, no text under 14 px, every tap target at least 44 × 44, and text
// contrast at least 4.5 : 1 against the background it sits on.
import type { Page } from 'playwright-core';
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
  ready: string;
  prepare?: (page: Page) => Promise<void>;
}

const RESIDENT_PAGES: AuditPage[] = [
  { name: 'home', hash: 'pages/index/index', ready: '.home__report' },
  {
    name: 'report',
    hash: 'pages/report/index',
    ready: '.emergency__continue',
    prepare: async (page) => {
      await page.locator('.emergency__continue:visible').click();
      await page.getByText('提交举报', { exact: true }).waitFor();
    },
  },
  { name: 'mine', hash: 'pages/mine/index', ready: '.mine__text-size' },
  {
    name: 'detail',
    hash: 'pages/mine/index',
    ready: '.mine__item',
    prepare: async (page) => {
      await page.locator('.mine__item:visible').first().click();
      await page.locator('.tipoff-detail__body:visible').first().waitFor();
    },
  },
  { name: 'messages', hash: 'pages/messages/index', ready: '.messages__header' },
  { name: 'track', hash: 'pages/track/index', ready: '.track__form' },
];

/** A 城建 case filed in beforeAll, so every staff role has a detail page to open. */
const seeded = { id: '' };

const STAFF_PAGES: AuditPage[] = [
  { name: 'queue', hash: 'staff/pages/queue/index', ready: '.queue__total' },
  {
    name: 'staff-detail',
    hash: () => `staff/pages/detail/index?id=${encodeURIComponent(seeded.id)}`,
    ready: '.action-panel, .action-panel--none',
  },
  { name: 'ledger', hash: 'staff/pages/ledger/index', ready: '.ledger__total' },
];

/**
 * Known failures, in one place (issue 12). The staff pages are being moved onto the design system in parallel;
 * until then their findings are listed here. A finding that matches an entry (same page, same check, same
 * element class) is printed but does not fail the test; any other finding fails. Remove an entry as soon as its
 * page is fixed — entries that matched nothing in a run are printed at the end ("remove them").
 * `finding` is matched against "<check> <element> …" as printed, e.g. `small-text taro-text-core.queue__meta "…" 11px`.
 */
const KNOWN_FAILURES: { issue: string; role: 'resident' | 'staff'; page: string; finding: RegExp }[] = [
  // None left: the staff pages moved onto the design system and the photo picker is named by its visible text.
];

const VIEWS: [number, 'standard' | 'large'][] = [
  [320, 'standard'],
  [390, 'standard'],
  [320, 'large'],
  [390, 'large'],
];

const allowed: string[] = [];
const usedAllowances = new Set<number>();

/** Visits each page as `openid` at one width and text mode; returns every finding, as `page: kind what`. */
async function auditPages(pages: AuditPage[], role: string, openid: string, width: number, mode: string) {
  const { page, gateway } = session;
  await page.setViewportSize({ width, height: 780 });
  await page.goto(`${gateway.url}/#/pages/index/index`);
  await setStorage(page, 'mx.local.openid', openid);
  await setStorage(page, 'mx.ui.largeText', mode === 'large' ? 'on' : 'off');
  const findings: string[] = [];
  for (const p of pages) {
    await page.goto(`${gateway.url}/#/${typeof p.hash === 'string' ? p.hash : p.hash()}`);
    await page.reload();
    await page
      .locator(
        `${p.ready
          .split(', ')
          .map((r) => `${r}:visible`)
          .join(', ')}`,
      )
      .first()
      .waitFor();
    await p.prepare?.(page);
    await page.waitForTimeout(300);
    await screenshot(page, `audit-${p.name}-${role}-${width}-${mode}`);
    const found = await page.evaluate(audit);
    const checked = found.find((f) => f.kind === 'checked')?.what ?? '';
    expect(`${p.name}: ${checked}`).toMatch(/: [1-9]\d* texts, \d+ tap targets$/);
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core') });
    found.push(...(await page.evaluate(axeAudit)));
    for (const f of found) if (f.kind !== 'checked') findings.push(`${p.name}: ${f.kind} ${f.what}`);
  }
  return findings;
}

/** Splits findings into the allow-listed (printed) and the rest (returned, to fail the test). */
function unexpected(findings: string[], role: 'resident' | 'staff', where: string) {
  return findings.filter((f) => {
    const i = KNOWN_FAILURES.findIndex(
      (k) => k.role === role && f.startsWith(`${k.page}: `) && k.finding.test(f.slice(k.page.length + 2)),
    );
    if (i < 0) return true;
    usedAllowances.add(i);
    allowed.push(`${where} ${f} (known, ${KNOWN_FAILURES[i].issue})`);
    return false;
  });
}

beforeAll(async () => {
  const report = await callCloud(session.gateway.url, 'tipoff', 'resident-demo', {
    action: 'submit',
    requestId: `audit-${Date.now()}`,
    description: '工地围挡倒塌，脚手架没有防护网',
    photos: [],
    location: { latitude: 31.3361, longitude: 121.4432, address: '共康七村南门外工地' },
    areaId: 'gk7',
    anonymous: false,
    contact: { name: '王阿姨', phone: '13800000000' },
    suspectedMajor: false,
    categoryId: 'construction-site',
  });
  seeded.id = report.id;
});

afterAll(() => {
  if (allowed.length) console.log(`Allow-listed findings (KNOWN_FAILURES, issue 12):\n${allowed.join('\n')}`);
  const stale = KNOWN_FAILURES.filter((_, i) => !usedAllowances.has(i));
  if (stale.length)
    console.log(
      `Allow-list entries that matched nothing (remove them):\n${stale.map((k) => `${k.page} ${k.finding}`).join('\n')}`,
    );
});

test.each(VIEWS)('resident pages as resident-demo at %i px, %s text', async (width, mode) => {
  const findings = await auditPages(RESIDENT_PAGES, 'resident', 'resident-demo', width, mode);
  expect(unexpected(findings, 'resident', `resident-demo ${width} ${mode}`)).toEqual([]);
});

describe.each(['staff-CJ', 'head-CJ', 'admin-demo'])('staff pages as %s', (openid) => {
  test.each(VIEWS)('at %i px, %s text', async (width, mode) => {
    const findings = await auditPages(STAFF_PAGES, openid, openid, width, mode);
    expect(unexpected(findings, 'staff', `${openid} ${width} ${mode}`)).toEqual([]);
  });
});
