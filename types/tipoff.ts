import { z } from 'zod';
import { Location, Paging } from './common';

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

const MobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号');

export const SubmitTipoffInput = z
  .object({
    /** Client-made id of this submission: retries with the same id file one report. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效'),
    categoryId: z.string().min(1, '请选择隐患类别'),
    description: z.string().trim().min(5, '描述至少 5 个字').max(500, '描述不超过 500 字'),
    photos: z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片').default([]),
    location: Location,
    areaId: z.string().min(1, '请选择所在居民区或村'),
    anonymous: z.boolean(),
    contact: z
      .object({
        name: z.string().trim().min(1, '请填写姓名').max(20, '姓名不超过 20 字'),
        phone: MobilePhone,
      })
      .optional(),
    suspectedMajor: z.boolean().default(false),
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
  departmentId?: string;
  note?: string;
}

/** What a reporter sees of their own report. */
export interface TipoffSummary {
  id: string;
  no: string;
  status: TipoffStatus;
  categoryId: string;
  categoryName: string;
  areaName: string;
  description: string;
  departmentName: string;
  createdAt: string;
  anonymous: boolean;
  trackingCode: string;
  timeline: TimelineEntry[];
}

export interface TipoffOptions {
  categories: { id: string; name: string; group: string; emergency: boolean }[];
  areas: { id: string; name: string; kind: 'community' | 'village'; latitude: number; longitude: number }[];
  departments: { id: string; code: string; name: string }[];
}
