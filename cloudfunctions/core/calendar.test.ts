import { addWorkingDays, endOfTownDay, isWorkingDay, overdueCutoff, townDate, workingDaysOverdue } from './calendar';
import { holidaysFrom, LIBRARY_ONLY } from './holidays';
import { isoTown } from './time';

const at = (s: string) => new Date(s);
const H = LIBRARY_ONLY;

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
      expect([d, isWorkingDay(d, H)]).toEqual([d, false]);
    }
    // Saturdays worked in lieu (调休上班).
    expect(isWorkingDay('2026-02-14', H)).toBe(true);
    expect(isWorkingDay('2026-02-28', H)).toBe(true);
    expect(isWorkingDay('2026-02-24', H)).toBe(true);
  });

  it('knows the 2026 National Day holiday and its make-up workdays', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07'])
      expect([d, isWorkingDay(d, H)]).toEqual([d, false]);
    expect(isWorkingDay('2026-09-20', H)).toBe(true); // Sunday worked in lieu
    expect(isWorkingDay('2026-10-10', H)).toBe(true); // Saturday worked in lieu
    expect(isWorkingDay('2026-10-08', H)).toBe(true);
  });

  it('reads dates in town time and ends a day at 23:59:59 +08:00', () => {
    expect(townDate(at('2026-03-04T15:59:59Z'))).toBe('2026-03-04');
    expect(townDate(at('2026-03-04T16:00:00Z'))).toBe('2026-03-05');
    expect(isoTown(endOfTownDay('2026-03-04'))).toBe('2026-03-04T23:59:59+08:00');
    expect(endOfTownDay('2026-03-04').toISOString()).toBe('2026-03-04T15:59:59.000Z');
  });

  it('counts deadlines in working days, to the end of the day', () => {
    // Friday before Spring Festival → the make-up Saturday.
    expect(isoTown(addWorkingDays(at('2026-02-13T15:00:00+08:00'), 1, H))).toBe('2026-02-14T23:59:59+08:00');
    // The make-up Saturday → straight over the whole holiday.
    expect(isoTown(addWorkingDays(at('2026-02-14T09:00:00+08:00'), 1, H))).toBe('2026-02-24T23:59:59+08:00');
    // Filed during the National Day holiday: 5 working days are 10-08, 09, 10 (Sat, in lieu), 12, 13.
    expect(isoTown(addWorkingDays(at('2026-10-03T11:00:00+08:00'), 5, H))).toBe('2026-10-13T23:59:59+08:00');
    // An ordinary week.
    expect(isoTown(addWorkingDays(at('2026-11-27T10:00:00+08:00'), 1, H))).toBe('2026-11-30T23:59:59+08:00');
    // Late evening in town time is still that day (UTC already says the same date here, 00:30 would not).
    expect(isoTown(addWorkingDays(at('2026-03-04T00:30:00+08:00'), 1, H))).toBe('2026-03-05T23:59:59+08:00');
  });

  it('takes only a positive whole number of working days', () => {
    const from = at('2026-03-04T10:00:00+08:00');
    for (const n of [0, -1, 1.5, Number.NaN]) {
      expect(() => addWorkingDays(from, n, H)).toThrow('addWorkingDays: n must be a positive integer');
    }
    expect(isoTown(addWorkingDays(from, 2, H))).toBe('2026-03-06T23:59:59+08:00');
  });

  it('measures how many working days a deadline is overdue', () => {
    const deadline = at('2026-09-30T23:59:59+08:00');
    expect(workingDaysOverdue(deadline, at('2026-09-30T12:00:00+08:00'), H)).toBe(0);
    expect(workingDaysOverdue(deadline, at('2026-09-30T23:59:59+08:00'), H)).toBe(0);
    expect(workingDaysOverdue(deadline, at('2026-09-20T12:00:00+08:00'), H)).toBe(0); // not yet due
    expect(workingDaysOverdue(deadline, at('2026-10-06T12:00:00+08:00'), H)).toBe(0); // holiday only
    expect(workingDaysOverdue(deadline, at('2026-10-08T00:00:01+08:00'), H)).toBe(1);
    expect(workingDaysOverdue(deadline, at('2026-10-12T12:00:00+08:00'), H)).toBe(4); // 8, 9, 10, 12
    // Wednesday's deadline on Thursday: one working day, counted from Thursday's start.
    expect(workingDaysOverdue(at('2026-03-04T23:59:59+08:00'), at('2026-03-05T08:00:00+08:00'), H)).toBe(1);
  });

  it('agrees with workingDaysOverdue on weekends and holidays', () => {
    const deadline = at('2026-03-04T23:59:59+08:00'); // a Wednesday
    for (const now of ['2026-03-07T01:00:00+08:00', '2026-03-08T12:00:00+08:00', '2026-02-21T12:00:00+08:00']) {
      for (const n of [1, 2, 3, 5]) {
        const d = at(now);
        const byCutoff = deadline <= overdueCutoff(d, n, H);
        expect([now, n, byCutoff]).toEqual([now, n, workingDaysOverdue(deadline, d, H) >= n]);
      }
    }
    // Saturday 03-07: two working days (Thu, Fri) have passed, not three.
    expect(workingDaysOverdue(deadline, at('2026-03-07T01:00:00+08:00'), H)).toBe(2);
    expect(deadline <= overdueCutoff(at('2026-03-07T01:00:00+08:00'), 3, H)).toBe(false);
  });

  it('gives the cut-off behind which a deadline is n working days overdue', () => {
    const now = at('2026-10-12T12:00:00+08:00');
    const cutoff = overdueCutoff(now, 4, H);
    expect(isoTown(cutoff)).toBe('2026-09-30T23:59:59+08:00');
    expect(workingDaysOverdue(at('2026-09-30T23:59:59+08:00'), now, H)).toBe(4);
    // On a working day, one day overdue means yesterday's (or the last working day's) deadline.
    expect(isoTown(overdueCutoff(at('2026-03-05T09:00:00+08:00'), 1, H))).toBe('2026-03-04T23:59:59+08:00');
    expect(isoTown(overdueCutoff(at('2026-03-09T09:00:00+08:00'), 1, H))).toBe('2026-03-06T23:59:59+08:00');
    // On Saturday, Friday's deadline is not yet a working day overdue: the cut-off is Thursday's end.
    expect(isoTown(overdueCutoff(at('2026-03-07T09:00:00+08:00'), 1, H))).toBe('2026-03-05T23:59:59+08:00');
    // Zero working days: anything already past its deadline.
    expect(overdueCutoff(now, 0, H)).toBe(now);
  });
});

describe('holiday data of the town layered over the library', () => {
  // A made-up arrangement for 2027 (the library has none): not the official one, only what the rules must do with it.
  const with2027 = holidaysFrom({
    years: { '2027': { off: ['2027-02-08', '2027-02-09', '2027-02-10'], workdays: ['2027-02-06'] } },
  });

  it('a holiday added in data moves a deadline', () => {
    const friday = at('2027-02-05T10:00:00+08:00');
    expect(isoTown(addWorkingDays(friday, 2, H))).toBe('2027-02-09T23:59:59+08:00'); // library: Mon, Tue
    // Data: Saturday 02-06 worked in lieu, Mon–Wed off → Sat, Thu.
    expect(isoTown(addWorkingDays(friday, 2, with2027))).toBe('2027-02-11T23:59:59+08:00');
    expect(isWorkingDay('2027-02-06', with2027)).toBe(true);
    expect(isWorkingDay('2027-02-09', with2027)).toBe(false);
  });

  it('a holiday added in data counts in overdue working days and the sweep cut-off', () => {
    const deadline = at('2027-02-05T23:59:59+08:00');
    const now = at('2027-02-11T09:00:00+08:00');
    expect(workingDaysOverdue(deadline, now, H)).toBe(4); // Mon–Thu
    expect(workingDaysOverdue(deadline, now, with2027)).toBe(2); // Sat in lieu, Thu
    expect(isoTown(overdueCutoff(now, 2, with2027))).toBe('2027-02-05T23:59:59+08:00');
    expect(isoTown(overdueCutoff(now, 2, H))).toBe('2027-02-09T23:59:59+08:00');
  });
});
