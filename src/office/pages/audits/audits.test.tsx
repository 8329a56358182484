import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import OfficeAuditsPage, { rangeProblem } from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, admin: { audits: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; admin: { audits: jest.Mock } };
const page = <T,>(items: T[]) => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
  from: '2026-10-30',
  to: '2026-11-28',
});
const ACCEPT = {
  id: 'a1',
  at: '2026-11-28T10:05:00+08:00',
  actor: { kind: 'person', name: '城建办 张工', personId: 'p0123456789abcdef0123456' },
  action: 'tipoff.accept',
  actionLabel: '受理举报',
  target: { type: 'tipoff', typeLabel: '举报', id: 't1', no: 'MX-2026-000001' },
  identityRead: false,
};
const READ = {
  id: 'a2',
  at: '2026-11-28T09:00:00+08:00',
  actor: { kind: 'person', name: '镇安委办 经办人', personId: 'p1111111111111111111111a' },
  action: 'reward.identity',
  actionLabel: '查看举报人身份',
  target: { type: 'reporterIdentity', typeLabel: '举报人身份', id: 'rw_t1', no: 'MX-2026-000001' },
  identityRead: true,
  reason: '核对领奖人身份以便发放',
};
const GONE = {
  id: 'a3',
  at: '2026-11-27T09:00:00+08:00',
  actor: { kind: 'deleted', name: '已注销用户' },
  action: 'ledger.create',
  actionLabel: '登记重大隐患',
  target: { type: 'ledger', typeLabel: '隐患台账', id: 'L1', no: 'ZD-2026-0001' },
  identityRead: false,
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  mocked.admin.audits.mockResolvedValue(page([ACCEPT, READ, GONE]));
});

test('rows say when, who, what in words and on which case; identity reads stand out with their reason', async () => {
  const { container } = render(<OfficeAuditsPage />);
  expect(await screen.findByText('城建办 张工')).toBeTruthy();
  expect(screen.getByText('2026-11-28 10:05')).toBeTruthy();
  expect(screen.getByText('受理举报')).toBeTruthy();
  expect(screen.getByText('已注销用户')).toBeTruthy();
  expect(screen.getByText('隐患台账：ZD-2026-0001')).toBeTruthy();
  const marked = container.querySelectorAll('.audit-row--identity');
  expect(marked).toHaveLength(1);
  expect(marked[0].textContent).toContain('查看举报人身份');
  expect(marked[0].textContent).toContain('查看原因：核对领奖人身份以便发放');
  expect(mocked.admin.audits).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
});

test('a kind of action, a row’s person and a row’s case filter the list', async () => {
  render(<OfficeAuditsPage />);
  await screen.findByText('城建办 张工');
  fireEvent.click(screen.getByText('查看举报人身份', { selector: '.audits-group' }));
  await waitFor(() =>
    expect(mocked.admin.audits).toHaveBeenLastCalledWith({ group: 'identity', page: 1, pageSize: 20 }),
  );
  fireEvent.click((await screen.findAllByText('只看此人'))[0]);
  await waitFor(() =>
    expect(mocked.admin.audits).toHaveBeenLastCalledWith({
      group: 'identity',
      actor: 'p0123456789abcdef0123456',
      page: 1,
      pageSize: 20,
    }),
  );
  expect(screen.getByText('正在只看：城建办 张工')).toBeTruthy();
  fireEvent.click((await screen.findAllByText('只看此案件'))[0]);
  await waitFor(() =>
    expect(mocked.admin.audits).toHaveBeenLastCalledWith(expect.objectContaining({ target: 'MX-2026-000001' })),
  );
  fireEvent.click(screen.getByText('清除条件'));
  await waitFor(() => expect(mocked.admin.audits).toHaveBeenLastCalledWith({ page: 1, pageSize: 20 }));
});

test('the date range: ends included, at most 366 days, the end not before the start', () => {
  expect(rangeProblem('2025-01-01', '2026-01-01')).toBeUndefined();
  expect(rangeProblem('2025-01-01', '2026-01-02')).toBe('一次最多查询 366 天');
  expect(rangeProblem('2026-03-02', '2026-03-01')).toBe('结束日期不能早于开始日期');
  expect(rangeProblem('2026-03-01', '2026-03-01')).toBeUndefined();
  expect(rangeProblem(undefined, '2026-03-01')).toBeUndefined();
});

test('empty and error states', async () => {
  mocked.admin.audits.mockResolvedValue(page([]));
  const { unmount } = render(<OfficeAuditsPage />);
  expect(await screen.findByText('最近 30 天没有操作记录')).toBeTruthy();
  unmount();
  mocked.admin.audits.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<OfficeAuditsPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
});

test('department staff get 无权访问', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-s', roles: ['resident', 'staff'], uploadKey: 'k' });
  render(<OfficeAuditsPage />);
  expect(await screen.findByText('无权访问')).toBeTruthy();
  expect(mocked.admin.audits).not.toHaveBeenCalled();
});
