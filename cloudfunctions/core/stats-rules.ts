// The dashboard's pure rules (issue 11): periods and their ranges, nearest-rank percentiles, rates, trend slots.
// Split from stats.ts (whose pipelines need a database) so Stryker mutates only these; stats.ts re-exports them.
import dayjs from 'dayjs';
import type { DurationStats, StatsPeriod, StatsPeriodKind } from '../../types/stats';
import { hoursBetween, toTownTime } from './time';

// ---------- periods ----------

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The first and last town date of a period (both inclusive) and how people read it. */
export function periodRange(period: StatsPeriod): { from: string; to: string; label: string } {
  const year = Number(period.key.slice(0, 4));
  if (period.kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年` };
  if (period.kind === 'quarter') {
    const q = Number(period.key.slice(6));
    const first = dayjs(`${year}-${String(q * 3 - 2).padStart(2, '0')}-01`);
    return {
      from: first.format('YYYY-MM-DD'),
      to: first.add(2, 'month').endOf('month').format('YYYY-MM-DD'),
      label: `${year}年第${QUARTER_NAMES[q - 1]}季度`,
    };
  }
  const first = dayjs(`${period.key}-01`);
  return {
    from: first.format('YYYY-MM-DD'),
    to: first.endOf('month').format('YYYY-MM-DD'),
    label: `${year}年${first.month() + 1}月`,
  };
}

/** This month in town time. */
export function currentMonth(now: Date): StatsPeriod {
  return { kind: 'month', key: toTownTime(now).format('YYYY-MM') };
}

/** The day after a town date. */
export const nextDay = (date: string): string => dayjs(date).add(1, 'day').format('YYYY-MM-DD');

/** Reports of a range: createdAt within [from 00:00, the day after to 00:00) town time (ISO strings compare). */
export function createdWithin(range: { from: string; to: string }): { start: string; end: string } {
  return { start: `${range.from}T00:00:00+08:00`, end: `${nextDay(range.to)}T00:00:00+08:00` };
}

// ---------- pure figures ----------

/** n / d, or null when there is nothing to divide by. */
export const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/**
 * The p-th percentile (0 < p ≤ 1) of a histogram of values by nearest rank: the smallest value whose
 * cumulative count reaches ⌈p·N⌉. null for no values. Median = p 0.5 (of 2 values: the lower one).
 */
export function nearestRank(histogram: ReadonlyArray<readonly [number, number]>, p: number): number | null {
  const sorted = histogram.filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total - 1e-9));
  let seen = 0;
  for (const [value, n] of sorted) {
    seen += n;
    if (seen >= rank) return value;
  }
  return sorted[sorted.length - 1][0];
}

export function durationStats(histogram: ReadonlyArray<readonly [number, number]>): DurationStats {
  return {
    count: histogram.reduce((s, [, n]) => s + n, 0),
    medianHours: nearestRank(histogram, 0.5),
    p90Hours: nearestRank(histogram, 0.9),
  };
}

/** The duration stored on a report at each milestone (lifecycle.ts transition). */
export { hoursBetween };

/**
 * The trend's slots: every day of the range (a month's period) or every month (a quarter's or a year's),
 * oldest first. `key` is the prefix of createdAt the slot groups by (YYYY-MM-DD or YYYY-MM).
 */
export function trendSlots(
  kind: StatsPeriodKind,
  range: { from: string; to: string },
): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  if (kind === 'month') {
    for (let d = dayjs(range.from); !d.isAfter(dayjs(range.to)); d = d.add(1, 'day')) {
      out.push({ key: d.format('YYYY-MM-DD'), label: `${d.month() + 1}月${d.date()}日` });
    }
    return out;
  }
  const last = dayjs(range.to).startOf('month');
  for (let m = dayjs(range.from).startOf('month'); !m.isAfter(last); m = m.add(1, 'month')) {
    out.push({ key: m.format('YYYY-MM'), label: `${m.month() + 1}月` });
  }
  return out;
}
