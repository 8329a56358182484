import { fireEvent, render, screen } from '@testing-library/react';
import taro from '@tarojs/taro';
import type { LessonSummary, QuizSummary } from '../../../../types/training';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import TrainingHome from './index';

jest.mock('../../../services/api', () => ({ api: { training: { lessons: jest.fn(), quizzes: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { lessons: jest.Mock; quizzes: jest.Mock } };
const t = taro as unknown as { navigateTo: jest.Mock };

const lesson = (over: Partial<LessonSummary>): LessonSummary => ({
  topic: 'law',
  topicName: '安全生产法',
  title: '安全生产法要点',
  intro: '从业人员的权利和义务。',
  sections: 5,
  read: 0,
  featured: false,
  ...over,
});
const quiz = (over: Partial<QuizSummary>): QuizSummary => ({
  id: 'q1',
  title: '消防安全月考',
  kind: 'exam',
  questionCount: 10,
  passPercent: 60,
  timeLimitMinutes: 20,
  attemptsAllowed: 3,
  attemptsUsed: 1,
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  state: 'open',
  bestScorePercent: 50,
  passed: false,
  ...over,
});

beforeEach(() => {
  jest.useFakeTimers({ now: Date.parse('2026-11-29T10:00:00+08:00') });
  jest.clearAllMocks();
});
afterEach(() => jest.useRealTimers());

test('消防宣传月 banner for the featured lessons; lessons with progress; quizzes with due date, attempts, best score', async () => {
  mocked.training.lessons.mockResolvedValue([
    lesson({}),
    lesson({ topic: 'fire', title: '消防安全常识', read: 3, featured: true }),
  ]);
  mocked.training.quizzes.mockResolvedValue([
    quiz({ dueOn: '2026-12-05', openAttemptId: 'a1' }),
    quiz({ id: 'q2', title: '有限空间作业考试', state: 'exhausted', attemptsUsed: 3, bestScorePercent: null }),
  ]);
  render(<TrainingHome />);
  expect(await screen.findByText('消防宣传月')).toBeTruthy();
  expect(screen.getByText('本月重点学习：消防安全常识')).toBeTruthy();
  expect(screen.getByText('已学 3/5 节')).toBeTruthy();
  expect(screen.getByText('已学 0/5 节')).toBeTruthy();
  expect(screen.getByText('企业要求 2026 年 12 月 5 日（星期六）前完成')).toBeTruthy();
  expect(screen.getByText(/剩 2 次/)).toBeTruthy();
  expect(screen.getByText(/最好成绩 50 分/)).toBeTruthy();
  expect(screen.getByText('次数已用完')).toBeTruthy();
  // Only the resumable/open quiz has a button; none shows internal ids.
  expect(screen.getAllByText(/继续答题|开始答题|再考一次/)).toHaveLength(1);
  expect(document.body.textContent).not.toMatch(/q1|q2|a1/);
  fireEvent.click(screen.getByText('继续答题'));
  expect(t.navigateTo).toHaveBeenCalledWith({ url: '/training/pages/quiz/index?id=q1' });
  fireEvent.click(screen.getByText('消防安全常识'));
  expect(t.navigateTo).toHaveBeenLastCalledWith({ url: '/training/pages/lesson/index?topic=fire' });
});

test('a contest: 每天可答 1 次, 今天已参加 once today is done (not 次数已用完), and its 排行榜', async () => {
  mocked.training.lessons.mockResolvedValue([lesson({})]);
  mocked.training.quizzes.mockResolvedValue([
    quiz({
      id: 'c1',
      title: '消防宣传月知识竞赛',
      kind: 'contest',
      state: 'exhausted',
      attemptsAllowed: 1,
      attemptsUsed: 1,
      passed: true,
    }),
  ]);
  render(<TrainingHome />);
  expect(await screen.findByText('今天已参加')).toBeTruthy();
  expect(screen.getByText(/每天可答 1 次/)).toBeTruthy();
  expect(screen.queryByText('次数已用完')).toBeNull();
  expect(screen.queryByText(/剩 0 次/)).toBeNull();
  fireEvent.click(screen.getByText('排行榜'));
  expect(t.navigateTo).toHaveBeenLastCalledWith({ url: '/training/pages/contest/index?id=c1' });
});

test('no featured lesson: no banner; no quizzes: said kindly; the four entries open their pages', async () => {
  mocked.training.lessons.mockResolvedValue([lesson({ read: 5 })]);
  mocked.training.quizzes.mockResolvedValue([]);
  render(<TrainingHome />);
  expect(await screen.findByText('现在没有需要参加的考试')).toBeTruthy();
  expect(screen.queryByText('消防宣传月')).toBeNull();
  expect(await screen.findByText('已学完')).toBeTruthy();
  const urls: Record<string, string> = {
    练习: '/training/pages/practice/index',
    错题本: '/training/pages/wrong-book/index',
    答题记录: '/training/pages/history/index',
    证书查询: '/training/pages/certificate/index',
  };
  for (const [title, url] of Object.entries(urls)) {
    fireEvent.click(screen.getByText(title));
    expect(t.navigateTo).toHaveBeenLastCalledWith({ url });
  }
});

test('a failed load says so with 重试', async () => {
  mocked.training.lessons.mockResolvedValue([]);
  mocked.training.quizzes.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  mocked.training.quizzes.mockResolvedValueOnce([quiz({})]);
  render(<TrainingHome />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('再考一次')).toBeTruthy();
});
