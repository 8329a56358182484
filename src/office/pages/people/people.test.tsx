import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PersonSummary } from '../../../../types';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import { setRouterParams } from '../../../test-support/taro';
import OfficePeoplePage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    tipoff: { options: jest.fn() },
    enterprise: { list: jest.fn() },
    people: { list: jest.fn(), revoke: jest.fn(), invite: jest.fn(), invites: jest.fn(), revokeInvite: jest.fn() },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  tipoff: { options: jest.Mock };
  enterprise: { list: jest.Mock };
  people: { list: jest.Mock; revoke: jest.Mock; invite: jest.Mock; invites: jest.Mock; revokeInvite: jest.Mock };
};
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

const zhang: PersonSummary = {
  id: 'p-7f3a',
  name: '张三',
  roles: ['resident', 'staff'],
  roleLabels: ['部门工作人员'],
  departmentId: 'd-xf',
  departmentName: '消防',
  since: '2026-11-01T09:00:00+08:00',
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({});
  mocked.user.login.mockResolvedValue({ openid: 'o-admin', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  mocked.tipoff.options.mockResolvedValue({
    categories: [],
    areas: [],
    departments: [
      { id: 'd-xf', code: 'XF', name: '消防' },
      { id: 'd-awb', code: 'AWB', name: '镇安委办' },
    ],
  });
  mocked.enterprise.list.mockResolvedValue(page([]));
  mocked.people.list.mockResolvedValue(page([zhang]));
  mocked.people.invites.mockResolvedValue(
    page([
      {
        id: 'i1',
        role: 'worker',
        roleLabel: '企业从业人员',
        enterpriseName: '庙行精密',
        codeHint: 'XY',
        uses: 30,
        used: 4,
        state: 'active',
        note: '三车间公告栏',
        createdAt: '2026-11-20T09:00:00+08:00',
        expiresAt: '2026-12-20T09:00:00+08:00',
        createdByName: '李四',
      },
    ]),
  );
});

test('a resident gets 无权访问, not the list', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-r', roles: ['resident'], uploadKey: 'k' });
  render(<OfficePeoplePage />);
  expect(await screen.findByText('无权访问')).toBeTruthy();
  expect(mocked.people.list).not.toHaveBeenCalled();
});

test('revoking a role asks for confirmation, states the consequence and requires a reason', async () => {
  mocked.people.revoke.mockResolvedValueOnce({ ...zhang, roles: ['resident'], roleLabels: ['居民'] });
  render(<OfficePeoplePage />);
  expect(await screen.findByText('张三')).toBeTruthy();
  expect(document.body.textContent).not.toContain('p-7f3a'); // no ids on screen
  fireEvent.click(screen.getByRole('button', { name: '撤销部门工作人员' }));
  const dialog = screen.getByRole('alertdialog', { name: '撤销张三的「部门工作人员」身份？' });
  expect(within(dialog).getByText(/下次操作时即失去「部门工作人员」的权限，无法撤回/)).toBeTruthy();
  fireEvent.click(within(dialog).getByRole('button', { name: '确认撤销' }));
  expect(await within(dialog).findByText('请填写原因')).toBeTruthy();
  expect(mocked.people.revoke).not.toHaveBeenCalled();
  fireEvent.change(within(dialog).getByPlaceholderText('例如：已调离本部门'), { target: { value: '已调离' } });
  fireEvent.click(within(dialog).getByRole('button', { name: '确认撤销' }));
  await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  expect(mocked.people.revoke).toHaveBeenCalledWith({ id: 'p-7f3a', role: 'staff', reason: '已调离' });
  expect(screen.queryByRole('button', { name: '撤销部门工作人员' })).toBeNull();
});

test('取消 closes the revoke dialog without a call', async () => {
  render(<OfficePeoplePage />);
  fireEvent.click(await screen.findByRole('button', { name: '撤销部门工作人员' }));
  fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '取消' }));
  expect(screen.queryByRole('alertdialog')).toBeNull();
  expect(mocked.people.revoke).not.toHaveBeenCalled();
});

test('a leader without 经办人 reads the list but gets no revoke or invite controls', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
  render(<OfficePeoplePage />);
  expect(await screen.findByText('张三')).toBeTruthy();
  expect(screen.queryByRole('button', { name: /撤销/ })).toBeNull();
  expect(screen.queryByText('发放邀请码')).toBeNull();
  expect(screen.queryByRole('tablist')).toBeNull();
});

test('发放邀请码 is a tab at the top, before the person cards; the list stays on the 人员 tab', async () => {
  mocked.people.list.mockResolvedValue(
    page(Array.from({ length: 30 }, (_, i) => ({ ...zhang, id: `p${i}`, name: `人员${i}` }))),
  );
  const { container } = render(<OfficePeoplePage />);
  await screen.findByText('人员29');
  const tabs = within(screen.getByRole('tablist', { name: '人员与邀请码' })).getAllByRole('tab');
  expect(tabs.map((t) => t.textContent)).toEqual(['人员', '发放邀请码']);
  expect(tabs[0].getAttribute('aria-selected')).toBe('true');
  // The tab comes before the first card in the page.
  const first = container.querySelector('.office-person') as HTMLElement;
  expect(tabs[1].compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(container.querySelector('.office-invite-form')).toBeNull();
  fireEvent.click(tabs[1]);
  expect(container.querySelector('.office-invite-form')).not.toBeNull();
  expect(screen.queryByText('人员0')).toBeNull();
  fireEvent.click(screen.getByRole('tab', { name: '人员' }));
  expect(await screen.findByText('人员0')).toBeTruthy();
});

test('?tab=invites opens 发放邀请码 directly', async () => {
  setRouterParams({ tab: 'invites' });
  const { container } = render(<OfficePeoplePage />);
  await waitFor(() => expect(container.querySelector('.office-invite-form')).not.toBeNull());
  expect(screen.getByRole('tab', { name: '发放邀请码' }).getAttribute('aria-selected')).toBe('true');
});

test('a manager shows as 企业安全管理人员 (one revoke), and one without an enterprise yet says 尚未登记企业', async () => {
  mocked.people.list.mockResolvedValue(
    page([
      {
        id: 'p-m',
        name: '王经理',
        roles: ['resident', 'worker', 'safetyManager'],
        roleLabels: ['企业安全管理人员'],
        since: '2026-11-01T09:00:00+08:00',
      },
    ]),
  );
  render(<OfficePeoplePage />);
  expect(await screen.findByText(/尚未登记企业/)).toBeTruthy();
  expect(screen.queryByText(/未关联部门或企业/)).toBeNull();
  const card = screen.getByText('王经理').closest('.office-person') as HTMLElement;
  expect(within(card).getByText('企业安全管理人员')).toBeTruthy();
  expect(
    within(card)
      .getAllByRole('button', { name: /^撤销/ })
      .map((b) => b.textContent),
  ).toEqual(['撤销企业安全管理人员']);
});

test('filters: choosing a role asks the server for it', async () => {
  render(<OfficePeoplePage />);
  await screen.findByText('张三');
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '按身份筛选' })).getByText('部门负责人'));
  await waitFor(() => expect(mocked.people.list).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, role: 'head' }));
});

test('issuing a code: department required, then the code is shown once, large, with 复制 and a QR code', async () => {
  mocked.people.invite.mockResolvedValueOnce({ id: 'i2', code: 'ABCD-EFGH', expiresAt: '2026-12-06T09:00:00+08:00' });
  const { container } = render(<OfficePeoplePage />);
  await screen.findByText('张三');
  fireEvent.click(screen.getByRole('tab', { name: '发放邀请码' }));
  fireEvent.click(screen.getByRole('button', { name: '发放邀请码' }));
  expect(await screen.findByText('请选择部门')).toBeTruthy();
  expect(mocked.people.invite).not.toHaveBeenCalled();
  const deptGroup = screen.getByRole('radiogroup', { name: '部门' });
  expect(within(deptGroup).queryByText('镇安委办')).toBeNull();
  fireEvent.click(within(deptGroup).getByText('消防'));
  fireEvent.change(screen.getByPlaceholderText('选填'), { target: { value: '张三' } });
  fireEvent.click(screen.getByRole('button', { name: '发放邀请码' }));
  expect(await screen.findByText('ABCD-EFGH')).toBeTruthy();
  expect(mocked.people.invite).toHaveBeenCalledWith({
    role: 'staff',
    departmentId: 'd-xf',
    uses: 1,
    expiresInDays: 7,
    note: '张三',
  });
  expect(screen.getByRole('img', { name: '邀请码 ABCD-EFGH 的二维码' })).toBeTruthy();
  expect(container.querySelectorAll('.qr-code__row').length).toBeGreaterThanOrEqual(21); // version 1 or larger
  expect(screen.getByText('邀请码只显示这一次，请现在复制或截图交给对方。')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '复制邀请码' }));
  expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD-EFGH' });
  await waitFor(() => expect(mocked.people.invites).toHaveBeenCalledTimes(2)); // the list reloads
});

test('the invite list shows state, the hint and uses, and 作废 asks first', async () => {
  mocked.people.revokeInvite.mockRejectedValueOnce(new CloudError('CONFLICT', '邀请码已用完，无需作废'));
  render(<OfficePeoplePage />);
  fireEvent.click(await screen.findByRole('tab', { name: '发放邀请码' }));
  expect(await screen.findByText(/尾号 …XY · 已用 4\/30/)).toBeTruthy();
  const card = screen.getByText(/尾号 …XY/).closest('.office-invite') as HTMLElement;
  expect(within(card).getByText('可使用')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '作废' }));
  const dialog = screen.getByRole('alertdialog', { name: '作废这个邀请码？' });
  fireEvent.click(within(dialog).getByRole('button', { name: '确认作废' }));
  expect(await within(dialog).findByText('邀请码已用完，无需作废')).toBeTruthy();
  mocked.people.revokeInvite.mockResolvedValueOnce({ id: 'i1' });
  fireEvent.click(within(dialog).getByRole('button', { name: '确认作废' }));
  expect(await within(card).findByText('已作废')).toBeTruthy();
  expect(within(card).queryByRole('button', { name: '作废' })).toBeNull();
  expect(mocked.people.revokeInvite).toHaveBeenLastCalledWith('i1');
});
