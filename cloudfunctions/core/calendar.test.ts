import { addWorkingDays, isWorkingDay, overdueCutoff, workingDaysOverdue } from './calendar';
import { isoTown } from './time';

const at = (s: string) => new Date(s);

describe('working-day calendar (chinese-days data)', () => {
  it('knows the 2026 Spring Festival holiday and its make-up workdays', () => {
    for (const d of [
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-23',
    ]) {
      expect([d, isWorkingDay(d)]).toEqual([d, false]);
    }
    // Saturdays worked in lieu (调休上班).
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(isWorkingDay('2026-02-24')).toBe(true);
  });

  it('knows the 2026 National Day holiday and its make-up workdays', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07'])
      expect([d, isWorkingDay(d)]).toEqual([d, false]);
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday worked in lieu
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday worked in lieu
    expect(isWorkingDay('2026-10-08')).toBe(true);
  });

  it('counts deadlines in working days, to the end of the day', () => {
    // Friday before Spring Festival → the make-up Saturday.
    expect(isoTown(addWorkingDays(at('2026-02-13T15:00:00+08:00'), 1))).toBe('2026-02-14T23:59:59+08:00');
    // The make-up Saturday → straight over the whole holiday.
    expect(isoTown(addWorkingDays(at('2026-02-14T09:00:00+08:00'), 1))).toBe('2026-02-24T23:59:59+08:00');
    // Filed during the National Day holiday: 5 working days are 10-08, 09, 10 (Sat, in lieu), 12, 13.
    expect(isoTown(addWorkingDays(at('2026-10-03T11:00:00+08:00'), 5))).toBe('2026-10-13T23:59:59+08:00');
    // An ordinary week.
    expect(isoTown(addWorkingDays(at('2026-11-27T10:00:00+08:00'), 1))).toBe('2026-11-30T23:59:59+08:00');
  });

  it('measures how many working days a deadline is overdue', () => {
    const deadline = at('2026-09-30T23:59:59+08:00');
    expect(workingDaysOverdue(deadline, at('2026-09-30T12:00:00+08:00'))).toBe(0);
    expect(workingDaysOverdue(deadline, at('2026-10-06T12:00:00+08:00'))).toBe(0); // holiday only
    expect(workingDaysOverdue(deadline, at('2026-10-08T12:00:00+08:00'))).toBe(1);
    expect(workingDaysOverdue(deadline, at('2026-10-12T12:00:00+08:00'))).toBe(4); // 8, 9, 10, 12
  });

  it('agrees with workingDaysOverdue on weekends and holidays', () => {
    const deadline = at('2026-03-04T23:59:59+08:00'); // a Wednesday
    for (const now of ['2026-03-07T01:00:00+08:00', '2026-03-08T12:00:00+08:00', '2026-02-21T12:00:00+08:00']) {
      for (const n of [1, 2, 3, 5]) {
        const d = at(now);
        const byCutoff = deadline <= overdueCutoff(d, n);
        expect([now, n, byCutoff]).toEqual([now, n, workingDaysOverdue(deadline, d) >= n]);
      }
    }
    // Saturday 03-07: two working days (Thu, Fri) have passed, not three.
    expect(workingDaysOverdue(deadline, at('2026-03-07T01:00:00+08:00'))).toBe(2);
    expect(deadline <= overdueCutoff(at('2026-03-07T01:00:00+08:00'), 3)).toBe(false);
  });

  it('gives the cut-off behind which a deadline is n working days overdue', () => {
    const now = at('2026-10-12T12:00:00+08:00');
    const cutoff = overdueCutoff(now, 4);
    expect(isoTown(cutoff)).toBe('2026-09-30T23:59:59+08:00');
    expect(workingDaysOverdue(at('2026-09-30T23:59:59+08:00'), now)).toBe(4);
  });
});
