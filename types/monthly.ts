// 月度报表 (issue 11; seed 四(五) 每月23日前报送): one .xlsx workbook per month, kept in storage with its
// generation time. The report "2026年11月" covers the cycle that closes before the 23rd: 10月23日 … 11月22日.
import { z } from 'zod';

/** `2026-11`; years 2020–2099. */
export const MONTH_PATTERN = /^20[2-9]\d-(0[1-9]|1[0-2])$/;

export const MonthlyInput = z
  .object({
    /** The report's month; none = the latest cycle that has closed (defaultReportMonth). */
    month: z.string().regex(MONTH_PATTERN, '月份格式不正确').optional(),
    /** 安委办 only: write the workbook again from today's data (the stored one is replaced). */
    regenerate: z.boolean().optional(),
  })
  .strict();
export type MonthlyInput = z.infer<typeof MonthlyInput>;

export const MonthlyListInput = z.object({}).strict();
export type MonthlyListInput = z.infer<typeof MonthlyListInput>;

/** The sheets of the workbook, in order. */
export const MONTHLY_SHEETS = [
  '汇总',
  '分区域',
  '分行业领域',
  '重大隐患台账',
  '超期与督办',
  '举报奖励',
  '培训与演练',
] as const;

/** A report cycle: town dates, both ends inclusive. */
export interface MonthlyCycle {
  month: string;
  /** 2026年11月 */
  label: string;
  from: string;
  to: string;
  /** 统计区间 10月23日—11月22日 (with the years when the cycle crosses a year end). */
  rangeText: string;
}

export interface MonthlyReportView extends MonthlyCycle {
  /** When the workbook was written (ISO +08:00). */
  generatedAt: string;
  /** Who wrote it: a display name, or 系统（每月23日自动生成）. Never an openid. */
  by: string;
  fileID: string;
  /** A short-lived download URL (files.urls); absent when the file cannot be shown. */
  url?: string;
  /** e.g. 月度报表-2026年11月.xlsx */
  fileName: string;
  sizeBytes: number;
  sheets: string[];
}

/** The day of the month a cycle closes before: the report is due by the 23rd. */
export const MONTHLY_DUE_DAY = 23;

const pad = (n: number) => String(n).padStart(2, '0');

/** The month before `2026-01` is `2025-12`. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The cycle of a report month: the 23rd of the month before through the 22nd of this month. */
export function monthlyCycle(month: string): MonthlyCycle {
  const prev = shiftMonth(month, -1);
  const from = `${prev}-${MONTHLY_DUE_DAY}`;
  const to = `${month}-${pad(MONTHLY_DUE_DAY - 1)}`;
  const crossesYear = from.slice(0, 4) !== to.slice(0, 4);
  const rangeText = crossesYear
    ? `${from.slice(0, 4)}年${md(from)}—${to.slice(0, 4)}年${md(to)}`
    : `${md(from)}—${md(to)}`;
  return { month, label: `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`, from, to, rangeText };
}

/** The latest month whose cycle has closed, for a town date `YYYY-MM-DD`: from the 23rd on this month. */
export function defaultReportMonth(today: string): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) >= MONTHLY_DUE_DAY ? month : shiftMonth(month, -1);
}

export const monthlyFileName = (label: string) => `月度报表-${label}.xlsx`;
