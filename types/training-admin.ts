// 安委办's question bank (issue 9): list, edit (the version rises, attempts keep theirs), retire / restore,
// and the .xlsx import / export of the `trainingio` function. Shapes shared by the server and the office pages.
import { z } from 'zod';
import { Question, QuestionType, TrainingTopic } from './training';
import './zod-messages';

/** Topic id prefixes (`mh-001`): a new question without an id gets the next free number of its topic. */
export const TOPIC_PREFIX: Record<TrainingTopic, string> = {
  'major-hazard': 'mh',
  fire: 'fi',
  gas: 'gas',
  welding: 'wd',
  hazchem: 'hc',
  'confined-space': 'cs',
  evacuation: 'ev',
  law: 'law',
};

export const QUESTION_TYPE_NAMES: Record<QuestionType, string> = { single: '单选', multiple: '多选', judge: '判断' };

export const QuestionsInput = z
  .object({
    topic: TrainingTopic.optional(),
    retired: z.boolean().optional(),
    /** Words of the stem, or an id. */
    q: z.string().trim().max(40, '搜索词不超过 40 字').optional(),
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type QuestionsInput = z.input<typeof QuestionsInput>;

/** A question as the office sees it: the answer included (安委办 writes the bank). */
export type BankQuestionView = Question & {
  version: number;
  retired: boolean;
  updatedAt: string;
  updatedByName: string;
};

/**
 * Create (no `version`; the id may be left out and is then the next of its topic) or edit (`version` = the
 * version being edited: someone else's edit in between is refused, not overwritten).
 */
export const SaveQuestionInput = z
  .object({
    question: z.record(z.string(), z.unknown()),
    version: z.number().int().min(1).max(100000).optional(),
  })
  .strict();
export type SaveQuestionInput = { question: Omit<Question, 'id'> & { id?: string }; version?: number };

export const RetireQuestionInput = z
  .object({ id: z.string().regex(/^[a-z]{2,3}-\d{3}$/, '题目编号形如 mh-001'), retired: z.boolean() })
  .strict();

export const ExportQuestionsInput = z.object({ topic: TrainingTopic.optional() }).strict();

/** The .xlsx travels as base64 in the call (today's 209 questions are 57 KB, 78 KB as base64; the cap is 2 MB of file). */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
export const ImportQuestionsInput = z
  .object({
    fileName: z.string().trim().max(100).optional(),
    base64: z
      .string()
      .min(8, '请选择 Excel 文件')
      .max(Math.ceil(MAX_SHEET_BYTES / 3) * 4, '文件过大（上限 2 MB）')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容无效'),
    /** true: check only, write nothing (the office shows the errors before importing). */
    dryRun: z.boolean().optional(),
  })
  .strict();
export type ImportQuestionsInput = z.input<typeof ImportQuestionsInput>;

export interface ExportedSheet {
  fileName: string;
  mime: string;
  base64: string;
  count: number;
}

export interface SheetRowError {
  /** The spreadsheet row (1 = the header). */
  row: number;
  column?: string;
  /** 第 12 行：答案 E 不在选项中 */
  message: string;
}

export interface ImportResult {
  /** false: at least one row is wrong, nothing was written. */
  ok: boolean;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: SheetRowError[];
}
