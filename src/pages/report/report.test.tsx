import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ReportPage from './index';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import type { TipoffOptions } from '../../../types';

jest.mock('../../services/api', () => ({
  api: { tipoff: { options: jest.fn(), submit: jest.fn() }, user: { login: jest.fn() } },
}));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const OPTIONS: TipoffOptions = {
  categories: [
    { id: 'gas-smell', name: '燃气泄漏/异味', group: '燃气', emergency: true },
    { id: 'fire-passage', name: '堵占消防通道', group: '消防', emergency: false },
  ],
  areas: [{ id: 'gk2', name: '共康二村', kind: 'community', latitude: 31.33, longitude: 121.44 }],
  departments: [],
};

const mocked = api as unknown as { tipoff: { options: jest.Mock; submit: jest.Mock } };

async function renderForm() {
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
  const view = render(<ReportPage />);
  await screen.findByText('堵占消防通道');
  return view;
}

function fillValid() {
  fireEvent.click(screen.getByText('堵占消防通道'));
  fireEvent.change(screen.getByPlaceholderText(/请描述隐患/), { target: { value: '消防通道被私家车长期堵占' } });
  fireEvent.click(screen.getByText('共康二村'));
  fireEvent.change(screen.getByPlaceholderText(/共康二村 12 号楼/), { target: { value: '共康二村 12 号楼北侧' } });
}

beforeEach(() => {
  jest.clearAllMocks();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
});

test('an empty form shows what is missing and sends nothing', async () => {
  await renderForm();
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('请选择隐患类别')).toBeTruthy();
  expect(screen.getByText('请选择所在居民区或村')).toBeTruthy();
  expect(screen.getByText('描述至少 5 个字')).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();
});

test('a named report needs a valid phone number', async () => {
  await renderForm();
  fillValid();
  fireEvent.click(screen.getByText('实名举报'));
  fireEvent.change(screen.getByPlaceholderText('姓名'), { target: { value: '张三' } });
  fireEvent.change(screen.getByPlaceholderText('手机号'), { target: { value: '12345' } });
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('请填写 11 位手机号')).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();
});

test('a failed submit keeps the draft, and the retry reuses the same requestId', async () => {
  await renderForm();
  fillValid();
  mocked.tipoff.submit.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect((screen.getByPlaceholderText(/请描述隐患/) as HTMLTextAreaElement).value).toBe('消防通道被私家车长期堵占');

  mocked.tipoff.submit.mockResolvedValueOnce({
    id: 't1',
    no: 'MX-2026-000007',
    status: 'assigned',
    departmentId: 'XF',
    departmentName: '消防救援',
    trackingCode: 'ABCD234567',
  });
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('编号：MX-2026-000007')).toBeTruthy();
  expect(screen.getByText('已分派至：消防救援')).toBeTruthy();

  const [first, second] = mocked.tipoff.submit.mock.calls.map((c) => c[0]);
  expect(second.requestId).toBe(first.requestId);
  expect(first).toMatchObject({
    categoryId: 'fire-passage',
    areaId: 'gk2',
    anonymous: true,
    location: { latitude: 31.33, longitude: 121.44, address: '共康二村 12 号楼北侧' },
  });
  // The draft is cleared once the report is filed.
  expect(Taro.removeStorageSync).toHaveBeenCalledWith('mx.draft.tipoff');
});

test('the draft survives leaving the page', async () => {
  const first = await renderForm();
  fillValid();
  first.unmount();
  await act(async () => undefined);
  // A new page instance starts from the stored draft.
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
  const second = render(<ReportPage />);
  await waitFor(() =>
    expect((second.container.querySelector('textarea') as HTMLTextAreaElement).value).toBe('消防通道被私家车长期堵占'),
  );
});

test('server-side field issues land on their fields', async () => {
  await renderForm();
  fillValid();
  mocked.tipoff.submit.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '输入有误：所在区域不存在', [{ path: 'areaId', message: '所在区域不存在' }]),
  );
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('所在区域不存在')).toBeTruthy();
});
