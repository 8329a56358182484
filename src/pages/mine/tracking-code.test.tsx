// 随手拍 resets to a fresh form when shown again after a filed report (useDidShow), so the done screen of an
// anonymous report cannot be gone back to: its 查询码 must stay reachable on the report's card under 我的.
import { render, screen } from '@testing-library/react';
import { api } from '../../services/api';
import { resetSession } from '../../hooks/useSession';
import { setRouterParams } from '../../test-support/taro';
import MinePage from './index';

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

test("an anonymous report's card under 我的 shows its 查询码", async () => {
  resetSession();
  setRouterParams({});
  mocked.user.login.mockResolvedValue({ openid: 'o-1', roles: ['resident'], uploadKey: 'u' });
  mocked.tipoff.mine.mockResolvedValue({
    items: [
      {
        id: 't1',
        no: 'MX-2026-000007',
        status: 'assigned',
        categoryName: '消防通道',
        areaName: '庙行村',
        description: '通道堆物',
        departmentName: '消防救援',
        anonymous: true,
        trackingCode: 'ABCD234567',
        timeline: [],
      },
    ],
    total: 1,
    page: 1,
    pageSize: 20,
  });
  render(<MinePage />);
  expect(await screen.findByText(/查询码 ABCD234567/)).toBeTruthy();
});
