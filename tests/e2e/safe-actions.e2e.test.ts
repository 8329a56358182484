// Issue 12 in the browser: ledger 销号 needs an after-photo and a real note and asks first; 安委办 sees the
// 全镇 queue (every department, overdue first); a resident's closed report shows the after-photos beside the
// original (整改前后对比). (驳回 with its confirmation is walked in closed-loop.e2e.test.ts.)
import { closedReportWithPhotos, inDays, submission } from './fixtures';
import { browserSession, callCloud, screenshot } from './harness';

const session = browserSession();

const asJson = { 'content-type': 'application/json' };

test('ledger 销号: refused without a photo or with "已清理", then asks first; 取消 keeps it open, 确认销号 closes it with the photo', async () => {
  const { page, as, gateway } = session;
  const entry = await callCloud(gateway.url, 'admin', 'head-CJ', {
    action: 'ledgerCreate',
    source: 'inspection',
    title: '二号厂房配电箱门损坏',
    description: '二号厂房配电箱门损坏无法关闭，带电部位外露',
    categoryId: 'construction-site',
    enterpriseName: '庙行示范精密制造有限公司',
    address: '庙行镇场中路 88 号二号厂房',
    deadline: inDays(10),
  });
  await page.setViewportSize({ width: 390, height: 780 });
  await as.openHome();
  await as.become('head-CJ');
  await page.goto(`${gateway.url}/#/staff/pages/ledger/index`);
  await page.reload();
  const item = as.visible(`.ledger__item:has-text("${entry.no}")`);
  await item.locator('.ledger__title').click();
  await item.locator('.ledger__close').click();
  await expect(item.locator('.ledger__close').getAttribute('aria-checked')).resolves.toBe('true');

  // The head who closed a 重大事故隐患 seconds after registering it, with "已清理" and no photo: refused.
  await item.locator('.ledger__note textarea').fill('已清理');
  await item.locator('.ledger__save').click();
  await item.getByText('销号须上传整改后照片').waitFor();
  await item.getByText(/销号须写明整改措施和复查结果/).waitFor();
  expect(await page.locator('.ui-dialog:visible').count()).toBe(0);
  await screenshot(page, 'safe-01-ledger-close-refused');

  // With a photo of the fixed hazard and what was done, it asks first and says the consequence.
  await as.addPhoto('.ledger__evidence-upload .photos__add');
  await item.locator('.ledger__evidence-upload .photos__item--done').waitFor();
  expect(await item.getByText('销号须上传整改后照片').count()).toBe(0);
  await item.locator('.ledger__note textarea').fill('已更换配电箱门并加锁，现场复查带电部位已封闭');
  await item.locator('.ledger__save').click();
  await page.getByText('销号后该隐患移出在办台账，无法撤销。').filter({ visible: true }).waitFor();
  await expect(as.visible('.ui-dialog__title').textContent()).resolves.toBe(`确认销号 ${entry.no}？`);
  await screenshot(page, 'safe-02-ledger-close-confirm');
  await as.visible('.ui-dialog__cancel').click();
  expect(await page.locator('.ui-dialog:visible').count()).toBe(0);
  expect(await item.locator('.ledger__status--closed').count()).toBe(0);
  const stored = await callCloud(gateway.url, 'admin', 'head-CJ', { action: 'ledger', page: 1, pageSize: 50 });
  expect(stored.items.find((e: { id: string }) => e.id === entry.id).status).not.toBe('closed');

  await item.locator('.ledger__save').click();
  await as.visible('.ui-dialog__confirm').click();
  await item.locator('.ledger__status--closed').waitFor();
  // The 销号 is on record with its photo, shown in the entry's progress.
  await page.waitForFunction((no) => {
    const card = Array.from(document.querySelectorAll('.ledger__item')).find((e) => e.textContent?.includes(no));
    const img = card?.querySelector<HTMLImageElement>('.ledger__evidence img');
    return !!img && img.complete && img.naturalWidth > 0;
  }, entry.no);
  await item
    .getByText(/已更换配电箱门并加锁/)
    .first()
    .waitFor();
  expect(await item.locator('.ledger__save').count()).toBe(0);
  await screenshot(page, 'safe-03-ledger-closed-with-photo');
});

test('全镇: 安委办 switches from its own department to every department, overdue cases first', async () => {
  const { page, as, gateway } = session;
  const url = gateway.url;
  // Two cases filed ten days ago in two departments (now overdue), one filed today.
  const late = [
    await callCloud(url, 'tipoff', 'resident-demo', submission({ description: '围挡倒塌压在人行道上，行人绕行' })),
    await callCloud(
      url,
      'tipoff',
      'resident-demo',
      submission({ categoryId: 'elevator', description: '8 号楼电梯门关不严，运行时晃动' }),
    ),
  ];
  expect(new Set(late.map((c) => c.departmentName)).size).toBe(2);
  await fetch(`${url}/local/clock`, { method: 'POST', headers: asJson, body: JSON.stringify({ advanceDays: 10 }) });
  try {
    const fresh = await callCloud(
      url,
      'tipoff',
      'resident-demo',
      submission({ description: '工地夜间施工，塔吊吊物越过围墙' }),
    );

    await page.setViewportSize({ width: 390, height: 780 });
    await as.openHome();
    await as.become('admin-demo');
    await page.goto(`${url}/#/staff/pages/queue/index`);
    await page.reload();
    await as.visible('.queue__total').waitFor();
    // 本部门 (镇安委办): the departments' cases are not in it.
    await expect(as.visible('.queue__scope-dept').getAttribute('aria-checked')).resolves.toBe('true');
    for (const c of [...late, fresh])
      expect(await page.locator(`.queue__item:visible:has-text("${c.no}")`).count()).toBe(0);

    await as.visible('.queue__scope-town').click();
    await page.locator('.queue__dept:visible', { hasText: '全镇待办' }).waitFor();
    // h5's title bar follows the scope (WeChat's navigation bar does the same through setNavigationBarTitle).
    expect(await page.locator('.title-bar__title:visible').textContent()).toBe('全镇待办');
    await as.visible(`.queue__item:has-text("${fresh.no}")`).waitFor();
    await expect(as.visible('.queue__scope-town').getAttribute('aria-checked')).resolves.toBe('true');
    const cards = await page
      .locator('.queue__item:visible')
      .evaluateAll((els) =>
        els.map((e) => ({ text: e.textContent ?? '', overdue: e.classList.contains('queue__item--overdue') })),
      );
    const at = (no: string) => cards.findIndex((c) => c.text.includes(no));
    for (const c of late) {
      expect(at(c.no)).toBeGreaterThanOrEqual(0);
      expect(cards[at(c.no)].overdue).toBe(true);
      expect(at(c.no)).toBeLessThan(at(fresh.no));
    }
    expect(cards[at(fresh.no)].overdue).toBe(false);
    // Overdue first: no overdue card comes after one that is not.
    const firstOnTime = cards.findIndex((c) => !c.overdue);
    expect(cards.slice(firstOnTime).every((c) => !c.overdue)).toBe(true);
    // The counts follow the scope: 超期 counts the town's overdue cases.
    await expect(as.visible('.queue__badge-overdue').textContent()).resolves.toMatch(/^超期 [1-9]\d*$/);
    await screenshot(page, 'safe-04-town-queue');

    // 只看超期 within the town: only the late ones remain.
    await as.visible('.queue__toggle-overdue').click();
    await page.locator(`.queue__item:visible:has-text("${fresh.no}")`).waitFor({ state: 'detached' });
    for (const c of late) await as.visible(`.queue__item:has-text("${c.no}")`).waitFor();
  } finally {
    await fetch(`${url}/local/clock`, { method: 'POST', headers: asJson, body: JSON.stringify({ reset: true }) });
  }
});

test('a resident opens a closed report: 已办结 and the after-photos beside the original (整改前后对比)', async () => {
  const { page, as, gateway } = session;
  const closed = await closedReportWithPhotos(gateway.url);
  await page.setViewportSize({ width: 390, height: 780 });
  await as.openHome();
  await as.become('resident-demo');
  await as.openHome();
  await page.getByText('我的举报').first().click();
  await as.visible(`.mine__item:has-text("${closed.no}")`).click();
  await as.visible('.tipoff__compare').waitFor();
  await page.getByText('已办结').filter({ visible: true }).first().waitFor();
  await expect(as.visible('.tipoff__compare-before .tipoff__compare-label').textContent()).resolves.toBe('整改前');
  await expect(as.visible('.tipoff__compare-after .tipoff__compare-label').textContent()).resolves.toBe('整改后');
  // Both pictures arrive (through URLs the server signed), side by side.
  await page.waitForFunction(() =>
    ['before', 'after'].every((side) => {
      const img = document.querySelector<HTMLImageElement>(`.tipoff__compare-${side} img`);
      return !!img && img.complete && img.naturalWidth > 0;
    }),
  );
  const [before, after] = await Promise.all(
    ['before', 'after'].map((side) => as.visible(`.tipoff__compare-${side} img`).getAttribute('src')),
  );
  expect(before).toMatch(/\/storage\/local-[0-9a-f]{32}-[0-9a-f]{32}\.png\?exp=\d+&sig=/);
  expect(after).toMatch(/\/storage\/local-[0-9a-f]{32}-[0-9a-f]{32}\.png\?exp=\d+&sig=/);
  expect(before).not.toBe(after);
  const [b, a] = await Promise.all(
    ['before', 'after'].map((side) => as.visible(`.tipoff__compare-${side}`).boundingBox()),
  );
  expect(Math.abs(b!.y - a!.y)).toBeLessThan(2);
  expect(a!.x).toBeGreaterThan(b!.x);
  // The original photos are not shown twice above it.
  expect(await page.locator('.tipoff__photos:visible').count()).toBe(0);
  await screenshot(page, 'safe-05-closed-compare');
});
