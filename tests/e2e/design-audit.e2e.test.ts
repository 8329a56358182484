// The design system at a phone's width (issue 12, "Done when"): every page as each role that sees it — resident
// pages (with the report's success page, named and anonymous, 我的 with the invite field open, the closed report's
// 整改前后对比 and 无权访问 on staff, office and enterprise pages), staff pages as staff-CJ, head-CJ, admin-demo and
// leader-demo (with the 全镇 queue), the office/ pages as admin-demo and leader-demo, the enterprise/ pages as
// manager-demo, worker-demo and a fresh manager without an enterprise — at 320 and 390 px, in standard and large
// text (适老化). On each: a full-page screenshot test-results/audit-<page>-<role>-<width>-<mode>.png, axe-core (no
// serious or critical violations), no sideways overflow, no text under 14 px, every tap target at least 44 × 44,
// and text contrast at least 4.5 : 1 against the background it sits on.
// Issues 8 and 9 joined it: 我的奖励 (with the claim form open after a valid 查询码), 个人信息保护说明, 我的个人信息,
// the report's consent sheet (open), the reward desk (待核定 with the decide form open; 待审批 as the leader), the leader's
// identity reads, the reward policy (and its edit form), 题库管理, 培训考试 (office and enterprise), the fine on a founded
// case, and 安全培训 as a worker (home, lesson, an open attempt, a result, practice feedback, 错题本, history, certificate).
// Each page is opened once per role; the four views follow by resizing and switching the `ui-large-text` class on
// the page root, exactly what Shell does when large text is on (src/styles/large-text.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { gcj02ToWgs84 } from '../../src/drills/geo';
import { closedReportWithPhotos, inDays, submission, uploadPhoto } from './fixtures';
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
  // Charts (issue 11's dashboard): a chart area shown blank — its canvas wiped or never drawn.
  for (const c of Array.from(page.querySelectorAll<HTMLCanvasElement>('.office-chart canvas'))) {
    if (!shown(c)) continue;
    const data = c.width && c.height ? c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data : null;
    if (!data || !data.some((v, i) => i % 4 === 3 && v > 0))
      out.push({ kind: 'blank-chart', what: `${c.id} ${c.width}×${c.height}` });
    // Drawn for another width (F2 fixes the canvas's CSS width): cut off or squeezed inside its box.
    const [own, box] = [c.getBoundingClientRect(), c.parentElement!.getBoundingClientRect()];
    if (Math.abs(own.width - box.width) > 1 || Math.abs(c.width / (window.devicePixelRatio || 1) - box.width) > 2)
      out.push({ kind: 'chart-size', what: `${c.id} drawn ${c.width} px, shown ${own.width} px in ${box.width}` });
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

/**
 * Filed in beforeAll: a 城建 case for the staff detail, a closed report with photos, an internal report; for issue 8
 * a founded case with its reward 待核定 (the fine section, the decide form) and the 查询码 of an anonymous report
 * still to claim; for issue 9 a passed attempt (its result and certificate).
 */
const seeded = {
  id: '',
  closedId: '',
  internalId: '',
  foundedId: '',
  claimCode: '',
  attemptId: '',
  certificate: '',
  examId: '',
  contestId: '',
  /** Issue 10: ENT-DEMO's drills in each state, a town drill of 安委办, a self-inspection with two 不符合. */
  drillPlanned: '',
  drillStarted: '',
  drillAllClear: '',
  drillClosed: '',
  drillCancelled: '',
  townDrill: '',
  inspectionId: '',
};

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
  { name: 'record', hash: 'staff/pages/record/index', ready: '.record__submit' },
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

/** Issue 8: 我的奖励 (and the claim form after a valid 查询码), the privacy notice, 我的个人信息. */
const RESIDENT8_PAGES: AuditPage[] = [
  { name: 'my-rewards', hash: 'resident/pages/rewards/index', ready: '.reward-claim__lookup' },
  {
    name: 'reward-claim',
    hash: 'resident/pages/rewards/index',
    ready: '.reward-claim__lookup',
    prepare: async (page) => {
      await visible(page, '.reward-claim__code input').fill(seeded.claimCode);
      await visible(page, '.reward-claim__lookup').click();
      await visible(page, '.reward-claim__form').waitFor();
    },
  },
  { name: 'privacy', hash: 'resident/pages/privacy/index', ready: '.privacy .resident-section' },
  { name: 'my-data', hash: 'resident/pages/my-data/index', ready: '.my-data .resident-actions' },
];

/** The report's consent sheet, open (a person's first report, issue 8). */
const CONSENT_SHEET: AuditPage = {
  name: 'report-consent',
  hash: 'pages/report/index',
  ready: '.emergency__continue',
  prepare: async (page) => {
    await visible(page, '.emergency__continue').click();
    await page.getByText('违规动火/电气焊作业', { exact: true }).click();
    await visible(page, '.report__textarea textarea').fill('沿街店铺门口有人电焊，火花溅到路边纸箱上');
    await page.getByText('共康五村', { exact: true }).click();
    await visible(page, '.report__address input').fill('共康五村 8 号楼北侧');
    await visible(page, '.report__submit').click();
    await visible(page, '.consent-sheet .ui-dialog__box').waitFor({ timeout: 15000 });
  },
};

/** The staff detail of a founded case: the fine (罚款) section with its form open. */
const STAFF_FINE: AuditPage = {
  name: 'staff-detail-fine',
  hash: () => `staff/pages/detail/index?id=${encodeURIComponent(seeded.foundedId)}`,
  ready: '.fine',
  prepare: async (page) => {
    if (await page.locator('.fine__edit:visible').count()) {
      await visible(page, '.fine__edit').click();
      await visible(page, '.fine__input').waitFor();
    }
  },
};

const OFFICE_DECIDE: AuditPage = {
  name: 'office-rewards-decide',
  hash: 'office/pages/rewards/index?status=open',
  ready: '.reward-card__decide',
  prepare: async (page) => {
    await visible(page, '.reward-card__decide').click();
    await visible(page, '.reward-form__submit').waitFor();
  },
};

const OFFICE8_ADMIN: AuditPage[] = [
  OFFICE_DECIDE,
  { name: 'office-reward-policy', hash: 'office/pages/reward-policy/index', ready: '.policy__edit' },
  {
    name: 'office-reward-policy-edit',
    hash: 'office/pages/reward-policy/index',
    ready: '.policy__edit',
    prepare: async (page) => {
      await visible(page, '.policy__edit').click();
      await visible(page, '.policy-form__save').waitFor();
    },
  },
];

const OFFICE8_LEADER: AuditPage[] = [
  // 待审批: the case the officer decided, with 批准 and 退回.
  { name: 'office-rewards-approve', hash: 'office/pages/rewards/index?status=decided', ready: '.reward-card__approve' },
  { name: 'office-identity-reads', hash: 'office/pages/identity-reads/index', ready: '.office-card, .ui-state--empty' },
];

/** Issue 9: 题库管理 and the training desk of 安委办. */
const OFFICE9_PAGES: AuditPage[] = [
  { name: 'office-question-bank', hash: 'office/pages/question-bank/index', ready: '.office-total, .ui-state--empty' },
  {
    name: 'office-question-bank-new',
    hash: 'office/pages/question-bank/index',
    ready: '.bank__new',
    prepare: async (page) => {
      await visible(page, '.bank__new').click();
      await visible(page, '.bank-form').waitFor();
    },
  },
  { name: 'office-training', hash: 'office/pages/training/index', ready: '.office-training' },
  {
    name: 'office-training-new',
    hash: 'office/pages/training/index',
    ready: '.office-training__new',
    prepare: async (page) => {
      await visible(page, '.office-training__new').click();
      await visible(page, '.quiz-form__publish').waitFor();
    },
  },
];

/** Issue 9: 安全培训 for everyone, as a worker with an open attempt, a passed one and wrong answers. */
const TRAINING_PAGES: AuditPage[] = [
  { name: 'training-home', hash: 'training/pages/home/index', ready: '.training-quiz' },
  { name: 'training-lesson', hash: 'training/pages/lesson/index?topic=fire', ready: '.lesson__section' },
  // The open attempt (started in beforeAll) resumes at once.
  {
    name: 'training-quiz',
    hash: () => `training/pages/quiz/index?id=${encodeURIComponent(seeded.examId)}`,
    ready: '.quiz__question',
  },
  {
    name: 'training-result',
    hash: () => `training/pages/result/index?attemptId=${encodeURIComponent(seeded.attemptId)}`,
    ready: '.result__verdict',
  },
  {
    name: 'training-practice',
    hash: 'training/pages/practice/index?topic=fire',
    ready: '.practice__check',
    prepare: async (page) => {
      await visible(page, '.question__options .option').click();
      await visible(page, '.practice__check').click();
      await visible(page, '.practice__feedback').waitFor();
    },
  },
  { name: 'training-wrong-book', hash: 'training/pages/wrong-book/index', ready: '.wrong-book__practice' },
  { name: 'training-history', hash: 'training/pages/history/index', ready: '.history-item' },
  {
    name: 'training-contest',
    hash: () => `training/pages/contest/index?id=${encodeURIComponent(seeded.contestId)}`,
    ready: '.contest-play',
  },
  {
    name: 'training-certificate',
    hash: () => `training/pages/certificate/index?code=${encodeURIComponent(seeded.certificate)}`,
    ready: '.certificate__lookup',
    prepare: async (page) => {
      if (!(await page.locator('.certificate__card:visible').count()))
        await visible(page, '.certificate__lookup').click();
      await visible(page, '.certificate__card').waitFor();
    },
  },
];

/** Issue 10: the drills (each state as the organiser), the self-inspection, its history and the enterprise's ledger. */
const DRILL_MANAGER_PAGES: AuditPage[] = [
  { name: 'drills-list', hash: 'drills/pages/list/index', ready: '.drill-card' },
  { name: 'drills-plan', hash: 'drills/pages/plan/index', ready: '.drill-plan__title' },
  {
    name: 'drills-run-planned',
    hash: () => `drills/pages/run/index?id=${encodeURIComponent(seeded.drillPlanned)}`,
    // Two days ahead: when check-in and the start open.
    ready: '.drill-run__early',
  },
  {
    name: 'drills-run-started',
    hash: () => `drills/pages/run/index?id=${encodeURIComponent(seeded.drillStarted)}`,
    ready: '.drill-run__countdown',
  },
  {
    name: 'drills-run-by-hand',
    hash: () => `drills/pages/run/index?id=${encodeURIComponent(seeded.drillStarted)}`,
    ready: '.drill-run__by-hand',
    prepare: async (page) => {
      await visible(page, '.drill-run__by-hand').click();
      await visible(page, '.drill-run__hand-form').waitFor();
    },
  },
  {
    name: 'drills-run-all-clear',
    hash: () => `drills/pages/run/index?id=${encodeURIComponent(seeded.drillAllClear)}`,
    ready: '.drill-run__record',
  },
  {
    name: 'drills-close',
    hash: () => `drills/pages/close/index?id=${encodeURIComponent(seeded.drillAllClear)}`,
    ready: '.drill-close__rating',
  },
  {
    name: 'drills-detail-planned',
    hash: () => `drills/pages/detail/index?id=${encodeURIComponent(seeded.drillPlanned)}`,
    ready: '.drill-detail__cancel',
  },
  {
    name: 'drills-detail-closed',
    hash: () => `drills/pages/detail/index?id=${encodeURIComponent(seeded.drillClosed)}`,
    ready: '.drill-detail__record',
  },
  {
    name: 'drills-detail-cancelled',
    hash: () => `drills/pages/detail/index?id=${encodeURIComponent(seeded.drillCancelled)}`,
    ready: '.drill-detail__status',
  },
];

const INSPECTION_PAGES: AuditPage[] = [
  {
    name: 'inspection',
    hash: 'enterprise/pages/inspection/index',
    ready: '.inspect__choice--fail',
    // One line answered 不符合: its photo and note fields open.
    prepare: async (page) => {
      await visible(page, '.inspect__choice--fail').click();
      await visible(page, '.inspect__fail').waitFor();
    },
  },
  { name: 'inspections', hash: 'enterprise/pages/inspections/index', ready: '.inspections__row' },
  {
    name: 'inspections-detail',
    hash: () => `enterprise/pages/inspections/index?id=${encodeURIComponent(seeded.inspectionId)}`,
    ready: '.inspection-detail',
  },
  { name: 'enterprise-ledger', hash: 'enterprise/pages/ledger/index', ready: '.ledger-ent__status' },
];

/** The drills a worker may join, a running drill's detail (去签到) and the check-in page (start, and too far). */
const DRILL_WORKER_PAGES: AuditPage[] = [
  { name: 'drills-list-join', hash: 'drills/pages/list/index', ready: '.drill-card' },
  {
    name: 'drills-detail-worker',
    hash: () => `drills/pages/detail/index?id=${encodeURIComponent(seeded.townDrill)}`,
    ready: '.drill-detail__status',
  },
  { name: 'drills-checkin', hash: 'drills/pages/checkin/index', ready: '.checkin__token' },
  {
    name: 'drills-checkin-too-far',
    hash: 'drills/pages/checkin/index',
    ready: '.checkin__token',
    // The town drill's current code, pasted ~5 km north of its assembly point: the refusal and 重新定位.
    prepare: async (page) => {
      const { token } = (await callCloud(session.gateway.url, 'drill', 'admin-demo', {
        action: 'qr',
        drillId: seeded.townDrill,
      })) as { token: string };
      await page.context().grantPermissions(['geolocation'], { origin: session.gateway.url });
      await page.context().setGeolocation({
        ...gcj02ToWgs84({ latitude: DRILL_SITE.latitude + 0.045, longitude: DRILL_SITE.longitude }),
        accuracy: 20,
      });
      await visible(page, '.checkin__token input').fill(token);
      await visible(page, '.checkin__submit').click();
      await visible(page, '.checkin__problem').waitFor({ timeout: 15000 });
    },
  },
];

const DRILLS_ALL: AuditPage = {
  name: 'drills-list-all',
  hash: 'drills/pages/list/index',
  ready: '.drill-list__tabs',
  prepare: async (page) => {
    await page.getByRole('radio', { name: '全部', exact: true }).filter({ visible: true }).click();
    await visible(page, '.drill-card').waitFor();
  },
};

/**
 * Issue 11, the office desk: 数据看板 (安委办's town view; department staff see their own share — staff-YJ), 月度报表,
 * 系统配置 with two of its edit forms (分派规则, 办理时限), 曝光台管理. The dashboard waits for its charts to be drawn,
 * and audit() checks every visible chart has something on it in every view (they are pictures, but a blank chart
 * area is what dash11 saw for 应急 staff).
 */
const DASHBOARD: AuditPage = {
  name: 'office-dashboard',
  hash: 'office/pages/dashboard/index',
  ready: '.dash-meta',
  prepare: async (page) => {
    await page.waitForFunction(
      () => {
        const inked = (c: HTMLCanvasElement | null) => {
          const data = c?.width && c.height ? c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data : null;
          return !!data && data.some((v, i) => i % 4 === 3 && v > 0);
        };
        const charts = Array.from(document.querySelectorAll<HTMLElement>('.office-chart')).filter(
          (c) => c.offsetHeight > 0,
        );
        return charts.length > 0 && charts.every((c) => inked(c.querySelector('canvas')));
      },
      undefined,
      { timeout: 10000 },
    );
  },
};
const OFFICE11_PAGES: AuditPage[] = [
  DASHBOARD,
  { name: 'office-monthly', hash: 'office/pages/monthly/index', ready: '.monthly-current' },
  { name: 'office-config', hash: 'office/pages/config/index', ready: '.config-card' },
  { name: 'office-config-routing', hash: 'office/pages/config-edit/index?key=routing', ready: '.config-edit__save' },
  { name: 'office-config-sla', hash: 'office/pages/config-edit/index?key=sla', ready: '.config-edit__save' },
  { name: 'office-exposure', hash: 'office/pages/exposure/index', ready: '.office-total' },
];
/** 曝光台 as residents read it (the item 安委办 put up in beforeAll). */
const RESIDENT_EXPOSURE: AuditPage = {
  name: 'exposure',
  hash: 'resident/pages/exposure/index',
  ready: '.exposure-total',
};

const COMPLIANCE_PAGES: AuditPage[] = [
  { name: 'office-compliance', hash: 'office/pages/compliance/index', ready: '.office-total, .ui-state--empty' },
  {
    name: 'office-compliance-inspection',
    hash: 'office/pages/compliance/index',
    ready: '.office-total, .ui-state--empty',
    prepare: async (page) => {
      await page.getByRole('radio', { name: '自查', exact: true }).filter({ visible: true }).click();
      await page.getByRole('radio', { name: '全部', exact: true }).filter({ visible: true }).click();
      await visible(page, '.office-total').waitFor();
    },
  },
];

/** The staff ledger on 待审核: ENT-DEMO's self-inspection entry it fixed and asks to close. */
const LEDGER_REVIEW: AuditPage = {
  name: 'ledger-review',
  hash: 'staff/pages/ledger/index',
  ready: '.ledger__total',
  prepare: async (page) => {
    await page.getByRole('radio', { name: '待审核', exact: true }).filter({ visible: true }).click();
    await page.locator('.ledger__list:visible', { hasText: '企业已整改完成并申请销号' }).waitFor();
  },
};

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
  { role: 'resident', openid: 'resident-demo', pages: [...RESIDENT_PAGES, ...RESIDENT8_PAGES, RESIDENT_EXPOSURE] },
  { role: 'resident-first-report', openid: 'audit-resident-consent', pages: [CONSENT_SHEET] },
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
  { role: 'staff-CJ', openid: 'staff-CJ', pages: [...STAFF_PAGES, STAFF_FINE] },
  { role: 'head-CJ', openid: 'head-CJ', pages: STAFF_PAGES },
  {
    role: 'admin-demo',
    openid: 'admin-demo',
    pages: [
      ...STAFF_PAGES,
      TOWN_QUEUE,
      ...OFFICE_PAGES,
      ...OFFICE8_ADMIN,
      ...OFFICE9_PAGES,
      ...COMPLIANCE_PAGES,
      DRILLS_ALL,
      ...OFFICE11_PAGES,
    ],
  },
  {
    role: 'leader-demo',
    openid: 'leader-demo',
    pages: [TOWN_QUEUE, ...OFFICE_PAGES, ...OFFICE8_LEADER, ...COMPLIANCE_PAGES, DRILLS_ALL],
  },
  { role: 'staff-YJ', openid: 'staff-YJ', pages: [LEDGER_REVIEW, DASHBOARD] },
  {
    role: 'head-YJ',
    openid: 'head-YJ',
    pages: [
      LEDGER_REVIEW,
      {
        ...LEDGER_REVIEW,
        name: 'ledger-review-open',
        // The entry opened: its progress with photos and the head's 复核通过，销号 / note form.
        prepare: async (page) => {
          await LEDGER_REVIEW.prepare?.(page);
          await visible(page, '.ledger__item--rectified .ledger__title').click();
          await visible(page, '.ledger__close').waitFor();
        },
      },
    ],
  },
  {
    role: 'manager-demo',
    openid: 'manager-demo',
    pages: [
      { name: 'desk', hash: 'enterprise/pages/desk/index', ready: '.desk__tabs' },
      INTERNAL_DETAIL,
      { name: 'enterprise-training', hash: 'enterprise/pages/training/index', ready: '.ent-training' },
      {
        name: 'enterprise-training-new',
        hash: 'enterprise/pages/training/index',
        ready: '.ent-training__new',
        prepare: async (page) => {
          await visible(page, '.ent-training__new').click();
          await visible(page, '.quiz-form__publish').waitFor();
        },
      },
      {
        name: 'enterprise-training-assign',
        hash: 'enterprise/pages/training/index',
        ready: '.quiz-card__assign',
        prepare: async (page) => {
          await visible(page, '.quiz-card__assign').click();
          await visible(page, '.assign-form__save').waitFor();
        },
      },
      ...DRILL_MANAGER_PAGES,
      ...INSPECTION_PAGES,
    ],
  },
  {
    role: 'worker-demo',
    openid: 'worker-demo',
    pages: [
      { name: 'internal-report', hash: 'enterprise/pages/report/index', ready: '.internal-report' },
      { name: 'my-reports', hash: 'enterprise/pages/my-reports/index', ready: '.report-row' },
      INTERNAL_DETAIL,
      ...DRILL_WORKER_PAGES,
    ],
  },
  { role: 'worker-learner', openid: 'worker-demo', pages: TRAINING_PAGES },
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
      // Charts are drawn again at a new width: give them a moment (a chart still blank or of the old width is
      // then a finding).
      await page
        .waitForFunction(
          () =>
            Array.from(document.querySelectorAll<HTMLCanvasElement>('.office-chart canvas'))
              .filter((c) => c.offsetHeight > 0)
              .every((c) => {
                const box = c.parentElement!.getBoundingClientRect().width;
                const data =
                  c.width && c.height ? c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data : null;
                return (
                  Math.abs(c.getBoundingClientRect().width - box) <= 1 &&
                  Math.abs(c.width / (window.devicePixelRatio || 1) - box) <= 2 &&
                  !!data &&
                  data.some((v, i) => i % 4 === 3 && v > 0)
                );
              }),
          undefined,
          { timeout: 5000 },
        )
        .catch(() => undefined);
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
  await rewardCases(url);
  await trainingRecords(url);
  await drillsAndInspections(url);
  await officeDesk(url);
});

/** A report filed and found 属实 by 城建: its reward opens (待核定). */
async function foundedReport(url: string, reporter: string, anonymous: boolean) {
  const filed = await callCloud(
    url,
    'tipoff',
    reporter,
    submission({
      requestId: `audit-${reporter}-${Date.now()}`,
      ...(anonymous ? { anonymous, contact: undefined } : {}),
    }),
  );
  const act = (step: Record<string, unknown>) =>
    callCloud(url, 'queue', 'staff-CJ', { action: 'act', id: filed.id, ...step });
  await act({ step: 'accept' });
  await act({ step: 'verify', founded: true, note: '现场核实情况属实', major: false });
  return filed as { id: string; no: string; trackingCode?: string };
}

/**
 * Issue 8's desk: a founded case 待核定 (the fine section and the decide form), one decided (待审批 for the
 * leader), an anonymous one claimed and its claimant read (the leader's list of reads), and an anonymous one to claim.
 */
async function rewardCases(url: string) {
  seeded.foundedId = (await foundedReport(url, 'resident-demo', false)).id;
  const decided = await foundedReport(url, 'audit-reporter-decided', false);
  await callCloud(url, 'reward', 'admin-demo', {
    action: 'decide',
    reportId: decided.id,
    approved: true,
    amount: 20000,
    basis: '及时发现工地围挡倒塌隐患',
  });
  const claimed = await foundedReport(url, 'audit-reporter-claimed', true);
  await callCloud(url, 'reward', 'admin-demo', {
    action: 'decide',
    reportId: claimed.id,
    approved: true,
    amount: 10000,
    basis: '及时发现工地围挡倒塌隐患',
  });
  const { items } = (await callCloud(url, 'reward', 'leader-demo', { action: 'pending', status: 'decided' })) as {
    items: { id: string; tipoffId: string }[];
  };
  const rewardId = items.find((r) => r.tipoffId === claimed.id)?.id;
  await callCloud(url, 'reward', 'leader-demo', { action: 'approve', rewardId, approved: true });
  await callCloud(url, 'reward', 'audit-claimant', {
    action: 'claim',
    trackingCode: claimed.trackingCode,
    name: '李先生',
    phone: '13911112222',
  });
  await callCloud(url, 'reward', 'admin-demo', { action: 'identity', rewardId, reason: '联系领奖人办理发放' });
  seeded.claimCode = (await foundedReport(url, 'audit-reporter-anonymous', true)).trackingCode ?? '';
}

/** Every question of the bank as shipped (config/training), for answering a paper right or wrong by option text. */
function bankAnswers() {
  const dir = path.resolve(__dirname, '../../config/training/questions');
  const answers = new Map<string, string[]>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const file = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
      questions: { id: string; options: { key: string; text: string }[]; answer: string[] }[];
    };
    for (const q of file.questions)
      answers.set(
        q.id,
        q.options.filter((o) => q.answer.includes(o.key)).map((o) => o.text),
      );
  }
  return answers;
}

/**
 * Issue 9 as worker-demo: the town's fire quiz answered wrongly (the 错题本) and then rightly (result and
 * certificate), and an open attempt of the workers' exam (the quiz page resumes it).
 */
async function trainingRecords(url: string) {
  const answers = bankAnswers();
  const call = (body: Record<string, unknown>) => callCloud(url, 'training', 'worker-demo', body);
  // The browser tests' engine runs without the demo quizzes (they are not seeded under jest): 安委办 sets up two
  // like them — the town's fire quiz for everyone and the workers' exam.
  const quiz = async (input: Record<string, unknown>) =>
    (
      (await callCloud(url, 'training', 'admin-demo', {
        action: 'quizCreate',
        kind: 'exam',
        opensOn: inDays(0),
        closesOn: inDays(30),
        ...input,
      })) as { id: string }
    ).id;
  const fireId = await quiz({
    title: '消防安全知识测验',
    draw: [
      { topic: 'fire', count: 10 },
      { topic: 'evacuation', count: 5 },
    ],
    passPercent: 60,
    timeLimitMinutes: 20,
    attemptsAllowed: 0,
    audience: 'everyone',
  });
  seeded.examId = await quiz({
    title: '重大事故隐患判定标准考试',
    draw: [{ topic: 'major-hazard', count: 20 }],
    passPercent: 80,
    timeLimitMinutes: 30,
    attemptsAllowed: 3,
    audience: 'workers',
  });
  interface Paper {
    id: string;
    questions: { n: number; questionId: string; options: { key: string; text: string }[] }[];
  }
  const sit = async (right: boolean, quizId = fireId) => {
    const paper = (await call({ action: 'start', quizId })) as Paper;
    for (const q of paper.questions) {
      const texts = answers.get(q.questionId) ?? [];
      const keys = q.options.filter((o) => texts.includes(o.text) === right).map((o) => o.key);
      await call({ action: 'save', attemptId: paper.id, n: q.n, answer: right ? keys : keys.slice(0, 1) });
    }
    return (await call({ action: 'submit', attemptId: paper.id })) as { id: string; certificateCode?: string };
  };
  await sit(false);
  const passed = await sit(true);
  seeded.attemptId = passed.id;
  seeded.certificate = passed.certificateCode ?? '';
  await call({ action: 'start', quizId: seeded.examId });
  // A 知识竞赛 (the contest page, issue 9): worker-demo has answered today's round, so the board has a row.
  seeded.contestId = await quiz({
    title: '安全生产月知识竞赛',
    kind: 'contest',
    draw: [{ topic: 'fire', count: 5 }],
    passPercent: 60,
    timeLimitMinutes: 20,
    attemptsAllowed: 1,
    audience: 'everyone',
  });
  await sit(true, seeded.contestId);
}

/** The assembly point of the audit's drills (GCJ-02, as the plan form sends it). */
const DRILL_SITE = { latitude: 31.3318, longitude: 121.4447, address: '庙行镇示范路 88 号东侧空地' };

/** Town time (+08:00), `minutes` from now, as the drill form sends it. */
function townIso(minutes: number): string {
  const t = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000);
  return `${t.toISOString().slice(0, 19)}+08:00`;
}

/**
 * Issue 10 through the gateway (the flows are tested in drill-checkin and their action tests): ENT-DEMO's drills
 * planned (in two days), running (worker-demo checked in, one added by hand), all-clear, closed with its record,
 * and cancelled; 安委办's open town drill, running; a self-inspection with two 不符合 on major lines — one entry
 * with a progress note, the other fixed and 申请销号 (待审核 for 应急管理 YJ).
 */
async function drillsAndInspections(url: string) {
  const drill = (openid: string, body: Record<string, unknown>) => callCloud(url, 'drill', openid, body);
  const plan = async (title: string, fromMin: number, toMin: number, openid = 'manager-demo', open = false) =>
    (
      (await drill(openid, {
        action: 'create',
        title,
        type: open ? 'fire' : 'evacuation',
        startAt: townIso(fromMin),
        endAt: townIso(toMin),
        location: DRILL_SITE,
        radiusM: 100,
        audience: open ? 'open' : 'workers',
        ...(open ? { expectedCount: 80 } : {}),
        commander: '王安全',
        scenario: '一号车间配电间起火，全员按疏散路线撤离到东侧空地集合',
      })) as { id: string }
    ).id;
  const m = (body: Record<string, unknown>) => drill('manager-demo', body);
  seeded.drillPlanned = await plan('二号仓库燃气泄漏疏散演练', 2 * 24 * 60, 2 * 24 * 60 + 90);
  seeded.drillCancelled = await plan('三号车间消防演练', 3 * 24 * 60, 3 * 24 * 60 + 60);
  await m({ action: 'cancel', drillId: seeded.drillCancelled, reason: '当天有大风暴雨，改期进行' });

  seeded.drillStarted = await plan('一号车间疏散演练', -5, 120);
  await m({ action: 'start', drillId: seeded.drillStarted });
  const { token } = (await m({ action: 'qr', drillId: seeded.drillStarted })) as { token: string };
  const { latitude, longitude } = DRILL_SITE;
  await callCloud(url, 'drill', 'worker-demo', { action: 'checkin', token, latitude, longitude, accuracy: 15 });
  await m({ action: 'addByHand', drillId: seeded.drillStarted, name: '李师傅', note: '没带手机' });

  seeded.drillAllClear = await plan('包装车间疏散演练', -10, 60);
  await m({ action: 'start', drillId: seeded.drillAllClear });
  await m({ action: 'allClear', drillId: seeded.drillAllClear });

  seeded.drillClosed = await plan('全厂年度疏散演练', -20, 30);
  await m({ action: 'start', drillId: seeded.drillClosed });
  await m({ action: 'addByHand', drillId: seeded.drillClosed, name: '张师傅' });
  await m({ action: 'allClear', drillId: seeded.drillClosed });
  const photo = await uploadPhoto(url, 'manager-demo', `drill:${seeded.drillClosed}`);
  await m({
    action: 'close',
    drillId: seeded.drillClosed,
    record: {
      problems: '二号门疏散通道堆放纸箱，通行缓慢',
      improvements: '每周检查疏散通道，纸箱当天清走',
      rating: 'good',
      evaluation: '全员在 4 分钟内到达集合点，总体良好',
      photos: [photo],
    },
  });

  seeded.townDrill = await plan('共康片区居民消防疏散演练', -5, 120, 'admin-demo', true);
  await drill('admin-demo', { action: 'start', drillId: seeded.townDrill });

  const e = (body: Record<string, unknown>) => callCloud(url, 'enterprise', 'manager-demo', body);
  const list = (await e({ action: 'checklist' })) as {
    version: number;
    sections: { items: { id: string; major: boolean }[] }[];
  };
  const items = list.sections.flatMap((sec) => sec.items);
  const fails = items.filter((i) => i.major).slice(0, 2);
  const requestId = `audit-inspect-${Date.now()}`;
  const failPhoto = await uploadPhoto(url, 'manager-demo', `inspect:${requestId}`);
  const filed = (await e({
    action: 'selfInspect',
    requestId,
    version: list.version,
    leaderName: '王安全',
    items: items.map((i) =>
      fails.includes(i)
        ? { id: i.id, result: 'fail', note: '除尘器泄爆口朝向人员通道', photos: [failPhoto] }
        : { id: i.id, result: 'ok' },
    ),
  })) as { id: string; ledgerIds: string[] };
  seeded.inspectionId = filed.id;
  const [progressing, fixed] = filed.ledgerIds;
  await e({ action: 'ledgerProgress', id: progressing, note: '已联系厂家，下周改装泄爆口' });
  const evidence = await uploadPhoto(url, 'manager-demo', `ledger:${fixed}`);
  await e({ action: 'ledgerProgress', id: fixed, note: '已按要求整改完成', done: true, evidence: [evidence] });
}

/**
 * Issue 11: two reports routed to 应急管理 (YJ) in two areas, so 应急 staff's dashboard has charts; one of them a
 * founded major hazard that 安委办 puts up on 曝光台 (挂牌督办), so both boards have an item.
 */
async function officeDesk(url: string) {
  const file = async (categoryId: string, areaId: string, description: string) =>
    (
      (await callCloud(
        url,
        'tipoff',
        'resident-demo',
        submission({ requestId: `audit-yj-${categoryId}-${Date.now()}`, categoryId, areaId, description }),
      )) as { id: string }
    ).id;
  await file('dust', 'gk5', '厂房里粉尘很大，除尘设备一直没开');
  const major = await file('hazchem-storage', 'gk7', '仓库里堆放几十桶油漆稀释剂，旁边有人抽烟');
  const act = (step: Record<string, unknown>) =>
    callCloud(url, 'queue', 'staff-YJ', { action: 'act', id: major, ...step });
  await act({ step: 'accept' });
  await act({ step: 'verify', founded: true, note: '现场核实：危化品超量存放，属重大隐患', major: true });
  const { candidates } = (await callCloud(url, 'exposure', 'admin-demo', { action: 'manage' })) as {
    candidates: { ledgerId: string }[];
  };
  await callCloud(url, 'exposure', 'admin-demo', {
    action: 'supervise',
    ledgerId: candidates[0].ledgerId,
    note: '限期整改，镇安委办挂牌督办',
  });
}

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
