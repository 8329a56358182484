import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PrivacyState } from '../../../../types/privacy';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import PrivacyPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { privacy: jest.fn(), consent: jest.fn(), login: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { privacy: jest.Mock; consent: jest.Mock } };
const taro = Taro as unknown as Record<string, jest.Mock>;

const notice: PrivacyState['notice'] = {
  version: 2,
  updatedAt: '2026-11-20',
  title: '个人信息保护说明',
  summary: '举报时我们会收集位置和照片；实名举报还会收集姓名和电话，只用于核实和发放奖励。',
  sections: [
    { heading: '我们收集什么', body: '隐患的位置和照片。\n实名举报时的姓名和手机号。' },
    { heading: '为什么收集', body: '用于核查隐患、告诉您处理进度、发放奖励。' },
    { heading: '谁能看到', body: '处理部门只看到隐患本身，看不到您的姓名和电话。' },
    { heading: '保存多久', body: '未获奖励的举报结案 3 年后，删除封存的身份信息。' },
  ],
  retention: { identityYearsWithoutReward: 3 },
};

beforeEach(() => jest.clearAllMocks());

test('shows the notice in headings and paragraphs, and that the person agreed and when', async () => {
  mocked.user.privacy.mockResolvedValue({ notice, consentedVersion: 2, consentedAt: '2026-11-25T09:30:00+08:00' });
  render(<PrivacyPage />);
  expect(await screen.findByText('个人信息保护说明')).toBeTruthy();
  expect(screen.getByText(notice.summary)).toBeTruthy();
  for (const s of notice.sections) expect(screen.getByText(s.heading)).toBeTruthy();
  // A body's lines are separate paragraphs.
  expect(screen.getByText('隐患的位置和照片。')).toBeTruthy();
  expect(screen.getByText('实名举报时的姓名和手机号。')).toBeTruthy();
  expect(screen.getByText('您已于 2026-11-25 09:30 同意本说明。')).toBeTruthy();
  expect(screen.queryByText('同意')).toBeNull();
});

test('not agreed yet: 同意 agrees to the version in force', async () => {
  mocked.user.privacy
    .mockResolvedValueOnce({ notice, consentedVersion: null, consentedAt: null })
    .mockResolvedValueOnce({ notice, consentedVersion: 2, consentedAt: '2026-11-29T10:00:00+08:00' });
  mocked.user.consent.mockResolvedValueOnce({ version: 2, at: '2026-11-29T10:00:00+08:00' });
  render(<PrivacyPage />);
  expect(await screen.findByText('您还没有同意本说明。')).toBeTruthy();
  fireEvent.click(screen.getByText('同意'));
  expect(await screen.findByText('您已于 2026-11-29 10:00 同意本说明。')).toBeTruthy();
  expect(mocked.user.consent).toHaveBeenCalledWith(2);
  expect(taro.showToast).toHaveBeenCalledWith({ title: '已同意', icon: 'success' });
});

test('agreed to an older version: asked to agree again', async () => {
  mocked.user.privacy.mockResolvedValueOnce({ notice, consentedVersion: 1, consentedAt: '2026-01-01T09:00:00+08:00' });
  render(<PrivacyPage />);
  expect(await screen.findByText(/您之前同意的是旧版本，请阅读后重新同意/)).toBeTruthy();
  expect(screen.getByText('同意')).toBeTruthy();
});

test('a failed consent says so and stays', async () => {
  mocked.user.privacy.mockResolvedValue({ notice, consentedVersion: null, consentedAt: null });
  mocked.user.consent.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<PrivacyPage />);
  fireEvent.click(await screen.findByText('同意'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect(screen.getByText('同意')).toBeTruthy();
});

test('the notice failing to load shows the error with 重试', async () => {
  mocked.user.privacy
    .mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'))
    .mockResolvedValueOnce({ notice, consentedVersion: null, consentedAt: null });
  render(<PrivacyPage />);
  fireEvent.click(await screen.findByText('重试'));
  expect(await screen.findByText('我们收集什么')).toBeTruthy();
});
