// The two recurring duties the town watches per enterprise (issue 10): an evacuation drill at least every
// 12 months (high-risk industries 6, seed §20) and a self-inspection of major hazards at least every quarter
// (high-risk monthly, seed §12). Pure: dates in, a state out. Dates are town dates (YYYY-MM-DD).
import dayjs from 'dayjs';
import type { DutyKind, DutyStatus } from '../../types/inspection';

export const DUTY_PERIOD_MONTHS: Record<DutyKind, { normal: number; highRisk: number }> = {
  drill: { normal: 12, highRisk: 6 },
  inspection: { normal: 3, highRisk: 1 },
};

/** How many days before the due date the enterprise is told (and the state turns dueSoon). */
export const DUTY_REMIND_DAYS: Record<DutyKind, number> = { drill: 30, inspection: 7 };

export const periodMonths = (kind: DutyKind, highRisk: boolean): number =>
  DUTY_PERIOD_MONTHS[kind][highRisk ? 'highRisk' : 'normal'];

/**
 * The next due date: the last one plus the period, calendar months (08-31 + 6 months = 02-28, dayjs clamps to
 * the month's end). None on record: null — the duty is owed now.
 */
export function dueOn(lastOn: string | null, months: number): string | null {
  return lastOn ? dayjs(lastOn).add(months, 'month').format('YYYY-MM-DD') : null;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayjs(to).diff(dayjs(from), 'day');

/**
 * The duty's state on `today`. Done within the period when today ≤ dueOn (the due day itself still counts:
 * "no drill in the last 12 months" is false on the day 12 months after the last one); dueSoon when
 * daysLeft ≤ the reminder lead; overdue from the day after dueOn; never when nothing is on record.
 */
export function dutyStatus(kind: DutyKind, highRisk: boolean, lastOn: string | null, today: string): DutyStatus {
  const months = periodMonths(kind, highRisk);
  const due = dueOn(lastOn, months);
  if (due === null) return { kind, state: 'never', lastOn: null, dueOn: null, daysLeft: null, periodMonths: months };
  const daysLeft = daysBetween(today, due);
  const state = daysLeft < 0 ? 'overdue' : daysLeft <= DUTY_REMIND_DAYS[kind] ? 'dueSoon' : 'ok';
  return { kind, state, lastOn, dueOn: due, daysLeft, periodMonths: months };
}

/** Flagged for 安委办: overdue or never done. */
export const isFlagged = (s: DutyStatus): boolean => s.state === 'overdue' || s.state === 'never';
