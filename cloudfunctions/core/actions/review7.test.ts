// Review of issue 7 as an attacker and as CloudBase runs it: codes of enterprises that are not active, codes
// whose issuer lost the right to issue them, the register's rate limit, a confirmed join in the people list.
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { ENTERPRISES } from '../enterprises';
import { uploadScope } from '../files';
import { TIMERS } from '../functions';
import { INTERNAL_REPORTS } from '../internal-reports';
import { inviteCodeHash, INVITES, type InviteDoc } from '../invites';
import { personId } from '../roles';
import { isoTown } from '../time';
import { USERS } from '../users';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

const pid = (openid: string) => personId(openid, env.runtime.deps.reporterKeySecret);
const bind = (code: string, openid: string, name = '王五') => env.call('user', 'bind', { code, name }, openid);
async function issue(input: Record<string, unknown>, openid = 'admin-demo') {
  const res = await env.call('people', 'invite', input, openid);
  expect([input, res.error]).toEqual([input, undefined]);
  return res.data as { id: string; code: string };
}
const setEnterprise = (id: string, data: Record<string, unknown>) =>
  env.runtime.db.collection(ENTERPRISES).doc(id).update({ data });

/** An invite written as an older server (or a crash between two steps) could have left it. */
async function storedInvite(code: string, fields: Partial<InviteDoc>) {
  const now = env.runtime.deps.now();
  const doc: Omit<InviteDoc, '_id'> = {
    codeHash: inviteCodeHash(code, env.runtime.deps.reporterKeySecret),
    role: 'worker',
    uses: 1,
    used: 0,
    status: 'open',
    expiresAt: isoTown(new Date(now.getTime() + 7 * 86_400_000)),
    codeHint: code.slice(-2),
    createdBy: 'admin-demo',
    createdByName: '镇安委办 经办人',
    createdAt: isoTown(now),
    ...fields,
  };
  await env.runtime.db.collection(INVITES).add({ data: doc });
}

/** worker-demo files an anonymous internal report to ENT-DEMO. */
async function fileReport(requestId: string) {
  const res = await env.call(
    'enterprise',
    'report',
    { requestId, categoryId: 'fire-passage', description: '一号车间消防通道堵塞', photos: [], anonymous: true },
    'worker-demo',
  );
  expect(res.error).toBeUndefined();
  return res;
}

const registration = (creditCode: string) => ({
  name: '庙行样例机械有限公司',
  creditCode,
  industry: 'trade-metal',
  areaId: 'yq',
  address: '庙行镇样例路 1 号',
  contact: { name: '张三', phone: '13800138000' },
  workerCount: 30,
});

describe('codes of an enterprise that is not active', () => {
  it('a manager code for a pending registration is neither issued nor bound', async () => {
    await env.runtime.db
      .collection(USERS)
      .doc('mgr-p')
      .set({ data: { roles: ['resident', 'worker', 'safetyManager'], createdAt: 'x' } });
    const reg = await env.call('enterprise', 'register', registration('91310113MA1GK7NEW6'), 'mgr-p');
    expect(reg.data).toMatchObject({ status: 'pending' });
    const res = await env.call(
      'people',
      'invite',
      { role: 'safetyManager', enterpriseId: reg.data.id, uses: 1, expiresInDays: 7 },
      'admin-demo',
    );
    expect(res.error).toMatchObject({ code: 'CONFLICT' });

    await storedInvite('PENDMGR2', { role: 'safetyManager', enterpriseId: reg.data.id });
    const bound = await bind('PEND-MGR2', 'intruder');
    expect(bound.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('尚未通过审核') });
    const ent = (await env.runtime.db.collection(ENTERPRISES).doc(reg.data.id).get()).data as {
      managerOpenids: string[];
    };
    expect(ent.managerOpenids).toEqual(['mgr-p']);
  });

  it('worker and manager codes stop binding once the enterprise is closed, also when its people kept their roles', async () => {
    const worker = await issue({ role: 'worker', uses: 1, expiresInDays: 7 }, 'manager-demo');
    const board = await issue({ role: 'worker', uses: 50, expiresInDays: 7 }, 'manager-demo');
    const manager = await issue({ role: 'safetyManager', enterpriseId: 'ENT-DEMO', uses: 1, expiresInDays: 7 });
    // As after a close that stopped before it took the manager's role away.
    await setEnterprise('ENT-DEMO', { status: 'closed' });
    for (const [code, who] of [
      [worker.code, 'w-a'],
      [board.code, 'w-b'],
      [manager.code, 'm-c'],
    ]) {
      const res = await bind(code, who);
      expect([who, res.error?.code]).toEqual([who, 'CONFLICT']);
      expect(res.error.message).toContain('已注销');
    }
    expect((await env.runtime.db.collection(USERS).where({ enterpriseId: 'ENT-DEMO' }).count()).total).toBe(2);
    // …and the manager who kept the role cannot issue more.
    const more = await env.call('people', 'invite', { role: 'worker', uses: 1, expiresInDays: 7 }, 'manager-demo');
    expect(more.error?.code).toBe('FORBIDDEN');
  });
});

describe('a code dies with its issuer’s right to issue it', () => {
  it('a head’s staff code after the head role is revoked', async () => {
    const { code } = await issue({ role: 'staff', uses: 5, expiresInDays: 7 }, 'head-CJ');
    expect((await bind(code, 's-1')).ok).toBe(true);
    const revoked = await env.call(
      'people',
      'revoke',
      { id: pid('head-CJ'), role: 'head', reason: '调离' },
      'admin-demo',
    );
    expect(revoked.ok).toBe(true);
    const res = await bind(code, 's-2');
    expect(res.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('发放人') });
    expect((await env.runtime.db.collection(USERS).where({ _id: 's-2' }).count()).total).toBe(0);
  });

  it('a manager’s worker code after the manager leaves; an officer’s codes after their admin role goes', async () => {
    const worker = await issue({ role: 'worker', uses: 1, expiresInDays: 7 }, 'manager-demo');
    const admin = await issue({ role: 'admin', uses: 1, expiresInDays: 7 }, 'admin-demo');
    const staff = await issue({ role: 'staff', departmentId: 'CJ', uses: 1, expiresInDays: 7 }, 'admin-demo');
    const r1 = await env.call(
      'people',
      'revoke',
      { id: pid('manager-demo'), role: 'safetyManager', reason: '离职' },
      'admin-demo',
    );
    const r2 = await env.call(
      'people',
      'revoke',
      { id: pid('admin-demo'), role: 'admin', reason: '调离' },
      'leader-demo',
    );
    expect([r1.ok, r2.ok]).toEqual([true, true]);
    for (const code of [worker.code, admin.code, staff.code]) {
      expect((await bind(code, `b-${code}`)).error?.code).toBe('CONFLICT');
    }
  });
});

describe('enterprise.register is rate-limited for managers', () => {
  it('the 6th attempt in an hour is RATE_LIMITED, refused ones included; 安委办 entering enterprises is not', async () => {
    await env.runtime.db
      .collection(USERS)
      .doc('mgr-r')
      .set({ data: { roles: ['resident', 'worker', 'safetyManager'], createdAt: 'x' } });
    const seeded = (await env.call('enterprise', 'detail', { id: 'ENT-DEMO' }, 'admin-demo')).data.creditCode;
    for (let i = 0; i < 5; i++) {
      // Probing credit codes: each refusal names the holder, so each counts.
      expect((await env.call('enterprise', 'register', registration(seeded), 'mgr-r')).error?.code).toBe('CONFLICT');
    }
    const sixth = await env.call('enterprise', 'register', registration('91310113MA1GK7NEW6'), 'mgr-r');
    expect(sixth.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(sixth.error.retryAfterSeconds).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) {
      expect((await env.call('enterprise', 'register', registration(seeded), 'admin-demo')).error?.code).toBe(
        'CONFLICT',
      );
    }
  });
});

describe('a confirmed join', () => {
  it('makes the person a worker listed in people.list under the enterprise', async () => {
    const board = await issue({ role: 'worker', uses: 50, expiresInDays: 30 }, 'manager-demo');
    expect((await bind(board.code, 'joiner', '孙七')).data).toMatchObject({ pending: true });
    const before = await env.call('people', 'list', { page: 1, pageSize: 50, enterpriseId: 'ENT-DEMO' }, 'admin-demo');
    expect(before.data.items.map((p: { id: string }) => p.id)).not.toContain(pid('joiner'));
    const desk = await env.call('enterprise', 'workers', {}, 'manager-demo');
    const ok = await env.call(
      'enterprise',
      'confirmJoin',
      { id: desk.data.pending[0].id, approved: true },
      'manager-demo',
    );
    expect(ok.ok).toBe(true);
    const after = await env.call(
      'people',
      'list',
      { page: 1, pageSize: 50, enterpriseId: 'ENT-DEMO', role: 'worker' },
      'admin-demo',
    );
    expect(after.data.items).toContainEqual(
      expect.objectContaining({ id: pid('joiner'), name: '孙七', roles: ['worker'], enterpriseId: 'ENT-DEMO' }),
    );
  });
});

describe('two clicks at once', () => {
  it('confirmJoin, approve, accept, and fixed against the worker’s toTown: one wins, the other is told', async () => {
    const board = await issue({ role: 'worker', uses: 50, expiresInDays: 30 }, 'manager-demo');
    await bind(board.code, 'joiner', '孙七');
    const joinId = (await env.call('enterprise', 'workers', {}, 'manager-demo')).data.pending[0].id;
    const joins = await Promise.all(
      [true, true].map((approved) => env.call('enterprise', 'confirmJoin', { id: joinId, approved }, 'manager-demo')),
    );
    expect(joins.map((r) => r.ok).sort()).toEqual([false, true]);

    await env.runtime.db
      .collection(USERS)
      .doc('mgr-2')
      .set({ data: { roles: ['resident', 'worker', 'safetyManager'], createdAt: 'x' } });
    const reg = await env.call('enterprise', 'register', registration('91310113MA1GK7NEW6'), 'mgr-2');
    const approvals = await Promise.all(
      [true, false].map((approved) =>
        env.call('enterprise', 'approve', { id: reg.data.id, approved, reason: '核对' }, 'admin-demo'),
      ),
    );
    expect(approvals.filter((r) => r.ok)).toHaveLength(1);
    expect(approvals.find((r) => !r.ok)?.error.code).toBe('CONFLICT');

    const filed = await fileReport('nb-review-1');
    const id = filed.data.id;
    const accepts = await Promise.all(
      ['2026-12-31', '2026-12-30'].map((deadline) =>
        env.call('enterprise', 'act', { id, step: 'accept', deadline }, 'manager-demo'),
      ),
    );
    expect(accepts.map((r) => r.ok).sort()).toEqual([false, true]);

    const evidence = await env.upload('manager-demo', uploadScope.fix(id));
    const race = await Promise.all([
      env.call('enterprise', 'act', { id, step: 'fixed', evidence: [evidence], note: '已清理' }, 'manager-demo'),
      env.call('enterprise', 'toTown', { id }, 'worker-demo'),
    ]);
    expect(race.map((r) => r.ok).sort()).toEqual([false, true]);
    const detail = await env.call('enterprise', 'reportDetail', { id }, 'worker-demo');
    expect(detail.data.status).toBe(race[0].ok ? 'fixed' : 'escalated');
    const tipoffs = await env.call('tipoff', 'mine', { page: 1, pageSize: 10 }, 'worker-demo');
    expect(tipoffs.data.items).toHaveLength(race[0].ok ? 0 : 1);
  });
});

describe('nobody becomes an enterprise’s manager by mixing codes', () => {
  it('a worker binding a free manager code, or a free manager joining as a worker, is refused', async () => {
    const free = await issue({ role: 'safetyManager', uses: 5, expiresInDays: 7 });
    // A worker of ENT-DEMO would otherwise hold safetyManager + ENT-DEMO: its internal reports and codes.
    const sneaky = await bind(free.code, 'worker-demo');
    expect(sneaky.error).toMatchObject({ code: 'CONFLICT' });
    expect((await env.call('enterprise', 'reports', { page: 1, pageSize: 20 }, 'worker-demo')).error?.code).toBe(
      'FORBIDDEN',
    );

    expect((await bind(free.code, 'outsider')).ok).toBe(true);
    const single = await issue({ role: 'worker', uses: 1, expiresInDays: 7 }, 'manager-demo');
    expect((await bind(single.code, 'outsider')).error).toMatchObject({ code: 'CONFLICT' });
    const board = await issue({ role: 'worker', uses: 50, expiresInDays: 7 }, 'manager-demo');
    // The notice-board code: the join request itself is refused, so no manager is misled into confirming it.
    expect((await bind(board.code, 'outsider')).error).toMatchObject({ code: 'CONFLICT' });
    const user = (await env.runtime.db.collection(USERS).doc('outsider').get()).data as { enterpriseId?: string };
    expect(user.enterpriseId).toBeUndefined();
  });
});

describe('the hourly escalation reads past reports that fail', () => {
  it('51 failing reports neither stop the job (get() caps limit at 100) nor hide a due one behind them', async () => {
    const filed = await fileReport('nb-review-2');
    const broken = Array.from({ length: 51 }, (_, i) => ({
      _id: `nbroken${String(i).padStart(3, '0')}`,
      no: `NB-2026-9${String(i).padStart(5, '0')}`,
      enterpriseId: 'ENT-GONE', // escalation fails: the enterprise is not in the register
      reporterKey: 'rk-broken',
      sealedReporter: 'x',
      anonymous: true,
      categoryId: 'fire-passage',
      description: '坏数据',
      photos: [],
      status: 'submitted',
      acceptBy: '2020-01-01T23:59:59+08:00',
      dueAt: '2020-01-01T23:59:59+08:00',
      timeline: [],
      createdAt: '2020-01-01T09:00:00+08:00',
      updatedAt: '2020-01-01T09:00:00+08:00',
    }));
    for (const doc of broken) await env.runtime.db.collection(INTERNAL_REPORTS).add({ data: doc });
    env.clock.advance(7 * 86_400_000);
    const res = (await TIMERS.scheduler(env.runtime.deps)) as { internalReports: Record<string, number> };
    expect(res.internalReports).toMatchObject({ notAccepted: 1, failed: 51 });
    const detail = await env.call('enterprise', 'reportDetail', { id: filed.data.id }, 'worker-demo');
    expect(detail.data.status).toBe('escalated');
  });
});
