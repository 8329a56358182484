// 企业自查 (seed §12, issue 10): the enterprise's principal checks its own major hazards against the town's
// checklist for its industry; a 不符合 on a major-hazard line enters the ledger as 企业自查. And the two duties
// the town watches per enterprise (drills, self-inspections): when each was last done and when it is next due.
import { z } from 'zod';
import { PersonName } from './people';
import { CleanText, OptionalCleanText } from './text';

/** One checklist line as the town keeps it (config/town/checklists.json, then the `config` collection). */
export const ChecklistItem = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/),
    text: z.string().min(4).max(200),
    /** A line of a 重大事故隐患判定标准: a 不符合 is a major hazard and enters the ledger. */
    major: z.boolean(),
    /** The standard and article, for people (《工贸企业重大事故隐患判定标准》第四条第（一）项). */
    basis: z.string().min(2).max(120),
  })
  .strict();
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Checklist = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/),
    name: z.string().min(2).max(40),
    /** Industry ids (config/town/industries.json) it applies to; `*` = every enterprise (e.g. fire safety). */
    industries: z.array(z.string().min(1).max(32)).min(1),
    /**
     * The report category (config/town/categories.json) a 不符合 on one of its major lines is filed under in the
     * ledger; absent: the enterprise's industry's. The fire list sets 其他火灾隐患 so a 粉尘 plant's blocked exit
     * is not filed as a dust hazard.
     */
    categoryId: z.string().min(1).max(64).optional(),
    items: z.array(ChecklistItem).min(1).max(80),
  })
  .strict();
export type Checklist = z.infer<typeof Checklist>;

export const ChecklistSet = z
  .object({ checklists: z.array(Checklist).min(1) })
  .strict()
  .superRefine((set, ctx) => {
    const ids = new Set<string>();
    for (const [i, list] of set.checklists.entries()) {
      for (const [j, item] of list.items.entries()) {
        if (ids.has(item.id))
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['checklists', i, 'items', j, 'id'],
            message: 'duplicate id',
          });
        ids.add(item.id);
      }
    }
  });
export type ChecklistSet = z.infer<typeof ChecklistSet>;

/** The caller's enterprise's checklist: every list that applies, in order, with the version it was read at. */
export interface ChecklistView {
  version: number;
  industryName: string;
  sections: { id: string; name: string; items: ChecklistItem[] }[];
}

export const INSPECTION_RESULTS = ['ok', 'fail', 'na'] as const;
export const InspectionResult = z.enum(INSPECTION_RESULTS, { errorMap: () => ({ message: '请选择检查结果' }) });
export type InspectionResult = z.infer<typeof InspectionResult>;
export const INSPECTION_RESULT_LABELS: Record<InspectionResult, string> = {
  ok: '符合',
  fail: '不符合',
  na: '不涉及',
};

export const SelfInspectInput = z
  .object({
    /** The form's id (uuid-like): its photos' upload folder (uploadScope.inspect), and a retry files it once. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '表单编号无效'),
    /** The checklist version the form was filled against (a newer one refuses: reopen the form). */
    version: z.number().int().min(1).max(100000),
    /** 主要负责人 who led the check. */
    leaderName: PersonName,
    items: z
      .array(
        z
          .object({
            id: z.string().min(1).max(40),
            result: InspectionResult,
            note: OptionalCleanText(300, '说明不超过 300 字'),
            /** fileIDs the caller uploaded; required for 不符合. */
            photos: z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片').optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const [i, item] of v.items.entries()) {
      if (seen.has(item.id))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['items', i, 'id'], message: '同一检查项只能填一次' });
      seen.add(item.id);
      if (item.result === 'fail' && !item.photos?.length)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['items', i, 'photos'], message: '不符合的项目请拍照' });
      if (item.result === 'fail' && !item.note)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['items', i, 'note'], message: '请写明不符合的情况' });
    }
  });
export type SelfInspectInput = z.input<typeof SelfInspectInput>;

export interface SelfInspectResult {
  id: string;
  /** Ledger entries opened (one per 不符合 on a major-hazard line). */
  ledgerIds: string[];
  failed: number;
}

export interface InspectionSummary {
  id: string;
  at: string;
  leaderName: string;
  by: string;
  version: number;
  counts: Record<InspectionResult, number>;
  majorFails: number;
  ledgerNos: string[];
}

export interface InspectionDetail extends InspectionSummary {
  items: {
    id: string;
    text: string;
    major: boolean;
    basis: string;
    result: InspectionResult;
    resultLabel: string;
    note?: string;
    photoUrls: string[];
    ledgerNo?: string;
  }[];
}

/**
 * The enterprise's side of a ledger entry about it: progress notes and 整改完成 (the department then reviews the
 * 销号, seed §13: 部门审核把关销号).
 */
export const EnterpriseLedgerProgressInput = z
  .object({
    id: z.string().min(1).max(64),
    note: CleanText(2, 500, { min: '请填写整改进展（至少 2 个字）', max: '进展不超过 500 字' }),
    /** 整改完成，申请销号: needs photos of the fixed hazard. */
    done: z.boolean().optional(),
    evidence: z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.done && !v.evidence?.length)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['evidence'], message: '申请销号须上传整改后照片' });
  });
export type EnterpriseLedgerProgressInput = z.input<typeof EnterpriseLedgerProgressInput>;

/** ok: done within its period; dueSoon: due within the reminder lead; overdue: past due; never: no record. */
export const DUTY_STATES = ['ok', 'dueSoon', 'overdue', 'never'] as const;
export type DutyState = (typeof DUTY_STATES)[number];
export const DUTY_STATE_LABELS: Record<DutyState, string> = {
  ok: '按期完成',
  dueSoon: '即将到期',
  overdue: '已超期',
  never: '尚无记录',
};
export type DutyKind = 'drill' | 'inspection';
export const DUTY_KIND_LABELS: Record<DutyKind, string> = { drill: '应急演练', inspection: '重大隐患自查' };

export interface DutyStatus {
  kind: DutyKind;
  state: DutyState;
  /** YYYY-MM-DD of the last closed drill / self-inspection (town date), or null. */
  lastOn: string | null;
  /** YYYY-MM-DD by which the next one is due; null when there is none yet (do it now). */
  dueOn: string | null;
  /** Days from today to dueOn (negative when overdue); null with dueOn. */
  daysLeft: number | null;
  /** 12 / 6 months for drills, 3 / 1 for self-inspections (high-risk the shorter). */
  periodMonths: number;
}

/** One enterprise's two duties (its own desk, and a row of 安委办's compliance list). */
export interface EnterpriseDuties {
  enterpriseId: string;
  enterpriseName: string;
  highRisk: boolean;
  industryName: string;
  areaName: string;
  drill: DutyStatus;
  inspection: DutyStatus;
}

export const ComplianceListInput = z
  .object({
    kind: z.enum(['drill', 'inspection']),
    /** flagged: overdue or never; dueSoon; all. */
    filter: z.enum(['flagged', 'dueSoon', 'all']).optional(),
    page: z.number().int().min(1).max(1000).optional(),
    pageSize: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type ComplianceListInput = z.input<typeof ComplianceListInput>;
