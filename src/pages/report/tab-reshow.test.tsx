import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ReportPage from './index';
import { api } from '../../services/api';
import type { TipoffOptions } from '../../../types';
import { nearbyTipoff, SUBMIT_RESULT } from '../../test-support/fixtures';
import { showPagesAgain } from '../../test-support/taro';

jest.mock('../../services/api', () => ({
  api: {
    tipoff: { options: jest.fn(), submit: jest.fn(), nearby: jest.fn(), follow: jest.fn() },
    // Signed in, with the privacy notice in force (config/town/privacy.json) already agreed to (the consent gate
    // is consent-gate.test.tsx). Read inside the factory: jest.mock runs before this file's imports.
    user: {
      login: jest.fn().mockImplementation(() => {
        const { version } = jest.requireActual<{ version: number }>('../../../config/town/privacy.json');
        return Promise.resolve({ openid: 'o', roles: ['resident'], privacyVersion: version, privacyConsent: version });
      }),
    },
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
const mocked = api as unknown as {
  tipoff: { options: jest.Mock; submit: jest.Mock; nearby: jest.Mock; follow: jest.Mock };
};

beforeEach(() => {
  jest.clearAllMocks();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
  mocked.tipoff.nearby.mockResolvedValue([]);
});

async function fileOne() {
  render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  fireEvent.click(await screen.findByText('堵占消防通道'));
  fireEvent.change(screen.getByPlaceholderText(/请描述隐患/), { target: { value: '消防通道被私家车长期堵占' } });
  fireEvent.click(screen.getByText('共康二村'));
  fireEvent.change(screen.getByPlaceholderText(/共康二村 12 号楼/), { target: { value: '共康二村 12 号楼北侧' } });
  fireEvent.click(screen.getByText('提交举报'));
}

const description = () => screen.getByPlaceholderText(/请描述隐患/) as HTMLTextAreaElement;

test('back on the 随手拍 tab after a filed report: a fresh, empty form, not the old done screen', async () => {
  mocked.tipoff.submit.mockResolvedValueOnce(SUBMIT_RESULT);
  await fileOne();
  expect(await screen.findByText('再报一条')).toBeTruthy();
  act(() => showPagesAgain());
  expect(screen.queryByText('再报一条')).toBeNull();
  expect(description().value).toBe('');
  expect(screen.queryByText('继续上次草稿')).toBeNull(); // nothing left to restore
});

test('back on the tab after 附议 instead of filing: a fresh form too', async () => {
  mocked.tipoff.nearby.mockResolvedValueOnce([nearbyTipoff()]);
  mocked.tipoff.follow.mockResolvedValueOnce({ followers: 3, already: false, no: 'MX-2026-000003' });
  await fileOne();
  fireEvent.click(await screen.findByText('同一隐患，附议'));
  expect(await screen.findByText('已附议，处理进展会通知您')).toBeTruthy();
  act(() => showPagesAgain());
  expect(screen.queryByText('已附议，处理进展会通知您')).toBeNull();
  expect(description().value).toBe('');
});

test('back on the tab with a form half written: it stays as it was', async () => {
  render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  await screen.findByText('堵占消防通道');
  fireEvent.change(description(), { target: { value: '写了一半' } });
  act(() => showPagesAgain());
  expect(description().value).toBe('写了一半');
});
