import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../services/api';
import { CloudError } from '../services/cloud-error';
import { resetSession } from '../hooks/useSession';
import { RoleGate, STAFF_ROLES } from './RoleGate';

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
