import { fireEvent, render, screen, within } from '@testing-library/react';
import type { DashboardStats, StatsPeriod } from '../../../../types/stats';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import OfficeDashboardPage from './index';
import {
  currentPeriod,
  hasNext,
  hasPrevious,
  hoursText,
  percent,
  periodLabel,
  shiftPeriod,
  switchKind,
} from './period';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, admin: { stats: jest.fn() }, tipoff: { options: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
// The charts are pictures drawn on a canvas; the page's numbers are its text.
jest.mock('../../components/Chart', () => ({
  Chart: ({ spec }: { spec: { kind: string; rows: { label: string }[] } }) => (
    <div data-chart={spec.kind} data-labels={spec.rows.map((r) => r.label).join(',')} />
  ),
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  admin: { stats: jest.Mock };
  tipoff: { options: jest.Mock };
};

const row = (id: string, label: string, total: number, founded: number, closed: number, overdue: number) => ({
  id,
  label,
  total,
  founded,
  closed,
  overdue,
});

function stats(period: StatsPeriod, over: Partial<DashboardStats> = {}): DashboardStats {
  return {
    period: { ...period, label: periodLabel(period), from: '2026-11-01', to: '2026-11-30' },
    scope: { departmentId: null, label: '全镇' },
    generatedAt: '2026-11-29T10:05:00+08:00',
    reports: {
      total: 40,
      byStatus: [
        { status: 'assigned', label: '待受理', count: 5 },
        { status: 'closed', label: '已销号', count: 20 },
      ],
      byCategoryGroup: [row('消防安全', '消防安全', 25, 18, 12, 2), row('燃气安全', '燃气安全', 15, 8, 8, 0)],
      byArea: [row('gk2', '共康二村', 30, 20, 15, 1), row('mhc', '庙行村', 10, 6, 5, 1)],
      byDepartment: [row('XF', '消防', 22, 15, 10, 2), row('CJ', '城建', 18, 11, 10, 0)],
      byChannel: [row('app', '小程序', 35, 22, 18, 2), row('hotline12345', '12345 热线', 5, 4, 2, 0)],
      trend: [
        { key: '2026-11-01', label: '11月1日', total: 3, closed: 1 },
        { key: '2026-11-02', label: '11月2日', total: 0, closed: 0 },
      ],
      verified: 32,
      founded: 26,
      foundedRate: 26 / 32,
      closed: 20,
      closedRate: 20 / 26,
      open: 12,
      overdue: 2,
      overdueRate: 2 / 12,
      hours: {
        toAccept: { count: 30, medianHours: 5.5, p90Hours: 20 },
        toVerify: { count: 28, medianHours: 30, p90Hours: 52 },
        toClose: { count: 0, medianHours: null, p90Hours: null },
      },
    },
    majorHazards: { year: 2026, found: 4, closed: 3, open: 1, overdue: 1 },
    rewards: { decided: 3, decidedFen: 150000, paid: 2, paidFen: 100050 },
    training: { people: 200, trained: 150, coverage: 0.75 },
    drills: { enterprises: 30, ok: 20, dueSoon: 4, overdue: 3, never: 3 },
    ...over,
  };
}

const ADMIN = { openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' };
const STAFF = {
  openid: 'o-s',
  roles: ['resident', 'staff'],
  departmentId: 'YJ',
  departmentName: '应急',
  uploadKey: 'k',
};

const tile = (name: string) => screen.getByRole('group', { name });
const value = (name: string) => tile(name).querySelector('.dash-tile__value')!.textContent;

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  jest.useFakeTimers({ now: new Date('2026-11-29T02:00:00Z'), doNotFake: ['setTimeout', 'setInterval', 'nextTick'] });
  mocked.user.login.mockResolvedValue(ADMIN);
  mocked.tipoff.options.mockResolvedValue({
    departments: [
      { id: 'XF', code: 'XF', name: '消防' },
      { id: 'YJ', code: 'YJ', name: '应急' },
    ],
  });
  mocked.admin.stats.mockImplementation((input: { period: StatsPeriod }) => Promise.resolve(stats(input.period)));
});
afterEach(() => jest.useRealTimers());

test('安委办 opens this month for the whole town: tiles, durations in hours (and days past 48), tables', async () => {
  render(<OfficeDashboardPage />);
  expect(await screen.findByText('2026年11月 · 全镇')).toBeTruthy();
  expect(mocked.admin.stats).toHaveBeenCalledWith({ period: { kind: 'month', key: '2026-11' } });
  expect(value('举报总数')).toBe('40 件');
  expect(value('属实率')).toBe('81.3%');
  expect(value('销号率')).toBe('76.9%');
  expect(value('超期')).toBe('2 件');
  expect(within(tile('超期')).getByText('超期率 16.7%（占在办）')).toBeTruthy();
  expect(value('受理用时')).toBe('5.5 小时');
  expect(within(tile('受理用时')).getByText('90% 不超过 20 小时 · 共 30 件')).toBeTruthy();
  expect(within(tile('核查用时')).getByText('90% 不超过 52 小时（约 2.2 天） · 共 28 件')).toBeTruthy();
  expect(value('销号用时')).toBe('暂无');
  expect(within(tile('销号用时')).getByText('本期还没有')).toBeTruthy();
  // Major hazards, the 动态清零 wording; rewards in 元; training; drills.
  expect(value('未销号')).toBe('1 项');
  expect(screen.getByText('尚未清零：还有 1 项重大隐患未销号，其中 1 项已超期。')).toBeTruthy();
  expect(value('已核定')).toBe('1,500 元');
  expect(value('已发放')).toBe('1,000.50 元');
  expect(value('培训覆盖率')).toBe('75%');
  expect(value('从未演练')).toBe('3 家');
  // Tables: names, never codes; every number as text.
  const area = screen.getByRole('table', { name: '按居民区/村' });
  const gk = within(area).getByText('共康二村').closest('[role="row"]')!;
  expect(Array.from(gk.querySelectorAll('[class*="dash-cell--"]')).map((c) => c.textContent)).toEqual([
    '30',
    '20',
    '15',
    '1',
  ]);
  expect(within(screen.getByRole('table', { name: '按来源' })).getByText('12345 热线')).toBeTruthy();
  expect(within(screen.getByRole('table', { name: '按部门' })).getByText('消防')).toBeTruthy();
  expect(document.body.textContent).not.toMatch(/hotline12345|gk2|XF/);
  // Trend: only the days with reports listed; the ring and bars drawn.
  const trend = screen.getByRole('table', { name: '举报走势' });
  expect(within(trend).getByText('11月1日')).toBeTruthy();
  expect(within(trend).queryByText('11月2日')).toBeNull();
  expect(document.querySelectorAll('[data-chart="bar"]').length).toBe(4);
  expect(document.querySelector('[data-chart="ring"]')).toBeTruthy();
  // Days under the trend's bars as 1日, 2日 (the full 11月25日 overlapped at 390 px); every day drawn, zeros too.
  expect(document.querySelector('[data-chart="trend"]')!.getAttribute('data-labels')).toBe('1日,2日');
});

test('period picker: 上一期, no 下一期 past this month, 季 / 年 keep where one is', async () => {
  render(<OfficeDashboardPage />);
  await screen.findByText('2026年11月 · 全镇');
  expect((screen.getByRole('button', { name: '下一期' }) as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: '上一期' }));
  expect(await screen.findByText('2026年10月 · 全镇')).toBeTruthy();
  expect(mocked.admin.stats).toHaveBeenLastCalledWith({ period: { kind: 'month', key: '2026-10' } });
  expect((screen.getByRole('button', { name: '下一期' }) as HTMLButtonElement).disabled).toBe(false);
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '统计周期' })).getByText('季'));
  expect(await screen.findByText('2026年第四季度 · 全镇')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '上一期' }));
  expect(await screen.findByText('2026年第三季度 · 全镇')).toBeTruthy();
  expect(mocked.admin.stats).toHaveBeenLastCalledWith({ period: { kind: 'quarter', key: '2026-Q3' } });
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '统计周期' })).getByText('年'));
  expect(await screen.findByText('2026年 · 全镇')).toBeTruthy();
  expect(mocked.admin.stats).toHaveBeenLastCalledWith({ period: { kind: 'year', key: '2026' } });
});

test('安委办 picks one department; the department names come from the town, 全镇 again sends none', async () => {
  mocked.admin.stats.mockImplementation((input: { period: StatsPeriod; departmentId?: string }) =>
    Promise.resolve(
      stats(input.period, {
        scope: { departmentId: input.departmentId ?? null, label: input.departmentId ? '消防' : '全镇' },
        ...(input.departmentId ? { rewards: null, training: null, drills: null } : {}),
      }),
    ),
  );
  render(<OfficeDashboardPage />);
  await screen.findByText('2026年11月 · 全镇');
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '统计范围' })).getByText('消防'));
  expect(await screen.findByText('2026年11月 · 消防')).toBeTruthy();
  expect(mocked.admin.stats).toHaveBeenLastCalledWith({
    period: { kind: 'month', key: '2026-11' },
    departmentId: 'XF',
  });
  expect(screen.queryByRole('group', { name: '已核定' })).toBeNull();
  expect(screen.queryByRole('group', { name: '培训覆盖率' })).toBeNull();
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '统计范围' })).getByText('全镇'));
  expect(await screen.findByText('2026年11月 · 全镇')).toBeTruthy();
  expect(mocked.admin.stats).toHaveBeenLastCalledWith({ period: { kind: 'month', key: '2026-11' } });
});

test('department staff see 本部门 (no department picker, no departmentId sent)', async () => {
  mocked.user.login.mockResolvedValue(STAFF);
  mocked.admin.stats.mockImplementation((input: { period: StatsPeriod }) =>
    Promise.resolve(
      stats(input.period, {
        scope: { departmentId: 'YJ', label: '应急' },
        rewards: null,
        training: null,
        drills: null,
      }),
    ),
  );
  render(<OfficeDashboardPage />);
  expect(await screen.findByText('本部门（应急）')).toBeTruthy();
  expect(await screen.findByText('2026年11月 · 应急')).toBeTruthy();
  expect(screen.queryByRole('radiogroup', { name: '统计范围' })).toBeNull();
  expect(mocked.tipoff.options).not.toHaveBeenCalled();
  expect(mocked.admin.stats).toHaveBeenCalledWith({ period: { kind: 'month', key: '2026-11' } });
});

test('empty period: 本期没有举报, the year figures still shown; an error offers 重试', async () => {
  const none = (p: StatsPeriod) =>
    stats(p, {
      reports: {
        ...stats(p).reports,
        total: 0,
        byStatus: [],
        byArea: [],
        byDepartment: [],
        byCategoryGroup: [],
        byChannel: [],
      },
      majorHazards: { year: 2026, found: 2, closed: 2, open: 0, overdue: 0 },
    });
  mocked.admin.stats.mockImplementationOnce((input: { period: StatsPeriod }) => Promise.resolve(none(input.period)));
  render(<OfficeDashboardPage />);
  expect(await screen.findByText('本期没有举报')).toBeTruthy();
  expect(screen.queryByRole('group', { name: '举报总数' })).toBeNull();
  expect(screen.getByText('已动态清零：年内发现的重大隐患全部销号。')).toBeTruthy();

  mocked.admin.stats.mockRejectedValueOnce(new CloudError('INTERNAL', '网络不太好，请重试'));
  fireEvent.click(screen.getByRole('button', { name: '上一期' }));
  expect(await screen.findByText('网络不太好，请重试')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('2026年10月 · 全镇')).toBeTruthy();
});

test('is for department staff and 安委办: a resident sees 无权访问', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-r', roles: ['resident'], uploadKey: 'k' });
  render(<OfficeDashboardPage />);
  expect(await screen.findByText('无权访问')).toBeTruthy();
  expect(mocked.admin.stats).not.toHaveBeenCalled();
});

describe('period words', () => {
  const m = (key: string): StatsPeriod => ({ kind: 'month', key });
  test('current, shift across a year end, labels', () => {
    expect(currentPeriod('month', '2026-11-29')).toEqual(m('2026-11'));
    expect(currentPeriod('quarter', '2026-11-29')).toEqual({ kind: 'quarter', key: '2026-Q4' });
    expect(currentPeriod('year', '2026-01-01')).toEqual({ kind: 'year', key: '2026' });
    expect(shiftPeriod(m('2026-01'), -1)).toEqual(m('2025-12'));
    expect(shiftPeriod(m('2025-12'), 1)).toEqual(m('2026-01'));
    expect(shiftPeriod({ kind: 'quarter', key: '2026-Q1' }, -1)).toEqual({ kind: 'quarter', key: '2025-Q4' });
    expect(shiftPeriod({ kind: 'year', key: '2026' }, -1)).toEqual({ kind: 'year', key: '2025' });
    expect(periodLabel({ kind: 'quarter', key: '2026-Q2' })).toBe('2026年第二季度');
    expect(periodLabel(m('2026-03'))).toBe('2026年3月');
  });
  test('下一期 never past this month; 上一期 stops at 2020', () => {
    expect(hasNext(m('2026-11'), '2026-11-30')).toBe(false);
    expect(hasNext(m('2026-10'), '2026-11-01')).toBe(true);
    expect(hasNext({ kind: 'quarter', key: '2026-Q3' }, '2026-10-01')).toBe(true);
    expect(hasNext({ kind: 'quarter', key: '2026-Q4' }, '2026-12-31')).toBe(false);
    expect(hasNext({ kind: 'year', key: '2025' }, '2026-01-01')).toBe(true);
    expect(hasPrevious(m('2020-01'))).toBe(false);
    expect(hasPrevious(m('2020-02'))).toBe(true);
    expect(hasPrevious({ kind: 'quarter', key: '2020-Q1' })).toBe(false);
    expect(hasPrevious({ kind: 'year', key: '2020' })).toBe(false);
  });
  test('switching kind keeps the period, never past today', () => {
    expect(switchKind(m('2026-05'), 'quarter', '2026-11-29')).toEqual({ kind: 'quarter', key: '2026-Q2' });
    expect(switchKind({ kind: 'year', key: '2025' }, 'month', '2026-11-29')).toEqual(m('2025-01'));
    expect(switchKind({ kind: 'year', key: '2026' }, 'month', '2026-11-29')).toEqual(m('2026-01'));
  });
  test('percent and hours', () => {
    expect(percent(null)).toBe('暂无');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(hoursText(null)).toBe('暂无');
    expect(hoursText(47.9)).toBe('47.9 小时');
    expect(hoursText(48)).toBe('48 小时（约 2.0 天）');
  });
});
