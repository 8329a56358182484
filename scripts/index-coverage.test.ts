// Every query the code makes is served by a declared index (the same declarations the local engine creates
// and scripts/setup-cloudbase.ts applies to CloudBase). The rule is in index-coverage.ts.
import { COLLECTION_NAMES } from '../cloudfunctions/core/collections';
import { uploadScope } from '../cloudfunctions/core/files';
import { TIMERS } from '../cloudfunctions/core/functions';
import { GEO_INDEXES, INDEXES } from '../cloudfunctions/core/indexes';
import { CHECKLISTS, checklistsFor, INSPECTIONS } from '../cloudfunctions/core/checklists';
import { DRILL_CHECKINS, DRILLS } from '../cloudfunctions/core/drills/docs';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/privacy';
import { personId } from '../cloudfunctions/core/roles';
import { isoTown } from '../cloudfunctions/core/time';
import { drillSample } from '../local-engine/action-samples';
import { openTestEnv, validSubmission, type TestEnv } from '../local-engine/test-support';
import { coverage, type ObservedQuery } from './index-coverage';

const q = (where: string[], orderBy: string[] = []): ObservedQuery => ({ collection: 't', op: 'get', where, orderBy });
const SAMPLE = [['departmentId', 'status', 'dueAt', 'createdAt', '_id'], ['reporterKey', 'createdAt'], ['createdAt']];

describe('the coverage rule', () => {
  it('needs no index for a plain count, and serves _id and geo filters by their own indexes', () => {
    expect(coverage(q([]), [], [])).toEqual({ covered: true, by: 'none-needed' });
    expect(coverage(q(['_id', 'recipient']), [], [])).toEqual({ covered: true, by: '_id' });
    expect(coverage(q(['geo', 'categoryId', 'status']), [], ['geo'])).toEqual({ covered: true, by: 'geo' });
    expect(coverage(q(['geo']), [], [])).toMatchObject({ covered: false });
  });

  it('takes filter fields as the leading part of an index, in any order, then the sort fields in order', () => {
    expect(coverage(q(['status', 'departmentId'], ['dueAt', 'createdAt', '_id']), SAMPLE, [])).toEqual({
      covered: true,
      by: SAMPLE[0],
    });
    expect(coverage(q(['reporterKey'], ['createdAt']), SAMPLE, [])).toEqual({ covered: true, by: SAMPLE[1] });
    // a filter on a field the index leads with, sorted by that same field: nothing left to sort
    expect(coverage(q(['createdAt'], ['createdAt']), SAMPLE, [])).toMatchObject({ covered: true });
  });

  it('accepts extra filter fields checked on the documents the index returns', () => {
    expect(coverage(q(['departmentId', 'categoryId']), SAMPLE, [])).toMatchObject({ covered: true });
  });

  it('refuses a scan no index bounds, a sort the index does not give, and a tie-break it does not hold', () => {
    expect(coverage(q(['categoryId']), SAMPLE, [])).toMatchObject({ covered: false });
    expect(coverage(q(['departmentId'], ['createdAt']), SAMPLE, [])).toMatchObject({ covered: false });
    expect(coverage(q(['reporterKey'], ['createdAt', '_id']), SAMPLE, [])).toMatchObject({ covered: false });
    expect(coverage(q(['departmentId'], ['createdAt', 'dueAt']), SAMPLE, [])).toMatchObject({ covered: false });
  });

  it('lets an unfiltered query use an index for its order only', () => {
    expect(coverage(q([], ['createdAt']), SAMPLE, [])).toMatchObject({ covered: true });
    expect(coverage(q([], ['dueAt']), SAMPLE, [])).toMatchObject({ covered: false });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Every query the actions make, on the real local engine: the closed loop, the side exits, the ledger, the
// scheduler (with cases overdue) and messages, each call checked to succeed so its queries really ran.

describe('every query the code makes is covered by a declared index', () => {
  const seen = new Map<string, ObservedQuery>();
  const collectionsUsed = new Set<string>();
  let env: TestEnv;

  beforeAll(async () => {
    env = await openTestEnv({
      onQuery: (query) => {
        collectionsUsed.add(query.collection);
        seen.set(JSON.stringify([query.collection, query.op, query.where, query.orderBy]), query);
      },
    });
    const ok = async (fn: string, action: string, input: Record<string, unknown>, openid: string) => {
      const res = await env.call(fn, action, input, openid);
      if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(res.error)}`);
      return res.data;
    };
    const act = (openid: string, input: Record<string, unknown>) => ok('queue', 'act', input, openid);
    const submit = async (openid: string, overrides: Record<string, unknown> = {}) => {
      const submission = validSubmission(overrides);
      const photo = await env.upload(openid, uploadScope.report(submission.requestId));
      await ok('user', 'login', {}, openid);
      return (await ok('tipoff', 'submit', { ...submission, photos: [photo] }, openid)) as {
        id: string;
        trackingCode: string;
      };
    };

    // Residents file; one follows another's report (附议) after seeing it nearby; the holder of a code tracks it.
    const main = await submit('resident-demo', { suspectedMajor: true });
    const duplicate = await submit('resident-b');
    const wrongDept = await submit('resident-c');
    const spam = await submit('resident-d');
    const slow = await submit('resident-e');
    const { latitude, longitude } = validSubmission().location;
    await ok('tipoff', 'nearby', { latitude, longitude, categoryId: 'gas-facility' }, 'resident-f');
    await ok('tipoff', 'follow', { id: main.id }, 'resident-f');
    await ok('tipoff', 'mine', { page: 1, pageSize: 20 }, 'resident-demo');
    await ok('tipoff', 'detail', { id: main.id }, 'resident-demo');
    await ok('tipoff', 'detail', { id: main.id }, 'resident-f');
    await ok('tipoff', 'track', { trackingCode: main.trackingCode }, 'resident-g');
    await env.runtime.mediaCheck.settled();

    // The department's queue, with every filter, and its counts.
    const staff = 'staff-CJ';
    for (const filter of [
      {},
      { status: 'assigned' },
      { overdue: true },
      { categoryId: 'gas-facility' },
      { areaId: 'gk5' },
      { major: true },
      { status: 'assigned', categoryId: 'gas-facility', areaId: 'gk5' },
    ])
      await ok('queue', 'list', { page: 1, pageSize: 20, ...filter }, staff);
    await ok('queue', 'list', { page: 1, pageSize: 20 }, 'admin-demo');
    await ok('queue', 'counts', {}, staff);
    await ok('queue', 'counts', {}, 'admin-demo');
    await ok('queue', 'counts', { categoryId: 'gas-facility', areaId: 'gk5', overdue: true, major: true }, staff);
    // The town-wide queue (安委办, leaders), by tab and filtered.
    for (const filter of [{}, { tab: 'toAccept' }, { tab: 'ended', categoryId: 'gas-facility' }, { overdue: true }])
      await ok('queue', 'list', { page: 1, pageSize: 20, scope: 'town', ...filter }, 'leader-demo');
    await ok('queue', 'list', { page: 1, pageSize: 20, tab: 'inProgress', areaId: 'gk5' }, staff);
    await ok('queue', 'counts', { scope: 'town' }, 'admin-demo');
    await ok('queue', 'counts', { scope: 'town', categoryId: 'gas-facility', major: true }, 'leader-demo');
    // Every channel in one loop (issue 11): a report recorded from 12345, and the queue filtered by channel.
    await ok(
      'queue',
      'record',
      {
        requestId: 'rec-coverage-1',
        channel: 'hotline12345',
        externalNo: 'GD-COVERAGE-1',
        categoryId: 'gas-facility',
        areaId: 'gk5',
        description: '12345 来电：燃气管道有异味',
        location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
        contact: { name: '王先生', phone: '13800138000' },
      },
      'staff-XF',
    );
    for (const channel of ['app', 'hotline12345']) {
      await ok('queue', 'list', { page: 1, pageSize: 20, channel }, staff);
      await ok('queue', 'list', { page: 1, pageSize: 20, scope: 'town', tab: 'toAccept', channel }, 'admin-demo');
      await ok('queue', 'counts', { channel }, staff);
      await ok('queue', 'counts', { scope: 'town', channel }, 'admin-demo');
    }
    await ok('queue', 'mergeCandidates', { id: duplicate.id }, staff);
    await ok('queue', 'mergeCandidates', { id: duplicate.id }, 'admin-demo');
    await ok('queue', 'detail', { id: main.id }, staff);

    // The closed loop on the main report (a founded major hazard: it enters the ledger), the side exits on the others.
    await act(staff, { step: 'accept', id: main.id });
    await act(staff, { step: 'merge', id: duplicate.id, intoId: main.id });
    await act(staff, { step: 'transfer', id: wrongDept.id, toDepartmentId: 'SCS', reason: '属于市场监管职责' });
    await act(staff, { step: 'reject', id: spam.id, reason: '重复无效信息' });
    await act(staff, { step: 'verify', id: main.id, founded: true, major: true, note: '现场核实管道锈蚀' });
    await act(staff, {
      step: 'order',
      id: main.id,
      deadline: '2026-12-10',
      measures: '更换锈蚀管段',
      responsibleUnit: '共康五村物业',
    });
    await act(staff, {
      step: 'rectified',
      id: main.id,
      evidence: [await env.upload(staff, uploadScope.rectify(main.id))],
      note: '已更换',
    });
    await act('head-CJ', { step: 'signoff', id: main.id, approved: true, note: '复核通过' });
    await ok('tipoff', 'rate', { id: main.id, score: 5 }, 'resident-demo');
    await act(staff, { step: 'accept', id: slow.id });
    // 催办 once the case is past its deadline (by id and by tracking code on another day).
    env.clock.advance(8 * 86_400_000); // past the 5 working days to verify
    await ok('tipoff', 'urge', { id: slow.id }, 'resident-e');
    env.clock.advance(86_400_000);
    await ok('tipoff', 'urge', { trackingCode: slow.trackingCode }, 'resident-g');

    // The ledger: listed by a department, by 安委办 (all, and filtered), entered by hand and progressed to closed.
    await ok('admin', 'ledger', { page: 1, pageSize: 20 }, staff);
    await ok('admin', 'ledger', { page: 1, pageSize: 20 }, 'admin-demo');
    await ok('admin', 'ledger', { page: 1, pageSize: 20, status: 'open' }, 'admin-demo');
    await ok('admin', 'ledger', { page: 1, pageSize: 20, departmentId: 'CJ' }, 'admin-demo');
    await ok('admin', 'ledger', { page: 1, pageSize: 20, departmentId: 'CJ', status: 'open' }, 'admin-demo');
    // 操作日志 (admin.audits): each filter alone and combined, by name, personId, case number and ledger number.
    for (const filter of [
      {},
      { actor: '城建办 张工' },
      { actor: personId('staff-CJ', env.runtime.deps.reporterKeySecret), group: 'tipoff' },
      { group: 'identity', from: '2026-01-01', to: '2026-12-31' },
      { target: 'MX-2026-000001' },
      { target: 'ZD-2026-0001', group: 'ledger' },
    ])
      await ok('admin', 'audits', filter, 'leader-demo');
    const entry = (await ok(
      'admin',
      'ledgerCreate',
      {
        source: 'inspection',
        title: '液化气瓶违规存放',
        description: '检查发现餐饮店后厨存放多个液化气瓶',
        categoryId: 'gas-bottle',
        enterpriseName: '示例餐饮店',
        address: '共康路 1 号',
        deadline: '2026-12-20',
      },
      staff,
    )) as { id: string };
    await ok('admin', 'ledgerProgress', { id: entry.id, note: '已责令搬离' }, staff);
    await ok(
      'admin',
      'ledgerProgress',
      {
        id: entry.id,
        note: '液化气瓶已搬离，复查合格',
        close: true,
        evidence: [await env.upload('head-CJ', uploadScope.ledger(entry.id))],
      },
      'head-CJ',
    );

    // The enterprise register and desk (issue 7): register, approve, list by each filter, the desk, close.
    const reg = {
      name: '庙行样例机械有限公司',
      creditCode: '91310113MA1GK7NEW6',
      industry: 'trade-metal',
      areaId: 'yq',
      address: '庙行镇样例路 1 号',
      contact: { name: '张三', phone: '13800138000' },
      workerCount: 30,
    };
    await env.runtime.db
      .collection('users')
      .doc('new-manager')
      .set({ data: { roles: ['resident', 'worker', 'safetyManager'], createdAt: '2026-11-28T10:00:00+08:00' } });
    const ent = (await ok('enterprise', 'register', reg, 'new-manager')) as { id: string };
    await ok('enterprise', 'approve', { id: ent.id, approved: true }, 'admin-demo');
    for (const filter of [
      {},
      { status: 'active' },
      { industry: 'trade-dust' },
      { areaId: 'yq' },
      { highRisk: true },
      { q: '示范' },
      { q: '91310113MA1GK0DEMT' },
    ])
      await ok('enterprise', 'list', { page: 1, pageSize: 20, ...filter }, 'admin-demo');
    await ok('enterprise', 'detail', {}, 'manager-demo');
    await ok('enterprise', 'update', { id: 'ENT-DEMO', workerCount: 121 }, 'manager-demo');
    await ok('enterprise', 'setHighRisk', { id: 'ENT-DEMO-2', highRisk: true, reason: '仓库可燃物多' }, 'admin-demo');
    // Duties (issue 10): 安委办's compliance list by each duty and filter, and an enterprise's own due dates.
    for (const kind of ['drill', 'inspection'])
      for (const filter of ['flagged', 'dueSoon', 'all'])
        await ok('drill', 'compliance', { kind, filter, page: 1, pageSize: 20 }, 'admin-demo');
    await ok('enterprise', 'duties', {}, 'manager-demo');
    // 企业自查 (issue 10): the history, the enterprise's own ledger (by status or not).
    await ok('enterprise', 'inspections', { page: 1, pageSize: 20 }, 'manager-demo');
    await ok('enterprise', 'ledger', { page: 1, pageSize: 20 }, 'manager-demo');
    await ok('enterprise', 'ledger', { status: 'rectified', page: 1, pageSize: 20 }, 'manager-demo');
    await ok('enterprise', 'workers', {}, 'manager-demo');
    await ok('enterprise', 'workers', { id: ent.id }, 'admin-demo');

    // A self-inspection with a 不符合 on a major line (a ledger entry about the enterprise), read by the enterprise
    // and 安委办; the enterprise's progress and 申请销号, the department's review (by status, then closed).
    const lines = checklistsFor(CHECKLISTS.seed, 'trade-dust').flatMap((l) => l.items);
    const failing = lines.find((i) => i.major)!;
    const requestId = 'si-coverage-1';
    const shot = await env.upload('manager-demo', uploadScope.inspect(requestId));
    await ok('enterprise', 'checklist', {}, 'manager-demo');
    const filed = (await ok(
      'enterprise',
      'selfInspect',
      {
        requestId,
        version: 1,
        leaderName: '王安全',
        items: lines.map((i) =>
          i.id === failing.id
            ? { id: i.id, result: 'fail', note: '除尘器未可靠接地', photos: [shot] }
            : { id: i.id, result: 'ok' },
        ),
      },
      'manager-demo',
    )) as { id: string; ledgerIds: string[] };
    await ok('enterprise', 'inspection', { id: filed.id }, 'manager-demo');
    await ok('enterprise', 'inspection', { id: filed.id }, 'admin-demo');
    await ok('enterprise', 'inspections', { enterpriseId: 'ENT-DEMO', page: 1, pageSize: 20 }, 'admin-demo');
    const [fix] = filed.ledgerIds;
    await ok('enterprise', 'ledgerProgress', { id: fix, note: '已采购接地材料' }, 'manager-demo');
    const fixed = await env.upload('manager-demo', uploadScope.ledger(fix));
    await ok(
      'enterprise',
      'ledgerProgress',
      { id: fix, note: '已整改', done: true, evidence: [fixed] },
      'manager-demo',
    );
    await ok('enterprise', 'ledger', { status: 'rectified', page: 1, pageSize: 20 }, 'manager-demo');
    await ok('admin', 'ledger', { page: 1, pageSize: 20, status: 'rectified' }, 'admin-demo');
    const review = await env.upload('admin-demo', uploadScope.ledger(fix));
    await ok(
      'admin',
      'ledgerProgress',
      { id: fix, note: '接地已整改，现场复查合格', close: true, evidence: [review] },
      'admin-demo',
    );

    // Drills (issue 10): an enterprise's and a town drill, a cancelled one; the lists of every scope, with and
    // without a status; detail, QR, check-in, by hand (a stranger and a bound member), participants, start →
    // all-clear → close (the headcount, the duty), the export. worker-demo's check-in is counted by user.myData
    // and unlinked by user.deleteMe below.
    const soon = (minutes: number) => isoTown(new Date(env.clock.now.getTime() + minutes * 60_000));
    const window = { startAt: soon(0), endAt: soon(8 * 60) };
    const entDrill = (await ok('drill', 'create', drillSample(window), 'manager-demo')) as { id: string };
    const townDrill = (await ok(
      'drill',
      'create',
      drillSample({ ...window, audience: 'open', expectedCount: 200, title: '共康五村居民疏散演练' }),
      'admin-demo',
    )) as { id: string };
    const spare = (await ok('drill', 'create', drillSample(window), 'manager-demo')) as { id: string };
    await ok('drill', 'cancel', { drillId: spare.id, reason: '天气原因改期' }, 'manager-demo');
    const lists: [string, string][] = [
      ['manager-demo', 'manage'],
      ['admin-demo', 'manage'],
      ['worker-demo', 'join'],
      ['resident-f', 'join'],
      ['admin-demo', 'all'],
      ['leader-demo', 'all'],
    ];
    for (const [openid, scope] of lists)
      for (const status of [undefined, 'planned', 'closed'])
        await ok('drill', 'list', { scope, page: 1, pageSize: 20, ...(status ? { status } : {}) }, openid);
    const at = { latitude: 31.3319, longitude: 121.4447, accuracy: 15 };
    const runs: [string, string, string][] = [
      [entDrill.id, 'manager-demo', 'worker-demo'],
      [townDrill.id, 'admin-demo', 'resident-f'],
    ];
    for (const [drillId, manager, person] of runs) {
      await ok('drill', 'detail', { drillId }, person);
      const { token } = (await ok('drill', 'qr', { drillId }, manager)) as { token: string };
      await ok('drill', 'checkin', { token, ...at }, person);
      await ok('drill', 'detail', { drillId }, person);
      await ok('drill', 'addByHand', { drillId, name: '张三', note: '未带手机' }, manager);
      await ok('drill', 'participants', { drillId }, manager);
      await ok('drill', 'start', { drillId }, manager);
      await ok('drill', 'allClear', { drillId }, manager);
      const photo = await env.upload(manager, uploadScope.drill(drillId));
      const record = { problems: '无', improvements: '无', rating: 'good', evaluation: '疏散有序', photos: [photo] };
      await ok('drill', 'close', { drillId, record }, manager);
      await ok('drill', 'detail', { drillId }, manager);
      await ok('drillio', 'exportRecord', { drillId }, manager);
      await ok('drillio', 'exportRecord', { drillId }, 'leader-demo');
    }
    const member = personId('manager-demo', env.runtime.deps.reporterKeySecret);
    const byHand = (await ok('drill', 'create', drillSample(window), 'manager-demo')) as { id: string };
    await ok('drill', 'addByHand', { drillId: byHand.id, name: '企业安全管理人员', memberId: member }, 'manager-demo');
    await ok('enterprise', 'close', { id: ent.id, reason: '企业已迁出本镇' }, 'admin-demo');

    // The scheduler: by hand, then by its timer with every open case days overdue (escalations, reminders).
    await ok('scheduler', 'sweep', {}, 'admin-demo');
    env.clock.advance(20 * 86_400_000);
    await TIMERS.scheduler(env.runtime.deps);

    // Invite codes and people (issue 7): issue, bind (a grant and a join request), list codes by state, revoke a
    // code, list people by each filter, revoke a role.
    const invite = (await ok(
      'people',
      'invite',
      { role: 'staff', departmentId: 'CJ', uses: 2, expiresInDays: 7 },
      'admin-demo',
    )) as { id: string; code: string };
    await ok('people', 'invite', { role: 'staff', uses: 1, expiresInDays: 7 }, 'head-CJ');
    const board = (await ok('people', 'invite', { role: 'worker', uses: 20, expiresInDays: 7 }, 'manager-demo')) as {
      code: string;
    };
    await ok('user', 'bind', { code: invite.code, name: '王五' }, 'new-staff');
    await ok('user', 'bind', { code: board.code, name: '赵六' }, 'new-worker');
    await ok('people', 'invites', { page: 1, pageSize: 20 }, 'head-CJ');
    for (const state of [undefined, 'active', 'expired', 'usedUp', 'revoked']) {
      await ok('people', 'invites', { page: 1, pageSize: 20, ...(state ? { state } : {}) }, 'admin-demo');
      await ok('people', 'invites', { page: 1, pageSize: 20, ...(state ? { state } : {}) }, 'manager-demo');
    }
    await ok('people', 'revokeInvite', { id: invite.id }, 'admin-demo');
    for (const filter of [{}, { role: 'staff' }, { departmentId: 'CJ' }, { enterpriseId: 'ENT-DEMO', role: 'worker' }])
      await ok('people', 'list', { page: 1, pageSize: 20, ...filter }, 'admin-demo');
    const newStaff = personId('new-staff', env.runtime.deps.reporterKeySecret);
    await ok('people', 'revoke', { id: newStaff, role: 'staff', reason: '调离本部门' }, 'admin-demo');

    // Messages: a reporter's and a department's, read one and all.
    for (const openid of ['resident-demo', staff]) {
      const { items } = (await ok('user', 'messages', { page: 1, pageSize: 20 }, openid)) as {
        items: { id: string }[];
      };
      if (items[0]) await ok('user', 'readMessages', { ids: [items[0].id] }, openid);
      await ok('user', 'readMessages', {}, openid);
    }

    // Personal information (issue 8): the notice, consent, own data, deletion (reports, messages, follows, join
    // requests); the retention job ran with the scheduler above.
    await ok('user', 'privacy', {}, 'resident-demo');
    await ok('user', 'consent', { version: PRIVACY_NOTICE.seed.version }, 'resident-demo');
    await ok('user', 'myData', {}, 'resident-demo');
    await ok('user', 'myData', {}, 'manager-demo');
    await ok('user', 'deleteMe', { confirm: '删除' }, 'resident-demo');
    await ok('user', 'deleteMe', { confirm: '删除' }, 'new-worker');
    await ok('user', 'myData', {}, 'worker-demo');
    await ok('user', 'deleteMe', { confirm: '删除' }, 'worker-demo');
    // The duty reminders once more, now that the drill and the self-inspection set due dates.
    await TIMERS.scheduler(env.runtime.deps);
  });
  afterAll(() => env?.close());

  it('ran the whole loop (the queries below were really made)', () => {
    expect(seen.size).toBeGreaterThan(20);
    // Issue 10's collections were queried (drills, check-ins by drill and by person, self-inspections).
    const where = (c: string) => [...seen.values()].filter((q) => q.collection === c).map((q) => q.where.join('+'));
    expect(where(DRILLS)).toEqual(expect.arrayContaining(['owner', 'owner+status', 'status']));
    expect(where(DRILL_CHECKINS)).toEqual(expect.arrayContaining(['drillId', 'person', '_id']));
    expect(where(INSPECTIONS).length).toBeGreaterThan(0);
  });

  it('every query is served by an index: no collection scan, no in-memory sort', () => {
    const uncovered = [...seen.values()]
      .map((query) => ({
        query,
        result: coverage(query, INDEXES[query.collection] ?? [], GEO_INDEXES[query.collection] ?? []),
      }))
      .filter(({ result }) => !result.covered)
      .map(({ query, result }) => `${query.collection}.${query.op} ${'reason' in result ? result.reason : ''}`);
    expect(uncovered).toEqual([]);
  });

  it('touches only collections of the deploy list', () => {
    for (const name of [...collectionsUsed, ...env.collections()]) expect(COLLECTION_NAMES).toContain(name);
  });
});
