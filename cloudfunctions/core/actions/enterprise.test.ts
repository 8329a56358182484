import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { CREDIT_CODES, ENTERPRISES, JOINS, type JoinDoc } from '../enterprises';
import { personId } from '../roles';
import { USERS, type UserDoc } from '../users';

const DEMO_OPENIDS = ['manager-demo', 'worker-demo', 'admin-demo', 'leader-demo', 'resident-demo'];
const NEW_CODE = '91310113MA1GK7NEW6';

function registration(overrides: Record<string, unknown> = {}) {
  return {
    name: '庙行样例机械有限公司',
    creditCode: NEW_CODE,
    industry: 'trade-metal',
    areaId: 'yq',
    address: '庙行镇样例路 1 号',
    contact: { name: '张三', phone: '13800138000' },
    workerCount: 30,
    ...overrides,
  };
}

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

/** A person with the safety-manager role and no enterprise (what a manager invite code grants). */
async function newManager(openid: string) {
  await env.runtime.db
    .collection(USERS)
    .doc(openid)
    .set({
      data: { roles: ['resident', 'worker', 'safetyManager'], displayName: `经理${openid.slice(-1)}`, createdAt: 'x' },
    });
}
const user = async (openid: string) =>
  (await env.runtime.db.collection<UserDoc>(USERS).where({ _id: openid }).get()).data[0];
const audits = async (action: string) =>
  (await env.runtime.db.collection(AUDITS).where({ action }).get()).data as Record<string, unknown>[];

async function seedJoin(id: string, openid: string, enterpriseId = 'ENT-DEMO') {
  const doc: Omit<JoinDoc, '_id'> = {
    enterpriseId,
    openid,
    personId: personId(openid, env.runtime.deps.reporterKeySecret),
    name: `工人${openid.slice(-1)}`,
    inviteId: 'inv-1',
    status: 'pending',
    requestedAt: '2026-11-28T09:00:00+08:00',
  };
  await env.runtime.db.collection(JOINS).doc(id).set({ data: doc });
}

function expectNoOpenids(value: unknown) {
  const json = JSON.stringify(value);
  for (const o of [...DEMO_OPENIDS, 'mgr-a', 'mgr-b', 'joiner-1', 'joiner-2']) expect(json).not.toContain(o);
}

describe('register and approve', () => {
  it('a manager registers → pending and becomes its manager; 安委办 approves; the manager gets a message', async () => {
    await newManager('mgr-a');
    const res = await env.call(
      'enterprise',
      'register',
      registration({ creditCode: ' 9131 0113 ma1g k7ne w6 ' }),
      'mgr-a',
    );
    expect(res).toMatchObject({ ok: true, data: { status: 'pending' } });
    const id = res.data.id as string;
    expect(await user('mgr-a')).toMatchObject({ enterpriseId: id });
    const own = await env.call('enterprise', 'detail', {}, 'mgr-a');
    expect(own.data).toMatchObject({
      id,
      status: 'pending',
      creditCode: NEW_CODE,
      highRisk: true,
      industryName: '工贸（金属冶炼）',
    });
    expect(own.data.managers).toEqual([{ id: personId('mgr-a', env.runtime.deps.reporterKeySecret), name: '经理a' }]);
    expectNoOpenids(own.data);

    const ok = await env.call('enterprise', 'approve', { id, approved: true }, 'admin-demo');
    expect(ok.data).toMatchObject({ status: 'active', statusLabel: '已登记' });
    expectNoOpenids(ok.data);
    const again = await env.call('enterprise', 'approve', { id, approved: true }, 'admin-demo');
    expect(again.error.code).toBe('CONFLICT');
    const msgs = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'mgr-a');
    expect(msgs.data.items.map((m: { title: string }) => m.title)).toContain('企业登记已通过');
    expect(msgs.data.items.find((m: { title: string }) => m.title === '企业登记已通过').kind).toBe('enterprise');
    expect(await audits('enterprise.register')).toHaveLength(1);
    expect(await audits('enterprise.approve')).toHaveLength(1);
  });

  it('安委办 registers → active with no manager', async () => {
    const res = await env.call('enterprise', 'register', registration({ industry: 'retail' }), 'admin-demo');
    expect(res.data.status).toBe('active');
    const d = await env.call('enterprise', 'detail', { id: res.data.id }, 'admin-demo');
    expect(d.data).toMatchObject({ managers: [], highRisk: false, status: 'active' });
    expect((await user('admin-demo')).enterpriseId).toBeUndefined();
  });

  it('refuses a bad check digit, an unknown industry, a duplicate code, and a manager who already has one', async () => {
    await newManager('mgr-a');
    const bad = await env.call('enterprise', 'register', registration({ creditCode: '91310113MA1GK7NEW7' }), 'mgr-a');
    expect(bad.error).toMatchObject({ code: 'INVALID_INPUT', message: '输入有误：统一社会信用代码校验不通过，请核对' });
    const industry = await env.call('enterprise', 'register', registration({ industry: 'mining' }), 'mgr-a');
    expect(industry.error.code).toBe('INVALID_INPUT');
    const dup = await env.call('enterprise', 'register', registration({ creditCode: '91310113MA1GK0DEMT' }), 'mgr-a');
    expect(dup.error).toMatchObject({
      code: 'CONFLICT',
      message: '该统一社会信用代码已登记：庙行示范精密制造有限公司',
    });
    expect((await env.call('enterprise', 'register', registration(), 'mgr-a')).ok).toBe(true);
    const twice = await env.call('enterprise', 'register', registration({ creditCode: '91310113MA1GK8DUP8' }), 'mgr-a');
    expect(twice.error.code).toBe('CONFLICT');
    // A manager of an active enterprise cannot register another; a worker or resident may not at all.
    expect(
      (await env.call('enterprise', 'register', registration({ creditCode: '91310113MA1GK8DUP8' }), 'manager-demo'))
        .error.code,
    ).toBe('CONFLICT');
    expect((await env.call('enterprise', 'register', registration(), 'worker-demo')).error.code).toBe('FORBIDDEN');
    expect((await env.call('enterprise', 'register', registration(), 'resident-demo')).error.code).toBe('FORBIDDEN');
  });

  it('two registrations of one code at once: exactly one wins', async () => {
    await newManager('mgr-a');
    await newManager('mgr-b');
    const [a, b, c] = await Promise.all([
      env.call('enterprise', 'register', registration(), 'mgr-a'),
      env.call('enterprise', 'register', registration({ name: '另一家公司' }), 'mgr-b'),
      env.call('enterprise', 'register', registration({ name: '第三家公司' }), 'admin-demo'),
    ]);
    const results = [a, b, c];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r.error.code).toBe('CONFLICT');
    expect((await env.runtime.db.collection(ENTERPRISES).where({ creditCode: NEW_CODE }).count()).total).toBe(1);
  });

  it('a rejection frees the code: the same manager registers again', async () => {
    await newManager('mgr-a');
    await newManager('mgr-b');
    const first = await env.call('enterprise', 'register', registration(), 'mgr-a');
    const noReason = await env.call('enterprise', 'approve', { id: first.data.id, approved: false }, 'admin-demo');
    expect(noReason.error.code).toBe('INVALID_INPUT');
    const rej = await env.call(
      'enterprise',
      'approve',
      { id: first.data.id, approved: false, reason: '名称与执照不符' },
      'admin-demo',
    );
    expect(rej.data).toMatchObject({ status: 'rejected', rejectReason: '名称与执照不符' });
    expect((await env.runtime.db.collection(CREDIT_CODES).where({ _id: NEW_CODE }).count()).total).toBe(0);
    const msgs = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'mgr-a');
    expect(msgs.data.items[0].title).toBe('企业登记未通过');
    const again = await env.call('enterprise', 'register', registration({ name: '庙行样例机械制造有限公司' }), 'mgr-a');
    expect(again.data.status).toBe('pending');
    expect((await user('mgr-a')).enterpriseId).toBe(again.data.id);
    // …and the code is taken again for anyone else.
    const other = await env.call('enterprise', 'register', registration(), 'mgr-b');
    expect(other.error).toMatchObject({
      code: 'CONFLICT',
      message: '该统一社会信用代码已登记：庙行样例机械制造有限公司',
    });
  });
});

describe('list, detail, update, setHighRisk, close', () => {
  it('lists with filters, newest first, for 安委办 and leaders only', async () => {
    env.clock.advance(60_000); // after the seed's enterprises
    await env.call('enterprise', 'register', registration(), 'admin-demo');
    const all = await env.call('enterprise', 'list', { page: 1, pageSize: 20 }, 'leader-demo');
    expect(all.data.total).toBe(3);
    expect(all.data.items[0].creditCode).toBe(NEW_CODE);
    const demo = all.data.items.find((i: { id: string }) => i.id === 'ENT-DEMO');
    expect(demo).toMatchObject({ boundWorkers: 2, areaName: expect.any(String), statusLabel: '已登记' });
    const high = await env.call('enterprise', 'list', { page: 1, pageSize: 20, highRisk: false }, 'admin-demo');
    expect(high.data.items.map((i: { id: string }) => i.id)).toEqual(['ENT-DEMO-2']);
    const byName = await env.call('enterprise', 'list', { page: 1, pageSize: 20, q: '便民' }, 'admin-demo');
    expect(byName.data.items.map((i: { id: string }) => i.id)).toEqual(['ENT-DEMO-2']);
    const byCode = await env.call(
      'enterprise',
      'list',
      { page: 1, pageSize: 20, q: '91310113ma1gk0demt' },
      'admin-demo',
    );
    expect(byCode.data.items.map((i: { id: string }) => i.id)).toEqual(['ENT-DEMO']);
    const industry = await env.call(
      'enterprise',
      'list',
      { page: 1, pageSize: 20, industry: 'trade-dust', status: 'active', areaId: 'yq' },
      'admin-demo',
    );
    expect(industry.data.total).toBe(1);
    expect((await env.call('enterprise', 'list', { page: 1, pageSize: 20 }, 'manager-demo')).error.code).toBe(
      'FORBIDDEN',
    );
    expectNoOpenids(all.data);
  });

  it('scopes detail, update and workers to the caller’s own enterprise', async () => {
    await newManager('mgr-a');
    const { data } = await env.call('enterprise', 'register', registration(), 'mgr-a');
    for (const [action, input] of [
      ['detail', { id: 'ENT-DEMO' }],
      ['update', { id: 'ENT-DEMO', address: '别处 1 号' }],
      ['workers', { id: 'ENT-DEMO' }],
    ] as const) {
      const res = await env.call('enterprise', action, input, 'mgr-a');
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.error.code);
    }
    expect((await env.call('enterprise', 'detail', { id: data.id }, 'worker-demo')).error.code).toBe('FORBIDDEN');
    const mine = await env.call('enterprise', 'detail', {}, 'worker-demo');
    expect(mine.data.id).toBe('ENT-DEMO');
    expectNoOpenids(mine.data);
    expect((await env.call('enterprise', 'detail', { id: data.id }, 'leader-demo')).data.id).toBe(data.id);
  });

  it('update: the manager their own, 安委办 any; an industry change moves the default unless overridden', async () => {
    const upd = await env.call(
      'enterprise',
      'update',
      { id: 'ENT-DEMO', address: '庙行镇示范路 90 号', workerCount: 130 },
      'manager-demo',
    );
    expect(upd.data).toMatchObject({
      address: '庙行镇示范路 90 号',
      workerCount: 130,
      creditCode: '91310113MA1GK0DEMT',
    });
    expect(
      (await env.call('enterprise', 'update', { id: 'ENT-DEMO', creditCode: NEW_CODE }, 'manager-demo')).error.code,
    ).toBe('INVALID_INPUT');
    const retail = await env.call('enterprise', 'update', { id: 'ENT-DEMO', industry: 'retail' }, 'admin-demo');
    expect(retail.data.highRisk).toBe(false);
    await env.call(
      'enterprise',
      'setHighRisk',
      { id: 'ENT-DEMO', highRisk: true, reason: '仍有粉尘作业' },
      'admin-demo',
    );
    const other = await env.call('enterprise', 'update', { id: 'ENT-DEMO', industry: 'other' }, 'admin-demo');
    expect(other.data.highRisk).toBe(true);
    expect(await audits('enterprise.update')).toHaveLength(3);
  });

  it('setHighRisk stores the override with its reason and audits it', async () => {
    const res = await env.call(
      'enterprise',
      'setHighRisk',
      { id: 'ENT-DEMO-2', highRisk: true, reason: '仓库存放大量可燃物' },
      'admin-demo',
    );
    expect(res.data).toMatchObject({ highRisk: true, highRiskOverride: { value: true, reason: '仓库存放大量可燃物' } });
    expectNoOpenids(res.data);
    const [a] = await audits('enterprise.setHighRisk');
    expect(a).toMatchObject({
      targetType: 'enterprise',
      targetId: 'ENT-DEMO-2',
      from: 'false',
      to: 'true',
      actor: 'admin-demo',
    });
    expect(
      (
        await env.call(
          'enterprise',
          'setHighRisk',
          { id: 'ENT-DEMO-2', highRisk: true, reason: '理由' },
          'manager-demo',
        )
      ).error.code,
    ).toBe('FORBIDDEN');
  });

  it('close keeps the enterprise, refuses its pending joins, and its people become residents', async () => {
    await seedJoin('join-1', 'joiner-1');
    const res = await env.call('enterprise', 'close', { id: 'ENT-DEMO', reason: '企业已迁出本镇' }, 'admin-demo');
    expect(res.data).toMatchObject({ status: 'closed', closedReason: '企业已迁出本镇', statusLabel: '已注销' });
    expect((await user('worker-demo')).roles).toEqual(['resident']);
    expect((await user('worker-demo')).enterpriseId).toBeUndefined();
    expect((await user('manager-demo')).roles).toEqual(['resident']);
    const join = (await env.runtime.db.collection<JoinDoc>(JOINS).where({ _id: 'join-1' }).get()).data[0];
    expect(join.status).toBe('refused');
    expect((await env.call('enterprise', 'detail', {}, 'worker-demo')).error.code).toBe('FORBIDDEN');
    expect(
      (await env.call('enterprise', 'close', { id: 'ENT-DEMO', reason: '再次注销' }, 'admin-demo')).error.code,
    ).toBe('CONFLICT');
    expect(
      (await env.call('enterprise', 'update', { id: 'ENT-DEMO', address: '别处 1 号' }, 'admin-demo')).error.code,
    ).toBe('CONFLICT');
    expect(await audits('enterprise.close')).toHaveLength(1);
  });
});

describe('the desk: workers, joins, removal', () => {
  it('lists members by personId and pending joins; approves a join once (second click: 已处理)', async () => {
    await seedJoin('join-1', 'joiner-1');
    await seedJoin('join-2', 'joiner-2');
    const desk = await env.call('enterprise', 'workers', {}, 'manager-demo');
    expect(desk.data.members.map((m: { role: string }) => m.role)).toEqual(['safetyManager', 'worker']);
    expect(desk.data.pending.map((p: { id: string }) => p.id)).toEqual(['join-1', 'join-2']);
    expectNoOpenids(desk.data);

    const ok = await env.call('enterprise', 'confirmJoin', { id: 'join-1', approved: true }, 'manager-demo');
    expect(ok).toEqual({ ok: true, data: { id: 'join-1' } });
    expect(await user('joiner-1')).toMatchObject({
      roles: ['resident', 'worker'],
      enterpriseId: 'ENT-DEMO',
      displayName: '工人1',
      personId: personId('joiner-1', env.runtime.deps.reporterKeySecret),
    });
    const second = await env.call('enterprise', 'confirmJoin', { id: 'join-1', approved: false }, 'manager-demo');
    expect(second.error).toMatchObject({ code: 'CONFLICT', message: '已处理' });

    const no = await env.call('enterprise', 'confirmJoin', { id: 'join-2', approved: false }, 'manager-demo');
    expect(no.ok).toBe(true);
    expect(await user('joiner-2')).toBeUndefined();
    const after = await env.call('enterprise', 'workers', {}, 'manager-demo');
    expect(after.data.members).toHaveLength(3);
    expect(after.data.pending).toEqual([]);
    const msgs = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'joiner-1');
    expect(msgs.data.items[0]).toMatchObject({ title: '加入企业申请已通过', kind: 'enterpriseJoin' });
    expect(await audits('enterprise.confirmJoin')).toHaveLength(2);
  });

  it('another enterprise’s manager cannot confirm a join or see its workers', async () => {
    await newManager('mgr-a');
    const { data } = await env.call('enterprise', 'register', registration(), 'mgr-a');
    await env.call('enterprise', 'approve', { id: data.id, approved: true }, 'admin-demo');
    await seedJoin('join-1', 'joiner-1');
    const res = await env.call('enterprise', 'confirmJoin', { id: 'join-1', approved: true }, 'mgr-a');
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.error.code);
    expect(
      (await env.call('enterprise', 'confirmJoin', { id: 'join-1', approved: true }, 'worker-demo')).error.code,
    ).toBe('FORBIDDEN');
    expect(await user('joiner-1')).toBeUndefined();
    const theirs = await env.call('enterprise', 'workers', {}, 'mgr-a');
    expect(theirs.data.members).toHaveLength(1);
    // 安委办 sees any enterprise's people.
    const office = await env.call('enterprise', 'workers', { id: 'ENT-DEMO' }, 'admin-demo');
    expect(office.data.members).toHaveLength(2);
    expectNoOpenids(office.data);
  });

  it('removes a worker (never the manager themselves), audited', async () => {
    const secret = env.runtime.deps.reporterKeySecret;
    const self = await env.call(
      'enterprise',
      'removeWorker',
      { id: personId('manager-demo', secret), reason: '测试' },
      'manager-demo',
    );
    expect(self.error.code).toBe('CONFLICT');
    const res = await env.call(
      'enterprise',
      'removeWorker',
      { id: personId('worker-demo', secret), reason: '已离职' },
      'manager-demo',
    );
    expect(res.ok).toBe(true);
    expect(await user('worker-demo')).toMatchObject({ roles: ['resident'] });
    expect((await user('worker-demo')).enterpriseId).toBeUndefined();
    const again = await env.call(
      'enterprise',
      'removeWorker',
      { id: personId('worker-demo', secret), reason: '已离职' },
      'manager-demo',
    );
    expect(again.error.code).toBe('NOT_FOUND');
    const [a] = await audits('enterprise.removeWorker');
    expect(a).toMatchObject({
      targetId: 'ENT-DEMO',
      detail: { personId: personId('worker-demo', secret), reason: '已离职' },
    });
  });
});
