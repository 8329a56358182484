// Issue 8's "Done when", in the browser: a named major hazard rewarded at 15 % of its fine and paid, and an
// anonymous report rewarded and claimed with its 查询码 — every step through the real pages, as the demo's
// identities take them (the decider and the approver are different people: the server refuses self-approval).
import { browserSession, screenshot } from './harness';

const session = browserSession();
// The width of a common phone (the harness opens 414 px): the desk, the fine and 我的奖励 must fit it.
beforeAll(() => session.page.setViewportSize({ width: 390, height: 844 }));

/** Files a report through 隐患随手拍 as the current identity; agrees to the privacy notice when asked. */
async function fileReport(opts: {
  category: string;
  description: string;
  area: string;
  address: string;
  named?: { name: string; phone: string };
  suspectedMajor?: boolean;
  shot: string;
}) {
  const { page, as } = session;
  await as.openHome();
  await page.getByText('隐患随手拍').first().click();
  await as.visible('.emergency__continue').click();
  await page.getByText(opts.category, { exact: true }).click();
  await as.visible('.report__textarea textarea').fill(opts.description);
  await page.getByText(opts.area, { exact: true }).click();
  await as.visible('.report__address input').fill(opts.address);
  if (opts.named) {
    await page.getByText('实名举报', { exact: true }).filter({ visible: true }).click();
    await as.visible('.report__name input').fill(opts.named.name);
    await as.visible('.report__phone input').fill(opts.named.phone);
  } else {
    await page.getByText('匿名举报', { exact: true }).filter({ visible: true }).click();
  }
  if (opts.suspectedMajor) await as.visible('.report__major').click();
  await screenshot(page, `${opts.shot}-form`);
  await as.visible('.report__submit').click();
  // First report of this person: the consent sheet comes before anything is sent.
  await page.getByText('提交前，请阅读《个人信息保护说明》').filter({ visible: true }).waitFor();
  await screenshot(page, `${opts.shot}-consent`);
  await as.visible('.consent-sheet .ui-dialog__confirm').click();
  const no = ((await page.getByText(/^编号：MX-\d{4}-\d{6}$/).textContent({ timeout: 15000 })) ?? '').replace(
    '编号：',
    '',
  );
  await screenshot(page, `${opts.shot}-done`);
  const code = opts.named
    ? undefined
    : ((await as.visible('.report__tracking-code').textContent()) ?? '').replace('查询码：', '').trim();
  return { no, code };
}

/** Opens a case from the department queue (as the current identity), from one of its tabs. */
async function openCase(no: string, tab = '待受理') {
  const { page, as } = session;
  await as.openHome();
  await page.getByText('部门待办').click();
  await as.visible(`.queue__tab:has-text("${tab}")`).click();
  await as.visible(`.queue__item:has-text("${no}")`).click();
  await as.visible('.action-panel, .action-panel--none').waitFor();
}

/** 受理 then 核查 属实 (major or general), confirming 认定重大 when asked. */
async function acceptAndVerify(no: string, major: boolean) {
  const { page, as } = session;
  await openCase(no);
  await as.visible('.detail__action-accept').click();
  await as.visible('.act-form__submit').click();
  await page.locator('.detail__action-accept:visible').waitFor({ state: 'detached' });
  await as.visible('.detail__action-verify').click();
  await as.visible('.act-form__founded').click();
  const majorChip = as.visible('.act-form__major');
  const marked = ((await majorChip.textContent()) ?? '').startsWith('✓');
  if (marked !== major) await majorChip.click();
  await as.visible('.act-form__note textarea').fill(major ? '现场核实属实，构成重大事故隐患' : '现场核实属实');
  await as.visible('.act-form__submit').click();
  if (major) {
    await page.getByText('确认认定为重大事故隐患？').filter({ visible: true }).waitFor();
    await as.visible('.ui-dialog__confirm').click();
  }
  await page.locator('.detail__action-verify:visible').waitFor({ state: 'detached' });
  await page
    .getByText(major ? /结果：属实（重大事故隐患）/ : /^结果：属实$/)
    .filter({ visible: true })
    .first()
    .waitFor();
}

/** 我的 → 安委办：举报奖励, on one status tab; returns the case's card. */
async function openRewardDesk(no: string, statusLabel: string) {
  const { as } = session;
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("安委办：举报奖励")').click();
  await as.visible(`.reward-tab:has-text("${statusLabel}")`).click();
  const card = as.visible(`.reward-card:has-text("${no}")`);
  await card.waitFor();
  return card;
}

/** The open dialog (only one is drawn at a time). */
const dialog = () => session.as.visible('.ui-dialog__box');

test('a named major hazard: fine ¥30,000 → 15 % decided as ¥4,500 → approved → paid → the resident sees it', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('resident-demo');
  const { no } = await fileReport({
    category: '燃气管道/设施隐患',
    description: '共康五村 3 号楼燃气立管锈穿，能闻到燃气味，楼下就是幼儿园。',
    area: '共康五村',
    address: '共康五村 3 号楼东侧',
    named: { name: '王阿姨', phone: '13800000000' },
    suspectedMajor: true,
    shot: 'reward-01-named',
  });
  await page.getByText('已分派至：城建').waitFor();

  // 城建 staff accept it, find it founded and major, and record the fine on the case.
  await as.become('staff-CJ');
  await acceptAndVerify(no, true);
  const fine = as.visible('.fine');
  await fine.getByText('罚款金额：未录入').waitFor();
  await fine.getByText('重大隐患奖励待录入罚款后核定').waitFor();
  await as.visible('.fine__edit').click();
  await as.visible('.fine__input input').fill('30000');
  await screenshot(page, 'reward-02-fine-form');
  await as.visible('.fine__save').click();
  await dialog().getByText('确认罚款金额 30,000 元？').waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await fine.getByText('罚款金额：30,000 元').waitFor();
  await fine.getByText('重大隐患奖励待镇安委办核定').waitFor();
  await screenshot(page, 'reward-03-fine-recorded');

  // 安委办's officer decides: the 15 % amount is prefilled, with its basis.
  await as.become('admin-demo');
  let card = await openRewardDesk(no, '待核定');
  await card.getByText('罚款：30,000 元').waitFor();
  await card.getByText(/按标准应为 4,500 元/).waitFor();
  await screenshot(page, 'reward-04-desk-open');
  await card.locator('.reward-card__decide').click();
  expect(await card.locator('.reward-form__amount-input input').inputValue()).toBe('4500.00');
  const basis = card.locator('.reward-form__basis textarea');
  expect(await basis.inputValue()).toContain('30,000 元');
  await basis.fill('重大事故隐患，按罚款 30,000 元的 15% 计算，经核实为首位举报人');
  await screenshot(page, 'reward-05-decide-form');
  await card.locator('.reward-form__submit').click();
  await dialog().getByText('核定奖励 4,500 元？').waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await card.waitFor({ state: 'detached' });

  // The leader (not the decider) approves.
  await as.become('leader-demo');
  card = await openRewardDesk(no, '待审批');
  await card.getByText('奖励金额：4,500 元').waitFor();
  await card.locator('.reward-card__approve').click();
  await dialog().getByText(`批准 ${no} 的奖励 4,500 元？`).waitFor();
  await dialog().locator('input').fill('同意');
  await as.visible('.ui-dialog__confirm').click();
  await card.waitFor({ state: 'detached' });

  // The officer records the payment with its reference.
  await as.become('admin-demo');
  card = await openRewardDesk(no, '待发放');
  await card.locator('.reward-card__pay').click();
  await dialog().locator('input').fill('ZZ20260101-0001');
  await screenshot(page, 'reward-06-pay-dialog');
  await as.visible('.ui-dialog__confirm').click();
  await card.waitFor({ state: 'detached' });
  card = await openRewardDesk(no, '已发放');
  await card.getByText('发放凭证号：ZZ20260101-0001').waitFor();
  await screenshot(page, 'reward-07-desk-paid');

  // The resident sees it in 我的 → 我的奖励.
  await as.become('resident-demo');
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("我的奖励")').click();
  const mine = as.visible(`.reward-card:has-text("${no}")`);
  await mine.waitFor();
  expect(await mine.locator('.reward-card__status').textContent()).toBe('已发放');
  await mine.getByText('奖励金额：4,500 元').waitFor();
  await screenshot(page, 'reward-08-my-rewards');
});

test('an anonymous report is rewarded, claimed with its 查询码, read (audited) and paid', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('worker-demo');
  const { no, code } = await fileReport({
    category: '施工现场安全隐患',
    description: '工地围挡倒塌，脚手架没有防护网，行人从下面经过。',
    area: '共康七村',
    address: '共康七村南门外工地',
    shot: 'reward-11-anonymous',
  });
  expect(code).toMatch(/^[A-Z0-9]{10}$/);

  await as.become('staff-CJ');
  await acceptAndVerify(no, false);
  await as.visible('.fine').getByText('举报奖励待镇安委办核定').waitFor();

  // The officer decides an amount within ¥50–500.
  await as.become('admin-demo');
  let card = await openRewardDesk(no, '待核定');
  await card.getByText('匿名举报').waitFor();
  await card.getByText(/可在 50 元 至 500 元 之间核定/).waitFor();
  await card.locator('.reward-card__decide').click();
  await card.locator('.reward-form__amount-input input').fill('600');
  await card.locator('.reward-form__basis textarea').fill('及时发现工地围挡倒塌隐患');
  await card.locator('.reward-form__submit').click();
  await card.getByText('金额应在 50 元 至 500 元 之间').waitFor();
  await card.locator('.reward-form__amount-input input').fill('200');
  await card.locator('.reward-form__submit').click();
  await as.visible('.ui-dialog__confirm').click();
  await card.waitFor({ state: 'detached' });

  await as.become('leader-demo');
  card = await openRewardDesk(no, '待审批');
  await card.locator('.reward-card__approve').click();
  await as.visible('.ui-dialog__confirm').click();
  await card.waitFor({ state: 'detached' });

  // Before the claim, the officer cannot pay: there is nobody to pay yet (the server refuses it too: reward-claim.test).
  await as.become('admin-demo');
  card = await openRewardDesk(no, '待发放');
  await card.getByText('待认领：匿名举报人凭查询码认领后才能发放').waitFor();
  expect(await card.locator('.reward-card__pay').count()).toBe(0);
  await screenshot(page, 'reward-12-pay-before-claim');

  // Someone holding the 查询码 (a fresh identity: it may be another phone) claims it from 我的奖励.
  await as.become('__newcomer__');
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("我的奖励")').click();
  await as.visible('.reward-claim__code input').fill(code ?? '');
  await as.visible('.reward-claim__lookup').click();
  const found = as.visible(`.reward-claim__result .reward-card:has-text("${no}")`);
  await found.waitFor();
  await found.getByText('奖励金额：200 元').waitFor();
  await as.visible('.reward-claim__name input').fill('李先生');
  await as.visible('.reward-claim__phone input').fill('13911112222');
  await screenshot(page, 'reward-13-claim-form');
  await as.visible('.reward-claim__submit').click();
  await dialog().getByText('认领后不能更改：奖励将发给 李先生（13911112222）。').waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await as.visible('.reward-claim__done').waitFor();
  await screenshot(page, 'reward-14-claimed');

  // The officer reads who to pay (the read is recorded with its reason), then pays.
  await as.become('admin-demo');
  card = await openRewardDesk(no, '待发放');
  await card.locator('.reward-card__identity').click();
  await dialog().locator('input').fill('联系领奖人办理发放');
  await as.visible('.ui-dialog__confirm').click();
  const who = card.locator('.reward-identity');
  await who.getByText('姓名：李先生').waitFor();
  await who.getByText('电话：13911112222').waitFor();
  await screenshot(page, 'reward-15-identity-read');
  await card.locator('.reward-card__pay').click();
  await dialog().locator('input').fill('ZZ20260101-0002');
  await as.visible('.ui-dialog__confirm').click();
  await card.waitFor({ state: 'detached' });

  // The leader sees the read in 领奖人信息查看记录.
  await as.become('leader-demo');
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("领奖人信息查看记录")').click();
  const read = as.visible(`.identity-read:has-text("${no}")`);
  await read.waitFor();
  await read.getByText('查看原因：联系领奖人办理发放').waitFor();
  await screenshot(page, 'reward-16-identity-reads');
});
