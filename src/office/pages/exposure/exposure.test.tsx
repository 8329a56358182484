import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ExposureCandidate, ExposureManageItem } from '../../../../types/exposure';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import ExposureManagePage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    exposure: { manage: jest.fn(), supervise: jest.fn(), withdraw: jest.fn() },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  exposure: { manage: jest.Mock; supervise: jest.Mock; withdraw: jest.Mock };
};

const listed: ExposureManageItem = {
  id: 'tipoff_t1',
  kind: 'overdue',
  kindLabel: '超期曝光',
  no: 'MX-2026-000012',
  categoryName: '消防通道堵塞',
  description: '楼道堆放杂物',
  areaName: '共康五村',
  departmentName: '城建',
  deadline: '2026-12-01',
  statusLabel: '已销号',
  resolved: true,
  publishedAt: '2026-12-15T10:00:00+08:00',
  withdrawn: false,
  history: [{ at: '2026-12-15T10:00:00+08:00', what: 'published', by: '系统（超期自动曝光）' }],
};
const withdrawn: ExposureManageItem = {
  ...listed,
  id: 'tipoff_t2',
  no: 'MX-2026-000013',
  withdrawn: true,
  withdrawnAt: '2026-12-20T09:30:00+08:00',
  withdrawnBy: '镇安委办 经办人',
  withdrawReason: '已整改到位，复查合格',
  history: [
    { at: '2026-12-15T10:00:00+08:00', what: 'published', by: '系统（超期自动曝光）' },
    { at: '2026-12-20T09:30:00+08:00', what: 'withdrawn', by: '镇安委办 经办人', text: '已整改到位，复查合格' },
  ],
};
const candidate: ExposureCandidate = {
  ledgerId: 'l1',
  no: 'ZD-2026-0003',
  title: '除尘系统未接地',
  enterpriseName: '庙行示范机械厂',
  categoryName: '粉尘涉爆',
  departmentName: '应急',
  deadline: '2026-12-31',
  statusLabel: '整改中',
  createdAt: '2026-11-01T09:00:00+08:00',
};
const answer = (items: ExposureManageItem[], candidates = [candidate]) => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
  candidates,
});

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  mocked.exposure.manage.mockResolvedValue(answer([listed]));
});

test('安委办 sees the listed items (a closed case reads 已销号) and the hazards to put under 挂牌督办', async () => {
  render(<ExposureManagePage />);
  expect(await screen.findByText('共康五村 · 消防通道堵塞')).toBeTruthy();
  expect(screen.getByText('已销号')).toBeTruthy();
  expect(screen.getByText('2026-12-15 10:00 系统（超期自动曝光） 公布')).toBeTruthy();
  fireEvent.click(screen.getByText('待挂牌督办（1）'));
  expect(screen.getByText('除尘系统未接地')).toBeTruthy();
  expect(screen.getByText('ZD-2026-0003 · 粉尘涉爆 · 庙行示范机械厂')).toBeTruthy();
  expect(mocked.exposure.manage).toHaveBeenCalledWith({ page: 1, pageSize: 20, state: 'listed' });
});

test('撤下 asks for a reason and a confirmation; the server refusal stays in the dialog', async () => {
  mocked.exposure.withdraw.mockRejectedValueOnce(new CloudError('INVALID_INPUT', '请填写撤下原因（至少 5 个字）'));
  mocked.exposure.withdraw.mockResolvedValueOnce({ id: 'tipoff_t1', withdrawnAt: '2026-12-20T09:30:00+08:00' });
  render(<ExposureManagePage />);
  fireEvent.click(await screen.findByText('撤下'));
  expect(screen.getByRole('alertdialog', { name: '从曝光台撤下 MX-2026-000012？' })).toBeTruthy();
  fireEvent.click(screen.getByText('确认撤下'));
  expect(await screen.findByText('请写明撤下原因（至少 5 个字）')).toBeTruthy();
  expect(mocked.exposure.withdraw).not.toHaveBeenCalled();
  const reason = screen.getByLabelText(/撤下原因/);
  fireEvent.input(reason, { target: { value: '已整改' } });
  fireEvent.change(reason, { target: { value: '已整改' } });
  fireEvent.click(screen.getByText('确认撤下'));
  expect(await screen.findByText('请填写撤下原因（至少 5 个字）')).toBeTruthy();
  fireEvent.input(reason, { target: { value: '已整改到位，复查合格' } });
  fireEvent.change(reason, { target: { value: '已整改到位，复查合格' } });
  fireEvent.click(screen.getByText('确认撤下'));
  await waitFor(() =>
    expect(mocked.exposure.withdraw).toHaveBeenLastCalledWith({ id: 'tipoff_t1', reason: '已整改到位，复查合格' }),
  );
  expect(await screen.findByText('已撤下 MX-2026-000012')).toBeTruthy();
});

test('挂牌督办 sends the note for the chosen hazard', async () => {
  mocked.exposure.supervise.mockResolvedValue({});
  render(<ExposureManagePage />);
  fireEvent.click(await screen.findByText('待挂牌督办（1）'));
  fireEvent.click(screen.getByText('挂牌督办'));
  expect(screen.getByRole('alertdialog', { name: '挂牌督办 ZD-2026-0003？' })).toBeTruthy();
  const note = screen.getByLabelText(/督办要求/);
  fireEvent.input(note, { target: { value: '限期年底前整改到位' } });
  fireEvent.change(note, { target: { value: '限期年底前整改到位' } });
  fireEvent.click(screen.getByText('确认挂牌督办'));
  await waitFor(() =>
    expect(mocked.exposure.supervise).toHaveBeenCalledWith({ ledgerId: 'l1', note: '限期年底前整改到位' }),
  );
  expect(await screen.findByText('已挂牌督办 ZD-2026-0003')).toBeTruthy();
});

test('已撤下 shows who took it off, when and why; a leader reads without 撤下 or 挂牌督办', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
  mocked.exposure.manage.mockResolvedValue(answer([withdrawn]));
  render(<ExposureManagePage />);
  fireEvent.click(await screen.findByText('已撤下'));
  await waitFor(() =>
    expect(mocked.exposure.manage).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, state: 'withdrawn' }),
  );
  expect(await screen.findByText('撤下原因：已整改到位，复查合格（镇安委办 经办人，2026-12-20 09:30）')).toBeTruthy();
  expect(screen.getByText('2026-12-20 09:30 镇安委办 经办人 撤下：已整改到位，复查合格')).toBeTruthy();
  expect(document.querySelector('.exposure-item__withdraw')).toBeNull();
  fireEvent.click(screen.getByText('待挂牌督办（1）'));
  expect(screen.getByText('除尘系统未接地')).toBeTruthy();
  expect(document.querySelector('.exposure-candidate__supervise')).toBeNull();
  expect(screen.getByText('镇领导可查看，挂牌和撤下由镇安委办办理。')).toBeTruthy();
});

test('empty, error, and someone without the role', async () => {
  mocked.exposure.manage.mockResolvedValue(answer([], []));
  const { unmount } = render(<ExposureManagePage />);
  expect(await screen.findByText('目前没有曝光的隐患')).toBeTruthy();
  fireEvent.click(screen.getByText('待挂牌督办（0）'));
  expect(screen.getByText('没有待挂牌的重大隐患')).toBeTruthy();
  unmount();
  mocked.exposure.manage.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  const second = render(<ExposureManagePage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  second.unmount();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-s', roles: ['resident', 'staff'], uploadKey: 'k' });
  render(<ExposureManagePage />);
  expect(await screen.findByText('无权访问')).toBeTruthy();
});
