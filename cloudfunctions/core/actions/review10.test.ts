// Issue 10 attacker review: drills (other enterprises, workers, tokens across drills and states, check-in after the
// all-clear, races on start / all-clear / close, by-hand duplicates, bad numbers and invisible text) and the
// self-inspection / ledger (another industry's lines, closing without the department, another department, no
// openid in messages or answers, an inactive enterprise filing or being reminded).
/* eslint-disable @typescript-eslint/no-explicit-any -- the engine returns untyped documents and results */
import { openTestEnv, secondManager, type TestEnv } from '../../../local-engine/test-support';
import { drillSample } from '../../../local-engine/action-samples';
import { uploadScope } from '../../../types/user';
import { personId } from '../roles';
import { CHECKLISTS, checklistsFor } from '../checklists';
import { DRILL_CHECKINS, DRILLS } from '../drills/docs';
import { remindDuties } from '../duty-reminders';
import { ENTERPRISES } from '../enterprises';
import { enterpriseRecipient } from '../internal-reports';
import { LEDGER } from '../ledger';
import { MESSAGES } from '../messages';
import { AFTER_ALL_CLEAR } from './drill';

type Res = { ok: boolean; data?: any; error?: any };

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv({ start: '2026-11-28T10:00:00+08:00' });
});
afterEach(async () => {
  await env.runtime.mediaCheck.settled();
  env.close();
});

const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const call = (action: string, input: Record<string, unknown>, openid = 'manager-demo') =>
  env.call('drill', action, input, openid);
const HERE = { latitude: 31.33185, longitude: 121.4447, accuracy: 10 };
const plan = async (overrides: Record<string, unknown> = {}, openid = 'manager-demo') =>
  ok(await call('create', drillSample(overrides), openid)).id as string;
const token = async (drillId: string, openid = 'manager-demo') =>
  ok(await call('qr', { drillId }, openid)).token as string;
const checkin = (t: string, openid: string) => call('checkin', { token: t, ...HERE }, openid);
const count = async (drillId: string) =>
  (await env.runtime.db.collection(DRILL_CHECKINS).where({ drillId }).count()).total;
const ent = (action: string, input: Record<string, unknown>, openid = 'manager-demo') =>
  env.call('enterprise', action, input, openid);
const record = (photos: string[]) => ({
  problems: '无',
  improvements: '无',
  rating: 'good',
  evaluation: '疏散有序',
  photos,
});
const OPENIDS = ['manager-demo', 'worker-demo', 'resident-demo', 'admin-demo', 'manager-2', 'head-YJ', 'staff-YJ'];
const noOpenid = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const o of OPENIDS) expect([o, text.includes(o)]).toEqual([o, false]);
};

const otherManager = () => secondManager(env);

describe('drills: who', () => {
  it('a worker cannot ask for the QR, start, close or read the participants of their own enterprise’s drill', async () => {
    const id = await plan();
    for (const action of ['qr', 'start', 'allClear', 'participants']) {
      const res = await call(action, { drillId: id }, 'worker-demo');
      expect([action, res.error?.code]).toEqual([action, 'FORBIDDEN']);
    }
    const photo = await env.upload('worker-demo', uploadScope.drill(id));
    expect((await call('close', { drillId: id, record: record([photo]) }, 'worker-demo')).error.code).toBe('FORBIDDEN');
  });

  it('another enterprise’s manager cannot close, export, or read the participants of a closed drill', async () => {
    const id = await plan();
    ok(await call('start', { drillId: id }));
    ok(await call('allClear', { drillId: id }));
    const other = await otherManager();
    const stolen = await env.upload(other, uploadScope.drill(id));
    expect((await call('close', { drillId: id, record: record([stolen]) }, other)).error.code).toBe('FORBIDDEN');
    const photo = await env.upload('manager-demo', uploadScope.drill(id));
    ok(await call('close', { drillId: id, record: record([photo]) }));
    expect((await env.call('drillio', 'exportRecord', { drillId: id }, other)).error.code).toBe('FORBIDDEN');
    expect((await env.call('drillio', 'exportRecord', { drillId: id }, 'worker-demo')).error.code).toBe('FORBIDDEN');
    expect((await call('participants', { drillId: id }, other)).error.code).toBe('FORBIDDEN');
    expect((await call('detail', { drillId: id }, other)).error.code).toBe('NOT_FOUND');
    expect((await env.call('drillio', 'exportRecord', { drillId: id }, 'manager-demo')).ok).toBe(true);
  });
});

describe('drills: tokens', () => {
  it('a token of drill A never checks in to drill B (the id is inside the signed text)', async () => {
    const a = await plan();
    const b = await plan({ title: '二号车间疏散演练' });
    const ta = await token(a);
    const tb = await token(b);
    // Drill B's id with drill A's stamp and signature, and the other way round.
    const [, , issuedA, sigA] = ta.split('.');
    const [, , issuedB, sigB] = tb.split('.');
    for (const bad of [`mhd1.${b}.${issuedA}.${sigA}`, `mhd1.${a}.${issuedB}.${sigB}`]) {
      expect((await checkin(bad, 'worker-demo')).error.code).toBe('INVALID_INPUT');
    }
    ok(await checkin(ta, 'worker-demo'));
    expect(await count(a)).toBe(1);
    expect(await count(b)).toBe(0);
  });

  it('a live token of a closed drill is refused and writes nothing', async () => {
    const id = await plan();
    ok(await call('start', { drillId: id }));
    const t = await token(id);
    ok(await call('allClear', { drillId: id }));
    const photo = await env.upload('manager-demo', uploadScope.drill(id));
    ok(await call('close', { drillId: id, record: record([photo]) }));
    const res = await checkin(t, 'worker-demo');
    expect(res.error.code).toBe('CONFLICT');
    expect(res.error.message).toMatch(/已结束归档/);
    expect(await count(id)).toBe(0);
  });

  it('after the all-clear: a token still inside its 30 s is refused, no new QR, by hand still works', async () => {
    const id = await plan();
    ok(await call('start', { drillId: id }));
    const t = await token(id);
    env.clock.advance(5_000);
    const cleared = ok(await call('allClear', { drillId: id }, 'manager-demo'));
    expect(cleared.may.checkin).toBe(false);
    const late = await checkin(t, 'worker-demo');
    expect(late.error).toMatchObject({ code: 'CONFLICT', message: AFTER_ALL_CLEAR });
    expect(await count(id)).toBe(0);
    const qr = await call('qr', { drillId: id });
    expect(qr.error.code).toBe('CONFLICT');
    expect(qr.error.message).toMatch(/警报已解除/);
    expect(ok(await call('detail', { drillId: id }, 'worker-demo')).may.checkin).toBe(false);
    const added = ok(await call('addByHand', { drillId: id, name: '从业人员甲', note: '解除警报后补登' }));
    expect(added.checkedIn).toHaveLength(1);
  });
});

describe('drills: races', () => {
  it('start, all-clear and close each won by exactly one of ten parallel calls', async () => {
    const id = await plan();
    const starts = await Promise.all(Array.from({ length: 10 }, () => call('start', { drillId: id })));
    expect(starts.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(starts.filter((r) => !r.ok).map((r) => r.error.code))).toEqual(new Set(['CONFLICT']));
    env.clock.advance(60_000);
    const clears = await Promise.all(Array.from({ length: 10 }, () => call('allClear', { drillId: id })));
    expect(clears.filter((r) => r.ok)).toHaveLength(1);
    const photo = await env.upload('manager-demo', uploadScope.drill(id));
    const closes = await Promise.all(
      Array.from({ length: 10 }, () => call('close', { drillId: id, record: record([photo]) })),
    );
    expect(closes.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(closes.filter((r) => !r.ok).map((r) => r.error.code))).toEqual(new Set(['CONFLICT']));
    const audits = (await env.runtime.db.collection('audits').where({ targetId: id }).limit(100).get()).data as any[];
    expect(audits.map((a) => a.action).sort()).toEqual([
      'drill.allClear',
      'drill.close',
      'drill.create',
      'drill.start',
    ]);
    const drill = (await env.runtime.db.collection(DRILLS).doc(id).get()).data as any;
    expect(drill).toMatchObject({ status: 'closed', evacuationSeconds: 60 });
  });

  it('all-clear before the start, and close before the all-clear, are refused', async () => {
    const id = await plan();
    expect((await call('allClear', { drillId: id })).error.code).toBe('CONFLICT');
    ok(await call('start', { drillId: id }));
    const photo = await env.upload('manager-demo', uploadScope.drill(id));
    expect((await call('close', { drillId: id, record: record([photo]) })).error.code).toBe('CONFLICT');
  });
});

describe('drills: a large town drill', () => {
  it('the closed headcount counts every check-in, past the 5000 the participant list reads', async () => {
    const id = await plan({ audience: 'open', expectedCount: 8000, title: '全镇疏散演练' }, 'admin-demo');
    const docs = Array.from({ length: 5003 }, (_, i) => ({
      _id: `${id}_p${String(i).padStart(5, '0')}`,
      drillId: id,
      person: `p${i}`,
      name: `居民${i}`,
      at: '2026-11-28T10:00:00+08:00',
      byHand: false,
      expected: false,
      distanceM: 5,
    }));
    env.runtime.db.bulkInsert(DRILL_CHECKINS, docs);
    ok(await call('start', { drillId: id }, 'admin-demo'));
    ok(await call('allClear', { drillId: id }, 'admin-demo'));
    const photo = await env.upload('admin-demo', uploadScope.drill(id));
    const closed = ok(await call('close', { drillId: id, record: record([photo]) }, 'admin-demo'));
    expect(closed.record).toMatchObject({ headcount: 5003, expectedCount: 8000 });
  });
});

describe('drills: by hand', () => {
  it('the same name twice (once with invisible characters) is one entry; a member of another enterprise is refused', async () => {
    const id = await plan();
    ok(await call('addByHand', { drillId: id, name: '张师傅' }));
    const twin = await call('addByHand', { drillId: id, name: '张\u200b师\u2060傅\ufeff' });
    expect(twin.error.code).toBe('CONFLICT');
    const other = await otherManager();
    // The other enterprise's manager, as a member id (the planner is not on their own drill's 未到 list).
    const them = personId(other, env.runtime.deps.reporterKeySecret);
    expect((await call('addByHand', { drillId: id, name: '超市店长', memberId: them })).error.code).toBe('NOT_FOUND');
    expect(await count(id)).toBe(1);
  });

  it('not before the check-in opens (15 minutes ahead of the start); still after the planned end until the close', async () => {
    const id = await plan({ startAt: '2026-11-28T10:20:00+08:00', endAt: '2026-11-28T11:00:00+08:00' });
    const early = await call('addByHand', { drillId: id, name: '张师傅' });
    expect(early.error).toMatchObject({ code: 'FORBIDDEN', message: '还没到手工登记时间：11月28日 10:05 起可以登记' });
    expect(await count(id)).toBe(0);
    env.clock.advance(5 * 60_000);
    ok(await call('addByHand', { drillId: id, name: '张师傅' }));
    ok(await call('start', { drillId: id }));
    ok(await call('allClear', { drillId: id }));
    env.clock.advance(60 * 60_000);
    ok(await call('addByHand', { drillId: id, name: '李师傅' }));
    expect(await count(id)).toBe(2);
  });

  it('a worker added by hand cannot then also check in with the phone', async () => {
    const id = await plan();
    const workerId = ok(await call('participants', { drillId: id })).missing.find(
      (p: any) => p.name === '从业人员（演示）',
    ).id;
    ok(await call('addByHand', { drillId: id, name: '从业人员', memberId: workerId }));
    const res = await checkin(await token(id), 'worker-demo');
    expect(res.error.code).toBe('CONFLICT');
    expect(await count(id)).toBe(1);
  });
});

describe('drills: bad numbers and text write nothing', () => {
  const BAD_CHECKINS: Record<string, unknown>[] = [
    { latitude: Number.NaN },
    { latitude: Number.POSITIVE_INFINITY },
    { latitude: 1e308 },
    { longitude: -181 },
    { accuracy: -1 },
    { accuracy: Number.NaN },
    { accuracy: 1e9 },
    { name: '\u200b\u200c\u200d\ufeff' },
    { token: 'x'.repeat(10_000) },
  ];
  it('check-in', async () => {
    const id = await plan();
    const t = await token(id);
    const before = await env.digest({ except: ['rateLimits'] });
    for (const bad of BAD_CHECKINS) {
      const res = await call('checkin', { token: t, ...HERE, ...bad }, 'resident-demo');
      expect([Object.keys(bad)[0], res.error?.code]).toEqual([Object.keys(bad)[0], 'INVALID_INPUT']);
    }
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });

  it('create, addByHand, close', async () => {
    const id = await plan();
    ok(await call('start', { drillId: id }));
    ok(await call('allClear', { drillId: id }));
    const before = await env.digest({ except: ['rateLimits'] });
    const creates: Record<string, unknown>[] = [
      { radiusM: -5 },
      { radiusM: 1e9 },
      { radiusM: Number.NaN },
      { expectedCount: -1 },
      { expectedCount: 1.5 },
      { title: '\u200b\u200b\u200b\u200b' },
      { commander: '\u2060\u2060' },
      { startAt: 'not a date' },
    ];
    for (const bad of creates) {
      const res = await call('create', drillSample(bad));
      expect([bad, res.error?.code]).toEqual([bad, 'INVALID_INPUT']);
    }
    expect((await call('addByHand', { drillId: id, name: '\u200b\u200b' })).error.code).toBe('INVALID_INPUT');
    const many = Array.from({ length: 1000 }, (_, i) => `cloud://x/${i}`);
    expect((await call('close', { drillId: id, record: record(many) })).error.code).toBe('INVALID_INPUT');
    expect((await call('close', { drillId: id, record: record([]) })).error.code).toBe('INVALID_INPUT');
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });
});

describe('self-inspection and the ledger', () => {
  const LINES = checklistsFor(CHECKLISTS.seed, 'trade-dust').flatMap((l) => l.items);
  const MAJOR = LINES.find((i) => i.major)!;
  beforeEach(async () => {
    await env.runtime.db
      .collection(ENTERPRISES)
      .doc('ENT-DEMO')
      .update({ data: { status: 'active', industry: 'trade-dust', highRisk: true } });
  });
  let seq = 0;
  async function form(failId?: string, extra: { id: string; result: 'ok' }[] = []) {
    const requestId = `rv10-form-${++seq}`;
    const items: any[] = [];
    for (const line of LINES) {
      if (line.id === failId) {
        const photo = await env.upload('manager-demo', uploadScope.inspect(requestId));
        items.push({ id: line.id, result: 'fail', note: '现场不符合', photos: [photo] });
      } else items.push({ id: line.id, result: 'ok' });
    }
    return { requestId, version: 1, leaderName: '王安全', items: [...items, ...extra] };
  }

  it('a line from another industry’s list is refused and nothing is filed', async () => {
    const own = new Set(LINES.map((l) => l.id));
    const foreign = CHECKLISTS.seed.checklists.flatMap((l) => l.items).find((i) => !own.has(i.id))!;
    expect(foreign).toBeDefined();
    const input = await form(undefined, [{ id: foreign.id, result: 'ok' }]);
    const before = await env.digest({ except: ['rateLimits'] });
    const res = await ent('selfInspect', input);
    expect(res.error.code).toBe('INVALID_INPUT');
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });

  it('1000 items, and a note of invisible characters on a 不符合, are INVALID_INPUT', async () => {
    const f = await form();
    const many = { ...f, items: Array.from({ length: 1000 }, (_, i) => ({ id: `x${i}`, result: 'ok' })) };
    expect((await ent('selfInspect', many)).error.code).toBe('INVALID_INPUT');
    const g = await form(MAJOR.id);
    g.items = g.items.map((i: any) => (i.id === MAJOR.id ? { ...i, note: '\u200b\u200b\u200b' } : i));
    expect((await ent('selfInspect', g)).error.code).toBe('INVALID_INPUT');
  });

  it('the enterprise cannot close its own entry; another department can neither close nor send it back', async () => {
    const filed = ok(await ent('selfInspect', await form(MAJOR.id)));
    const id = filed.ledgerIds[0] as string;
    const entry = (await env.runtime.db.collection(LEDGER).doc(id).get()).data as any;
    expect(entry.departmentId).toBe('YJ');
    // The enterprise's manager has no department: admin.ledgerProgress is not theirs.
    const photo = await env.upload('manager-demo', uploadScope.ledger(id));
    const self = await env.call(
      'admin',
      'ledgerProgress',
      { id, note: '已整改完成，防爆电机已更换合格', close: true, evidence: [photo] },
      'manager-demo',
    );
    expect(self.error.code).toBe('FORBIDDEN');
    // Its own path only asks for the 销号 (rectified), never closes.
    const asked = ok(await ent('ledgerProgress', { id, note: '已整改完成', done: true, evidence: [photo] }));
    expect(asked.status).toBe('rectified');
    // Another department (城建) neither closes nor sends back.
    const cjPhoto = await env.upload('head-CJ', uploadScope.ledger(id));
    const close = await env.call(
      'admin',
      'ledgerProgress',
      { id, note: '现场复查，防爆电机已更换合格', close: true, evidence: [cjPhoto] },
      'head-CJ',
    );
    expect(close.error.code).toBe('FORBIDDEN');
    expect((await env.call('admin', 'ledgerProgress', { id, note: '退回' }, 'staff-CJ')).error.code).toBe('FORBIDDEN');
    // The department's staff (not head) may not close either.
    const staffPhoto = await env.upload('staff-YJ', uploadScope.ledger(id));
    const staff = await env.call(
      'admin',
      'ledgerProgress',
      { id, note: '现场复查，防爆电机已更换合格', close: true, evidence: [staffPhoto] },
      'staff-YJ',
    );
    expect(staff.error.code).toBe('FORBIDDEN');
    const now = (await env.runtime.db.collection(LEDGER).doc(id).get()).data as any;
    expect(now.status).toBe('rectified');
  });

  it('no openid in the messages the managers get, nor in any answer about the inspection or the ledger', async () => {
    const filed = ok(await ent('selfInspect', await form(MAJOR.id)));
    const id = filed.ledgerIds[0] as string;
    const photo = await env.upload('manager-demo', uploadScope.ledger(id));
    ok(await ent('ledgerProgress', { id, note: '已整改完成', done: true, evidence: [photo] }));
    const head = await env.upload('head-YJ', uploadScope.ledger(id));
    const closed = ok(
      await env.call(
        'admin',
        'ledgerProgress',
        { id, note: '现场复查，防爆电机已更换合格', close: true, evidence: [head] },
        'head-YJ',
      ),
    );
    const msgs = (
      await env.runtime.db
        .collection(MESSAGES)
        .where({ recipient: enterpriseRecipient('ENT-DEMO') })
        .get()
    ).data;
    expect(msgs.length).toBeGreaterThanOrEqual(2);
    noOpenid([
      msgs,
      filed,
      closed,
      ok(await env.call('user', 'messages', {}, 'manager-demo')),
      ok(await ent('inspections', { page: 1, pageSize: 20 })),
      ok(await ent('inspection', { id: filed.id })),
      ok(await ent('ledger', { page: 1, pageSize: 20 })),
      ok(await env.call('admin', 'ledger', { page: 1, pageSize: 20 }, 'head-YJ')),
      ok(await ent('duties', {})),
    ]);
  });

  it('an enterprise that is no longer active neither files nor is reminded', async () => {
    await env.runtime.db
      .collection(ENTERPRISES)
      .doc('ENT-DEMO')
      .update({ data: { status: 'closed' } });
    const input = await form(MAJOR.id);
    const before = await env.digest({ except: ['rateLimits'] });
    const res = await ent('selfInspect', input);
    expect(res.error.code).toBe('CONFLICT');
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
    await remindDuties(env.runtime.deps);
    const told = (
      await env.runtime.db
        .collection(MESSAGES)
        .where({ recipient: enterpriseRecipient('ENT-DEMO') })
        .get()
    ).data;
    expect(told).toEqual([]);
    // Active again, it is reminded (the refusal above was the status, not an empty run).
    await env.runtime.db
      .collection(ENTERPRISES)
      .doc('ENT-DEMO')
      .update({ data: { status: 'active' } });
    expect(await remindDuties(env.runtime.deps)).toBeGreaterThan(0);
  });
});
