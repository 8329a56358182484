// The enterprise duties' dates at their boundaries (issue 10): periods (drill 12/6, self-inspection 3/1 months),
// due dates with month-end clamps, the due day itself, the day after, the reminder leads (30 / 7 days), never.
import fc from 'fast-check';
import type { DutyKind, DutyStatus } from '../../types/inspection';
import {
  daysBetween,
  dueOn,
  DUTY_PERIOD_MONTHS,
  DUTY_REMIND_DAYS,
  dutyStatus,
  isFlagged,
  periodMonths,
} from './duties';

describe('periods and reminder leads', () => {
  it('is the seed: drills every 12 months (high-risk 6), self-inspections every 3 (high-risk 1)', () => {
    expect(DUTY_PERIOD_MONTHS).toEqual({ drill: { normal: 12, highRisk: 6 }, inspection: { normal: 3, highRisk: 1 } });
    expect(DUTY_REMIND_DAYS).toEqual({ drill: 30, inspection: 7 });
  });

  it.each([
    ['drill', false, 12],
    ['drill', true, 6],
    ['inspection', false, 3],
    ['inspection', true, 1],
  ] as const)('periodMonths(%s, highRisk %s) = %i', (kind, highRisk, months) => {
    expect(periodMonths(kind, highRisk)).toBe(months);
  });
});

describe('dueOn', () => {
  it.each([
    ['2026-03-15', 12, '2027-03-15'],
    ['2026-03-15', 6, '2026-09-15'],
    ['2026-03-15', 3, '2026-06-15'],
    ['2026-03-15', 1, '2026-04-15'],
    ['2026-11-29', 3, '2027-02-28'], // across the year, into February: clamped
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-08-31', 6, '2027-02-28'], // the month's end is clamped, not rolled into March
    ['2027-08-31', 6, '2028-02-29'], // into a leap February
    ['2028-02-29', 12, '2029-02-28'], // a leap day plus a year
    ['2028-02-29', 6, '2028-08-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-31', 3, '2026-08-31'],
    ['2026-01-30', 1, '2026-02-28'],
  ])('%s + %i months = %s', (last, months, due) => {
    expect(dueOn(last, months)).toBe(due);
  });

  it('none on record: null (owed now)', () => {
    expect(dueOn(null, 12)).toBeNull();
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-29', '2026-11-29', 0],
    ['2026-11-29', '2026-11-30', 1],
    ['2026-11-30', '2026-11-29', -1],
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2], // leap year
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-03-28', '2026-03-30', 2], // across a European DST change: still whole days
    ['2026-10-24', '2026-10-26', 2],
  ])('%s → %s = %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

const status = (kind: DutyKind, highRisk: boolean, lastOn: string | null, today: string) =>
  dutyStatus(kind, highRisk, lastOn, today);

describe('dutyStatus: drills (12 months, high-risk 6; told 30 days ahead)', () => {
  const last = '2026-03-15';

  it('the whole record: last, due, days left, period', () => {
    expect(status('drill', false, last, '2026-06-01')).toEqual({
      kind: 'drill',
      state: 'ok',
      lastOn: last,
      dueOn: '2027-03-15',
      daysLeft: 287,
      periodMonths: 12,
    });
  });

  it.each([
    ['the day it was done', '2026-03-15', 'ok', 365],
    ['31 days before the due date', '2027-02-12', 'ok', 31],
    ['30 days before the due date', '2027-02-13', 'dueSoon', 30],
    ['1 day before', '2027-03-14', 'dueSoon', 1],
    ['the due day itself', '2027-03-15', 'dueSoon', 0],
    ['the day after the due day', '2027-03-16', 'overdue', -1],
    ['a year late', '2028-03-15', 'overdue', -366],
  ])('normal, %s (%s) → %s, %i days left', (_, today, state, daysLeft) => {
    expect(status('drill', false, last, today)).toMatchObject({ state, daysLeft, dueOn: '2027-03-15' });
  });

  it.each([
    ['31 days before', '2026-08-15', 'ok', 31],
    ['30 days before', '2026-08-16', 'dueSoon', 30],
    ['the due day', '2026-09-15', 'dueSoon', 0],
    ['the day after', '2026-09-16', 'overdue', -1],
  ])('high-risk (6 months), %s (%s) → %s', (_, today, state, daysLeft) => {
    expect(status('drill', true, last, today)).toMatchObject({
      state,
      daysLeft,
      dueOn: '2026-09-15',
      periodMonths: 6,
    });
  });

  it('a high-risk enterprise is overdue where a normal one is fine', () => {
    expect(status('drill', true, last, '2026-10-01').state).toBe('overdue');
    expect(status('drill', false, last, '2026-10-01').state).toBe('ok');
  });

  it('month-end: done 08-31, high-risk → due 02-28, overdue on 03-01', () => {
    expect(status('drill', true, '2026-08-31', '2027-02-28')).toMatchObject({ state: 'dueSoon', daysLeft: 0 });
    expect(status('drill', true, '2026-08-31', '2027-03-01')).toMatchObject({ state: 'overdue', daysLeft: -1 });
  });

  it('leap day: done 2028-02-29 → due 2029-02-28, overdue on 2029-03-01', () => {
    expect(status('drill', false, '2028-02-29', '2029-02-28')).toMatchObject({
      state: 'dueSoon',
      dueOn: '2029-02-28',
      daysLeft: 0,
    });
    expect(status('drill', false, '2028-02-29', '2029-03-01').state).toBe('overdue');
  });
});

describe('dutyStatus: self-inspections (3 months, high-risk 1; told 7 days ahead)', () => {
  it.each([
    ['8 days before', '2026-06-07', 'ok', 8],
    ['7 days before', '2026-06-08', 'dueSoon', 7],
    ['the due day', '2026-06-15', 'dueSoon', 0],
    ['the day after', '2026-06-16', 'overdue', -1],
  ])('normal, %s (%s) → %s', (_, today, state, daysLeft) => {
    expect(status('inspection', false, '2026-03-15', today)).toEqual({
      kind: 'inspection',
      state,
      lastOn: '2026-03-15',
      dueOn: '2026-06-15',
      daysLeft,
      periodMonths: 3,
    });
  });

  it.each([
    ['8 days before', '2026-02-20', 'ok', 8],
    ['7 days before', '2026-02-21', 'dueSoon', 7],
    ['the due day (clamped 02-28)', '2026-02-28', 'dueSoon', 0],
    ['the day after', '2026-03-01', 'overdue', -1],
  ])('high-risk, done 01-31, %s (%s) → %s', (_, today, state, daysLeft) => {
    expect(status('inspection', true, '2026-01-31', today)).toMatchObject({
      state,
      daysLeft,
      dueOn: '2026-02-28',
      periodMonths: 1,
    });
  });

  it('30 days ahead is ok for an inspection (its lead is 7), dueSoon for a drill with the same due date', () => {
    // Both due 2027-03-15: the inspection done 2026-12-15, the drill 2026-03-15.
    expect(status('inspection', false, '2026-12-15', '2027-02-13')).toMatchObject({ state: 'ok', daysLeft: 30 });
    expect(status('drill', false, '2026-03-15', '2027-02-13')).toMatchObject({ state: 'dueSoon', daysLeft: 30 });
  });
});

describe('never done', () => {
  it.each(['drill', 'inspection'] as const)('%s with nothing on record → never, no dates, flagged', (kind) => {
    for (const highRisk of [false, true]) {
      const s = status(kind, highRisk, null, '2026-11-29');
      expect(s).toEqual({
        kind,
        state: 'never',
        lastOn: null,
        dueOn: null,
        daysLeft: null,
        periodMonths: periodMonths(kind, highRisk),
      });
      expect(isFlagged(s)).toBe(true);
    }
  });
});

describe('isFlagged', () => {
  const base: DutyStatus = { kind: 'drill', state: 'ok', lastOn: null, dueOn: null, daysLeft: null, periodMonths: 12 };
  it.each([
    ['ok', false],
    ['dueSoon', false],
    ['overdue', true],
    ['never', true],
  ] as const)('%s → %s', (state, flagged) => {
    expect(isFlagged({ ...base, state })).toBe(flagged);
  });

  it('the due day is not flagged, the day after is', () => {
    expect(isFlagged(status('drill', false, '2026-03-15', '2027-03-15'))).toBe(false);
    expect(isFlagged(status('drill', false, '2026-03-15', '2027-03-16'))).toBe(true);
  });
});

describe('property: the state follows the days left', () => {
  it('overdue < 0 ≤ dueSoon ≤ lead < ok, and dueOn is lastOn + period', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => {
      const d = new Date(Date.UTC(2024, 0, 1 + n));
      return d.toISOString().slice(0, 10);
    });
    fc.assert(
      fc.property(fc.constantFrom<DutyKind>('drill', 'inspection'), fc.boolean(), day, day, (kind, hr, last, today) => {
        const s = status(kind, hr, last, today);
        expect(s.dueOn).toBe(dueOn(last, periodMonths(kind, hr)));
        expect(s.daysLeft).toBe(daysBetween(today, s.dueOn!));
        const left = s.daysLeft!;
        expect(s.state).toBe(left < 0 ? 'overdue' : left <= DUTY_REMIND_DAYS[kind] ? 'dueSoon' : 'ok');
        expect(isFlagged(s)).toBe(left < 0);
        // The due date is within the period's calendar months: never before the same day-of-month clamp.
        expect(daysBetween(last, s.dueOn!)).toBeGreaterThanOrEqual(28 * periodMonths(kind, hr));
        expect(daysBetween(last, s.dueOn!)).toBeLessThanOrEqual(31 * periodMonths(kind, hr));
      }),
      { numRuns: 300 },
    );
  });
});
