// Every channel in one loop (issue 11): 消防 staff record a 12345 工单 about gas from the queue's 登记外部来源; it
// is routed by the rules to 城建 (not to the recorder), whose queue shows it with 来源：12345 热线 and the number,
// never the caller's contact; the same 工单 recorded again is refused, naming the case.
import { browserSession, screenshot } from './harness';

const session = browserSession();

test('staff record a 12345 工单; it lands in 城建’s queue with its channel; a second recording is refused', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('staff-XF');
  await as.openHome();
  await page.getByText('部门待办').click();
  await page.locator('.queue__record-link:visible').click();

  await page.locator('.record__channel-hotline12345:visible').click();
  await page.locator('.record__external-no input').fill('GD20261129001');
  await page.getByText('燃气管道/设施隐患', { exact: true }).click();
  await page.getByText('共康五村', { exact: true }).click();
  await page.locator('.record__address input').fill('共康五村 3 号楼东侧');
  await page.locator('.record__description textarea').fill('12345 来电：3 号楼下燃气管道锈蚀，接口处有异味。');
  await page.locator('.record__phone input').fill('021-56781234');
  await screenshot(page, 'record-01-form');
  await page.locator('.record__submit:visible').click();

  const title = await page.getByText(/^已登记 MX-\d{4}-\d{6}$/).textContent({ timeout: 15000 });
  const no = (title ?? '').replace('已登记 ', '');
  await expect(page.getByText(/已按规则分派至 城建/).isVisible()).resolves.toBe(true);
  await screenshot(page, 'record-02-done');

  // The same 工单 again (typed differently): refused, naming the case.
  await page.getByText('再登记一件').click();
  await page.locator('.record__channel-hotline12345:visible').click();
  await page.locator('.record__external-no input').fill('gd 20261129001');
  await page.getByText('燃气管道/设施隐患', { exact: true }).click();
  await page.getByText('共康五村', { exact: true }).click();
  await page.locator('.record__address input').fill('共康五村 3 号楼');
  await page.locator('.record__description textarea').fill('同一工单再次转来：燃气管道异味');
  await page.locator('.record__submit:visible').click();
  await page.getByText(new RegExp(`已登记为 ${no}`)).waitFor();
  await screenshot(page, 'record-03-duplicate');

  // 城建 staff see it with its channel and number, and never the caller's phone.
  await as.become('staff-CJ');
  await as.openHome();
  await page.getByText('部门待办').click();
  const card = page.locator('.queue__item', { hasText: no });
  await card.waitFor();
  await expect(card.getByText('来源：12345 热线（编号 GD20261129001）').isVisible()).resolves.toBe(true);
  await expect(card.getByText('举报人：实名（信息保密）').isVisible()).resolves.toBe(true);
  expect(await card.textContent()).not.toContain('56781234');
  await screenshot(page, 'record-04-queue-CJ');
});
