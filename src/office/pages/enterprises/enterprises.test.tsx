import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { EnterpriseDetail, EnterpriseSummary } from '../../../../types';
import { api } from '../../../services/api';
import { resetSession } from '../../../hooks/useSession';
import OfficeEnterprisesPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    tipoff: { options: jest.fn() },
    enterprise: {
      list: jest.fn(),
      detail: jest.fn(),
      approve: jest.fn(),
      setHighRisk: jest.fn(),
      close: jest.fn(),
      register: jest.fn(),
      reportStats: jest.fn(),
    },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
jest.mock('../../../pages/report/location', () => ({ pickOnMap: jest.fn() }));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  enterprise: Record<'list' | 'detail' | 'approve' | 'setHighRisk' | 'close' | 'register' | 'reportStats', jest.Mock>;
};

const summary: EnterpriseSummary = {
  id: 'e-91',
  name: '庙行精密机械有限公司',
  creditCode: '91310113MA1GL0000X',
  industry: 'industrial',
  industryName: '工贸',
  highRisk: false,
  areaId: 'a1',
  areaName: '共康二村',
  status: 'pending',
  statusLabel: '待审核',
  workerCount: 80,
  boundWorkers: 0,
  createdAt: '2026-11-28T09:00:00+08:00',
};
const detail: EnterpriseDetail = {
  ...summary,
  address: '共和新路 1 号',
  contact: { name: '王五', phone: '13800000000' },
  managers: [{ id: 'p-1', name: '王五' }],
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  mocked.enterprise.list.mockResolvedValue({ items: [summary], total: 1, page: 1, pageSize: 20 });
  mocked.enterprise.detail.mockResolvedValue(detail);
  mocked.enterprise.reportStats.mockResolvedValue([
    { enterpriseId: 'e-91', enterpriseName: '庙行精密机械有限公司', total: 5, open: 2, fixed: 2, escalated: 1 },
  ]);
});

test('the register opens on 待审核 and shows internal-report counts only', async () => {
  render(<OfficeEnterprisesPage />);
  expect(await screen.findByText('共 1 家')).toBeTruthy();
  expect(mocked.enterprise.list).toHaveBeenCalledWith({ page: 1, pageSize: 20, status: 'pending' });
  expect((await screen.findAllByText('转报镇里 1')).length).toBeGreaterThan(0);
  expect(document.body.textContent).not.toContain('e-91');
  expect(screen.queryByRole('radiogroup', { name: '按是否高危筛选' })).toBeNull(); // folded until asked for
  fireEvent.click(screen.getByRole('button', { name: '按行业、高危筛选' }));
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '按是否高危筛选' })).getByText('高危'));
  await waitFor(() =>
    expect(mocked.enterprise.list).toHaveBeenLastCalledWith({
      page: 1,
      pageSize: 20,
      status: 'pending',
      highRisk: true,
    }),
  );
});

test('不通过 needs a reason; 通过 asks for confirmation first', async () => {
  mocked.enterprise.approve.mockResolvedValueOnce({
    ...detail,
    status: 'rejected',
    rejectReason: '信用代码与名称不符',
  });
  render(<OfficeEnterprisesPage />);
  fireEvent.click(await screen.findByRole('button', { name: '审核' }));
  expect(await screen.findByText('联系人：王五 13800000000')).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: '不通过' }));
  const dialog = screen.getByRole('alertdialog', { name: '不通过「庙行精密机械有限公司」的登记？' });
  expect(within(dialog).getByText('不通过的原因会告知登记人，登记人修改后可重新提交。')).toBeTruthy();
  fireEvent.click(within(dialog).getByRole('button', { name: '确认不通过' }));
  expect(await within(dialog).findByText('请填写不通过的原因')).toBeTruthy();
  expect(mocked.enterprise.approve).not.toHaveBeenCalled();
  fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '信用代码与名称不符' } });
  fireEvent.click(within(dialog).getByRole('button', { name: '确认不通过' }));
  await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  expect(mocked.enterprise.approve).toHaveBeenCalledWith({ id: 'e-91', approved: false, reason: '信用代码与名称不符' });
  expect(screen.getByText('不通过原因：信用代码与名称不符')).toBeTruthy();
  expect(screen.queryByRole('button', { name: '通过' })).toBeNull();
});

test('通过 confirms, then 调整高危 and 注销 each ask a reason', async () => {
  const active = { ...detail, status: 'active' as const, statusLabel: '已登记' };
  mocked.enterprise.approve.mockResolvedValueOnce(active);
  mocked.enterprise.setHighRisk.mockResolvedValueOnce({ ...active, highRisk: true });
  render(<OfficeEnterprisesPage />);
  fireEvent.click(await screen.findByRole('button', { name: '审核' }));
  fireEvent.click(await screen.findByRole('button', { name: '通过' }));
  const dialog = screen.getByRole('alertdialog', { name: '通过「庙行精密机械有限公司」的登记？' });
  expect(within(dialog).queryByRole('textbox')).toBeNull();
  fireEvent.click(within(dialog).getByRole('button', { name: '确认通过' }));
  await waitFor(() => expect(mocked.enterprise.approve).toHaveBeenCalledWith({ id: 'e-91', approved: true }));

  fireEvent.click(await screen.findByRole('button', { name: '调整高危' }));
  const hr = screen.getByRole('alertdialog', { name: '改为高危企业？' });
  fireEvent.click(within(hr).getByRole('button', { name: '确认调整' }));
  expect(await within(hr).findByText('请填写调整原因')).toBeTruthy();
  fireEvent.change(within(hr).getByRole('textbox'), { target: { value: '存放危化品' } });
  fireEvent.click(within(hr).getByRole('button', { name: '确认调整' }));
  await waitFor(() =>
    expect(mocked.enterprise.setHighRisk).toHaveBeenCalledWith({ id: 'e-91', highRisk: true, reason: '存放危化品' }),
  );

  fireEvent.click(await screen.findByRole('button', { name: '注销企业' }));
  const close = screen.getByRole('alertdialog', { name: '注销「庙行精密机械有限公司」？' });
  expect(within(close).getByText(/无法撤销/)).toBeTruthy();
  fireEvent.click(within(close).getByRole('button', { name: '取消' }));
  expect(mocked.enterprise.close).not.toHaveBeenCalled();
});
