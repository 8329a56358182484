// 应急演练 (seed §20, DESIGN.md §7, issue 10): a drill planned by an enterprise's safety manager (or 安委办 for
// residents), checked in to on site with a rotating QR token, closed with its record.
import { z } from 'zod';
import { IsoDateTime, Location, Paging } from './common';
import { PersonName } from './people';
import { CleanText, OptionalCleanText } from './text';

export const DRILL_TYPES = ['evacuation', 'fire', 'gasLeak', 'chemicalLeak', 'combined', 'other'] as const;
export const DrillType = z.enum(DRILL_TYPES, { errorMap: () => ({ message: '请选择演练类型' }) });
export type DrillType = z.infer<typeof DrillType>;
export const DRILL_TYPE_LABELS: Record<DrillType, string> = {
  evacuation: '疏散逃生演练',
  fire: '消防灭火演练',
  gasLeak: '燃气泄漏处置演练',
  chemicalLeak: '危化品泄漏处置演练',
  combined: '综合演练',
  other: '其他演练',
};

/** planned → started (警报拉响) → allClear (解除) → closed (记录归档); cancelled only before the start. */
export const DRILL_STATUSES = ['planned', 'started', 'allClear', 'closed', 'cancelled'] as const;
export const DrillStatus = z.enum(DRILL_STATUSES);
export type DrillStatus = z.infer<typeof DrillStatus>;
export const DRILL_STATUS_LABELS: Record<DrillStatus, string> = {
  planned: '待开始',
  started: '演练中',
  allClear: '已解除',
  closed: '已归档',
  cancelled: '已取消',
};

/** Who the drill is for: an enterprise's bound workers (others may still check in), or open to anyone (town). */
export const DrillAudience = z.enum(['workers', 'open']);
export type DrillAudience = z.infer<typeof DrillAudience>;

/** The radius of the check-in circle, metres. */
export const DRILL_RADIUS_MIN_M = 20;
export const DRILL_RADIUS_MAX_M = 1000;
/** A drill's window is at most this long. */
export const DRILL_WINDOW_MAX_HOURS = 12;
/** Check-in opens this long before the planned start (people gather early). */
export const CHECKIN_EARLY_MINUTES = 15;
/** A QR token lives this long; the manager's screen fetches a new one before it runs out. */
export const TOKEN_LIFE_SECONDS = 30;
/** How often the manager's screen asks for a fresh token. */
export const TOKEN_REFRESH_SECONDS = 20;

const drillId = z.string().min(1).max(64);
export const DrillIdInput = z.object({ drillId }).strict();

export const CreateDrillInput = z
  .object({
    title: CleanText(2, 40, { min: '请填写演练名称', max: '演练名称不超过 40 字' }, { singleLine: true }),
    type: DrillType,
    /** Planned window (town time). */
    startAt: IsoDateTime,
    endAt: IsoDateTime,
    /** The assembly point (集合点) and the circle inside which check-in counts. */
    location: Location,
    radiusM: z
      .number({ invalid_type_error: '签到范围应为数字' })
      .int('签到范围应为整数')
      .min(DRILL_RADIUS_MIN_M, `签到范围至少 ${DRILL_RADIUS_MIN_M} 米`)
      .max(DRILL_RADIUS_MAX_M, `签到范围不超过 ${DRILL_RADIUS_MAX_M} 米`),
    audience: DrillAudience,
    /** For an open drill: how many people are expected (an estimate). For workers: the bound workers count. */
    expectedCount: z.number().int('人数应为整数').min(1, '至少 1 人').max(100000, '人数不超过 100000').optional(),
    commander: PersonName,
    scenario: OptionalCleanText(500, '演练情景不超过 500 字'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const start = Date.parse(v.startAt);
    const end = Date.parse(v.endAt);
    if (!(end > start))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endAt'], message: '结束时间应晚于开始时间' });
    else if (end - start > DRILL_WINDOW_MAX_HOURS * 3600_000)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['endAt'],
        message: `演练时长不超过 ${DRILL_WINDOW_MAX_HOURS} 小时`,
      });
    if (v.audience === 'open' && v.expectedCount === undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['expectedCount'], message: '请填写预计参加人数' });
  });
export type CreateDrillInput = z.input<typeof CreateDrillInput>;

export const CancelDrillInput = z
  .object({ drillId, reason: CleanText(2, 200, { min: '请填写取消原因', max: '原因不超过 200 字' }) })
  .strict();

export const DrillListInput = Paging.extend({
  /**
   * `manage`: drills the caller runs (a manager's enterprise; 安委办: town drills). `join`: drills the caller may
   * check in to now or soon (their enterprise's and open town drills). `all`: 安委办 only, every drill.
   */
  scope: z.enum(['manage', 'join', 'all']),
  status: DrillStatus.optional(),
}).strict();
export type DrillListInput = z.input<typeof DrillListInput>;

export interface DrillSummary {
  id: string;
  title: string;
  type: DrillType;
  typeLabel: string;
  status: DrillStatus;
  statusLabel: string;
  /** Who runs it: the enterprise's name, or 镇安委办 for a town drill. */
  organizer: string;
  enterpriseId?: string;
  location: Location;
  radiusM: number;
  startAt: string;
  endAt: string;
  audience: DrillAudience;
  checkedIn: number;
  /** Workers bound at planning (audience workers), or the estimate (open). */
  expectedCount: number;
  /** Set for the caller when they checked in. */
  myCheckinAt?: string;
}

export interface DrillDetail extends DrillSummary {
  commander: string;
  scenario?: string;
  startedAt?: string;
  allClearAt?: string;
  /** allClearAt − startedAt, whole seconds. */
  evacuationSeconds?: number;
  cancelledReason?: string;
  record?: DrillRecordView;
  /** What the caller may do now (the server decides; the page only shows buttons). */
  may: { manage: boolean; checkin: boolean };
}

/** The manager's rotating QR: the token is what the code encodes. */
export interface DrillQr {
  token: string;
  expiresAt: string;
  /** Seconds after which the screen should ask for the next one. */
  refreshInSeconds: number;
}

export const CheckinInput = z
  .object({
    token: z.string().min(1, '请扫描演练现场的二维码').max(200, '二维码无效'),
    // Anywhere on earth: a check-in from far away is refused as too far (and says how far), not as bad input.
    latitude: z.number({ invalid_type_error: '纬度应为数字' }).finite().min(-90).max(90),
    longitude: z.number({ invalid_type_error: '经度应为数字' }).finite().min(-180).max(180),
    /** Horizontal accuracy (metres) as the phone reports it. */
    accuracy: z.number().finite().min(0).max(100000).optional(),
    /** For a person the app has no name for (a resident at a town drill). */
    name: PersonName.optional(),
  })
  .strict();
export type CheckinInput = z.input<typeof CheckinInput>;

export interface CheckinResult {
  drillId: string;
  title: string;
  at: string;
  distanceM: number;
}

export const AddByHandInput = z
  .object({
    drillId,
    name: PersonName,
    /** A bound worker (from `participants`), when the person is one. */
    memberId: z.string().min(1).max(64).optional(),
    note: OptionalCleanText(100, '备注不超过 100 字', { singleLine: true }),
  })
  .strict();
export type AddByHandInput = z.input<typeof AddByHandInput>;

export interface DrillParticipant {
  /** Opaque (personId), never an openid. */
  id: string;
  name: string;
  at: string;
  /** 现场手工登记 by the manager (no phone). */
  byHand: boolean;
  /** A worker bound to the enterprise. */
  expected: boolean;
  distanceM?: number;
}

export interface DrillParticipants {
  checkedIn: DrillParticipant[];
  /** Expected workers not checked in (audience workers only). */
  missing: { id: string; name: string }[];
  expectedCount: number;
}

export const DRILL_RATINGS = ['excellent', 'good', 'fair', 'poor'] as const;
export const DrillRating = z.enum(DRILL_RATINGS, { errorMap: () => ({ message: '请选择评估结论' }) });
export type DrillRating = z.infer<typeof DrillRating>;
export const DRILL_RATING_LABELS: Record<DrillRating, string> = {
  excellent: '优秀',
  good: '良好',
  fair: '一般',
  poor: '较差',
};

/** 演练记录: what the manager files when closing (start and all-clear must be marked first). */
export const DrillRecordInput = z
  .object({
    problems: CleanText(1, 1000, { min: '请填写发现的问题（没有请写“无”）', max: '不超过 1000 字' }),
    improvements: CleanText(1, 1000, { min: '请填写改进措施（没有请写“无”）', max: '不超过 1000 字' }),
    rating: DrillRating,
    evaluation: CleanText(2, 1000, { min: '请填写评估意见', max: '不超过 1000 字' }),
    /** fileIDs the caller uploaded for this drill. */
    photos: z.array(z.string().min(1).max(256)).min(1, '请上传至少 1 张现场照片').max(9, '最多 9 张照片'),
  })
  .strict();
export const CloseDrillInput = z.object({ drillId, record: DrillRecordInput }).strict();
export type CloseDrillInput = z.input<typeof CloseDrillInput>;

export interface DrillRecordView {
  problems: string;
  improvements: string;
  rating: DrillRating;
  ratingLabel: string;
  evaluation: string;
  photoUrls: string[];
  headcount: number;
  expectedCount: number;
  missing: string[];
  byHand: number;
  closedAt: string;
  closedBy: string;
}

/** The record as an .xlsx (drillio.exportRecord), base64 like the question bank's export. */
export interface DrillExport {
  fileName: string;
  mime: string;
  base64: string;
}
