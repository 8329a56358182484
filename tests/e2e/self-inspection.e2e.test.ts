// Issue 10's "Done when" for the quarterly self-inspection, in the browser, every step through the real pages:
// ENT-DEMO's principal (manager-demo) opens 开始自查 on the enterprise desk, answers every line of the checklist for
// its industry (符合 or 不涉及) and one major-hazard line 不符合 with a note and a photo, submits after the summary
// and sees the ledger number; the enterprise's 隐患台账 shows the entry with source 企业自查; the responsible
// department's staff sees it on the staff ledger page. ENT-DEMO's industry is trade-dust, which
// config/town/industries.json maps to department YJ, so the department's staff is the demo identity staff-YJ.
import dayjs from 'dayjs';
import type { Locator } from 'playwright-core';
import path from 'node:path';
import { SCREENSHOTS, browserSession, samplePhoto, screenshot } from './harness';

const session = browserSession();
beforeAll(() => session.page.setViewportSize({ width: 390, height: 844 }));

const ENT = '庙行示范精密制造有限公司';
const DEPARTMENT = 'YJ';
const NOTE = `除尘器泄爆口朝向员工休息区 ${Date.now().toString(36).slice(-4)}`;
/** ENT-DEMO is high-risk: a self-inspection every month. */
const INSPECTION_MONTHS = 1;

const townDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const chineseDay = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
};

/** 我的 → 企业安全管理: the enterprise desk, as manager-demo. */
async function openDesk() {
  const { as } = session;
  await as.openHome();
  await as.become('manager-demo');
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("企业安全管理")').click();
  await as.visible('.desk__duties .duties__line--inspection').waitFor();
}

/** A ledger entry's title from a checklist line, as the server cuts it. */
const titleOf = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

let ledgerNo = '';
let failedText = '';
let filedOn = '';

test('the principal answers every line, one major line 不符合 with a note and a photo, and sees the ledger number', async () => {
  const { page, as } = session;
  await openDesk();
  const duty = as.visible('.desk__duties .duties__line--inspection');
  await duty.getByText('尚无记录，请尽快完成').waitFor();
  await as.visible('.desk__inspection').getByText('开始自查', { exact: true }).click();

  const form = as.visible('.inspect');
  await form.locator('.inspect__item').first().waitFor();
  const items = form.locator('.inspect__item');
  const total = await items.count();
  expect(total).toBeGreaterThan(10);
  await form.locator('.inspect__progress').getByText(`已填 0 / ${total}`).waitFor();

  let failed: Locator | undefined;
  let others = 0;
  for (let i = 0; i < total; i++) {
    const item = items.nth(i);
    const major = (await item.locator('.inspect__major').count()) > 0;
    if (major && !failed) {
      failed = item;
      failedText = ((await item.locator('.inspect__text').textContent()) ?? '').replace(/^\d+\.\s*/, '').trim();
      await item.locator('.inspect__choice--fail').click();
      await item.locator('.inspect__fail-note textarea').fill(NOTE);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), item.locator('.photos__add').click()]);
      await chooser.setFiles(samplePhoto());
      await item.locator('.photos__item--done').waitFor();
    } else {
      // Every fourth other line 不涉及, the rest 符合.
      await item.locator(`.inspect__choice--${others++ % 4 === 3 ? 'na' : 'ok'}`).click();
    }
  }
  expect(failed).toBeDefined();
  await form.locator('.inspect__progress').getByText(`已填 ${total} / ${total}`).waitFor();
  await as.visible('.inspect__leader-name input').fill('王安全');
  await screenshot(page, 'inspection-01-answered');

  // The summary before submitting, then 确认提交.
  await as.visible('.inspect__send').click();
  const box = as.visible('.ui-dialog__box');
  await box.getByText('确认提交自查结果？').waitFor();
  await box.getByText('1 项不符合，其中 1 项为重大事故隐患，将进入镇隐患台账，由主管部门跟踪整改和销号。').waitFor();
  await box.getByText('提交后不能修改；负责人：王安全。').waitFor();
  // The dialog as the phone shows it (a whole-page shot would stretch the viewport to the 50-odd lines).
  await page.screenshot({ path: path.join(SCREENSHOTS, 'inspection-02-summary.png') });
  await as.visible('.ui-dialog__confirm').click();
  filedOn = townDay(Date.now());

  const done = as.visible('.inspect__done');
  await done.getByText('自查已提交').waitFor();
  await done.getByText('本次自查发现 1 项不符合，请尽快整改。').waitFor();
  const nos = done.locator('.inspect__no');
  await nos.first().waitFor();
  expect(await nos.count()).toBe(1);
  ledgerNo = ((await nos.first().textContent()) ?? '').trim();
  expect(ledgerNo).not.toBe('');
  await screenshot(page, 'inspection-03-done');
});

test("the enterprise's 隐患台账 shows the entry with source 企业自查", async () => {
  const { page, as } = session;
  await as.visible('.inspect__done').getByText('去隐患台账整改').click();
  const card = as.visible(`.ledger-ent:has-text("台账编号 ${ledgerNo}")`);
  await card.waitFor();
  await card.getByText('企业自查', { exact: true }).waitFor();
  await card.locator('.ledger-ent__status').waitFor();
  // The enterprise's note, in the description under the checklist line and its basis.
  await card.locator('.ledger-ent__description').getByText(`企业说明：${NOTE}`, { exact: false }).waitFor();
  // Its title is the checklist line that failed (cut at 60 characters).
  expect((await card.locator('.inspect__ledger-title').textContent())?.trim()).toBe(titleOf(failedText));
  await screenshot(page, 'inspection-04-enterprise-ledger');

  // The desk's duty line: done today, the next one due a month on.
  const due = dayjs(filedOn).add(INSPECTION_MONTHS, 'month').format('YYYY-MM-DD');
  await openDesk();
  const duty = as.visible('.desk__duties .duties__line--inspection');
  await duty.getByText(`${chineseDay(due)}前`).waitFor();
  expect(await duty.locator('.ui-badge--success').count()).toBe(1);
});

test("the responsible department's staff (YJ for trade-dust) sees it on the staff ledger page", async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become(`staff-${DEPARTMENT}`);
  await as.openHome();
  await as.visible('.home__ledger').click();
  const card = as.visible(`.ledger__item:has-text("${ledgerNo}")`);
  await card.waitFor();
  expect((await card.locator('.ledger__source').textContent())?.trim()).toBe('企业自查');
  await card.getByText(`单位：${ENT}`).waitFor();
  expect((await card.locator('.ledger__title').textContent())?.trim()).toBe(titleOf(failedText));
  await screenshot(page, 'inspection-05-staff-ledger');
});
