import {
  QUEUE_STEPS,
  TIPOFF_STATUSES,
  type QueueActInput,
  type QueueStep,
  type Role,
  type TipoffStatus,
} from '../../types';
import { AppError } from './errors';
import {
  allowedSteps,
  assertMayTake,
  assertMergeTarget,
  isSafetyOfficer,
  mergeTargetUnavailable,
  STEP_FROM,
  transition,
  type Actor,
} from './lifecycle';
import type { TipoffDoc } from './tipoffs';
import { buildTown, defaultTown } from './town';

const town = defaultTown();

function report(status: TipoffStatus, extra: Partial<TipoffDoc> = {}): TipoffDoc {
  return {
    _id: 't1',
    no: 'MX-2026-000001',
    status,
    categoryId: 'gas-facility',
    areaId: 'gk5',
    description: '燃气管道锈蚀',
    photos: [],
    location: { latitude: 31.33, longitude: 121.44, address: '共康五村' },
    anonymous: true,
    suspectedMajor: false,
    major: false,
    reporterKey: 'k',
    trackingCode: 'ABCDEFGHJK',
    departmentId: 'CJ',
    coDepartmentIds: [],
    routing: { ruleId: 'R01', reason: '' },
    transferCount: 0,
    dueAt: null,
    deadlines: {},
    closeExtended: false,
    escalationLevel: 0,
    escalations: [],
    followers: 0,
    timeline: [],
    createdAt: '2026-11-28T10:00:00+08:00',
    updatedAt: '2026-11-28T10:00:00+08:00',
    rectification: { measures: 'm', deadline: '2026-12-01', responsibleUnit: 'u', rectifiedBy: 'staff-CJ' },
    ...extra,
  };
}

const actor = (_id: string, departmentId: string | undefined, roles: Role[]): Actor => ({ _id, departmentId, roles });
const ACTORS: Record<string, Actor> = {
  'CJ staff': actor('staff-CJ', 'CJ', ['staff']),
  'CJ staff (other)': actor('staff-CJ-2', 'CJ', ['staff']),
  'CJ head': actor('head-CJ', 'CJ', ['staff', 'head']),
  'CJ head only': actor('head-CJ-2', 'CJ', ['head']),
  'CJ admin only': actor('admin-CJ', 'CJ', ['admin']),
  'CJ leader': actor('leader-CJ', 'CJ', ['leader']),
  'XF staff': actor('staff-XF', 'XF', ['staff']),
  'XF head': actor('head-XF', 'XF', ['staff', 'head']),
  'AWB admin': actor('admin-demo', 'AWB', ['staff', 'admin']),
  'AWB head': actor('head-AWB', 'AWB', ['head']),
  'AWB leader': actor('leader-AWB', 'AWB', ['leader']),
  'AWB staff': actor('staff-AWB', 'AWB', ['staff']),
  resident: actor('resident-demo', undefined, ['resident']),
};

/** The rule, stated once, independently of the implementation's tables (DESIGN.md §5). */
function expected(step: QueueStep, a: Actor, doc: TipoffDoc): 'ok' | 'FORBIDDEN' | 'CONFLICT' {
  const has = (...roles: Role[]) => a.roles.some((r) => roles.includes(r));
  const member = a.departmentId === doc.departmentId && has('staff', 'head', 'admin');
  const office = a.departmentId === 'AWB' && has('admin', 'head', 'leader');
  if (!member && !office) return 'FORBIDDEN';
  if (step === 'signoff') {
    if (!office && !(member && has('head'))) return 'FORBIDDEN';
    if (doc.rectification?.rectifiedBy === a._id) return 'FORBIDDEN';
  }
  const from: Record<QueueStep, TipoffStatus[]> = {
    accept: ['assigned'],
    verify: ['accepted'],
    order: ['verified'],
    rectified: ['rectifying'],
    signoff: ['rectified'],
    transfer: ['assigned', 'accepted'],
    merge: ['assigned', 'accepted'],
    reject: ['assigned', 'accepted'],
    extend: ['accepted', 'verified', 'rectifying', 'rectified'],
  };
  if (!from[step].includes(doc.status)) return 'CONFLICT';
  if (step === 'extend' && doc.closeExtended) return 'CONFLICT';
  return 'ok';
}

function outcome(step: QueueStep, a: Actor, doc: TipoffDoc): string {
  try {
    assertMayTake(step, a, doc, town);
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

const caught = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
};

describe('every step × role × state', () => {
  const docs = (status: TipoffStatus) => [report(status), report(status, { closeExtended: true })];

  it(`covers ${QUEUE_STEPS.length} steps × ${Object.keys(ACTORS).length} actors × ${TIPOFF_STATUSES.length} states, extended or not`, () => {
    let n = 0;
    const wrong: string[] = [];
    for (const step of QUEUE_STEPS)
      for (const [name, a] of Object.entries(ACTORS))
        for (const status of TIPOFF_STATUSES)
          for (const doc of docs(status)) {
            n++;
            const got = outcome(step, a, doc);
            const want = expected(step, a, doc);
            if (got !== want)
              wrong.push(
                `${step} by ${name} from ${status}${doc.closeExtended ? ' (extended)' : ''}: ${got} ≠ ${want}`,
              );
          }
    expect(wrong).toEqual([]);
    expect(n).toBe(9 * 13 * 11 * 2);
  });

  it('allowedSteps lists exactly the steps assertMayTake lets through', () => {
    for (const [name, a] of Object.entries(ACTORS)) {
      for (const status of TIPOFF_STATUSES) {
        for (const doc of docs(status)) {
          const passing = QUEUE_STEPS.filter((s) => outcome(s, a, doc) === 'ok');
          expect([name, status, doc.closeExtended, allowedSteps(a, doc, town)]).toEqual([
            name,
            status,
            doc.closeExtended,
            passing,
          ]);
        }
      }
    }
    // Spot checks of the rule itself, so both sides cannot be wrong together.
    expect(allowedSteps(ACTORS['CJ staff'], report('accepted'), town)).toEqual([
      'verify',
      'transfer',
      'merge',
      'reject',
      'extend',
    ]);
    expect(allowedSteps(ACTORS['CJ staff'], report('accepted', { closeExtended: true }), town)).toEqual([
      'verify',
      'transfer',
      'merge',
      'reject',
    ]);
    expect(allowedSteps(ACTORS['CJ head'], report('rectified'), town)).toEqual(['signoff', 'extend']);
    expect(allowedSteps(ACTORS['XF head'], report('assigned'), town)).toEqual([]);
  });

  it('says why, with the case number on a state conflict', () => {
    expect(caught(() => assertMayTake('accept', ACTORS['XF staff'], report('assigned'), town))).toMatchObject({
      code: 'FORBIDDEN',
      message: '该举报不属于您的部门',
    });
    expect(caught(() => assertMayTake('signoff', ACTORS['CJ staff (other)'], report('rectified'), town))).toMatchObject(
      {
        code: 'FORBIDDEN',
        message: '销号须由责任部门负责人或镇安委办审核',
      },
    );
    expect(
      caught(() =>
        assertMayTake(
          'signoff',
          ACTORS['AWB admin'],
          report('rectified', {
            rectification: { measures: 'm', deadline: '2026-12-01', responsibleUnit: 'u', rectifiedBy: 'admin-demo' },
          }),
          town,
        ),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: '记录整改的人员不能为自己的整改销号',
    });
    expect(caught(() => assertMayTake('verify', ACTORS['CJ staff'], report('closed'), town))).toMatchObject({
      code: 'CONFLICT',
      message: '当前状态不能进行该操作（MX-2026-000001 已是其他状态，请刷新后重试）',
    });
    expect(
      caught(() => assertMayTake('extend', ACTORS['CJ staff'], report('rectifying', { closeExtended: true }), town)),
    ).toMatchObject({ code: 'CONFLICT', message: '该举报已延期过一次，不能再次延期' });
  });

  it('the staff member who recorded the fix cannot sign it off, even as head; a case without a fix record can be', () => {
    const doc = report('rectified', {
      rectification: { measures: 'm', deadline: '2026-12-01', responsibleUnit: 'u', rectifiedBy: 'head-CJ' },
    });
    expect(outcome('signoff', ACTORS['CJ head'], doc)).toBe('FORBIDDEN');
    expect(outcome('signoff', ACTORS['AWB admin'], doc)).toBe('ok');
    expect(outcome('signoff', ACTORS['CJ head'], report('rectified', { rectification: undefined }))).toBe('ok');
  });

  it('any other step on an extended case goes on as usual', () => {
    for (const [step, status] of [
      ['verify', 'accepted'],
      ['order', 'verified'],
      ['rectified', 'rectifying'],
      ['transfer', 'accepted'],
    ] as const) {
      expect([step, outcome(step, ACTORS['CJ staff'], report(status, { closeExtended: true }))]).toEqual([step, 'ok']);
    }
  });

  it('安委办 officers are its admins, heads and leaders, not its staff', () => {
    expect(isSafetyOfficer(ACTORS['AWB admin'], town)).toBe(true);
    expect(isSafetyOfficer(ACTORS['AWB head'], town)).toBe(true);
    expect(isSafetyOfficer(ACTORS['AWB leader'], town)).toBe(true);
    expect(isSafetyOfficer(ACTORS['AWB staff'], town)).toBe(false);
    expect(isSafetyOfficer(ACTORS['CJ head'], town)).toBe(false);
    expect(isSafetyOfficer(ACTORS['CJ leader'], town)).toBe(false);
  });

  it('every state a step starts from is a real status', () => {
    for (const from of Object.values(STEP_FROM)) for (const s of from) expect(TIPOFF_STATUSES).toContain(s);
  });
});

// Tuesday 2026-12-01 10:00 in town: 1 working day → Wed 12-02, 3 → Fri 12-04, 5 → Tue 12-08; 60 days → 2027-01-30.
const NOW = new Date('2026-12-01T10:00:00+08:00');
const AT = '2026-12-01T10:00:00+08:00';
const staff: Actor = { ...ACTORS['CJ staff'], displayName: '张三' };
const step = (doc: TipoffDoc, input: Record<string, unknown>, a: Actor = staff, mergeTarget?: TipoffDoc) =>
  transition(doc, { id: doc._id, ...input } as QueueActInput, { actor: a, town, now: NOW, mergeTarget });
const entry = (from: TipoffStatus, to: TipoffStatus, note: string, departmentId = 'CJ', by = '张三') => ({
  at: AT,
  from,
  to,
  departmentId,
  note,
  by,
});

describe('transition: accept', () => {
  it('sets 核查 and 办结 deadlines, keeps the others, and defaults the note', () => {
    const doc = report('assigned', {
      deadlines: { acceptBy: '2026-12-01T23:59:59+08:00' },
      dueAt: '2026-12-01T23:59:59+08:00',
    });
    expect(step(doc, { step: 'accept' })).toEqual({
      to: 'accepted',
      set: {
        deadlines: {
          acceptBy: '2026-12-01T23:59:59+08:00',
          verifyBy: '2026-12-08T23:59:59+08:00',
          closeBy: '2027-01-30T23:59:59+08:00',
        },
        dueAt: '2026-12-08T23:59:59+08:00',
        hours: { toAccept: 72 },
      },
      entries: [entry('assigned', 'accepted', '城建已受理，将在 2026-12-08 前完成核查')],
      notice: { title: '举报已受理', body: 'MX-2026-000001 已由城建受理。' },
    });
  });

  it('gives a suspected major hazard 3 working days, and uses the note given', () => {
    const t = step(report('assigned', { suspectedMajor: true }), { step: 'accept', note: '马上到场' });
    expect(t.set.dueAt).toBe('2026-12-04T23:59:59+08:00');
    expect(t.entries).toEqual([entry('assigned', 'accepted', '马上到场')]);
  });

  it('names the actor by id when it has no display name', () => {
    expect(step(report('assigned'), { step: 'accept', note: 'n' }, ACTORS['CJ staff']).entries[0].by).toBe('staff-CJ');
  });
});

describe('transition: verify', () => {
  const accepted = () =>
    report('accepted', { deadlines: { closeBy: '2027-01-30T23:59:59+08:00' }, dueAt: '2026-12-08T23:59:59+08:00' });

  it('unfounded ends the case without a deadline', () => {
    expect(step(accepted(), { step: 'verify', founded: false, note: '现场无隐患' })).toEqual({
      to: 'unfounded',
      set: {
        verification: { founded: false, major: false, note: '现场无隐患', at: AT },
        dueAt: null,
        hours: { toVerify: 72 },
      },
      entries: [entry('accepted', 'unfounded', '经核查不属实：现场无隐患')],
      notice: { title: '核查结果：不属实', body: 'MX-2026-000001 经城建现场核查不属实：现场无隐患' },
    });
  });

  it('a founded ordinary hazard is due by the 办结期限 and does not enter the ledger', () => {
    for (const input of [{ major: false }, {}, { grade: 'general' }]) {
      expect(step(accepted(), { step: 'verify', founded: true, note: '属实', ...input })).toEqual({
        to: 'verified',
        set: {
          verification: { founded: true, major: false, note: '属实', at: AT },
          major: false,
          dueAt: '2027-01-30T23:59:59+08:00',
          hours: { toVerify: 72 },
        },
        entries: [entry('accepted', 'verified', '经核查属实：属实')],
        notice: { title: '核查结果：属实', body: 'MX-2026-000001 经核查属实，将督促整改。感谢您的举报！' },
      });
    }
  });

  it('a founded major hazard — by the flag or by grade — enters the ledger', () => {
    for (const input of [{ major: true }, { grade: 'major' }, { major: false, grade: 'major' }]) {
      const t = step(accepted(), { step: 'verify', founded: true, note: '严重锈蚀', ...input });
      expect(t.set).toMatchObject({ major: true, verification: { founded: true, major: true } });
      expect(t.entries[0].note).toBe('经核查属实，认定为重大事故隐患：严重锈蚀');
      expect(t.ledger).toEqual({ kind: 'create', note: '群众举报查实：严重锈蚀' });
    }
  });

  it('without a 办结期限 the case has no deadline', () => {
    expect(step(report('accepted'), { step: 'verify', founded: true, note: 'n' }).set.dueAt).toBeNull();
  });
});

describe('transition: order', () => {
  const verified = (closeBy: string | null = '2026-12-20T23:59:59+08:00') =>
    report('verified', { deadlines: closeBy ? { verifyBy: '2026-12-08T23:59:59+08:00', closeBy } : {} });
  const order = (deadline: string, doc = verified()) =>
    step(doc, { step: 'order', deadline, measures: '更换管段', responsibleUnit: '物业' });

  it('sets the fix, its deadline at the end of that day, and tells the ledger', () => {
    expect(order('2026-12-10')).toEqual({
      to: 'rectifying',
      set: {
        rectification: { measures: '更换管段', deadline: '2026-12-10', responsibleUnit: '物业', orderedBy: 'staff-CJ' },
        deadlines: {
          verifyBy: '2026-12-08T23:59:59+08:00',
          closeBy: '2026-12-20T23:59:59+08:00',
          rectifyBy: '2026-12-10T23:59:59+08:00',
        },
        dueAt: '2026-12-10T23:59:59+08:00',
      },
      entries: [entry('verified', 'rectifying', '已责令物业于 2026-12-10 前整改：更换管段')],
      notice: { title: '已责令整改', body: 'MX-2026-000001 已责令责任单位于 2026-12-10 前完成整改。' },
      ledger: { kind: 'rectifying', note: '责令整改（期限 2026-12-10）：更换管段' },
    });
  });

  it('may be due today or on the 办结期限 itself, not before today nor after it', () => {
    expect(order('2026-12-01').set.dueAt).toBe('2026-12-01T23:59:59+08:00');
    expect(order('2026-12-20').set.dueAt).toBe('2026-12-20T23:59:59+08:00');
    expect(caught(() => order('2026-11-30'))).toMatchObject({
      code: 'INVALID_INPUT',
      message: '输入有误：整改期限不能早于今天',
      issues: [{ path: 'deadline', message: '整改期限不能早于今天' }],
    });
    expect(caught(() => order('2026-12-21'))).toMatchObject({
      code: 'INVALID_INPUT',
      message: '输入有误：整改期限不能晚于办结期限 2026-12-20（可先申请延期）',
      issues: [{ path: 'deadline', message: '整改期限不能晚于办结期限 2026-12-20（可先申请延期）' }],
    });
  });

  it('without a 办结期限 only the past is refused', () => {
    expect(order('2027-06-30', verified(null)).set.dueAt).toBe('2027-06-30T23:59:59+08:00');
  });
});

describe('transition: rectified and signoff', () => {
  const deadlines = { rectifyBy: '2026-12-10T23:59:59+08:00', closeBy: '2026-12-20T23:59:59+08:00' };

  it('recording the fix keeps the order, adds the evidence and waits for sign-off by the 办结期限', () => {
    const doc = report('rectifying', {
      deadlines,
      rectification: { measures: 'm', deadline: '2026-12-10', responsibleUnit: 'u', orderedBy: 'head-CJ' },
    });
    expect(step(doc, { step: 'rectified', evidence: ['e.jpg'], note: '已更换' })).toEqual({
      to: 'rectified',
      set: {
        rectification: {
          measures: 'm',
          deadline: '2026-12-10',
          responsibleUnit: 'u',
          orderedBy: 'head-CJ',
          evidence: ['e.jpg'],
          note: '已更换',
          rectifiedAt: AT,
          rectifiedBy: 'staff-CJ',
        },
        dueAt: '2026-12-20T23:59:59+08:00',
      },
      entries: [entry('rectifying', 'rectified', '整改已完成，待复核销号：已更换')],
      notice: { title: '整改已完成', body: 'MX-2026-000001 整改已完成，正在复核。' },
      ledger: { kind: 'progress', note: '整改完成，待复核：已更换' },
    });
  });

  it('recording a fix with no order on file starts from an empty one; no 办结期限 means no deadline', () => {
    const t = step(report('rectifying', { rectification: undefined }), {
      step: 'rectified',
      evidence: ['e.jpg'],
      note: 'n',
    });
    expect(t.set).toEqual({
      rectification: {
        measures: '',
        deadline: '',
        responsibleUnit: '',
        evidence: ['e.jpg'],
        note: 'n',
        rectifiedAt: AT,
        rectifiedBy: 'staff-CJ',
      },
      dueAt: null,
    });
  });

  it('an approved sign-off closes the case', () => {
    expect(step(report('rectified', { deadlines }), { step: 'signoff', approved: true, note: '复核通过' })).toEqual({
      to: 'closed',
      set: { dueAt: null, hours: { toClose: 72 } },
      entries: [entry('rectified', 'closed', '复核通过，已销号：复核通过')],
      notice: { title: '已销号', body: 'MX-2026-000001 隐患已整改到位并销号。欢迎对处理情况进行评价。' },
      ledger: { kind: 'close', note: '复核通过销号：复核通过' },
    });
  });

  it('a rejected sign-off returns to 整改中, due by the fix deadline, else the 办结期限, else none', () => {
    const reject = (d: TipoffDoc['deadlines']) =>
      step(report('rectified', { deadlines: d }), { step: 'signoff', approved: false, note: '阀门未换' });
    expect(reject(deadlines)).toEqual({
      to: 'rectifying',
      set: { dueAt: '2026-12-10T23:59:59+08:00' },
      entries: [entry('rectified', 'rectifying', '复核未通过，退回整改：阀门未换')],
      notice: { title: '退回整改', body: 'MX-2026-000001 复核未通过，已要求继续整改。' },
      ledger: { kind: 'progress', note: '复核未通过，退回整改：阀门未换' },
    });
    expect(reject({ closeBy: deadlines.closeBy }).set.dueAt).toBe('2026-12-20T23:59:59+08:00');
    expect(reject({}).set.dueAt).toBeNull();
  });
});

describe('transition: transfer', () => {
  it('moves the case to the named department with a fresh 受理 deadline, dropping co-departments', () => {
    const doc = report('accepted', {
      coDepartmentIds: ['CG'],
      deadlines: { verifyBy: '2026-12-08T23:59:59+08:00', closeBy: '2027-01-30T23:59:59+08:00' },
    });
    expect(step(doc, { step: 'transfer', toDepartmentId: 'XF', reason: '属消防' })).toEqual({
      to: 'assigned',
      set: {
        departmentId: 'XF',
        coDepartmentIds: [],
        transferCount: 1,
        routing: { ruleId: null, reason: '由城建转办：属消防' },
        deadlines: { acceptBy: '2026-12-02T23:59:59+08:00' },
        dueAt: '2026-12-02T23:59:59+08:00',
      },
      entries: [
        entry('accepted', 'transferred', '城建转办：属消防'),
        entry('transferred', 'assigned', '已转至消防救援', 'XF'),
      ],
      notice: { title: '举报已转办', body: 'MX-2026-000001 已转至消防救援处理。' },
    });
  });

  it('without a department it goes to 安委办, as a first transfer, not a bounced one', () => {
    const t = step(report('assigned'), { step: 'transfer', reason: '不清楚归属' });
    expect(t.set).toMatchObject({ departmentId: 'AWB', routing: { ruleId: null, reason: '由城建转办：不清楚归属' } });
    expect(t.entries[1].note).toBe('已转至镇安委办');
  });

  it('a second transfer lands at 安委办 whatever was asked, and says why', () => {
    const t = step(report('assigned', { transferCount: 1 }), {
      step: 'transfer',
      toDepartmentId: 'XF',
      reason: '仍不属本部门',
    });
    expect(t.set).toMatchObject({
      departmentId: 'AWB',
      transferCount: 2,
      routing: { ruleId: null, reason: '由城建转办：仍不属本部门（多次转办，交镇安委办协调）' },
    });
    expect(t.entries[1]).toEqual(entry('transferred', 'assigned', '已转至镇安委办（多次转办，由镇安委办协调）', 'AWB'));
    expect(t.notice.body).toBe('MX-2026-000001 已转至镇安委办处理。');
  });

  it("安委办's own assignment is final, however often the case moved", () => {
    const doc = report('assigned', { departmentId: 'AWB', transferCount: 3 });
    const t = step(doc, { step: 'transfer', toDepartmentId: 'CJ', reason: '属城建' }, ACTORS['AWB admin']);
    expect(t.set).toMatchObject({
      departmentId: 'CJ',
      transferCount: 4,
      routing: { reason: '由镇安委办转办：属城建' },
    });
    expect(t.entries[1].note).toBe('已转至城建');
  });

  it('refuses an unknown department and one’s own', () => {
    expect(
      caught(() => step(report('assigned'), { step: 'transfer', toDepartmentId: 'NOPE', reason: 'r' })),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      message: '输入有误：目标部门不存在',
      issues: [{ path: 'toDepartmentId', message: '目标部门不存在' }],
    });
    expect(
      caught(() => step(report('assigned'), { step: 'transfer', toDepartmentId: 'CJ', reason: 'r' })),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      message: '输入有误：不能转办给本部门',
      issues: [{ path: 'toDepartmentId', message: '不能转办给本部门' }],
    });
    // 安委办 sending a case to itself, explicitly or by default.
    const office = report('assigned', { departmentId: 'AWB' });
    for (const toDepartmentId of ['AWB', undefined]) {
      expect(
        caught(() => step(office, { step: 'transfer', toDepartmentId, reason: 'r' }, ACTORS['AWB admin'])).code,
      ).toBe('INVALID_INPUT');
    }
  });
});

describe('transition: merge, reject, extend', () => {
  it('merge points at the earlier case and ends this one', () => {
    const target = report('accepted', { _id: 't0', no: 'MX-2026-000000' });
    expect(step(report('assigned'), { step: 'merge', intoId: 't0', note: '同一楼道' }, staff, target)).toEqual({
      to: 'merged',
      set: { mergedInto: { id: 't0', no: 'MX-2026-000000' }, dueAt: null },
      entries: [entry('assigned', 'merged', '与 MX-2026-000000 为同一隐患，已合并处理：同一楼道')],
      notice: {
        title: '举报已合并',
        body: 'MX-2026-000001 与此前的举报 MX-2026-000000 为同一隐患，已合并处理，后续进展将一并通知您。',
      },
    });
    expect(step(report('assigned'), { step: 'merge', intoId: 't0' }, staff, target).entries[0].note).toBe(
      '与 MX-2026-000000 为同一隐患，已合并处理',
    );
    expect(caught(() => step(report('assigned'), { step: 'merge', intoId: 't0' }))).toEqual(mergeTargetUnavailable());
  });

  it('reject ends the case with the reason', () => {
    expect(
      step(report('assigned', { dueAt: '2026-12-02T23:59:59+08:00' }), { step: 'reject', reason: '恶意举报' }),
    ).toEqual({
      to: 'rejected',
      set: { dueAt: null },
      entries: [entry('assigned', 'rejected', '不予受理：恶意举报')],
      notice: { title: '举报未予受理', body: 'MX-2026-000001 未予受理：恶意举报' },
    });
  });

  it('extend moves the 办结期限 30 days, and the deadline with it when the case was due by it', () => {
    const doc = report('rectified', {
      deadlines: { rectifyBy: '2026-12-10T23:59:59+08:00', closeBy: '2027-01-30T23:59:59+08:00' },
      dueAt: '2027-01-30T23:59:59+08:00',
    });
    expect(step(doc, { step: 'extend', reason: '需协调多方' })).toEqual({
      to: 'rectified',
      set: {
        deadlines: { rectifyBy: '2026-12-10T23:59:59+08:00', closeBy: '2027-03-01T23:59:59+08:00' },
        closeExtended: true,
        dueAt: '2027-03-01T23:59:59+08:00',
      },
      entries: [entry('rectified', 'rectified', '办结期限延长 30 天至 2027-03-01：需协调多方')],
      notice: { title: '办理期限延长', body: 'MX-2026-000001 办理期限延长至 2027-03-01，原因：需协调多方' },
    });
  });

  it('extend leaves an earlier step deadline where it is', () => {
    const doc = report('accepted', {
      deadlines: { verifyBy: '2026-12-08T23:59:59+08:00', closeBy: '2027-01-30T23:59:59+08:00' },
      dueAt: '2026-12-08T23:59:59+08:00',
    });
    const t = step(doc, { step: 'extend', reason: 'r' });
    expect(t.set).toEqual({
      deadlines: { verifyBy: '2026-12-08T23:59:59+08:00', closeBy: '2027-03-01T23:59:59+08:00' },
      closeExtended: true,
      dueAt: '2026-12-08T23:59:59+08:00',
    });
  });

  it('extend without a 办结期限 counts from now', () => {
    const t = step(report('verified', { dueAt: '2026-12-08T23:59:59+08:00' }), { step: 'extend', reason: 'r' });
    expect(t.set).toEqual({
      deadlines: { closeBy: '2026-12-31T23:59:59+08:00' },
      closeExtended: true,
      dueAt: '2026-12-08T23:59:59+08:00',
    });
  });

  it('the extension length and deadlines follow the town’s SLA data', () => {
    const base = defaultTown();
    const slow = buildTown({
      areas: base.areas,
      categories: base.categories,
      departments: base.departments,
      routing: base.routing,
      sla: { ...base.sla, extendDays: 10, verifyWorkingDays: 2, closeDays: 5, acceptWorkingDays: 3 },
    });
    const run = (doc: TipoffDoc, input: Record<string, unknown>) =>
      transition(doc, { id: doc._id, ...input } as QueueActInput, { actor: staff, town: slow, now: NOW });
    expect(
      run(report('accepted', { deadlines: { closeBy: '2026-12-20T23:59:59+08:00' } }), { step: 'extend', reason: 'r' })
        .set.deadlines,
    ).toEqual({ closeBy: '2026-12-30T23:59:59+08:00' });
    expect(run(report('assigned'), { step: 'accept' }).set.deadlines).toEqual({
      verifyBy: '2026-12-03T23:59:59+08:00',
      closeBy: '2026-12-06T23:59:59+08:00',
    });
    expect(run(report('assigned'), { step: 'transfer', toDepartmentId: 'XF', reason: 'r' }).set.dueAt).toBe(
      '2026-12-04T23:59:59+08:00',
    );
  });
});

describe('assertMergeTarget', () => {
  const dup = report('assigned', { _id: 'dup', no: 'MX-2026-000009', createdAt: '2026-11-29T10:00:00+08:00' });
  const earlier = (extra: Partial<TipoffDoc> = {}) =>
    report('accepted', { _id: 'first', no: 'MX-2026-000002', ...extra });
  const check =
    (target: TipoffDoc | null, a: Actor = staff) =>
    () =>
      assertMergeTarget(dup, target, a, town);

  it('accepts an earlier open case of the same department, or of any department for 安委办', () => {
    for (const status of ['assigned', 'accepted', 'verified', 'rectifying', 'rectified'] as const) {
      expect(check(earlier({ status }))).not.toThrow();
    }
    expect(check(earlier({ createdAt: dup.createdAt }))).not.toThrow(); // same moment
    expect(check(earlier({ departmentId: 'XF' }), ACTORS['AWB admin'])).not.toThrow();
  });

  it("answers a missing case and another department's case identically, without its number", () => {
    const missing = caught(check(null));
    const foreign = caught(check(earlier({ departmentId: 'XF' })));
    expect(missing).toEqual(foreign);
    expect([missing.code, missing.message]).toEqual([foreign.code, foreign.message]);
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: '要合并到的举报不存在或不属于本部门（跨部门合并请由镇安委办办理）',
    });
    expect(foreign.message).not.toContain('MX-2026-000002');
    expect(caught(check(null, ACTORS['AWB admin']))).toEqual(missing);
  });

  it('refuses itself, an ended case and a later one', () => {
    expect(caught(check(dup))).toMatchObject({ code: 'CONFLICT', message: '不能合并到自身' });
    for (const status of ['submitted', 'closed', 'merged', 'rejected', 'unfounded'] as const) {
      expect(caught(check(earlier({ status })))).toMatchObject({
        code: 'CONFLICT',
        message: 'MX-2026-000002 已办结或已合并，不能作为合并目标',
      });
    }
    expect(caught(check(earlier({ createdAt: '2026-11-29T10:00:01+08:00' })))).toMatchObject({
      code: 'CONFLICT',
      message: '只能合并到更早的举报（MX-2026-000002 晚于本举报）',
    });
  });
});
