import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RewardPolicyView } from '../../../../types/reward';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import RewardPolicyPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, reward: { policy: jest.fn(), setPolicy: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  reward: { policy: jest.Mock; setPolicy: jest.Mock };
};
const view: RewardPolicyView = {
  version: 1,
  by: '系统',
  at: '2026-11-01T09:00:00+08:00',
  policy: {
    source: '安全生产领域举报奖励办法',
    general: { minFen: 5000, maxFen: 50000 },
    major: { rateBasisPoints: 1500, minFen: 300_000, maxFen: 30_000_000 },
    eligibility: {
      firstReporterOnly: true,
      excludeAlreadyKnown: true,
      excludeDepartmentStaff: true,
      excludeEnterpriseManagers: true,
    },
  },
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  mocked.reward.policy.mockResolvedValue(view);
  mocked.reward.setPolicy.mockResolvedValue({ ...view, version: 2 });
});

test('the policy reads in 元 and %, with its version', async () => {
  render(<RewardPolicyPage />);
  expect(await screen.findByText('现行标准（第 1 版）')).toBeTruthy();
  expect(screen.getByText('一般隐患查实：50 元 至 500 元，由镇安委办核定')).toBeTruthy();
  expect(screen.getByText(/按罚款金额的 15% 计算，最低 3,000 元，最高 300,000 元/)).toBeTruthy();
});

test('a leader reads but cannot edit', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
  render(<RewardPolicyPage />);
  expect(await screen.findByText('现行标准（第 1 版）')).toBeTruthy();
  expect(screen.queryByText('修改奖励标准')).toBeNull();
});

test('the officer edits in 元 and % with a reason; fen and basis points go to the server after a confirmation', async () => {
  render(<RewardPolicyPage />);
  fireEvent.click(await screen.findByText('修改奖励标准'));
  fireEvent.change(screen.getByLabelText(/一般隐患奖励上限（元）/), { target: { value: '40' } });
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(screen.getByText('一般隐患奖励上限不能低于下限')).toBeTruthy();
  expect(screen.getByText('请写明修改原因')).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/一般隐患奖励上限（元）/), { target: { value: '800' } });
  fireEvent.change(screen.getByLabelText(/重大隐患奖励比例/), { target: { value: '12.5' } });
  fireEvent.change(screen.getByLabelText(/修改原因/), { target: { value: '镇政府会议决定' } });
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(screen.getByRole('alertdialog', { name: '保存为第 2 版奖励标准？' })).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() =>
    expect(mocked.reward.setPolicy).toHaveBeenCalledWith({
      policy: {
        ...view.policy,
        general: { minFen: 5000, maxFen: 80000 },
        major: { ...view.policy.major, rateBasisPoints: 1250 },
      },
      note: '镇政府会议决定',
    }),
  );
  expect(await screen.findByText('已保存为第 2 版')).toBeTruthy();
});

test('a load failure offers 重试', async () => {
  mocked.reward.policy.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<RewardPolicyPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(screen.getByText('重试')).toBeTruthy();
});
