import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import { setRouterParams } from '../../test-support/taro';
import { checkTrackingCode } from './code';
import TrackPage from './index';
import { tipoffDetail } from '../../test-support/fixtures';

jest.mock('../../services/api', () => ({ api: { tipoff: { track: jest.fn(), rate: jest.fn() } } }));
jest.mock('../../services/transport', () => ({ mediaUrl: (url: string) => url }));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { tipoff: { track: jest.Mock; rate: jest.Mock } };

const DETAIL = tipoffDetail();

beforeEach(() => {
  jest.clearAllMocks();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
  setRouterParams({});
});

describe('checkTrackingCode', () => {
  test.each([
    ['', '请输入查询码'],
    ['ABCD23456', '查询码为 10 位字母数字'],
    ['ABCD2345678', '查询码为 10 位字母数字'],
    // 0, 1, I, L and O are never used in codes (easily confused).
    ['ABCD23456O', '查询码为 10 位字母数字'],
    ['ABCD234561', '查询码为 10 位字母数字'],
  ])('%j is refused: %s', (raw, error) => {
    expect(checkTrackingCode(raw).error).toBe(error);
  });

  test('spaces and lower case are forgiven', () => {
    expect(checkTrackingCode(' abcd 2345 67 ')).toEqual({ code: 'ABCD234567' });
  });
});

test('an invalid code is refused without asking the server', async () => {
  render(<TrackPage />);
  fireEvent.change(screen.getByPlaceholderText('请输入 10 位查询码'), { target: { value: 'abc' } });
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByText('查询码为 10 位字母数字')).toBeTruthy();
  expect(mocked.tipoff.track).not.toHaveBeenCalled();
});

test('a valid code shows the report; an unknown one says so', async () => {
  mocked.tipoff.track.mockRejectedValueOnce(new CloudError('NOT_FOUND', '查询码无效，请核对后重试'));
  render(<TrackPage />);
  fireEvent.change(screen.getByPlaceholderText('请输入 10 位查询码'), { target: { value: 'abcd234568' } });
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByText('查询码无效，请核对后重试')).toBeTruthy();
  expect(mocked.tipoff.track).toHaveBeenCalledWith('ABCD234568');

  mocked.tipoff.track.mockResolvedValueOnce(DETAIL);
  fireEvent.change(screen.getByPlaceholderText('请输入 10 位查询码'), { target: { value: 'abcd234567' } });
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByText('MX-2026-000007')).toBeTruthy();
  expect(screen.queryByText('查询码无效，请核对后重试')).toBeNull();
  expect(Taro.setStorageSync).toHaveBeenCalledWith('mx.track.last', 'ABCD234567');
});

test('a code in the link is looked up at once, and rating goes by tracking code', async () => {
  setRouterParams({ code: 'ABCD234567' });
  mocked.tipoff.track.mockResolvedValue(DETAIL);
  mocked.tipoff.rate.mockResolvedValueOnce({ score: 5 });
  const { container } = render(<TrackPage />);
  expect(await screen.findByText('MX-2026-000007')).toBeTruthy();

  fireEvent.click(container.querySelector('.rating__star-5') as HTMLElement);
  mocked.tipoff.track.mockResolvedValueOnce({
    ...DETAIL,
    canRate: false,
    rating: { score: 5, at: '2026-11-29T10:00:00+08:00' },
  });
  fireEvent.click(screen.getByText('提交评价'));
  await waitFor(() => expect(mocked.tipoff.rate).toHaveBeenCalledWith({ trackingCode: 'ABCD234567', score: 5 }));
  expect(await screen.findByText('您的评价')).toBeTruthy();
});
