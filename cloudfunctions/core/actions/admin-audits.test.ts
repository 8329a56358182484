// admin.audits (操作日志, issue 11): filters at their boundaries, the date range's ends inclusive, names never
// openids, identity reads flagged, departments refused, every query on a declared index.
import { AUDIT_GROUP_LABELS, AUDIT_GROUPS, auditGroupPattern, inAuditGroup } from '../../../types/audit-log';
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { coverage, type ObservedQuery } from '../../../scripts/index-coverage';
import { AUDITS, type AuditDoc } from '../audit';
import { GEO_INDEXES, INDEXES } from '../indexes';
import { USERS } from '../users';
import { rewardIdFor } from './reward';

let env: TestEnv;
const queries = new Map<string, ObservedQuery>();
beforeEach(async () => {
  env = await openTestEnv({
    onQuery: (q) => queries.set(JSON.stringify([q.collection, q.op, q.where, q.orderBy]), q),
  });
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Entry = { action: string; at: string; actor: { kind: string; name: string; personId?: string } } & Record<
  string,
  any // eslint-disable-line @typescript-eslint/no-explicit-any
>;
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const audits = async (input: Record<string, unknown> = {}, openid = 'admin-demo') =>
  ok(await env.call('admin', 'audits', { pageSize: 50, ...input }, openid)) as {
    items: Entry[];
    total: number;
    from: string;
    to: string;
  };
const put = (entry: Partial<AuditDoc> & Pick<AuditDoc, 'at'>) =>
  env.runtime.db.collection(AUDITS).add({
    data: {
      actor: 'admin-demo',
      actorRoles: ['admin'],
      action: 'ledger.progress',
      targetType: 'ledger',
      targetId: 'L1',
      ...entry,
    },
  });
const user = async (openid: string) =>
  (await env.runtime.db.collection(USERS).where({ _id: openid }).get()).data[0] as {
    displayName: string;
    personId: string;
  };

describe('the date range', () => {
  it('includes both ends to the second, and nothing either side', async () => {
    await put({ at: '2026-02-28T23:59:59+08:00', targetId: 'before' });
    await put({ at: '2026-03-01T00:00:00+08:00', targetId: 'first' });
    await put({ at: '2026-03-31T23:59:59+08:00', targetId: 'last' });
    await put({ at: '2026-04-01T00:00:00+08:00', targetId: 'after' });
    const page = await audits({ from: '2026-03-01', to: '2026-03-31' });
    expect(page.items.map((i) => i.target.id)).toEqual(['last', 'first']);
    expect([page.total, page.from, page.to]).toEqual([2, '2026-03-01', '2026-03-31']);
    // one day
    expect((await audits({ from: '2026-03-31', to: '2026-03-31' })).items.map((i) => i.target.id)).toEqual(['last']);
  });

  it('is at most 366 days, both ends counted; the end not before the start', async () => {
    expect((await env.call('admin', 'audits', { from: '2025-01-01', to: '2026-01-01' }, 'admin-demo')).ok).toBe(true);
    const long = await env.call('admin', 'audits', { from: '2025-01-01', to: '2026-01-02' }, 'admin-demo');
    expect(long.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(long.error)).toContain('一次最多查询 366 天');
    const back = await env.call('admin', 'audits', { from: '2026-03-02', to: '2026-03-01' }, 'admin-demo');
    expect(JSON.stringify(back.error)).toContain('结束日期不能早于开始日期');
    const bad = await env.call('admin', 'audits', { from: '2026-02-30' }, 'admin-demo');
    expect(bad.error).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('defaults to the last 30 days, today included; a start alone runs to today or 366 days on', async () => {
    // the test clock's today is 2026-11-28: 30 days back is 2026-10-30
    await put({ at: '2026-10-29T23:59:59+08:00', targetId: 'old' });
    await put({ at: '2026-10-30T00:00:00+08:00', targetId: 'oldest-in' });
    await put({ at: '2026-11-28T10:00:00+08:00', targetId: 'today' });
    const page = await audits();
    expect([page.from, page.to]).toEqual(['2026-10-30', '2026-11-28']);
    expect(page.items.map((i) => i.target.id)).toEqual(['today', 'oldest-in']);
    expect(await audits({ from: '2026-10-29' })).toMatchObject({ from: '2026-10-29', to: '2026-11-28', total: 3 });
    expect(await audits({ from: '2024-01-01' })).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    expect(await audits({ to: '2026-10-29' })).toMatchObject({ from: '2026-09-30', to: '2026-10-29', total: 1 });
  });
});

describe('who: names, never an openid', () => {
  it('maps staff to their names, residents to 群众, the system to 系统, a gone account to 已注销用户', async () => {
    const filed = ok(await env.call('tipoff', 'submit', validSubmission(), 'resident-demo'));
    ok(await env.call('queue', 'act', { step: 'accept', id: filed.id }, 'staff-CJ'));
    await put({ at: '2026-11-28T09:00:00+08:00', actor: 'gone-openid', action: 'ledger.create' });
    await put({ at: '2026-11-28T09:01:00+08:00', actor: 'scheduler', action: 'tipoff.escalate.1' });
    await put({ at: '2026-11-28T09:02:00+08:00', actor: 'abcdef0123456789abcdef0123456789', action: 'tipoff.urge' });
    const staff = await user('staff-CJ');

    const page = await audits();
    const by = (action: string) => page.items.find((i) => i.action === action)!;
    expect(by('tipoff.accept')).toMatchObject({
      actor: { kind: 'person', name: staff.displayName, personId: staff.personId },
      actionLabel: '受理举报',
      target: { type: 'tipoff', typeLabel: '举报', id: filed.id, no: expect.stringMatching(/^MX-2026-/) },
      identityRead: false,
    });
    expect(by('ledger.create').actor).toEqual({ kind: 'deleted', name: '已注销用户' });
    expect(by('tipoff.escalate.1')).toMatchObject({
      actor: { kind: 'system', name: '系统' },
      actionLabel: '逾期自动升级',
    });
    expect(by('tipoff.urge').actor).toEqual({ kind: 'resident', name: '群众' });
    expect(JSON.stringify(page)).not.toMatch(/staff-CJ|resident-demo|gone-openid|abcdef0123456789|actorRoles|detail/);
  });

  it('filters by display name or personId (every account of that name), and an unknown one finds nothing', async () => {
    await put({ at: '2026-11-28T09:00:00+08:00', actor: 'staff-CJ', targetId: 'a' });
    await put({ at: '2026-11-28T09:01:00+08:00', actor: 'head-CJ', targetId: 'b' });
    await put({ at: '2026-11-28T09:02:00+08:00', actor: 'staff-CJ', targetId: 'c', action: 'tipoff.accept' });
    const staff = await user('staff-CJ');
    expect((await audits({ actor: staff.displayName })).items.map((i) => i.target.id)).toEqual(['c', 'a']);
    expect((await audits({ actor: staff.personId })).items.map((i) => i.target.id)).toEqual(['c', 'a']);
    expect((await audits({ actor: staff.personId, group: 'ledger' })).items.map((i) => i.target.id)).toEqual(['a']);
    expect(await audits({ actor: '无此人' })).toMatchObject({ items: [], total: 0 });
    expect(await audits({ actor: 'staff-CJ' })).toMatchObject({ items: [], total: 0 }); // an openid is no filter
    await env.runtime.db
      .collection(USERS)
      .doc('namesake')
      .set({ data: { roles: ['resident', 'staff'], displayName: staff.displayName, createdAt: '2026-01-01' } });
    await put({ at: '2026-11-28T09:03:00+08:00', actor: 'namesake', targetId: 'd' });
    expect((await audits({ actor: staff.displayName })).items.map((i) => i.target.id)).toEqual(['d', 'c', 'a']);
  });
});

describe('what and on which record', () => {
  it('a kind of action matches its codes only; identity reads are flagged with their reason', async () => {
    const at = (m: number) => `2026-11-28T09:${String(m).padStart(2, '0')}:00+08:00`;
    await put({ at: at(1), action: 'tipoff.accept', targetType: 'tipoff', targetId: 't1' });
    await put({ at: at(2), action: 'training.assign', targetType: 'quiz', targetId: 'q1' });
    await put({ at: at(3), action: 'reward.setPolicy', targetType: 'config', targetId: 'policy' });
    await put({ at: at(4), action: 'reward.decide', targetType: 'reward', targetId: 'rw_t1' });
    await put({
      at: at(5),
      action: 'reward.identity',
      targetType: 'reporterIdentity',
      targetId: 'rw_t1',
      detail: { tipoffId: 't1', reason: '核对领奖人身份以便发放', source: 'report' },
    });
    await put({ at: at(6), action: 'reward.identityX', targetType: 'reward', targetId: 'rw_t1' });
    const ids = async (group: string) => (await audits({ group })).items.map((i) => i.action);
    expect(await ids('tipoff')).toEqual(['tipoff.accept']);
    expect(await ids('identity')).toEqual(['reward.identity']);
    expect(await ids('config')).toEqual(['reward.setPolicy']);
    expect(await ids('reward')).toEqual(['reward.identityX', 'reward.identity', 'reward.decide', 'reward.setPolicy']);
    expect(await ids('training')).toEqual(['training.assign']);
    const read = (await audits({ group: 'identity' })).items[0];
    expect(read).toMatchObject({ identityRead: true, reason: '核对领奖人身份以便发放', actionLabel: '查看举报人身份' });
    expect((await audits({ group: 'reward' })).items.filter((i) => i.identityRead).length).toBe(1);
    expect((await env.call('admin', 'audits', { group: 'tipoff.' }, 'admin-demo')).error?.code).toBe('INVALID_INPUT');
    expect([auditGroupPattern('tipoff'), auditGroupPattern('identity'), auditGroupPattern('config')]).toEqual([
      '^tipoff\\.',
      '^reward\\.identity$',
      '^(config\\.|reward\\.setPolicy$)',
    ]);
    for (const g of AUDIT_GROUPS) expect(AUDIT_GROUP_LABELS[g]).toBeTruthy();
    expect(inAuditGroup('training.assign', 'training') && !inAuditGroup('trainingX', 'training')).toBe(true);
  });

  it('a case number finds the report and its reward; a ledger number its entry; an id itself', async () => {
    const filed = ok(await env.call('tipoff', 'submit', validSubmission(), 'resident-demo'));
    ok(await env.call('queue', 'act', { step: 'accept', id: filed.id }, 'staff-CJ'));
    const no = (await audits()).items[0].target.no as string;
    await put({
      at: '2026-11-28T09:00:00+08:00',
      action: 'reward.open',
      targetType: 'reward',
      targetId: rewardIdFor(filed.id),
    });
    await put({ at: '2026-11-28T09:01:00+08:00', action: 'ledger.create', targetId: 'other' });
    const byNo = await audits({ target: no });
    expect(byNo.items.map((i) => i.action)).toEqual(['tipoff.accept', 'reward.open']);
    expect(byNo.items[1].target).toMatchObject({ typeLabel: '奖励案件', no });
    expect((await audits({ target: no.toLowerCase() })).total).toBe(2);
    expect((await audits({ target: 'MX-2026-999999' })).total).toBe(0);
    expect((await audits({ target: 'other' })).items.map((i) => i.action)).toEqual(['ledger.create']);

    const entry = ok(
      await env.call(
        'admin',
        'ledgerCreate',
        {
          source: 'inspection',
          title: '配电箱门损坏',
          description: '配电箱门损坏无法关闭，带电部位外露',
          categoryId: 'gas-facility',
          address: '共康路 1 号',
          enterpriseName: '某某公司',
          deadline: '2026-12-10',
        },
        'staff-CJ',
      ),
    );
    const ledger = await audits({ target: entry.no });
    expect(ledger.items.map((i) => [i.action, i.target.no])).toEqual([['ledger.create', entry.no]]);
  });

  it('pages newest first without repeats over entries of the same second', async () => {
    for (let i = 0; i < 5; i++) await put({ at: '2026-11-28T09:00:00+08:00', targetId: `same-${i}` });
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(...(await audits({ page, pageSize: 2 })).items.map((i) => i.target.id));
    expect(new Set(pages).size).toBe(5);
  });
});

describe('who may read it', () => {
  it('安委办 and leaders; departments, enterprises and residents are refused', async () => {
    expect((await env.call('admin', 'audits', {}, 'leader-demo')).ok).toBe(true);
    for (const openid of ['staff-CJ', 'head-CJ', 'resident-demo', 'manager-demo']) {
      expect([openid, (await env.call('admin', 'audits', {}, openid)).error?.code]).toEqual([openid, 'FORBIDDEN']);
    }
  });
});

describe('the queries of admin.audits', () => {
  it('are each served by a declared index', async () => {
    const staff = await user('staff-CJ');
    queries.clear();
    for (const input of [
      {},
      { actor: staff.displayName },
      { actor: staff.personId, group: 'tipoff' },
      { group: 'identity' },
      { target: 'MX-2026-000001' },
      { target: 'ZD-2026-0001', group: 'ledger' },
      { target: 'some-id', actor: staff.personId, from: '2026-01-01', to: '2026-06-30' },
    ])
      await audits(input);
    const seen = [...queries.values()];
    expect(seen.some((q) => q.collection === AUDITS)).toBe(true);
    const uncovered = seen.filter(
      (q) => !coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []).covered,
    );
    expect(uncovered).toEqual([]);
  });
});
