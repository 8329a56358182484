import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { DrillDetail } from '../../../../types/drill';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { setRouterParams } from '../../../test-support/taro';
import { DETAIL, LEADER, MANAGER, WORKER } from '../../components/fixtures';
import { saveRecordFile } from '../../components/save-file';
import DrillDetailPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    drill: { detail: jest.fn(), exportRecord: jest.fn(), cancel: jest.fn() },
  },
}));
jest.mock('../../components/save-file', () => ({ saveRecordFile: jest.fn(() => Promise.resolve()) }));
jest.mock('../../../services/transport', () => ({ mediaUrl: (url: string) => url }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; drill: Record<string, jest.Mock> };
const CLOSED: DrillDetail = {
  ...DETAIL,
  status: 'closed',
  statusLabel: '已归档',
  checkedIn: 40,
  startedAt: '2026-12-05T09:35:00+08:00',
  allClearAt: '2026-12-05T09:38:25+08:00',
  evacuationSeconds: 205,
  record: {
    problems: '二楼东侧安全出口堆放货物',
    improvements: '每周检查安全出口',
    rating: 'good',
    ratingLabel: '良好',
    evaluation: '达到预期目的',
    photoUrls: ['/storage/a.jpg'],
    headcount: 40,
    expectedCount: 42,
    missing: ['李工', '赵会计'],
    byHand: 1,
    closedAt: '2026-12-05T11:00:00+08:00',
    closedBy: '王经理',
  },
};
const FILE = {
  fileName: '演练记录-冬季消防疏散演练.xlsx',
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  base64: 'UEsD',
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({ id: 'd1' });
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.drill.detail.mockResolvedValue(CLOSED);
  mocked.drill.exportRecord.mockResolvedValue(FILE);
});

test('a closed drill: evacuation time in minutes and seconds, the record, and 导出记录', async () => {
  render(<DrillDetailPage />);
  expect(await screen.findByText('疏散用时 3 分 25 秒')).toBeTruthy();
  expect(screen.getByText('40 / 42')).toBeTruthy();
  expect(screen.getByText('未到人员：李工、赵会计')).toBeTruthy();
  expect(screen.getByText('评估结论：良好')).toBeTruthy();
  expect(screen.getByText('其中手工登记 1 人')).toBeTruthy();
  expect(screen.getByText('二楼东侧安全出口堆放货物')).toBeTruthy();
  expect(screen.getByText('王经理 于 2026-12-05 11:00 归档')).toBeTruthy();
  fireEvent.click(screen.getByText('导出记录（Excel）'));
  await waitFor(() => expect(saveRecordFile).toHaveBeenCalledWith(FILE));
  expect(mocked.drill.exportRecord).toHaveBeenCalledWith('d1');
  expect(await screen.findByText('已导出 演练记录-冬季消防疏散演练.xlsx')).toBeTruthy();
  expect(screen.queryByText('去签到')).toBeNull();
});

test('an export failure is said in plain words; a leader may export too', async () => {
  mocked.user.login.mockResolvedValue(LEADER);
  mocked.drill.detail.mockResolvedValue({ ...CLOSED, may: { manage: false, checkin: false } });
  mocked.drill.exportRecord.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<DrillDetailPage />);
  fireEvent.click(await screen.findByText('导出记录（Excel）'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
});

test('a participant sees 去签到 when the server allows it, and no organiser buttons', async () => {
  mocked.user.login.mockResolvedValue(WORKER);
  mocked.drill.detail.mockResolvedValue({ ...DETAIL, may: { manage: false, checkin: true } });
  render(<DrillDetailPage />);
  fireEvent.click(await screen.findByText('去签到'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/drills/pages/checkin/index' });
  expect(screen.queryByText('打开演练现场页')).toBeNull();
  expect(screen.queryByText('取消演练…')).toBeNull();
  expect(screen.queryByText('导出记录（Excel）')).toBeNull();
});

test('after checking in, the participant is told when', async () => {
  mocked.user.login.mockResolvedValue(WORKER);
  mocked.drill.detail.mockResolvedValue({
    ...DETAIL,
    status: 'started',
    statusLabel: '演练中',
    myCheckinAt: '2026-12-05T09:31:00+08:00',
    may: { manage: false, checkin: false },
  });
  render(<DrillDetailPage />);
  expect(await screen.findByText('您已于 2026-12-05 09:31 签到')).toBeTruthy();
  expect(screen.queryByText('去签到')).toBeNull();
});

test('the organiser of a planned drill opens the run page, or cancels with a reason behind a confirmation', async () => {
  mocked.drill.detail.mockResolvedValue(DETAIL);
  mocked.drill.cancel.mockResolvedValue({
    ...DETAIL,
    status: 'cancelled',
    statusLabel: '已取消',
    cancelledReason: '台风预警',
  });
  render(<DrillDetailPage />);
  fireEvent.click(await screen.findByText('打开演练现场页'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/drills/pages/run/index?id=d1' });
  fireEvent.click(screen.getByText('取消演练…'));
  const dialog = screen.getByRole('alertdialog', { name: '取消这场演练？' });
  fireEvent.click(within(dialog).getByText('确认取消'));
  expect(await within(dialog).findByText('请填写取消原因')).toBeTruthy();
  expect(mocked.drill.cancel).not.toHaveBeenCalled();
  fireEvent.change(within(dialog).getByLabelText(/取消原因/), { target: { value: '台风预警' } });
  fireEvent.click(within(dialog).getByText('确认取消'));
  await waitFor(() => expect(mocked.drill.cancel).toHaveBeenCalledWith('d1', '台风预警'));
  expect(await screen.findByText('取消原因：台风预警')).toBeTruthy();
  expect(screen.getByText('已取消')).toBeTruthy();
});

test('loading failure can be retried', async () => {
  mocked.drill.detail.mockRejectedValueOnce(new CloudError('NOT_FOUND', '没有找到这场演练'));
  render(<DrillDetailPage />);
  expect(await screen.findByText('没有找到这场演练')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('疏散用时 3 分 25 秒')).toBeTruthy();
});
