import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MonthlyReportView } from '../../../../types/monthly';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import { downloadWorkbook } from './download';
import MonthlyReportPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, admin: { monthly: jest.fn(), monthlyList: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
jest.mock('./download', () => ({ downloadWorkbook: jest.fn() }));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  admin: { monthly: jest.Mock; monthlyList: jest.Mock };
};

const report = (month: string, label: string, rangeText: string, extra: Partial<MonthlyReportView> = {}) =>
  ({
    month,
    label,
    from: '',
    to: '',
    rangeText,
    generatedAt: `${month}-23T00:05:00+08:00`,
    by: '系统（每月23日自动生成）',
    fileID: `f-${month}`,
    url: `/storage/f-${month}?exp=1&sig=x`,
    fileName: `月度报表-${label}.xlsx`,
    sizeBytes: 24_000,
    sheets: ['汇总', '分区域', '分行业领域', '重大隐患台账', '超期与督办', '举报奖励', '培训与演练'],
    ...extra,
  }) satisfies MonthlyReportView;

const OCT = report('2026-10', '2026年10月', '9月23日—10月22日');
const NOV = report('2026-11', '2026年11月', '10月23日—11月22日');

const login = (roles: string[]) => mocked.user.login.mockResolvedValue({ openid: 'o-a', roles, uploadKey: 'k' });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  login(['resident', 'staff', 'admin']);
  // Only the clock is fake: the 23rd, so November's cycle (10-23 … 11-22) has closed.
  jest.useFakeTimers({
    now: new Date('2026-11-23T09:00:00+08:00'),
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'queueMicrotask',
      'nextTick',
    ],
  });
});
afterEach(() => jest.useRealTimers());

test('before it is generated: the cycle, 尚未生成, and 生成报表 behind a confirmation', async () => {
  mocked.admin.monthlyList.mockResolvedValueOnce([OCT]).mockResolvedValueOnce([NOV, OCT]);
  mocked.admin.monthly.mockResolvedValue(NOV);
  render(<MonthlyReportPage />);
  const card = await screen.findByRole('group', { name: '2026年11月月度报表' });
  expect(within(card).getByText('统计区间 10月23日—11月22日')).toBeTruthy();
  expect(within(card).getByText('尚未生成')).toBeTruthy();
  fireEvent.click(within(card).getByText('生成报表'));
  const dialog = screen.getByRole('alertdialog', { name: '生成2026年11月报表？' });
  expect(mocked.admin.monthly).not.toHaveBeenCalled();
  fireEvent.click(within(dialog).getByText('生成'));
  await waitFor(() => expect(mocked.admin.monthly).toHaveBeenCalledWith({ month: '2026-11' }));
  expect(await screen.findByText('生成时间 2026-11-23 00:05（系统（每月23日自动生成））')).toBeTruthy();
  expect(screen.getByText('往期报表')).toBeTruthy();
  expect(screen.getByRole('group', { name: '2026年10月月度报表' })).toBeTruthy();
});

test('regenerating says what it replaces; 下载 asks for a fresh URL', async () => {
  mocked.admin.monthlyList.mockResolvedValue([NOV, OCT]);
  mocked.admin.monthly.mockResolvedValue({ ...OCT, url: '/storage/fresh' });
  render(<MonthlyReportPage />);
  const card = await screen.findByRole('group', { name: '2026年11月月度报表' });
  fireEvent.click(within(card).getByText('重新生成'));
  const dialog = screen.getByRole('alertdialog', { name: '重新生成2026年11月报表？' });
  expect(within(dialog).getByText(/替换已保存的报表（生成于 2026-11-23 00:05）/)).toBeTruthy();
  fireEvent.click(within(dialog).getByText('取消'));
  expect(screen.queryByRole('alertdialog')).toBeNull();

  const old = screen.getByRole('group', { name: '2026年10月月度报表' });
  fireEvent.click(within(old).getByRole('button', { name: '下载2026年10月月度报表' }));
  await waitFor(() => expect(downloadWorkbook).toHaveBeenCalledWith('/storage/fresh', '月度报表-2026年10月.xlsx'));
  expect(mocked.admin.monthly).toHaveBeenCalledWith({ month: '2026-10' });
});

test('a leader reads and downloads but may not generate', async () => {
  login(['resident', 'leader']);
  mocked.admin.monthlyList.mockResolvedValue([]);
  render(<MonthlyReportPage />);
  const card = await screen.findByRole('group', { name: '2026年11月月度报表' });
  expect(within(card).getByText('尚未生成，请等待镇安委办生成')).toBeTruthy();
  expect(screen.queryByText('生成报表')).toBeNull();
  expect(screen.getByText('还没有往期报表')).toBeTruthy();
});

test('on the 22nd the default is still October; errors are shown with a retry', async () => {
  jest.setSystemTime(new Date('2026-11-22T23:59:00+08:00'));
  mocked.admin.monthlyList.mockRejectedValueOnce(new CloudError('INTERNAL', '服务暂时不可用')).mockResolvedValue([]);
  render(<MonthlyReportPage />);
  fireEvent.click(await screen.findByText('重试'));
  expect(await screen.findByRole('group', { name: '2026年10月月度报表' })).toBeTruthy();
  expect(screen.getByText('统计区间 9月23日—10月22日')).toBeTruthy();
});
