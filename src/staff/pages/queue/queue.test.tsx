import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { QueueItem } from '../../../../types';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { queueItem } from '../../../test-support/fixtures';
import { setRouterParams } from '../../../test-support/taro';
import { resetSession } from '../../../hooks/useSession';
import QueuePage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    queue: { list: jest.fn(), counts: jest.fn() },
    tipoff: { options: jest.fn() },
    user: { login: jest.fn() },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  queue: { list: jest.Mock; counts: jest.Mock };
  tipoff: { options: jest.Mock };
  user: { login: jest.Mock };
};

function item(n: number, over: Partial<QueueItem> = {}): QueueItem {
  return queueItem({
    id: `t${n}`,
    no: `MX-2026-${String(n).padStart(6, '0')}`,
    status: 'accepted',
    description: `描述 ${n}`,
    dueAt: '2026-11-27T23:59:59+08:00',
    routing: { ruleId: 'R05', reason: '规则 R05' },
    ...over,
  });
}

const page = (items: QueueItem[], total: number, p = 1) => ({ items, total, page: p, pageSize: 20 });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({
    openid: 'staff-XF',
    roles: ['staff'],
    departmentId: 'XF',
    departmentCode: 'XF',
  });
  setRouterParams({});
  mocked.queue.counts.mockResolvedValue({
    tabs: { toAccept: 2, inProgress: 21, toSignOff: 0, ended: 5 },
    byStatus: { assigned: 2, accepted: 21, closed: 5 },
    open: 23,
    overdue: 1,
    major: 1,
    categories: [{ id: 'gas-smell', name: '燃气泄漏/异味' }],
    scope: 'department',
  });
  mocked.tipoff.options.mockResolvedValue({
    categories: [
      { id: 'gas-smell', name: '燃气泄漏/异味', group: '燃气', emergency: true },
      { id: 'elevator', name: '电梯困人', group: '特种设备', emergency: true },
    ],
    areas: [{ id: 'gk2', name: '共康二村', kind: 'community', latitude: 0, longitude: 0 }],
    departments: [],
  });
});

test('four tabs carry counts, badges 待办 · 超期; items show countdown, escalation, major and followers', async () => {
  mocked.queue.list.mockResolvedValueOnce(
    page(
      [
        item(1, { overdue: true, escalationLevel: 2, major: true, followers: 3, dueAt: '2020-01-01T23:59:59+08:00' }),
        item(2, { suspectedMajor: true, dueAt: null }),
      ],
      2,
    ),
  );
  const { container } = render(<QueuePage />);
  await screen.findByText('MX-2026-000001');
  const tabs = Array.from(container.querySelectorAll('.queue__tab')).map((t) => t.textContent);
  expect(tabs).toEqual(['待受理 2', '办理中 21', '待销号 0', '已办结 5']);
  expect(container.querySelector('.queue__tab--active')?.getAttribute('aria-selected')).toBe('true');
  expect(container.querySelector('.queue__badge-open')?.textContent).toBe('待办 23');
  expect(container.querySelector('.queue__badge-overdue')?.textContent).toBe('超期 1');
  expect(mocked.queue.list).toHaveBeenCalledWith({ page: 1, pageSize: 20, tab: 'toAccept' });
  expect(mocked.queue.counts).toHaveBeenCalledWith({});

  const [first, second] = Array.from(container.querySelectorAll('.queue__item')) as HTMLElement[];
  expect(first.textContent).toContain('【重大】');
  expect(first.querySelector('.queue__overdue')?.textContent).toMatch(/^超期 \d+ 天$/);
  expect(first.querySelector('.queue__escalation')?.textContent).toBe('通报');
  expect(first.textContent).toContain('期限：2020-01-01 23:59');
  expect(first.textContent).toContain('附议 3 人');
  expect(second.textContent).toContain('【疑似重大】');
  expect(second.querySelector('.queue__overdue')).toBeNull();
  expect(second.querySelector('.queue__escalation')).toBeNull();

  fireEvent.click(first);
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/detail/index?id=t1' });
});

test('pages of 20 with 加载更多; a failed page keeps what is shown', async () => {
  mocked.queue.list.mockResolvedValueOnce(
    page(
      Array.from({ length: 20 }, (_, i) => item(i + 1)),
      21,
    ),
  );
  const { container } = render(<QueuePage />);
  await screen.findByText('MX-2026-000020');
  expect(mocked.queue.list).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, tab: 'toAccept' });

  mocked.queue.list.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  fireEvent.click(screen.getByText('加载更多'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(container.querySelectorAll('.queue__item')).toHaveLength(20);

  mocked.queue.list.mockResolvedValueOnce(page([item(21)], 21, 2));
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('MX-2026-000021');
  expect(mocked.queue.list).toHaveBeenLastCalledWith({ page: 2, pageSize: 20, tab: 'toAccept' });
  expect(container.querySelectorAll('.queue__item')).toHaveLength(21);
  expect(screen.getByText('没有更多了')).toBeTruthy();
});

test('tab, 超期, 重大 and the category/area filters go to the server; the tab counts follow the filters', async () => {
  mocked.queue.list.mockResolvedValue(page([item(1)], 1));
  render(<QueuePage />);
  await screen.findByText('MX-2026-000001');

  fireEvent.click(screen.getByText('办理中 21'));
  await waitFor(() => expect(mocked.queue.list).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, tab: 'inProgress' }));
  fireEvent.click(screen.getByText('只看超期'));
  fireEvent.click(screen.getByText('只看重大'));
  await waitFor(() =>
    expect(mocked.queue.list).toHaveBeenLastCalledWith({
      page: 1,
      pageSize: 20,
      tab: 'inProgress',
      overdue: true,
      major: true,
    }),
  );
  await waitFor(() => expect(mocked.queue.counts).toHaveBeenLastCalledWith({ overdue: true, major: true }));

  fireEvent.click(screen.getByText('筛选 ▾'));
  // Only the categories this department handles (from counts), not the town's whole list.
  expect(screen.queryByText('电梯困人')).toBeNull();
  fireEvent.click(await screen.findByText('燃气泄漏/异味'));
  fireEvent.click(screen.getAllByText('共康二村').find((e) => e.className.includes('chip')) as HTMLElement);
  await waitFor(() =>
    expect(mocked.queue.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ categoryId: 'gas-smell', areaId: 'gk2', page: 1 }),
    ),
  );
  expect(screen.getByText('筛选：燃气泄漏/异味 · 共康二村')).toBeTruthy();
  expect(mocked.queue.counts).toHaveBeenLastCalledWith({
    overdue: true,
    major: true,
    categoryId: 'gas-smell',
    areaId: 'gk2',
  });
});

test('an overdue notice opens the queue already filtered (?overdue=1)', async () => {
  setRouterParams({ overdue: '1', tab: 'inProgress' });
  mocked.queue.list.mockResolvedValue(page([item(1)], 1));
  render(<QueuePage />);
  await screen.findByText('MX-2026-000001');
  expect(mocked.queue.list).toHaveBeenCalledWith({ page: 1, pageSize: 20, tab: 'inProgress', overdue: true });
  expect(mocked.queue.counts).toHaveBeenCalledWith({ overdue: true });
});

test('安委办 and leaders get a 全镇 toggle (scope town); department staff do not', async () => {
  mocked.queue.list.mockResolvedValue(page([item(1)], 1));
  const staff = render(<QueuePage />);
  await screen.findByText('MX-2026-000001');
  expect(screen.queryByText('全镇')).toBeNull();
  expect(screen.queryByText(/承办部门/)).toBeNull(); // one's own department's queue: no department on the cards
  expect(Taro.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '部门待办' });
  staff.unmount();

  for (const role of ['admin', 'leader'] as const) {
    resetSession();
    mocked.user.login.mockResolvedValue({ openid: `${role}-1`, roles: [role] });
    const view = render(<QueuePage />);
    fireEvent.click(await screen.findByText('全镇'));
    await waitFor(() =>
      expect(mocked.queue.list).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, tab: 'toAccept', scope: 'town' }),
    );
    await waitFor(() => expect(mocked.queue.counts).toHaveBeenLastCalledWith({ scope: 'town' }));
    expect(screen.getByText('全镇待办')).toBeTruthy();
    // The title follows the scope, and each card says which department the case is with.
    expect(Taro.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '全镇待办' });
    expect(await screen.findByText('承办部门：消防救援')).toBeTruthy();
    view.unmount();
  }
  resetSession();
});
