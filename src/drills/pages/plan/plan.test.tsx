import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { townToday } from '../../../services/format';
import { ADMIN, MANAGER, WORKER } from '../../components/fixtures';
import { wgs84ToGcj02 } from '../../geo';
import DrillPlanPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, enterprise: { detail: jest.fn() }, drill: { create: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  enterprise: { detail: jest.Mock };
  drill: { create: jest.Mock };
};
const taro = Taro as unknown as Record<string, jest.Mock>;
const year = Number(townToday().slice(0, 4)) + 1;
const ENT_POINT = { latitude: 31.35, longitude: 121.43, address: '纪蕴路 588 号' };

const choose = (name: string, value: string | number) =>
  fireEvent.change(screen.getByRole('combobox', { name }), { target: { value: String(value) } });
const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

function fillWhen() {
  choose('演练日期：年', year);
  choose('演练日期：月', 3);
  choose('演练日期：日', 15);
  choose('开始时间：时', 9);
  choose('开始时间：分', 30);
  choose('结束时间：时', 10);
  choose('结束时间：分', 30);
}

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.enterprise.detail.mockResolvedValue({ id: 'e1', location: ENT_POINT });
  mocked.drill.create.mockResolvedValue({ id: 'd9' });
  taro.pageScrollTo = jest.fn(() => Promise.resolve());
});

test('a refused submit names every missing field in plain words and scrolls to the first', async () => {
  jest.useFakeTimers();
  render(<DrillPlanPage />);
  fireEvent.click(await screen.findByText('保存演练计划'));
  expect(screen.getByText('请填写演练名称')).toBeTruthy();
  expect(screen.getByText('请选择演练类型')).toBeTruthy();
  expect(screen.getByText('请选择演练日期、开始时间和结束时间')).toBeTruthy();
  expect(screen.getByText('请填写集合点并定位')).toBeTruthy();
  expect(mocked.drill.create).not.toHaveBeenCalled();
  jest.advanceTimersByTime(100);
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.drill-plan .field-error' }));
  jest.useRealTimers();
});

test('a manager plans a workers drill at the registered place, then opens it', async () => {
  render(<DrillPlanPage />);
  await screen.findByText('计划一场演练');
  type(/演练名称/, '冬季消防疏散演练');
  fireEvent.click(screen.getByText('疏散逃生演练'));
  fillWhen();
  fireEvent.click(await screen.findByText('使用本企业登记的位置'));
  expect(screen.getByText('已定位集合点。签到时按这个位置计算距离。')).toBeTruthy();
  fireEvent.click(screen.getByText('200 米'));
  type(/总指挥/, '王厂长');
  type(/演练情景/, '二楼仓库起火');
  fireEvent.click(screen.getByText('保存演练计划'));
  await waitFor(() =>
    expect(mocked.drill.create).toHaveBeenCalledWith({
      title: '冬季消防疏散演练',
      type: 'evacuation',
      startAt: `${year}-03-15T09:30:00+08:00`,
      endAt: `${year}-03-15T10:30:00+08:00`,
      location: ENT_POINT,
      radiusM: 200,
      audience: 'workers',
      commander: '王厂长',
      scenario: '二楼仓库起火',
    }),
  );
  expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/drills/pages/detail/index?id=d9' });
});

test('open audience needs the expected count; custom radius; GPS point; the end after the start', async () => {
  taro.getLocation.mockResolvedValue({ latitude: 31.33, longitude: 121.44 });
  render(<DrillPlanPage />);
  await screen.findByText('计划一场演练');
  type(/演练名称/, '全员燃气泄漏演练');
  fireEvent.click(screen.getByText('燃气泄漏处置演练'));
  fillWhen();
  choose('结束时间：时', 8);
  type(/集合点地址/, '食堂北侧');
  fireEvent.click(screen.getByText('使用当前位置'));
  await screen.findByText('已定位集合点。签到时按这个位置计算距离。');
  fireEvent.click(screen.getByText('自定义'));
  type(/自定义范围/, '10');
  fireEvent.click(screen.getByText('公开（任何人）'));
  type(/总指挥/, '王厂长');
  fireEvent.click(screen.getByText('保存演练计划'));
  expect(screen.getByText('结束时间应晚于开始时间')).toBeTruthy();
  expect(screen.getByText('签到范围至少 20 米')).toBeTruthy();
  expect(screen.getByText('请填写预计参加人数')).toBeTruthy();
  choose('结束时间：时', 11);
  type(/自定义范围/, '300');
  type(/预计参加人数/, '60');
  fireEvent.click(screen.getByText('保存演练计划'));
  await waitFor(() =>
    expect(mocked.drill.create).toHaveBeenCalledWith(
      expect.objectContaining({
        location: { latitude: 31.33, longitude: 121.44, address: '食堂北侧' },
        radiusM: 300,
        audience: 'open',
        expectedCount: 60,
        endAt: `${year}-03-15T11:30:00+08:00`,
      }),
    ),
  );
});

test('the server refusing a field shows it there; 安委办 plans open town drills', async () => {
  mocked.user.login.mockResolvedValue(ADMIN);
  taro.getLocation.mockResolvedValue({ latitude: 31.33, longitude: 121.44 });
  mocked.drill.create.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '输入有误', [{ path: 'commander', message: '姓名应为 2—20 个字' }]),
  );
  render(<DrillPlanPage />);
  expect(await screen.findByText('公开演练：任何人到现场都可以扫码签到。')).toBeTruthy();
  expect(screen.queryByText('本企业员工')).toBeNull();
  expect(screen.queryByText('使用本企业登记的位置')).toBeNull();
  type(/演练名称/, '共康片区居民疏散演练');
  fireEvent.click(screen.getByText('综合演练'));
  fillWhen();
  type(/集合点地址/, '共康公园');
  fireEvent.click(screen.getByText('使用当前位置'));
  await screen.findByText('已定位集合点。签到时按这个位置计算距离。');
  type(/预计参加人数/, '200');
  type(/总指挥/, '李主任');
  fireEvent.click(screen.getByText('保存演练计划'));
  expect(await screen.findByText('姓名应为 2—20 个字')).toBeTruthy();
  expect(mocked.drill.create).toHaveBeenCalledWith(expect.objectContaining({ audience: 'open', expectedCount: 200 }));
  expect(mocked.enterprise.detail).not.toHaveBeenCalled();
});

test('a worker may not plan', async () => {
  mocked.user.login.mockResolvedValue(WORKER);
  render(<DrillPlanPage />);
  expect(await screen.findByText('无权访问')).toBeTruthy();
  expect(screen.getByText('此页面仅供企业安全管理人员和镇安委办使用')).toBeTruthy();
});

test('h5: 使用当前位置 asks the browser for WGS-84 and keeps the point as GCJ-02; a refusal is said at the field', async () => {
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'h5';
  try {
    const gps = { latitude: 31.33, longitude: 121.44 };
    taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });
    taro.getLocation.mockResolvedValue({ ...gps, accuracy: 10 });
    render(<DrillPlanPage />);
    await screen.findByText('计划一场演练');
    type(/演练名称/, '一号车间疏散演练');
    fireEvent.click(screen.getByText('疏散逃生演练'));
    fillWhen();
    type(/集合点地址/, '东门外空地');
    fireEvent.click(screen.getByText('使用当前位置'));
    expect(await screen.findByText(/没有位置权限|定位失败/)).toBeTruthy();
    fireEvent.click(screen.getByText('使用当前位置'));
    await screen.findByText('已定位集合点。签到时按这个位置计算距离。');
    expect(taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84' }));
    type(/总指挥/, '王安全');
    fireEvent.click(screen.getByText('保存演练计划'));
    await waitFor(() => expect(mocked.drill.create).toHaveBeenCalled());
    const { location } = mocked.drill.create.mock.calls[0][0] as { location: typeof gps };
    expect(location).toEqual({ ...wgs84ToGcj02(gps), address: '东门外空地' });
    expect(location.longitude).not.toBe(gps.longitude);
  } finally {
    process.env.TARO_ENV = env;
  }
});
