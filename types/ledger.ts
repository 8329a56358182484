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

export const LedgerStatus = z.enum(['open', 'rectifying', 'closed']);
export type LedgerStatus = z.infer<typeof LedgerStatus>;
export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  open: '待整改',
  rectifying: '整改中',
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
  enterpriseName?: string;
  address: string;
  deadline: string | null;
  status: LedgerStatus;
  progress: { at: string; note: string }[];
  tipoffId?: string;
  tipoffNo?: string;
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
    address: CleanText(2, 120, { min: '请填写地址', max: '地址不超过 120 字' }, { singleLine: true }),
    deadline: DateOnly,
  })
  .strict();
export type LedgerCreateInput = z.input<typeof LedgerCreateInput>;

export const LedgerProgressInput = z
  .object({
    id: z.string().min(1).max(64),
    note: CleanText(2, 500, { min: '请填写进展（至少 2 个字）', max: '进展不超过 500 字' }),
    close: z.boolean().optional(),
  })
  .strict();
