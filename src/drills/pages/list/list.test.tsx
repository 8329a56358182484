import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { ADMIN, LEADER, MANAGER, SUMMARY, WORKER } from '../../components/fixtures';
import DrillListPage, { tabsFor } from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, drill: { list: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; drill: { list: jest.Mock } };
const page = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.drill.list.mockResolvedValue(
    page([
      SUMMARY,
      { ...SUMMARY, id: 'd2', title: '燃气泄漏演练', status: 'started', statusLabel: '演练中', checkedIn: 37 },
    ]),
  );
});

test('tabs by role: managers 我组织的, 安委办 also 全部, leaders 全部 only, everyone 可参加的', () => {
  const ids = (roles: string[]) => tabsFor(roles as never).map((t) => t.label);
  expect(ids(MANAGER.roles)).toEqual(['我组织的', '可参加的']);
  expect(ids(ADMIN.roles)).toEqual(['我组织的', '全部', '可参加的']);
  expect(ids(LEADER.roles)).toEqual(['全部', '可参加的']);
  expect(ids(WORKER.roles)).toEqual(['可参加的']);
});

test('a manager sees the drills they organise, the headcount once started, and opens one', async () => {
  mocked.user.login.mockResolvedValue(MANAGER);
  render(<DrillListPage />);
  expect(await screen.findByText('冬季消防疏散演练')).toBeTruthy();
  expect(mocked.drill.list).toHaveBeenCalledWith({ scope: 'manage', status: undefined, page: 1 });
  expect(screen.getAllByText('时间：2026-12-05 09:30 至 10:30')).toHaveLength(2);
  expect(screen.getByText('已签到 37 / 应到 42')).toBeTruthy();
  expect(screen.getByText('计划新演练')).toBeTruthy();
  fireEvent.click(screen.getByText('燃气泄漏演练'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/drills/pages/detail/index?id=d2' });

  fireEvent.click(screen.getByText('可参加的'));
  await waitFor(() =>
    expect(mocked.drill.list).toHaveBeenLastCalledWith({ scope: 'join', status: undefined, page: 1 }),
  );
  expect(screen.getByText('扫码签到')).toBeTruthy();
});

test('a worker only has 可参加的, with an empty state in plain words; a failure can be retried', async () => {
  mocked.user.login.mockResolvedValue(WORKER);
  mocked.drill.list.mockResolvedValueOnce(page([]));
  const { unmount } = render(<DrillListPage />);
  expect(await screen.findByText('现在没有您可以参加的演练。演练开始前，组织者会通知您。')).toBeTruthy();
  expect(mocked.drill.list).toHaveBeenCalledWith({ scope: 'join', status: undefined, page: 1 });
  expect(screen.queryByText('计划新演练')).toBeNull();
  unmount();
  resetSession();
  mocked.drill.list.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<DrillListPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('冬季消防疏散演练')).toBeTruthy();
});

test('安委办 filters by status', async () => {
  mocked.user.login.mockResolvedValue(ADMIN);
  render(<DrillListPage />);
  await screen.findByText('冬季消防疏散演练');
  fireEvent.click(screen.getByText('已归档'));
  await waitFor(() =>
    expect(mocked.drill.list).toHaveBeenLastCalledWith({ scope: 'manage', status: 'closed', page: 1 }),
  );
});
