import { render, screen } from '@testing-library/react';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import IdentityReadsPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, reward: { identityReads: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; reward: { identityReads: jest.Mock } };
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
});

test('the leader sees who read, when, which case and why', async () => {
  mocked.reward.identityReads.mockResolvedValue(
    page([
      {
        id: 'a1',
        rewardId: 'rw_t1',
        tipoffNo: 'MX-2026-000001',
        readerName: '安委办 王经办',
        reason: '联系领奖人办理发放',
        at: '2026-11-28T10:05:00+08:00',
      },
    ]),
  );
  render(<IdentityReadsPage />);
  expect(await screen.findByText('安委办 王经办')).toBeTruthy();
  expect(screen.getByText('2026-11-28 10:05')).toBeTruthy();
  expect(screen.getByText('举报编号：MX-2026-000001')).toBeTruthy();
  expect(screen.getByText('查看原因：联系领奖人办理发放')).toBeTruthy();
  expect(mocked.reward.identityReads).toHaveBeenCalledWith(1, 20);
});

test('empty and error states', async () => {
  mocked.reward.identityReads.mockResolvedValue(page([]));
  const { unmount } = render(<IdentityReadsPage />);
  expect(await screen.findByText('还没有人查看过领奖人信息')).toBeTruthy();
  unmount();
  mocked.reward.identityReads.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<IdentityReadsPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
});

test('the officer (admin, not leader) gets 无权访问', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  render(<IdentityReadsPage />);
  expect(await screen.findByText('无权访问')).toBeTruthy();
  expect(mocked.reward.identityReads).not.toHaveBeenCalled();
});
