import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { CloudError, unwrap } from '../../services/cloud-error';
import { resetSession } from '../../hooks/useSession';
import MinePage from './index';
import { entriesFor, roleWords } from './Identity';

jest.mock('../../services/api', () => ({
  api: {
    user: { login: jest.fn(), bind: jest.fn() },
    tipoff: { mine: jest.fn() },
    enterprise: { detail: jest.fn() },
  },
}));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock; bind: jest.Mock };
  tipoff: { mine: jest.Mock };
  enterprise: { detail: jest.Mock };
};

const resident = { openid: 'o-res', roles: ['resident'], uploadKey: 'u1' };

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue(resident);
  mocked.tipoff.mine.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
  mocked.enterprise.detail.mockResolvedValue({ id: 'e1', name: '庙行精密机械有限公司' });
});

const fill = (code: string, name = '张三') => {
  const open = screen.queryByRole('button', { name: '我有邀请码' });
  if (open) fireEvent.click(open);
  fireEvent.change(screen.getByPlaceholderText('例如 ABCD-EFGH'), { target: { value: code } });
  fireEvent.change(screen.getByPlaceholderText('请输入真实姓名'), { target: { value: name } });
  fireEvent.click(screen.getByRole('button', { name: '绑定' }));
};

test('a resident sees 居民, no role entries, and the code field with a real label', async () => {
  render(<MinePage />);
  expect(await screen.findByText('身份：居民')).toBeTruthy();
  expect(screen.queryByRole('textbox', { name: /^邀请码/ })).toBeNull(); // the fields open on a tap
  fireEvent.click(screen.getByRole('button', { name: '我有邀请码' }));
  expect(screen.getByRole('textbox', { name: /^邀请码/ })).toBeTruthy();
  expect(screen.queryByText(/部门工作台/)).toBeNull();
  expect(screen.getByText('字体大小')).toBeTruthy(); // what the page had stays
  expect(document.body.textContent).not.toContain('o-res');
});

test('a malformed code is refused before any call, in plain words', async () => {
  render(<MinePage />);
  await screen.findByText('身份：居民');
  fill('ABC1');
  expect(await screen.findByText('邀请码是 8 位字母和数字，请核对')).toBeTruthy();
  expect(mocked.user.bind).not.toHaveBeenCalled();
});

test.each([
  ['NOT_FOUND', '邀请码不正确，请核对后重新输入'],
  ['EXPIRED', '邀请码已过期，请向发放人重新索取'],
  ['CONFLICT', '邀请码已被用完'],
  ['FORBIDDEN', '邀请码已作废'],
])('the server refusing with %s shows its message', async (code, message) => {
  mocked.user.bind.mockRejectedValueOnce(new CloudError(code as 'NOT_FOUND', message));
  render(<MinePage />);
  await screen.findByText('身份：居民');
  fill('abcd efgh');
  expect(await screen.findByText(message)).toBeTruthy();
  expect(mocked.user.bind).toHaveBeenCalledWith({ code: 'abcd efgh', name: '张三' });
});

test('RATE_LIMITED says how long to wait', async () => {
  mocked.user.bind.mockImplementationOnce(async () =>
    unwrap({ ok: false, error: { code: 'RATE_LIMITED', message: '太频繁', retryAfterSeconds: 600 } }),
  );
  render(<MinePage />);
  await screen.findByText('身份：居民');
  fill('ABCD-EFGH');
  expect(await screen.findByText('操作太频繁，请 10 分钟后再试')).toBeTruthy();
});

test('success: the session is refreshed, the grant is shown, and the role opens its page', async () => {
  const staff = {
    ...resident,
    roles: ['resident', 'staff'],
    displayName: '张三',
    departmentId: 'd-xf',
    departmentName: '消防',
  };
  mocked.user.bind.mockResolvedValueOnce({ ...staff, granted: 'staff', message: '已加入消防' });
  render(<MinePage />);
  await screen.findByText('身份：居民');
  mocked.user.login.mockResolvedValue(staff);
  fill('ABCD-EFGH');
  expect(await screen.findByText('绑定成功：您现在是部门工作人员')).toBeTruthy();
  expect(await screen.findByText('身份：部门工作人员')).toBeTruthy();
  expect(screen.getByText('所在部门：消防')).toBeTruthy();
  expect(mocked.user.login).toHaveBeenCalledTimes(2);
  fireEvent.click(screen.getByText('部门工作台 ›'));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/queue/index' });
});

test('a worker join waiting for the manager says so', async () => {
  mocked.user.bind.mockResolvedValueOnce({ ...resident, granted: 'worker', pending: true, message: '等待确认' });
  render(<MinePage />);
  await screen.findByText('身份：居民');
  fill('ABCD-EFGH');
  expect(await screen.findByText('已提交，等待企业安全管理人员确认')).toBeTruthy();
});

test('a manager sees the enterprise name and the desk; without an enterprise, 登记企业', async () => {
  mocked.user.login.mockResolvedValue({
    ...resident,
    roles: ['resident', 'worker', 'safetyManager'],
    enterpriseId: 'e1',
  });
  render(<MinePage />);
  expect(await screen.findByText('身份：企业安全管理人员')).toBeTruthy();
  expect(await screen.findByText('所在企业：庙行精密机械有限公司')).toBeTruthy();
  await waitFor(() => expect(screen.getByText('企业安全管理 ›')).toBeTruthy());
  expect(
    entriesFor({ ...resident, roles: ['resident', 'worker', 'safetyManager'] } as never).map((e) => e.url),
  ).toEqual(['/enterprise/pages/register/index']);
});

test('roleWords names the highest role of each line; entriesFor opens the office pages for 安委办', () => {
  expect(roleWords(['resident', 'staff', 'head'])).toEqual(['部门负责人']);
  expect(roleWords(['resident', 'staff', 'head', 'admin', 'leader'])).toEqual(['镇安委办 领导']);
  expect(roleWords(['resident', 'staff', 'admin'])).toEqual(['镇安委办 经办人']);
  expect(entriesFor({ ...resident, roles: ['resident', 'staff', 'admin'] } as never).map((e) => e.url)).toEqual([
    '/office/pages/dashboard/index',
    '/office/pages/monthly/index',
    '/office/pages/people/index',
    '/office/pages/enterprises/index',
    '/office/pages/compliance/index',
    '/office/pages/rewards/index',
    '/office/pages/training/index',
    '/office/pages/question-bank/index',
    '/office/pages/audits/index',
    '/office/pages/config/index',
    '/office/pages/exposure/index',
    '/staff/pages/queue/index',
  ]);
  // Department staff and heads see their own department's share of the dashboard.
  expect(entriesFor({ ...resident, roles: ['resident', 'staff'] } as never).map((e) => e.url)).toEqual([
    '/office/pages/dashboard/index',
    '/staff/pages/queue/index',
  ]);
  // A leader also lists the audited reads of reporters' identities.
  expect(entriesFor({ ...resident, roles: ['resident', 'leader'] } as never).map((e) => e.url)).toEqual([
    '/office/pages/dashboard/index',
    '/office/pages/monthly/index',
    '/office/pages/people/index',
    '/office/pages/enterprises/index',
    '/office/pages/compliance/index',
    '/office/pages/rewards/index',
    '/office/pages/training/index',
    '/office/pages/question-bank/index',
    '/office/pages/audits/index',
    '/office/pages/config/index',
    '/office/pages/exposure/index',
    '/office/pages/identity-reads/index',
  ]);
});
