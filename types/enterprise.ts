import { z } from 'zod';
import { Location, Paging } from './common';
import { CREDIT_CODE_MESSAGE, isValidCreditCode } from './credit-code';
import { PersonName } from './people';
import { CleanText } from './text';
import { MobilePhone } from './tipoff';

/** Industry ids of the town's list (config/town/industries.json holds names and the high-risk default). */
export const IndustryId = z.string().min(1, '请选择行业').max(32);

export const ENTERPRISE_STATUSES = ['pending', 'active', 'rejected', 'closed'] as const;
export const EnterpriseStatus = z.enum(ENTERPRISE_STATUSES);
export type EnterpriseStatus = z.infer<typeof EnterpriseStatus>;
export const ENTERPRISE_STATUS_LABELS: Record<EnterpriseStatus, string> = {
  pending: '待审核',
  active: '已登记',
  rejected: '未通过',
  closed: '已注销',
};

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I O Z S V; the last is a check
 * character. The schema only normalises and checks the shape; the check digit is verified by
 * `isValidCreditCode` (types/credit-code.ts) in a refine, so the app can show the same message.
 */
export const CreditCode = z
  .string()
  .max(40, '统一社会信用代码应为 18 位')
  .transform((s) => s.toUpperCase().replace(/\s/g, ''))
  .superRefine((code, ctx) => {
    if (code.length !== 18) ctx.addIssue({ code: z.ZodIssueCode.custom, message: '统一社会信用代码应为 18 位' });
    else if (!isValidCreditCode(code)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: CREDIT_CODE_MESSAGE });
  });

export const EnterpriseContact = z.object({ name: PersonName, phone: MobilePhone }).strict();

export const RegisterEnterpriseInput = z
  .object({
    name: CleanText(2, 60, { min: '请填写企业名称', max: '企业名称不超过 60 字' }, { singleLine: true }),
    creditCode: CreditCode,
    industry: IndustryId,
    areaId: z.string().min(1, '请选择所在居民区或村').max(64),
    address: CleanText(2, 120, { min: '请填写地址', max: '地址不超过 120 字' }, { singleLine: true }),
    location: Location.optional(),
    contact: EnterpriseContact,
    /** Employees as the enterprise declares them (the app's bound workers are counted apart). */
    workerCount: z.number().int('人数应为整数').min(1, '至少 1 人').max(100000, '人数不超过 100000'),
  })
  .strict();
export type RegisterEnterpriseInput = z.input<typeof RegisterEnterpriseInput>;

export interface EnterpriseSummary {
  id: string;
  name: string;
  creditCode: string;
  industry: string;
  industryName: string;
  highRisk: boolean;
  areaId: string;
  areaName: string;
  status: EnterpriseStatus;
  statusLabel: string;
  workerCount: number;
  /** Workers bound in the app. */
  boundWorkers: number;
  createdAt: string;
}

export interface EnterpriseDetail extends EnterpriseSummary {
  address: string;
  location?: Location;
  contact: { name: string; phone: string };
  /** Set when 安委办 changed the industry's default, with the reason. */
  highRiskOverride?: { value: boolean; reason: string; at: string };
  managers: { id: string; name: string }[];
  rejectReason?: string;
  closedReason?: string;
  approvedAt?: string;
  closedAt?: string;
}

export const EnterpriseListInput = Paging.extend({
  status: EnterpriseStatus.optional(),
  industry: IndustryId.optional(),
  areaId: z.string().min(1).max(64).optional(),
  highRisk: z.boolean().optional(),
  /** Part of a name or credit code. */
  q: CleanText(0, 40, { min: '', max: '搜索词不超过 40 字' }, { singleLine: true }).optional(),
}).strict();

export const ApproveEnterpriseInput = z
  .object({
    id: z.string().min(1).max(64),
    approved: z.boolean(),
    reason: CleanText(0, 200, { min: '', max: '原因不超过 200 字' }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.approved && !v.reason)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reason'], message: '请填写不通过的原因' });
  });

/** 安委办 or the enterprise's manager corrects details; the credit code never changes once active. */
export const UpdateEnterpriseInput = z
  .object({
    id: z.string().min(1).max(64),
    name: RegisterEnterpriseInput.shape.name.optional(),
    industry: IndustryId.optional(),
    areaId: z.string().min(1).max(64).optional(),
    address: RegisterEnterpriseInput.shape.address.optional(),
    location: Location.optional(),
    contact: EnterpriseContact.optional(),
    workerCount: RegisterEnterpriseInput.shape.workerCount.optional(),
  })
  .strict();

export const SetHighRiskInput = z
  .object({
    id: z.string().min(1).max(64),
    highRisk: z.boolean(),
    reason: CleanText(2, 200, { min: '请填写调整原因', max: '原因不超过 200 字' }),
  })
  .strict();

export const CloseEnterpriseInput = z
  .object({
    id: z.string().min(1).max(64),
    reason: CleanText(2, 200, { min: '请填写注销原因', max: '原因不超过 200 字' }),
  })
  .strict();

export const EnterpriseIdInput = z.object({ id: z.string().min(1).max(64) }).strict();

/** A worker or a pending join as the manager sees it: a name and an opaque id, never an openid. */
export interface EnterpriseMember {
  id: string;
  name: string;
  role: 'worker' | 'safetyManager';
  since: string;
}
export interface PendingJoin {
  id: string;
  name: string;
  requestedAt: string;
}

export const ConfirmJoinInput = z.object({ id: z.string().min(1).max(64), approved: z.boolean() }).strict();
export const RemoveWorkerInput = z
  .object({
    id: z.string().min(1).max(64),
    reason: CleanText(2, 100, { min: '请填写原因', max: '原因不超过 100 字' }, { singleLine: true }),
  })
  .strict();

// ── 内部隐患报告 (internal reports) ───────────────────────────────────────────────────────────────

export const INTERNAL_STATUSES = ['submitted', 'accepted', 'fixed', 'escalated'] as const;
export const InternalStatus = z.enum(INTERNAL_STATUSES);
export type InternalStatus = z.infer<typeof InternalStatus>;
export const INTERNAL_STATUS_LABELS: Record<InternalStatus, string> = {
  submitted: '待企业受理',
  accepted: '企业整改中',
  fixed: '已整改',
  escalated: '已转报镇里',
};

/** Why an internal report went to the town. */
export type EscalationReason = 'workerChose' | 'managerEscalated' | 'notAccepted' | 'notFixed';
export const ESCALATION_REASON_LABELS: Record<EscalationReason, string> = {
  workerChose: '报告人转报镇里',
  managerEscalated: '企业转报镇里',
  notAccepted: '企业 2 个工作日内未受理，自动转报镇里',
  notFixed: '企业未在承诺期限内整改，自动转报镇里',
};

export const InternalReportInput = z
  .object({
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效'),
    categoryId: z.string().min(1, '请选择隐患类别').max(64),
    description: CleanText(5, 500, { min: '描述至少 5 个字', max: '描述不超过 500 字' }),
    photos: z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片').default([]),
    /** Where in the enterprise (车间、仓库 …). */
    place: CleanText(0, 60, { min: '', max: '位置不超过 60 字' }, { singleLine: true }).optional(),
    /** Anonymous to the manager: they never learn who reported, in any field. */
    anonymous: z.boolean(),
  })
  .strict();
export type InternalReportInput = z.input<typeof InternalReportInput>;

export const InternalActInput = z.discriminatedUnion('step', [
  z
    .object({
      id: z.string().min(1).max(64),
      step: z.literal('accept'),
      /** The enterprise's own deadline for the fix (after it, the report goes to the town). */
      deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择整改期限'),
      note: CleanText(0, 200, { min: '', max: '说明不超过 200 字' }).optional(),
    })
    .strict(),
  z
    .object({
      id: z.string().min(1).max(64),
      step: z.literal('fixed'),
      evidence: z.array(z.string().min(1).max(256)).min(1, '请上传整改后的照片').max(9, '最多 9 张照片'),
      note: CleanText(2, 500, { min: '请说明整改情况', max: '说明不超过 500 字' }),
    })
    .strict(),
  z
    .object({
      id: z.string().min(1).max(64),
      step: z.literal('escalate'),
      reason: CleanText(2, 200, { min: '请填写转报原因', max: '原因不超过 200 字' }),
    })
    .strict(),
]);
export type InternalActInput = z.input<typeof InternalActInput>;

export interface InternalReport {
  id: string;
  no: string;
  enterpriseId: string;
  enterpriseName: string;
  categoryId: string;
  categoryName: string;
  description: string;
  place?: string;
  photoUrls: string[];
  anonymous: boolean;
  /** Only for a named report, and only to the manager and the reporter: never for an anonymous one. */
  reporterName?: string;
  status: InternalStatus;
  statusLabel: string;
  acceptBy: string;
  deadline?: string;
  evidenceUrls?: string[];
  escalation?: { reason: EscalationReason; reasonLabel: string; at: string; tipoffNo: string; tipoffId?: string };
  timeline: { at: string; text: string }[];
  createdAt: string;
  /** True for the caller's own report (the worker's view). */
  mine?: boolean;
}

/** 安委办: counts per enterprise, never the content. */
export interface InternalReportStats {
  enterpriseId: string;
  enterpriseName: string;
  total: number;
  open: number;
  fixed: number;
  escalated: number;
}

export const InternalReportsInput = Paging.extend({ status: InternalStatus.optional() }).strict();
export const ToTownInput = z.object({ id: z.string().min(1).max(64) }).strict();
