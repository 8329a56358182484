// Shared words and helpers of the 安全培训 pages (training/ subpackage).
import type { QuestionType, QuizSummary } from '../../types/training';

export const TYPE_LABEL: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
};

/** How to answer, in plain words, under each question. */
export const TYPE_HINT: Record<QuestionType, string> = {
  single: '选一个答案',
  multiple: '可选多个答案，全部选对才得分',
  judge: '判断这句话对不对',
};

/** 判断题 keys T / F read as 正确 / 错误; choice keys as themselves. */
export const keyLabel = (type: QuestionType, key: string) => (type === 'judge' ? (key === 'T' ? '正确' : '错误') : key);

/** "B. 立即报告" / "正确": the answer keys with their option texts. */
export function answerText(
  type: QuestionType,
  keys: readonly string[],
  options: readonly { key: string; text: string }[],
): string {
  if (keys.length === 0) return '未作答';
  return keys
    .map((k) => {
      if (type === 'judge') return keyLabel(type, k);
      const text = options.find((o) => o.key === k)?.text;
      return text ? `${k}. ${text}` : k;
    })
    .join('；');
}

export const sourceText = (s: { doc: string; article: string }) => `${s.doc} ${s.article}`;

/** The campaign of a month (安全生产月 in June, 消防宣传月 in November). */
export function campaignName(month: number): string {
  if (month === 6) return '安全生产月';
  if (month === 11) return '消防宣传月';
  return '本月专题';
}

export const QUIZ_STATE: Record<QuizSummary['state'], string> = {
  open: '可以作答',
  upcoming: '尚未开始',
  closed: '已结束',
  exhausted: '次数已用完',
};

/** "剩 2 次" / "不限次数". */
export function attemptsLeft(q: Pick<QuizSummary, 'attemptsAllowed' | 'attemptsUsed' | 'kind'>): string {
  if (q.attemptsAllowed === 0) return '不限次数';
  // A contest's attempts are per day (a new round at 00:00): say so, not "剩 0 次".
  if (q.kind === 'contest') return `每天可答 ${q.attemptsAllowed} 次`;
  return `剩 ${Math.max(0, q.attemptsAllowed - q.attemptsUsed)} 次`;
}

/** The card's state word: a contest done for today is 今天已参加 (tomorrow is a new round). */
export function quizStateText(q: Pick<QuizSummary, 'state' | 'kind'>): string {
  return q.kind === 'contest' && q.state === 'exhausted' ? '今天已参加' : QUIZ_STATE[q.state];
}

/** 12:05 → "12 分 05 秒"; under an hour as minutes and seconds. */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h} 小时 ${m} 分 ${sec} 秒` : `${m} 分 ${sec} 秒`;
}

export const PAGES = {
  home: '/training/pages/home/index',
  lesson: (topic: string) => `/training/pages/lesson/index?topic=${encodeURIComponent(topic)}`,
  quiz: (id: string) => `/training/pages/quiz/index?id=${encodeURIComponent(id)}`,
  result: (attemptId: string) => `/training/pages/result/index?attemptId=${encodeURIComponent(attemptId)}`,
  practice: (q: { topic?: string; wrongBook?: boolean } = {}) => {
    const parts = [q.topic ? `topic=${encodeURIComponent(q.topic)}` : '', q.wrongBook ? 'wrongBook=1' : ''].filter(
      Boolean,
    );
    return `/training/pages/practice/index${parts.length ? `?${parts.join('&')}` : ''}`;
  },
  wrongBook: '/training/pages/wrong-book/index',
  history: '/training/pages/history/index',
  contest: (id: string) => `/training/pages/contest/index?id=${encodeURIComponent(id)}`,
  certificate: (code?: string) => `/training/pages/certificate/index${code ? `?code=${encodeURIComponent(code)}` : ''}`,
};
