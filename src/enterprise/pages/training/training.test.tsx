import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { QuizProgress, QuizSummary } from '../../../../types/training';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { townToday } from '../../../services/format';
import EnterpriseTrainingPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    enterprise: { list: jest.fn() },
    training: { quizzes: jest.fn(), quizCreate: jest.fn(), assign: jest.fn(), progress: jest.fn() },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  training: Record<string, jest.Mock>;
};
const MANAGER = { openid: 'x', roles: ['resident', 'worker', 'safetyManager'], uploadKey: 'u', enterpriseId: 'e1' };
const year = Number(townToday().slice(0, 4)) + 1;

const QUIZ: QuizSummary = {
  id: 'q-town-1',
  title: '动火作业安全考试',
  kind: 'exam',
  questionCount: 20,
  passPercent: 80,
  timeLimitMinutes: 30,
  attemptsAllowed: 3,
  attemptsUsed: 0,
  opensOn: '2026-11-01',
  closesOn: `${year}-12-31`,
  state: 'open',
  bestScorePercent: null,
  passed: false,
};
const PROGRESS: QuizProgress = {
  quizId: 'q-town-1',
  quizTitle: '动火作业安全考试',
  dueOn: `${year}-01-15`,
  workers: 3,
  completionPercent: 67,
  passPercent: 33,
  people: [
    {
      personId: 'p1',
      name: '张师傅',
      attempts: 2,
      bestScorePercent: 65,
      passed: false,
      lastAt: '2026-11-28T09:30:00+08:00',
    },
    { personId: 'p2', name: '李工', attempts: 0, bestScorePercent: null, passed: false, lastAt: null },
    {
      personId: 'p3',
      name: '王班长',
      attempts: 1,
      bestScorePercent: 95,
      passed: true,
      lastAt: '2026-11-27T15:00:00+08:00',
    },
  ],
};

const pickDate = (label: string, ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  fireEvent.change(screen.getByRole('combobox', { name: `${label}：年` }), { target: { value: String(y) } });
  fireEvent.change(screen.getByRole('combobox', { name: `${label}：月` }), { target: { value: String(m) } });
  fireEvent.change(screen.getByRole('combobox', { name: `${label}：日` }), { target: { value: String(d) } });
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue(MANAGER);
  mocked.training.quizzes.mockResolvedValue([QUIZ]);
  mocked.training.progress.mockResolvedValue(PROGRESS);
  mocked.training.assign.mockResolvedValue({ id: 'q-town-1_e1', dueOn: `${year}-01-15` });
  mocked.training.quizCreate.mockResolvedValue({ id: 'q-new' });
});

test('lists the quizzes with their rules in plain words, never an id', async () => {
  render(<EnterpriseTrainingPage />);
  expect(await screen.findByText('动火作业安全考试')).toBeTruthy();
  expect(screen.getByText('共 20 题 · 80 分及格 · 限时 30 分钟 · 每人可考 3 次')).toBeTruthy();
  expect(screen.getByText('进行中')).toBeTruthy();
  expect(document.body.textContent).not.toContain('q-town-1');
});

test('布置给员工: a due date within the window, a confirmation, then the assignment', async () => {
  render(<EnterpriseTrainingPage />);
  fireEvent.click(await screen.findByText('布置给员工'));
  fireEvent.click(screen.getByText('布置…'));
  expect(screen.getByText('请选择完成期限')).toBeTruthy();
  expect(mocked.training.assign).not.toHaveBeenCalled();
  pickDate('完成期限', `${year}-01-15`);
  fireEvent.click(screen.getByText('布置…'));
  const dialog = screen.getByRole('alertdialog', { name: '把“动火作业安全考试”布置给本企业员工？' });
  fireEvent.click(within(dialog).getByText('确认布置'));
  await waitFor(() => expect(mocked.training.assign).toHaveBeenCalledWith('q-town-1', `${year}-01-15`));
  expect(
    await screen.findByText(new RegExp(`已把“动火作业安全考试”布置给员工，完成期限 ${year} 年 1 月 15 日`)),
  ).toBeTruthy();
});

test('progress: completion and pass rates, 未完成 first, then 未通过, then 已通过', async () => {
  render(<EnterpriseTrainingPage />);
  fireEvent.click(await screen.findByText('查看完成情况'));
  expect(await screen.findByText('67%')).toBeTruthy();
  expect(screen.getByText('完成率（2/3 人考过）')).toBeTruthy();
  expect(screen.getByText('合格率（1/3 人通过）')).toBeTruthy();
  const names = Array.from(document.querySelectorAll('.progress__person .desk9-row__name')).map((n) => n.textContent);
  expect(names).toEqual(['李工', '张师傅', '王班长']);
  expect(screen.getByText('未完成')).toBeTruthy();
  expect(screen.getByText('未通过')).toBeTruthy();
  expect(screen.getByText('已通过')).toBeTruthy();
  expect(screen.getByText('还没有交卷')).toBeTruthy();
  expect(screen.getByText(/考了 2 次 · 最好成绩 65 分 · 最近/)).toBeTruthy();
  expect(document.body.textContent).not.toContain('p1');
});

test('新建本企业考试: checked in Chinese, confirmed, sent for the own enterprise only', async () => {
  render(<EnterpriseTrainingPage />);
  fireEvent.click(await screen.findByText('新建本企业考试', { selector: '.ui-button *, .ui-button' }));
  fireEvent.click(screen.getByText('发布考试…'));
  expect(screen.getByText('请填写考试名称（至少 2 个字）')).toBeTruthy();
  expect(screen.getByText('请至少为一个主题填写题数')).toBeTruthy();
  expect(screen.getByText('请选择结束日期')).toBeTruthy();
  fireEvent.change(screen.getByLabelText('考试名称 *'), { target: { value: '本厂有限空间作业考试' } });
  fireEvent.change(screen.getByLabelText('有限空间'), { target: { value: '10' } });
  fireEvent.change(screen.getByLabelText('工贸企业重大事故隐患判定标准'), { target: { value: '5' } });
  fireEvent.change(screen.getByLabelText(/及格分数线/), { target: { value: '90' } });
  pickDate('结束日期', `${year}-03-31`);
  fireEvent.click(screen.getByText('发布考试…'));
  const dialog = screen.getByRole('alertdialog', { name: '发布“本厂有限空间作业考试”？' });
  expect(within(dialog).getByText(/面向本企业人员，共 15 题/)).toBeTruthy();
  fireEvent.click(within(dialog).getByText('确认发布'));
  await waitFor(() =>
    expect(mocked.training.quizCreate).toHaveBeenCalledWith({
      title: '本厂有限空间作业考试',
      draw: [
        { topic: 'major-hazard', count: 5 },
        { topic: 'confined-space', count: 10 },
      ],
      passPercent: 90,
      timeLimitMinutes: 30,
      attemptsAllowed: 3,
      opensOn: townToday(),
      closesOn: `${year}-03-31`,
      audience: 'enterprise',
      enterpriseId: 'e1',
    }),
  );
  expect(await screen.findByText('已发布“本厂有限空间作业考试”。可以在下面把它布置给员工。')).toBeTruthy();
  expect(mocked.training.quizzes).toHaveBeenCalledTimes(2);
});

test('a refusal from the server is shown in its words; the list has empty and error states', async () => {
  mocked.training.quizzes.mockResolvedValueOnce([]);
  const { unmount } = render(<EnterpriseTrainingPage />);
  expect(await screen.findByText('现在没有可用的考试。可以新建一场本企业考试。')).toBeTruthy();
  unmount();
  mocked.training.quizzes.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<EnterpriseTrainingPage />);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('动火作业安全考试')).toBeTruthy();
});

test('a manager without an enterprise is told what to do first', async () => {
  mocked.user.login.mockResolvedValue({ ...MANAGER, enterpriseId: undefined });
  render(<EnterpriseTrainingPage />);
  expect(await screen.findByText('您还没有登记企业')).toBeTruthy();
  expect(mocked.training.quizzes).not.toHaveBeenCalled();
});
