import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { setRouterParams } from '../../../test-support/taro';
import { DETAIL, MANAGER, PARTICIPANTS } from '../../components/fixtures';
import DrillRunPage, { QR_SIZE } from './index';

const mockHidden: (() => void)[] = [];
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro');
  return { __esModule: true, ...actual, useDidHide: (fn: () => void) => void mockHidden.push(fn) };
});
jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    drill: {
      detail: jest.fn(),
      qr: jest.fn(),
      participants: jest.fn(),
      start: jest.fn(),
      allClear: jest.fn(),
      addByHand: jest.fn(),
    },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; drill: Record<string, jest.Mock> };
// As long as a real token: `mhd1.<drillId>.<issued s>.<43-character signature>`.
const SIG = 'Qm9vb2sgb2YgdGhlIGRyaWxsIHNpZ25hdHVyZSAxMjM';
const qr = (n: number) => ({
  token: `mhd1.demo-drill-ent-demo.${1764900000 + n}.${SIG}`,
  expiresAt: '2026-12-05T09:31:00+08:00',
  refreshInSeconds: 20,
});
const tick = async (seconds: number) => {
  for (let i = 0; i < seconds; i += 1) {
    // One second at a time, letting each refresh's promise settle.
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
  }
};

beforeEach(() => {
  jest.useFakeTimers();
  // Five minutes into the check-in of DETAIL (09:30, open from 09:15).
  jest.setSystemTime(new Date('2026-12-05T09:20:00+08:00'));
  jest.clearAllMocks();
  mockHidden.length = 0;
  resetSession();
  setRouterParams({ id: 'd1' });
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.drill.detail.mockResolvedValue(DETAIL);
  let n = 0;
  mocked.drill.qr.mockImplementation(async () => qr((n += 1)));
  mocked.drill.participants.mockResolvedValue(PARTICIPANTS);
});
afterEach(() => jest.useRealTimers());

test('the QR is large, counts down and is replaced every 20 seconds', async () => {
  const { container } = render(<DrillRunPage />);
  expect(await screen.findByText('20 秒后换新二维码')).toBeTruthy();
  const code = container.querySelector('.qr-code') as HTMLElement;
  expect(parseInt(code.style.width, 10)).toBeGreaterThanOrEqual(260);
  expect(QR_SIZE).toBeGreaterThanOrEqual(260);
  expect(screen.getByRole('img', { name: '演练签到二维码' })).toBeTruthy();
  await tick(1);
  expect(screen.getByText('19 秒后换新二维码')).toBeTruthy();
  expect(mocked.drill.qr).toHaveBeenCalledTimes(1);
  await tick(19);
  expect(mocked.drill.qr).toHaveBeenCalledTimes(2);
  expect(await screen.findByText('20 秒后换新二维码')).toBeTruthy();
});

test('a bad network: says so, keeps the last code (greyed once expired), retries, never crashes', async () => {
  const { container } = render(<DrillRunPage />);
  await screen.findByText('20 秒后换新二维码');
  mocked.drill.qr.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  await tick(20);
  expect(screen.getByText('网络不稳定，二维码可能已过期，正在重试…')).toBeTruthy();
  expect(container.querySelector('.qr-code')).toBeTruthy();
  const calls = mocked.drill.qr.mock.calls.length;
  await tick(3);
  expect(mocked.drill.qr.mock.calls.length).toBe(calls + 1);
  await tick(9);
  expect(container.querySelector('.drill-run__qr-box--stale')).toBeTruthy();
  mocked.drill.qr.mockResolvedValue(qr(99));
  fireEvent.click(screen.getByText('立即重试'));
  await tick(1);
  expect(screen.queryByText(/网络不稳定/)).toBeNull();
  expect(container.querySelector('.drill-run__qr-box--stale')).toBeNull();
  expect(screen.getByText(/秒后换新二维码/)).toBeTruthy();
});

test('polling stops while the page is hidden', async () => {
  render(<DrillRunPage />);
  await screen.findByText('20 秒后换新二维码');
  await tick(5);
  const qrCalls = mocked.drill.qr.mock.calls.length;
  const pollCalls = mocked.drill.participants.mock.calls.length;
  expect(pollCalls).toBeGreaterThanOrEqual(2);
  await act(async () => mockHidden.forEach((fn) => fn()));
  await tick(60);
  expect(mocked.drill.qr.mock.calls.length).toBe(qrCalls);
  expect(mocked.drill.participants.mock.calls.length).toBe(pollCalls);
});

test('headcount, 未签到 and 已签到 lists; 开始演练 and 解除警报 each behind a confirmation', async () => {
  mocked.drill.start.mockResolvedValue({
    ...DETAIL,
    status: 'started',
    statusLabel: '演练中',
    startedAt: new Date().toISOString(),
  });
  mocked.drill.allClear.mockResolvedValue({
    ...DETAIL,
    status: 'allClear',
    statusLabel: '已解除',
    evacuationSeconds: 205,
  });
  render(<DrillRunPage />);
  // 访客老陈 is not one of the enterprise's people: the enterprise's own count comes first.
  expect(await screen.findByText('本企业已到 1 / 应到 42，另有 1 人签到')).toBeTruthy();
  expect(screen.getByText('未签到（2 人）')).toBeTruthy();
  expect(screen.getByText('赵会计')).toBeTruthy();
  expect(screen.getByText('手工登记')).toBeTruthy();
  expect(screen.getByText('非本企业')).toBeTruthy();
  expect(document.body.textContent).not.toContain('p1');

  fireEvent.click(screen.getByText('开始演练（拉响警报）'));
  const start = screen.getByRole('alertdialog', { name: '拉响警报，开始演练？' });
  expect(mocked.drill.start).not.toHaveBeenCalled();
  fireEvent.click(within(start).getByText('开始演练'));
  await waitFor(() => expect(mocked.drill.start).toHaveBeenCalledWith('d1'));
  expect(await screen.findByText('警报已拉响，开始计时。')).toBeTruthy();
  expect(screen.getByText(/^已用时/)).toBeTruthy();

  fireEvent.click(screen.getByText('解除警报'));
  fireEvent.click(within(screen.getByRole('alertdialog', { name: '解除警报？' })).getByText('解除警报'));
  expect(await screen.findByText('警报已解除，疏散用时 3 分 25 秒。')).toBeTruthy();
  expect(screen.getByText('疏散用时 3 分 25 秒')).toBeTruthy();
  expect(screen.queryByRole('img', { name: '演练签到二维码' })).toBeNull();
  expect(screen.getByText('填写演练记录')).toBeTruthy();
});

test('手工登记: a worker from the missing list, or a name; refusals in plain words', async () => {
  mocked.drill.addByHand.mockResolvedValue({
    ...PARTICIPANTS,
    checkedIn: [
      ...PARTICIPANTS.checkedIn,
      { id: 'm1', name: '李工', at: '2026-12-05T09:40:00+08:00', byHand: true, expected: true },
    ],
    missing: [{ id: 'm2', name: '赵会计' }],
  });
  render(<DrillRunPage />);
  fireEvent.click(await screen.findByText('手工登记（没带手机的人）'));
  fireEvent.click(screen.getByText('登记'));
  expect(mocked.drill.addByHand).not.toHaveBeenCalled();
  const picker = screen.getByRole('radiogroup', { name: '从未签到的员工中选（选填）' });
  fireEvent.click(within(picker).getByText('李工'));
  fireEvent.click(screen.getByText('登记'));
  await waitFor(() =>
    expect(mocked.drill.addByHand).toHaveBeenCalledWith({ drillId: 'd1', name: '李工', memberId: 'm1' }),
  );
  expect(await screen.findByText('已登记 李工。')).toBeTruthy();
  expect(screen.getByText('本企业已到 2 / 应到 42，另有 1 人签到')).toBeTruthy();
  expect(screen.getByText('未签到（1 人）')).toBeTruthy();
});

test('someone who does not run the drill is sent to its details', async () => {
  mocked.drill.detail.mockResolvedValue({ ...DETAIL, may: { manage: false, checkin: true } });
  render(<DrillRunPage />);
  expect(await screen.findByText('只有演练的组织者可以打开现场页')).toBeTruthy();
  expect(mocked.drill.qr).not.toHaveBeenCalled();
  expect(mocked.drill.participants).not.toHaveBeenCalled();
});

test('h5 (no scanner): the current code is also shown as text to paste, and hidden once it has expired', async () => {
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'h5';
  try {
    const { container } = render(<DrillRunPage />);
    expect(await screen.findByText(`网页版签到码：${qr(1).token}`)).toBeTruthy();
    await tick(20);
    expect(await screen.findByText(`网页版签到码：${qr(2).token}`)).toBeTruthy();
    mocked.drill.qr.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
    await tick(32);
    expect(container.querySelector('.drill-run__qr-box--stale')).toBeTruthy();
    expect(container.querySelector('.drill-run__token')).toBeNull();
  } finally {
    process.env.TARO_ENV = env;
  }
});

test('not h5 (weapp scans it): no code as text', async () => {
  const { container } = render(<DrillRunPage />);
  await screen.findByText('20 秒后换新二维码');
  expect(container.querySelector('.drill-run__token')).toBeNull();
});

test('before check-in opens (15 minutes ahead): when it opens, and no start, QR or 手工登记 the server would refuse', async () => {
  jest.setSystemTime(new Date('2026-12-05T09:14:00+08:00'));
  render(<DrillRunPage />);
  expect(await screen.findByText(/12 月 5 日 09:15 起可以开始演练、扫码签到/)).toBeTruthy();
  expect(screen.queryByText('开始演练（拉响警报）')).toBeNull();
  expect(screen.queryByText('手工登记（没带手机的人）')).toBeNull();
  expect(mocked.drill.qr).not.toHaveBeenCalled();
  // The minute it opens, the page follows without a reload.
  await tick(75);
  expect(screen.getByText('开始演练（拉响警报）')).toBeTruthy();
  expect(screen.getByText('手工登记（没带手机的人）')).toBeTruthy();
  expect(mocked.drill.qr).toHaveBeenCalled();
});
