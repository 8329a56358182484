import { z } from 'zod';
import { DateOnly, Paging } from './common';
import { CleanText, OptionalCleanText } from './text';
import { TipoffStatus, type TimelineEntry, type TipoffBasics } from './tipoff';

export const QueueListInput = Paging.extend({
  status: TipoffStatus.optional(),
  categoryId: z.string().min(1).max(64).optional(),
  areaId: z.string().min(1).max(64).optional(),
  /** Only reports whose current step is past its deadline. */
  overdue: z.boolean().optional(),
  /** Only suspected or verified major hazards. */
  major: z.boolean().optional(),
}).strict();
export type QueueListInput = z.input<typeof QueueListInput>;

/** Escalation ladder for overdue cases (seed §13): 函告 → 通报 → 约谈 → 曝光. */
export const ESCALATION_STEPS = ['notice', 'bulletin', 'summons', 'exposure'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];
export const ESCALATION_LABELS: Record<EscalationStep, string> = {
  notice: '函告',
  bulletin: '通报',
  summons: '约谈',
  exposure: '曝光',
};

/** What department staff see of a report: never the reporter's identity. */
export interface QueueItem extends TipoffBasics {
  address: string;
  suspectedMajor: boolean;
  /** Verified as a major hazard (重大事故隐患). */
  major: boolean;
  reporter: string;
  createdAt: string;
  /** Deadline of the current step (ISO), if the step has one. */
  dueAt: string | null;
  overdue: boolean;
  /** 0 = none; 1..4 = 函告/通报/约谈/曝光 reached. */
  escalationLevel: number;
  followers: number;
  /** `unchecked`: the content check could not run for this report (shown as 未审核). */
  moderation: 'checked' | 'unchecked';
  /** A photo was hidden by the image check (shown as a mark for staff). */
  photoFlagged: boolean;
  routing: { ruleId: string | null; reason: string };
  coDepartmentNames: string[];
}

export interface QueueCounts {
  /** Per status, for the tabs. */
  byStatus: Partial<Record<TipoffStatus, number>>;
  open: number;
  overdue: number;
  major: number;
}

/**
 * A subscribe message about a status change that did not reach the reporter (as FixMyStreet records send
 * failures): when, which status it announced, and why — `no-consent` (the reporter has no subscription left,
 * WeChat 43101) or `failed` — with WeChat's errCode. Never who the reporter is.
 */
export interface NotifyFailure {
  at: string;
  status: TipoffStatus;
  reason: 'no-consent' | 'failed';
  errCode?: number;
}

export interface QueueDetail extends QueueItem {
  departmentId: string;
  departmentName: string;
  /** Short-lived URLs made by the server for the report's photos. */
  photoUrls: string[];
  latitude: number;
  longitude: number;
  timeline: (TimelineEntry & { departmentName?: string; by?: string })[];
  deadlines: { acceptBy?: string; verifyBy?: string; rectifyBy?: string; closeBy?: string };
  rectification?: {
    measures: string;
    deadline: string;
    responsibleUnit: string;
    /** Short-lived URLs of the rectification photos. */
    evidenceUrls?: string[];
    note?: string;
    rectifiedAt?: string;
  };
  verification?: { founded: boolean; major: boolean; note: string; at: string };
  mergedIntoNo?: string;
  closeExtended: boolean;
  /** Subscribe messages that did not reach the reporter, oldest first (queue.detail sets it when there are any). */
  notifyFailures?: NotifyFailure[];
  /** The steps this user may take now (server-computed from state and role). */
  allowedSteps: QueueStep[];
}

export const QUEUE_STEPS = [
  'accept',
  'verify',
  'order',
  'rectified',
  'signoff',
  'transfer',
  'merge',
  'reject',
  'extend',
] as const;
export type QueueStep = (typeof QUEUE_STEPS)[number];

const Note = CleanText(2, 500, { min: '请填写说明（至少 2 个字）', max: '说明不超过 500 字' });
const OptionalNote = OptionalCleanText(500, '说明不超过 500 字');
const Photos = z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片');

/** `queue.act`: one step of the lifecycle (DESIGN.md §5). */
export const QueueActInput = z.discriminatedUnion('step', [
  z.object({ step: z.literal('accept'), id: z.string().min(1).max(64), note: OptionalNote }).strict(),
  z
    .object({
      step: z.literal('verify'),
      id: z.string().min(1).max(64),
      founded: z.boolean(),
      note: Note,
      major: z.boolean().optional(),
      grade: z.enum(['general', 'major']).optional(),
    })
    .strict(),
  z
    .object({
      step: z.literal('order'),
      id: z.string().min(1).max(64),
      deadline: DateOnly,
      measures: CleanText(2, 500, { min: '请填写整改措施', max: '整改措施不超过 500 字' }),
      responsibleUnit: CleanText(
        2,
        60,
        { min: '请填写整改责任单位', max: '责任单位不超过 60 字' },
        { singleLine: true },
      ),
    })
    .strict(),
  z
    .object({
      step: z.literal('rectified'),
      id: z.string().min(1).max(64),
      evidence: Photos.min(1, '请上传整改后照片'),
      note: Note,
    })
    .strict(),
  z.object({ step: z.literal('signoff'), id: z.string().min(1).max(64), approved: z.boolean(), note: Note }).strict(),
  z
    .object({
      step: z.literal('transfer'),
      id: z.string().min(1).max(64),
      toDepartmentId: z.string().min(1).max(64).optional(),
      reason: Note,
    })
    .strict(),
  z
    .object({
      step: z.literal('merge'),
      id: z.string().min(1).max(64),
      intoId: z.string().min(1).max(64),
      note: OptionalNote,
    })
    .strict(),
  z.object({ step: z.literal('reject'), id: z.string().min(1).max(64), reason: Note }).strict(),
  z.object({ step: z.literal('extend'), id: z.string().min(1).max(64), reason: Note }).strict(),
]);
export type QueueActInput = z.input<typeof QueueActInput>;

export const STEP_LABELS: Record<QueueStep, string> = {
  accept: '受理',
  verify: '核查',
  order: '下达整改',
  rectified: '整改完成',
  signoff: '复核销号',
  transfer: '转办',
  merge: '合并',
  reject: '驳回',
  extend: '延期',
};
