import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { TipoffOptions } from '../../../../types';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import InternalReportPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, tipoff: { options: jest.fn() }, enterprise: { report: jest.fn() } },
}));
jest.mock('../../../services/transport', () => ({ uploadImage: jest.fn(), mediaUrl: (url: string) => url }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const OPTIONS: TipoffOptions = {
  categories: [{ id: 'fire-passage', name: '堵占消防通道', group: '消防', emergency: false }],
  areas: [],
  departments: [],
};
const mocked = api as unknown as {
  user: { login: jest.Mock };
  tipoff: { options: jest.Mock };
  enterprise: { report: jest.Mock };
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
  mocked.user.login.mockResolvedValue({
    openid: 'w',
    roles: ['resident', 'worker'],
    uploadKey: 'u',
    enterpriseId: 'e1',
  });
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
});

async function fill() {
  render(<InternalReportPage />);
  fireEvent.click(await screen.findByText('堵占消防通道'));
  fireEvent.change(screen.getByPlaceholderText(/看到了什么/), { target: { value: '二号车间东门通道堆满纸箱' } });
}

describe('the worker internal report form', () => {
  test('anonymous by default, said plainly; the success screen says what happens next', async () => {
    mocked.enterprise.report.mockResolvedValue({ id: 'ir1', no: 'NB-2026-000003' });
    await fill();
    expect(screen.getByText('匿名后，企业看不到是谁报告的。')).toBeTruthy();
    fireEvent.click(screen.getByText('提交给本企业'));
    await screen.findByText('已报告给本企业');
    expect(screen.getByText('接下来：企业需在 2 个工作日内受理，否则自动转报镇里。')).toBeTruthy();
    const sent = mocked.enterprise.report.mock.calls[0][0];
    expect(sent).toMatchObject({
      categoryId: 'fire-passage',
      description: '二号车间东门通道堆满纸箱',
      anonymous: true,
      photos: [],
    });
    expect(sent.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  test('a failed submit keeps the same requestId for the retry; a named report says the manager sees the name', async () => {
    mocked.enterprise.report.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
    mocked.enterprise.report.mockResolvedValueOnce({ id: 'ir1', no: 'NB-2026-000003' });
    await fill();
    fireEvent.click(screen.getByText('实名报告'));
    expect(screen.getByText(/企业的安全管理人员能看到您的姓名/)).toBeTruthy();
    fireEvent.click(screen.getByText('提交给本企业'));
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('提交给本企业'));
    await screen.findByText('已报告给本企业');
    const [first, second] = mocked.enterprise.report.mock.calls.map((c) => c[0]);
    expect(second.requestId).toBe(first.requestId);
    expect(second.anonymous).toBe(false);
  });

  test('a missing category and a too-short description are shown on their fields', async () => {
    render(<InternalReportPage />);
    await screen.findByText('堵占消防通道');
    fireEvent.click(screen.getByText('提交给本企业'));
    expect(screen.getByText('请选择隐患类别')).toBeTruthy();
    expect(screen.getByText('描述至少 5 个字')).toBeTruthy();
    await waitFor(() => expect(mocked.enterprise.report).not.toHaveBeenCalled());
  });
});
