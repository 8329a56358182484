import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RewardCase } from '../../../../types/reward';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import { setRouterParams } from '../../../test-support/taro';
import OfficeRewardsPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    reward: {
      pending: jest.fn(),
      decide: jest.fn(),
      approve: jest.fn(),
      pay: jest.fn(),
      identity: jest.fn(),
    },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  reward: { pending: jest.Mock; decide: jest.Mock; approve: jest.Mock; pay: jest.Mock; identity: jest.Mock };
};
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });
const admin = { openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' };
const leader = { openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' };

const base: RewardCase = {
  id: 'rw_t1',
  tipoffId: 't1',
  tipoffNo: 'MX-2026-000001',
  status: 'open',
  major: true,
  anonymous: false,
  fineFen: 3_000_000,
  suggestion: { minFen: 450_000, maxFen: 450_000, policyVersion: 1 },
  amountFen: null,
  basis: null,
  history: [{ at: '2026-11-25T10:00:00+08:00', to: 'open', note: '录入罚款 30,000 元' }],
  createdAt: '2026-11-24T10:00:00+08:00',
  updatedAt: '2026-11-25T10:00:00+08:00',
};
const general: RewardCase = {
  ...base,
  id: 'rw_t2',
  tipoffId: 't2',
  tipoffNo: 'MX-2026-000002',
  major: false,
  fineFen: null,
  suggestion: { minFen: 5000, maxFen: 50000, policyVersion: 1 },
  history: [],
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({});
  mocked.user.login.mockResolvedValue(admin);
  mocked.reward.pending.mockResolvedValue(page([base]));
  mocked.reward.decide.mockResolvedValue({ id: 'rw_t1', status: 'decided' });
  mocked.reward.approve.mockResolvedValue({ id: 'rw_t1', status: 'approved' });
  mocked.reward.pay.mockResolvedValue({ id: 'rw_t1', status: 'paid' });
});

test('a resident gets 无权访问, not the list', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-r', roles: ['resident'], uploadKey: 'k' });
  render(<OfficeRewardsPage />);
  expect(await screen.findByText('无权访问')).toBeTruthy();
  expect(mocked.reward.pending).not.toHaveBeenCalled();
});

test('tabs by status; a card shows 编号, 重大, 罚款, the computed amount and its history', async () => {
  render(<OfficeRewardsPage />);
  expect(await screen.findByText('MX-2026-000001')).toBeTruthy();
  expect(mocked.reward.pending).toHaveBeenLastCalledWith({ status: 'open', page: 1, pageSize: 20 });
  expect(screen.getByText('重大隐患')).toBeTruthy();
  expect(screen.getByText('罚款：30,000 元')).toBeTruthy();
  expect(screen.getByText('按标准应为 4,500 元（标准第 1 版）')).toBeTruthy();
  expect(screen.getByText(/录入罚款 30,000 元/)).toBeTruthy();
  for (const label of ['待录入罚款', '待核定', '待审批', '待发放', '已发放', '不予奖励'])
    expect(within(screen.getByRole('radiogroup')).getByText(label)).toBeTruthy();

  mocked.reward.pending.mockResolvedValue(page([]));
  fireEvent.click(within(screen.getByRole('radiogroup')).getByText('已发放'));
  expect(await screen.findByText('没有「已发放」的举报奖励')).toBeTruthy();
  expect(mocked.reward.pending).toHaveBeenLastCalledWith({ status: 'paid', page: 1, pageSize: 20 });
});

test('a failed list says so with 重试', async () => {
  mocked.reward.pending.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<OfficeRewardsPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(screen.getByText('重试')).toBeTruthy();
});

test('the officer decides a major hazard: the computed amount is prefilled, sent in fen after a confirmation', async () => {
  render(<OfficeRewardsPage />);
  fireEvent.click(await screen.findByText('核定奖励'));
  const amount = screen.getByLabelText(/奖励金额（元）/) as HTMLInputElement;
  expect(amount.value).toBe('4500.00');
  fireEvent.change(amount, { target: { value: '4000' } });
  fireEvent.click(screen.getByText('提交核定…'));
  expect(screen.getByText('重大隐患奖励应为 4,500 元')).toBeTruthy();
  fireEvent.change(amount, { target: { value: '4500' } });
  fireEvent.click(screen.getByText('提交核定…'));
  expect(screen.getByRole('alertdialog', { name: '核定奖励 4,500 元？' })).toBeTruthy();
  fireEvent.click(screen.getByText('确认提交'));
  await waitFor(() =>
    expect(mocked.reward.decide).toHaveBeenCalledWith({
      reportId: 't1',
      approved: true,
      amount: 450_000,
      basis: '重大事故隐患，按罚款 30,000 元 的标准比例计算',
    }),
  );
});

test('a general hazard is decided within the range; out of range is refused on the field', async () => {
  mocked.reward.pending.mockResolvedValue(page([general]));
  render(<OfficeRewardsPage />);
  fireEvent.click(await screen.findByText('核定奖励'));
  expect(screen.getAllByText('可在 50 元 至 500 元 之间核定（标准第 1 版）')).toHaveLength(2);
  const amount = screen.getByLabelText(/奖励金额（元）/) as HTMLInputElement;
  fireEvent.change(amount, { target: { value: '500.01' } });
  fireEvent.change(screen.getByLabelText(/核定依据/), { target: { value: '及时发现燃气隐患' } });
  fireEvent.click(screen.getByText('提交核定…'));
  expect(screen.getByText('金额应在 50 元 至 500 元 之间')).toBeTruthy();
  expect(amount.getAttribute('aria-invalid')).toBe('true');
  fireEvent.change(amount, { target: { value: '200' } });
  fireEvent.click(screen.getByText('提交核定…'));
  fireEvent.click(screen.getByText('确认提交'));
  await waitFor(() =>
    expect(mocked.reward.decide).toHaveBeenCalledWith({
      reportId: 't2',
      approved: true,
      amount: 20000,
      basis: '及时发现燃气隐患',
    }),
  );
});

test('the officer refuses with a reason', async () => {
  render(<OfficeRewardsPage />);
  fireEvent.click(await screen.findByText('不予奖励', { selector: 'button' }));
  fireEvent.click(screen.getByText('确认不予奖励'));
  expect(screen.getByText('请写明不予奖励的原因（至少 2 个字）')).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/不予奖励的原因/), { target: { value: '举报内容与事实不符' } });
  fireEvent.click(screen.getByText('确认不予奖励'));
  await waitFor(() =>
    expect(mocked.reward.decide).toHaveBeenCalledWith({ reportId: 't1', approved: false, basis: '举报内容与事实不符' }),
  );
});

test("the leader approves; the server's refusal of self-approval is shown", async () => {
  mocked.user.login.mockResolvedValue(leader);
  mocked.reward.pending.mockResolvedValue(
    page([
      {
        ...base,
        status: 'decided',
        suggestion: null,
        amountFen: 450_000,
        basis: { policyVersion: 1, rule: 'major', formula: '', inputs: {}, note: '按罚款 15%' },
      },
    ]),
  );
  mocked.reward.approve.mockRejectedValue(new CloudError('FORBIDDEN', '不能审批自己核定的奖励'));
  render(<OfficeRewardsPage />);
  expect(await screen.findByText('奖励金额：4,500 元')).toBeTruthy();
  expect(mocked.reward.pending).toHaveBeenLastCalledWith({ status: 'decided', page: 1, pageSize: 20 });
  expect(screen.queryByText('核定奖励')).toBeNull();
  fireEvent.click(screen.getByText('批准'));
  fireEvent.click(screen.getByText('确认批准'));
  expect(await screen.findByText('不能审批自己核定的奖励')).toBeTruthy();
  expect(mocked.reward.approve).toHaveBeenCalledWith({ rewardId: 'rw_t1', approved: true });
});

test('the leader sends back with a note', async () => {
  mocked.user.login.mockResolvedValue(leader);
  mocked.reward.pending.mockResolvedValue(page([{ ...base, status: 'decided', amountFen: 450_000 }]));
  render(<OfficeRewardsPage />);
  fireEvent.click(await screen.findByText('退回重新核定'));
  fireEvent.click(screen.getByText('确认退回'));
  expect(screen.getByText('退回时请写明原因')).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/退回原因/), { target: { value: '请补充依据' } });
  fireEvent.click(screen.getByText('确认退回'));
  await waitFor(() =>
    expect(mocked.reward.approve).toHaveBeenCalledWith({ rewardId: 'rw_t1', approved: false, note: '请补充依据' }),
  );
});

test('the officer records payment with a reference after a confirmation', async () => {
  mocked.reward.pending.mockResolvedValue(page([{ ...base, status: 'approved', amountFen: 450_000 }]));
  setRouterParams({ status: 'approved' });
  render(<OfficeRewardsPage />);
  fireEvent.click(await screen.findByText('登记发放'));
  expect(screen.getByText('登记后视为已发放并告知举报人，不能撤销，也不能再次发放。')).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/发放凭证号/), { target: { value: 'ZZ-20261128-01' } });
  fireEvent.click(screen.getByText('确认已发放'));
  await waitFor(() =>
    expect(mocked.reward.pay).toHaveBeenCalledWith({ rewardId: 'rw_t1', reference: 'ZZ-20261128-01' }),
  );
});

test('查看领奖人信息 asks a reason, says the read is recorded, then shows name and phone', async () => {
  mocked.reward.pending.mockResolvedValue(page([{ ...base, status: 'approved', amountFen: 450_000 }]));
  mocked.reward.identity.mockResolvedValue({
    rewardId: 'rw_t1',
    tipoffNo: 'MX-2026-000001',
    anonymous: false,
    source: 'report',
    name: '李四',
    phone: '13800138000',
    readAt: '2026-11-28T10:00:00+08:00',
  });
  render(<OfficeRewardsPage />);
  fireEvent.click(await screen.findByText('查看领奖人信息'));
  expect(screen.getByText(/本次查看将被记录/)).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/查看原因/), { target: { value: '发放' } });
  fireEvent.click(screen.getByText('记录并查看'));
  expect(await screen.findByText('请写明查看原因（至少 4 个字）')).toBeTruthy();
  expect(mocked.reward.identity).not.toHaveBeenCalled();
  fireEvent.change(screen.getByLabelText(/查看原因/), { target: { value: '联系领奖人办理发放' } });
  fireEvent.click(screen.getByText('记录并查看'));
  expect(await screen.findByText('姓名：李四')).toBeTruthy();
  expect(screen.getByText('电话：13800138000')).toBeTruthy();
  expect(mocked.reward.identity).toHaveBeenCalledWith({ rewardId: 'rw_t1', reason: '联系领奖人办理发放' });
});

test('an anonymous reward not yet claimed reads 尚未认领', async () => {
  mocked.reward.pending.mockResolvedValue(page([{ ...base, anonymous: true, status: 'approved', amountFen: 450_000 }]));
  mocked.reward.identity.mockResolvedValue({
    rewardId: 'rw_t1',
    tipoffNo: 'MX-2026-000001',
    anonymous: true,
    source: 'none',
    readAt: '2026-11-28T10:00:00+08:00',
  });
  render(<OfficeRewardsPage />);
  expect(await screen.findByText('匿名举报')).toBeTruthy();
  fireEvent.click(screen.getByText('查看领奖人信息'));
  fireEvent.change(screen.getByLabelText(/查看原因/), { target: { value: '联系领奖人办理发放' } });
  fireEvent.click(screen.getByText('记录并查看'));
  expect(await screen.findByText('尚未认领：匿名举报人凭查询码认领后才能发放')).toBeTruthy();
});

test('an approved anonymous reward nobody claimed yet shows 待认领 instead of 登记发放; once claimed it can be paid', async () => {
  mocked.reward.pending.mockResolvedValue(
    page([{ ...base, anonymous: true, claimed: false, status: 'approved', amountFen: 20_000 }]),
  );
  setRouterParams({ status: 'approved' });
  const { unmount } = render(<OfficeRewardsPage />);
  expect(await screen.findByText('待认领：匿名举报人凭查询码认领后才能发放')).toBeTruthy();
  expect(screen.queryByText('登记发放')).toBeNull();
  unmount();
  mocked.reward.pending.mockResolvedValue(
    page([{ ...base, anonymous: true, claimed: true, status: 'approved', amountFen: 20_000 }]),
  );
  render(<OfficeRewardsPage />);
  expect(await screen.findByText('登记发放')).toBeTruthy();
});
