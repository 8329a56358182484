// 安全培训 is opened from 首页 and from 我的, for everyone (a resident with no role included).
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetSession } from '../hooks/useSession';
import Index from '../pages/index/index';
import MinePage from '../pages/mine/index';
import { api } from '../services/api';
import { setRouterParams } from '../test-support/taro';
import privacyNotice from '../../config/town/privacy.json';

jest.mock('../services/api', () => ({
  api: {
    user: { login: jest.fn(), messages: jest.fn(), bind: jest.fn() },
    queue: { counts: jest.fn() },
    tipoff: { mine: jest.fn() },
    enterprise: { detail: jest.fn() },
  },
}));
jest.mock('../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock; messages: jest.Mock };
  tipoff: { mine: jest.Mock };
};
const navigateTo = Taro.navigateTo as unknown as jest.Mock;
const HOME = '/training/pages/home/index';

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({});
  mocked.user.login.mockResolvedValue({
    openid: 'o-1',
    roles: ['resident'],
    privacyVersion: privacyNotice.version,
    privacyConsent: null,
  });
  mocked.user.messages.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 1, unread: 0 });
  mocked.tipoff.mine.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
});

test('首页 opens 安全培训', async () => {
  render(<Index />);
  const card = (await screen.findByText('学安全知识，参加考试，练习错题')).parentElement as HTMLElement;
  expect(card.getAttribute('role')).toBe('link');
  fireEvent.click(card);
  expect(navigateTo).toHaveBeenLastCalledWith({ url: HOME });
});

test('我的 opens 安全培训, by tap and by keyboard', async () => {
  render(<MinePage />);
  await screen.findByText('您还没有举报过隐患');
  const entry = screen.getByText('课程学习、考试、练习、错题本和证书 ›').parentElement as HTMLElement;
  expect(entry.getAttribute('role')).toBe('link');
  fireEvent.click(entry);
  expect(navigateTo).toHaveBeenLastCalledWith({ url: HOME });
  fireEvent.keyDown(entry, { key: 'Enter' });
  expect(navigateTo).toHaveBeenCalledTimes(2);
});
