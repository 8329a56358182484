import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LessonView } from '../../../../types/training';
import { api } from '../../../services/api';
import { setRouterParams } from '../../../test-support/taro';
import LessonPage from './index';

jest.mock('../../../services/api', () => ({ api: { training: { lesson: jest.fn(), lessonRead: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { lesson: jest.Mock; lessonRead: jest.Mock } };

const src = { doc: '工贸企业重大事故隐患判定标准', article: '第四条' };
const view: LessonView = {
  topic: 'major-hazard',
  topicName: '工贸企业重大事故隐患判定标准',
  title: '重大事故隐患判定标准',
  intro: '面向企业负责人和一线员工：哪些情况直接判定为重大事故隐患。',
  featuredMonths: [6],
  readSections: ['s1'],
  sections: [
    { id: 's1', heading: '第一节 总则', text: '第一段总则的原文内容。\n\n第二段总则的原文内容。', source: src },
    {
      id: 's2',
      heading: '第二节 粉尘涉爆',
      text: '粉尘爆炸危险场所设置在非框架结构的多层建构筑物内。',
      meaning: '车间里积了粉尘又用明火，就是重大隐患。',
      example: '某厂抛光车间未按规定清扫积尘。',
      source: src,
    },
    { id: 's3', heading: '第三节 有限空间', text: '未对有限空间作业场所进行辨识并设置明显安全警示标志。', source: src },
  ],
};

beforeEach(() => {
  jest.clearAllMocks();
  setRouterParams({ topic: 'major-hazard' });
  mocked.training.lesson.mockResolvedValue(view);
  mocked.training.lessonRead.mockImplementation((topic: string) => Promise.resolve({ topic, read: 2, sections: 3 }));
});

test('opens at the first unread section with its text, meaning, example and source, and marks it read', async () => {
  render(<LessonPage />);
  expect(await screen.findByText('第二节 粉尘涉爆', { selector: '.lesson__heading' })).toBeTruthy();
  expect(screen.getByText('这意味着什么')).toBeTruthy();
  expect(screen.getByText('车间里积了粉尘又用明火，就是重大隐患。')).toBeTruthy();
  expect(screen.getByText('例子')).toBeTruthy();
  expect(screen.getByText('出处：工贸企业重大事故隐患判定标准 第四条')).toBeTruthy();
  await waitFor(() => expect(mocked.training.lessonRead).toHaveBeenCalledWith('major-hazard', 's2'));
  expect(screen.getByText(/已学 2\/3 节/)).toBeTruthy();
  expect(mocked.training.lessonRead).toHaveBeenCalledTimes(1);
});

test('下一节 opens and marks the next; the last offers practice; a read section is not marked twice', async () => {
  render(<LessonPage />);
  await screen.findByText('第二节 粉尘涉爆', { selector: '.lesson__heading' });
  fireEvent.click(screen.getByText('下一节'));
  expect(screen.getByText('第三节 有限空间', { selector: '.lesson__heading' })).toBeTruthy();
  await waitFor(() => expect(mocked.training.lessonRead).toHaveBeenCalledWith('major-hazard', 's3'));
  expect(screen.getByText(/已学 3\/3 节/)).toBeTruthy();
  expect(screen.getByText('学完了，去练习')).toBeTruthy();
  fireEvent.click(screen.getByRole('link', { name: /第一节 总则 ?，已学$/ }));
  // Paragraphs split on blank lines.
  expect(screen.getByText('第二段总则的原文内容。')).toBeTruthy();
  expect(mocked.training.lessonRead).toHaveBeenCalledTimes(2);
});

test('an unknown topic, and a failed load', async () => {
  setRouterParams({ topic: 'nope' });
  const { unmount } = render(<LessonPage />);
  expect(screen.getByText('没有找到这门课程')).toBeTruthy();
  unmount();
  setRouterParams({ topic: 'fire' });
  const { CloudError } = jest.requireActual('../../../services/cloud-error');
  mocked.training.lesson.mockRejectedValue(new CloudError('NOT_FOUND', '该主题暂无课程'));
  render(<LessonPage />);
  expect(await screen.findByText('该主题暂无课程')).toBeTruthy();
});
