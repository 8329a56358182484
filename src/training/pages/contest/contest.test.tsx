import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import taro from '@tarojs/taro';
import type { Leaderboard } from '../../../../types/training';
import { api } from '../../../services/api';
import { setRouterParams } from '../../../test-support/taro';
import ContestPage, { tookText } from './index';

jest.mock('../../../services/api', () => ({ api: { training: { leaderboard: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { leaderboard: jest.Mock } };
const t = taro as unknown as { navigateTo: jest.Mock };

const board = (over: Partial<Leaderboard> = {}): Leaderboard => ({
  quizId: 'c1',
  quizTitle: '2027 安全生产月知识竞赛',
  day: '2027-06-03',
  by: 'person',
  opensOn: '2027-06-01',
  closesOn: '2027-06-30',
  participants: 3,
  rows: [
    {
      rank: 1,
      name: '李工',
      scorePercent: 100,
      tookSeconds: 125,
      finishedAt: '2027-06-03T09:00:00+08:00',
      isMine: false,
    },
    {
      rank: 2,
      name: '匿名学员',
      scorePercent: 90,
      tookSeconds: 61,
      finishedAt: '2027-06-03T09:30:00+08:00',
      isMine: true,
    },
  ],
  mine: null,
  truncated: false,
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  setRouterParams({ id: 'c1' });
});

test('today’s round by person: rank, score, time taken, my row marked; into today’s round', async () => {
  mocked.training.leaderboard.mockResolvedValue(board());
  render(<ContestPage />);
  expect(await screen.findByText('2027 安全生产月知识竞赛')).toBeTruthy();
  expect(screen.getByText(/2027 年 6 月 3 日/)).toBeTruthy();
  expect(screen.getByText('第 1 名')).toBeTruthy();
  expect(screen.getByText('100 分 · 用时 2 分 05 秒')).toBeTruthy();
  expect(screen.getByText('匿名学员（我）')).toBeTruthy();
  expect(mocked.training.leaderboard).toHaveBeenCalledWith({ quizId: 'c1', by: 'person' });
  fireEvent.click(screen.getByText('参加今天这一轮'));
  expect(t.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/training/pages/quiz/index?id=c1' }));
});

test('by enterprise: the mean and how many took part; my row below the top when lower', async () => {
  mocked.training.leaderboard.mockResolvedValue(board());
  render(<ContestPage />);
  await screen.findByText('第 1 名');
  mocked.training.leaderboard.mockResolvedValue(
    board({
      by: 'enterprise',
      rows: [{ rank: 1, name: '共康机械厂', scorePercent: 95, tookSeconds: 300, participants: 4, isMine: false }],
      mine: { rank: 7, name: '庙行演示企业', scorePercent: 60, tookSeconds: 40, participants: 2, isMine: true },
    }),
  );
  fireEvent.click(screen.getByText('企业'));
  expect(await screen.findByText('平均 95 分 · 用时 5 分 00 秒 · 4 人参加')).toBeTruthy();
  expect(screen.getByText('我的名次')).toBeTruthy();
  expect(screen.getByText('庙行演示企业（我所在）')).toBeTruthy();
  await waitFor(() => expect(mocked.training.leaderboard).toHaveBeenLastCalledWith({ quizId: 'c1', by: 'enterprise' }));
});

test('nobody yet: an encouraging empty state', async () => {
  mocked.training.leaderboard.mockResolvedValue(board({ rows: [], participants: 0 }));
  render(<ContestPage />);
  expect(await screen.findByText('今天还没有人交卷，来做第一个吧')).toBeTruthy();
});

test('time taken in words', () => {
  expect([tookText(0), tookText(59), tookText(60), tookText(125.4)]).toEqual([
    '0 秒',
    '59 秒',
    '1 分 00 秒',
    '2 分 05 秒',
  ]);
});
