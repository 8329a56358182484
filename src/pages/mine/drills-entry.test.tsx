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
    enterprise: { detail: jest.fn(() => Promise.resolve({ name: '庙行精密机械有限公司' })) },
  },
}));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; tipoff: { mine: jest.Mock } };
const person = (roles: string[]) => ({
  openid: 'o-1',
  roles,
  privacyVersion: privacyNotice.version,
  privacyConsent: null,
  enterpriseId: 'e1',
});

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({});
  mocked.tipoff.mine.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
});

test.each([
  ['a safety manager', ['resident', 'worker', 'safetyManager']],
  ['安委办', ['resident', 'staff', 'admin']],
  ['a leader', ['resident', 'leader']],
])('%s finds 组织演练 on 我的, opening the drills list', async (_who, roles) => {
  mocked.user.login.mockResolvedValue(person(roles));
  render(<MinePage />);
  const entry = (await screen.findByText('组织演练')).parentElement as HTMLElement;
  expect(entry.getAttribute('role')).toBe('link');
  fireEvent.click(entry);
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/drills/pages/list/index' });
});

test('a resident or a worker has no 组织演练 (扫码签到 is theirs)', async () => {
  mocked.user.login.mockResolvedValue(person(['resident', 'worker']));
  render(<MinePage />);
  await screen.findByText('您还没有举报过隐患');
  await screen.findByText('扫码签到');
  await screen.findByText(/^身份：/);
  expect(screen.queryByText('组织演练')).toBeNull();
});
