import { QUEUE_STEPS, TIPOFF_STATUSES, type QueueStep, type TipoffStatus } from '../../types';
import { AppError } from './errors';
import { allowedSteps, assertMayTake, STEP_FROM, type Actor } from './lifecycle';
import type { TipoffDoc } from './tipoffs';
import { defaultTown } from './town';

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

const ACTORS: Record<string, Actor> = {
  'CJ staff': { _id: 'staff-CJ', roles: ['staff'], departmentId: 'CJ' },
  'CJ staff (other)': { _id: 'staff-CJ-2', roles: ['staff'], departmentId: 'CJ' },
  'CJ head': { _id: 'head-CJ', roles: ['staff', 'head'], departmentId: 'CJ' },
  'XF staff': { _id: 'staff-XF', roles: ['staff'], departmentId: 'XF' },
  'XF head': { _id: 'head-XF', roles: ['staff', 'head'], departmentId: 'XF' },
  'AWB admin': { _id: 'admin-demo', roles: ['staff', 'admin'], departmentId: 'AWB' },
  'AWB staff': { _id: 'staff-AWB', roles: ['staff'], departmentId: 'AWB' },
  resident: { _id: 'resident-demo', roles: ['resident'] },
};

/** The rule, stated once, independently of the implementation's tables. */
function expected(step: QueueStep, actorName: string, status: TipoffStatus): 'ok' | 'FORBIDDEN' | 'CONFLICT' {
  const member = actorName.startsWith('CJ');
  const office = actorName === 'AWB admin';
  if (!member && !office) return 'FORBIDDEN';
  if (step === 'signoff') {
    if (!office && actorName !== 'CJ head') return 'FORBIDDEN';
    // The fix was recorded by staff-CJ (see report()).
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
  return from[step].includes(status) ? 'ok' : 'CONFLICT';
}

function outcome(step: QueueStep, actor: Actor, doc: TipoffDoc): string {
  try {
    assertMayTake(step, actor, doc, town);
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe('every step × role × state', () => {
  const cases: [QueueStep, string, TipoffStatus][] = [];
  for (const step of QUEUE_STEPS)
    for (const actor of Object.keys(ACTORS)) for (const status of TIPOFF_STATUSES) cases.push([step, actor, status]);

  it(`covers ${QUEUE_STEPS.length} steps × ${Object.keys(ACTORS).length} actors × ${TIPOFF_STATUSES.length} states`, () => {
    const wrong = cases
      .map(([step, actorName, status]) => {
        const got = outcome(step, ACTORS[actorName], report(status));
        const want = expected(step, actorName, status);
        return got === want ? null : `${step} by ${actorName} from ${status}: got ${got}, want ${want}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
    expect(cases.length).toBe(9 * 8 * 11);
  });

  it('allowedSteps lists exactly the steps assertMayTake lets through', () => {
    for (const [actorName, actor] of Object.entries(ACTORS)) {
      for (const status of TIPOFF_STATUSES) {
        const doc = report(status);
        const allowed = allowedSteps(actor, doc, town);
        const passing = QUEUE_STEPS.filter((s) => outcome(s, actor, doc) === 'ok');
        expect([actorName, status, allowed]).toEqual([actorName, status, passing]);
      }
    }
  });

  it('the staff member who recorded the fix cannot sign it off, even as head', () => {
    const doc = report('rectified', {
      rectification: { measures: 'm', deadline: '2026-12-01', responsibleUnit: 'u', rectifiedBy: 'head-CJ' },
    });
    expect(outcome('signoff', ACTORS['CJ head'], doc)).toBe('FORBIDDEN');
    expect(outcome('signoff', ACTORS['AWB admin'], doc)).toBe('ok');
  });

  it('a case can be extended once', () => {
    expect(outcome('extend', ACTORS['CJ staff'], report('rectifying', { closeExtended: true }))).toBe('CONFLICT');
  });

  it('every state a step starts from is a real status', () => {
    for (const from of Object.values(STEP_FROM)) for (const s of from) expect(TIPOFF_STATUSES).toContain(s);
  });
});
