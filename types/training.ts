// Safety training (issue 9, DESIGN.md §7): the question bank and the lessons are data under config/training/,
// validated by these schemas (config/training/bank.test.ts). Answer keys never leave the server before submit.
import { z } from 'zod';

/** The eight topics of the bank, in the order pages list them. */
export const TRAINING_TOPICS = [
  'major-hazard',
  'fire',
  'gas',
  'welding',
  'hazchem',
  'confined-space',
  'evacuation',
  'law',
] as const;
export const TrainingTopic = z.enum(TRAINING_TOPICS);
export type TrainingTopic = z.infer<typeof TrainingTopic>;
export const TOPIC_NAMES: Record<TrainingTopic, string> = {
  'major-hazard': '工贸企业重大事故隐患判定标准',
  fire: '消防安全',
  gas: '城镇燃气',
  welding: '电气焊与特种作业',
  hazchem: '危险化学品',
  'confined-space': '有限空间',
  evacuation: '疏散逃生与应急演练',
  law: '安全生产法',
};

/** single: one right option; multiple: two or more, all or nothing; judge: 正确 / 错误 (keys T / F). */
export const QuestionType = z.enum(['single', 'multiple', 'judge']);
export type QuestionType = z.infer<typeof QuestionType>;

/** A–F for choice questions; T (正确) and F (错误) for true/false. */
const OptionKey = z.string().regex(/^[A-FT]$/, '选项键为 A–F，判断题为 T/F');

export const QuestionOption = z.object({ key: OptionKey, text: z.string().min(1).max(200) }).strict();

/** Where a question comes from: the document and the article (条) or section it rests on. */
export const QuestionSource = z
  .object({
    doc: z.string().min(4).max(100),
    article: z.string().min(2).max(60),
  })
  .strict();

export const Question = z
  .object({
    /** Stable id, `<topic prefix>-<nnn>`, e.g. `mh-001`; never reused for another question. */
    id: z.string().regex(/^[a-z]{2,3}-\d{3}$/, '题目编号形如 mh-001'),
    topic: TrainingTopic,
    type: QuestionType,
    stem: z.string().min(6).max(300),
    options: z.array(QuestionOption).min(2).max(6),
    /** Keys of the right options. */
    answer: z.array(z.string()).min(1),
    explanation: z.string().min(10).max(600),
    source: QuestionSource,
    /** 1 easy … 3 hard, the writer's estimate (the statistics tell the truth later). */
    difficulty: z.number().int().min(1).max(3).default(2),
  })
  .strict()
  .superRefine((q, ctx) => {
    const keys = q.options.map((o) => o.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['options'], message: '选项重复' });
    for (const a of q.answer) {
      if (!keys.includes(a)) ctx.addIssue({ code: 'custom', path: ['answer'], message: `答案 ${a} 不在选项中` });
    }
    if (new Set(q.answer).size !== q.answer.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '答案重复' });
    }
    if (q.type === 'judge') {
      const ok = keys.length === 2 && keys.includes('T') && keys.includes('F') && q.answer.length === 1;
      if (!ok)
        ctx.addIssue({ code: 'custom', path: ['options'], message: '判断题的选项为 T（正确）与 F（错误），答案一个' });
    }
    if (q.type === 'single' && q.answer.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '单选题只有一个答案' });
    }
    if (q.type === 'multiple' && q.answer.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '多选题至少两个答案' });
    }
    if (q.type !== 'judge' && (keys.includes('T') || q.options.length < 3)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: '选择题的选项为 A、B、C…，至少 3 个' });
    }
  });
export type Question = z.infer<typeof Question>;

/** One file per topic: config/training/questions/<topic>.json. */
export const QuestionFile = z.object({ topic: TrainingTopic, questions: z.array(Question).min(1) }).strict();

/**
 * A lesson (config/training/lessons/<topic>.json): short sections written from the official text, readable on
 * a phone. For 判定标准 each section is one article: what it says, what it means on a shop floor, an example.
 */
export const Lesson = z
  .object({
    topic: TrainingTopic,
    title: z.string().min(2).max(40),
    /** One or two sentences: who this is for and what they will know after. */
    intro: z.string().min(10).max(300),
    sections: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{2,40}$/),
            heading: z.string().min(2).max(40),
            /** The official text, quoted or summarised; plain paragraphs separated by blank lines. */
            text: z.string().min(20).max(2000),
            /** What it means on a shop floor / at home. */
            meaning: z.string().min(10).max(800).optional(),
            example: z.string().min(10).max(800).optional(),
            source: QuestionSource,
          })
          .strict(),
      )
      .min(3),
    /** Campaign months this lesson is featured in (6 = 安全生产月, 11 = 消防宣传月). */
    featuredMonths: z.array(z.number().int().min(1).max(12)).default([]),
  })
  .strict();
export type Lesson = z.infer<typeof Lesson>;

// ---- Quizzes, attempts, practice (the `training` function) ----

const Id = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');
const Paging = z.object({
  page: z.number().int().min(1).max(1000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});

/** Who a quiz is for. `enterprise`: the workers and managers of one enterprise (`enterpriseId`). */
export const QuizAudience = z.enum(['everyone', 'workers', 'managers', 'enterprise']);
export type QuizAudience = z.infer<typeof QuizAudience>;

export const QuizKind = z.enum(['exam', 'contest']);

/** A quiz definition (安委办, or a manager for their own enterprise). */
export const QuizInput = z
  .object({
    title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题不超过 40 字'),
    kind: QuizKind.default('exam'),
    /** How many questions to draw from each topic. */
    draw: z
      .array(z.object({ topic: TrainingTopic, count: z.number().int().min(1).max(50) }).strict())
      .min(1, '请至少选择一个主题')
      .max(8),
    /** Percent of the full score needed to pass (each question counts one). */
    passPercent: z.number().int().min(1).max(100),
    timeLimitMinutes: z.number().int().min(1).max(180),
    /** 0 = unlimited. */
    attemptsAllowed: z.number().int().min(0).max(20),
    opensOn: Day,
    closesOn: Day,
    audience: QuizAudience,
    enterpriseId: Id.optional(),
  })
  .strict()
  .refine((q) => q.opensOn <= q.closesOn, { message: '结束日期不能早于开始日期', path: ['closesOn'] })
  .refine((q) => q.audience !== 'enterprise' || !!q.enterpriseId, {
    message: '请选择企业',
    path: ['enterpriseId'],
  });
export type QuizInput = z.input<typeof QuizInput>;

export interface QuizSummary {
  id: string;
  title: string;
  kind: 'exam' | 'contest';
  questionCount: number;
  passPercent: number;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  attemptsUsed: number;
  opensOn: string;
  closesOn: string;
  /** open: may start; upcoming / closed: outside its window; exhausted: no attempts left. */
  state: 'open' | 'upcoming' | 'closed' | 'exhausted';
  bestScorePercent: number | null;
  passed: boolean;
  /** An unfinished attempt to resume. */
  openAttemptId?: string;
  /** When a manager assigned it: the due date. */
  dueOn?: string;
}

/** A question as the worker sees it before submit: never the answer. Options are shuffled per attempt. */
export interface PaperQuestion {
  /** Position in the paper, 1-based. */
  n: number;
  questionId: string;
  type: QuestionType;
  topic: TrainingTopic;
  stem: string;
  options: { key: string; text: string }[];
}

export interface AttemptView {
  id: string;
  quizId: string;
  quizTitle: string;
  startedAt: string;
  /** Server deadline (ISO); submissions are accepted until deadline + a short grace. */
  deadline: string;
  status: 'open' | 'submitted' | 'expired';
  questions: PaperQuestion[];
  /** Answers saved so far, by question number. */
  saved: Record<string, string[]>;
}

export const StartInput = z.object({ quizId: Id }).strict();
export const SaveAnswerInput = z
  .object({ attemptId: Id, n: z.number().int().min(1).max(200), answer: z.array(z.string().regex(/^[A-FT]$/)).max(6) })
  .strict();
export const SubmitAttemptInput = z.object({ attemptId: Id }).strict();
export const AttemptIdInput = z.object({ attemptId: Id }).strict();

export interface ReviewItem extends PaperQuestion {
  given: string[];
  answer: string[];
  correct: boolean;
  explanation: string;
  source: { doc: string; article: string };
}

export interface AttemptResult {
  id: string;
  quizId: string;
  quizTitle: string;
  score: number;
  total: number;
  scorePercent: number;
  /** The pass mark the attempt was judged by (the quiz's, when it was started). */
  passPercent: number;
  passed: boolean;
  submittedAt: string;
  review: ReviewItem[];
  /** Present when passed: the certificate's public verification code. */
  certificateCode?: string;
}

export const PracticeInput = z.object({ topic: TrainingTopic.optional(), wrongBook: z.boolean().optional() }).strict();
export const PracticeAnswerInput = z
  .object({
    questionId: z.string().regex(/^[a-z]{2,3}-\d{3}$/),
    answer: z
      .array(z.string().regex(/^[A-FT]$/))
      .min(1)
      .max(6),
  })
  .strict();
export interface PracticeFeedback {
  correct: boolean;
  answer: string[];
  explanation: string;
  source: { doc: string; article: string };
  /** The question's 错题本 state after this answer. */
  inWrongBook: boolean;
  streak: number;
}

export const HistoryInput = Paging.strict();
export const WrongBookInput = Paging.extend({ topic: TrainingTopic.optional() }).strict();

export interface Certificate {
  code: string;
  name: string;
  quizTitle: string;
  scorePercent: number;
  passedOn: string;
  issuer: string;
}
export const VerifyCertificateInput = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[2-9A-HJ-KM-NP-Z]{12}$/, '证书编号为 12 位字母数字'),
  })
  .strict();

/** A manager assigns a quiz to their enterprise's workers with a due date. */
export const AssignInput = z.object({ quizId: Id, dueOn: Day }).strict();

/** Per-question statistics as Moodle's quiz report computes them (facility %, discrimination index %). */
export interface QuestionStat {
  questionId: string;
  stem: string;
  attempts: number;
  facilityPercent: number;
  discriminationPercent: number | null;
  flag?: 'tooEasy' | 'tooHard' | 'misleading';
}

export interface LessonSummary {
  topic: TrainingTopic;
  topicName: string;
  title: string;
  intro: string;
  sections: number;
  /** Sections the caller has read. */
  read: number;
  /** Featured by this month's campaign (安全生产月 in June, 消防宣传月 in November). */
  featured: boolean;
}

export type LessonView = Lesson & { topicName: string; readSections: string[] };

export interface AttemptSummary {
  id: string;
  quizId: string;
  quizTitle: string;
  startedAt: string;
  status: 'open' | 'submitted' | 'expired';
  scorePercent: number | null;
  passed: boolean | null;
  certificateCode: string | null;
}

export interface WrongBookItem {
  questionId: string;
  topic: TrainingTopic;
  topicName: string;
  type: QuestionType;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  source: { doc: string; article: string };
  /** Times answered wrong; right answers in a row since (two clear it). */
  wrong: number;
  streak: number;
  at: string;
}

export interface QuizProgress {
  quizId: string;
  quizTitle: string;
  dueOn: string | null;
  workers: number;
  completionPercent: number;
  passPercent: number;
  /** Not yet passed first, then by name. personId, never an openid. */
  people: {
    personId: string;
    name: string;
    attempts: number;
    bestScorePercent: number | null;
    passed: boolean;
    lastAt: string | null;
  }[];
}

// ---- 安全生产月 contest and 安委办 coverage (issue 9, contest9) ----

/** A contest's leaderboard: one town day's round (default today), by person, enterprise or area (居民区/村). */
export const LeaderboardInput = z
  .object({ quizId: Id, day: Day.optional(), by: z.enum(['person', 'enterprise', 'area']).default('person') })
  .strict();
export type LeaderboardInput = z.input<typeof LeaderboardInput>;

export interface LeaderboardRow {
  rank: number;
  /** person: displayName or 匿名学员; enterprise: its name; area: the 居民区/村 of the enterprise. */
  name: string;
  /** person: their best score of the day; a group: the mean of its people's best scores. */
  scorePercent: number;
  /** person: time taken by that attempt; a group: the mean. Seconds. */
  tookSeconds: number;
  /** person: when it was handed in; a group: how many took part. */
  finishedAt?: string;
  participants?: number;
  /** The caller's own row (person) or their enterprise's / area's. */
  isMine: boolean;
}

export interface Leaderboard {
  quizId: string;
  quizTitle: string;
  day: string;
  by: 'person' | 'enterprise' | 'area';
  /** How the contest runs: the days of its window. */
  opensOn: string;
  closesOn: string;
  participants: number;
  /** The top rows (at most 50). */
  rows: LeaderboardRow[];
  /** The caller's row when it is not among the top rows. */
  mine: LeaderboardRow | null;
  /** More handed-in attempts than one board reads (LEADERBOARD_MAX_ATTEMPTS): ranked on the first ones only. */
  truncated: boolean;
}

/** 安委办 coverage: per enterprise and per industry, of one quiz or of every quiz. */
export const CoverageInput = z.object({ quizId: Id.optional() }).strict();
export type CoverageInput = z.input<typeof CoverageInput>;

export interface CoverageRow {
  /** Workers and safety managers linked to the enterprise. */
  workers: number;
  /** Of them: handed in at least one attempt. */
  took: number;
  /** Of them: passed at least once. */
  passed: number;
  /** took / workers, %; null with no workers. */
  coveragePercent: number | null;
  /** passed / took, %; null when nobody took it. */
  passRatePercent: number | null;
}

export interface Coverage {
  quizId: string | null;
  quizTitle: string | null;
  enterprises: (CoverageRow & { enterpriseId: string; name: string; industry: string; industryName: string })[];
  industries: (CoverageRow & { industry: string; industryName: string; enterprises: number })[];
  total: CoverageRow;
  /** A read hit its bound (COVERAGE_MAX_*): the figures cover the first documents only. */
  truncated: boolean;
}
