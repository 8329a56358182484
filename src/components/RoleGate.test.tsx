import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../services/api';
import { CloudError } from '../services/cloud-error';
import { resetSession } from '../hooks/useSession';
import { DENIED_WORDS, RoleGate, STAFF_ROLES, whoFor } from './RoleGate';

jest.mock('../services/api', () => ({ api: { user: { login: jest.fn() } } }));
jest.mock('./Shell', () => ({ Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div> }));

const login = (api as unknown as { user: { login: jest.Mock } }).user.login;
const body = jest.fn(() => <div>部门待办列表</div>);
const Body = () => body();
const page = () =>
  render(
    <RoleGate roles={STAFF_ROLES}>
      <Body />
    </RoleGate>,
  );

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
});

test('a resident sees 无权访问 in plain words and a button home; the page body never mounts', async () => {
  login.mockResolvedValue({ roles: ['resident'] });
  page();
  expect(await screen.findByText('无权访问')).toBeTruthy();
  expect(screen.getByText('此页面仅供部门工作人员使用')).toBeTruthy();
  expect(screen.queryByText('部门待办列表')).toBeNull();
  expect(body).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('返回首页'));
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
});

test.each(STAFF_ROLES)('%s sees the page', async (role) => {
  login.mockResolvedValue({ roles: ['resident', role] });
  page();
  expect(await screen.findByText('部门待办列表')).toBeTruthy();
  expect(screen.queryByText('无权访问')).toBeNull();
});

test('while signing in: loading, not 无权访问; a failed sign-in can be retried', async () => {
  login.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  const { container } = page();
  expect(container.querySelector('.ui-state--loading')).toBeTruthy();
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(screen.queryByText('无权访问')).toBeNull();
  login.mockResolvedValueOnce({ roles: ['staff'] });
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('部门待办列表')).toBeTruthy();
});

describe('the 无权访问 wording fits the page group', () => {
  const gate = (node: React.ReactElement) => render(node);

  test.each([
    [['admin', 'leader'] as const, undefined, '此页面仅供镇安委办使用'],
    [['safetyManager'] as const, undefined, '此页面仅供企业安全管理人员使用'],
    [['safetyManager', 'worker'] as const, undefined, '此页面仅供企业的从业人员和安全管理人员使用'],
    [['staff', 'head', 'admin'] as const, undefined, '此页面仅供部门工作人员使用'],
    [['admin', 'leader'] as const, 'staff' as const, '此页面仅供部门工作人员使用'],
  ])('roles %j (who %s): %s', async (roles, who, words) => {
    login.mockResolvedValue({ roles: ['resident'] });
    gate(
      <RoleGate roles={roles} who={who}>
        <Body />
      </RoleGate>,
    );
    expect(await screen.findByText(words)).toBeTruthy();
    expect(body).not.toHaveBeenCalled();
  });

  test('the hint says where to enter a code, and 去“我的”填写邀请码 opens 我的', async () => {
    login.mockResolvedValue({ roles: ['resident'] });
    gate(
      <RoleGate roles={['worker', 'safetyManager']}>
        <Body />
      </RoleGate>,
    );
    expect(await screen.findByText(/企业给您的邀请码/)).toBeTruthy();
    fireEvent.click(screen.getByText('去“我的”填写邀请码'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });

  test('whoFor: workers before managers, office only for admin/leader pages', () => {
    expect(whoFor(['worker'])).toBe('workers');
    expect(whoFor(['safetyManager'])).toBe('managers');
    expect(whoFor(['admin'])).toBe('office');
    expect(whoFor(STAFF_ROLES)).toBe('staff');
    expect(Object.keys(DENIED_WORDS).sort()).toEqual(['managers', 'office', 'staff', 'workers']);
  });
});

test('children may be a function of the session (the enterprise pages use its enterprise id)', async () => {
  login.mockResolvedValue({ roles: ['safetyManager'], enterpriseId: 'e1' });
  render(<RoleGate roles={['safetyManager']}>{(s) => <div>企业 {s.enterpriseId}</div>}</RoleGate>);
  expect(await screen.findByText('企业 e1')).toBeTruthy();
});
