// Every channel in one loop (issue 11, seed §23): a report received elsewhere — a 12345 工单, 随申拍, 社区通, a
// phone call, a letter, a visit — is recorded by staff (queue.record) and then routed and worked like one filed
// in the mini-program. This file is the contract: the channels, their labels, the input and the answer.
import { z } from 'zod';
import { Location } from './common';
import { CleanText } from './text';
import type { TipoffStatus } from './tipoff';

/** Where a report came from. `app`: filed in the mini-program (a stored report without `channel` is one). */
export const TIPOFF_CHANNELS = ['app', 'hotline12345', 'suishenpai', 'shequtong', 'phone', 'letter', 'visit'] as const;
export const TipoffChannel = z.enum(TIPOFF_CHANNELS);
export type TipoffChannel = z.infer<typeof TipoffChannel>;

/** The channels staff record (every one but the mini-program itself). */
export const OUTSIDE_CHANNELS = TIPOFF_CHANNELS.filter(
  (c): c is Exclude<TipoffChannel, 'app'> => c !== 'app',
) as readonly Exclude<TipoffChannel, 'app'>[];
export const OutsideChannel = z.enum(['hotline12345', 'suishenpai', 'shequtong', 'phone', 'letter', 'visit'], {
  errorMap: () => ({ message: '请选择来源渠道' }),
});
export type OutsideChannel = z.infer<typeof OutsideChannel>;

/** Chinese labels shown to people. */
export const CHANNEL_LABELS: Record<TipoffChannel, string> = {
  app: '小程序',
  hotline12345: '12345 热线',
  suishenpai: '随申拍',
  shequtong: '社区通',
  phone: '电话',
  letter: '来信',
  visit: '来访',
};

/** The channels whose systems number every case (工单号): recording one of them needs its number. */
export const NUMBERED_CHANNELS: readonly OutsideChannel[] = ['hotline12345', 'suishenpai', 'shequtong'];

/** What the outside number is called on the form, per channel. */
export const EXTERNAL_NO_LABELS: Record<OutsideChannel, string> = {
  hotline12345: '12345 工单号',
  suishenpai: '随申拍编号',
  shequtong: '社区通编号',
  phone: '来电登记号（选填）',
  letter: '来信编号（选填）',
  visit: '来访登记号（选填）',
};

/**
 * The outside system's number: letters, digits and - _ / . only, spaces and invisible characters dropped,
 * upper-cased, so "gd 2026-0001" and "GD2026-0001" are the same 工单.
 */
export const ExternalNo = z
  .string()
  .transform((s) =>
    s
      .normalize('NFKC')
      .replace(/[\s\u200b-\u200f\u2060\ufeff]/g, '')
      .toUpperCase(),
  )
  .pipe(
    z
      .string()
      .min(1, '请填写外部编号')
      .max(40, '外部编号不超过 40 个字符')
      .regex(/^[A-Z0-9][A-Z0-9_\-/.]*$/, '外部编号只能含字母、数字和 - _ / .'),
  );

/** A contact phone: a mobile, or a landline with its area code (021-12345678). */
export const ContactPhone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{9,11})$/, '请填写手机号或带区号的固定电话'));

/** `queue.record`: a report received elsewhere, recorded by department staff, head or 安委办. */
export const RecordTipoffInput = z
  .object({
    /** Client-made id of this recording: a retry with the same id records one report. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效'),
    channel: OutsideChannel,
    externalNo: ExternalNo.optional(),
    categoryId: z.string().min(1, '请选择隐患类别').max(64),
    areaId: z.string().min(1, '请选择所在居民区或村').max(64),
    description: CleanText(5, 500, { min: '描述至少 5 个字', max: '描述不超过 500 字' }),
    /** The address line and the point on the map (the outside report's, as near as known). */
    location: Location,
    /** Uploaded by the recording staff member under uploadScope.report(requestId). */
    photos: z.array(z.string().min(1).max(256)).max(9, '最多 9 张照片').default([]),
    suspectedMajor: z.boolean().default(false),
    /** The reporter's contact, if they gave one: sealed like a named report's, never shown to departments. */
    contact: z
      .object({
        name: CleanText(1, 20, { min: '请填写姓名', max: '姓名不超过 20 字' }, { singleLine: true }).optional(),
        phone: ContactPhone.optional(),
      })
      .strict()
      .refine((c) => !!c.name || !!c.phone, { message: '请填写联系人姓名或电话，或不填联系方式', path: ['name'] })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (NUMBERED_CHANNELS.includes(v.channel) && !v.externalNo) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['externalNo'],
        message: `请填写${EXTERNAL_NO_LABELS[v.channel]}`,
      });
    }
  });
export type RecordTipoffInput = z.input<typeof RecordTipoffInput>;

/** The recorded report: routed like any other. No tracking code (see queue.record). */
export interface RecordTipoffResult {
  id: string;
  no: string;
  status: TipoffStatus;
  channel: OutsideChannel;
  externalNo?: string;
  departmentId: string;
  departmentName: string;
}

/** The channel of a stored report (absent: filed in the mini-program). */
export const channelOf = (doc: { channel?: TipoffChannel }): TipoffChannel => doc.channel ?? 'app';

/** The source in words for staff: 「12345 热线（编号 GD2026-0001）」, 「小程序」. */
export const channelText = (channel: TipoffChannel, externalNo?: string): string =>
  `${CHANNEL_LABELS[channel]}${externalNo ? `（编号 ${externalNo}）` : ''}`;
