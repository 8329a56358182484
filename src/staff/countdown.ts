import type { BadgeTone } from '../components/ui';

export interface Countdown {
  /** "剩 3 天", "剩 1 天", "今天到期", "已超期" (past due today), "超期 2 天". */
  text: string;
  /** danger: past due; warning: due today or within 2 days; neutral: later. */
  tone: Extract<BadgeTone, 'danger' | 'warning' | 'neutral'>;
  /** Whole calendar days from today (town time, UTC+8) to the due date; negative when past. */
  days: number;
}

const DAY = 86_400_000;
/** The calendar day (days since the epoch) of an instant in town time (UTC+8). */
const townDay = (ms: number) => Math.floor((ms + 8 * 3600_000) / DAY);

/**
 * A step's deadline as a countdown in calendar days of town time. `overdue` is the server's word (its clock
 * decides); a case it calls overdue never reads as "剩 N 天", whatever this phone's clock says.
 */
export function countdown(dueAt: string, now: Date = new Date(), overdue = false): Countdown {
  const days = townDay(Date.parse(dueAt)) - townDay(now.getTime());
  const past = overdue || Date.parse(dueAt) < now.getTime();
  if (days < 0) return { text: `超期 ${-days} 天`, tone: 'danger', days };
  if (past) return { text: '已超期', tone: 'danger', days };
  if (days === 0) return { text: '今天到期', tone: 'warning', days };
  return { text: `剩 ${days} 天`, tone: days <= 2 ? 'warning' : 'neutral', days };
}
