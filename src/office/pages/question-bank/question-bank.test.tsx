import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { BankQuestionView } from '../../../../types/training-admin';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import { pickSheet, saveSheet } from '../../components/sheet-file';
import QuestionBankPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    user: { login: jest.fn() },
    training: { questions: jest.fn(), saveQuestion: jest.fn(), retireQuestion: jest.fn() },
    trainingio: { exportQuestions: jest.fn(), importQuestions: jest.fn() },
  },
}));
jest.mock('../../components/sheet-file', () => ({ pickSheet: jest.fn(), saveSheet: jest.fn() }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  training: { questions: jest.Mock; saveQuestion: jest.Mock; retireQuestion: jest.Mock };
  trainingio: { exportQuestions: jest.Mock; importQuestions: jest.Mock };
};
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });
const q: BankQuestionView = {
  id: 'fi-001',
  topic: 'fire',
  type: 'single',
  stem: '发现初起火灾，首先应当怎么做？',
  options: [
    { key: 'A', text: '立即报警并组织扑救' },
    { key: 'B', text: '先收拾贵重物品' },
    { key: 'C', text: '等待他人处理' },
  ],
  answer: ['A'],
  explanation: '消防法第四十四条：任何人发现火灾都应当立即报警。',
  source: { doc: '《中华人民共和国消防法》', article: '第四十四条' },
  difficulty: 1,
  version: 1,
  retired: false,
  updatedAt: '2026-11-01T09:00:00+08:00',
  updatedByName: '初始题库',
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-a', roles: ['resident', 'staff', 'admin'], uploadKey: 'k' });
  mocked.training.questions.mockResolvedValue(page([q]));
});

test('lists questions with version, answer and source; filters by topic and searches', async () => {
  render(<QuestionBankPage />);
  expect(await screen.findByText('fi-001 · 单选 · 第 1 版')).toBeTruthy();
  expect(screen.getByText('A. 立即报警并组织扑救（正确答案）')).toBeTruthy();
  expect(screen.getByText(/出处：《中华人民共和国消防法》 第四十四条/)).toBeTruthy();
  expect(mocked.training.questions).toHaveBeenLastCalledWith({
    topic: undefined,
    retired: false,
    page: 1,
    pageSize: 20,
  });
  fireEvent.click(screen.getByText('消防安全'));
  await waitFor(() =>
    expect(mocked.training.questions).toHaveBeenLastCalledWith(expect.objectContaining({ topic: 'fire' })),
  );
  fireEvent.change(screen.getByLabelText('搜索题干或编号'), { target: { value: '报警' } });
  fireEvent.click(screen.getByText('搜索'));
  await waitFor(() =>
    expect(mocked.training.questions).toHaveBeenLastCalledWith(expect.objectContaining({ q: '报警' })),
  );
});

test('an edit is checked on the phone, confirmed as the next version, and sent with the version read', async () => {
  mocked.training.saveQuestion.mockResolvedValue({ ...q, stem: '发现初起火灾，第一步应当怎么做？', version: 2 });
  render(<QuestionBankPage />);
  fireEvent.click(await screen.findByLabelText('修改 fi-001'));
  fireEvent.change(screen.getByLabelText(/出处条款/), { target: { value: '' } });
  fireEvent.click(screen.getByText('保存修改…'));
  expect(screen.getByText('出处条款至少 2 个字')).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/出处条款/), { target: { value: '第四十四条' } });
  fireEvent.change(screen.getByLabelText(/^题干/), { target: { value: '发现初起火灾，第一步应当怎么做？' } });
  fireEvent.click(screen.getByText('保存修改…'));
  expect(screen.getByRole('alertdialog', { name: '保存为第 2 版？' })).toBeTruthy();
  fireEvent.click(screen.getByText('确认保存'));
  await waitFor(() =>
    expect(mocked.training.saveQuestion).toHaveBeenCalledWith({
      question: {
        id: 'fi-001',
        topic: 'fire',
        type: 'single',
        stem: '发现初起火灾，第一步应当怎么做？',
        options: q.options,
        answer: ['A'],
        explanation: q.explanation,
        source: q.source,
        difficulty: 1,
      },
      version: 1,
    }),
  );
  expect(await screen.findByText('已保存 fi-001（第 2 版）')).toBeTruthy();
});

test('retiring asks first and says past attempts are untouched; a leader sees no edit buttons', async () => {
  mocked.training.retireQuestion.mockResolvedValue({ ...q, retired: true });
  const { unmount } = render(<QuestionBankPage />);
  fireEvent.click(await screen.findByLabelText('停用 fi-001'));
  expect(screen.getByText(/已经开始或交卷的考试不受影响/)).toBeTruthy();
  fireEvent.click(screen.getByText('确认停用'));
  await waitFor(() => expect(mocked.training.retireQuestion).toHaveBeenCalledWith('fi-001', true));
  expect(await screen.findByText('已停用 fi-001')).toBeTruthy();
  unmount();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'o-l', roles: ['resident', 'leader'], uploadKey: 'k' });
  render(<QuestionBankPage />);
  expect(await screen.findByText('fi-001 · 单选 · 第 1 版')).toBeTruthy();
  expect(screen.queryByLabelText('修改 fi-001')).toBeNull();
  expect(screen.queryByText('导入 Excel')).toBeNull();
  expect(screen.getByText('导出 Excel')).toBeTruthy();
});

test('导入 Excel shows every wrong row and imports nothing; a clean file is imported after a confirmation', async () => {
  (pickSheet as jest.Mock).mockResolvedValue({ name: '题库.xlsx', base64: 'UEsDBA==' });
  mocked.trainingio.importQuestions.mockResolvedValueOnce({
    ok: false,
    dryRun: true,
    rows: 30,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [
      { row: 12, message: '第 12 行：答案 E 不在选项中' },
      { row: 15, message: '第 15 行：出处文件必填' },
    ],
  });
  render(<QuestionBankPage />);
  fireEvent.click(await screen.findByText('导入 Excel'));
  expect(await screen.findByText('第 12 行：答案 E 不在选项中')).toBeTruthy();
  expect(screen.getByText('第 15 行：出处文件必填')).toBeTruthy();
  expect(screen.getByText('题库.xlsx有 2 处错误，未导入任何题目')).toBeTruthy();
  expect(mocked.trainingio.importQuestions).toHaveBeenCalledTimes(1);
  expect(mocked.trainingio.importQuestions).toHaveBeenCalledWith({
    base64: 'UEsDBA==',
    fileName: '题库.xlsx',
    dryRun: true,
  });

  const clean = { ok: true, rows: 30, created: 2, updated: 1, unchanged: 27, errors: [] };
  mocked.trainingio.importQuestions.mockResolvedValueOnce({ ...clean, dryRun: true });
  mocked.trainingio.importQuestions.mockResolvedValueOnce({ ...clean, dryRun: false });
  fireEvent.click(screen.getByText('导入 Excel'));
  expect(await screen.findByRole('alertdialog', { name: '导入 30 道题？' })).toBeTruthy();
  expect(screen.getByText(/新增 2 道，修改 1 道（版本加 1），未变 27 道/)).toBeTruthy();
  fireEvent.click(screen.getByText('确认导入'));
  await waitFor(() =>
    expect(mocked.trainingio.importQuestions).toHaveBeenLastCalledWith({ base64: 'UEsDBA==', fileName: '题库.xlsx' }),
  );
  expect(await screen.findByText('已导入：新增 2 道，修改 1 道，未变 27 道')).toBeTruthy();
});

test('导出 Excel hands the file over; a failure is said in plain words', async () => {
  const sheet = { fileName: '题库-全部-20261129.xlsx', mime: 'x', base64: 'UEsDBA==', count: 175 };
  mocked.trainingio.exportQuestions.mockResolvedValueOnce(sheet);
  render(<QuestionBankPage />);
  fireEvent.click(await screen.findByText('导出 Excel'));
  await waitFor(() => expect(saveSheet).toHaveBeenCalledWith(sheet));
  expect(await screen.findByText('已导出 175 道题：题库-全部-20261129.xlsx')).toBeTruthy();
  mocked.trainingio.exportQuestions.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  fireEvent.click(screen.getByText('导出 Excel'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
});
