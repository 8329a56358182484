import { z } from 'zod';
import { TipoffChannel } from './channels';
import { DateOnly, Paging } from './common';
import { CleanText, OptionalCleanText } from './text';
import { TipoffStatus, type TimelineEntry, type TipoffBasics } from './tipoff';

/** The four tabs of the staff queue (待受理 · 办理中 · 待销号 · 已办结); every status is in exactly one. */
export const QUEUE_TABS = ['toAccept', 'inProgress', 'toSignOff', 'ended'] as const;
export const QueueTab = z.enum(QUEUE_TABS);
export type QueueTab = z.infer<typeof QueueTab>;
export const QUEUE_TAB_LABELS: Record<QueueTab, string> = {
  toAccept: '待受理',
  inProgress: '办理中',
  toSignOff: '待销号',
  ended: '已办结',
};
/** Statuses per tab (`submitted` and `transferred` are transient: a stored case is already `assigned`). */
export const QUEUE_TAB_STATUSES: Record<QueueTab, readonly TipoffStatus[]> = {
  toAccept: ['submitted', 'assigned', 'transferred'],
  inProgress: ['accepted', 'verified', 'rectifying'],
  toSignOff: ['rectified'],
  ended: ['closed', 'unfounded', 'rejected', 'merged'],
};

/**
 * `department` (default): the caller's own department. `town`: every department, for 安委办 (admin) and
 * leaders only.
 */
export const QueueScope = z.enum(['department', 'town']);
export type QueueScope = z.infer<typeof QueueScope>;

/** The filters the queue list and its tab counts share. */
export const QueueFilters = z.object({
  scope: QueueScope.optional(),
  categoryId: z.string().min(1).max(64).optional(),
  areaId: z.string().min(1).max(64).optional(),
  /** Only reports whose current step is past its deadline. */
  overdue: z.boolean().optional(),
  /** Only suspected or verified major hazards. */
  major: z.boolean().optional(),
  /** Only reports from this channel (`app`: filed in the mini-program). */
  channel: TipoffChannel.optional(),
});

/** `queue.counts`: the tab counts follow the active filters. */
export const QueueCountsInput = QueueFilters.strict();
export type QueueCountsInput = z.input<typeof QueueCountsInput>;

export const QueueListInput = Paging.merge(QueueFilters)
  .extend({
    /** One tab's statuses; or one `status` (not both). Neither: every open case. */
    tab: QueueTab.optional(),
    status: TipoffStatus.optional(),
  })
  .strict()
  .refine((v) => !(v.tab && v.status), { message: '请只选择状态或标签之一', path: ['tab'] });
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
  /** The department the case is assigned to (shown on the card in the 全镇 queue). */
  departmentName: string;
  coDepartmentNames: string[];
  /** Where the report came from (`app`: the mini-program; others recorded by staff with queue.record). */
  channel: TipoffChannel;
  /** The outside system's number (12345 工单号 …), when recorded with one. */
  externalNo?: string;
}

export interface QueueCounts {
  /** Cases per tab, with the active filters applied (category, area, overdue, major, scope). */
  tabs: Record<QueueTab, number>;
  /** Per status in the scope, unfiltered (kept for older pages). */
  byStatus: Partial<Record<TipoffStatus, number>>;
  /** Open cases in the scope, unfiltered; `overdue` and `major` count those among them. */
  open: number;
  overdue: number;
  major: number;
  /** The categories this scope handles (from the routing rules), for the category filter. */
  categories: { id: string; name: string }[];
  scope: QueueScope;
}

/** `queue.mergeCandidates`: an open case of the same category nearby, that this case might be merged into. */
export interface MergeCandidate {
  id: string;
  no: string;
  status: TipoffStatus;
  categoryName: string;
  description: string;
  areaName: string;
  address: string;
  departmentName: string;
  /** Rounded to 10 m. */
  distanceMeters: number;
  followers: number;
  createdAt: string;
  /** Whether `queue.act` merge into it would be accepted now; otherwise `whyNot` says why. */
  canMergeInto: boolean;
  whyNot?: string;
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
  verification?: { founded: boolean; major: boolean; note: string; at: string; alreadyKnown?: boolean };
  /** The fine recorded with queue.fine (fen), once there is one. */
  fine?: { amountFen: number; at: string; by: string };
  /**
   * A founded report's reward case, as far as the department needs it: its state (a major hazard's reward
   * waits for the fine) and whether the fine may still be corrected. Never who reported.
   */
  reward?: {
    status: 'awaitingFine' | 'open' | 'decided' | 'approved' | 'paid' | 'refused';
    statusLabel: string;
    fineEditable: boolean;
  };
  /** true when this user may record or correct the fine now. */
  mayRecordFine?: boolean;
  mergedIntoNo?: string;
  /** Cases merged into this one (empty when none). */
  mergedFrom: { id: string; no: string }[];
  closeExtended: boolean;
  /** Subscribe messages that did not reach the reporter, oldest first (queue.detail sets it when there are any). */
  notifyFailures?: NotifyFailure[];
  /** The steps this user may take now (server-computed from state and role). */
  allowedSteps: QueueStep[];
  /**
   * What happens next, for this user: e.g. "待负责人复核销号" (server-computed from state and role).
   */
  nextStepHint: string;
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
      /** The department had already found this hazard and was handling it: founded, but not rewarded. */
      alreadyKnown: z.boolean().optional(),
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
