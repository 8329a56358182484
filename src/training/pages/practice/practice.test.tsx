import { fireEvent, render, screen } from '@testing-library/react';
import type { PaperQuestion, PracticeFeedback } from '../../../../types/training';
import { api } from '../../../services/api';
import { setRouterParams } from '../../../test-support/taro';
import PracticePage, { wrongBookNote } from './index';

jest.mock('../../../services/api', () => ({ api: { training: { practice: jest.fn(), practiceAnswer: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { practice: jest.Mock; practiceAnswer: jest.Mock } };

const q: PaperQuestion = {
  n: 1,
  questionId: 'gas-003',
  type: 'multiple',
  topic: 'gas',
  stem: '闻到燃气味时应当怎么做？',
  options: [
    { key: 'A', text: '开窗通风' },
    { key: 'B', text: '关闭燃气阀门' },
    { key: 'C', text: '打开排风扇' },
  ],
};
const fb = (over: Partial<PracticeFeedback>): PracticeFeedback => ({
  correct: false,
  answer: ['A', 'B'],
  explanation: '开关电器会产生火花，可能引爆燃气。',
  source: { doc: '上海市燃气管理条例', article: '第三十六条' },
  inWrongBook: true,
  streak: 0,
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  setRouterParams({ topic: 'gas' });
  mocked.training.practice.mockResolvedValue(q);
});

test('a question of the topic; 确定 gives immediate feedback, the right answer, explanation, source; 下一题', async () => {
  mocked.training.practiceAnswer.mockResolvedValue(fb({}));
  render(<PracticePage />);
  expect(await screen.findByText('闻到燃气味时应当怎么做？')).toBeTruthy();
  expect(mocked.training.practice).toHaveBeenCalledWith({ topic: 'gas' });
  expect(screen.getByText('请先选择答案')).toBeTruthy();
  fireEvent.click(screen.getByRole('checkbox', { name: '开窗通风' }));
  fireEvent.click(screen.getByRole('checkbox', { name: '打开排风扇' }));
  fireEvent.click(screen.getByText('确定'));
  expect(await screen.findByText('回答错误')).toBeTruthy();
  expect(mocked.training.practiceAnswer).toHaveBeenCalledWith('gas-003', ['A', 'C']);
  expect(screen.getByText('A. 开窗通风；B. 关闭燃气阀门')).toBeTruthy();
  expect(screen.getByText('开关电器会产生火花，可能引爆燃气。')).toBeTruthy();
  expect(screen.getByText('出处：上海市燃气管理条例 第三十六条')).toBeTruthy();
  expect(screen.getByText('已记入错题本，连续答对 2 次即可移出')).toBeTruthy();
  expect(document.body.textContent).not.toMatch(/gas-003/);
  fireEvent.click(screen.getByText('下一题'));
  await screen.findByText('请先选择答案');
  expect(mocked.training.practice).toHaveBeenCalledTimes(2);
});

test('错题本 practice: 再答对 1 次即可移出错题本, then 已移出错题本; an empty 错题本 said kindly', async () => {
  setRouterParams({ wrongBook: '1' });
  mocked.training.practiceAnswer.mockResolvedValue(fb({ correct: true, streak: 1 }));
  render(<PracticePage />);
  await screen.findByText('闻到燃气味时应当怎么做？');
  expect(mocked.training.practice).toHaveBeenCalledWith({ wrongBook: true });
  fireEvent.click(screen.getByRole('checkbox', { name: '开窗通风' }));
  fireEvent.click(screen.getByRole('checkbox', { name: '关闭燃气阀门' }));
  fireEvent.click(screen.getByText('确定'));
  expect(await screen.findByText('回答正确')).toBeTruthy();
  expect(screen.getByText('再答对 1 次即可移出错题本')).toBeTruthy();
  expect(wrongBookNote(fb({ correct: true, inWrongBook: false, streak: 0 }), true)).toBe('已移出错题本');
  expect(wrongBookNote(fb({ correct: true, inWrongBook: false, streak: 0 }), false)).toBeNull();
  mocked.training.practice.mockResolvedValue(null);
  fireEvent.click(screen.getByText('下一题'));
  expect(await screen.findByText('错题本是空的，没有要练的错题')).toBeTruthy();
});
