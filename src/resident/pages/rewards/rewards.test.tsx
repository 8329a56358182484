import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CodeReward, MyReward } from '../../../../types/reward';
import { api } from '../../../services/api';
import { CloudError, unwrap } from '../../../services/cloud-error';
import RewardsPage from './index';

jest.mock('../../../services/api', () => ({
  api: { reward: { mine: jest.fn(), byCode: jest.fn(), claim: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { reward: { mine: jest.Mock; byCode: jest.Mock; claim: jest.Mock } };
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

const paid: MyReward = {
  id: 'r1',
  tipoffNo: 'MX-2026-000031',
  status: 'paid',
  statusLabel: '已发放',
  amountFen: 450000,
  note: '按罚款 30,000 元的 15% 核定',
  updatedAt: '2026-11-28T10:00:00+08:00',
};
const decided: MyReward = {
  ...paid,
  id: 'r2',
  tipoffNo: 'MX-2026-000032',
  status: 'decided',
  statusLabel: '待审批',
  amountFen: 20000,
  note: '',
};
const anonymous: CodeReward = {
  ...paid,
  id: 'r3',
  tipoffNo: 'MX-2026-000040',
  status: 'approved',
  statusLabel: '待发放',
  amountFen: 30000,
  note: '一般隐患，核定 300 元',
  anonymous: true,
  claimed: false,
  claimable: true,
};

beforeEach(() => {
  jest.clearAllMocks();
  mocked.reward.mine.mockResolvedValue(page([]));
});

async function lookUp(code: string) {
  render(<RewardsPage />);
  await screen.findByText('举报经核查属实后，会在这里看到奖励进度');
  fireEvent.change(screen.getByPlaceholderText('请输入 10 位查询码'), { target: { value: code } });
  fireEvent.click(screen.getByText('查询奖励'));
  await waitFor(() => expect(screen.queryByText('查询中…')).toBeNull());
}

describe('我的奖励', () => {
  test('lists rewards with their status, the amount in 元 once approved, the note and the date', async () => {
    mocked.reward.mine.mockResolvedValue(page([paid, decided]));
    render(<RewardsPage />);
    expect(await screen.findByText('举报 MX-2026-000031')).toBeTruthy();
    expect(screen.getByText('已发放')).toBeTruthy();
    expect(screen.getByText('奖励金额：4,500 元')).toBeTruthy();
    expect(screen.getByText('按罚款 30,000 元的 15% 核定')).toBeTruthy();
    expect(screen.getAllByText('更新于 2026-11-28')).toHaveLength(2);
    // A decided amount is not final until the leader approves it: not shown yet.
    expect(screen.getByText('待审批')).toBeTruthy();
    expect(screen.queryByText('奖励金额：200 元')).toBeNull();
  });

  test('nothing yet: says where rewards will appear', async () => {
    render(<RewardsPage />);
    expect(await screen.findByText('举报经核查属实后，会在这里看到奖励进度')).toBeTruthy();
  });

  test('a failed load says so and retries', async () => {
    mocked.reward.mine.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
    render(<RewardsPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('举报经核查属实后，会在这里看到奖励进度')).toBeTruthy();
  });
});

describe('匿名举报领奖', () => {
  test('a malformed code is refused before asking the server', async () => {
    await lookUp('abc');
    expect(await screen.findByText('查询码为 10 位字母数字')).toBeTruthy();
    expect(mocked.reward.byCode).not.toHaveBeenCalled();
  });

  test('a wrong code says nothing was found, in plain words', async () => {
    mocked.reward.byCode.mockRejectedValueOnce(new CloudError('NOT_FOUND', '查询码不存在'));
    await lookUp('abcd234567');
    expect(await screen.findByText(/没有查到这个查询码的奖励/)).toBeTruthy();
    expect(mocked.reward.byCode).toHaveBeenCalledWith('ABCD234567');
  });

  test('guessing too often shows the shared wait message', async () => {
    mocked.reward.byCode.mockImplementationOnce(async () =>
      unwrap({ ok: false, error: { code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 600 } }),
    );
    await lookUp('ABCD234567');
    expect(await screen.findByText('操作太频繁，请 10 分钟后再试')).toBeTruthy();
  });

  test('a claimable reward: name and phone, a confirmation, then the claim', async () => {
    mocked.reward.byCode.mockResolvedValueOnce(anonymous);
    mocked.reward.claim.mockResolvedValueOnce({ ...anonymous, claimed: true, claimable: false });
    await lookUp('ABCD234567');
    expect(await screen.findByText('奖励金额：300 元')).toBeTruthy();

    // The form checks its fields first.
    fireEvent.click(screen.getByText('认领奖励'));
    expect(await screen.findByText('请填写姓名')).toBeTruthy();
    expect(screen.getByText('请填写 11 位手机号')).toBeTruthy();

    fireEvent.change(screen.getByPlaceholderText('您的姓名'), { target: { value: '李四' } });
    fireEvent.change(screen.getByPlaceholderText('11 位手机号'), { target: { value: '13800138000' } });
    fireEvent.click(screen.getByText('认领奖励'));
    expect(screen.getByText('认领后不能更改：奖励将发给 李四（13800138000）。')).toBeTruthy();
    expect(mocked.reward.claim).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('确认认领'));
    expect(await screen.findByText(/认领成功/)).toBeTruthy();
    expect(mocked.reward.claim).toHaveBeenCalledWith({
      trackingCode: 'ABCD234567',
      name: '李四',
      phone: '13800138000',
    });
    expect(screen.queryByText('认领奖励')).toBeNull();
  });

  test('cancelling the confirmation claims nothing', async () => {
    mocked.reward.byCode.mockResolvedValueOnce(anonymous);
    await lookUp('ABCD234567');
    await screen.findByText('奖励金额：300 元');
    fireEvent.change(screen.getByPlaceholderText('您的姓名'), { target: { value: '李四' } });
    fireEvent.change(screen.getByPlaceholderText('11 位手机号'), { target: { value: '13800138000' } });
    fireEvent.click(screen.getByText('认领奖励'));
    fireEvent.click(screen.getByText('取消'));
    await waitFor(() => expect(screen.queryByText('确认认领')).toBeNull());
    expect(mocked.reward.claim).not.toHaveBeenCalled();
  });

  test('already claimed by someone else: says it cannot be claimed again', async () => {
    mocked.reward.byCode.mockResolvedValueOnce(anonymous);
    mocked.reward.claim.mockRejectedValueOnce(new CloudError('CONFLICT', '已认领'));
    await lookUp('ABCD234567');
    await screen.findByText('奖励金额：300 元');
    fireEvent.change(screen.getByPlaceholderText('您的姓名'), { target: { value: '李四' } });
    fireEvent.change(screen.getByPlaceholderText('11 位手机号'), { target: { value: '13800138000' } });
    fireEvent.click(screen.getByText('认领奖励'));
    fireEvent.click(screen.getByText('确认认领'));
    expect(await screen.findByText(/这笔奖励已经被认领，不能再次认领/)).toBeTruthy();
  });

  test('a reward already claimed shows no form', async () => {
    mocked.reward.byCode.mockResolvedValueOnce({ ...anonymous, claimed: true, claimable: false });
    await lookUp('ABCD234567');
    expect(await screen.findByText('这笔奖励已经认领，等待发放。')).toBeTruthy();
    expect(screen.queryByText('认领奖励')).toBeNull();
  });
});
