import { HolidayTable } from '../../types';
import holidaysFile from '../../config/town/holidays.json';
import { arrangementKnown, findWorkday, holidaysFrom, isWorkday, LIBRARY_ONLY, missingNextYear } from './holidays';

const at = (s: string) => new Date(s);
// Made-up data (not an official arrangement): only what the rules must do with data.
const data = holidaysFrom({
  years: {
    '2026': { off: ['2026-03-04'], workdays: ['2026-03-07'] },
    '2027': { off: ['2027-01-01', '2027-02-08'], workdays: ['2027-02-06'] },
  },
});

describe('holidays: the town data over the library', () => {
  it('a date in the data wins over the library; other dates are the library’s', () => {
    expect(isWorkday('2026-03-04', LIBRARY_ONLY)).toBe(true); // a Wednesday
    expect(isWorkday('2026-03-04', data)).toBe(false);
    expect(isWorkday('2026-03-07', LIBRARY_ONLY)).toBe(false); // a Saturday
    expect(isWorkday('2026-03-07', data)).toBe(true);
    expect(isWorkday('2026-03-05', data)).toBe(true);
    expect(isWorkday('2026-03-08', data)).toBe(false);
    expect(isWorkday('2026-10-01', data)).toBe(false); // the library's National Day
    expect(isWorkday('2026-02-14', data)).toBe(true); // the library's make-up Saturday
  });

  it('indexes every year of the data', () => {
    expect([...data.years].sort()).toEqual([2026, 2027]);
    expect([...data.off].sort()).toEqual(['2026-03-04', '2027-01-01', '2027-02-08']);
    expect([...data.workdays].sort()).toEqual(['2026-03-07', '2027-02-06']);
    expect(LIBRARY_ONLY.years.size + LIBRARY_ONLY.off.size + LIBRARY_ONLY.workdays.size).toBe(0);
  });

  it('finds the n-th working day forwards and backwards, across months and years', () => {
    expect(findWorkday(1, '2026-03-03', data)).toBe('2026-03-05');
    expect(findWorkday(2, '2026-03-05', data)).toBe('2026-03-07');
    expect(findWorkday(-1, '2026-03-05', data)).toBe('2026-03-03');
    expect(findWorkday(-3, '2026-03-09', data)).toBe('2026-03-05');
    expect(findWorkday(1, '2026-12-31', data)).toBe('2027-01-04'); // 01-01 off, then the weekend
    expect(findWorkday(-1, '2027-01-04', data)).toBe('2026-12-31');
    expect(findWorkday(1, '2027-02-26', LIBRARY_ONLY)).toBe('2027-03-01');
    expect(findWorkday(-1, '2027-03-01', LIBRARY_ONLY)).toBe('2027-02-26');
    expect(findWorkday(1, '2028-02-28', LIBRARY_ONLY)).toBe('2028-02-29');
  });

  it('refuses a step of zero or a fraction', () => {
    for (const n of [0, 0.5, -1.5]) {
      expect(() => findWorkday(n, '2026-03-03', data)).toThrow('findWorkday: delta must be a non-zero integer');
    }
  });

  it('knows a year from the library or the data', () => {
    expect(arrangementKnown(2026, LIBRARY_ONLY)).toBe(true);
    expect(arrangementKnown(2027, LIBRARY_ONLY)).toBe(false);
    expect(arrangementKnown(2027, data)).toBe(true);
    expect(arrangementKnown(2028, data)).toBe(false);
  });
});

describe('missingNextYear: from 1 November (town time), next year without an arrangement', () => {
  it('not on 31 October, from the first moment of 1 November to 31 December', () => {
    expect(missingNextYear(at('2026-10-31T23:59:59+08:00'), LIBRARY_ONLY)).toBeNull();
    expect(missingNextYear(at('2026-11-01T00:00:00+08:00'), LIBRARY_ONLY)).toBe(2027);
    expect(missingNextYear(at('2026-12-31T23:59:59+08:00'), LIBRARY_ONLY)).toBe(2027);
    expect(missingNextYear(at('2027-01-15T10:00:00+08:00'), LIBRARY_ONLY)).toBeNull();
  });

  it('not when the library or the data has next year', () => {
    expect(missingNextYear(at('2025-11-10T10:00:00+08:00'), LIBRARY_ONLY)).toBeNull(); // library has 2026
    expect(missingNextYear(at('2026-11-10T10:00:00+08:00'), data)).toBeNull();
    expect(missingNextYear(at('2027-11-10T10:00:00+08:00'), data)).toBe(2028);
  });
});

describe('HolidayTable (config/town/holidays.json)', () => {
  it('the shipped file is valid', () => {
    expect(HolidayTable.safeParse(holidaysFile).success).toBe(true);
  });

  it('refuses dates outside their year, a date both off and worked, and a year without days off', () => {
    const parse = (years: unknown) => HolidayTable.safeParse({ years }).success;
    expect(parse({ '2027': { off: ['2027-10-01'], workdays: ['2027-09-26'] } })).toBe(true);
    expect(parse({ '2027': { off: ['2028-01-01'], workdays: [] } })).toBe(false);
    expect(parse({ '2027': { off: ['2027-10-01'], workdays: ['2026-09-26'] } })).toBe(false);
    expect(parse({ '2027': { off: ['2027-10-01'], workdays: ['2027-10-01'] } })).toBe(false);
    expect(parse({ '2027': { off: [], workdays: [] } })).toBe(false);
    expect(parse({ '2027': { off: ['2027-13-01'], workdays: [] } })).toBe(false);
    expect(parse({ '27': { off: ['27-01-01'], workdays: [] } })).toBe(false);
  });
});
