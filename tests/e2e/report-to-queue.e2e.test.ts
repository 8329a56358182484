import { browserSession, screenshot } from './harness';

const session = browserSession();

test('a resident reports a gas hazard; 城建 staff see it in their queue and 消防 staff do not', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('resident-demo');
  await as.openHome();

  await page.getByText('隐患随手拍').first().click();
  // The emergency screen comes first: this is not one.
  await page.locator('.emergency__continue:visible').click();
  await page.getByText('燃气管道/设施隐患', { exact: true }).click();
  await page.locator('.report__textarea textarea').fill('小区 3 号楼下燃气管道锈蚀严重，接口处有油污，担心漏气。');
  await page.getByText('共康五村', { exact: true }).click();
  await page.locator('.report__address input').fill('共康五村 3 号楼东侧');
  await screenshot(page, '01-report-form');
  await page.getByText('提交举报', { exact: true }).click();
  // The first report asks consent to the privacy notice (issue 8) before anything is sent.
  await page.locator('.consent-sheet .ui-dialog__confirm:visible').click();

  const noText = await page.getByText(/^编号：MX-\d{4}-\d{6}$/).textContent({ timeout: 15000 });
  const no = (noText ?? '').replace('编号：', '');
  expect(no).toMatch(/^MX-\d{4}-\d{6}$/);
  await expect(page.getByText('已分派至：城建').isVisible()).resolves.toBe(true);
  await screenshot(page, '02-report-submitted');

  // The reporter finds it under 我的举报.
  await page.getByText('查看我的举报').click();
  await page.getByText(no).waitFor();
  await screenshot(page, '03-my-reports');

  // 适老化: 大字 in 我的 enlarges every page (body 17 → 22 px) and is read as a selected radio.
  await page.locator('.mine__text-size-on:visible').click();
  await expect(page.locator('.mine__text-size-on:visible').getAttribute('aria-checked')).resolves.toBe('true');
  const bodySize = (sel: string) =>
    page
      .locator(`${sel}:visible`)
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await expect(bodySize('.shell')).resolves.toBe(22);
  await screenshot(page, '03a-my-reports-large-text');
  await as.openHome();
  await expect(bodySize('.shell')).resolves.toBe(22);
  await screenshot(page, '03b-home-large-text');
  await page.getByText('我的举报').first().click();
  await page.locator('.mine__text-size-off:visible').click();
  await expect(bodySize('.shell')).resolves.toBe(17);

  // 城建 staff see it in the queue, with the routing reason and no reporter identity.
  await as.become('staff-CJ');
  await as.openHome();
  await page.getByText('部门待办').click();
  const card = page.locator('.queue__item', { hasText: no });
  await card.waitFor();
  await expect(card.getByText(/分派依据：规则 R01/).isVisible()).resolves.toBe(true);
  await expect(card.getByText('举报人：匿名').isVisible()).resolves.toBe(true);
  await screenshot(page, '04-queue-CJ');

  // 消防救援 staff have their own queue (the seeded fire-passage report) and not this one.
  await as.become('staff-XF');
  await as.openHome();
  await page.getByText('部门待办').click();
  await page.locator('.queue__item').first().waitFor();
  expect(await page.getByText(no).count()).toBe(0);
  await screenshot(page, '05-queue-XF');
});
