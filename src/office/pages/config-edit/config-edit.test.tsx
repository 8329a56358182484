import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setRouterParams } from '../../../test-support/taro';
import type { RoutingTable, SlaPolicy } from '../../../../types/town';
import type { ConfigView, TownConfigKey } from '../../../../types/town-config';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import { SEED, seedView } from '../config/config-fixtures';
import ConfigEditPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, admin: { config: jest.fn(), setConfig: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  admin: { config: jest.Mock; setConfig: jest.Mock };
};

const saveWith = (view: Partial<ConfigView>) =>
  mocked.admin.setConfig.mockImplementation(({ key, data }: { key: TownConfigKey; data: unknown }) =>
    Promise.resolve(seedView(key, { version: 2, data, by: '镇安委办 王敏', ...view })),
  );

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'admin'], uploadKey: 'k' });
  mocked.admin.config.mockImplementation(({ key }: { key: TownConfigKey }) => Promise.resolve(seedView(key)));
  saveWith({});
});

const open = async (key: string) => {
  setRouterParams({ key });
  render(<ConfigEditPage />);
  return screen.findByText('保存新版本…');
};
const reason = (text: string) => fireEvent.change(screen.getByLabelText(/修改原因/), { target: { value: text } });

test('departments: codes of existing ones are read-only, a new one gets a code; saved after a confirmation naming the change', async () => {
  await open('departments');
  const cj = screen.getByRole('group', { name: '城建' });
  expect(within(cj).getByText('代码：CJ（不能修改）')).toBeTruthy();
  expect(within(screen.getByRole('group', { name: '镇安委办' })).queryByText('删除')).toBeNull();
  fireEvent.change(within(cj).getByLabelText(/全称/), { target: { value: '镇城市建设管理办公室' } });
  fireEvent.click(screen.getByText('新增部门'));
  const fresh = screen.getByRole('group', { name: '新部门' });
  fireEvent.change(within(fresh).getByLabelText(/代码/), { target: { value: 'cz1' } });
  expect((within(fresh).getByLabelText(/代码/) as HTMLInputElement).value).toBe('CZ');
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(within(fresh).getByText('请填写部门简称')).toBeTruthy();
  expect(within(fresh).getByText('请填写部门全称')).toBeTruthy();
  expect(screen.getByText(`第 ${(SEED.departments as unknown[]).length + 1} 项：请填写部门简称`)).toBeTruthy();
  fireEvent.change(within(fresh).getByLabelText(/简称/), { target: { value: '财政' } });
  fireEvent.change(within(screen.getByRole('group', { name: '财政' })).getByLabelText(/全称/), {
    target: { value: '镇财政所' },
  });
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(screen.getByText('请写明修改原因')).toBeTruthy();
  reason('新设财政所');
  fireEvent.click(screen.getByText('保存新版本…'));
  const dialog = screen.getByRole('alertdialog', { name: '保存为第 2 版部门？' });
  expect(within(dialog).getByText('新增部门：财政')).toBeTruthy();
  expect(within(dialog).getByText('修改部门：城建')).toBeTruthy();
  expect(within(dialog).getByText('修改原因：新设财政所')).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() => expect(mocked.admin.setConfig).toHaveBeenCalled());
  const sent = mocked.admin.setConfig.mock.calls[0][0];
  expect(sent).toMatchObject({ key: 'departments', baseVersion: 1, note: '新设财政所' });
  expect(sent.data).toHaveLength((SEED.departments as unknown[]).length + 1);
  expect(sent.data).toContainEqual({ code: 'CZ', name: '财政', fullName: '镇财政所' });
  expect(sent.data).toContainEqual({ code: 'CJ', name: '城建', fullName: '镇城市建设管理办公室' });
  expect(await screen.findByText('已保存为第 2 版')).toBeTruthy();
  expect(screen.getByText(/^现行：第 2 版 · 镇安委办 王敏/)).toBeTruthy();
  expect(within(screen.getByRole('group', { name: '财政' })).getByText('代码：CZ（不能修改）')).toBeTruthy();
});

test('nothing changed: not sent', async () => {
  await open('sla');
  reason('核对一下');
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(screen.getByText('您还没有做任何修改')).toBeTruthy();
  expect(screen.queryByRole('alertdialog')).toBeNull();
});

test('CONFLICT: 配置已被他人修改; the latest version loads beside the edits, which stay; saved on the new base', async () => {
  await open('sla');
  fireEvent.change(screen.getByLabelText(/^受理时限/), { target: { value: '2' } });
  reason('加快受理');
  mocked.admin.setConfig.mockRejectedValueOnce(new CloudError('CONFLICT', '配置已被修改'));
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(within(screen.getByRole('alertdialog')).getByText('受理时限：1 → 2 个工作日')).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  expect(await screen.findByText('配置已被他人修改。您的修改仍保留在上面，没有丢失。')).toBeTruthy();
  const latest = seedView('sla', {
    version: 3,
    by: '镇安委办 李强',
    at: '2026-11-29T10:00:00+08:00',
    note: '延期改为 20 天',
    data: { ...(SEED.sla as SlaPolicy), extendDays: 20 },
  });
  mocked.admin.config.mockResolvedValueOnce(latest);
  fireEvent.click(screen.getByText('载入最新版本'));
  expect(await screen.findByText(/已载入最新的第 3 版 · 镇安委办 李强/)).toBeTruthy();
  expect(screen.getByText('整改销号：查实后 60 天内，可延期 20 天')).toBeTruthy();
  expect((screen.getByLabelText(/^受理时限/) as HTMLInputElement).value).toBe('2');
  expect((screen.getByLabelText(/修改原因/) as HTMLInputElement).value).toBe('加快受理');
  saveWith({ version: 4 });
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(screen.getByRole('alertdialog', { name: '保存为第 4 版办理时限？' })).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() => expect(mocked.admin.setConfig).toHaveBeenCalledTimes(2));
  expect(mocked.admin.setConfig.mock.calls[1][0]).toMatchObject({ baseVersion: 3 });
  expect(await screen.findByText('已保存为第 4 版')).toBeTruthy();
});

test('INVALID_INPUT from the server: each issue on its field, and all of them listed', async () => {
  await open('routing');
  reason('燃气改由应急');
  const gas = screen.getByRole('group', { name: '1. 燃气' });
  fireEvent.click(within(gas).getByRole('button', { name: '编辑：1. 燃气' }));
  fireEvent.click(within(gas).getByRole('radio', { name: '应急' }));
  expect(within(gas).getByText('交 应急 办理')).toBeTruthy();
  mocked.admin.setConfig.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '分派规则有误', [
      { path: 'data.rules[0].departmentCode', message: '应急 不办理燃气类举报' },
      { path: 'data', message: '部门 城建 不再接收任何举报' },
    ]),
  );
  fireEvent.click(screen.getByText('保存新版本…'));
  fireEvent.click(screen.getByText('确认保存'));
  expect(await screen.findByText('分派规则有误')).toBeTruthy();
  expect(screen.getByText('应急 不办理燃气类举报')).toBeTruthy(); // on the field
  expect(screen.getByText('规则 1「燃气」：应急 不办理燃气类举报')).toBeTruthy(); // and in the list
  expect(screen.getByText('部门 城建 不再接收任何举报')).toBeTruthy();
  expect(screen.getByRole('group', { name: '1. 燃气' }).className).toContain('config-edit__item--error');
});

test('routing: rules reorder, a new rule takes categories, an area kind, keywords and departments by name', async () => {
  await open('routing');
  fireEvent.click(screen.getByRole('button', { name: '下移：1. 燃气' }));
  expect(screen.getByRole('group', { name: '2. 燃气' })).toBeTruthy();
  fireEvent.click(screen.getByText('新增规则'));
  const fresh = screen.getByRole('group', { name: '17. 新规则' });
  fireEvent.change(within(fresh).getByLabelText(/规则名称/), { target: { value: '村里的仓库' } });
  const rule = screen.getByRole('group', { name: '17. 村里的仓库' });
  fireEvent.click(within(rule).getByRole('checkbox', { name: '危化品违规储存使用' }));
  fireEvent.click(within(rule).getByRole('checkbox', { name: '村' }));
  fireEvent.change(within(rule).getByLabelText(/关键词/), { target: { value: '仓库、 堆场' } });
  fireEvent.click(within(rule).getByRole('radio', { name: '应急' }));
  fireEvent.click(within(rule).getByRole('checkbox', { name: '消防救援' }));
  expect(within(rule).getByText('交 应急 办理，协办：消防救援')).toBeTruthy();
  reason('村级仓库交应急');
  fireEvent.click(screen.getByText('保存新版本…'));
  const dialog = screen.getByRole('alertdialog');
  expect(within(dialog).getByText('新增规则：村里的仓库')).toBeTruthy();
  expect(within(dialog).getByText('调整了规则的先后顺序')).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() => expect(mocked.admin.setConfig).toHaveBeenCalled());
  const data = mocked.admin.setConfig.mock.calls[0][0].data as RoutingTable;
  expect(data.rules.slice(0, 2).map((r) => r.id)).toEqual(['R02', 'R01']);
  expect(data.rules[16]).toEqual({
    id: 'R17',
    name: '村里的仓库',
    categoryIds: ['hazchem-storage'],
    areaKinds: ['village'],
    keywords: ['仓库', '堆场'],
    departmentCode: 'YJ',
    coDepartmentCodes: ['XF'],
  });
  expect(data.fallback).toEqual((SEED.routing as RoutingTable).fallback);
});

test('a rule with nothing to match on, or no department, is stopped on the spot', async () => {
  await open('routing');
  fireEvent.click(screen.getByText('新增规则'));
  fireEvent.change(within(screen.getByRole('group', { name: '17. 新规则' })).getByLabelText(/规则名称/), {
    target: { value: '空规则' },
  });
  reason('试试');
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(screen.getAllByText('请选择主办部门').length).toBeGreaterThan(0);
  expect(screen.getAllByText(/请至少选择一个类别、区域或关键词/).length).toBeGreaterThan(0);
  expect(screen.queryByRole('alertdialog')).toBeNull();
});

test('areas: a new 村 with its centre; a bad latitude named on its field', async () => {
  await open('areas');
  fireEvent.click(screen.getByText('新增居民区或村'));
  const fresh = screen.getByRole('group', { name: '新的居民区或村' });
  fireEvent.change(within(fresh).getByLabelText(/名称/), { target: { value: '新泾村' } });
  const area = screen.getByRole('group', { name: '新泾村' });
  fireEvent.click(within(area).getByRole('radio', { name: '村' }));
  fireEvent.change(within(area).getByLabelText(/纬度/), { target: { value: '北纬31' } });
  fireEvent.change(within(area).getByLabelText(/经度/), { target: { value: '121.44' } });
  reason('新增村');
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(within(area).getByText('请填写纬度，例如 31.3302')).toBeTruthy();
  fireEvent.change(within(area).getByLabelText(/纬度/), { target: { value: '31.35' } });
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(within(screen.getByRole('alertdialog')).getByText('新增：新泾村')).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() => expect(mocked.admin.setConfig).toHaveBeenCalled());
  const data = mocked.admin.setConfig.mock.calls[0][0].data as unknown[];
  expect(data[data.length - 1]).toEqual({
    id: 'area-19',
    name: '新泾村',
    kind: 'village',
    latitude: 31.35,
    longitude: 121.44,
  });
});

test('categories: a new category in a new group, marked 紧急', async () => {
  await open('categories');
  fireEvent.click(screen.getByText('新增类别'));
  const fresh = screen.getByRole('group', { name: '新类别' });
  fireEvent.change(within(fresh).getByLabelText(/类别名称/), { target: { value: '锂电池仓储' } });
  const cat = screen.getByRole('group', { name: '锂电池仓储' });
  fireEvent.click(within(cat).getByRole('radio', { name: '新分组…' }));
  fireEvent.change(within(cat).getByLabelText(/新分组名称/), { target: { value: '新能源' } });
  fireEvent.click(within(cat).getByRole('checkbox', { name: /紧急/ }));
  reason('新增类别');
  fireEvent.click(screen.getByText('保存新版本…'));
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() => expect(mocked.admin.setConfig).toHaveBeenCalled());
  const data = mocked.admin.setConfig.mock.calls[0][0].data as unknown[];
  expect(data[data.length - 1]).toEqual({ id: 'cat-30', name: '锂电池仓储', group: '新能源', emergency: true });
});

test('blocked words: one per line, counted, repeats dropped', async () => {
  await open('blockedWords');
  const n = (SEED.blockedWords as { words: string[] }).words.length;
  expect(screen.getByText(`共 ${n} 个词`)).toBeTruthy();
  const box = screen.getByLabelText(/屏蔽词（每行一个）/) as HTMLTextAreaElement;
  fireEvent.change(box, { target: { value: `${box.value}\n  私家侦探 \n\n办证` } });
  expect(screen.getByText(`共 ${n + 1} 个词（去掉了 1 个重复的）`)).toBeTruthy();
  reason('补充广告词');
  fireEvent.click(screen.getByText('保存新版本…'));
  expect(within(screen.getByRole('alertdialog')).getByText('新增 1 个词：私家侦探')).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() => expect(mocked.admin.setConfig).toHaveBeenCalled());
  expect(mocked.admin.setConfig.mock.calls[0][0].data.words).toHaveLength(n + 1);
});

test('a leader reads the key but has no editor; an unknown key says so', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
  setRouterParams({ key: 'sla' });
  const { unmount } = render(<ConfigEditPage />);
  expect(await screen.findByText('受理：举报后 1 个工作日内')).toBeTruthy();
  expect(screen.queryByText('保存新版本…')).toBeNull();
  unmount();
  setRouterParams({ key: 'holidays' });
  render(<ConfigEditPage />);
  expect(await screen.findByText('没有这项配置，请从“系统配置”进入')).toBeTruthy();
});
