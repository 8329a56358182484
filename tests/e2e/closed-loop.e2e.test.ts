import privacyNotice from '../../config/town/privacy.json';
import { browserSession, callCloud, screenshot } from './harness';

const session = browserSession();

const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

function submission(overrides: Record<string, unknown>) {
  return {
    action: 'submit',
    requestId: `e2e-${Math.random().toString(36).slice(2, 12)}`,
    description: '工地围挡倒塌，脚手架没有防护网',
    photos: [],
    location: { latitude: 31.3361, longitude: 121.4432, address: '共康七村南门外工地' },
    areaId: 'gk7',
    anonymous: true,
    suspectedMajor: false,
    categoryId: 'construction-site',
    privacyVersion: privacyNotice.version, // the 《个人信息保护说明》 in force
    ...overrides,
  };
}

/** Opens a case from the department queue (as the current identity), from one of its four tabs. */
async function openCase(no: string, tab = '待受理') {
  const { page, as } = session;
  await as.openHome();
  await page.getByText('部门待办').click();
  await as.visible(`.queue__tab:has-text("${tab}")`).click();
  await as.visible(`.queue__item:has-text("${no}")`).click();
  await as.visible('.action-panel, .action-panel--none').waitFor();
}

/**
 * Takes a step in the open case's action panel and waits until the panel has moved on. Irreversible steps
 * (驳回, 合并, 转办, 复核销号, 认定重大) ask first: `confirm` clicks the dialog's confirm button.
 */
async function takeStep(step: string, fill: () => Promise<void>, confirm = false) {
  const { page, as } = session;
  await as.visible(`.detail__action-${step}`).click();
  await fill();
  await as.visible('.act-form__submit').click();
  if (confirm) await as.visible('.ui-dialog__confirm').click();
  await page.locator(`.detail__action-${step}:visible`).waitFor({ state: 'detached' });
}

test('the closed loop as people do it: report with a photo → routed → 受理 → 核查 → 整改 → 销号 → rated', async () => {
  const { page, as } = session;
  // A resident files a report with a photo.
  await as.openHome();
  await as.become('resident-demo');
  await as.openHome();
  await page.getByText('隐患随手拍').first().click();
  await as.visible('.emergency__continue').click();
  await page.getByText('燃气管道/设施隐患', { exact: true }).click();
  await as.addPhoto('.report__photos .photos__add');
  await as.visible('.report__photos .photos__item--done').waitFor();
  await as.visible('.report__textarea textarea').fill('共康五村 3 号楼燃气立管锈穿，能闻到轻微燃气味。');
  await page.getByText('共康五村', { exact: true }).click();
  await as.visible('.report__address input').fill('共康五村 3 号楼东侧');
  await screenshot(page, 'loop-01-report-with-photo');
  await as.visible('.report__submit').click();
  // The first report asks consent to the privacy notice (issue 8) before anything is sent.
  await as.visible('.consent-sheet .ui-dialog__confirm').click();
  const no = ((await page.getByText(/^编号：MX-\d{4}-\d{6}$/).textContent({ timeout: 15000 })) ?? '').replace(
    '编号：',
    '',
  );
  await page.getByText('已分派至：城建').waitFor();

  // 城建 staff take it through 受理, 核查 and 整改.
  await as.become('staff-CJ');
  await openCase(no);
  await screenshot(page, 'loop-02-staff-detail');
  // The photo arrives through the URL the server signed (an unsigned /storage/<id> is refused).
  const photo = page.locator('.detail__photos img').first();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.detail__photos img');
    return !!img && img.complete && img.naturalWidth > 0;
  });
  expect(await photo.getAttribute('src')).toMatch(/\/storage\/local-[0-9a-f]{32}-[0-9a-f]{32}\.png\?exp=\d+&sig=/);
  await takeStep('accept', async () => undefined);
  await takeStep('verify', async () => {
    await as.visible('.act-form__founded').click();
    await as.visible('.act-form__note textarea').fill('现场核实：立管锈蚀穿孔，已临时关阀');
  });
  await takeStep('order', async () => {
    // The deadline picker is Chinese (年 / 月 / 日 selects), not the browser's "mm/dd/yyyy" date input.
    const [y, m, d] = inDays(10).split('-').map(Number);
    await as.visible('.act-form__deadline .date-picker__y').selectOption(String(y));
    await as.visible('.act-form__deadline .date-picker__m').selectOption(String(m));
    await as.visible('.act-form__deadline .date-picker__d').selectOption(String(d));
    await as.visible('.act-form__note textarea').fill('更换锈蚀立管并做气密性试验');
    await as.visible('.act-form__unit input').fill('共康五村物业');
  });
  await takeStep('rectified', async () => {
    await as.addPhoto('.act-form__evidence .photos__add');
    await as.visible('.act-form__evidence .photos__item--done').waitFor();
    await as.visible('.act-form__note textarea').fill('立管已更换，试验合格');
  });
  // The one who recorded the fix has no sign-off button.
  expect(await page.locator('.detail__action-signoff:visible').count()).toBe(0);
  await screenshot(page, 'loop-03-rectified');

  // The department head signs it off.
  await as.become('head-CJ');
  await openCase(no, '待销号');
  await takeStep(
    'signoff',
    async () => {
      await as.visible('.act-form__approve').click();
      await as.visible('.act-form__note textarea').fill('现场复核，整改到位');
    },
    true,
  );
  await page.getByText('已销号').filter({ visible: true }).first().waitFor();

  // The resident sees 已办结 (not the staff term 已销号) with every step and rates the handling.
  await as.become('resident-demo');
  await as.openHome();
  await page.getByText('我的举报').first().click();
  await as.visible(`.mine__item:has-text("${no}")`).click();
  await page.getByText('已办结').filter({ visible: true }).first().waitFor();
  await as.visible('.rating__star-5').click();
  await as.visible('.rating__submit').click();
  await page.getByText('您的评价').filter({ visible: true }).first().waitFor();
  await screenshot(page, 'loop-04-closed-and-rated');
});

test('a transfer lands in the other department; a duplicate is merged into the earlier report', async () => {
  const { page, as, gateway } = session;
  const older = await callCloud(gateway.url, 'tipoff', 'resident-demo', submission({}));
  const newer = await callCloud(
    gateway.url,
    'tipoff',
    'worker-demo',
    submission({ description: '共康七村南门工地脚手架没挂安全网' }),
  );
  const elsewhere = await callCloud(
    gateway.url,
    'tipoff',
    'resident-demo',
    submission({ categoryId: 'construction-height', description: '路边广告牌松动摇晃，可能坠落伤人' }),
  );

  await as.openHome();
  await as.become('staff-CJ');
  // Merge the newer report into the older one.
  await openCase(newer.no);
  await takeStep(
    'merge',
    async () => {
      await as.visible(`.act-form__candidate:has-text("${older.no}")`).click();
    },
    true,
  );
  await page.getByText(`与 ${older.no} 为同一隐患`).filter({ visible: true }).first().waitFor();
  await screenshot(page, 'loop-05-merged');

  // Transfer a report that is not 城建's to 城管.
  await openCase(elsewhere.no);
  await as.visible('.detail__action-transfer').click();
  await as.visible('.act-form__departments').getByText('城管', { exact: true }).click();
  await as.visible('.act-form__note textarea').fill('属于户外广告设施，由城管负责');
  await as.visible('.act-form__submit').click();
  await page.getByText('转办后本部门不再办理此举报，无法撤回。').filter({ visible: true }).waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await page.locator('.queue__item').first().waitFor();

  await as.become('staff-CG');
  await openCase(elsewhere.no);
  await page
    .getByText(/由城建转办/)
    .filter({ visible: true })
    .first()
    .waitFor();
  await screenshot(page, 'loop-06-transferred-to-CG');
});

test('驳回 asks first and says the consequence: 取消 changes nothing, 确认驳回 rejects', async () => {
  const { page, as, gateway } = session;
  const spam = await callCloud(
    gateway.url,
    'tipoff',
    'resident-demo',
    submission({ description: '测试测试，随便拍的，不是隐患' }),
  );
  await as.openHome();
  await as.become('staff-CJ');
  await openCase(spam.no);
  await as.visible('.detail__action-reject').click();
  await as.visible('.act-form__note textarea').fill('非安全隐患，系测试内容');
  await as.visible('.act-form__submit').click();
  await page.getByText('驳回后将告知举报人，无法撤销。').filter({ visible: true }).waitFor();
  await screenshot(page, 'loop-08-reject-confirm');
  await as.visible('.ui-dialog__cancel').click();
  expect(await page.locator('.ui-dialog:visible').count()).toBe(0);
  // Nothing was sent: the step is still there to take.
  expect(await page.locator('.detail__action-reject:visible').count()).toBe(1);
  await as.visible('.act-form__submit').click();
  await as.visible('.ui-dialog__confirm').click();
  await page.locator('.detail__action-reject:visible').waitFor({ state: 'detached' });
  await page.getByText('已驳回').filter({ visible: true }).first().waitFor();
});

test('an overdue report climbs the escalation ladder when the scheduler runs with the clock moved forward', async () => {
  const { page, as, gateway } = session;
  const late = await callCloud(
    gateway.url,
    'tipoff',
    'resident-demo',
    submission({ description: '深基坑边没有护栏，晚上很危险' }),
  );
  // Ten days on, nobody has accepted it: the timer trigger fires.
  // The local endpoints take JSON only (no simple cross-site request may move the clock).
  const asJson = { 'content-type': 'application/json' };
  await fetch(`${gateway.url}/local/clock`, {
    method: 'POST',
    headers: asJson,
    body: JSON.stringify({ advanceDays: 10 }),
  });
  const swept = await (await fetch(`${gateway.url}/local/timer/scheduler`, { method: 'POST', headers: asJson })).json();
  expect(swept.data.escalated.notice).toBeGreaterThan(0);

  await as.openHome();
  await as.become('staff-CJ');
  await as.openHome();
  await page.getByText('部门待办').click();
  const card = as.visible(`.queue__item:has-text("${late.no}")`);
  await card.waitFor();
  // The deadline reads as a countdown in colour: past due, it says so ("超期 N 天" / "已超期").
  expect(await card.locator('.queue__overdue').textContent()).toMatch(/^(超期 \d+ 天|已超期)$/);
  expect(['函告', '通报', '约谈', '曝光']).toContain(await card.locator('.queue__escalation').textContent());
  await screenshot(page, 'loop-07-overdue-escalated');
  await fetch(`${gateway.url}/local/clock`, { method: 'POST', headers: asJson, body: JSON.stringify({ reset: true }) });
});
