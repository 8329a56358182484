import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { resetSession } from '../../hooks/useSession';
import Index, { hasQueue } from './index';

jest.mock('../../services/api', () => ({
  api: { user: { login: jest.fn(), messages: jest.fn() }, queue: { counts: jest.fn() } },
}));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock; messages: jest.Mock };
  queue: { counts: jest.Mock };
};
const taro = Taro as unknown as Record<string, jest.Mock>;

const login = (roles: string[]) =>
  mocked.user.login.mockResolvedValue({
    openid: 'o1',
    roles,
    departmentId: roles.includes('resident') ? undefined : 'CJ',
  });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.messages.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 1, unread: 0 });
  mocked.queue.counts.mockResolvedValue({ open: 7, overdue: 2, major: 0, tabs: {} });
});

test('a resident sees no department work and never asks for queue counts', async () => {
  login(['resident']);
  render(<Index />);
  await waitFor(() => expect(mocked.user.login).toHaveBeenCalled());
  await waitFor(() => expect(mocked.user.messages).toHaveBeenCalled());
  expect(screen.queryByText('部门待办')).toBeNull();
  expect(mocked.queue.counts).not.toHaveBeenCalled();
});

test('staff see their work first with 待办 N · 超期 N; 超期 opens the queue already filtered', async () => {
  login(['staff']);
  const { container } = render(<Index />);
  expect(await screen.findByText('待办 7')).toBeTruthy();
  expect(screen.getByText('超期 2')).toBeTruthy();
  // Work comes before the resident cards and the emergency banner.
  const work = container.querySelector('.home__work') as HTMLElement;
  const banner = container.querySelector('.home__emergency') as HTMLElement;
  expect(work.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

  fireEvent.click(screen.getByText('超期 2'));
  expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/queue/index?overdue=1' });
  expect(taro.navigateTo).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByText('部门待办'));
  expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/queue/index' });
});

test('leaders, heads and 安委办 have a queue too; residents and workers do not', () => {
  expect(hasQueue(['leader'])).toBe(true);
  expect(hasQueue(['head'])).toBe(true);
  expect(hasQueue(['admin'])).toBe(true);
  expect(hasQueue(['resident', 'worker', 'safetyManager'])).toBe(false);
  expect(hasQueue(undefined)).toBe(false);
});

test('the emergency numbers on the banner are tappable', async () => {
  login(['resident']);
  render(<Index />);
  fireEvent.click(screen.getByText('119 火警'));
  expect(taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '119' });
  fireEvent.click(screen.getByText('962777 燃气抢修'));
  expect(taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '962777' });
  await waitFor(() => expect(mocked.user.messages).toHaveBeenCalled());
});

test('the cards open with a tap or with Enter/Space; 随手拍 and 我的 are tabs (switchTab), the rest are pushed', async () => {
  login(['staff']);
  render(<Index />);
  expect(await screen.findByText('待办 7')).toBeTruthy();
  const report = screen.getByText('隐患随手拍').parentElement as HTMLElement;
  expect(report.getAttribute('tabindex')).toBe('0');
  fireEvent.keyDown(report, { key: 'Enter' });
  expect(taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/report/index' });
  fireEvent.click(screen.getByText('我的举报'));
  expect(taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/mine/index' });
  fireEvent.keyDown(screen.getByText('消息').parentElement as HTMLElement, { key: ' ' });
  expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/messages/index' });
  // Enter on the 超期 badge opens the filtered queue once, not the card around it as well.
  fireEvent.keyDown(screen.getByText('超期 2').closest('[tabindex]') as HTMLElement, { key: 'Enter' });
  expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/queue/index?overdue=1' });
  expect(taro.navigateTo).toHaveBeenCalledTimes(2);
  expect(taro.redirectTo).not.toHaveBeenCalled();
});
