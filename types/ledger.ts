import { z } from 'zod';
import { DateOnly, Paging } from './common';
import { CleanText } from './text';

/** Where a ledger entry came from (seed §15). */
export const LedgerSource = z.enum(['selfReport', 'inspection', 'tipoff']);
export type LedgerSource = z.infer<typeof LedgerSource>;
export const LEDGER_SOURCE_LABELS: Record<LedgerSource, string> = {
  selfReport: '企业自查',
  inspection: '检查发现',
  tipoff: '群众举报',
};

/**
 * `rectified`: the enterprise reported the hazard fixed, with photos (enterprise.ledgerProgress `done`); the
 * department reviews it — 销号 (close) or 退回整改 (back to `rectifying`), seed §13 部门审核把关销号.
 */
export const LedgerStatus = z.enum(['open', 'rectifying', 'rectified', 'closed']);
export type LedgerStatus = z.infer<typeof LedgerStatus>;
export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  open: '待整改',
  rectifying: '整改中',
  rectified: '整改完成待审核',
  closed: '已销号',
};

/** 重大事故隐患台账: one entry per major hazard until it is signed off. */
export interface LedgerEntry {
  id: string;
  no: string;
  source: LedgerSource;
  title: string;
  description: string;
  categoryId: string;
  categoryName: string;
  grade: 'major';
  departmentId: string;
  departmentName: string;
  /** The registered enterprise the hazard is at (its managers see and answer the entry). */
  enterpriseId?: string;
  enterpriseName?: string;
  address: string;
  deadline: string | null;
  status: LedgerStatus;
  /** `evidenceUrls`: short-lived URLs of the photos given with that step (always for a 销号). */
  progress: { at: string; note: string; evidenceUrls?: string[] }[];
  tipoffId?: string;
  tipoffNo?: string;
  /** The self-inspection (企业自查, issue 10) that found it. */
  inspectionId?: string;
  createdAt: string;
  closedAt?: string;
}

export const LedgerListInput = Paging.extend({
  status: LedgerStatus.optional(),
  departmentId: z.string().max(64).optional(),
}).strict();

export const LedgerCreateInput = z
  .object({
    source: z.enum(['selfReport', 'inspection']),
    title: CleanText(2, 60, { min: '请填写隐患名称', max: '隐患名称不超过 60 字' }, { singleLine: true }),
    description: CleanText(5, 1000, { min: '描述至少 5 个字', max: '描述不超过 1000 字' }),
    categoryId: z.string().min(1, '请选择类别').max(64),
    enterpriseName: CleanText(2, 60, { min: '请填写单位名称', max: '单位名称不超过 60 字' }, { singleLine: true }),
    /** A registered enterprise (its managers are told and answer the entry); its registered name is kept. */
    enterpriseId: z.string().min(1).max(64).optional(),
    address: CleanText(2, 120, { min: '请填写地址', max: '地址不超过 120 字' }, { singleLine: true }),
    deadline: DateOnly,
  })
  .strict();
export type LedgerCreateInput = z.input<typeof LedgerCreateInput>;

/** The shortest note a 销号 takes: what was done and how it was checked, not "已清理". */
export const LEDGER_CLOSE_NOTE_MIN = 10;

/**
 * A progress note, or the 销号 (`close`). Closing needs evidence — at least one photo of the fixed hazard
 * (uploaded by the caller, like the queue's 整改完成) and a note of at least LEDGER_CLOSE_NOTE_MIN characters.
 */
export const LedgerProgressInput = z
  .object({
    id: z.string().min(1).max(64),
    note: CleanText(2, 500, { min: '请填写进展（至少 2 个字）', max: '进展不超过 500 字' }),
    close: z.boolean().optional(),
    /** fileIDs of photos the caller uploaded (required when closing). */
    evidence: z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.close) return;
    if (!v.evidence?.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['evidence'], message: '销号须上传整改后照片' });
    }
    if (v.note.length < LEDGER_CLOSE_NOTE_MIN) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['note'],
        message: `销号须写明整改措施和复查结果（至少 ${LEDGER_CLOSE_NOTE_MIN} 个字）`,
      });
    }
  });
export type LedgerProgressInput = z.input<typeof LedgerProgressInput>;
