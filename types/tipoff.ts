import { z } from 'zod';
import { Location, Paging, TownLatitude, TownLongitude } from './common';
import { CleanText, OptionalCleanText } from './text';

export const TIPOFF_STATUSES = [
  'submitted',
  'assigned',
  'accepted',
  'verified',
  'unfounded',
  'rectifying',
  'rectified',
  'closed',
  'transferred',
  'merged',
  'rejected',
] as const;
export const TipoffStatus = z.enum(TIPOFF_STATUSES);
export type TipoffStatus = z.infer<typeof TipoffStatus>;

/** Chinese labels shown to people for each status. */
export const STATUS_LABELS: Record<TipoffStatus, string> = {
  submitted: '已提交',
  assigned: '待受理',
  accepted: '已受理',
  verified: '核查属实',
  unfounded: '核查不属实',
  rectifying: '整改中',
  rectified: '待销号',
  closed: '已销号',
  transferred: '转办中',
  merged: '已合并',
  rejected: '已驳回',
};

/**
 * Every status in one of three classes, exhaustive by type (a new status does not compile until it is classed):
 * - `open`: the case is being worked by a department; it has a deadline, can be overdue, is swept and escalated,
 *   counts in the queue's "open", can be found nearby and followed (附议), and cannot yet be rated;
 * - `ended`: handling is over (办结); no deadline, not swept, the reporter may rate it, no 催办;
 * - `transient`: a step between routing moves, written only to the timeline (`submitted` → `assigned` on filing,
 *   `transferred` → `assigned` on 转办, in the same write): no stored case rests there. Were one to, it is
 *   neither open (no department yet: not swept, counted, nearby or followed) nor ended (not rateable); the queue
 *   still lists it under 待受理.
 */
export type StatusClass = 'open' | 'ended' | 'transient';
export const STATUS_CLASS: Record<TipoffStatus, StatusClass> = {
  submitted: 'transient',
  assigned: 'open',
  accepted: 'open',
  verified: 'open',
  unfounded: 'ended',
  rectifying: 'open',
  rectified: 'open',
  closed: 'ended',
  transferred: 'transient',
  merged: 'ended',
  rejected: 'ended',
};
const statusesOf = (c: StatusClass): TipoffStatus[] => TIPOFF_STATUSES.filter((s) => STATUS_CLASS[s] === c);
/** Statuses in which a case is still being worked (and can be overdue), in lifecycle order. */
export const OPEN_STATUSES: readonly TipoffStatus[] = statusesOf('open');
/** Statuses after which the reporter may rate the handling, in lifecycle order. */
export const ENDED_STATUSES: readonly TipoffStatus[] = statusesOf('ended');
/** Steps between routing moves (timeline only). */
export const TRANSIENT_STATUSES: readonly TipoffStatus[] = statusesOf('transient');

export const MobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号');

export const SubmitTipoffInput = z
  .object({
    /** Client-made id of this submission: retries with the same id file one report. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效'),
    categoryId: z.string().min(1, '请选择隐患类别').max(64),
    description: CleanText(5, 500, { min: '描述至少 5 个字', max: '描述不超过 500 字' }),
    /** fileIDs from uploads (cloud:// on weapp, local-… in local mode). */
    photos: z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片').default([]),
    location: Location,
    areaId: z.string().min(1, '请选择所在居民区或村').max(64),
    anonymous: z.boolean(),
    contact: z
      .object({
        name: CleanText(1, 20, { min: '请填写姓名', max: '姓名不超过 20 字' }, { singleLine: true }),
        phone: MobilePhone,
      })
      .strict()
      .optional(),
    suspectedMajor: z.boolean().default(false),
    /** The 《个人信息保护说明》 version the person agreed to before sending (user.privacy); must be the current one. */
    privacyVersion: z.number({ required_error: '请先阅读并同意《个人信息保护说明》' }).int().min(1).max(10_000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.anonymous && !v.contact) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['contact'], message: '实名举报请填写姓名和手机号' });
    }
  });
export type SubmitTipoffInput = z.input<typeof SubmitTipoffInput>;

export interface SubmitTipoffResult {
  id: string;
  no: string;
  status: TipoffStatus;
  departmentId: string;
  departmentName: string;
  trackingCode: string;
}

export const MineInput = Paging.strict();

export interface TimelineEntry {
  at: string;
  from: TipoffStatus | null;
  to: TipoffStatus;
  /** The department responsible after this step. */
  departmentId?: string;
  /** The public note the reporter sees (never a staff member's name). */
  note?: string;
}

/** What every view of a report shows, with names looked up. */
export interface TipoffBasics {
  id: string;
  no: string;
  status: TipoffStatus;
  categoryId: string;
  categoryName: string;
  areaName: string;
  description: string;
}

/**
 * Where a report stands, in words for a resident, with the date the next thing is due:
 * "已分派至城建办理，预计 12 月 1 日前受理". Never a rule code, coordinate or staff name.
 */
export interface TipoffProgress {
  text: string;
  /** The date (town time) by which the next step is due, when there is one. */
  expectedBy?: string;
  /** The case is still being worked and its current step is past that date. */
  overdue: boolean;
}

/** Labels residents see (已办结, not the staff term 已销号). */
export const RESIDENT_STATUS_LABELS: Record<TipoffStatus, string> = {
  ...STATUS_LABELS,
  assigned: '已分派',
  closed: '已办结',
  unfounded: '已办结（不属实）',
  rectified: '整改完成待复核',
};

/** What a reporter sees of their own report. */
export interface TipoffSummary extends TipoffBasics {
  departmentName: string;
  createdAt: string;
  anonymous: boolean;
  /** Only in the reporter's own view: whoever holds it can follow, rate and (later) claim the reward. */
  trackingCode?: string;
  timeline: (TimelineEntry & { departmentName?: string })[];
  /** Where the case stands, in words (mine/detail/track). */
  progress: TipoffProgress;
}

/** The reporter's detail view (also what `track` shows by tracking code). */
export interface TipoffDetail extends TipoffSummary {
  view: 'reporter';
  /** Short-lived URLs made by the server (the client never builds one from a fileID). */
  photoUrls: string[];
  /** The address line the reporter typed (never the coordinates: residents see no GCJ-02 points). */
  address: string;
  suspectedMajor: boolean;
  followers: number;
  /** Set once the case has ended (closed, unfounded, rejected, merged) and the reporter may rate it. */
  canRate: boolean;
  /** Past its deadline and not yet urged today (Beijing): `tipoff.urge` would be accepted. */
  canUrge: boolean;
  /** The town date of the last 催办, if any. */
  urgedOn?: string;
  /** Short-lived URLs of the rectification photos (整改前后对比), once the case is closed. */
  evidenceUrls?: string[];
  rating?: { score: number; comment?: string; at: string };
  mergedIntoNo?: string;
}

/**
 * What someone who 附议'd (or whose duplicate was merged) sees: the hazard, its status and the public
 * timeline. Never photos, the address line, coordinates or the tracking code.
 */
export interface FollowedTipoffDetail extends TipoffBasics {
  view: 'follower';
  departmentName: string;
  createdAt: string;
  timeline: (TimelineEntry & { departmentName?: string })[];
  /** Where the case stands, in words. */
  progress: TipoffProgress;
  followers: number;
  mergedIntoNo?: string;
}

/** `tipoff.detail`: the reporter's own view, or a follower's. */
export type TipoffDetailView = TipoffDetail | FollowedTipoffDetail;

export const IdInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const TrackingCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[2-9A-HJ-KM-NP-Z]{10}$/, '查询码为 10 位字母数字');

export const TrackInput = z.object({ trackingCode: TrackingCode }).strict();

export const NearbyInput = z
  .object({
    latitude: TownLatitude,
    longitude: TownLongitude,
    /** Required: only reports of the same kind are shown (never every open report around a point). */
    categoryId: z.string().min(1, '请选择隐患类别').max(64),
  })
  .strict();

/** An open report near where the user is about to file one (to 附议 instead of filing a duplicate). */
export interface NearbyTipoff {
  id: string;
  status: TipoffStatus;
  categoryName: string;
  /** The description, cut: enough to recognise the hazard. */
  description: string;
  areaName: string;
  /** Rounded to 50 m (never the exact point). */
  distanceMeters: number;
  followers: number;
  createdAt: string;
  /** The caller filed it: the duplicate prompt marks it instead of offering 附议. */
  mine: boolean;
}

export const RateInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    trackingCode: TrackingCode.optional(),
    score: z.number().int().min(1, '请选择 1–5 星').max(5, '请选择 1–5 星'),
    comment: OptionalCleanText(200, '评价不超过 200 字'),
  })
  .strict()
  .refine((v) => !!v.id || !!v.trackingCode, { message: '缺少举报编号或查询码', path: ['id'] });
export type RateInput = z.input<typeof RateInput>;

/** 催办: by the reporter (`id`) or the holder of the tracking code, once a day, only past the deadline. */
export const UrgeInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    trackingCode: TrackingCode.optional(),
  })
  .strict()
  .refine((v) => !!v.id || !!v.trackingCode, { message: '缺少举报编号或查询码', path: ['id'] });
export type UrgeInput = z.input<typeof UrgeInput>;

export interface UrgeResult {
  id: string;
  no: string;
  /** Town date of this 催办. */
  urgedOn: string;
  /** How many times the case has been urged. */
  urgeCount: number;
}

export interface TipoffOptions {
  /** `emergency`: something happening now (gas smell, fire, injury): call first, then report. */
  categories: { id: string; name: string; group: string; emergency: boolean }[];
  areas: { id: string; name: string; kind: 'community' | 'village'; latitude: number; longitude: number }[];
  departments: { id: string; code: string; name: string }[];
}
