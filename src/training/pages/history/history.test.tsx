import { fireEvent, render, screen } from '@testing-library/react';
import taro from '@tarojs/taro';
import type { AttemptSummary } from '../../../../types/training';
import { api } from '../../../services/api';
import HistoryPage from './index';

jest.mock('../../../services/api', () => ({ api: { training: { history: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { history: jest.Mock } };
const t = taro as unknown as { navigateTo: jest.Mock };
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

const base: AttemptSummary = {
  id: 'a2',
  quizId: 'q1',
  quizTitle: '消防安全月考',
  startedAt: '2026-11-29T09:00:00+08:00',
  status: 'submitted',
  scorePercent: 90,
  passed: true,
  certificateCode: 'ABCD2345EFGH',
};

beforeEach(() => jest.clearAllMocks());

test('attempts with status and score; a finished one opens its result, an open one resumes', async () => {
  mocked.training.history.mockResolvedValue(
    page([
      base,
      { ...base, id: 'a1', status: 'expired', scorePercent: 40, passed: false, certificateCode: null },
      { ...base, id: 'a3', status: 'open', scorePercent: null, passed: null, certificateCode: null },
    ]),
  );
  render(<HistoryPage />);
  expect(await screen.findByText('通过')).toBeTruthy();
  expect(screen.getByText('超时自动交卷 · 未通过')).toBeTruthy();
  expect(screen.getByText('答题中')).toBeTruthy();
  expect(screen.getByText('90 分 · 查看解析 ›')).toBeTruthy();
  expect(screen.getByText('证书编号 ABCD2345EFGH')).toBeTruthy();
  fireEvent.click(screen.getByText('90 分 · 查看解析 ›'));
  expect(t.navigateTo).toHaveBeenLastCalledWith({ url: '/training/pages/result/index?attemptId=a2' });
  fireEvent.click(screen.getByText('还没交卷，点此继续答题 ›'));
  expect(t.navigateTo).toHaveBeenLastCalledWith({ url: '/training/pages/quiz/index?id=q1' });
});

test('empty', async () => {
  mocked.training.history.mockResolvedValue(page([]));
  render(<HistoryPage />);
  expect(await screen.findByText('还没有参加过考试')).toBeTruthy();
});
