import { z } from 'zod';
import townBounds from '../config/town/bounds.json';
import { CleanText } from './text';
// zod's messages in Chinese for every schema (each schema file imports this one).
import './zod-messages';

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
  /** RATE_LIMITED: seconds until the caller may try again. */
  retryAfterSeconds?: number;
}

/** How long to wait, as people say it: 45 秒 / 5 分钟 / 2 小时. */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} 秒`;
  if (s <= 5400) return `${Math.ceil(s / 60)} 分钟`;
  return `${Math.ceil(s / 3600)} 小时`;
}

/** The RATE_LIMITED message (server and app say the same). */
export const rateLimitedMessage = (retryAfterSeconds: number) => `操作太频繁，请 ${waitText(retryAfterSeconds)}后再试`;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * Years any date or time in an input may fall in. The service starts in 2026; deadlines run a few years at
 * most. Outside this window a date is a typo or a probe (9999-12-31), and would sort or add up wrongly.
 * Rules relative to today (a deadline not in the past, within the 办结期限) are checked by the actions.
 */
export const MIN_YEAR = 2020;
export const MAX_YEAR = 2100;
const yearInRange = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};
const YEAR_MESSAGE = `日期应在 ${MIN_YEAR}—${MAX_YEAR} 年之间`;

/** A real calendar date YYYY-MM-DD (2026-02-31 and 2026-13-45 are refused, not rolled over). */
export const DateOnly = z
  .string({ invalid_type_error: '日期格式应为 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期无效')
  .refine(yearInRange, YEAR_MESSAGE);

/** ISO 8601 with offset, e.g. 2026-11-28T10:00:00+08:00. */
export const IsoDateTime = z
  .string({ invalid_type_error: '时间格式应为 ISO 8601' })
  .datetime({ offset: true, message: '时间格式应为 ISO 8601（带时区）' })
  .refine(yearInRange, YEAR_MESSAGE);

/**
 * The town's extent (config/town/bounds.json, town data): a report or a 附议 search is always about a place
 * in 庙行镇. Coordinates are GCJ-02, as WeChat's location APIs return them.
 */
export const TownBounds = z
  .object({
    south: z.number().min(-90).max(90),
    north: z.number().min(-90).max(90),
    west: z.number().min(-180).max(180),
    east: z.number().min(-180).max(180),
  })
  .refine((b) => b.south < b.north && b.west < b.east, 'town bounds: south < north and west < east');
export type TownBounds = z.infer<typeof TownBounds>;
export const TOWN_BOUNDS: TownBounds = TownBounds.parse(townBounds);
export const OUTSIDE_TOWN = '位置不在庙行镇范围内';

export const insideTown = (p: { latitude: number; longitude: number }, b: TownBounds = TOWN_BOUNDS) =>
  p.latitude >= b.south && p.latitude <= b.north && p.longitude >= b.west && p.longitude <= b.east;

// A box is one range per axis, so each coordinate is checked on its own field (and the issue names it).
const Coordinate = (what: string, min: number, max: number) =>
  z
    .number({ invalid_type_error: `${what}应为数字`, required_error: `缺少${what}` })
    .finite(`${what}无效`)
    .min(min, OUTSIDE_TOWN)
    .max(max, OUTSIDE_TOWN);
/** Latitude and longitude of a point inside the town; anything else is refused with OUTSIDE_TOWN. */
export const TownLatitude = Coordinate('纬度', TOWN_BOUNDS.south, TOWN_BOUNDS.north);
export const TownLongitude = Coordinate('经度', TOWN_BOUNDS.west, TOWN_BOUNDS.east);

export const Location = z
  .object({
    latitude: TownLatitude,
    longitude: TownLongitude,
    address: CleanText(1, 120, { min: '请填写地址', max: '地址不超过 120 字' }, { singleLine: true }),
  })
  .strict();
export type Location = z.infer<typeof Location>;

/** Pages beyond this are refused: skip must stay a small number (CloudBase scans what it skips). */
export const MAX_PAGE = 1000;

export const Paging = z.object({
  page: z
    .number({ invalid_type_error: '页码应为数字' })
    .int('页码应为整数')
    .min(1, '页码从 1 开始')
    .max(MAX_PAGE, `页码不能超过 ${MAX_PAGE}`)
    .default(1),
  pageSize: z
    .number({ invalid_type_error: '每页条数应为数字' })
    .int('每页条数应为整数')
    .min(1, '每页至少 1 条')
    .max(50, '每页最多 50 条')
    .default(20),
});

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
