// The monthly report's rules on their edges: the 23rd cycle (22nd/23rd, December → January, the year in the range
// text only when the cycle crosses a year end), month arithmetic over years, the month pattern's bounds.
import {
  defaultReportMonth,
  MONTH_PATTERN,
  MONTHLY_DUE_DAY,
  MONTHLY_SHEETS,
  MonthlyInput,
  MonthlyListInput,
  monthlyCycle,
  monthlyFileName,
  shiftMonth,
} from './monthly';

describe('shiftMonth', () => {
  it('moves within a year, across a year end both ways and by more than a year', () => {
    expect(shiftMonth('2026-05', 0)).toBe('2026-05');
    expect(shiftMonth('2026-05', 1)).toBe('2026-06');
    expect(shiftMonth('2026-05', -1)).toBe('2026-04');
    expect(shiftMonth('2026-11', 1)).toBe('2026-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-02', -1)).toBe('2026-01');
    expect(shiftMonth('2026-03', 13)).toBe('2027-04');
    expect(shiftMonth('2026-03', -15)).toBe('2024-12');
    expect(shiftMonth('2026-10', -9)).toBe('2026-01');
  });
});

describe('monthlyCycle', () => {
  it('runs from the 23rd of the month before to the 22nd, in one year without the years in the text', () => {
    expect(monthlyCycle('2026-11')).toEqual({
      month: '2026-11',
      label: '2026年11月',
      from: '2026-10-23',
      to: '2026-11-22',
      rangeText: '10月23日—11月22日',
    });
    expect(monthlyCycle('2026-03')).toEqual({
      month: '2026-03',
      label: '2026年3月',
      from: '2026-02-23',
      to: '2026-03-22',
      rangeText: '2月23日—3月22日',
    });
  });

  it('names both years when the cycle crosses a year end (January), and only then', () => {
    expect(monthlyCycle('2026-01')).toEqual({
      month: '2026-01',
      label: '2026年1月',
      from: '2025-12-23',
      to: '2026-01-22',
      rangeText: '2025年12月23日—2026年1月22日',
    });
    expect(monthlyCycle('2026-12').rangeText).toBe('11月23日—12月22日');
    expect(monthlyCycle('2027-02').rangeText).toBe('1月23日—2月22日');
  });
});

describe('defaultReportMonth', () => {
  it('is this month from the 23rd on and the month before up to the 22nd', () => {
    expect(MONTHLY_DUE_DAY).toBe(23);
    expect(defaultReportMonth('2026-11-22')).toBe('2026-10');
    expect(defaultReportMonth('2026-11-23')).toBe('2026-11');
    expect(defaultReportMonth('2026-11-24')).toBe('2026-11');
    expect(defaultReportMonth('2026-11-01')).toBe('2026-10');
    expect(defaultReportMonth('2026-11-30')).toBe('2026-11');
  });

  it('goes back to December of the year before in January up to the 22nd', () => {
    expect(defaultReportMonth('2027-01-22')).toBe('2026-12');
    expect(defaultReportMonth('2027-01-23')).toBe('2027-01');
    expect(defaultReportMonth('2026-12-23')).toBe('2026-12');
  });

  it('gives the month whose cycle contains the day before (the cycle has closed)', () => {
    for (const today of ['2026-11-22', '2026-11-23', '2027-01-01', '2026-03-23']) {
      const cycle = monthlyCycle(defaultReportMonth(today));
      expect(cycle.to < today).toBe(true);
      expect(monthlyCycle(shiftMonth(cycle.month, 1)).to >= today).toBe(true);
    }
  });
});

describe('the month pattern and the inputs', () => {
  it('takes 2020-01 to 2099-12 and nothing around them', () => {
    for (const ok of ['2020-01', '2026-09', '2026-10', '2026-12', '2099-12', '2030-11']) {
      expect(MONTH_PATTERN.test(ok)).toBe(true);
    }
    for (const bad of [
      '2019-12',
      '2100-01',
      '2026-00',
      '2026-13',
      '2026-1',
      '2026-001',
      '2026-011',
      'x2026-01',
      '2026-01x',
      '12026-01',
      '2026/01',
      '2a26-01',
      '',
    ]) {
      expect(MONTH_PATTERN.test(bad)).toBe(false);
    }
  });

  it('parses the monthly input strictly, month and regenerate optional', () => {
    expect(MonthlyInput.parse({})).toEqual({});
    expect(MonthlyInput.parse({ month: '2026-11', regenerate: true })).toEqual({
      month: '2026-11',
      regenerate: true,
    });
    const bad = MonthlyInput.safeParse({ month: '2026-13' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe('月份格式不正确');
    expect(MonthlyInput.safeParse({ regenerate: 'yes' }).success).toBe(false);
    expect(MonthlyInput.safeParse({ month: '2026-11', extra: 1 }).success).toBe(false);
    expect(MonthlyListInput.parse({})).toEqual({});
    expect(MonthlyListInput.safeParse({ month: '2026-11' }).success).toBe(false);
  });

  it('lists the seven sheets in order and names the file after the label', () => {
    expect([...MONTHLY_SHEETS]).toEqual([
      '汇总',
      '分区域',
      '分行业领域',
      '重大隐患台账',
      '超期与督办',
      '举报奖励',
      '培训与演练',
    ]);
    expect(monthlyFileName('2026年11月')).toBe('月度报表-2026年11月.xlsx');
  });
});
