import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Coverage, QuestionStat } from '../../../../types/training';
import type { OfficeQuiz } from '../../../../types/training-office';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { townToday } from '../../../services/format';
import OfficeTrainingPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    enterprise: { list: jest.fn() },
    training: { quizList: jest.fn(), quizCreate: jest.fn(), stats: jest.fn(), coverage: jest.fn() },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  enterprise: { list: jest.Mock };
  training: Record<string, jest.Mock>;
};
const year = Number(townToday().slice(0, 4)) + 1;
const ADMIN = { openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' };

const QUIZ = (over: Partial<OfficeQuiz>): OfficeQuiz => ({
  id: 'q1',
  title: '全镇消防安全考试',
  kind: 'exam',
  audience: 'everyone',
  enterpriseName: null,
  draw: [
    { topic: 'fire', count: 10 },
    { topic: 'evacuation', count: 5 },
  ],
  questionCount: 15,
  passPercent: 60,
  timeLimitMinutes: 20,
  attemptsAllowed: 0,
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  createdByName: '镇安委办',
  createdAt: '2026-11-01T09:00:00+08:00',
  ...over,
});
const STATS: QuestionStat[] = [
  {
    questionId: 'fi-001',
    stem: '发现火灾应拨打哪个电话？',
    attempts: 40,
    facilityPercent: 98,
    discriminationPercent: 5,
    flag: 'tooEasy',
  },
  {
    questionId: 'fi-002',
    stem: '灭火器压力表指针在哪个区域表示正常？',
    attempts: 40,
    facilityPercent: 55,
    discriminationPercent: 48,
  },
  {
    questionId: 'ev-003',
    stem: '疏散时能否乘坐电梯？',
    attempts: 40,
    facilityPercent: 60,
    discriminationPercent: -20,
    flag: 'misleading',
  },
  {
    questionId: 'fi-009',
    stem: '动火作业前应办理什么手续？',
    attempts: 3,
    facilityPercent: 10,
    discriminationPercent: null,
    flag: 'tooHard',
  },
];
const row = (workers: number, took: number, passed: number) => ({
  workers,
  took,
  passed,
  coveragePercent: workers ? Math.round((took * 100) / workers) : null,
  passRatePercent: took ? Math.round((passed * 100) / took) : null,
});
const COVERAGE: Coverage = {
  quizId: null,
  quizTitle: null,
  enterprises: [
    {
      enterpriseId: 'ENT-2',
      name: '庙行五金加工厂',
      industry: 'trade-metal',
      industryName: '工贸（金属加工）',
      ...row(10, 2, 1),
    },
    {
      enterpriseId: 'ENT-1',
      name: '庙行精密机械有限公司',
      industry: 'trade-dust',
      industryName: '工贸（涉爆粉尘）',
      ...row(4, 4, 3),
    },
    { enterpriseId: 'ENT-3', name: '共康便民超市', industry: 'commerce', industryName: '商贸', ...row(0, 0, 0) },
  ],
  industries: [
    { industry: 'trade-metal', industryName: '工贸（金属加工）', enterprises: 1, ...row(10, 2, 1) },
    { industry: 'trade-dust', industryName: '工贸（涉爆粉尘）', enterprises: 1, ...row(4, 4, 3) },
  ],
  total: row(14, 6, 4),
  truncated: false,
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue(ADMIN);
  mocked.training.quizList.mockResolvedValue([
    QUIZ({}),
    QUIZ({
      id: 'q2',
      title: '本厂动火作业考试',
      audience: 'enterprise',
      enterpriseName: '庙行精密机械有限公司',
      createdByName: '王经理',
    }),
  ]);
  mocked.training.stats.mockResolvedValue({ attempts: 40, questions: STATS });
  mocked.training.coverage.mockResolvedValue(COVERAGE);
  mocked.training.quizCreate.mockResolvedValue({ id: 'q3' });
  mocked.enterprise.list.mockResolvedValue({
    items: [{ id: 'ENT-2', name: '庙行五金加工厂', industryName: '工贸（金属加工）' }],
    total: 1,
    page: 1,
    pageSize: 20,
  });
});

test('every quiz with its audience and topics in words; no ids on the screen', async () => {
  render(<OfficeTrainingPage />);
  expect(await screen.findByText('全镇消防安全考试')).toBeTruthy();
  expect(screen.getByText('所有人')).toBeTruthy();
  expect(screen.getAllByText('庙行精密机械有限公司').length).toBeGreaterThan(0);
  expect(screen.getAllByText('消防安全 10 题，疏散逃生与应急演练 5 题').length).toBe(2);
  expect(screen.getAllByText(/不限次数/).length).toBe(2);
  expect(document.body.textContent).not.toMatch(/q1|q2|ENT-|fi-0/);
});

test('题目统计: flagged questions first, each flag with its plain meaning', async () => {
  render(<OfficeTrainingPage />);
  await screen.findByText('全镇消防安全考试');
  fireEvent.click(screen.getAllByText('题目统计')[0]);
  expect(await screen.findByText('共 40 份答卷，4 道题被抽到，3 道需要留意。')).toBeTruthy();
  expect(mocked.training.stats).toHaveBeenCalledWith('q1');
  const stems = Array.from(document.querySelectorAll('.stats__stem')).map((n) => n.textContent);
  expect(stems).toEqual([
    '动火作业前应办理什么手续？',
    '疏散时能否乘坐电梯？',
    '发现火灾应拨打哪个电话？',
    '灭火器压力表指针在哪个区域表示正常？',
  ]);
  expect(screen.getByText('太容易')).toBeTruthy();
  expect(screen.getByText('太难')).toBeTruthy();
  expect(screen.getByText('可能有误导')).toBeTruthy();
  expect(screen.getByText(/总成绩好的人反而更容易答错/)).toBeTruthy();
  expect(screen.getByText('答对率 98%')).toBeTruthy();
  expect(screen.getByText('区分度 -20%')).toBeTruthy();
  expect(screen.getByText('区分度：人数太少')).toBeTruthy();
});

test('no hand-in yet: the statistics say so; a failure offers 重试', async () => {
  mocked.training.stats.mockResolvedValueOnce({ attempts: 0, questions: [] });
  render(<OfficeTrainingPage />);
  await screen.findByText('全镇消防安全考试');
  fireEvent.click(screen.getAllByText('题目统计')[0]);
  expect(await screen.findByText('还没有人交卷，暂无题目统计。')).toBeTruthy();
  fireEvent.click(screen.getByText('收起题目统计'));
  mocked.training.stats.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  fireEvent.click(screen.getAllByText('题目统计')[0]);
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
});

test('coverage of the town per enterprise (lowest first) and per industry; per quiz on its card', async () => {
  render(<OfficeTrainingPage />);
  expect(await screen.findByText('参训率（6/14 人考过）')).toBeTruthy();
  expect(mocked.training.coverage).toHaveBeenCalledWith(undefined);
  expect(screen.getByText('工贸（金属加工） · 10 人，考过 2 人，通过 1 人（合格率 50%）')).toBeTruthy();
  expect(screen.getByText('参训 20%')).toBeTruthy();
  // An enterprise nobody has joined yet says so, not a bare dash.
  expect(screen.getByText('暂无人员')).toBeTruthy();
  fireEvent.click(screen.getByText('按行业'));
  expect(screen.getByText('1 家企业 · 4 人，考过 4 人，通过 3 人（合格率 75%）')).toBeTruthy();
  fireEvent.click((await screen.findAllByText('参训情况'))[1]);
  await waitFor(() => expect(mocked.training.coverage).toHaveBeenCalledWith('q2'));
});

test('安委办 sets a quiz for one enterprise after a confirmation', async () => {
  render(<OfficeTrainingPage />);
  fireEvent.click(await screen.findByText('新建考试', { selector: '.office-training__new, .office-training__new *' }));
  fireEvent.change(screen.getByLabelText('考试名称 *'), { target: { value: '五金厂电气焊考试' } });
  fireEvent.click(screen.getByText('一家企业的人员'));
  fireEvent.change(screen.getByLabelText(/电气焊与特种作业/), { target: { value: '8' } });
  pickDate('结束日期', `${year}-02-28`);
  fireEvent.click(screen.getByText('发布考试…'));
  expect(screen.getByText('请选择企业')).toBeTruthy();
  fireEvent.change(screen.getByLabelText('查找企业（名称）'), { target: { value: '五金' } });
  fireEvent.click(screen.getByText('查找'));
  fireEvent.click(within(await screen.findByRole('radiogroup', { name: '选择企业' })).getByText('庙行五金加工厂'));
  expect(mocked.enterprise.list).toHaveBeenCalledWith({ status: 'active', pageSize: 20, q: '五金' });
  fireEvent.click(screen.getByText('发布考试…'));
  const dialog = screen.getByRole('alertdialog', { name: '发布“五金厂电气焊考试”？' });
  expect(within(dialog).getByText(/面向庙行五金加工厂，共 8 题/)).toBeTruthy();
  fireEvent.click(within(dialog).getByText('确认发布'));
  await waitFor(() =>
    expect(mocked.training.quizCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        audience: 'enterprise',
        enterpriseId: 'ENT-2',
        draw: [{ topic: 'welding', count: 8 }],
      }),
    ),
  );
  expect(await screen.findByText('已发布“五金厂电气焊考试”。')).toBeTruthy();
});

test('a leader reads statistics and coverage but sets no quiz', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
  render(<OfficeTrainingPage />);
  expect(await screen.findByText('全镇消防安全考试')).toBeTruthy();
  expect(screen.queryByText('新建考试')).toBeNull();
});

const pickDate = (label: string, ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  fireEvent.change(screen.getByRole('combobox', { name: `${label}：年` }), { target: { value: String(y) } });
  fireEvent.change(screen.getByRole('combobox', { name: `${label}：月` }), { target: { value: String(m) } });
  fireEvent.change(screen.getByRole('combobox', { name: `${label}：日` }), { target: { value: String(d) } });
};
