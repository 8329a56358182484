// The two enterprise duties (issue 10) in plain words: the state badge ("已超期 12 天", "尚无记录",
// "还有 20 天") and its tone, for 安委办's compliance list and the enterprise desk.
import type { DutyStatus } from '../../types/inspection';

export type DutyTone = 'danger' | 'warning' | 'success';

/** The state in a few words: how late, how long left, or nothing on record. */
export function dutyWords(s: Pick<DutyStatus, 'state' | 'daysLeft'>): string {
  if (s.state === 'never' || s.daysLeft === null) return '尚无记录';
  if (s.daysLeft < 0) return `已超期 ${-s.daysLeft} 天`;
  if (s.daysLeft === 0) return '今天到期';
  return `还有 ${s.daysLeft} 天`;
}

export function dutyTone(s: Pick<DutyStatus, 'state'>): DutyTone {
  return s.state === 'ok' ? 'success' : s.state === 'dueSoon' ? 'warning' : 'danger';
}

/** YYYY-MM-DD as 2026 年 12 月 28 日 (no weekday); '—' when there is none. */
export function dutyDate(ymd: string | null): string {
  const m = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  return m ? `${m[1]} 年 ${Number(m[2])} 月 ${Number(m[3])} 日` : '—';
}
