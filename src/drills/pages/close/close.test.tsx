import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { uploadImage } from '../../../services/transport';
import { setRouterParams } from '../../../test-support/taro';
import { DETAIL, MANAGER } from '../../components/fixtures';
import DrillClosePage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, drill: { detail: jest.fn(), close: jest.fn() } },
}));
jest.mock('../../../services/transport', () => ({
  uploadImage: jest.fn(),
  mediaUrl: (url: string) => url,
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; drill: Record<string, jest.Mock> };
const taro = Taro as unknown as Record<string, jest.Mock>;
const upload = uploadImage as jest.Mock;
const CLEARED = { ...DETAIL, status: 'allClear', statusLabel: '已解除', checkedIn: 40, evacuationSeconds: 205 };

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  setRouterParams({ id: 'd1' });
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.drill.detail.mockResolvedValue(CLEARED);
  mocked.drill.close.mockResolvedValue({ ...CLEARED, status: 'closed' });
  taro.pageScrollTo = jest.fn(() => Promise.resolve());
  upload.mockImplementation(async (p: string) => ({ fileID: `file-${p.slice(5)}.jpg`, preview: `/storage/${p}` }));
});

test('a refused submit shows each field message and scrolls to the first', async () => {
  jest.useFakeTimers();
  render(<DrillClosePage />);
  expect(await screen.findByText('已签到 40 / 应到 42')).toBeTruthy();
  expect(screen.getByText('疏散用时：3 分 25 秒')).toBeTruthy();
  fireEvent.click(screen.getByText('提交演练记录…'));
  expect(screen.getByText('请填写发现的问题（没有请写“无”）')).toBeTruthy();
  expect(screen.getByText('请填写改进措施（没有请写“无”）')).toBeTruthy();
  expect(screen.getByText('请选择评估结论')).toBeTruthy();
  expect(screen.getByText('请填写评估意见')).toBeTruthy();
  expect(screen.getByText('请上传至少 1 张现场照片')).toBeTruthy();
  expect(screen.queryByRole('alertdialog')).toBeNull();
  jest.advanceTimersByTime(100);
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.drill-close .field-error' }));
  jest.useRealTimers();
});

test('the record, with photos in the drill folder, is filed after a confirmation', async () => {
  taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:1', 'blob:2'] });
  render(<DrillClosePage />);
  await screen.findByText('已签到 40 / 应到 42');
  fireEvent.change(screen.getByLabelText(/发现的问题/), { target: { value: '二楼东侧安全出口堆放货物' } });
  fireEvent.change(screen.getByLabelText(/改进措施/), { target: { value: '每周检查安全出口' } });
  fireEvent.click(screen.getByText('良好'));
  fireEvent.change(screen.getByLabelText(/评估意见/), { target: { value: '达到预期目的' } });
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(upload).toHaveBeenCalledTimes(2));
  expect(upload).toHaveBeenCalledWith('blob:1', 'drill:d1');
  fireEvent.click(screen.getByText('提交演练记录…'));
  const dialog = await screen.findByRole('alertdialog', { name: '提交演练记录并归档？' });
  fireEvent.click(within(dialog).getByText('提交并归档'));
  await waitFor(() =>
    expect(mocked.drill.close).toHaveBeenCalledWith({
      drillId: 'd1',
      record: {
        problems: '二楼东侧安全出口堆放货物',
        improvements: '每周检查安全出口',
        rating: 'good',
        evaluation: '达到预期目的',
        photos: ['file-1.jpg', 'file-2.jpg'],
      },
    }),
  );
  expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/drills/pages/detail/index?id=d1' });
});

test('a refusal from the server lands on its field; before the all-clear the form is not offered', async () => {
  taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:1'] });
  mocked.drill.close.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '输入有误', [{ path: 'record.photos', message: '照片不属于这场演练' }]),
  );
  const { unmount } = render(<DrillClosePage />);
  await screen.findByText('已签到 40 / 应到 42');
  fireEvent.change(screen.getByLabelText(/发现的问题/), { target: { value: '无' + '。' } });
  fireEvent.change(screen.getByLabelText(/改进措施/), { target: { value: '无。' } });
  fireEvent.click(screen.getByText('优秀'));
  fireEvent.change(screen.getByLabelText(/评估意见/), { target: { value: '很好' } });
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(upload).toHaveBeenCalled());
  await waitFor(() => expect(screen.getByText('1/9')).toBeTruthy());
  fireEvent.click(screen.getByText('提交演练记录…'));
  fireEvent.click(within(await screen.findByRole('alertdialog')).getByText('提交并归档'));
  expect(await screen.findByText('照片不属于这场演练')).toBeTruthy();
  unmount();

  mocked.drill.detail.mockResolvedValue({ ...DETAIL, status: 'started', statusLabel: '演练中' });
  render(<DrillClosePage />);
  expect(await screen.findByText('请先在演练现场页“开始演练”并“解除警报”，再填写演练记录。')).toBeTruthy();
  expect(screen.queryByText('提交演练记录…')).toBeNull();
});
