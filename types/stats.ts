// 安委办's dashboard (issue 11, admin.stats) and the numbers the monthly workbook is built from. Every figure is
// computed by aggregate pipelines in the database (core/stats.ts), never by reading every report.
import { z } from 'zod';
import type { TipoffStatus } from './tipoff';

export const STATS_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export const StatsPeriodKind = z.enum(STATS_PERIOD_KINDS);
export type StatsPeriodKind = z.infer<typeof StatsPeriodKind>;

/** `2026-11` (month), `2026-Q4` (quarter), `2026` (year); years 2020–2099. */
export const PERIOD_KEY_PATTERN: Record<StatsPeriodKind, RegExp> = {
  month: /^20[2-9]\d-(0[1-9]|1[0-2])$/,
  quarter: /^20[2-9]\d-Q[1-4]$/,
  year: /^20[2-9]\d$/,
};

export const StatsPeriod = z
  .object({ kind: StatsPeriodKind, key: z.string().max(7) })
  .strict()
  .refine((p) => PERIOD_KEY_PATTERN[p.kind].test(p.key), { message: '统计周期格式不正确', path: ['key'] });
export type StatsPeriod = z.infer<typeof StatsPeriod>;

/**
 * `admin.stats`. No period: this month (town time). `departmentId`: 安委办 and leaders may look at one
 * department's share; department staff and heads always get their own department (any other is FORBIDDEN).
 */
export const StatsInput = z
  .object({
    period: StatsPeriod.optional(),
    departmentId: z
      .string()
      .regex(/^[A-Z]{2,6}$/)
      .optional(),
  })
  .strict();
export type StatsInput = z.infer<typeof StatsInput>;

/** A share of the period's reports under one key (an area, a department, a category group, a source). */
export interface StatsRow {
  /** The key as stored (area id, department code, group name, channel). */
  id: string;
  /** What people read (居民区名, 部门名, 类别组, 来源). */
  label: string;
  total: number;
  /** Verified as founded (核查属实). */
  founded: number;
  /** 已销号. */
  closed: number;
  /** Still open and past their deadline now. */
  overdue: number;
}

/**
 * Hours from filing to a milestone, for the period's reports that reached it: each report's hours rounded to
 * 0.1 (as stored on the report), median and p90 by nearest rank over those values (null when none reached it).
 */
export interface DurationStats {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface DashboardStats {
  /** Town dates, both ends inclusive; `label` like 2026年11月 / 2026年第四季度 / 2026年. */
  period: { kind: StatsPeriodKind; key: string; label: string; from: string; to: string };
  /** null = the whole town. */
  scope: { departmentId: string | null; label: string };
  /** When the figures were read (ISO +08:00); overdue is as of this moment. */
  generatedAt: string;
  reports: {
    /** Reports filed in the period (createdAt within it; merged and rejected included). */
    total: number;
    /** By current status, every status with a count > 0, lifecycle order. */
    byStatus: { status: TipoffStatus; label: string; count: number }[];
    byCategoryGroup: StatsRow[];
    byArea: StatsRow[];
    byDepartment: StatsRow[];
    /** Absent channel = 小程序 (`app`). */
    byChannel: StatsRow[];
    /** Filed per month (year/quarter) or per day (month), oldest first, every slot present (zeros too). */
    trend: { key: string; label: string; total: number; closed: number }[];
    /** Verified either way (founded + unfounded). */
    verified: number;
    founded: number;
    /** founded / verified, 0…1; null when nothing was verified. */
    foundedRate: number | null;
    closed: number;
    /** 销号率: closed / founded; null when nothing was founded. */
    closedRate: number | null;
    /** Still being worked now (OPEN_STATUSES). */
    open: number;
    overdue: number;
    /** overdue / open; null when nothing is open. */
    overdueRate: number | null;
    hours: { toAccept: DurationStats; toVerify: DurationStats; toClose: DurationStats };
  };
  /** 重大事故隐患 (the ledger, every source) of the period's calendar year: the 动态清零 target. */
  majorHazards: { year: number; found: number; closed: number; open: number; overdue: number };
  /** Reward cases decided / paid within the period (amounts in fen). null for a department's share. */
  rewards: { decided: number; decidedFen: number; paid: number; paidFen: number } | null;
  /** Workers of active enterprises with a passed training record vs all of them. null for a department's share. */
  training: { people: number; trained: number; coverage: number | null } | null;
  /** Active enterprises by drill duty state today (core/duties.ts). null for a department's share. */
  drills: { enterprises: number; ok: number; dueSoon: number; overdue: number; never: number } | null;
}
