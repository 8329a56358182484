// Working days in mainland China: weekends, public holidays and make-up workdays (调休) come from the
// maintained `chinese-days` data with the town's own holiday data on top (holidays.ts), never from a list here.
import { findWorkday, isWorkday, type Holidays } from './holidays';
import { toTownTime, TOWN_UTC_OFFSET_MINUTES } from './time';
import dayjs from 'dayjs';

/** YYYY-MM-DD of a moment, in town time. */
export function townDate(at: Date): string {
  return toTownTime(at).format('YYYY-MM-DD');
}

export function isWorkingDay(date: string, holidays: Holidays): boolean {
  return isWorkday(date, holidays);
}

/** End (23:59:59 +08:00) of a town date. */
export function endOfTownDay(date: string): Date {
  return dayjs(`${date}T23:59:59`).utcOffset(TOWN_UTC_OFFSET_MINUTES, true).toDate();
}

/**
 * The deadline n working days after `from`: the end of the n-th working day that follows the day of `from`.
 * "Accept within 1 working day" of a report filed on a Friday afternoon means by Monday evening
 * (or by the make-up Saturday when there is one).
 */
export function addWorkingDays(from: Date, n: number, holidays: Holidays): Date {
  if (!Number.isInteger(n) || n < 1) throw new Error('addWorkingDays: n must be a positive integer');
  return endOfTownDay(findWorkday(n, townDate(from), holidays));
}

/** Whole working days from the end of `deadline`'s day up to `now` (0 when not yet overdue by a full working day). */
export function workingDaysOverdue(deadline: Date, now: Date, holidays: Holidays): number {
  const today = townDate(now);
  let count = 0;
  // Walk forward over the working days after the deadline's day; overdue spans are short.
  for (let day = findWorkday(1, townDate(deadline), holidays); day <= today; day = findWorkday(1, day, holidays)) {
    count++;
  }
  return count;
}

/** The cut-off such that a deadline before it is at least n working days overdue at `now` (for range queries). */
export function overdueCutoff(now: Date, n: number, holidays: Holidays): Date {
  if (n === 0) return now;
  // Count back from the last working day up to today: a weekend or holiday adds no working day.
  const today = townDate(now);
  const base = isWorkday(today, holidays) ? today : findWorkday(-1, today, holidays);
  return endOfTownDay(findWorkday(-n, base, holidays));
}
