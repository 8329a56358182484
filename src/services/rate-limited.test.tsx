import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from './api';
import { CloudError, unwrap } from './cloud-error';
import { setRouterParams } from '../test-support/taro';
import TrackPage from '../pages/track/index';

jest.mock('./api', () => ({ api: { tipoff: { track: jest.fn(), rate: jest.fn() } } }));
jest.mock('./transport', () => ({ fileUrl: (id: string) => `/storage/${id}` }));
jest.mock('../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { tipoff: { track: jest.Mock } };

/** The envelope the server answers when a limit is reached (DESIGN.md §3). */
const limited = (retryAfterSeconds?: number) => ({
  ok: false,
  error: { code: 'RATE_LIMITED', message: '操作太频繁', ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
});

const thrown = (envelope: unknown): CloudError => {
  try {
    unwrap(envelope);
  } catch (e) {
    return e as CloudError;
  }
  throw new Error('expected unwrap to throw');
};

describe('RATE_LIMITED in the app', () => {
  test('unwrap says how long to wait in plain Chinese, and keeps the seconds', () => {
    expect(thrown(limited(1500))).toMatchObject({
      code: 'RATE_LIMITED',
      message: '操作太频繁，请 25 分钟后再试',
      retryAfterSeconds: 1500,
    });
    expect(thrown(limited(30)).message).toBe('操作太频繁，请 30 秒后再试');
    expect(thrown(limited(5 * 3600)).message).toBe('操作太频繁，请 5 小时后再试');
    expect(thrown(limited()).message).toBe('操作太频繁，请稍后再试');
  });

  test('the tracking page shows the wait where its errors are shown', async () => {
    (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
    setRouterParams({});
    mocked.tipoff.track.mockImplementationOnce(async () => unwrap(limited(1500)));
    render(<TrackPage />);
    fireEvent.change(screen.getByPlaceholderText('请输入 10 位查询码'), { target: { value: 'abcd234567' } });
    fireEvent.click(screen.getByText('查询'));
    expect(await screen.findByText('操作太频繁，请 25 分钟后再试')).toBeTruthy();
  });
});
