import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import taro from '@tarojs/taro';
import type { WrongBookItem } from '../../../../types/training';
import { api } from '../../../services/api';
import WrongBookPage from './index';

jest.mock('../../../services/api', () => ({ api: { training: { wrongBook: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { wrongBook: jest.Mock } };
const t = taro as unknown as { navigateTo: jest.Mock };
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

const item: WrongBookItem = {
  questionId: 'fi-007',
  topic: 'fire',
  topicName: '消防安全',
  type: 'judge',
  stem: '楼道里可以给电动自行车充电。',
  options: [
    { key: 'T', text: '正确' },
    { key: 'F', text: '错误' },
  ],
  answer: ['F'],
  explanation: '电动自行车不得在楼道、安全出口停放充电。',
  source: { doc: '上海市消防条例', article: '第三十条' },
  wrong: 2,
  streak: 1,
  at: '2026-11-28T10:00:00+08:00',
};

beforeEach(() => jest.clearAllMocks());

test('lists wrong questions with the right answer and explanation; by topic; 练习错题', async () => {
  mocked.training.wrongBook.mockResolvedValue(page([item]));
  render(<WrongBookPage />);
  expect(await screen.findByText('楼道里可以给电动自行车充电。')).toBeTruthy();
  expect(screen.getByText('答错 2 次')).toBeTruthy();
  expect(screen.getByText('错误')).toBeTruthy();
  expect(screen.getByText('已连续答对 1 次，再答对 1 次即可移出')).toBeTruthy();
  expect(document.body.textContent).not.toMatch(/fi-007/);
  fireEvent.click(screen.getByRole('radio', { name: '消防安全' }));
  await waitFor(() =>
    expect(mocked.training.wrongBook).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, topic: 'fire' }),
  );
  fireEvent.click(await screen.findByText('练习错题（共 1 题）'));
  expect(t.navigateTo).toHaveBeenCalledWith({ url: '/training/pages/practice/index?topic=fire&wrongBook=1' });
});

test('empty', async () => {
  mocked.training.wrongBook.mockResolvedValue(page([]));
  render(<WrongBookPage />);
  expect(await screen.findByText('还没有错题，继续保持！')).toBeTruthy();
  expect(screen.queryByText(/练习错题/)).toBeNull();
});
