import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { EnterpriseDetail } from '../../../../types';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import DeskPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    enterprise: {
      detail: jest.fn(),
      reports: jest.fn(),
      workers: jest.fn(),
      confirmJoin: jest.fn(),
      removeWorker: jest.fn(),
      duties: jest.fn(),
    },
    people: { invite: jest.fn(), invites: jest.fn(), revokeInvite: jest.fn() },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  enterprise: Record<string, jest.Mock>;
  people: Record<string, jest.Mock>;
};

const ENTERPRISE: EnterpriseDetail = {
  id: 'e1',
  name: '庙行精密机械有限公司',
  creditCode: '91310113MA1GK0DEMT',
  industry: 'trade-dust',
  industryName: '工贸（涉爆粉尘）',
  highRisk: true,
  areaId: 'gk2',
  areaName: '共康二村',
  status: 'active',
  statusLabel: '已登记',
  workerCount: 35,
  boundWorkers: 1,
  createdAt: '2026-11-20T09:00:00+08:00',
  address: '长江西路 100 号',
  contact: { name: '王经理', phone: '13812345678' },
  managers: [{ id: 'p-m', name: '王经理' }],
};

const MANAGER = { openid: 'x', roles: ['resident', 'worker', 'safetyManager'], uploadKey: 'u', enterpriseId: 'e1' };

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.enterprise.detail.mockResolvedValue(ENTERPRISE);
  mocked.enterprise.reports.mockResolvedValue({ items: [], total: 2, page: 1, pageSize: 20 });
  mocked.enterprise.workers.mockResolvedValue({
    members: [{ id: 'w1', name: '李师傅', role: 'worker', since: '2026-11-21T09:00:00+08:00' }],
    pending: [
      { id: 'j1', name: '张三', requestedAt: '2026-11-28T09:00:00+08:00' },
      { id: 'j2', name: '赵四', requestedAt: '2026-11-28T10:00:00+08:00' },
    ],
  });
  mocked.enterprise.confirmJoin.mockResolvedValue({ id: 'j1' });
});

async function openWorkers() {
  render(<DeskPage />);
  await screen.findByText('庙行精密机械有限公司');
  expect(screen.getByText('高危行业')).toBeTruthy();
  expect(await screen.findByText('待受理 2')).toBeTruthy();
  fireEvent.click(await screen.findByText('人员（2）'));
  await screen.findByText('张三');
}

describe('enterprise desk', () => {
  test('同意 a pending join: one call, approved, and the list reloads', async () => {
    await openWorkers();
    fireEvent.click(screen.getByLabelText('同意 张三 加入'));
    await waitFor(() => expect(mocked.enterprise.confirmJoin).toHaveBeenCalledWith('j1', true));
    expect(mocked.enterprise.confirmJoin).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(mocked.enterprise.workers.mock.calls.length).toBeGreaterThanOrEqual(3));
  });

  test('拒绝 asks first and says the consequence; 取消 sends nothing, 确认拒绝 refuses', async () => {
    await openWorkers();
    fireEvent.click(screen.getByLabelText('拒绝 赵四 加入'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('拒绝 赵四 加入？')).toBeTruthy();
    expect(within(dialog).getByText(/如需加入要重新申请/)).toBeTruthy();
    fireEvent.click(within(dialog).getByText('取消'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(mocked.enterprise.confirmJoin).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText('拒绝 赵四 加入'));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByText('确认拒绝'));
    await waitFor(() => expect(mocked.enterprise.confirmJoin).toHaveBeenCalledWith('j2', false));
  });

  test('移出 needs a reason before it goes', async () => {
    mocked.enterprise.removeWorker.mockResolvedValue({ id: 'w1' });
    await openWorkers();
    fireEvent.click(screen.getByLabelText('移出 李师傅'));
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByText('确认移出'));
    expect(within(dialog).getByText('请填写移出原因（至少 2 个字）')).toBeTruthy();
    expect(mocked.enterprise.removeWorker).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByPlaceholderText('如：已离职'), { target: { value: '已离职' } });
    fireEvent.click(within(dialog).getByText('确认移出'));
    await waitFor(() => expect(mocked.enterprise.removeWorker).toHaveBeenCalledWith('w1', '已离职'));
  });

  test('a pending enterprise shows its status and what happens next, nothing else', async () => {
    mocked.enterprise.detail.mockResolvedValue({ ...ENTERPRISE, status: 'pending', statusLabel: '待审核' });
    render(<DeskPage />);
    expect(await screen.findByText('待审核')).toBeTruthy();
    expect(screen.getByText(/正在等待镇安委办审核/)).toBeTruthy();
    expect(screen.queryByText('邀请员工')).toBeNull();
    expect(mocked.enterprise.workers).not.toHaveBeenCalled();
    expect(mocked.enterprise.reports).not.toHaveBeenCalled();
  });

  test('a resident sees 无权访问', async () => {
    mocked.user.login.mockResolvedValue({ openid: 'r', roles: ['resident'], uploadKey: 'u' });
    render(<DeskPage />);
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(mocked.enterprise.detail).not.toHaveBeenCalled();
  });

  test('邀请员工: a notice-board code is issued for 200 uses and shown large with its QR code', async () => {
    mocked.people.invites.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
    mocked.people.invite.mockResolvedValue({ id: 'i1', code: 'ABCD-EFGH', expiresAt: '2026-12-29T23:59:59+08:00' });
    render(<DeskPage />);
    fireEvent.click(await screen.findByText('邀请员工'));
    fireEvent.click(screen.getByText('公告栏二维码'));
    fireEvent.click(screen.getByText('生成邀请码'));
    await waitFor(() =>
      expect(mocked.people.invite).toHaveBeenCalledWith({
        role: 'worker',
        enterpriseId: 'e1',
        uses: 200,
        expiresInDays: 30,
      }),
    );
    expect(await screen.findByText('ABCD-EFGH')).toBeTruthy();
    expect(screen.getByLabelText('邀请码 ABCD-EFGH 的二维码')).toBeTruthy();
    // The QR code holds the plain code (WeChat's scanner shows it; 我的 → 扫码填写 reads it): the hint says how.
    expect(screen.getByText(/点“扫码填写”扫这个二维码/)).toBeTruthy();
  });
});
