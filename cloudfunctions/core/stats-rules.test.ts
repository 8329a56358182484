// The dashboard's pure parts: periods at their edges, nearest-rank percentiles on small sets, rates with a zero
// denominator, every trend slot present.
import {
  createdWithin,
  currentMonth,
  durationStats,
  hoursBetween,
  nearestRank,
  nextDay,
  periodRange,
  rate,
  trendSlots,
} from './stats-rules';

describe('periodRange', () => {
  it('gives a month its first and last day (February of a leap year too)', () => {
    expect(periodRange({ kind: 'month', key: '2026-11' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      label: '2026年11月',
    });
    expect(periodRange({ kind: 'month', key: '2028-02' })).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange({ kind: 'month', key: '2026-01' }).label).toBe('2026年1月');
  });

  it('gives a quarter its three months and a Chinese ordinal', () => {
    expect(periodRange({ kind: 'quarter', key: '2026-Q4' })).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026年第四季度',
    });
    expect(periodRange({ kind: 'quarter', key: '2026-Q1' })).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      label: '2026年第一季度',
    });
  });

  it('gives a year', () => {
    expect(periodRange({ kind: 'year', key: '2026' })).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      label: '2026年',
    });
  });
});

describe('currentMonth and createdWithin', () => {
  it('reads the month in town time (UTC evening of the last day is already the next month)', () => {
    expect(currentMonth(new Date('2026-11-30T16:00:00Z'))).toEqual({ kind: 'month', key: '2026-12' });
    expect(currentMonth(new Date('2026-11-30T15:59:59Z'))).toEqual({ kind: 'month', key: '2026-11' });
  });

  it('runs from 00:00 of the first day to 00:00 after the last day, across a year end', () => {
    expect(createdWithin({ from: '2026-12-01', to: '2026-12-31' })).toEqual({
      start: '2026-12-01T00:00:00+08:00',
      end: '2027-01-01T00:00:00+08:00',
    });
  });
});

describe('nearestRank', () => {
  it('is null for no values and the value itself for one', () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([[3.5, 0]], 0.5)).toBeNull();
    expect(nearestRank([[3.5, 1]], 0.5)).toBe(3.5);
    expect(nearestRank([[3.5, 1]], 0.9)).toBe(3.5);
  });

  it('takes the lower of two for the median and the upper for p90', () => {
    expect(
      nearestRank(
        [
          [8, 1],
          [2, 1],
        ],
        0.5,
      ),
    ).toBe(2);
    expect(
      nearestRank(
        [
          [8, 1],
          [2, 1],
        ],
        0.9,
      ),
    ).toBe(8);
  });

  it('takes the 5th and the 9th of ten values, counts included', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => [v, 1] as const);
    expect(nearestRank(ten, 0.5)).toBe(5);
    expect(nearestRank(ten, 0.9)).toBe(9);
    // the same ten values as a histogram with repeats: 1×4, 2×5, 30×1
    expect(
      nearestRank(
        [
          [30, 1],
          [1, 4],
          [2, 5],
        ],
        0.5,
      ),
    ).toBe(2);
    expect(
      nearestRank(
        [
          [30, 1],
          [1, 4],
          [2, 5],
        ],
        0.9,
      ),
    ).toBe(2);
    expect(
      nearestRank(
        [
          [30, 1],
          [1, 4],
          [2, 5],
        ],
        1,
      ),
    ).toBe(30);
  });

  it('summarises a histogram', () => {
    expect(durationStats([])).toEqual({ count: 0, medianHours: null, p90Hours: null });
    expect(
      durationStats([
        [0.5, 3],
        [48.2, 1],
      ]),
    ).toEqual({ count: 4, medianHours: 0.5, p90Hours: 48.2 });
  });
});

describe('rate, hours and slots', () => {
  it('is null on a zero denominator, the ratio otherwise', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 5)).toBe(0);
  });

  it('rounds hours to 0.1', () => {
    expect(hoursBetween('2026-11-02T09:00:00+08:00', '2026-11-02T10:20:00+08:00')).toBe(1.3);
    expect(hoursBetween('2026-11-02T09:00:00+08:00', '2026-11-04T09:03:00+08:00')).toBe(48.1);
    expect(hoursBetween('2026-11-02T09:00:00+08:00', '2026-11-02T09:00:00+08:00')).toBe(0);
  });

  it('has every day of a month and every month of a quarter or year, oldest first', () => {
    const days = trendSlots('month', { from: '2026-02-01', to: '2026-02-28' });
    expect(days).toHaveLength(28);
    expect(days[0]).toEqual({ key: '2026-02-01', label: '2月1日' });
    expect(days[27].key).toBe('2026-02-28');
    expect(trendSlots('quarter', periodRange({ kind: 'quarter', key: '2026-Q4' }))).toEqual([
      { key: '2026-10', label: '10月' },
      { key: '2026-11', label: '11月' },
      { key: '2026-12', label: '12月' },
    ]);
    expect(trendSlots('year', periodRange({ kind: 'year', key: '2026' }))).toHaveLength(12);
    // the workbook's cycle: 10-23 … 11-22, by day
    const cycle = trendSlots('month', { from: '2026-10-23', to: '2026-11-22' });
    expect([cycle.length, cycle[0].key, cycle[30].key]).toEqual([31, '2026-10-23', '2026-11-22']);
  });
});

describe('edges (mutation testing)', () => {
  it('names the second and third quarters and gives their months', () => {
    expect(periodRange({ kind: 'quarter', key: '2026-Q2' })).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
      label: '2026年第二季度',
    });
    expect(periodRange({ kind: 'quarter', key: '2026-Q3' })).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      label: '2026年第三季度',
    });
    expect(periodRange({ kind: 'month', key: '2026-12' })).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
      label: '2026年12月',
    });
  });

  it('reads the month at exactly 00:00 town time on the first', () => {
    expect(currentMonth(new Date('2026-12-31T16:00:00Z'))).toEqual({ kind: 'month', key: '2027-01' });
    expect(currentMonth(new Date('2026-12-31T15:59:59.999Z'))).toEqual({ kind: 'month', key: '2026-12' });
  });

  it('steps a day over month and year ends', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(createdWithin({ from: '2026-11-01', to: '2026-11-01' })).toEqual({
      start: '2026-11-01T00:00:00+08:00',
      end: '2026-11-02T00:00:00+08:00',
    });
  });

  it('takes the lowest value for a tiny p and the highest for p = 1, ignoring empty buckets', () => {
    const h = [
      [7, 0],
      [3, 2],
      [5, 1],
      [0, 0],
    ] as const;
    expect(nearestRank(h, 0.01)).toBe(3);
    expect(nearestRank(h, 2 / 3)).toBe(3);
    expect(nearestRank(h, 0.67)).toBe(5);
    expect(nearestRank(h, 1)).toBe(5);
    expect(durationStats(h)).toEqual({ count: 3, medianHours: 3, p90Hours: 5 });
    // The caller's histogram is left as it was (sorted on a copy).
    expect(h.map(([v]) => v)).toEqual([7, 3, 5, 0]);
  });

  it('gives the ratio exactly, 1 when all count', () => {
    expect(rate(1, 3)).toBeCloseTo(1 / 3, 12);
    expect(rate(4, 4)).toBe(1);
    expect(rate(5, 0)).toBeNull();
  });

  it('labels every day slot, across a year end', () => {
    const days = trendSlots('month', { from: '2025-12-23', to: '2026-01-22' });
    expect(days).toHaveLength(31);
    expect(days[8]).toEqual({ key: '2025-12-31', label: '12月31日' });
    expect(days[9]).toEqual({ key: '2026-01-01', label: '1月1日' });
    expect(days[30]).toEqual({ key: '2026-01-22', label: '1月22日' });
    expect(trendSlots('month', { from: '2026-11-05', to: '2026-11-05' })).toEqual([
      { key: '2026-11-05', label: '11月5日' },
    ]);
  });

  it('takes every month a range touches, from and to in mid-month, across a year end', () => {
    expect(trendSlots('quarter', { from: '2026-10-15', to: '2026-12-10' })).toEqual([
      { key: '2026-10', label: '10月' },
      { key: '2026-11', label: '11月' },
      { key: '2026-12', label: '12月' },
    ]);
    expect(trendSlots('year', { from: '2025-12-23', to: '2026-01-22' })).toEqual([
      { key: '2025-12', label: '12月' },
      { key: '2026-01', label: '1月' },
    ]);
    const year = trendSlots('year', periodRange({ kind: 'year', key: '2026' }));
    expect([year[0], year[11]]).toEqual([
      { key: '2026-01', label: '1月' },
      { key: '2026-12', label: '12月' },
    ]);
  });
});
