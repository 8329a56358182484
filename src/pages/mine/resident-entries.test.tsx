import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { resetSession } from '../../hooks/useSession';
import { setRouterParams } from '../../test-support/taro';
import MinePage from './index';
import privacyNotice from '../../../config/town/privacy.json';

jest.mock('../../services/api', () => ({
  api: {
    user: { login: jest.fn(), bind: jest.fn() },
    tipoff: { mine: jest.fn() },
    enterprise: { detail: jest.fn() },
  },
}));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; tipoff: { mine: jest.Mock } };
const navigateTo = Taro.navigateTo as unknown as jest.Mock;

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({});
  // A resident with no role at all: the entries are for everyone.
  mocked.user.login.mockResolvedValue({
    openid: 'o-1',
    roles: ['resident'],
    privacyVersion: privacyNotice.version,
    privacyConsent: null,
  });
  mocked.tipoff.mine.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
});

test.each([
  ['我的奖励', '/resident/pages/rewards/index'],
  ['个人信息保护说明', '/resident/pages/privacy/index'],
  ['我的个人信息', '/resident/pages/my-data/index'],
  ['扫码签到', '/drills/pages/checkin/index'],
])('我的 opens %s in its subpackage, by tap and by keyboard', async (title, url) => {
  render(<MinePage />);
  await screen.findByText('您还没有举报过隐患');
  const entry = screen.getByText(title).parentElement as HTMLElement;
  expect(entry.getAttribute('role')).toBe('link');
  fireEvent.click(entry);
  expect(navigateTo).toHaveBeenLastCalledWith({ url });
  fireEvent.keyDown(entry, { key: 'Enter' });
  expect(navigateTo).toHaveBeenCalledTimes(2);
});
