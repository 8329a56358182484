import { TIPOFF_STATUSES, type TipoffStatus } from '../../types';
import { dateWords, nextStepHint, residentProgress } from './progress';
import type { TipoffDoc } from './tipoffs';
import { defaultTown } from './town';

const town = defaultTown();
const NOW = '2026-11-28T10:00:00+08:00';
const LATER = '2026-12-22T10:00:00+08:00';

const deadlines = {
  acceptBy: '2026-12-01T23:59:59+08:00',
  verifyBy: '2026-12-05T23:59:59+08:00',
  closeBy: '2027-01-27T23:59:59+08:00',
  rectifyBy: '2026-12-20T23:59:59+08:00',
};
const DUE: Partial<Record<TipoffStatus, string | null>> = {
  assigned: deadlines.acceptBy,
  accepted: deadlines.verifyBy,
  verified: deadlines.closeBy,
  rectifying: deadlines.rectifyBy,
  rectified: deadlines.closeBy,
};

function doc(status: TipoffStatus, extra: Partial<TipoffDoc> = {}): TipoffDoc {
  return {
    _id: 't1',
    no: 'MX-2026-000001',
    status,
    departmentId: 'CJ',
    coDepartmentIds: [],
    deadlines,
    dueAt: DUE[status] ?? null,
    rectification: { measures: '更换', deadline: '2026-12-20', responsibleUnit: '物业', rectifiedBy: 'staff-1' },
    ...(status === 'merged' ? { mergedInto: { id: 't0', no: 'MX-2026-000000' } } : {}),
    ...extra,
  } as TipoffDoc;
}

describe('residentProgress: every status in words, with the expected date', () => {
  it.each<[TipoffStatus, string, string | undefined]>([
    ['submitted', '已提交，正在分派办理部门', undefined],
    ['assigned', '已分派至城建办理，预计 12 月 1 日前受理', '2026-12-01'],
    ['transferred', '已分派至城建办理，预计 12 月 1 日前受理', '2026-12-01'],
    ['accepted', '城建正在核查，预计 12 月 5 日前给出结果', '2026-12-05'],
    ['verified', '经核查属实，城建正在安排整改，预计 2027 年 1 月 27 日前办结', '2027-01-27'],
    ['rectifying', '整改中，整改期限 12 月 20 日', '2026-12-20'],
    ['rectified', '整改已完成，城建正在复核，预计 2027 年 1 月 27 日前办结', '2027-01-27'],
    ['closed', '已办结', undefined],
    ['unfounded', '已办结：经现场核查，情况不属实', undefined],
    ['rejected', '未予受理', undefined],
    ['merged', '已与 MX-2026-000000 合并办理', undefined],
  ])('%s → %s', (status, text, expectedBy) => {
    const p = residentProgress(doc(status), town, NOW);
    expect(p).toEqual({ text, overdue: false, ...(expectedBy ? { expectedBy } : {}) });
    expect(p.text).not.toMatch(/销号|R\d\d|规则/);
  });

  it('covers every status', () => {
    for (const s of TIPOFF_STATUSES) expect(residentProgress(doc(s), town, NOW).text).toBeTruthy();
  });

  it('says so when the current step is past its date, and never for an ended case', () => {
    expect(residentProgress(doc('assigned'), town, LATER)).toEqual({
      text: '已分派至城建办理，原定 12 月 1 日前受理，已超期',
      expectedBy: '2026-12-01',
      overdue: true,
    });
    expect(residentProgress(doc('rectifying'), town, LATER)).toMatchObject({
      text: '整改中，整改期限 12 月 20 日，已超期',
      overdue: true,
    });
    expect(residentProgress(doc('closed', { dueAt: '2026-12-01T23:59:59+08:00' }), town, LATER).overdue).toBe(false);
  });

  it('dateWords drops the year of the current year only', () => {
    expect(dateWords('2026-12-01T23:59:59+08:00', NOW)).toBe('12 月 1 日');
    expect(dateWords('2027-01-05', NOW)).toBe('2027 年 1 月 5 日');
  });
});

describe('nextStepHint: from state and the caller’s role', () => {
  const staff = { _id: 'staff-2', roles: ['staff' as const], departmentId: 'CJ' };
  const fixer = { _id: 'staff-1', roles: ['staff' as const, 'head' as const], departmentId: 'CJ' };
  const head = { _id: 'head-1', roles: ['staff' as const, 'head' as const], departmentId: 'CJ' };
  const other = { _id: 'x', roles: ['staff' as const], departmentId: 'XF' };

  it('after 整改完成 says 待负责人复核销号 to staff and to whoever recorded the fix, 待您复核销号 to a head', () => {
    expect(nextStepHint(doc('rectified'), staff, town, NOW)).toMatch(/^待负责人复核销号/);
    expect(nextStepHint(doc('rectified'), fixer, town, NOW)).toMatch(/^待负责人复核销号/);
    expect(nextStepHint(doc('rectified'), head, town, NOW)).toMatch(/^待您复核销号/);
  });

  it('names the step and its date, and the department for those outside it', () => {
    expect(nextStepHint(doc('assigned'), staff, town, NOW)).toBe('待受理（12 月 1 日前）');
    expect(nextStepHint(doc('accepted'), staff, town, LATER)).toBe('待现场核查（12 月 5 日前，已超期）');
    expect(nextStepHint(doc('accepted'), other, town, NOW)).toBe('待城建现场核查（12 月 5 日前）');
    expect(nextStepHint(doc('closed'), staff, town, NOW)).toBe('已销号，流程结束');
    for (const s of TIPOFF_STATUSES) expect(nextStepHint(doc(s), staff, town, NOW)).toBeTruthy();
  });
});
