import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import taro from '@tarojs/taro';
import { setRouterParams } from '../../../test-support/taro';
import type { AttemptView, QuizSummary } from '../../../../types/training';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { readPending } from '../../save-queue';
import QuizPage, { RETRY_MS } from './index';

jest.mock('../../../services/api', () => ({
  api: { training: { quizzes: jest.fn(), start: jest.fn(), save: jest.fn(), submit: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  training: { quizzes: jest.Mock; start: jest.Mock; save: jest.Mock; submit: jest.Mock };
};
const t = taro as unknown as { redirectTo: jest.Mock; clearStorageSync: () => void };

const NOW = Date.parse('2026-11-29T10:00:00+08:00');

const quiz: QuizSummary = {
  id: 'q1',
  title: '消防安全月考',
  kind: 'exam',
  questionCount: 3,
  passPercent: 60,
  timeLimitMinutes: 20,
  attemptsAllowed: 2,
  attemptsUsed: 0,
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  state: 'open',
  bestScorePercent: null,
  passed: false,
};

/** A paper as the server sends it — plus keys named `answer` that must never reach the screen. */
const leaky = {
  id: 'a1',
  quizId: 'q1',
  quizTitle: '消防安全月考',
  startedAt: '2026-11-29T10:00:00+08:00',
  deadline: '2026-11-29T10:20:00+08:00',
  status: 'open',
  answer: ['泄露的答案甲'],
  questions: [
    {
      n: 1,
      questionId: 'fi-001',
      type: 'single',
      topic: 'fire',
      stem: '发现火灾应当首先做什么？',
      options: [
        { key: 'A', text: '立即报警', answer: '泄露的答案乙' },
        { key: 'B', text: '先收拾财物' },
        { key: 'C', text: '乘电梯下楼' },
      ],
      answer: ['A'],
      explanation: '泄露的解析',
    },
    {
      n: 2,
      questionId: 'fi-002',
      type: 'multiple',
      topic: 'fire',
      stem: '下列哪些属于消防设施？',
      options: [
        { key: 'A', text: '灭火器' },
        { key: 'B', text: '消火栓' },
        { key: 'C', text: '晾衣架' },
      ],
      answer: ['A', 'B'],
    },
    {
      n: 3,
      questionId: 'ev-001',
      type: 'judge',
      topic: 'evacuation',
      stem: '火灾时可以乘坐普通电梯逃生。',
      options: [
        { key: 'T', text: '正确' },
        { key: 'F', text: '错误' },
      ],
      answer: ['F'],
    },
  ],
  saved: {},
} as unknown as AttemptView;

async function started(view: AttemptView = leaky, summary: QuizSummary = { ...quiz, openAttemptId: 'a1' }) {
  mocked.training.quizzes.mockResolvedValue([summary]);
  mocked.training.start.mockResolvedValue(view);
  render(<QuizPage />);
  await screen.findByRole('timer');
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
  jest.clearAllMocks();
  for (const m of Object.values(mocked.training)) m.mockReset();
  t.clearStorageSync();
  setRouterParams({ id: 'q1' });
  mocked.training.save.mockImplementation((_id: string, n: number, answer: string[]) =>
    Promise.resolve({ n, saved: answer }),
  );
  mocked.training.submit.mockResolvedValue({});
});
afterEach(() => jest.useRealTimers());

describe('答题', () => {
  test('a new quiz: the rules, a confirmation, then the paper; 单选/多选/判断 said plainly', async () => {
    mocked.training.quizzes.mockResolvedValue([quiz]);
    mocked.training.start.mockResolvedValue(leaky);
    render(<QuizPage />);
    expect(await screen.findByText(/共 3 题，限时 20 分钟，60 分及格/)).toBeTruthy();
    expect(mocked.training.start).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('开始答题'));
    expect(screen.getByText('现在开始答题？')).toBeTruthy();
    fireEvent.click(screen.getByText('开始'));
    await screen.findByText('发现火灾应当首先做什么？', { exact: false });
    expect(mocked.training.start).toHaveBeenCalledWith('q1');
    expect(screen.getByText('单选题')).toBeTruthy();
    expect(screen.getByText('选一个答案')).toBeTruthy();
    expect(screen.getByText('第 1 题 / 共 3 题')).toBeTruthy();
    fireEvent.click(screen.getByText('下一题'));
    expect(screen.getByText('多选题')).toBeTruthy();
    expect(screen.getByText('可选多个答案，全部选对才得分')).toBeTruthy();
    fireEvent.click(screen.getByText('下一题'));
    expect(screen.getByText('判断题')).toBeTruthy();
    expect(screen.getByRole('radio', { name: '正确' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '错误' })).toBeTruthy();
  });

  test('never renders anything from a field named answer (nor the question id) before submit', async () => {
    await started();
    const texts = () => document.body.textContent ?? '';
    for (let i = 0; i < 3; i++) {
      expect(texts()).not.toMatch(/泄露|fi-00|ev-00/);
      if (i < 2) fireEvent.click(screen.getByText('下一题'));
    }
    expect(document.body.innerHTML).not.toMatch(/泄露/);
  });

  test('the countdown is the server deadline minus now, recomputed (it does not drift); red under 5 minutes', async () => {
    await started();
    expect(screen.getByRole('timer').textContent).toBe('剩余 20 分 00 秒');
    expect(document.querySelector('.quiz-bar--warn')).toBeNull();
    act(() => void jest.advanceTimersByTime(61_000));
    expect(screen.getByRole('timer').textContent).toBe('剩余 18 分 59 秒');
    // The phone slept for 10 minutes (no ticks ran): the next tick shows the true remaining time.
    jest.setSystemTime(NOW + 16 * 60_000);
    act(() => void jest.advanceTimersByTime(1000));
    expect(screen.getByRole('timer').textContent).toBe('剩余 3 分 59 秒');
    expect(document.querySelector('.quiz-bar--warn')).not.toBeNull();
  });

  test('a resumed attempt counts from its own server deadline and shows the saved answers', async () => {
    await started({ ...leaky, deadline: '2026-11-29T10:05:30+08:00', saved: { '1': ['A'] } });
    expect(screen.getByRole('timer').textContent).toBe('剩余 5 分 30 秒');
    expect(mocked.training.start).toHaveBeenCalledWith('q1');
    // The first unanswered question is shown; 答题卡 says question 1 is answered.
    expect(screen.getByText('第 2 题 / 共 3 题')).toBeTruthy();
    expect(screen.getByRole('button', { name: '第 1 题，已答' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '第 2 题，未答，当前题' })).toBeTruthy();
    expect(screen.getByText('已答 1/3')).toBeTruthy();
  });

  test('each answer is saved at once: 已保存', async () => {
    await started();
    fireEvent.click(screen.getByRole('radio', { name: '立即报警' }));
    expect(mocked.training.save).toHaveBeenCalledWith('a1', 1, ['A']);
    expect(await screen.findByText('已保存')).toBeTruthy();
    fireEvent.click(screen.getByText('下一题'));
    fireEvent.click(screen.getByRole('checkbox', { name: '消火栓' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '灭火器' }));
    expect(mocked.training.save).toHaveBeenLastCalledWith('a1', 2, ['A', 'B']);
    await screen.findByText('已保存');
    expect(readPending('a1')).toEqual({});
  });

  test('a failed save (offline) is queued in storage, retried, and nothing is lost', async () => {
    await started();
    mocked.training.save.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败'));
    fireEvent.click(screen.getByRole('radio', { name: '先收拾财物' }));
    expect(await screen.findByText('未保存，将自动重试')).toBeTruthy();
    expect(screen.getByText(/有 1 题未保存/)).toBeTruthy();
    expect(readPending('a1')).toEqual({ '1': ['B'] });
    // Still offline at the first retry; the worker changes the answer meanwhile (also offline).
    mocked.training.save.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败'));
    mocked.training.save.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败'));
    fireEvent.click(screen.getByRole('radio', { name: '立即报警' }));
    await act(async () => void jest.advanceTimersByTime(RETRY_MS));
    expect(readPending('a1')).toEqual({ '1': ['A'] });
    // Back online: the next retry sends the newest answer and clears the queue.
    await act(async () => void jest.advanceTimersByTime(RETRY_MS));
    await screen.findByText('已保存');
    expect(mocked.training.save).toHaveBeenLastCalledWith('a1', 1, ['A']);
    expect(readPending('a1')).toEqual({});
    expect(screen.queryByText(/未保存/)).toBeNull();
  });

  test('answers left unsaved from an earlier visit are sent when the attempt is resumed', async () => {
    const { putPending } = jest.requireActual('../../save-queue') as typeof import('../../save-queue');
    putPending('a1', 3, ['F']);
    await started();
    await waitFor(() => expect(mocked.training.save).toHaveBeenCalledWith('a1', 3, ['F']));
    await waitFor(() => expect(readPending('a1')).toEqual({}));
    expect(screen.getByText('已答 1/3')).toBeTruthy();
  });

  test('交卷 asks first and says how many are unanswered; then the result page', async () => {
    await started();
    fireEvent.click(screen.getByRole('radio', { name: '立即报警' }));
    await screen.findByText('已保存');
    fireEvent.click(screen.getByText('交卷'));
    expect(screen.getByText('确认交卷？')).toBeTruthy();
    expect(screen.getByText('还有 2 题没有作答，没答的不得分。交卷后不能再修改答案。')).toBeTruthy();
    fireEvent.click(screen.getAllByText('交卷').pop() as HTMLElement);
    await waitFor(() => expect(mocked.training.submit).toHaveBeenCalledWith('a1'));
    await waitFor(() =>
      expect(t.redirectTo).toHaveBeenCalledWith({ url: '/training/pages/result/index?attemptId=a1' }),
    );
  });

  test('交卷 with an answer still unsaved: tries it first, and waits rather than lose it', async () => {
    await started();
    mocked.training.save.mockRejectedValue(new CloudError('NETWORK', '网络连接失败'));
    fireEvent.click(screen.getByRole('radio', { name: '立即报警' }));
    await screen.findByText('未保存，将自动重试');
    fireEvent.click(screen.getByText('交卷'));
    fireEvent.click(screen.getAllByText('交卷').pop() as HTMLElement);
    expect(await screen.findByText(/还有 1 题的答案没有保存成功/)).toBeTruthy();
    expect(mocked.training.submit).not.toHaveBeenCalled();
    mocked.training.save.mockImplementation((_id: string, n: number, answer: string[]) =>
      Promise.resolve({ n, saved: answer }),
    );
    fireEvent.click(screen.getByText('交卷'));
    fireEvent.click(screen.getAllByText('交卷').pop() as HTMLElement);
    await waitFor(() => expect(mocked.training.submit).toHaveBeenCalledWith('a1'));
    expect(mocked.training.save).toHaveBeenLastCalledWith('a1', 1, ['A']);
  });

  test('time up: the pending answers are sent and the paper is handed in automatically', async () => {
    await started({ ...leaky, deadline: '2026-11-29T10:00:03+08:00' });
    mocked.training.save.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败'));
    fireEvent.click(screen.getByRole('radio', { name: '立即报警' }));
    await screen.findByText('未保存，将自动重试');
    await act(async () => void jest.advanceTimersByTime(3000));
    await waitFor(() => expect(mocked.training.submit).toHaveBeenCalledWith('a1'));
    expect(mocked.training.save).toHaveBeenLastCalledWith('a1', 1, ['A']);
    // Saved before the submit went out.
    expect(mocked.training.save.mock.invocationCallOrder.pop()).toBeLessThan(
      mocked.training.submit.mock.invocationCallOrder[0],
    );
    await waitFor(() =>
      expect(t.redirectTo).toHaveBeenCalledWith({ url: '/training/pages/result/index?attemptId=a1' }),
    );
    expect(mocked.training.submit).toHaveBeenCalledTimes(1);
  });

  test('time up after the grace (the server refuses the submit): the result page still opens', async () => {
    mocked.training.submit.mockRejectedValue(new CloudError('CONFLICT', '已超过答题时间，不能再交卷'));
    await started({ ...leaky, deadline: '2026-11-29T09:59:00+08:00' });
    await waitFor(() =>
      expect(t.redirectTo).toHaveBeenCalledWith({ url: '/training/pages/result/index?attemptId=a1' }),
    );
  });

  test('a start the server refuses says why', async () => {
    mocked.training.quizzes.mockResolvedValue([quiz]);
    mocked.training.start.mockRejectedValue(new CloudError('CONFLICT', '这份试卷最多可作答 2 次，您已用完'));
    render(<QuizPage />);
    fireEvent.click(await screen.findByText('开始答题'));
    fireEvent.click(screen.getByText('开始'));
    expect(await screen.findByText('这份试卷最多可作答 2 次，您已用完')).toBeTruthy();
  });

  test('a quiz not meant for the caller', async () => {
    mocked.training.quizzes.mockResolvedValue([]);
    render(<QuizPage />);
    expect(await screen.findByText('没有找到这份试卷，或它不面向您')).toBeTruthy();
  });
});

test('a save refused because the attempt is over (handed in elsewhere): says so and offers the result', async () => {
  await started();
  mocked.training.save.mockRejectedValueOnce(new CloudError('CONFLICT', '本次答题已交卷，不能再修改答案'));
  fireEvent.click(screen.getByRole('radio', { name: '立即报警' }));
  expect(await screen.findByText('本次答题已交卷，不能再修改答案')).toBeTruthy();
  fireEvent.click(screen.getByText('查看成绩'));
  expect(t.redirectTo).toHaveBeenCalledWith({ url: '/training/pages/result/index?attemptId=a1' });
});
