// Issue 7 "Done when", walked through the pages at phone width (390 px) as the people do it:
// 安委办 issues a manager code → a brand-new person binds it on 我的 and registers the enterprise → 安委办
// approves → the manager issues a single-use worker code → another new person binds it and reports inside the
// enterprise anonymously → the manager accepts, fixes with a photo (已整改) and never sees who reported; a second
// report left alone goes to the town by itself once the clock has moved 3 working days and the timer has run.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { findWorkday } from '../../cloudfunctions/core/holidays';
import { townDate } from '../../cloudfunctions/core/calendar';
import { defaultTown } from '../../cloudfunctions/core/town';
import { creditCodeCheckChar } from '../../types/credit-code';
import { SCREENSHOTS, browserSession, callCloud, personas, screenshot } from './harness';

const session = browserSession();
let page: Page;
let as: ReturnType<typeof personas>;

beforeAll(async () => {
  // A phone: 390 px wide (iPhone 12–15), not the 414 px of the other browser tests.
  page = await session.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  as = personas(page, session.gateway.url);
});

afterAll(async () => {
  await page?.close();
});

const asJson = { 'content-type': 'application/json' };
const suffix = Math.random().toString(36).slice(2, 8);
const MANAGER_NAME = '王安全';
const WORKER_NAME = '李晓工';
const ENTERPRISE = `庙行精密零件厂${suffix.slice(0, 3)}`;

/** A valid 统一社会信用代码 (工商 · 企业 · 上海宝山 310113), its check character computed per GB 32100-2015. */
function creditCode(): string {
  const body = `91310113${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  return body + creditCodeCheckChar(body);
}

const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A brand-new person (a WeChat user who has never opened the app): the switcher's ＋ 新用户 picks a fresh openid
 * and reloads; the bar then shows it as 当前. Returns that openid.
 */
async function newcomer(): Promise<string> {
  await as.openHome();
  const select = as.visible('select.identity-bar__select');
  await select.locator('option[value="__newcomer__"]').waitFor({ state: 'attached' });
  await Promise.all([page.waitForEvent('load'), select.selectOption('__newcomer__')]);
  await page.getByText('隐患随手拍').first().waitFor();
  // The bar says who is speaking now (the locator finds the reloaded bar), not a demo identity.
  const openid = await select.inputValue();
  expect(openid).toMatch(/^newcomer-[a-z0-9]+$/);
  expect(await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(`当前：${openid}`);
  return openid;
}

/**
 * Comes back as someone the switcher does not list (a newcomer from before, on the same phone): local mode keeps
 * the identity in Taro storage (`mx.local.openid`, src/services/identity.ts); a reload starts the app as them.
 */
async function speakAs(openid: string) {
  await page.goto(`${session.gateway.url}/#/pages/index/index`);
  await page.evaluate((id) => localStorage.setItem('mx.local.openid', JSON.stringify({ data: id })), openid);
  await page.reload();
  await page.getByText('隐患随手拍').first().waitFor();
}

/** Opens a page of the app by its route, as a link from another page would. */
async function open(route: string) {
  await page.goto(`${session.gateway.url}/#${route}`);
}

const button = (name: string) => page.getByRole('button', { name, exact: true }).filter({ visible: true }).first();

/** 我的 → 我有邀请码 → code and name → 绑定; waits for the granted role. */
async function bind(code: string, name: string, role: string) {
  await open('/pages/mine/index');
  await as.visible('.mine__bind-open').click();
  await as.visible('.mine__bind-code input').fill(code);
  await as.visible('#mine-bind-name').fill(name);
  await button('绑定').click();
  await page.getByText(`绑定成功：您现在是${role}`).filter({ visible: true }).waitFor({ timeout: 15000 });
  // The identity card now names the role and the person.
  await page.getByText(`姓名：${name}`).filter({ visible: true }).waitFor();
}

/** The visible text of the page (Taro h5 keeps hidden earlier pages in the DOM: only what is shown counts). */
const visibleText = () => page.evaluate(() => document.body.innerText);

test('issue 7: codes, the register, and an internal report fixed by the manager or escalated to the town', async () => {
  const { gateway } = session;

  // ── 安委办 issues a 企业安全管理人员 code with no enterprise (the manager will register one). ──
  await as.openHome();
  await as.become('admin-demo');
  await open('/office/pages/people/index');
  await as.visible('.office-tab-invites').click(); // 人员 | 发放邀请码 tabs at the top
  const form = as.visible('.office-invite-form');
  await form.waitFor();
  await form.getByText('企业安全管理人员', { exact: true }).click();
  await page.getByText('企业（不选则由对方登记新企业）').filter({ visible: true }).waitFor();
  await as.visible('.office-invite-form .ui-field:has-text("备注") input').fill(`${MANAGER_NAME}（新厂）`);
  await button('发放邀请码').click();
  const managerCode = ((await as.visible('.office-code__value').textContent({ timeout: 15000 })) ?? '').trim();
  expect(managerCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await screenshot(page, 'people7-01-office-manager-code');
  // The full page is long (the people list comes first): the code itself, as the officer sees it.
  await as.visible('.office-code').screenshot({ path: path.join(SCREENSHOTS, 'people7-01b-office-code-shown.png') });

  // ── A new person binds it on 我的 and registers the enterprise. ──
  const MANAGER = await newcomer();
  await bind(managerCode, MANAGER_NAME, '企业安全管理人员');
  await screenshot(page, 'people7-02-manager-bound');
  await as.visible('.mine__entry:has-text("登记企业")').click();
  await as.visible('.enterprise-form__name input').fill(ENTERPRISE);
  const code = creditCode();
  await as.visible('.enterprise-form__credit-code input').fill(code);
  await as.visible('.enterprise-form').getByText('工贸（其他）', { exact: true }).click();
  await as.visible('.enterprise-form').getByText('共康五村', { exact: true }).click();
  await as.visible('.enterprise-form__address input').fill('长江西路 2001 号');
  await as.visible('.enterprise-form__contact-name input').fill(MANAGER_NAME);
  await as.visible('.enterprise-form__contact-phone input').fill('13912345678');
  await as.visible('.enterprise-form__worker-count input').fill('35');
  await screenshot(page, 'people7-03-register-form');
  await as.visible('.enterprise-form__submit').click();
  await page.getByText('已提交，等待镇安委办审核').filter({ visible: true }).waitFor({ timeout: 15000 });
  await button('查看企业安全台').click();
  await as.visible('.desk__status:has-text("待审核")').waitFor();
  await screenshot(page, 'people7-04-desk-pending');

  // ── 安委办 approves it on the enterprise register. ──
  await as.become('admin-demo');
  await open('/office/pages/enterprises/index');
  const card = as.visible(`.office-enterprise:has-text("${ENTERPRISE}")`);
  await card.waitFor();
  await card.getByRole('button', { name: '审核' }).click();
  await page.getByText(`统一社会信用代码：${code}`).filter({ visible: true }).waitFor();
  await button('通过').click();
  await page.getByText(`通过「${ENTERPRISE}」的登记？`).filter({ visible: true }).waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await as.visible('.office-detail:has-text("已登记")').waitFor({ timeout: 15000 });
  await screenshot(page, 'people7-05-office-approved');

  // ── The manager issues a single-use worker code on the desk. ──
  await speakAs(MANAGER);
  await open('/pages/mine/index');
  await as.visible('.mine__entry:has-text("企业安全管理")').click();
  await as.visible('.desk__status:has-text("已登记")').waitFor();
  await as.visible('.desk__tabs').getByText('邀请员工', { exact: true }).click();
  await as.visible('.invite__note input').fill(WORKER_NAME);
  await as.visible('.invite__issue').click();
  const workerCode = ((await as.visible('.invite__code').textContent({ timeout: 15000 })) ?? '').trim();
  expect(workerCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await as.visible('.invite__item:has-text("已用 0/1 次")').waitFor();
  await screenshot(page, 'people7-06-worker-code');

  // ── Another new person binds it (a single-use code grants at once) and reports inside the enterprise. ──
  const WORKER = await newcomer();
  await bind(workerCode, WORKER_NAME, '企业从业人员');
  await as.visible('.mine__entry:has-text("我的企业内部报告")').click();
  await button('报告一条隐患').click();
  const fileReport = async (shot: string, category: string, description: string, place: string) => {
    await as.visible('.internal-report').getByText(category, { exact: true }).click();
    const box = as.visible('.internal-report__description textarea');
    await box.fill(description);
    // What the worker types reads at the body size (a browser's own textarea font is 13.3 px monospace).
    expect(await box.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(17);
    await as.visible('.internal-report__place input').fill(place);
    // Anonymous is the default, and says what it means.
    expect(
      await as.visible('.internal-report').getByRole('radio', { name: '匿名报告' }).getAttribute('aria-checked'),
    ).toBe('true');
    await page.getByText('匿名后，企业看不到是谁报告的。').filter({ visible: true }).waitFor();
    await screenshot(page, shot);
    await as.visible('.internal-report__submit').click();
    await page.getByText('已报告给本企业').filter({ visible: true }).waitFor({ timeout: 15000 });
    const no = (
      (await page
        .getByText(/^编号：/)
        .filter({ visible: true })
        .textContent()) ?? ''
    ).replace('编号：', '');
    expect(no).not.toBe('');
    return no.trim();
  };
  await fileReport(
    'people7-07a-internal-report-form',
    '工贸企业生产隐患',
    '冲床的防护罩拆掉了一直没装回去，容易夹手',
    '二号车间 3 号冲床',
  );
  await screenshot(page, 'people7-07-internal-report-filed');
  await button('再报告一条').click();
  await fileReport(
    'people7-07c-second-report-form',
    '安全出口锁闭/疏散通道堵塞',
    '仓库北侧安全出口被货架堵死，门还上了锁',
    '成品仓库北门',
  );

  // The worker code was for one person: a third newcomer who tries it is told it is used up, and stays a resident.
  await newcomer();
  await open('/pages/mine/index');
  await as.visible('.mine__bind-open').click();
  await as.visible('.mine__bind-code input').fill(workerCode);
  await as.visible('#mine-bind-name').fill('赵路人');
  await button('绑定').click();
  await as.visible('.mine__bind-error:has-text("邀请码已被使用完，请联系发放人重新获取")').waitFor({ timeout: 15000 });
  await as.visible('.mine__identity-roles:has-text("居民")').waitFor();
  await screenshot(page, 'people7-07b-code-used-up');

  // ── The manager sees them as 匿名报告, and nowhere the worker's name. ──
  await speakAs(MANAGER);
  await open('/enterprise/pages/desk/index');
  await as.visible('.desk__to-accept:has-text("待受理 2")').waitFor({ timeout: 15000 });
  // The badge and the list load separately: wait for the list's second row before counting.
  await page.locator('.report-row:visible').nth(1).waitFor();
  expect(await page.locator('.report-row:visible').count()).toBe(2);
  for (const row of await page.locator('.report-row:visible').all()) {
    expect(await row.textContent()).toContain('匿名报告');
  }
  expect(await visibleText()).not.toContain(WORKER_NAME);
  await screenshot(page, 'people7-08-desk-anonymous-reports');
  // Nor in anything the server sends the manager.
  const listed = await callCloud(gateway.url, 'enterprise', MANAGER, { action: 'reports', page: 1, pageSize: 20 });
  expect(JSON.stringify(listed)).not.toContain(WORKER_NAME);
  expect(JSON.stringify(listed)).not.toContain(WORKER);
  for (const r of listed.items as { id: string }[]) {
    const detail = JSON.stringify(
      await callCloud(gateway.url, 'enterprise', MANAGER, { action: 'reportDetail', id: r.id }),
    );
    expect(detail).not.toContain(WORKER_NAME);
    expect(detail).not.toContain(WORKER);
  }

  // Accept the first with a deadline, then record the fix with a photo.
  await as.visible('.report-row:has-text("冲床的防护罩")').click();
  await as.visible('.report-detail__reporter:has-text("匿名报告")').waitFor();
  expect(await visibleText()).not.toContain(WORKER_NAME);
  await as.visible('.report-detail__accept').click();
  const [y, m, d] = inDays(7).split('-').map(Number);
  await as.visible('.internal-form__deadline .date-picker__y').selectOption(String(y));
  await as.visible('.internal-form__deadline .date-picker__m').selectOption(String(m));
  await as.visible('.internal-form__deadline .date-picker__d').selectOption(String(d));
  await as.visible('.internal-form--accept .internal-form__note textarea').fill('已安排设备科今天装回防护罩');
  await as.visible('.internal-form__submit').click();
  await as.visible('.report-detail__status:has-text("企业整改中")').waitFor({ timeout: 15000 });
  await as.visible('.report-detail__fixed').click();
  await as.addPhoto('.internal-form__evidence .photos__add');
  await as.visible('.internal-form__evidence .photos__item--done').waitFor({ timeout: 15000 });
  await as.visible('.internal-form--fixed .internal-form__note textarea').fill('防护罩已装回并加装光电保护');
  await as.visible('.internal-form__submit').click();
  await as.visible('.report-detail__status:has-text("已整改")').waitFor({ timeout: 15000 });
  await page.waitForFunction(() => {
    const img = Array.from(document.querySelectorAll<HTMLImageElement>('.report-detail__evidence img')).find(
      (i) => i.offsetParent !== null,
    );
    return !!img && img.complete && img.naturalWidth > 0;
  });
  expect(await visibleText()).not.toContain(WORKER_NAME);
  await screenshot(page, 'people7-09-fixed-with-photo');

  // ── The second report is left alone: 3 working days later the timer sends it to the town. ──
  const now = new Date(
    (
      (await (
        await fetch(`${gateway.url}/local/clock`, { method: 'POST', headers: asJson, body: '{"advanceDays":0}' })
      ).json()) as {
        data: { now: string };
      }
    ).data.now,
  );
  const today = townDate(now);
  const third = findWorkday(3, today, defaultTown().holidays);
  const advanceDays = Math.round((Date.parse(third) - Date.parse(today)) / 86_400_000);
  await fetch(`${gateway.url}/local/clock`, { method: 'POST', headers: asJson, body: JSON.stringify({ advanceDays }) });
  try {
    const timer = await fetch(`${gateway.url}/local/timer/scheduler`, { method: 'POST', headers: asJson });
    const ran = (await timer.json()) as { data: { internalReports: { notAccepted: number; failed: number } } };
    // At least ours (the demo seed may hold more); the fixed one is not touched (the worker's list shows it).
    expect(ran.data.internalReports.notAccepted).toBeGreaterThanOrEqual(1);
    expect(ran.data.internalReports.failed).toBe(0);

    // The worker sees it 已转报镇里 with the town's number; the fixed one stays 已整改.
    await speakAs(WORKER);
    await open('/enterprise/pages/my-reports/index');
    await as.visible('.report-row:has-text("安全出口"):has-text("已转报镇里")').waitFor({ timeout: 15000 });
    await as.visible('.report-row:has-text("冲床的防护罩"):has-text("已整改")').waitFor();
    await screenshot(page, 'people7-10-worker-escalated');
    await as.visible('.report-row:has-text("安全出口")').click();
    const escalation = as.visible('.report-detail__escalation');
    const tipoffNo = /MX-\d{4}-\d{6}/.exec((await escalation.textContent({ timeout: 15000 })) ?? '')?.[0] ?? '';
    expect(tipoffNo).not.toBe('');
    expect(await escalation.textContent()).toContain('企业 2 个工作日内未受理');

    // It is a tip-off in the worker's 我的 …
    await open('/pages/mine/index');
    await as.visible(`.mine__item:has-text("${tipoffNo}")`).waitFor({ timeout: 15000 });
    await screenshot(page, 'people7-11-worker-mine-tipoff');

    // The manager is told, in 消息: the registration passed, the two reports arrived, one went to the town —
    // and never by whom.
    await speakAs(MANAGER);
    await open('/pages/messages/index');
    await as.visible('.messages__item:has-text("内部报告已转报镇里")').waitFor({ timeout: 15000 });
    await as.visible('.messages__item:has-text("企业登记已通过")').waitFor();
    expect(await page.locator('.messages__item:visible:has-text("收到内部隐患报告")').count()).toBe(2);
    expect(await visibleText()).not.toContain(WORKER_NAME);
    await screenshot(page, 'people7-11b-manager-messages');

    // … and in the queue of the department it was routed to (安全出口 → 消防救援), with its history.
    await as.become('staff-XF');
    await as.openHome();
    await page.getByText('部门待办').first().click();
    await as.visible(`.queue__item:has-text("${tipoffNo}")`).click();
    // The case page (not the queue behind it): its action panel, and the internal history first in its record.
    await as.visible('.action-panel, .action-panel--none').waitFor({ timeout: 15000 });
    await page
      .getByText(/企业内部报告 NB-\d{4}-\d{6}：企业 2 个工作日内未受理/)
      .filter({ visible: true })
      .first()
      .waitFor();
    // Anonymous to the town as well: 举报人：匿名, no name, no openid.
    await page.getByText('举报人：匿名', { exact: true }).filter({ visible: true }).first().waitFor();
    expect(await visibleText()).not.toContain(WORKER);
    expect(await visibleText()).not.toContain(WORKER_NAME);
    await screenshot(page, 'people7-12-department-queue-detail');

    // 安委办 sees how many internal reports the enterprise had and how many reached the town — not what they say.
    await as.become('admin-demo');
    await open('/office/pages/enterprises/index');
    const stats = as.visible(`.office-card:not(.office-enterprise):has-text("${ENTERPRISE}") .office-stats`);
    await stats.waitFor({ timeout: 15000 });
    const counts = (await stats.textContent()) ?? '';
    expect(counts).toContain('内部报告 2 条');
    expect(counts).toContain('已整改 1');
    expect(counts).toContain('转报镇里 1');
    expect(await visibleText()).not.toContain('冲床');
    expect(await visibleText()).not.toContain('安全出口被货架');
    await stats.scrollIntoViewIfNeeded();
    await screenshot(page, 'people7-13-office-internal-counts');
  } finally {
    await fetch(`${gateway.url}/local/clock`, {
      method: 'POST',
      headers: asJson,
      body: JSON.stringify({ reset: true }),
    });
  }
}, 240_000); // one long walk through five people's pages: more than the suite's 120 s on a busy machine
