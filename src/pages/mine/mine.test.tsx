import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { resetSession } from '../../hooks/useSession';
import { setRouterParams } from '../../test-support/taro';
import MinePage from './index';
import { inviteCodeIn } from './Identity';

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
const scanCode = Taro.scanCode as unknown as jest.Mock;

const report = {
  id: 't 1',
  no: 'MX-2026-000001',
  status: 'accepted',
  categoryName: '消防通道',
  areaName: '庙行村',
  description: '通道堆物',
  departmentName: '消防',
  timeline: [],
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({});
  mocked.user.login.mockResolvedValue({ openid: 'o-1', roles: ['resident', 'staff'], uploadKey: 'u' });
  mocked.tipoff.mine.mockResolvedValue({ items: [report], total: 1, page: 1, pageSize: 20 });
});
afterAll(() => setRouterParams({}));

const codeField = () => screen.getByRole('textbox', { name: /^邀请码/ }) as HTMLInputElement;

test('the page is titled 我的 (it holds more than the reports now)', () => {
  Object.assign(globalThis, { definePageConfig: (c: unknown) => c });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('./index.config').default as { navigationBarTitleText: string };
  expect(config.navigationBarTitleText).toBe('我的');
});

test('keyboard: a report card, 查询码查询 and a role page open with Enter or Space, and sit in the Tab order', async () => {
  const { container } = render(<MinePage />);
  await screen.findByText('MX-2026-000001');
  const item = container.querySelector('.mine__item') as HTMLElement;
  const track = container.querySelector('.mine__track') as HTMLElement;
  const entry = (await screen.findByText('部门工作台 ›')).closest('.mine__entry') as HTMLElement;
  for (const el of [item, track, entry]) {
    expect(el.getAttribute('tabindex')).toBe('0');
    expect(el.getAttribute('role')).toBe('link');
  }
  fireEvent.keyDown(item, { key: 'Enter' });
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/tipoff/detail/index?id=t%201' });
  fireEvent.keyDown(track, { key: ' ' });
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/track/index' });
  fireEvent.keyDown(entry, { key: 'Enter' });
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/queue/index' });
  fireEvent.keyDown(entry, { key: 'a' });
  expect(Taro.navigateTo).toHaveBeenCalledTimes(3);
  fireEvent.click(item); // a tap still opens it
  expect(Taro.navigateTo).toHaveBeenCalledTimes(4);
});

test('?code= (a shared link or a phone camera opening a QR link) opens the fields with the code filled', async () => {
  setRouterParams({ code: 'cjst-2aff' });
  render(<MinePage />);
  await screen.findByText('身份：部门工作人员');
  expect(codeField().value).toBe('CJST-2AFF');
  expect(screen.queryByRole('button', { name: '我有邀请码' })).toBeNull();
});

test('a ?code= that is no invite code is ignored', async () => {
  setRouterParams({ code: '<script>' });
  render(<MinePage />);
  await screen.findByText('身份：部门工作人员');
  expect(screen.getByRole('button', { name: '我有邀请码' })).toBeTruthy();
});

test('扫码填写 reads the plain code from a QR code (and the code from a link), and says so when it is none', async () => {
  render(<MinePage />);
  await screen.findByText('身份：部门工作人员');
  scanCode.mockResolvedValueOnce({ result: 'QYAQ-MGR3' });
  fireEvent.click(screen.getByRole('button', { name: '扫码填写' }));
  await screen.findByRole('textbox', { name: /^邀请码/ });
  expect(scanCode).toHaveBeenCalledWith({ scanType: ['qrCode'] });
  expect(codeField().value).toBe('QYAQ-MGR3');

  scanCode.mockResolvedValueOnce({ result: 'https://town.example/#/pages/mine/index?code=GRYG-ENT5&from=qr' });
  fireEvent.click(screen.getByRole('button', { name: '扫码填写' }));
  await screen.findByDisplayValue('GRYG-ENT5');

  scanCode.mockResolvedValueOnce({ result: 'https://example.com/shop' });
  fireEvent.click(screen.getByRole('button', { name: '扫码填写' }));
  expect(await screen.findByText(/这个二维码不是邀请码/)).toBeTruthy();
  expect(codeField().value).toBe('GRYG-ENT5'); // what was there stays

  scanCode.mockRejectedValueOnce(new Error('scanCode:fail cancel'));
  fireEvent.click(screen.getByRole('button', { name: '扫码填写' }));
  expect(codeField().value).toBe('GRYG-ENT5');
});

test('inviteCodeIn: the plain code, a link’s code= (encoded too), nothing else', () => {
  expect(inviteCodeIn(' ggpb-qr66 ')).toBe('GGPB-QR66');
  expect(inviteCodeIn('GGPBQR66')).toBe('GGPBQR66');
  expect(inviteCodeIn('/pages/mine/index?code=GGPB%20QR66')).toBe('GGPB QR66');
  expect(inviteCodeIn('https://x/h5/#/pages/mine/index?a=1&code=ggpb-qr66')).toBe('GGPB-QR66');
  expect(inviteCodeIn('https://x/?code=%E0%A4%A')).toBeUndefined(); // a broken escape
  expect(inviteCodeIn('GGPB-QR6L')).toBeUndefined(); // L is not in the alphabet
  expect(inviteCodeIn('')).toBeUndefined();
  expect(inviteCodeIn(undefined)).toBeUndefined();
});
