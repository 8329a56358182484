// admin.stats (数据看板, issue 11): each aggregate on hand-built documents, the expected numbers worked out by
// hand here. Reports and ledger entries are put in 2024 (the demo seed files its own in 2026), so only these
// count; rewards, training and drills are compared before and after the documents are added.
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { coverage, type ObservedQuery } from '../../../scripts/index-coverage';
import type { DashboardStats } from '../../../types/stats';
import { ENTERPRISES } from '../enterprises';
import { GEO_INDEXES, INDEXES } from '../indexes';
import { LEDGER } from '../ledger';
import { TIPOFFS, type TipoffDoc } from '../tipoffs';
import { defaultTown } from '../town';
import { USERS } from '../users';

const town = defaultTown();
let env: TestEnv;
const queries = new Map<string, ObservedQuery>();
beforeEach(async () => {
  env = await openTestEnv({
    onQuery: (q) => queries.set(JSON.stringify([q.collection, q.op, q.where, q.orderBy]), q),
  });
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const stats = async (input: Record<string, unknown> = {}, openid = 'admin-demo'): Promise<DashboardStats> => {
  const res: Res = await env.call('admin', 'stats', input, openid);
  expect(res.error).toBeUndefined();
  return res.data;
};
const month = (key: string) => ({ period: { kind: 'month', key } });

let seq = 0;
/** A stored report with plain defaults: 城建 (CJ), 燃气 (gas-facility), 共康五村 (gk5), filed from the app. */
function tip(over: Partial<TipoffDoc> & Pick<TipoffDoc, 'createdAt'>): Record<string, unknown> {
  seq++;
  return {
    _id: `st${seq}`,
    no: `MX-2024-${String(seq).padStart(6, '0')}`,
    status: 'assigned',
    categoryId: 'gas-facility',
    areaId: 'gk5',
    description: '燃气管道锈蚀',
    photos: [],
    location: { latitude: 31.33, longitude: 121.44, address: '共康五村' },
    anonymous: true,
    suspectedMajor: false,
    major: false,
    reporterKey: 'k',
    trackingCode: `TC${seq}`,
    departmentId: 'CJ',
    coDepartmentIds: [],
    routing: { ruleId: 'R01', reason: '' },
    transferCount: 0,
    dueAt: '2099-01-01T23:59:59+08:00',
    deadlines: {},
    closeExtended: false,
    escalationLevel: 0,
    escalations: [],
    followers: 0,
    timeline: [],
    updatedAt: over.createdAt,
    ...over,
  };
}
const put = (collection: string, docs: Record<string, unknown>[]) =>
  env.runtime.db.collection(collection).add({ data: docs });
const founded = (at = '2024-03-03T10:00:00+08:00') => ({
  verification: { founded: true, major: false, note: 'n', at },
});
const unfounded = { verification: { founded: false, major: false, note: 'n', at: '2024-03-03T10:00:00+08:00' } };

describe('the period', () => {
  it('counts 00:00 of the first day in and 00:00 after the last day out, with every day a trend slot', async () => {
    await put(TIPOFFS, [
      tip({ createdAt: '2024-02-29T23:59:59+08:00' }),
      tip({ createdAt: '2024-03-01T00:00:00+08:00' }),
      tip({ createdAt: '2024-03-31T23:59:59+08:00', status: 'closed', ...founded() }),
      tip({ createdAt: '2024-04-01T00:00:00+08:00' }),
    ]);
    const s = await stats(month('2024-03'));
    expect(s.period).toEqual({
      kind: 'month',
      key: '2024-03',
      label: '2024年3月',
      from: '2024-03-01',
      to: '2024-03-31',
    });
    expect(s.reports.total).toBe(2);
    expect(s.reports.trend).toHaveLength(31);
    expect(s.reports.trend[0]).toEqual({ key: '2024-03-01', label: '3月1日', total: 1, closed: 0 });
    expect(s.reports.trend[30]).toEqual({ key: '2024-03-31', label: '3月31日', total: 1, closed: 1 });
    expect(s.reports.trend.slice(1, 30).every((t) => t.total === 0)).toBe(true);
    expect(s.scope).toEqual({ departmentId: null, label: '全镇' });
    expect(s.generatedAt).toBe('2026-11-28T10:00:00+08:00');

    // a quarter: months as slots; a year: twelve
    const q = await stats({ period: { kind: 'quarter', key: '2024-Q1' } });
    expect(q.period.label).toBe('2024年第一季度');
    expect(q.reports.total).toBe(3);
    expect(q.reports.trend).toEqual([
      { key: '2024-01', label: '1月', total: 0, closed: 0 },
      { key: '2024-02', label: '2月', total: 1, closed: 0 },
      { key: '2024-03', label: '3月', total: 2, closed: 1 },
    ]);
    const y = await stats({ period: { kind: 'year', key: '2024' } });
    expect([y.reports.total, y.reports.trend.length, y.reports.trend[3].total]).toEqual([4, 12, 1]);
  });

  it('defaults to this month (town time)', async () => {
    const s = await stats();
    expect(s.period).toMatchObject({ kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30' });
  });
});

describe('rates', () => {
  it('founded / verified, closed / founded, overdue / open — by hand', async () => {
    await put(TIPOFFS, [
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'closed', dueAt: null, ...founded() }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'closed', dueAt: null, ...founded() }),
      // founded, still open, no deadline past: not overdue
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'verified', ...founded() }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'unfounded', dueAt: null, ...unfounded }),
      // open and past the deadline: overdue
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'assigned', dueAt: '2024-03-05T23:59:59+08:00' }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'assigned' }),
      // ended with an old deadline: never overdue
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'merged', dueAt: '2024-03-05T23:59:59+08:00' }),
    ]);
    const r = (await stats(month('2024-03'))).reports;
    expect(r.total).toBe(7);
    expect([r.verified, r.founded, r.foundedRate]).toEqual([4, 3, 0.75]);
    expect([r.closed, r.closedRate]).toEqual([2, 2 / 3]);
    expect([r.open, r.overdue, r.overdueRate]).toEqual([3, 1, 1 / 3]);
    expect(r.byStatus).toEqual([
      { status: 'assigned', label: '待受理', count: 2 },
      { status: 'verified', label: '核查属实', count: 1 },
      { status: 'unfounded', label: '核查不属实', count: 1 },
      { status: 'closed', label: '已销号', count: 2 },
      { status: 'merged', label: '已合并', count: 1 },
    ]);
  });

  it('is null on a zero denominator: nothing filed, nothing founded, nothing open', async () => {
    const empty = (await stats(month('2024-05'))).reports;
    expect(empty).toMatchObject({ total: 0, byStatus: [], byArea: [], byChannel: [], foundedRate: null });
    expect([empty.closedRate, empty.overdueRate]).toEqual([null, null]);
    expect(empty.trend.every((t) => t.total === 0 && t.closed === 0)).toBe(true);
    expect(empty.hours.toAccept).toEqual({ count: 0, medianHours: null, p90Hours: null });

    await put(TIPOFFS, [
      tip({ createdAt: '2024-06-02T09:00:00+08:00', status: 'unfounded', dueAt: null, ...unfounded }),
    ]);
    const onlyUnfounded = (await stats(month('2024-06'))).reports;
    expect([onlyUnfounded.foundedRate, onlyUnfounded.closedRate, onlyUnfounded.overdueRate]).toEqual([0, null, null]);
  });
});

describe('breakdowns', () => {
  it('by area, category group, department and source — an absent channel is the app', async () => {
    await put(TIPOFFS, [
      tip({ createdAt: '2024-03-02T09:00:00+08:00', status: 'closed', dueAt: null, ...founded() }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', channel: 'hotline12345', externalNo: 'GD1' }),
      tip({
        createdAt: '2024-03-03T09:00:00+08:00',
        channel: 'hotline12345',
        externalNo: 'GD2',
        categoryId: 'fire-passage',
        areaId: 'gk2',
        departmentId: 'YJ',
        dueAt: '2024-03-04T23:59:59+08:00',
      }),
      // an explicit `app` (never written by the code, but the same source)
      { ...tip({ createdAt: '2024-03-04T09:00:00+08:00' }), channel: 'app' },
    ]);
    const r = (await stats(month('2024-03'))).reports;
    const group = (id: string) => town.category(id)!.group;
    expect(r.byChannel).toEqual([
      // equal totals: by label
      { id: 'hotline12345', label: '12345 热线', total: 2, founded: 0, closed: 0, overdue: 1 },
      { id: 'app', label: '小程序', total: 2, founded: 1, closed: 1, overdue: 0 },
    ]);
    expect(r.byArea).toEqual([
      { id: 'gk5', label: town.area('gk5')!.name, total: 3, founded: 1, closed: 1, overdue: 0 },
      { id: 'gk2', label: town.area('gk2')!.name, total: 1, founded: 0, closed: 0, overdue: 1 },
    ]);
    expect(r.byDepartment).toEqual([
      { id: 'CJ', label: town.department('CJ')!.name, total: 3, founded: 1, closed: 1, overdue: 0 },
      { id: 'YJ', label: town.department('YJ')!.name, total: 1, founded: 0, closed: 0, overdue: 1 },
    ]);
    expect(r.byCategoryGroup).toEqual([
      { id: group('gas-facility'), label: group('gas-facility'), total: 3, founded: 1, closed: 1, overdue: 0 },
      { id: group('fire-passage'), label: group('fire-passage'), total: 1, founded: 0, closed: 0, overdue: 1 },
    ]);
  });
});

describe('durations', () => {
  it('median and p90 by nearest rank over the stored hours; reports without hours do not count', async () => {
    await put(TIPOFFS, [
      tip({ createdAt: '2024-03-02T09:00:00+08:00', hours: { toAccept: 30 } }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', hours: { toAccept: 1, toVerify: 5.5 } }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', hours: { toAccept: 2, toVerify: 0 } }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00' }),
    ]);
    const h = (await stats(month('2024-03'))).reports.hours;
    expect(h.toAccept).toEqual({ count: 3, medianHours: 2, p90Hours: 30 });
    // two values: the median is the lower
    expect(h.toVerify).toEqual({ count: 2, medianHours: 0, p90Hours: 5.5 });
    expect(h.toClose).toEqual({ count: 0, medianHours: null, p90Hours: null });
  });

  it('ten values: the 5th and the 9th', async () => {
    await put(
      TIPOFFS,
      [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((v) =>
        tip({ createdAt: '2024-03-02T09:00:00+08:00', hours: { toClose: v * 1.5 } }),
      ),
    );
    expect((await stats(month('2024-03'))).reports.hours.toClose).toEqual({
      count: 10,
      medianHours: 7.5,
      p90Hours: 13.5,
    });
  });
});

describe("a department's share", () => {
  beforeEach(() =>
    put(TIPOFFS, [
      tip({ createdAt: '2024-03-02T09:00:00+08:00' }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', departmentId: 'YJ' }),
      tip({ createdAt: '2024-03-02T09:00:00+08:00', departmentId: 'YJ', coDepartmentIds: ['CJ'] }),
    ]),
  );

  it('staff and heads get their own department, whatever they send; another is refused', async () => {
    const own = await stats(month('2024-03'), 'staff-CJ');
    expect(own.scope).toEqual({ departmentId: 'CJ', label: town.department('CJ')!.name });
    expect(own.reports.total).toBe(1);
    expect([own.rewards, own.training, own.drills]).toEqual([null, null, null]);
    expect((await stats({ ...month('2024-03'), departmentId: 'CJ' }, 'head-CJ')).reports.total).toBe(1);
    const other = await env.call('admin', 'stats', { ...month('2024-03'), departmentId: 'YJ' }, 'staff-CJ');
    expect(other.error).toMatchObject({ code: 'FORBIDDEN', message: '只能查看本部门的数据' });
  });

  it('安委办 and leaders see the town or the department they ask for', async () => {
    expect((await stats(month('2024-03'))).reports.total).toBe(3);
    const yj = await stats({ ...month('2024-03'), departmentId: 'YJ' }, 'leader-demo');
    expect([yj.scope.departmentId, yj.reports.total, yj.rewards]).toEqual(['YJ', 2, null]);
    const unknown = await env.call('admin', 'stats', { ...month('2024-03'), departmentId: 'ZZZ' }, 'admin-demo');
    expect(unknown.error).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('residents and enterprise people have no dashboard; a bad period is refused', async () => {
    for (const openid of ['resident-demo', 'worker-demo', 'manager-demo']) {
      expect((await env.call('admin', 'stats', {}, openid)).error).toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const period of [
      { kind: 'month', key: '2024-13' },
      { kind: 'quarter', key: '2024-Q5' },
      { kind: 'year', key: '1999' },
      { kind: 'week', key: '2024' },
    ]) {
      expect((await env.call('admin', 'stats', { period }, 'admin-demo')).error).toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
  });
});

describe('major hazards, rewards, training and drills', () => {
  it("the ledger's entries of the period's calendar year: found, closed, open, overdue", async () => {
    const entry = (over: Record<string, unknown>) => ({
      no: 'ZD-2024-0001',
      source: 'inspection',
      title: 't',
      description: 'd',
      categoryId: 'gas-facility',
      grade: 'major',
      departmentId: 'CJ',
      address: 'a',
      deadline: null,
      status: 'open',
      progress: [],
      updatedAt: '2024-01-01T00:00:00+08:00',
      ...over,
    });
    await put(LEDGER, [
      entry({ createdAt: '2023-12-31T23:59:59+08:00' }),
      entry({ createdAt: '2024-01-01T00:00:00+08:00', status: 'closed', deadline: '2024-02-01' }),
      entry({ createdAt: '2024-05-01T00:00:00+08:00', status: 'rectifying', deadline: '2024-06-01' }),
      entry({ createdAt: '2024-05-01T00:00:00+08:00', status: 'open', deadline: '2099-06-01' }),
      entry({ createdAt: '2024-12-31T23:59:59+08:00', status: 'open', departmentId: 'YJ' }),
      entry({ createdAt: '2025-01-01T00:00:00+08:00' }),
    ]);
    // a month of 2024 counts the whole year
    expect((await stats(month('2024-03'))).majorHazards).toEqual({
      year: 2024,
      found: 4,
      closed: 1,
      open: 3,
      overdue: 1,
    });
    expect((await stats(month('2024-03'), 'staff-CJ')).majorHazards).toEqual({
      year: 2024,
      found: 3,
      closed: 1,
      open: 2,
      overdue: 1,
    });
  });

  it('rewards decided (counted once) and paid within the period, in fen', async () => {
    const reward = (id: string, status: string, history: { at: string; to: string }[], over = {}) => ({
      _id: id,
      tipoffId: id,
      tipoffNo: 'MX-2024-000001',
      reporterKey: 'k',
      departmentId: 'CJ',
      major: false,
      anonymous: false,
      status,
      fineFen: null,
      amountFen: 5000,
      basis: null,
      reporterNote: '',
      history: history.map((h) => ({ ...h, note: '', by: 'x' })),
      createdAt: '2024-02-01T00:00:00+08:00',
      updatedAt: '2024-02-01T00:00:00+08:00',
      ...over,
    });
    await put('rewards', [
      // decided in March, then sent back and decided again in March: once
      reward('rw_a', 'decided', [
        { at: '2024-03-01T00:00:00+08:00', to: 'decided' },
        { at: '2024-03-02T00:00:00+08:00', to: 'open' },
        { at: '2024-03-03T00:00:00+08:00', to: 'decided' },
      ]),
      // decided in March, paid on the last second of March
      reward(
        'rw_b',
        'paid',
        [
          { at: '2024-03-10T00:00:00+08:00', to: 'decided' },
          { at: '2024-03-31T23:59:59+08:00', to: 'paid' },
        ],
        { amountFen: 20000, paidAt: '2024-03-31T23:59:59+08:00' },
      ),
      // decided in February, paid in April: neither
      reward(
        'rw_c',
        'paid',
        [
          { at: '2024-02-29T23:59:59+08:00', to: 'decided' },
          { at: '2024-04-01T00:00:00+08:00', to: 'paid' },
        ],
        { paidAt: '2024-04-01T00:00:00+08:00' },
      ),
      // refused: not decided
      reward('rw_d', 'refused', [{ at: '2024-03-05T00:00:00+08:00', to: 'refused' }]),
    ]);
    expect((await stats(month('2024-03'))).rewards).toEqual({ decided: 2, decidedFen: 25000, paid: 1, paidFen: 20000 });
  });

  it('training coverage: workers of active enterprises who passed at least once', async () => {
    const before = (await stats(month('2024-03'))).training!;
    await put(ENTERPRISES, [
      { _id: 'E-A', name: 'A', status: 'active', createdAt: '2024-01-01T00:00:00+08:00' },
      { _id: 'E-C', name: 'C', status: 'closed', createdAt: '2024-01-01T00:00:00+08:00' },
    ]);
    const user = (id: string, enterpriseId: string, roles: string[]) => ({
      _id: id,
      personId: `p-${id}`,
      roles,
      enterpriseId,
      since: '2024-01-01T00:00:00+08:00',
    });
    await put(USERS, [
      user('u1', 'E-A', ['resident', 'worker']),
      user('u2', 'E-A', ['resident', 'worker', 'safetyManager']),
      user('u3', 'E-A', ['resident', 'worker']),
      user('u4', 'E-C', ['resident', 'worker']), // a closed enterprise: not counted
    ]);
    const attempt = (person: string, passed: boolean, status = 'submitted') => ({
      person,
      passed,
      status,
      quizId: 'q',
    });
    await put('attempts', [
      attempt('p-u1', true),
      attempt('p-u1', true),
      attempt('p-u2', false),
      attempt('p-u3', true, 'started'), // not handed in
      attempt('p-u4', true),
    ]);
    const after = (await stats(month('2024-03'))).training!;
    expect(after.people - before.people).toBe(3);
    expect(after.trained - before.trained).toBe(1);
    expect(after.coverage).toBe(after.trained / after.people);
  });

  it('drills: active enterprises by the duty state today', async () => {
    const before = (await stats(month('2024-03'))).drills!;
    // today is 2026-11-28; due soon = due within 30 days (to 12-28)
    const firm = (id: string, drillDueOn?: string, status = 'active') => ({
      _id: id,
      name: id,
      status,
      createdAt: '2024-01-01T00:00:00+08:00',
      ...(drillDueOn ? { drillDueOn } : {}),
    });
    await put(ENTERPRISES, [
      firm('D-never'),
      firm('D-overdue', '2026-11-27'),
      firm('D-today', '2026-11-28'),
      firm('D-soon', '2026-12-28'),
      firm('D-ok', '2026-12-29'),
      firm('D-closed', '2020-01-01', 'closed'),
    ]);
    const after = (await stats(month('2024-03'))).drills!;
    expect({
      enterprises: after.enterprises - before.enterprises,
      ok: after.ok - before.ok,
      dueSoon: after.dueSoon - before.dueSoon,
      overdue: after.overdue - before.overdue,
      never: after.never - before.never,
    }).toEqual({ enterprises: 5, ok: 1, dueSoon: 2, overdue: 1, never: 1 });
  });
});

describe('queries', () => {
  it('every query of admin.stats is on a declared index', async () => {
    await stats({ period: { kind: 'year', key: '2024' } });
    await stats(month('2024-03'), 'staff-CJ');
    const seen = [...queries.values()].filter((q) =>
      [TIPOFFS, LEDGER, 'rewards', ENTERPRISES, USERS, 'attempts'].includes(q.collection),
    );
    // the town's and a department's (all five pipelines over the reports share one $match)
    expect(seen.filter((q) => q.op === 'aggregate' && q.collection === TIPOFFS).length).toBeGreaterThanOrEqual(2);
    const uncovered = seen.filter(
      (q) => !coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []).covered,
    );
    expect(uncovered).toEqual([]);
  });
});
