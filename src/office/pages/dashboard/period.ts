// The dashboard's period picker and number words (pure; dashboard.test.tsx covers them).
import type { StatsPeriod, StatsPeriodKind } from '../../../../types/stats';

const QUARTER_WORDS = ['一', '二', '三', '四'];

/** First month (1–12) and year of a period key. */
function start(p: StatsPeriod): { year: number; month: number } {
  const year = Number(p.key.slice(0, 4));
  if (p.kind === 'month') return { year, month: Number(p.key.slice(5, 7)) };
  if (p.kind === 'quarter') return { year, month: (Number(p.key.slice(6)) - 1) * 3 + 1 };
  return { year, month: 1 };
}

/** The period of `kind` holding the month `year`-`month`. */
function containing(kind: StatsPeriodKind, year: number, month: number): StatsPeriod {
  if (kind === 'month') return { kind, key: `${year}-${String(month).padStart(2, '0')}` };
  if (kind === 'quarter') return { kind, key: `${year}-Q${Math.floor((month - 1) / 3) + 1}` };
  return { kind, key: String(year) };
}

/** This month / quarter / year on a town date (YYYY-MM-DD). */
export function currentPeriod(kind: StatsPeriodKind, today: string): StatsPeriod {
  return containing(kind, Number(today.slice(0, 4)), Number(today.slice(5, 7)));
}

/** Another kind, keeping where one is: 2026年5月 → 2026年第二季度 → 2026年 → (back to 月) 2026年1月, never past today. */
export function switchKind(p: StatsPeriod, kind: StatsPeriodKind, today: string): StatsPeriod {
  const s = start(p);
  const next = containing(kind, s.year, s.month);
  return isAfterToday(next, today) ? currentPeriod(kind, today) : next;
}

/** The period before (-1) or after (+1). */
export function shiftPeriod(p: StatsPeriod, by: -1 | 1): StatsPeriod {
  const s = start(p);
  if (p.kind === 'year') return { kind: 'year', key: String(s.year + by) };
  const months = s.year * 12 + (s.month - 1) + by * (p.kind === 'quarter' ? 3 : 1);
  return containing(p.kind, Math.floor(months / 12), (months % 12) + 1);
}

function isAfterToday(p: StatsPeriod, today: string): boolean {
  const s = start(p);
  return s.year * 12 + s.month > Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7));
}

/** 下一期 is offered only while the next period has begun (never past this month). */
export function hasNext(p: StatsPeriod, today: string): boolean {
  return !isAfterToday(shiftPeriod(p, 1), today);
}

/** 上一期 stops at the first year the keys allow (2020). */
export function hasPrevious(p: StatsPeriod): boolean {
  const s = start(p);
  return s.year > 2020 || s.month > (p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : 12);
}

/** 2026年11月 / 2026年第四季度 / 2026年. */
export function periodLabel(p: StatsPeriod): string {
  const s = start(p);
  if (p.kind === 'month') return `${s.year}年${s.month}月`;
  if (p.kind === 'quarter') return `${s.year}年第${QUARTER_WORDS[(s.month - 1) / 3]}季度`;
  return `${s.year}年`;
}

/** A rate 0…1 as 87.5%; null (nothing to divide by) as 暂无. */
export function percent(rate: number | null): string {
  if (rate === null) return '暂无';
  return `${Math.round(rate * 1000) / 10}%`;
}

/** Hours as people read them: 5.5 小时; from 48 hours also in days (52 小时（约 2.2 天）); null as 暂无. */
export function hoursText(hours: number | null): string {
  if (hours === null) return '暂无';
  const h = `${Math.round(hours * 10) / 10} 小时`;
  return hours >= 48 ? `${h}（约 ${(Math.round((hours / 24) * 10) / 10).toFixed(1)} 天）` : h;
}
