import { countdown } from './countdown';

// Deadlines are the end of a town day (23:59:59+08:00); "now" is given in town time too.
const due = '2026-11-30T23:59:59+08:00';
const at = (iso: string) => new Date(iso);

test.each([
  ['2026-11-27T09:00:00+08:00', '剩 3 天', 'neutral'],
  ['2026-11-28T09:00:00+08:00', '剩 2 天', 'warning'],
  ['2026-11-29T23:59:59+08:00', '剩 1 天', 'warning'],
  // The day boundary is midnight in town time, not UTC: 00:00 on the 30th (16:00 UTC on the 29th) is the due day.
  ['2026-11-30T00:00:00+08:00', '今天到期', 'warning'],
  ['2026-11-30T23:59:58+08:00', '今天到期', 'warning'],
  ['2026-12-01T00:00:00+08:00', '超期 1 天', 'danger'],
  ['2026-12-02T08:00:00+08:00', '超期 2 天', 'danger'],
] as const)('at %s the deadline reads %s (%s)', (now, text, tone) => {
  expect(countdown(due, at(now))).toMatchObject({ text, tone });
});

test('past the hour on the due day, or when the server says overdue, it never reads as time left', () => {
  expect(countdown('2026-11-30T10:00:00+08:00', at('2026-11-30T11:00:00+08:00')).text).toBe('已超期');
  expect(countdown(due, at('2026-11-27T09:00:00+08:00'), true)).toMatchObject({ text: '已超期', tone: 'danger' });
});
