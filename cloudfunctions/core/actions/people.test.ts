// Issue 7: roles by invite code — people.invite|invites|revokeInvite|list|revoke and user.bind.
import { demoIdentities } from '../../../local-engine/demo';
import { DEMO_INVITES } from '../../../local-engine/demo-invites';
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { JOINS } from '../enterprises';
import { INVITES } from '../invites';
import { personId } from '../roles';
import { defaultTown } from '../town';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

const DAY = 86_400_000;
const STAFF_CJ = { role: 'staff', departmentId: 'CJ', uses: 1, expiresInDays: 7 };

async function issue(input: Record<string, unknown> = STAFF_CJ, openid = 'admin-demo') {
  const res = await env.call('people', 'invite', input, openid);
  expect([input, res.ok, res.error]).toEqual([input, true, undefined]);
  return res.data as { id: string; code: string; expiresAt: string };
}
const bind = (code: string, openid: string, name = '王五') => env.call('user', 'bind', { code, name }, openid);
const pid = (openid: string) => personId(openid, env.runtime.deps.reporterKeySecret);
async function audits(action: string) {
  const { data } = await env.runtime.db.collection(AUDITS).where({ action }).get();
  return data as Record<string, unknown>[];
}

describe('people.invite', () => {
  it('answers the code once, shown ABCD-EFGH; stores only its hash and last two characters', async () => {
    const { id, code, expiresAt } = await issue({ ...STAFF_CJ, note: '张三' });
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(expiresAt).toBe('2026-12-05T10:00:00+08:00');
    const { data } = await env.runtime.db.collection(INVITES).doc(id).get();
    const stored = JSON.stringify(data);
    expect(stored).not.toContain(code.replace('-', ''));
    expect(stored).not.toContain(code);
    expect(data).toMatchObject({ role: 'staff', departmentId: 'CJ', uses: 1, used: 0, codeHint: code.slice(-2) });
    const [entry] = await audits('people.invite');
    expect(entry).toMatchObject({ actor: 'admin-demo', targetType: 'invite', targetId: id, to: 'staff' });
    expect(JSON.stringify(entry)).not.toContain(code.replace('-', ''));
  });

  it('nobody grants more than they may: a head issuing admin, a manager for another enterprise', async () => {
    const before = await env.digest();
    const head = await env.call('people', 'invite', { role: 'admin', uses: 1, expiresInDays: 7 }, 'head-CJ');
    expect(head.error?.code).toBe('FORBIDDEN');
    const other = await env.call('people', 'invite', { ...STAFF_CJ, departmentId: 'XF' }, 'head-CJ');
    expect(other.error?.code).toBe('FORBIDDEN');
    const manager = await env.call(
      'people',
      'invite',
      { role: 'worker', enterpriseId: 'ENT-DEMO-2', uses: 1, expiresInDays: 7 },
      'manager-demo',
    );
    expect(manager.error?.code).toBe('FORBIDDEN');
    const staff = await env.call('people', 'invite', STAFF_CJ, 'staff-CJ');
    expect(staff.error?.code).toBe('FORBIDDEN');
    expect(await env.digest()).toBe(before);
  });

  it('lets a head issue staff codes for their department and a manager worker codes for their enterprise', async () => {
    await issue({ role: 'staff', uses: 1, expiresInDays: 7 }, 'head-CJ');
    const { id } = await issue({ role: 'worker', uses: 30, expiresInDays: 30, note: '一车间' }, 'manager-demo');
    const { data } = await env.runtime.db.collection(INVITES).doc(id).get();
    expect(data).toMatchObject({ enterpriseId: 'ENT-DEMO', createdByName: '企业安全管理人员（演示）' });
  });
});

describe('user.bind', () => {
  it('grants the role, stores personId and the name, uses the code, audits; the login result says so', async () => {
    const { id, code } = await issue({ ...STAFF_CJ, uses: 2 });
    const res = await bind(code.toLowerCase().replace('-', ' '), 'new-person', '赵六');
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({
      openid: 'new-person',
      roles: ['resident', 'staff'],
      departmentId: 'CJ',
      departmentName: '城建',
      displayName: '赵六',
      granted: 'staff',
      message: '绑定成功，您现在是部门工作人员',
    });
    const user = (await env.runtime.db.collection('users').doc('new-person').get()).data;
    expect(user).toMatchObject({ personId: pid('new-person'), displayName: '赵六', roles: ['resident', 'staff'] });
    expect((await env.runtime.db.collection(INVITES).doc(id).get()).data).toMatchObject({ used: 1, status: 'open' });
    const [entry] = await audits('people.bind');
    expect(entry).toMatchObject({ actor: 'new-person', targetId: id, to: 'staff' });
    expect(JSON.stringify(entry)).not.toContain(code.replace('-', ''));
  });

  it('says which: wrong, expired (from the exact instant), used up, revoked; writes nothing but the counter', async () => {
    const wrong = await bind('ABCD-EFGH', 'p1');
    expect(wrong.error).toMatchObject({ code: 'NOT_FOUND', message: '邀请码不正确，请核对后重试' });

    const soon = await issue({ ...STAFF_CJ, expiresInDays: 1 });
    env.clock.advance(DAY - 1);
    expect((await bind(soon.code, 'p2')).ok).toBe(true);
    const late = await issue({ ...STAFF_CJ, expiresInDays: 1 });
    env.clock.advance(DAY);
    const before = await env.digest({ except: ['rateLimits'] });
    expect((await bind(late.code, 'p3')).error).toMatchObject({
      code: 'EXPIRED',
      message: '邀请码已过期，请联系发放人重新获取',
    });
    expect((await bind(soon.code, 'p3')).error).toMatchObject({
      code: 'CONFLICT',
      message: '邀请码已被使用完，请联系发放人重新获取',
    });
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);

    const revoked = await issue();
    expect((await env.call('people', 'revokeInvite', { id: revoked.id }, 'admin-demo')).ok).toBe(true);
    expect((await bind(revoked.code, 'p3')).error).toMatchObject({ code: 'CONFLICT', message: '邀请码已作废' });
  });

  it('a code of 3 uses serves 3 people and refuses the 4th', async () => {
    const { code } = await issue({ ...STAFF_CJ, uses: 3 });
    for (const p of ['a1', 'a2', 'a3']) expect((await bind(code, p)).ok).toBe(true);
    expect((await bind(code, 'a4')).error?.code).toBe('CONFLICT');
  });

  it('counts every attempt, wrong ones included: the 11th in an hour is RATE_LIMITED', async () => {
    for (let i = 0; i < 10; i++) expect((await bind('ABCD-EFGH', 'guesser')).error?.code).toBe('NOT_FOUND');
    const { code } = await issue();
    const res = await bind(code, 'guesser');
    expect(res.error?.code).toBe('RATE_LIMITED');
    expect(res.error?.retryAfterSeconds).toBeGreaterThan(0);
    env.clock.advance(3600_000);
    expect((await bind(code, 'guesser')).ok).toBe(true);
  });

  it('nothing in the input grants a role: extra keys are INVALID_INPUT and write nothing', async () => {
    const { code } = await issue();
    const before = await env.digest({ except: ['rateLimits'] });
    for (const extra of [{ roles: ['admin'] }, { role: 'admin' }, { departmentId: 'AWB' }, { openid: 'admin-demo' }]) {
      const res = await env.call('user', 'bind', { code, name: '王五', ...extra }, 'sneaky');
      expect([extra, res.error?.code]).toEqual([extra, 'INVALID_INPUT']);
    }
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });

  it('two people taking the last use at once: exactly one gets it', async () => {
    for (let round = 0; round < 3; round++) {
      const { id, code } = await issue({ ...STAFF_CJ, uses: 2 });
      expect((await bind(code, `first-${round}`)).ok).toBe(true);
      const results = await Promise.all(['x', 'y', 'z'].map((p) => bind(code, `${p}-${round}`)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results.filter((x) => !x.ok))
        expect(r.error).toMatchObject({ code: 'CONFLICT', message: '邀请码已被使用完，请联系发放人重新获取' });
      expect((await env.runtime.db.collection(INVITES).doc(id).get()).data).toMatchObject({
        used: 2,
        status: 'usedUp',
      });
    }
  });

  it('a manager code for an existing enterprise adds the person to its managers; one without lets them register', async () => {
    const { code } = await issue({ role: 'safetyManager', enterpriseId: 'ENT-DEMO', uses: 1, expiresInDays: 7 });
    const res = await bind(code, 'mgr-2');
    expect(res.data).toMatchObject({ roles: ['resident', 'worker', 'safetyManager'], enterpriseId: 'ENT-DEMO' });
    const ent = (await env.runtime.db.collection('enterprises').doc('ENT-DEMO').get()).data as {
      managerOpenids: string[];
    };
    expect(ent.managerOpenids).toContain('mgr-2');
    const free = await issue({ role: 'safetyManager', uses: 1, expiresInDays: 7 });
    const res2 = await bind(free.code, 'mgr-3');
    expect(res2.data).toMatchObject({ roles: ['resident', 'worker', 'safetyManager'], granted: 'safetyManager' });
    expect(res2.data.enterpriseId).toBeUndefined();
  });

  it('a single-use worker code grants at once; a notice-board code asks the manager', async () => {
    const single = await issue({ role: 'worker', uses: 1, expiresInDays: 7 }, 'manager-demo');
    expect((await bind(single.code, 'w1')).data).toMatchObject({
      roles: ['resident', 'worker'],
      enterpriseId: 'ENT-DEMO',
    });
    const board = await issue({ role: 'worker', uses: 50, expiresInDays: 30 }, 'manager-demo');
    const res = await bind(board.code, 'w2', '孙七');
    expect(res.data).toMatchObject({
      roles: ['resident'],
      granted: 'worker',
      pending: true,
      message: '已提交，等待企业安全管理人员确认',
    });
    const { data } = await env.runtime.db.collection(JOINS).where({ openid: 'w2' }).get();
    expect(data).toEqual([
      expect.objectContaining({
        enterpriseId: 'ENT-DEMO',
        personId: pid('w2'),
        name: '孙七',
        status: 'pending',
        inviteId: board.id,
      }),
    ]);
    expect((await bind(board.code, 'w2')).error?.code).toBe('CONFLICT');
  });

  it('the seeded demo codes work as printed', async () => {
    const staff = DEMO_INVITES.find((d) => d.role === 'staff')!;
    const res = await bind(`${staff.code.slice(0, 4)}-${staff.code.slice(4)}`, 'demo-new');
    expect(res.data).toMatchObject({ roles: ['resident', 'staff'], departmentId: 'CJ' });
  });

  it.each(DEMO_INVITES.map((d) => [d.code, d]))('demo code %s binds for a newcomer', async (code, demo) => {
    const res = await bind(`${code.slice(0, 4)}-${code.slice(4)}`, `newcomer-${code}`);
    expect(res.error).toBeUndefined();
    expect(res.data.granted).toBe(demo.role);
  });
});

describe('people.invites and people.revokeInvite', () => {
  it('lists the caller’s own codes (安委办 all) without the code, with their state', async () => {
    const mine = await issue({ role: 'staff', uses: 1, expiresInDays: 1 }, 'head-CJ');
    const other = await issue();
    const res = await env.call('people', 'invites', { page: 1, pageSize: 20 }, 'head-CJ');
    expect(res.data.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect(res.data.items[0]).toMatchObject({ state: 'active', roleLabel: '部门工作人员', departmentName: '城建' });
    const json = JSON.stringify(res.data);
    expect(json).not.toContain(mine.code.replace('-', ''));
    expect(json).not.toContain('codeHash');
    const all = await env.call('people', 'invites', { page: 1, pageSize: 50 }, 'admin-demo');
    const ids = all.data.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, other.id]));
    env.clock.advance(DAY);
    const expired = await env.call('people', 'invites', { page: 1, pageSize: 20, state: 'expired' }, 'head-CJ');
    expect(expired.data.items.map((i: { state: string }) => i.state)).toEqual(['expired']);
    const active = await env.call('people', 'invites', { page: 1, pageSize: 20, state: 'active' }, 'head-CJ');
    expect(active.data.total).toBe(0);
  });

  it('revokes by the issuer or 安委办 only; already revoked or expired says which', async () => {
    const a = await issue({ role: 'staff', uses: 1, expiresInDays: 1 }, 'head-CJ');
    expect((await env.call('people', 'revokeInvite', { id: a.id }, 'head-XF')).error?.code).toBe('NOT_FOUND');
    expect((await env.call('people', 'revokeInvite', { id: a.id }, 'head-CJ')).data).toEqual({ id: a.id });
    expect((await env.call('people', 'revokeInvite', { id: a.id }, 'admin-demo')).error).toMatchObject({
      code: 'CONFLICT',
      message: '该邀请码已作废，无需作废',
    });
    const b = await issue({ role: 'staff', uses: 1, expiresInDays: 1 }, 'head-CJ');
    env.clock.advance(DAY);
    expect((await env.call('people', 'revokeInvite', { id: b.id }, 'admin-demo')).error).toMatchObject({
      code: 'CONFLICT',
      message: '该邀请码已过期，无需作废',
    });
    const [entry] = await audits('people.revokeInvite');
    expect(entry).toMatchObject({ actor: 'head-CJ', targetType: 'invite', targetId: a.id });
  });
});

describe('people.list and people.revoke', () => {
  it('lists people by role, department and enterprise with personIds and names, never an openid', async () => {
    const byRole = await env.call('people', 'list', { page: 1, pageSize: 50, role: 'head' }, 'leader-demo');
    expect(byRole.ok).toBe(true);
    expect(byRole.data.items.every((p: { roles: string[] }) => p.roles.includes('head'))).toBe(true);
    const cj = await env.call('people', 'list', { page: 1, pageSize: 50, departmentId: 'CJ' }, 'admin-demo');
    expect(cj.data.items.map((p: { name: string }) => p.name).sort()).toEqual(['城建 负责人', '城建 工作人员'].sort());
    expect(cj.data.items.find((p: { name: string }) => p.name === '城建 负责人')).toMatchObject({
      id: pid('head-CJ'),
      roleLabels: ['部门负责人', '部门工作人员'],
      departmentName: '城建',
    });
    const ent = await env.call('people', 'list', { page: 1, pageSize: 50, enterpriseId: 'ENT-DEMO' }, 'admin-demo');
    expect(ent.data.items.map((p: { id: string }) => p.id).sort()).toEqual(
      [pid('manager-demo'), pid('worker-demo')].sort(),
    );
    // A manager holds worker + safetyManager; the list names the role that says what they do, once.
    expect(ent.data.items.find((p: { id: string }) => p.id === pid('manager-demo'))).toMatchObject({
      roles: expect.arrayContaining(['worker', 'safetyManager']),
      roleLabels: ['企业安全管理人员'],
    });
    expect(ent.data.items.find((p: { id: string }) => p.id === pid('worker-demo')).roleLabels).toEqual([
      '企业从业人员',
    ]);
    const residents = await env.call('people', 'list', { page: 1, pageSize: 50 }, 'admin-demo');
    expect(residents.data.items.map((p: { id: string }) => p.id)).not.toContain(pid('resident-demo'));
  });

  it('no answer of people.* carries an openid', async () => {
    const openids = demoIdentities(defaultTown()).map((p) => p.openid);
    const { id } = await issue();
    const answers = [
      await env.call('people', 'list', { page: 1, pageSize: 50 }, 'admin-demo'),
      await env.call('people', 'invites', { page: 1, pageSize: 50 }, 'admin-demo'),
      await env.call('people', 'revokeInvite', { id }, 'admin-demo'),
      await env.call('people', 'revoke', { id: pid('staff-CJ'), role: 'staff', reason: '调离本部门' }, 'admin-demo'),
      await issue({ role: 'worker', uses: 2, expiresInDays: 3 }, 'manager-demo'),
    ];
    const json = JSON.stringify(answers);
    for (const openid of openids) expect([openid, json.includes(`"${openid}"`)]).toEqual([openid, false]);
  });

  it('a revoked person loses access on their very next call; the audit says who, whom, why', async () => {
    expect((await env.call('queue', 'list', { page: 1, pageSize: 20 }, 'staff-CJ')).ok).toBe(true);
    const res = await env.call(
      'people',
      'revoke',
      { id: pid('staff-CJ'), role: 'staff', reason: '调离本部门' },
      'admin-demo',
    );
    expect(res.data).toMatchObject({ id: pid('staff-CJ'), roles: [], name: '城建 工作人员' });
    const next = await env.call('queue', 'list', { page: 1, pageSize: 20 }, 'staff-CJ');
    expect(next.error?.code).toBe('FORBIDDEN');
    const login = await env.call('user', 'login', {}, 'staff-CJ');
    expect(login.data.roles).toEqual(['resident']);
    expect(login.data.departmentId).toBeUndefined();
    const [entry] = await audits('people.revoke');
    expect(entry).toMatchObject({ actor: 'admin-demo', targetType: 'person', targetId: pid('staff-CJ') });
    expect(entry.detail).toMatchObject({ role: 'staff', reason: '调离本部门' });
    expect(JSON.stringify(entry.detail)).not.toContain('staff-CJ');
    const list = await env.call('people', 'list', { page: 1, pageSize: 50, departmentId: 'CJ' }, 'admin-demo');
    expect(list.data.items.map((p: { id: string }) => p.id)).toEqual([pid('head-CJ')]);
  });

  it('revoking a safety manager takes them off the enterprise’s managers', async () => {
    const { code } = await issue({ role: 'safetyManager', enterpriseId: 'ENT-DEMO', uses: 1, expiresInDays: 7 });
    await bind(code, 'mgr-9');
    const res = await env.call(
      'people',
      'revoke',
      { id: pid('mgr-9'), role: 'safetyManager', reason: '已离职' },
      'admin-demo',
    );
    expect(res.data.roles).toEqual(['worker']);
    const ent = (await env.runtime.db.collection('enterprises').doc('ENT-DEMO').get()).data as {
      managerOpenids: string[];
    };
    expect(ent.managerOpenids).not.toContain('mgr-9');
    expect(
      (await env.call('people', 'invite', { role: 'worker', uses: 1, expiresInDays: 7 }, 'mgr-9')).error?.code,
    ).toBe('FORBIDDEN');
  });

  it('refuses a role the person lacks, an unknown person, and the caller themself', async () => {
    const reason = '调离本部门';
    expect(
      (await env.call('people', 'revoke', { id: pid('staff-CJ'), role: 'head', reason }, 'admin-demo')).error?.code,
    ).toBe('CONFLICT');
    expect(
      (await env.call('people', 'revoke', { id: 'pnobody', role: 'staff', reason }, 'admin-demo')).error?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await env.call('people', 'revoke', { id: pid('admin-demo'), role: 'admin', reason }, 'admin-demo')).error?.code,
    ).toBe('FORBIDDEN');
  });
});
