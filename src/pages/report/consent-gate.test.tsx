import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ReportPage from './index';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import { resetSession } from '../../hooks/useSession';
import type { TipoffOptions } from '../../../types';
import { SUBMIT_RESULT } from '../../test-support/fixtures';

jest.mock('../../services/api', () => ({
  api: {
    tipoff: { options: jest.fn(), submit: jest.fn(), nearby: jest.fn(), follow: jest.fn() },
    user: { login: jest.fn(), privacy: jest.fn(), consent: jest.fn() },
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
const SUMMARY = '举报时我们会收集位置和照片；实名举报还会收集姓名和电话，只用于核实和发放奖励。';

const mocked = api as unknown as {
  tipoff: { options: jest.Mock; submit: jest.Mock; nearby: jest.Mock };
  user: { login: jest.Mock; privacy: jest.Mock; consent: jest.Mock };
};
const navigateTo = Taro.navigateTo as unknown as jest.Mock;

const login = (privacyConsent: number | null) => ({
  openid: 'o-1',
  roles: ['resident'],
  privacyVersion: 3,
  privacyConsent,
});

async function fillAndSubmit() {
  render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  fireEvent.click(await screen.findByText('堵占消防通道'));
  fireEvent.change(screen.getByPlaceholderText(/请描述隐患/), { target: { value: '消防通道被私家车长期堵占' } });
  fireEvent.click(screen.getByText('共康二村'));
  fireEvent.change(screen.getByPlaceholderText(/共康二村 12 号楼/), { target: { value: '共康二村 12 号楼北侧' } });
  await waitFor(() => expect(mocked.user.login).toHaveBeenCalled());
  fireEvent.click(screen.getByText('提交举报'));
  await act(async () => undefined); // the sheet's summary (or the filing) settles inside act
}

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
  mocked.tipoff.nearby.mockResolvedValue([]);
  mocked.tipoff.submit.mockResolvedValue(SUBMIT_RESULT);
  mocked.user.privacy.mockResolvedValue({
    notice: { version: 3, summary: SUMMARY },
    consentedVersion: null,
    consentedAt: null,
  });
  mocked.user.consent.mockResolvedValue({ version: 3, at: '2026-11-29T10:00:00+08:00' });
});

test('never agreed: the report cannot be sent before 同意并继续; agreeing records consent, then sends with the version', async () => {
  mocked.user.login.mockResolvedValue(login(null));
  await fillAndSubmit();
  expect(await screen.findByText('提交前，请阅读《个人信息保护说明》')).toBeTruthy();
  expect(await screen.findByText(SUMMARY)).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();
  expect(mocked.tipoff.nearby).not.toHaveBeenCalled();

  // The whole notice is one tap away.
  fireEvent.click(screen.getByText('查看完整说明 ›'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/privacy/index' });

  // 取消 sends nothing.
  fireEvent.click(screen.getByText('取消'));
  expect(screen.queryByText('同意并继续')).toBeNull();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();

  fireEvent.click(screen.getByText('提交举报'));
  mocked.user.login.mockResolvedValue(login(3)); // after consenting, a fresh sign-in says so
  fireEvent.click(await screen.findByText('同意并继续'));
  expect(await screen.findByText('编号：MX-2026-000007')).toBeTruthy();
  expect(mocked.user.consent).toHaveBeenCalledWith(3);
  expect(mocked.tipoff.submit).toHaveBeenCalledTimes(1);
  expect(mocked.tipoff.submit.mock.calls[0][0].privacyVersion).toBe(3);
  expect(mocked.user.consent.mock.invocationCallOrder[0]).toBeLessThan(
    mocked.tipoff.submit.mock.invocationCallOrder[0],
  );
});

test('agreed to an older version: asked again', async () => {
  mocked.user.login.mockResolvedValue(login(2));
  await fillAndSubmit();
  expect(await screen.findByText('同意并继续')).toBeTruthy();
  expect(await screen.findByText(SUMMARY)).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();
});

test('already agreed to the version in force: no sheet, the report goes with that version', async () => {
  mocked.user.login.mockResolvedValue(login(3));
  await fillAndSubmit();
  expect(await screen.findByText('编号：MX-2026-000007')).toBeTruthy();
  expect(screen.queryByText('同意并继续')).toBeNull();
  expect(mocked.user.consent).not.toHaveBeenCalled();
  expect(mocked.tipoff.submit.mock.calls[0][0].privacyVersion).toBe(3);
});

test('the summary failing to load leaves a fixed sentence; a failed consent says so and sends nothing', async () => {
  mocked.user.login.mockResolvedValue(login(null));
  mocked.user.privacy.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  mocked.user.consent.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  await fillAndSubmit();
  expect(await screen.findByText(/实名举报还会收集您的姓名和手机号/)).toBeTruthy();
  fireEvent.click(screen.getByText('同意并继续'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();
  expect(screen.getByText('同意并继续')).toBeTruthy();
});

test('a form with problems shows them first, before asking for consent', async () => {
  mocked.user.login.mockResolvedValue(login(null));
  render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  await screen.findByText('堵占消防通道');
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('请选择隐患类别')).toBeTruthy();
  expect(screen.queryByText('同意并继续')).toBeNull();
});
