import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Message } from '../../../types';
import { api } from '../../services/api';
import MessagesPage from './index';
import { messageLink, OVERDUE_QUEUE } from './link';

jest.mock('../../services/api', () => ({ api: { user: { messages: jest.fn(), readMessages: jest.fn() } } }));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { messages: jest.Mock; readMessages: jest.Mock } };

const msg = (id: string, over: Partial<Message> = {}): Message => ({
  id,
  title: `标题 ${id}`,
  body: `内容 ${id}`,
  read: false,
  createdAt: '2026-11-28T10:00:00+08:00',
  audience: 'reporter',
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  mocked.user.readMessages.mockResolvedValue({ updated: 1 });
});

test('unread messages are marked; 全部已读 clears them', async () => {
  mocked.user.messages.mockResolvedValueOnce({
    items: [msg('m1'), msg('m2', { read: true })],
    total: 2,
    page: 1,
    pageSize: 20,
    unread: 1,
  });
  const { container } = render(<MessagesPage />);
  expect(await screen.findByText('1 条未读')).toBeTruthy();
  expect(container.querySelectorAll('.messages__item--unread')).toHaveLength(1);

  fireEvent.click(screen.getByText('全部已读'));
  await waitFor(() => expect(screen.getByText('没有未读消息')).toBeTruthy());
  expect(mocked.user.readMessages).toHaveBeenCalledWith();
  expect(container.querySelectorAll('.messages__item--unread')).toHaveLength(0);
});

test('tapping a message about a report opens it and marks that one read', async () => {
  mocked.user.messages.mockResolvedValueOnce({
    items: [msg('m1', { tipoffId: 't1', tipoffNo: 'MX-2026-000007' })],
    total: 1,
    page: 1,
    pageSize: 20,
    unread: 1,
  });
  render(<MessagesPage />);
  fireEvent.click(await screen.findByText('标题 m1'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/tipoff/detail/index?id=t1' });
  expect(mocked.user.readMessages).toHaveBeenCalledWith(['m1']);
  expect(screen.getByText('没有未读消息')).toBeTruthy();
});

test('no messages: an empty state', async () => {
  mocked.user.messages.mockResolvedValueOnce({ items: [], total: 0, page: 1, pageSize: 20, unread: 0 });
  render(<MessagesPage />);
  expect(await screen.findByText(/暂无消息/)).toBeTruthy();
});

test("the scheduler's overdue reminder to a department opens the queue already filtered to 超期", async () => {
  mocked.user.messages.mockResolvedValueOnce({
    items: [
      msg('m1', {
        audience: 'department',
        title: '超期督办提醒',
        body: '本部门有举报超过办理期限：督办 2 件。请尽快处理。',
      }),
    ],
    total: 1,
    page: 1,
    pageSize: 20,
    unread: 1,
  });
  render(<MessagesPage />);
  fireEvent.click(await screen.findByText('超期督办提醒'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/queue/index?overdue=1' });
  expect(Taro.switchTab).not.toHaveBeenCalled();
});

test('links: a notice about one case opens that case for staff; other department messages the plain queue', () => {
  expect(messageLink({ audience: 'department', title: '超期函告', tipoffId: 't 9' })).toBe(
    '/staff/pages/detail/index?id=t%209',
  );
  expect(messageLink({ audience: 'department', title: '2027 年节假日安排未录入' })).toBe('/staff/pages/queue/index');
  expect(messageLink({ audience: 'department', title: '超期督办提醒' })).toBe(OVERDUE_QUEUE);
  expect(messageLink({ audience: 'reporter', title: '举报已受理', tipoffId: 't1' })).toBe(
    '/pages/tipoff/detail/index?id=t1',
  );
  expect(messageLink({ audience: 'reporter', title: '系统通知' })).toBeUndefined();
});

describe('links by kind (not by title)', () => {
  const base = { audience: 'reporter' as const, title: '任意标题' };

  test('an overdue reminder opens the queue filtered to 超期, whatever its title', () => {
    expect(messageLink({ ...base, audience: 'department', kind: 'overdueReminder', title: '提醒' })).toBe(
      OVERDUE_QUEUE,
    );
  });

  test('a leader notice opens that case in the staff detail', () => {
    expect(messageLink({ ...base, audience: 'department', kind: 'leaderNotice', tipoffId: 't 7' })).toBe(
      '/staff/pages/detail/index?id=t%207',
    );
    expect(messageLink({ ...base, audience: 'department', kind: 'leaderNotice' })).toBe(OVERDUE_QUEUE);
  });

  test('a case message opens the report (the reporter’s view)', () => {
    expect(messageLink({ ...base, kind: 'case', tipoffId: 't1' })).toBe('/pages/tipoff/detail/index?id=t1');
    expect(messageLink({ ...base, kind: 'case' })).toBeUndefined();
  });

  test('an internal report message opens the report detail, for managers and for the worker alike', () => {
    expect(messageLink({ ...base, kind: 'internalReport', internalReportId: 'nb/1' })).toBe(
      '/enterprise/pages/report-detail/index?id=nb%2F1',
    );
    // The worker's escalation notice carries both: the internal report wins (its page shows the town's number).
    expect(messageLink({ ...base, kind: 'internalReport', internalReportId: 'nb1', tipoffId: 't2' })).toBe(
      '/enterprise/pages/report-detail/index?id=nb1',
    );
  });

  test('a registration decision opens the desk; a join decision opens 我的', () => {
    expect(messageLink({ ...base, kind: 'enterprise', title: '企业登记未通过' })).toBe('/enterprise/pages/desk/index');
    expect(messageLink({ ...base, kind: 'enterpriseJoin' })).toBe('/pages/mine/index');
    expect(messageLink({ ...base, kind: 'ledger' })).toBe('/enterprise/pages/ledger/index');
    expect(messageLink({ ...base, audience: 'department', kind: 'ledger' })).toBe(
      '/staff/pages/ledger/index?status=rectified',
    );
  });

  test('tapping an internal report message opens it; a join decision switches to the 我的 tab on weapp', async () => {
    mocked.user.messages.mockResolvedValueOnce({
      items: [
        msg('m1', { title: '收到内部隐患报告', kind: 'internalReport', internalReportId: 'nb9' }),
        msg('m2', { title: '加入企业申请已通过', kind: 'enterpriseJoin' }),
      ],
      total: 2,
      page: 1,
      pageSize: 20,
      unread: 2,
    });
    render(<MessagesPage />);
    fireEvent.click(await screen.findByText('收到内部隐患报告'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/enterprise/pages/report-detail/index?id=nb9' });
    fireEvent.click(screen.getByText('加入企业申请已通过'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });
});

test('keyboard: Enter on a message opens it; one that opens nothing is a button that marks it read', async () => {
  mocked.user.messages.mockResolvedValueOnce({
    items: [msg('m1', { title: '企业登记已通过', kind: 'enterprise' }), msg('m2', { title: '系统通知' })],
    total: 2,
    page: 1,
    pageSize: 20,
    unread: 2,
  });
  const { container } = render(<MessagesPage />);
  await screen.findByText('企业登记已通过');
  const [linked, plain] = Array.from(container.querySelectorAll('.messages__item')) as HTMLElement[];
  expect(linked.getAttribute('role')).toBe('link');
  expect(linked.getAttribute('tabindex')).toBe('0');
  expect(linked.textContent).toContain('查看详情 ›');
  expect(plain.getAttribute('role')).toBe('button');
  expect(plain.textContent).not.toContain('查看');
  fireEvent.keyDown(linked, { key: 'Enter' });
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/enterprise/pages/desk/index' });
  fireEvent.keyDown(plain, { key: ' ' });
  expect(mocked.user.readMessages).toHaveBeenLastCalledWith(['m2']);
  expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
  expect(screen.getByText('没有未读消息')).toBeTruthy();
});
