import { z } from 'zod';

/** Error codes of the `{ ok: false }` envelope (DESIGN.md §3). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'EXPIRED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** A real calendar date YYYY-MM-DD (2026-02-31 and 2026-13-45 are refused, not rolled over). */
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期无效');

/** ISO 8601 with offset, e.g. 2026-11-28T10:00:00+08:00. */
export const IsoDateTime = z.string().datetime({ offset: true });

/** Coordinates are GCJ-02, as WeChat's location APIs return them. */
export const Location = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  address: z.string().trim().min(1, '请填写地址').max(120, '地址不超过 120 字'),
});
export type Location = z.infer<typeof Location>;

export const Paging = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
