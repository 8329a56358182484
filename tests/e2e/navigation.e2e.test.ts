// Navigation on h5 (issue 12): the title bar with 返回 (and 首页 when there is no history), 无权访问 for a resident
// on a staff page, the queue opened already filtered to 超期, and keyboard access to the home cards.
import type { Page } from 'playwright-core';
import { browserSession, screenshot } from './harness';

const session = browserSession();

/** axe-core's serious and critical violations on the visible page, outside the local identity bar. */
async function axeSerious(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<any> } }).axe; // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await axe.run({ exclude: [['.identity-bar']] }, { resultTypes: ['violations'] });
    return (res.violations as { id: string; impact: string }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
}

test('a resident who opens a staff page sees 无权访问 in plain words and a way home', async () => {
  const { page, as, gateway } = session;
  await page.setViewportSize({ width: 390, height: 780 });
  await as.openHome();
  await as.become('resident-demo');
  for (const path of ['staff/pages/queue/index', 'staff/pages/ledger/index', 'staff/pages/detail/index?id=x']) {
    await page.goto(`${gateway.url}/#/${path}`);
    await page.reload();
    await as.visible('.denied__title').waitFor();
    await expect(as.visible('.denied__text').textContent()).resolves.toBe('此页面仅供部门工作人员使用');
    expect(await page.locator('.page-state--error:visible').count()).toBe(0);
  }
  await screenshot(page, 'nav-denied-resident-390');
  await expect(axeSerious(page)).resolves.toEqual([]);
  await as.visible('.denied__home').click();
  await as.visible('.home__report').waitFor();
  // 首页 has no title bar.
  expect(await page.locator('.title-bar:visible').count()).toBe(0);
});

test('the title bar names the page; 返回 goes back, or to 首页 when the page was opened directly', async () => {
  const { page, as, gateway } = session;
  await page.setViewportSize({ width: 390, height: 780 });
  await as.openHome();
  await as.visible('.home__messages').click();
  await expect(as.visible('.title-bar__title').textContent()).resolves.toBe('消息');
  const back = as.visible('.title-bar__back');
  await expect(back.getAttribute('aria-label')).resolves.toBe('返回上一页');
  const box = await back.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  await screenshot(page, 'nav-title-bar-messages-390');
  await back.click();
  await as.visible('.home__report').waitFor();

  // Opened from a link or after a reload: there is no page to go back to.
  await page.goto(`${gateway.url}/#/pages/track/index`);
  await page.reload();
  await expect(as.visible('.title-bar__title').textContent()).resolves.toBe('查询码查询');
  await as.visible('.title-bar__back').click();
  await as.visible('.home__report').waitFor();
});

test('keyboard: Tab reaches the home cards and Enter opens them; Space toggles a chip', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('staff-CJ');
  await as.openHome();
  await as.visible('.home__report').focus();
  await page.keyboard.press('Enter');
  await as.visible('.emergency__continue').waitFor();
  await as.visible('.title-bar__back').focus();
  await page.keyboard.press('Enter');
  await as.visible('.home__queue').waitFor();

  // The 超期 badge opens the queue already filtered; Space on the chip takes the filter off.
  await as.visible('.home__overdue').focus();
  await page.keyboard.press('Enter');
  const overdue = as.visible('.queue__toggle-overdue');
  await expect(overdue.getAttribute('aria-checked')).resolves.toBe('true');
  await overdue.focus();
  await page.keyboard.press(' ');
  await expect(overdue.getAttribute('aria-checked')).resolves.toBe('false');
  await as.visible('.queue__total').waitFor();
});
