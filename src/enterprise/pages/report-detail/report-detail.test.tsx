import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { InternalReport } from '../../../../types';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { townToday } from '../../../services/format';
import { pickDate } from '../../../test-support/pick-date';
import { setRouterParams } from '../../../test-support/taro';
import ReportDetailPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    enterprise: { reportDetail: jest.fn(), act: jest.fn(), toTown: jest.fn() },
  },
}));
jest.mock('../../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (url: string) => url }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; enterprise: Record<string, jest.Mock> };

const MANAGER = { openid: 'm', roles: ['resident', 'worker', 'safetyManager'], uploadKey: 'u', enterpriseId: 'e1' };
const WORKER = { openid: 'w', roles: ['resident', 'worker'], uploadKey: 'u', enterpriseId: 'e1' };

function report(overrides: Partial<InternalReport> = {}): InternalReport {
  return {
    id: 'ir1',
    no: 'NB-2026-000003',
    enterpriseId: 'e1',
    enterpriseName: '庙行精密机械有限公司',
    categoryId: 'fire-passage',
    categoryName: '堵占消防通道',
    description: '二号车间东门消防通道堆满纸箱',
    place: '二号车间东门',
    photoUrls: [],
    anonymous: true,
    status: 'submitted',
    statusLabel: '待企业受理',
    acceptBy: '2026-12-01T23:59:59+08:00',
    timeline: [{ at: '2026-11-27T09:00:00+08:00', text: '员工报告隐患' }],
    createdAt: '2026-11-27T09:00:00+08:00',
    ...overrides,
  };
}

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({ id: 'ir1' });
});

describe('internal report detail — the manager', () => {
  beforeEach(() => mocked.user.login.mockResolvedValue(MANAGER));

  test('an anonymous report says 匿名报告 and nothing about the reporter, even if a name slipped through', async () => {
    mocked.enterprise.reportDetail.mockResolvedValue(report({ reporterName: '张三' }));
    const { container } = render(<ReportDetailPage />);
    expect(await screen.findByText('匿名报告')).toBeTruthy();
    expect(container.textContent).not.toContain('张三');
    expect(container.textContent).not.toContain('报告人');
  });

  test('a named report shows the reporter to the manager', async () => {
    mocked.enterprise.reportDetail.mockResolvedValue(report({ anonymous: false, reporterName: '张三' }));
    render(<ReportDetailPage />);
    expect(await screen.findByText('报告人：张三')).toBeTruthy();
  });

  test('受理 needs a deadline, then sends the chosen date', async () => {
    const due = townToday(new Date(Date.now() + 10 * 86400 * 1000));
    mocked.enterprise.reportDetail.mockResolvedValue(report());
    mocked.enterprise.act.mockResolvedValue(report({ status: 'accepted', statusLabel: '企业整改中', deadline: due }));
    const { container } = render(<ReportDetailPage />);
    fireEvent.click(await screen.findByText('受理'));
    fireEvent.click(screen.getByText('确认受理'));
    expect(screen.getByText('请选择整改期限')).toBeTruthy();
    expect(mocked.enterprise.act).not.toHaveBeenCalled();

    pickDate(container, due);
    expect(screen.queryByText('请选择整改期限')).toBeNull();
    fireEvent.click(screen.getByText('确认受理'));
    await waitFor(() =>
      expect(mocked.enterprise.act).toHaveBeenCalledWith({ id: 'ir1', step: 'accept', deadline: due }),
    );
    expect(await screen.findByText('企业整改中')).toBeTruthy();
    expect(screen.getByText('整改完成')).toBeTruthy();
  });

  test('整改完成 refuses to go without an evidence photo and a note', async () => {
    mocked.enterprise.reportDetail.mockResolvedValue(
      report({ status: 'accepted', statusLabel: '企业整改中', deadline: '2030-01-15' }),
    );
    render(<ReportDetailPage />);
    fireEvent.click(await screen.findByText('整改完成'));
    fireEvent.click(screen.getByText('提交整改完成'));
    expect(screen.getByText('请上传整改后的照片')).toBeTruthy();
    expect(screen.getByText('请说明整改情况')).toBeTruthy();
    expect(mocked.enterprise.act).not.toHaveBeenCalled();
  });

  test('转报镇里 asks for confirmation with the consequence', async () => {
    mocked.enterprise.reportDetail.mockResolvedValue(report());
    mocked.enterprise.act.mockResolvedValue(report({ status: 'escalated', statusLabel: '已转报镇里' }));
    render(<ReportDetailPage />);
    fireEvent.click(await screen.findByText('转报镇里'));
    fireEvent.change(screen.getByPlaceholderText('如：需要镇里协调处理'), { target: { value: '需要镇里协调' } });
    fireEvent.click(screen.getByText('转报镇里…'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText(/企业不能再自行结案/)).toBeTruthy();
    expect(mocked.enterprise.act).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByText('确认转报'));
    await waitFor(() =>
      expect(mocked.enterprise.act).toHaveBeenCalledWith({ id: 'ir1', step: 'escalate', reason: '需要镇里协调' }),
    );
  });
});

describe('internal report detail — the worker who filed it', () => {
  beforeEach(() => mocked.user.login.mockResolvedValue(WORKER));

  test('sees status and timeline, no manager actions, and can send it to the town after confirming', async () => {
    mocked.enterprise.reportDetail.mockResolvedValue(report({ mine: true }));
    mocked.enterprise.toTown.mockResolvedValue(report({ mine: true, status: 'escalated', statusLabel: '已转报镇里' }));
    render(<ReportDetailPage />);
    expect(await screen.findByText('待企业受理')).toBeTruthy();
    expect(screen.getByText('员工报告隐患')).toBeTruthy();
    expect(screen.queryByText('受理')).toBeNull();
    fireEvent.click(screen.getByText('直接报给镇里…'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText(/您的身份仍不会告诉企业/)).toBeTruthy();
    fireEvent.click(within(dialog).getByText('确认报给镇里'));
    await waitFor(() => expect(mocked.enterprise.toTown).toHaveBeenCalledWith('ir1'));
    expect(await screen.findByText('已转报镇里')).toBeTruthy();
  });
});
