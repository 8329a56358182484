// Issue 10's "Done when" for drills, in the browser, every step through the real pages: ENT-DEMO's safety manager
// (manager-demo) opens 应急演练 from the enterprise desk, plans a drill on the plan page (a window starting within the
// next minutes), starts it on the run page, worker-demo checks in on drills/pages/checkin with the token the run page
// shows at that moment and a position inside the radius; the manager sees 已签到 1, gives the all-clear, files the
// record with a photo and closes the drill; the detail shows the evacuation time and the record; ENT-DEMO's drill
// duty turns green on the desk and on 安委办's 演练与自查 page (it was 尚无记录 before).
//
// Two phones: the manager's run page stays open in one browser context (it keeps rotating the QR and polling the
// headcount) while the worker checks in from a second context, each with its own identity.
//
// The assembly point is set with 使用当前位置 (the browser's geolocation granted and placed on site), not by giving
// ENT-DEMO a registered location in the shared demo seed: it is what an organiser does standing on the assembly
// point, and it keeps the seed untouched. The browser gives WGS-84 and the pages convert to GCJ-02, so the browser
// stands at gcj02ToWgs84(SITE) for both the manager and the worker (src/drills/geo.ts).
import dayjs from 'dayjs';
import type { BrowserContext, Page } from 'playwright-core';
import { gcj02ToWgs84 } from '../../src/drills/geo';
import { browserSession, personas, screenshot } from './harness';

const session = browserSession();
const VIEWPORT = { width: 390, height: 844 };
beforeAll(() => session.page.setViewportSize(VIEWPORT));

const SITE = { latitude: 31.3318, longitude: 121.4447 };
const ADDRESS = '庙行镇示范路 88 号东门外空地';
const TITLE = `一号车间疏散演练 ${Date.now().toString(36).slice(-4)}`;
const ENT = '庙行示范精密制造有限公司';
/** ENT-DEMO is high-risk (trade-dust): a drill every six months. */
const DRILL_MONTHS = 6;

const TOWN_OFFSET_MS = 8 * 3600_000;
/** The town's date (YYYY-MM-DD) at an instant. */
const townDay = (ms: number) => new Date(ms + TOWN_OFFSET_MS).toISOString().slice(0, 10);
/** 2027-05-29 → "2027 年 5 月 29 日", as the duty lines write it. */
const chineseDay = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
};

/**
 * The plan's window: the next 5-minute slot at least one minute from now (the time pickers step by 5 minutes; a
 * start in the past is refused), never 23:55 (the end must be later the same day), ending an hour later or at 23:55.
 * The start is at most 11 minutes away, inside the 15 minutes before it when the drill may already be started.
 */
function planWindow(now = Date.now()) {
  const step = 5 * 60_000;
  let start = Math.ceil((now + 60_000) / step) * step;
  const hhmm = (ms: number) => new Date(ms + TOWN_OFFSET_MS).toISOString().slice(11, 16);
  if (hhmm(start) === '23:55') start += step;
  const date = townDay(start);
  const end = Math.min(start + 60 * 60_000, Date.parse(`${date}T23:55:00+08:00`));
  const [sh, sm] = hhmm(start).split(':').map(Number);
  const [eh, em] = hhmm(end).split(':').map(Number);
  return { date, start: { h: sh, m: sm }, end: { h: eh, m: em } };
}

/** The open dialog (only one is drawn at a time). */
const dialogOf = (page: Page) => page.locator('.ui-dialog__box:visible').first();

async function standOnSite(context: BrowserContext, origin: string) {
  await context.grantPermissions(['geolocation'], { origin });
  await context.setGeolocation({ ...gcj02ToWgs84(SITE), accuracy: 15 });
}

/** 我的 → 企业安全管理: the enterprise desk, as the current identity (the manager). */
async function openDesk() {
  const { as } = session;
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("企业安全管理")').click();
  await as.visible('.desk__duties .duties__line--drill').waitFor();
}

/** 我的 → 安委办：演练与自查, 演练, the given filter, as admin-demo. */
async function openCompliance(filter: '需关注' | '全部') {
  const { page, as } = session;
  await as.openHome();
  await as.become('admin-demo');
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("安委办：演练与自查")').click();
  await as.visible('.compliance').waitFor();
  await as.visible('.compliance .ui-chip:has-text("演练")').click();
  await as.visible(`.compliance .ui-chip:has-text("${filter}")`).click();
  await page
    .getByText(/^共 \d+ 家$/)
    .filter({ visible: true })
    .waitFor();
}
const complianceRow = () => session.as.visible(`.compliance-row:has-text("${ENT}")`);

let worker: { context: BrowserContext; page: Page; as: ReturnType<typeof personas> };
afterAll(async () => {
  await worker?.context.close();
});

test('before the drill: ENT-DEMO is flagged for 安委办 and its desk says 尚无记录', async () => {
  const { page, as } = session;
  await openCompliance('需关注');
  const row = complianceRow();
  await row.waitFor();
  expect((await row.locator('.compliance-row__state').textContent())?.trim()).toBe('尚无记录');
  await row.getByText('上次演练：尚无记录').waitFor();
  await screenshot(page, 'drills-01-compliance-before');

  await as.become('manager-demo');
  await openDesk();
  const line = as.visible('.desk__duties .duties__line--drill');
  await line.getByText('尚无记录', { exact: true }).waitFor();
  await line.getByText('尚无记录，请尽快完成').waitFor();
});

let drillUrl = '';
let startedOn = '';

test('the manager plans a drill from the desk and starts it on the run page', async () => {
  const { page, as, gateway } = session;
  await standOnSite(page.context(), gateway.url);
  // The desk: 打开应急演练 → the list → 计划新演练.
  await as.visible('.desk__drills').getByText('打开应急演练').click();
  await as.visible('.drill-list__plan').click();
  await as.visible('.drill-plan').waitFor();

  const w = planWindow();
  await as.visible('.drill-plan__title input').fill(TITLE);
  await as.visible('.drill-plan__types .ui-chip:has-text("疏散逃生演练")').click();
  const [y, m, d] = w.date.split('-').map(Number);
  await as.visible('.drill-plan .date-picker__y').selectOption(String(y));
  await as.visible('.drill-plan .date-picker__m').selectOption(String(m));
  await as.visible('.drill-plan .date-picker__d').selectOption(String(d));
  await as.visible('select[aria-label="开始时间：时"]').selectOption(String(w.start.h));
  await as.visible('select[aria-label="开始时间：分"]').selectOption(String(w.start.m));
  await as.visible('select[aria-label="结束时间：时"]').selectOption(String(w.end.h));
  await as.visible('select[aria-label="结束时间：分"]').selectOption(String(w.end.m));
  await as.visible('.drill-plan__address input').fill(ADDRESS);
  await as.visible('.drill-plan__gps').click();
  await page.getByText('已定位集合点。签到时按这个位置计算距离。').filter({ visible: true }).waitFor();
  await as.visible('.drill-plan__radius .ui-chip:has-text("100 米")').click();
  await as.visible('.drill-plan__commander input').fill('王安全');
  await as.visible('.drill-plan__scenario textarea').fill('一号车间粉尘区起火，烟雾蔓延到东侧楼梯间');
  await screenshot(page, 'drills-02-plan');
  await as.visible('.drill-plan__submit').click();

  // The detail of the planned drill → 打开演练现场页.
  await as.visible('.drill-detail').getByText(TITLE).waitFor();
  await as.visible('.drill-detail__status').getByText('待开始').waitFor();
  await as.visible('.drill-detail__run').click();
  await as.visible('.drill-run').waitFor();
  drillUrl = page.url();
  await as.visible('.drill-run__token').waitFor();

  // 开始演练 with its confirmation.
  await as.visible('.drill-run__start').click();
  await dialogOf(page).getByText('拉响警报，开始演练？').waitFor();
  await as.visible('.ui-dialog__confirm').click();
  startedOn = townDay(Date.now());
  await as.visible('.drill-run__notice').getByText('警报已拉响，开始计时。').waitFor();
  await as.visible('.drill-run__elapsed').waitFor();
  await as
    .visible('.drill-run__headcount')
    .getByText(/^已签到 0 \/ 应到 \d+$/)
    .waitFor();
});

test('worker-demo checks in with the token the run page shows now, at the assembly point; the manager sees 已签到 1', async () => {
  const { page, as, browser, gateway } = session;
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  worker = { context, page: await context.newPage(), as: undefined as never };
  worker.as = personas(worker.page, gateway.url);
  await standOnSite(context, gateway.url);
  // 我的 → 扫码签到, as the worker.
  await worker.as.openHome();
  await worker.as.become('worker-demo');
  await worker.as.openHome();
  await worker.as.visible('.home__mine').click();
  await worker.as.visible('.mine__checkin-entry').click();
  await worker.as.visible('.checkin__token input').waitFor();

  // The code on the manager's screen right now (it changes every 20 s and lives 30 s).
  const shown = ((await as.visible('.drill-run__token').textContent()) ?? '').trim();
  const token = shown.replace(/^网页版签到码：/, '');
  expect(token).toMatch(/^mhd1\./);
  await worker.as.visible('.checkin__token input').fill(token);
  await worker.as.visible('.checkin__submit').click();
  await worker.page.getByText('✓ 签到成功').filter({ visible: true }).waitFor();
  await worker.as.visible('.checkin__drill').getByText(TITLE).waitFor();
  await worker.page
    .getByText(/^距集合点约 \d 米$/)
    .filter({ visible: true })
    .waitFor();
  await screenshot(worker.page, 'drills-03-checkin-success');

  // The manager's run page polls the headcount: 已签到 1, the worker in the list.
  await as
    .visible('.drill-run__headcount')
    .getByText(/^已签到 1 \/ 应到 \d+$/)
    .waitFor({ timeout: 15000 });
  await as.visible('.drill-run__present').waitFor();
  await as.visible('.drill-run__countdown').waitFor();
  await screenshot(page, 'drills-04-run');
});

test('the manager gives the all-clear, files the record with a photo and closes the drill', async () => {
  const { page, as } = session;
  await as.visible('.drill-run__all-clear').click();
  await dialogOf(page).getByText('解除警报？').waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await as
    .visible('.drill-run__notice')
    .getByText(/^警报已解除，疏散用时 .+。$/)
    .waitFor();
  expect(await page.locator('.drill-run__token:visible').count()).toBe(0);
  await as.visible('.drill-run__record').click();

  await as.visible('.drill-close').waitFor();
  await as.visible('.drill-close__problems textarea').fill('东侧楼梯间有杂物，2 人疏散时走错方向');
  await as.visible('.drill-close__improvements textarea').fill('每周清理楼梯间；集合点指示牌加装在车间出口');
  await as.visible('.drill-close__rating .ui-chip:has-text("良好")').click();
  await as.visible('.drill-close__evaluation textarea').fill('人员反应迅速，总指挥指令清楚，达到演练目的');
  await as.addPhoto('.drill-close__photos .photos__add');
  await as.visible('.drill-close__photos .photos__item--done').waitFor();
  await screenshot(page, 'drills-05-record');
  await as.visible('.drill-close__submit').click();
  await dialogOf(page).getByText('提交演练记录并归档？').waitFor();
  await as.visible('.ui-dialog__confirm').click();

  // The detail: closed, the evacuation time, the record.
  await as.visible('.drill-detail__status').getByText('已归档').waitFor();
  await as
    .visible('.drill-detail__evacuation')
    .getByText(/^疏散用时 .+/)
    .waitFor();
  const record = as.visible('.drill-detail__record');
  await record.getByText('东侧楼梯间有杂物，2 人疏散时走错方向').waitFor();
  await record.getByText('每周清理楼梯间；集合点指示牌加装在车间出口').waitFor();
  await record.getByText('人员反应迅速，总指挥指令清楚，达到演练目的').waitFor();
  expect((await record.locator('.drill-detail__headcount').textContent())?.trim()).toMatch(/^1 \/ \d+$/);
  await screenshot(page, 'drills-06-detail');
  expect(drillUrl).toContain('/drills/pages/run/index?id=');
});

test("after the drill: ENT-DEMO's drill duty is green on its desk and no longer flagged for 安委办", async () => {
  const { page, as } = session;
  const due = dayjs(startedOn).add(DRILL_MONTHS, 'month').format('YYYY-MM-DD');
  const daysLeft = dayjs(due).diff(dayjs(startedOn), 'day');

  await openDesk();
  const line = as.visible('.desk__duties .duties__line--drill');
  await line.getByText(`还有 ${daysLeft} 天`, { exact: true }).waitFor();
  await line.getByText(`${chineseDay(due)}前`).waitFor();
  expect(await line.locator('.ui-badge--success').count()).toBe(1);
  await screenshot(page, 'drills-07-desk-after');

  await openCompliance('需关注');
  expect(await page.locator(`.compliance-row:visible:has-text("${ENT}")`).count()).toBe(0);
  await as.visible('.compliance .ui-chip:has-text("全部")').click();
  const row = complianceRow();
  await row.waitFor();
  expect((await row.locator('.compliance-row__state').textContent())?.trim()).toBe(`还有 ${daysLeft} 天`);
  await row.getByText(`上次演练：${chineseDay(startedOn)}`).waitFor();
  await row.getByText(`应在此前完成：${chineseDay(due)}`).waitFor();
  await screenshot(page, 'drills-08-compliance-after');
});
