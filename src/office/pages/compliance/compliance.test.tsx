import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DutyStatus, EnterpriseDuties } from '../../../../types/inspection';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { dutyWords } from '../../../services/duty-words';
import OfficeCompliancePage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, drill: { compliance: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; drill: { compliance: jest.Mock } };

const status = (over: Partial<DutyStatus>): DutyStatus => ({
  kind: 'drill',
  state: 'ok',
  lastOn: '2026-06-01',
  dueOn: '2027-06-01',
  daysLeft: 185,
  periodMonths: 12,
  ...over,
});
const row = (id: string, name: string, drill: Partial<DutyStatus>, highRisk = false): EnterpriseDuties => ({
  enterpriseId: id,
  enterpriseName: name,
  highRisk,
  industryName: '工贸（涉爆粉尘）',
  areaName: '共康二村',
  drill: status(drill),
  inspection: status({ kind: 'inspection', lastOn: '2026-11-01', dueOn: '2027-02-01', daysLeft: 65, periodMonths: 3 }),
});

const OVERDUE = row(
  'e1',
  '庙行精密机械有限公司',
  {
    state: 'overdue',
    lastOn: '2025-05-16',
    dueOn: '2025-11-16',
    daysLeft: -12,
    periodMonths: 6,
  },
  true,
);
const NEVER = row('e2', '共康便民超市', { state: 'never', lastOn: null, dueOn: null, daysLeft: null });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  mocked.drill.compliance.mockResolvedValue({ items: [NEVER, OVERDUE], total: 2, page: 1, pageSize: 20 });
});

test('opens on 演练 · 需关注 and shows each enterprise with its dates and state in plain words', async () => {
  render(<OfficeCompliancePage />);
  expect(await screen.findByText('共 2 家')).toBeTruthy();
  expect(mocked.drill.compliance).toHaveBeenCalledWith({ kind: 'drill', filter: 'flagged', page: 1, pageSize: 20 });
  expect(screen.getByText('已超期 12 天')).toBeTruthy();
  expect(screen.getAllByText('尚无记录').length).toBeGreaterThan(0);
  expect(screen.getByText('上次演练：2025 年 5 月 16 日')).toBeTruthy();
  expect(screen.getByText('应在此前完成：2025 年 11 月 16 日')).toBeTruthy();
  expect(screen.getByText('还没有记录，应尽快完成')).toBeTruthy();
  expect(screen.getByText('高危')).toBeTruthy();
  expect(document.body.textContent).not.toContain('e1');
});

test('switches to 自查 and to 即将到期 / 全部', async () => {
  render(<OfficeCompliancePage />);
  await screen.findByText('共 2 家');
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '选择事项' })).getByText('自查'));
  await waitFor(() =>
    expect(mocked.drill.compliance).toHaveBeenLastCalledWith({
      kind: 'inspection',
      filter: 'flagged',
      page: 1,
      pageSize: 20,
    }),
  );
  expect((await screen.findAllByText('上次自查：2026 年 11 月 1 日')).length).toBe(2);
  expect(screen.getAllByText('还有 65 天').length).toBe(2);
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '按情况筛选' })).getByText('即将到期'));
  await waitFor(() =>
    expect(mocked.drill.compliance).toHaveBeenLastCalledWith({
      kind: 'inspection',
      filter: 'dueSoon',
      page: 1,
      pageSize: 20,
    }),
  );
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '按情况筛选' })).getByText('全部'));
  await waitFor(() =>
    expect(mocked.drill.compliance).toHaveBeenLastCalledWith({
      kind: 'inspection',
      filter: 'all',
      page: 1,
      pageSize: 20,
    }),
  );
});

test('says so kindly when nothing needs attention, and offers 重试 on an error', async () => {
  mocked.drill.compliance.mockResolvedValueOnce({ items: [], total: 0, page: 1, pageSize: 20 });
  render(<OfficeCompliancePage />);
  expect(await screen.findByText('没有超期或尚无记录的企业。')).toBeTruthy();
  mocked.drill.compliance.mockRejectedValueOnce(new CloudError('INTERNAL', '网络不太好，请重试'));
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '按情况筛选' })).getByText('即将到期'));
  expect(await screen.findByText('网络不太好，请重试')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('共 2 家')).toBeTruthy();
});

test('is for 安委办 and leaders only', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-r', roles: ['resident'], uploadKey: 'k' });
  render(<OfficeCompliancePage />);
  expect(await screen.findByText('此页面仅供镇安委办使用')).toBeTruthy();
  expect(mocked.drill.compliance).not.toHaveBeenCalled();
});

test('dutyWords: late, due today, days left, never', () => {
  expect(dutyWords({ state: 'overdue', daysLeft: -1 })).toBe('已超期 1 天');
  expect(dutyWords({ state: 'dueSoon', daysLeft: 0 })).toBe('今天到期');
  expect(dutyWords({ state: 'dueSoon', daysLeft: 20 })).toBe('还有 20 天');
  expect(dutyWords({ state: 'never', daysLeft: null })).toBe('尚无记录');
});
