import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { setRouterParams } from '../../../test-support/taro';
import { checkinTokenIn } from '../../checkin';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../geo';
import CheckinPage from './index';

jest.mock('../../../services/api', () => ({ api: { drill: { checkin: jest.fn(), detail: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { drill: { checkin: jest.Mock; detail: jest.Mock } };
const taro = Taro as unknown as { getLocation: jest.Mock; scanCode: jest.Mock; clearStorageSync: () => void };

const TOKEN = 'mhd1.drill-1.1764400000.abcdefghijABCDEFGHIJ_-';
const RESULT = {
  drillId: 'drill-1',
  title: '庙行精密机械 疏散逃生演练',
  at: '2026-11-29T14:30:00+08:00',
  distanceM: 12,
};
// The browser's GPS point (WGS-84) whose GCJ-02 is the assembly point.
const SITE = { latitude: 31.3361, longitude: 121.4432 };
const GPS = gcj02ToWgs84(SITE);
const env = process.env.TARO_ENV;

beforeEach(() => {
  jest.clearAllMocks();
  for (const m of [mocked.drill.checkin, mocked.drill.detail, taro.getLocation, taro.scanCode]) m.mockReset();
  taro.clearStorageSync();
  setRouterParams({});
  process.env.TARO_ENV = 'h5';
  taro.getLocation.mockResolvedValue({ ...GPS, accuracy: 15 });
});
afterAll(() => {
  process.env.TARO_ENV = env;
});

const paste = (text = TOKEN) => {
  fireEvent.change(screen.getByPlaceholderText('粘贴签到码'), { target: { value: text } });
  fireEvent.click(screen.getByText('签到'));
};

test('h5: paste → locate (browser WGS-84 converted to GCJ-02, with accuracy) → 签到成功 with the drill and time', async () => {
  mocked.drill.checkin.mockResolvedValue(RESULT);
  render(<CheckinPage />);
  expect(screen.queryByText('扫码签到')).toBeNull(); // no camera API in Taro h5
  paste(`  ${TOKEN} `);
  expect(await screen.findByText('✓ 签到成功')).toBeTruthy();
  expect(screen.getByText(RESULT.title)).toBeTruthy();
  expect(screen.getByText(/签到时间：.*14:30/)).toBeTruthy();
  expect(screen.getByText('返回')).toBeTruthy();
  expect(taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84', isHighAccuracy: true }));
  const sent = mocked.drill.checkin.mock.calls[0][0];
  expect(sent).toMatchObject({ token: TOKEN, accuracy: 15 });
  expect(sent.name).toBeUndefined();
  expect(Math.abs(sent.latitude - SITE.latitude)).toBeLessThan(1e-6);
  expect(Math.abs(sent.longitude - SITE.longitude)).toBeLessThan(1e-6);
});

test('weapp: 扫码签到 opens the camera scanner and locates in gcj02 with high accuracy', async () => {
  process.env.TARO_ENV = 'weapp';
  taro.scanCode.mockResolvedValue({ result: TOKEN });
  taro.getLocation.mockResolvedValue({ ...SITE, accuracy: 30, horizontalAccuracy: 30 });
  mocked.drill.checkin.mockResolvedValue(RESULT);
  render(<CheckinPage />);
  expect(screen.queryByPlaceholderText('粘贴签到码')).toBeNull();
  fireEvent.click(screen.getByText('扫码签到'));
  expect(await screen.findByText('✓ 签到成功')).toBeTruthy();
  expect(taro.scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
  expect(taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02', isHighAccuracy: true }));
  expect(mocked.drill.checkin).toHaveBeenCalledWith({ token: TOKEN, ...SITE, accuracy: 30 });
});

test('a scanned code that is not a drill token is said plainly and sends nothing', async () => {
  process.env.TARO_ENV = 'weapp';
  taro.scanCode.mockResolvedValue({ result: 'ABCD-EFGH' });
  render(<CheckinPage />);
  fireEvent.click(screen.getByText('扫码签到'));
  expect(await screen.findByText('这不是演练签到二维码，请扫描组织者手机上的签到码')).toBeTruthy();
  expect(mocked.drill.checkin).not.toHaveBeenCalled();
});

test('?token= (a scanned link) checks in at once', async () => {
  setRouterParams({ token: TOKEN });
  mocked.drill.checkin.mockResolvedValue(RESULT);
  render(<CheckinPage />);
  expect(await screen.findByText('✓ 签到成功')).toBeTruthy();
  expect(mocked.drill.checkin).toHaveBeenCalledWith(expect.objectContaining({ token: TOKEN }));
});

test('an expired code: 请扫描现场最新的二维码 with 重新扫码 (h5: 重新粘贴签到码), back to the start', async () => {
  mocked.drill.checkin.mockRejectedValue(
    new CloudError('EXPIRED', '签到二维码已过期（每 30 秒更新），请扫描现场最新的二维码'),
  );
  render(<CheckinPage />);
  paste();
  expect(await screen.findByText('二维码已过期')).toBeTruthy();
  expect(screen.getByText(/请扫描现场最新的二维码/)).toBeTruthy();
  expect(screen.queryByText(/EXPIRED/)).toBeNull();
  fireEvent.click(screen.getByText('重新粘贴签到码'));
  expect((screen.getByPlaceholderText('粘贴签到码') as HTMLInputElement).value).toBe('');
});

test('weapp: after an expired code 重新扫码 opens the scanner again', async () => {
  process.env.TARO_ENV = 'weapp';
  taro.scanCode.mockResolvedValueOnce({ result: TOKEN }).mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' });
  mocked.drill.checkin.mockRejectedValue(new CloudError('EXPIRED', '签到二维码已过期，请扫描现场最新的二维码'));
  render(<CheckinPage />);
  fireEvent.click(screen.getByText('扫码签到'));
  fireEvent.click(await screen.findByText('重新扫码'));
  await waitFor(() => expect(taro.scanCode).toHaveBeenCalledTimes(2));
  expect(await screen.findByText('扫码签到')).toBeTruthy();
});

test('location refused: says to allow it in settings; 重新定位 tries again with the same code', async () => {
  taro.getLocation.mockRejectedValueOnce({ errMsg: 'User denied Geolocation' });
  mocked.drill.checkin.mockResolvedValue(RESULT);
  render(<CheckinPage />);
  paste();
  expect(await screen.findByText(/请在设置中允许使用位置信息/)).toBeTruthy();
  expect(mocked.drill.checkin).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('重新定位'));
  expect(await screen.findByText('✓ 签到成功')).toBeTruthy();
  expect(mocked.drill.checkin).toHaveBeenCalledTimes(1);
});

test('正在定位… shows while the phone looks for its position', async () => {
  let answer: (v: unknown) => void = () => {};
  taro.getLocation.mockReturnValue(new Promise((r) => (answer = r)));
  mocked.drill.checkin.mockResolvedValue(RESULT);
  render(<CheckinPage />);
  paste();
  expect(await screen.findByText('正在定位…')).toBeTruthy();
  await act(async () => answer({ ...GPS, accuracy: 10 }));
  expect(await screen.findByText('✓ 签到成功')).toBeTruthy();
});

test('two taps at once send one check-in', async () => {
  let answer: (v: unknown) => void = () => {};
  mocked.drill.checkin.mockReturnValue(new Promise((r) => (answer = r)));
  render(<CheckinPage />);
  fireEvent.change(screen.getByPlaceholderText('粘贴签到码'), { target: { value: TOKEN } });
  const button = screen.getByText('签到');
  fireEvent.click(button);
  fireEvent.click(button);
  await waitFor(() => expect(mocked.drill.checkin).toHaveBeenCalledTimes(1));
  // While sending, the button is disabled and taps do nothing.
  fireEvent.click(screen.getByText('请稍候…'));
  await act(async () => answer(RESULT));
  expect(await screen.findByText('✓ 签到成功')).toBeTruthy();
  expect(mocked.drill.checkin).toHaveBeenCalledTimes(1);
  expect(taro.getLocation).toHaveBeenCalledTimes(1);
});

test('a second check-in is a friendly 您已签到 with the first time', async () => {
  mocked.drill.checkin.mockRejectedValue(new CloudError('CONFLICT', '您已签到（14:20），无需重复签到'));
  mocked.drill.detail.mockResolvedValue({ title: RESULT.title, myCheckinAt: '2026-11-29T14:20:00+08:00' });
  render(<CheckinPage />);
  paste();
  expect(await screen.findByText('✓ 您已签到')).toBeTruthy();
  expect(mocked.drill.detail).toHaveBeenCalledWith('drill-1');
  expect(screen.getByText(/签到时间：.*14:20/)).toBeTruthy();
});

test('too far: the server’s distance sentence, with 重新定位', async () => {
  const far = '您距离集合点约 5.0 公里，须在 100 米内签到';
  mocked.drill.checkin.mockRejectedValue(new CloudError('FORBIDDEN', far));
  render(<CheckinPage />);
  paste();
  expect(await screen.findByText(far)).toBeTruthy();
  expect(screen.getByText('不在签到范围内')).toBeTruthy();
  expect(screen.getByText('重新定位')).toBeTruthy();
  const vague = '定位不够准确（误差约 300 米），请到室外开阔处重新定位后签到';
  mocked.drill.checkin.mockRejectedValue(new CloudError('FORBIDDEN', vague));
  fireEvent.click(screen.getByText('重新定位'));
  expect(await screen.findByText(vague)).toBeTruthy();
  expect(screen.getByText('定位不够准确')).toBeTruthy();
  expect(mocked.drill.checkin).toHaveBeenCalledTimes(2);
  expect(mocked.drill.checkin.mock.calls[1][0].token).toBe(TOKEN);
});

test('outside the window and rate limited: the server’s words and a next step, no codes', async () => {
  mocked.drill.checkin.mockRejectedValueOnce(new CloudError('FORBIDDEN', '还没到签到时间：14:45 起可以签到'));
  render(<CheckinPage />);
  paste();
  expect(await screen.findByText('还没到签到时间：14:45 起可以签到')).toBeTruthy();
  expect(screen.getByText('不在签到时间内')).toBeTruthy();
  expect(screen.getByText('返回')).toBeTruthy();
  expect(screen.queryByText(/FORBIDDEN/)).toBeNull();
  mocked.drill.checkin.mockRejectedValueOnce(new CloudError('RATE_LIMITED', '操作太频繁，请 45 秒后再试', [], 45));
  fireEvent.click(screen.getByText('重新粘贴签到码'));
  paste();
  expect(await screen.findByText('操作太频繁，请 45 秒后再试')).toBeTruthy();
  expect(screen.getByText('请稍后再试')).toBeTruthy();
});

test('a name only when the server asks for one; kept for the next check-in', async () => {
  mocked.drill.checkin
    .mockRejectedValueOnce(
      new CloudError('INVALID_INPUT', '请填写姓名', [{ path: 'name', message: '镇里的演练需要登记姓名，请填写' }]),
    )
    .mockResolvedValue(RESULT);
  const { unmount } = render(<CheckinPage />);
  expect(screen.queryByPlaceholderText('您的姓名')).toBeNull();
  paste();
  expect(await screen.findByText('镇里的演练需要登记姓名，请填写')).toBeTruthy();
  fireEvent.click(screen.getByText('签到'));
  expect(await screen.findByText('请填写您的姓名')).toBeTruthy();
  fireEvent.change(screen.getByPlaceholderText('您的姓名'), { target: { value: '王阿姨' } });
  fireEvent.click(screen.getByText('签到'));
  expect(await screen.findByText('✓ 签到成功')).toBeTruthy();
  expect(mocked.drill.checkin).toHaveBeenLastCalledWith(expect.objectContaining({ token: TOKEN, name: '王阿姨' }));
  unmount();
  render(<CheckinPage />);
  paste();
  await screen.findByText('✓ 签到成功');
  expect(mocked.drill.checkin).toHaveBeenLastCalledWith(expect.objectContaining({ name: '王阿姨' }));
});

test('tokens are found in a pasted text or a link; anything else is not one', () => {
  expect(checkinTokenIn(`https://x.cn/drills/pages/checkin/index?token=${encodeURIComponent(TOKEN)}&a=1`)).toBe(TOKEN);
  expect(checkinTokenIn(`${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}`)).toBe(TOKEN);
  for (const bad of ['', 'ABCD-EFGH', 'mhd1.x', 'mhd2.drill-1.1764400000.abcdefghijABCDEFGHIJ_-'])
    expect(checkinTokenIn(bad)).toBeUndefined();
});

test('GCJ-02 conversion: a Shanghai point moves a few hundred metres; abroad it stays; the inverse round-trips', () => {
  const g = wgs84ToGcj02({ latitude: 31.3361, longitude: 121.4432 });
  expect(g.latitude - 31.3361).toBeLessThan(0);
  expect(g.longitude - 121.4432).toBeGreaterThan(0.003);
  expect(wgs84ToGcj02({ latitude: 48.85, longitude: 2.35 })).toEqual({ latitude: 48.85, longitude: 2.35 });
  const back = wgs84ToGcj02(gcj02ToWgs84(SITE));
  expect(Math.abs(back.latitude - SITE.latitude) + Math.abs(back.longitude - SITE.longitude)).toBeLessThan(1e-8);
});
