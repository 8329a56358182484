import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { TownConfigKey } from '../../../../types/town-config';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import { seedView } from './config-fixtures';
import ConfigOverviewPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, admin: { config: jest.fn(), route: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  admin: { config: jest.Mock; route: jest.Mock };
};

const routingV2 = seedView('routing', {
  version: 2,
  by: '镇安委办 王敏',
  at: '2026-11-20T09:30:00+08:00',
  note: '燃气改由应急办理',
  history: [
    { version: 2, by: '镇安委办 王敏', at: '2026-11-20T09:30:00+08:00', note: '燃气改由应急办理' },
    { version: 1, by: '初始配置', at: '2026-11-01T00:00:00+08:00' },
  ],
});

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'admin'], uploadKey: 'k' });
  mocked.admin.config.mockImplementation(({ key, version }: { key: TownConfigKey; version?: number }) =>
    Promise.resolve(
      key === 'routing' ? (version === 1 ? seedView('routing', { current: false }) : routingV2) : seedView(key),
    ),
  );
});

test('one card per key: its name, 第 n 版, who and when, and the reason', async () => {
  render(<ConfigOverviewPage />);
  const routing = await screen.findByRole('group', { name: '分派规则' });
  expect(within(routing).getByText('第 2 版')).toBeTruthy();
  expect(within(routing).getByText('镇安委办 王敏 · 2026-11-20 09:30')).toBeTruthy();
  expect(within(routing).getByText('修改原因：燃气改由应急办理')).toBeTruthy();
  for (const name of ['部门', '居民区和村', '隐患类别', '办理时限', '屏蔽词']) {
    const card = screen.getByRole('group', { name });
    expect(within(card).getByText('第 1 版')).toBeTruthy();
    expect(within(card).getByText(/^初始配置 · /)).toBeTruthy();
  }
  expect(mocked.admin.config).toHaveBeenCalledTimes(6);
});

test('the content reads in names, not codes; history opens an old version read-only', async () => {
  render(<ConfigOverviewPage />);
  const routing = await screen.findByRole('group', { name: '分派规则' });
  fireEvent.click(within(routing).getByText('查看内容'));
  expect(within(routing).getByText(/堵占消防通道：类别：堵占消防通道 → 交 消防救援 办理，协办：城管/)).toBeTruthy();
  expect(within(routing).getByText(/都不符合时：交 镇安委办/)).toBeTruthy();
  expect(routing.textContent).not.toMatch(/\bXF\b|gas-smell/);
  fireEvent.click(within(routing).getByText('查看历史'));
  expect(
    within(routing).getByText('第 2 版 · 镇安委办 王敏 · 2026-11-20 09:30 · 燃气改由应急办理（现行）'),
  ).toBeTruthy();
  fireEvent.click(within(routing).getByText(/^第 1 版 · 初始配置/));
  expect(await within(routing).findByText('第 1 版的内容（只读）')).toBeTruthy();
  expect(mocked.admin.config).toHaveBeenCalledWith({ key: 'routing', version: 1 });
});

test('the officer opens an editor by key; a leader has no 修改', async () => {
  const { unmount } = render(<ConfigOverviewPage />);
  fireEvent.click(await screen.findByRole('button', { name: '修改屏蔽词' }));
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/office/pages/config-edit/index?key=blockedWords' });
  unmount();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
  render(<ConfigOverviewPage />);
  expect(await screen.findByRole('group', { name: '分派规则' })).toBeTruthy();
  expect(screen.queryByText('修改')).toBeNull();
  expect(screen.getByText('哪个部门会收到这条举报？')).toBeTruthy();
});

test('the routing tester: category and area chosen by name, the answer with its rule and reason', async () => {
  mocked.admin.route.mockResolvedValue({
    departmentId: 'XF',
    departmentName: '消防救援',
    coDepartments: [{ id: 'JJ', name: '经济发展' }],
    ruleId: 'R12',
    ruleName: '电动自行车（村）',
    reason: '按规则“电动自行车（村）”分派',
    routingVersion: 2,
  });
  render(<ConfigOverviewPage />);
  fireEvent.click(await screen.findByText('测试分派'));
  expect(screen.getByText('请选择隐患类别')).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: '电动自行车违规充电/飞线' }));
  fireEvent.click(screen.getByText('测试分派'));
  expect(screen.getByText('请选择居民区或村')).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: '周巷' }));
  fireEvent.change(screen.getByLabelText(/举报描述/), { target: { value: ' 楼道里充电 ' } });
  fireEvent.click(screen.getByText('测试分派'));
  await waitFor(() =>
    expect(mocked.admin.route).toHaveBeenCalledWith({
      categoryId: 'ebike-charging',
      areaId: 'zx',
      description: '楼道里充电',
    }),
  );
  expect(await screen.findByText('交 消防救援 办理')).toBeTruthy();
  expect(screen.getByText('协办：经济发展')).toBeTruthy();
  expect(screen.getByText('符合规则：电动自行车（村）')).toBeTruthy();
  expect(screen.getByText('理由：按规则“电动自行车（村）”分派')).toBeTruthy();
  expect(screen.getByText('按第 2 版分派规则')).toBeTruthy();
});

test('a load failure offers 重试', async () => {
  mocked.admin.config.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<ConfigOverviewPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(mocked.admin.config.mock.calls.length).toBeGreaterThan(6));
});
