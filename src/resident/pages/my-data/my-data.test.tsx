import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { MyData } from '../../../../types/privacy';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import MyDataPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { myData: jest.fn(), deleteMe: jest.fn(), login: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { myData: jest.Mock; deleteMe: jest.Mock } };
const taro = Taro as unknown as Record<string, jest.Mock>;

const data: MyData = {
  account: { displayName: '王阿姨', roles: ['resident'], roleNames: ['居民'], createdAt: '2026-10-01T08:00:00+08:00' },
  consent: { version: 2, at: '2026-11-25T09:30:00+08:00' },
  reports: [
    {
      no: 'MX-2026-000031',
      createdAt: '2026-11-02T10:00:00+08:00',
      anonymous: false,
      contact: { name: '王芳', phone: '13800138000' },
      statusLabel: '已办结',
    },
    { no: 'MX-2026-000040', createdAt: '2026-11-10T10:00:00+08:00', anonymous: true, statusLabel: '处理中' },
  ],
  messages: 5,
  drillCheckins: 2,
  rewards: [{ tipoffNo: 'MX-2026-000031', statusLabel: '已发放', amountFen: 450000 }],
  keptOnDeletion: ['奖励发放记录：财务制度要求保存，保存 30 年。'],
};

beforeEach(() => {
  jest.clearAllMocks();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
  mocked.user.myData.mockResolvedValue(data);
});

test('shows the account, consent, reports with their contact, messages, rewards and what deletion keeps', async () => {
  render(<MyDataPage />);
  expect(await screen.findByText('称呼：王阿姨')).toBeTruthy();
  expect(screen.getByText('身份：居民')).toBeTruthy();
  expect(screen.getByText('个人信息保护说明：已于 2026-11-25 09:30 同意')).toBeTruthy();
  expect(screen.getByText('我的举报（2 条）')).toBeTruthy();
  expect(screen.getByText('留下的联系方式：王芳，13800138000')).toBeTruthy();
  expect(screen.getByText('2026-11-10 · 匿名举报')).toBeTruthy();
  expect(screen.getByText('收到的消息：5 条')).toBeTruthy();
  expect(screen.getByText('应急演练签到：2 次')).toBeTruthy();
  expect(screen.getByText('举报 MX-2026-000031 的奖励：已发放，4,500 元')).toBeTruthy();
  expect(screen.getByText('· 奖励发放记录：财务制度要求保存，保存 30 年。')).toBeTruthy();
});

test('a failed load shows the error with 重试', async () => {
  mocked.user.myData.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<MyDataPage />);
  fireEvent.click(await screen.findByText('重试'));
  expect(await screen.findByText('称呼：王阿姨')).toBeTruthy();
});

test('nothing reported yet is said plainly', async () => {
  mocked.user.myData.mockResolvedValueOnce({ ...data, reports: [], rewards: [], messages: 0, drillCheckins: 0 });
  render(<MyDataPage />);
  expect(await screen.findByText('您还没有举报过隐患。')).toBeTruthy();
  expect(screen.getByText('奖励：暂无')).toBeTruthy();
  expect(screen.queryByText(/应急演练签到/)).toBeNull();
});

describe('删除我的个人信息', () => {
  test('needs 删除 typed in the confirmation; then deletes, says what was kept, and forgets this phone', async () => {
    Taro.setStorageSync('mx.draft.tipoff', { name: '王芳', phone: '13800138000' });
    Taro.setStorageSync('mx.track.last', 'ABCD234567');
    Taro.setStorageSync('mx.ui.largeText', 'on');
    mocked.user.deleteMe.mockResolvedValueOnce({
      reportsMadeAnonymous: 1,
      messagesDeleted: 5,
      kept: ['奖励发放记录：财务制度要求保存，保存 30 年。'],
    });
    render(<MyDataPage />);
    fireEvent.click(await screen.findByText('删除我的个人信息', { selector: 'button' }));
    expect(screen.getByText('删除后无法恢复。请在下面输入“删除”两个字以确认。')).toBeTruthy();

    // Without the word nothing is deleted.
    fireEvent.click(screen.getByText('删除', { selector: 'button' }));
    expect(await screen.findByText('请输入“删除”两个字以确认')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('在这里输入'), { target: { value: '好的' } });
    fireEvent.click(screen.getByText('删除', { selector: 'button' }));
    expect(mocked.user.deleteMe).not.toHaveBeenCalled();

    fireEvent.change(screen.getByPlaceholderText('在这里输入'), { target: { value: '删除' } });
    fireEvent.click(screen.getByText('删除', { selector: 'button' }));
    expect(await screen.findByText('您的个人信息已删除')).toBeTruthy();
    expect(mocked.user.deleteMe).toHaveBeenCalledWith({ confirm: '删除' });
    expect(screen.getByText('账号和 5 条消息已删除。')).toBeTruthy();
    expect(screen.getByText('1 条实名举报已改为匿名，不再带有您的姓名和电话。')).toBeTruthy();
    expect(screen.getByText('· 奖励发放记录：财务制度要求保存，保存 30 年。')).toBeTruthy();
    // This phone forgets the person too: drafts with a name and phone, the last 查询码 (the text size stays).
    expect(Taro.getStorageSync('mx.draft.tipoff')).toBe('');
    expect(Taro.getStorageSync('mx.track.last')).toBe('');
    expect(Taro.getStorageSync('mx.ui.largeText')).toBe('on');

    fireEvent.click(screen.getByText('回到首页'));
    expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }); // weapp; h5 reLaunches
  });

  test('cancelling deletes nothing', async () => {
    render(<MyDataPage />);
    fireEvent.click(await screen.findByText('删除我的个人信息', { selector: 'button' }));
    fireEvent.click(screen.getByText('取消'));
    await waitFor(() => expect(screen.queryByPlaceholderText('在这里输入')).toBeNull());
    expect(mocked.user.deleteMe).not.toHaveBeenCalled();
  });

  test('a failed deletion says so and keeps the dialog', async () => {
    mocked.user.deleteMe.mockRejectedValueOnce(new CloudError('INTERNAL', '删除失败，请重试'));
    render(<MyDataPage />);
    fireEvent.click(await screen.findByText('删除我的个人信息', { selector: 'button' }));
    fireEvent.change(screen.getByPlaceholderText('在这里输入'), { target: { value: '删除' } });
    fireEvent.click(screen.getByText('删除', { selector: 'button' }));
    expect(await screen.findByText('删除失败，请重试')).toBeTruthy();
    expect(screen.getByPlaceholderText('在这里输入')).toBeTruthy();
  });
});
