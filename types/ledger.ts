import { z } from 'zod';
import { DateOnly, Paging } from './common';

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
  departmentId: z.string().optional(),
}).strict();

export const LedgerCreateInput = z
  .object({
    source: z.enum(['selfReport', 'inspection']),
    title: z.string().trim().min(2, '请填写隐患名称').max(60),
    description: z.string().trim().min(5, '描述至少 5 个字').max(1000),
    categoryId: z.string().min(1, '请选择类别'),
    enterpriseName: z.string().trim().min(2, '请填写单位名称').max(60),
    address: z.string().trim().min(2, '请填写地址').max(120),
    deadline: DateOnly,
  })
  .strict();
export type LedgerCreateInput = z.input<typeof LedgerCreateInput>;

export const LedgerProgressInput = z
  .object({ id: z.string().min(1), note: z.string().trim().min(2).max(500), close: z.boolean().optional() })
  .strict();
