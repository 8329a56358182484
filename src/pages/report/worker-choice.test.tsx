import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { TipoffOptions } from '../../../types';
import { resetSession } from '../../hooks/useSession';
import { api } from '../../services/api';
import ReportPage from './index';

jest.mock('../../services/api', () => ({
  api: {
    tipoff: { options: jest.fn(), submit: jest.fn(), nearby: jest.fn(), follow: jest.fn() },
    user: { login: jest.fn() },
  },
}));
jest.mock('../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (url: string) => url }));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const OPTIONS: TipoffOptions = {
  categories: [{ id: 'fire-passage', name: '堵占消防通道', group: '消防', emergency: false }],
  areas: [{ id: 'gk2', name: '共康二村', kind: 'community', latitude: 31.33, longitude: 121.44 }],
  departments: [],
};
const mocked = api as unknown as { tipoff: { options: jest.Mock }; user: { login: jest.Mock } };
const taro = Taro as unknown as Record<string, jest.Mock>;

async function openForm() {
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
  render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  await screen.findByText('堵占消防通道');
  await act(async () => undefined); // let the session arrive
}

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
});

describe('the worker choice on the report page', () => {
  test('a worker of an enterprise chooses: 先报给本企业 opens the internal form', async () => {
    mocked.user.login.mockResolvedValue({
      openid: 'w',
      roles: ['resident', 'worker'],
      uploadKey: 'u',
      enterpriseId: 'e1',
    });
    await openForm();
    expect(await screen.findByText('您是企业员工：这条隐患报给谁？')).toBeTruthy();
    fireEvent.click(screen.getByText('先报给本企业'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/enterprise/pages/report/index' });
  });

  test('直接报给镇里 keeps the town form and puts the choice away', async () => {
    mocked.user.login.mockResolvedValue({
      openid: 'w',
      roles: ['resident', 'worker'],
      uploadKey: 'u',
      enterpriseId: 'e1',
    });
    await openForm();
    fireEvent.click(await screen.findByText('直接报给镇里'));
    expect(screen.queryByText('先报给本企业')).toBeNull();
    expect(screen.getByText('提交举报')).toBeTruthy();
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });

  test('a resident sees nothing new', async () => {
    mocked.user.login.mockResolvedValue({ openid: 'r', roles: ['resident'], uploadKey: 'u' });
    await openForm();
    expect(screen.queryByText('先报给本企业')).toBeNull();
    expect(screen.queryByText(/您是企业员工/)).toBeNull();
  });

  test('a failed sign-in shows the plain form', async () => {
    mocked.user.login.mockRejectedValue(new Error('offline'));
    await openForm();
    expect(screen.queryByText('先报给本企业')).toBeNull();
    expect(screen.getByText('提交举报')).toBeTruthy();
  });
});
