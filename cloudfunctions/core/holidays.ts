// Which dates are working days: the `chinese-days` library's official arrangements, with the town's own
// holiday data (config/town/holidays.json) layered on top, so a year the library does not know yet can be
// added when the State Council publishes it. Pure: the data comes in as an argument (town.holidays).
// The data is a file for now; once town configuration moves into the database, 安委办 edits it there.
import { getHolidaysInRange, isWorkday as libraryIsWorkday } from 'chinese-days';
import type { HolidayTable } from '../../types';
import { toTownTime } from './time';

export interface Holidays {
  /** Dates off and make-up working days from the town's data: these win over the library. */
  off: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** Years the town's data gives an arrangement for. */
  years: ReadonlySet<number>;
}

export function holidaysFrom(table: HolidayTable): Holidays {
  const years = Object.entries(table.years);
  return {
    off: new Set(years.flatMap(([, y]) => y.off)),
    workdays: new Set(years.flatMap(([, y]) => y.workdays)),
    years: new Set(years.map(([year]) => Number(year))),
  };
}

/** No data of the town's own: the library alone. */
export const LIBRARY_ONLY: Holidays = holidaysFrom({ years: {} });

export function isWorkday(date: string, holidays: Holidays): boolean {
  if (holidays.off.has(date)) return false;
  if (holidays.workdays.has(date)) return true;
  return libraryIsWorkday(date);
}

/** The day before or after a YYYY-MM-DD date (calendar arithmetic in UTC: no time zone can shift it). */
function nextDate(date: string, step: 1 | -1): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + step);
  return d.toISOString().slice(0, 10);
}

/** The |delta|-th working day after (delta > 0) or before (delta < 0) `date`. */
export function findWorkday(delta: number, date: string, holidays: Holidays): string {
  if (!Number.isInteger(delta) || delta === 0) throw new Error('findWorkday: delta must be a non-zero integer');
  const step = Math.sign(delta) as 1 | -1;
  let day = date;
  for (let left = Math.abs(delta); left > 0; ) {
    day = nextDate(day, step);
    if (isWorkday(day, holidays)) left--;
  }
  return day;
}

/** Whether `year`'s arrangement is known, from the library (it lists holidays for the year) or the town's data. */
export function arrangementKnown(year: number, holidays: Holidays): boolean {
  return holidays.years.has(year) || getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/** Month (1-based) from which next year's arrangement is expected: the notice comes out in November or December. */
export const WARN_FROM_MONTH = 11;

/** From 1 November (town time): next year when its arrangement is missing, else null. */
export function missingNextYear(now: Date, holidays: Holidays): number | null {
  const today = toTownTime(now);
  if (today.month() + 1 < WARN_FROM_MONTH) return null;
  const next = today.year() + 1;
  return arrangementKnown(next, holidays) ? null : next;
}
