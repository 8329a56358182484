import { fireEvent, render, screen } from '@testing-library/react';
import taro from '@tarojs/taro';
import type { AttemptResult } from '../../../../types/training';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { setRouterParams } from '../../../test-support/taro';
import ResultPage from './index';

jest.mock('../../../services/api', () => ({ api: { training: { review: jest.fn(), quizzes: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { review: jest.Mock; quizzes: jest.Mock } };
const t = taro as unknown as { navigateTo: jest.Mock };

const src = { doc: '中华人民共和国消防法', article: '第四十四条' };
const result: AttemptResult = {
  id: 'a1',
  quizId: 'q1',
  quizTitle: '消防安全月考',
  score: 1,
  total: 2,
  scorePercent: 50,
  passPercent: 60,
  passed: false,
  submittedAt: '2026-11-29T10:12:00+08:00',
  review: [
    {
      n: 1,
      questionId: 'fi-001',
      type: 'single',
      topic: 'fire',
      stem: '发现火灾应当首先做什么？',
      options: [
        { key: 'A', text: '立即报警' },
        { key: 'B', text: '先收拾财物' },
        { key: 'C', text: '乘电梯下楼' },
      ],
      given: ['B'],
      answer: ['A'],
      correct: false,
      explanation: '任何人发现火灾都应当立即报警。',
      source: src,
    },
    {
      n: 2,
      questionId: 'ev-001',
      type: 'judge',
      topic: 'evacuation',
      stem: '火灾时可以乘坐普通电梯逃生。',
      options: [
        { key: 'T', text: '正确' },
        { key: 'F', text: '错误' },
      ],
      given: ['F'],
      answer: ['F'],
      correct: true,
      explanation: '火灾时普通电梯可能断电停运。',
      source: src,
    },
  ],
};

beforeEach(() => {
  jest.clearAllMocks();
  setRouterParams({ attemptId: 'a1' });
  mocked.training.quizzes.mockResolvedValue([{ id: 'q1', passPercent: 60 }]);
});

test('not passed: score, pass mark, the review with the given and the right answer, explanation, source', async () => {
  mocked.training.review.mockResolvedValue(result);
  render(<ResultPage />);
  expect(await screen.findByText('50 分')).toBeTruthy();
  expect(mocked.training.review).toHaveBeenCalledWith('a1');
  expect(screen.getByText('未通过')).toBeTruthy();
  expect(await screen.findByText('答对 1 题，共 2 题；60 分及格')).toBeTruthy();
  expect(screen.getByText('B. 先收拾财物')).toBeTruthy();
  expect(screen.getByText('A. 立即报警')).toBeTruthy();
  expect(screen.getByText('任何人发现火灾都应当立即报警。')).toBeTruthy();
  expect(screen.getAllByText('出处：中华人民共和国消防法 第四十四条')).toHaveLength(2);
  // 判断题 answers read as 正确 / 错误; no question ids shown.
  expect(screen.getByText('错误')).toBeTruthy();
  expect(document.body.textContent).not.toMatch(/fi-001|ev-001/);
  expect(screen.queryByText('合格证书')).toBeNull();
  fireEvent.click(screen.getByText('去错题本'));
  expect(t.navigateTo).toHaveBeenCalledWith({ url: '/training/pages/wrong-book/index' });
});

test('passed: the certificate code and a link to the certificate page', async () => {
  mocked.training.review.mockResolvedValue({
    ...result,
    score: 2,
    scorePercent: 100,
    passed: true,
    certificateCode: 'ABCD2345EFGH',
  });
  render(<ResultPage />);
  expect(await screen.findByText('考试通过')).toBeTruthy();
  expect(screen.getByText('ABCD2345EFGH')).toBeTruthy();
  fireEvent.click(screen.getByText('查看证书'));
  expect(t.navigateTo).toHaveBeenCalledWith({ url: '/training/pages/certificate/index?code=ABCD2345EFGH' });
});

test('the review refused (still open) says why', async () => {
  mocked.training.review.mockRejectedValue(new CloudError('CONFLICT', '交卷后才能查看答案和解析'));
  render(<ResultPage />);
  expect(await screen.findByText('交卷后才能查看答案和解析')).toBeTruthy();
});
