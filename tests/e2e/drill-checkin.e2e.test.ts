// 演练签到 in the browser (issue 10): ENT-DEMO's manager has a drill running (planned through the gateway, the
// planning pages are tested elsewhere) and worker-demo checks in on the h5 page with the current token pasted and
// the browser's position. How a browser test drives the page:
//  - the position: Playwright's geolocation on the page's context (grantPermissions + setGeolocation). The browser
//    gives WGS-84 and the page converts to GCJ-02 (the drill's coordinates), so stand the browser at
//    gcj02ToWgs84(drill point) (src/drills/geo.ts); `accuracy` is passed on as the fix's accuracy;
//  - the token: drill.qr as the manager (what the run page's QR encodes), pasted into 粘贴签到码, then 签到;
//    or open /drills/pages/checkin/index?token=<token> to check in at once.
import type { Page } from 'playwright-core';
import { TOKEN_LIFE_SECONDS } from '../../types/drill';
import { gcj02ToWgs84 } from '../../src/drills/geo';
import { browserSession, callCloud, screenshot } from './harness';

const session = browserSession();
beforeAll(() => session.page.setViewportSize({ width: 390, height: 844 }));

const SITE = { latitude: 31.3318, longitude: 121.4447, address: '庙行镇示范路 88 号东侧空地' };
/** Town time (+08:00), `minutes` from now, as the drill form sends it. */
function townIso(minutes: number): string {
  const t = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000);
  return `${t.toISOString().slice(0, 19)}+08:00`;
}

let drillId = '';
const TITLE = `一号车间疏散演练 ${Date.now().toString(36).slice(-4)}`;
const token = async () =>
  ((await callCloud(session.gateway.url, 'drill', 'manager-demo', { action: 'qr', drillId })) as { token: string })
    .token;

async function standAt(page: Page, point: { latitude: number; longitude: number }, accuracy = 20) {
  await page.context().grantPermissions(['geolocation'], { origin: session.gateway.url });
  await page.context().setGeolocation({ ...gcj02ToWgs84(point), accuracy });
}

async function openCheckin() {
  const { page, gateway } = session;
  await page.goto(`${gateway.url}/#/drills/pages/checkin/index`);
  await session.as.visible('.checkin__token input').waitFor();
}

async function pasteAndSend(text: string) {
  await session.as.visible('.checkin__token input').fill(text);
  await session.as.visible('.checkin__submit').click();
}

beforeAll(async () => {
  const { gateway } = session;
  const made = (await callCloud(gateway.url, 'drill', 'manager-demo', {
    action: 'create',
    title: TITLE,
    type: 'evacuation',
    startAt: townIso(-5),
    endAt: townIso(120),
    location: SITE,
    radiusM: 100,
    audience: 'workers',
    commander: '王安全',
  })) as { id: string };
  drillId = made.id;
  await callCloud(gateway.url, 'drill', 'manager-demo', { action: 'start', drillId });
});

test('refused location: the page says to allow it, and 重新定位 works once it is allowed', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('worker-demo');
  await page.context().clearPermissions();
  await openCheckin();
  await pasteAndSend(await token());
  await page.getByText('请在设置中允许使用位置信息', { exact: false }).filter({ visible: true }).waitFor();
  await standAt(page, { latitude: SITE.latitude + 0.045, longitude: SITE.longitude }); // ~5 km north
  await as.visible('.checkin__relocate').click();
  // 5 km away: the server's distance sentence and 重新定位.
  await page
    .getByText(/您距离集合点约 5\.\d 公里/)
    .filter({ visible: true })
    .waitFor();
  await screenshot(page, 'drill-checkin-too-far');
});

test('worker-demo pastes the current token at the assembly point: 签到成功; a second time: 您已签到', async () => {
  const { page } = session;
  await standAt(page, SITE, 15);
  await openCheckin();
  await pasteAndSend(await token());
  await page.getByText('✓ 签到成功').filter({ visible: true }).waitFor();
  await page.getByText(TITLE).filter({ visible: true }).waitFor();
  await screenshot(page, 'drill-checkin-done');
  const people = (await callCloud(session.gateway.url, 'drill', 'manager-demo', {
    action: 'participants',
    drillId,
  })) as { checkedIn: { name: string; byHand: boolean; distanceM?: number }[] };
  expect(people.checkedIn).toHaveLength(1);
  expect(people.checkedIn[0].byHand).toBe(false);
  expect(people.checkedIn[0].distanceM).toBeLessThan(5);

  await page.goto(`${session.gateway.url}/#/drills/pages/checkin/index?token=${encodeURIComponent(await token())}`);
  await page.getByText('✓ 您已签到').filter({ visible: true }).waitFor();
});

test('a token past its 30 s (a photo of the screen sent around): 二维码已过期, and 重新粘贴签到码', async () => {
  const { page, as } = session;
  const old = await token();
  await page.waitForTimeout((TOKEN_LIFE_SECONDS + 2) * 1000);
  await openCheckin();
  await pasteAndSend(old);
  await page.getByText('二维码已过期').filter({ visible: true }).waitFor();
  await page.getByText('请扫描现场最新的二维码', { exact: false }).filter({ visible: true }).waitFor();
  await as.visible('.checkin__rescan').click();
  expect(await as.visible('.checkin__token input').inputValue()).toBe('');
});
