// Issue 10: drills — planning, the rotating token, check-in refusals (replayed, forged, second, 5 km away,
// outside the window), who may run a drill, the order start → all-clear → close, and the closed record.
import { openTestEnv, secondManager, type TestEnv } from '../../../local-engine/test-support';
import { drillSample } from '../../../local-engine/action-samples';
import { uploadScope } from '../../../types/user';
import { TOKEN_LIFE_SECONDS } from '../../../types/drill';
import { DRILL_CHECKINS, DRILLS } from '../drills/docs';
import { signToken } from '../drills/token';
import { ENTERPRISES } from '../enterprises';

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const call = (action: string, input: Record<string, unknown>, openid = 'manager-demo') =>
  env.call('drill', action, input, openid);
/** At the assembly point of drillSample(), a few metres off. */
const HERE = { latitude: 31.33185, longitude: 121.4447, accuracy: 10 };

async function plan(overrides: Record<string, unknown> = {}, openid = 'manager-demo'): Promise<string> {
  return ok(await call('create', drillSample(overrides), openid)).id as string;
}
async function token(drillId: string, openid = 'manager-demo'): Promise<string> {
  return ok(await call('qr', { drillId }, openid)).token as string;
}
const checkin = (t: string, openid: string, at = HERE) => call('checkin', { token: t, ...at }, openid);
const count = async (drillId: string) =>
  (await env.runtime.db.collection(DRILL_CHECKINS).where({ drillId }).count()).total;

const otherManager = () => secondManager(env);

describe('check-in', () => {
  it('accepts a worker with the current token at the spot, once; a second check-in is refused', async () => {
    const id = await plan();
    const t = await token(id);
    const first = ok(await checkin(t, 'worker-demo'));
    expect(first).toMatchObject({ drillId: id, title: '一号车间疏散演练' });
    expect(first.distanceM).toBeLessThan(20);
    const again = await checkin(await token(id), 'worker-demo');
    expect(again.error).toMatchObject({ code: 'CONFLICT' });
    expect(again.error.message).toMatch(/您已签到/);
    expect(await count(id)).toBe(1);
    const detail = ok(await call('detail', { drillId: id }, 'worker-demo'));
    expect(detail).toMatchObject({ checkedIn: 1, may: { manage: false, checkin: false } });
    expect(detail.myCheckinAt).toBe('2026-11-28T10:00:00+08:00');
    // The drill document itself is never written by a check-in (no hot counter).
    const { data } = await env.runtime.db.collection(DRILLS).where({ _id: id }).get();
    expect(Object.keys(data[0])).not.toContain('checkedIn');
  });

  it('accepts a token exactly TOKEN_LIFE_SECONDS old and refuses it one second later as EXPIRED (a replay)', async () => {
    const id = await plan();
    const t = await token(id);
    env.clock.advance(TOKEN_LIFE_SECONDS * 1000);
    ok(await checkin(t, 'worker-demo'));
    env.clock.advance(1000);
    const replay = await checkin(t, 'resident-demo');
    expect(replay.error).toMatchObject({ code: 'EXPIRED' });
    expect(replay.error.message).toMatch(/已过期/);
    expect(await count(id)).toBe(1);
  });

  it('refuses forged, malformed and other-secret tokens as INVALID_INPUT and writes nothing', async () => {
    const id = await plan();
    const t = await token(id);
    const sig = t.split('.')[3];
    const flipped = t.slice(0, -sig.length) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const otherDrill = t.replace(id, 'dr000000000000000000000000');
    const otherSecret = signToken(id, env.clock.now, 'not-the-server-secret').token;
    const before = await env.digest({ except: ['rateLimits'] });
    for (const bad of [flipped, otherDrill, otherSecret, 'hello', `mhd1.${id}.abc.${sig}`]) {
      const res = await checkin(bad, 'worker-demo');
      expect([bad, res.error?.code]).toEqual([bad, 'INVALID_INPUT']);
      expect(res.error.message).toMatch(/二维码/);
    }
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });

  it('refuses a check-in from 5 km away, and a fix too imprecise, saying how far / why', async () => {
    const id = await plan();
    const t = await token(id);
    // 0.045° of latitude ≈ 5.0 km north.
    const far = await checkin(t, 'worker-demo', { latitude: 31.3318 + 0.045, longitude: 121.4447, accuracy: 10 });
    expect(far.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(far.error.message).toMatch(/约 5\.0 公里.*须在 110 米内/);
    const blurry = await checkin(t, 'worker-demo', { ...HERE, accuracy: 500 });
    expect(blurry.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(blurry.error.message).toMatch(/定位不够准确/);
    expect(await count(id)).toBe(0);
  });

  it('refuses outside the window: before 15 minutes ahead of the start, and after the end', async () => {
    const id = await plan({ startAt: '2026-11-28T10:20:00+08:00', endAt: '2026-11-28T11:00:00+08:00' });
    // 10:00 is 20 minutes early: no QR for the manager, and a token made by the server is refused too.
    const qr = await call('qr', { drillId: id });
    expect(qr.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(qr.error.message).toMatch(/10:05/);
    const early = await checkin(signToken(id, env.clock.now, env.runtime.deps.reporterKeySecret).token, 'worker-demo');
    expect(early.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(early.error.message).toMatch(/还没到签到时间.*10:05/);
    // 10:05 exactly: open.
    env.clock.advance(5 * 60_000);
    ok(await checkin(await token(id), 'worker-demo'));
    // 11:00:01: over.
    env.clock.now = new Date('2026-11-28T11:00:01+08:00');
    const late = await checkin(signToken(id, env.clock.now, env.runtime.deps.reporterKeySecret).token, 'resident-demo');
    expect(late.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(late.error.message).toMatch(/签到时间已过/);
    expect((await call('qr', { drillId: id })).error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('50 parallel check-ins of one person make exactly one', async () => {
    const id = await plan();
    const t = await token(id);
    const results = await Promise.all(Array.from({ length: 50 }, () => checkin(t, 'worker-demo')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect([...new Set(refused.map((r) => `${r.error.code} ${r.error.message}`))]).toEqual([
      'CONFLICT 您已签到（11月28日 10:00），无需重复签到',
    ]);
    expect(await count(id)).toBe(1);
  });

  it('lets a person of another enterprise check in to a workers drill, marked not expected; refuses a cancelled drill', async () => {
    const id = await plan();
    const t = await token(id);
    ok(await checkin(t, 'resident-demo'));
    ok(await checkin(t, 'worker-demo'));
    const list = ok(await call('participants', { drillId: id }));
    const byExpected = Object.fromEntries(list.checkedIn.map((p: any) => [p.name, p.expected])); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(byExpected).toEqual({ '居民（演示）': false, '从业人员（演示）': true });
    const other = await plan({ title: '二号车间疏散演练' });
    const t2 = await token(other);
    ok(await call('cancel', { drillId: other, reason: '设备检修改期' }));
    const res = await checkin(t2, 'worker-demo');
    expect(res.error).toMatchObject({ code: 'CONFLICT' });
    expect(res.error.message).toMatch(/已取消/);
  });

  it('is rate-limited per person (refusals count)', async () => {
    for (let i = 0; i < 60; i++) expect((await checkin('hello', 'resident-demo')).error.code).toBe('INVALID_INPUT');
    const res = await checkin('hello', 'resident-demo');
    expect(res.error).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('who runs a drill', () => {
  it('refuses a worker planning, another enterprise’s manager and 安委办 running an enterprise drill', async () => {
    const id = await plan();
    expect((await call('create', drillSample(), 'worker-demo')).error).toMatchObject({ code: 'FORBIDDEN' });
    const other = await otherManager();
    for (const action of ['qr', 'start', 'allClear', 'participants']) {
      const res = await call(action, { drillId: id }, other);
      expect([action, res.error?.code]).toEqual([action, 'FORBIDDEN']);
    }
    expect((await call('cancel', { drillId: id, reason: '不想办了' }, other)).error).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await call('addByHand', { drillId: id, name: '张三' }, other)).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('qr', { drillId: id }, 'admin-demo')).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('participants', { drillId: id }, 'resident-demo')).error).toMatchObject({ code: 'FORBIDDEN' });
    // Another enterprise's manager does not see it in their list, nor its detail.
    expect(ok(await call('list', { scope: 'manage', page: 1, pageSize: 20 }, other)).total).toBe(0);
    expect((await call('detail', { drillId: id }, other)).error).toMatchObject({ code: 'NOT_FOUND' });
    // Leaders read.
    expect(ok(await call('participants', { drillId: id }, 'leader-demo')).checkedIn).toEqual([]);
    expect(ok(await call('list', { scope: 'all', page: 1, pageSize: 20 }, 'leader-demo')).total).toBe(1);
  });

  it('安委办 plans open town drills only; residents see them to join and check in', async () => {
    expect((await call('create', drillSample(), 'admin-demo')).error).toMatchObject({ code: 'FORBIDDEN' });
    const id = await plan({ audience: 'open', expectedCount: 300, title: '共康五村居民疏散演练' }, 'admin-demo');
    const joinable = ok(await call('list', { scope: 'join', page: 1, pageSize: 20 }, 'resident-demo'));
    expect(joinable.items.map((d: any) => [d.id, d.organizer])).toEqual([[id, '镇安委办']]); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect((await call('qr', { drillId: id }, 'manager-demo')).error).toMatchObject({ code: 'FORBIDDEN' });
    const t = await token(id, 'admin-demo');
    ok(await call('checkin', { token: t, ...HERE, name: '居民甲' }, 'resident-demo'));
    const detail = ok(await call('detail', { drillId: id }, 'resident-demo'));
    expect(detail).toMatchObject({ checkedIn: 1, expectedCount: 300, may: { manage: false } });
    expect(ok(await call('detail', { drillId: id }, 'admin-demo')).may.manage).toBe(true);
  });
});

describe('start, all-clear, close', () => {
  const record = (photos: string[]) => ({
    problems: '二楼东侧安全出口指示灯不亮',
    improvements: '更换指示灯，每月检查一次',
    rating: 'good',
    evaluation: '疏散有序，用时符合要求',
    photos,
  });

  it('goes in order, computes the evacuation time, and closes only after the all-clear', async () => {
    const id = await plan();
    const photo = await env.upload('manager-demo', uploadScope.drill(id));
    expect((await call('allClear', { drillId: id })).error).toMatchObject({ code: 'CONFLICT' });
    const early = await call('close', { drillId: id, record: record([photo]) });
    expect(early.error).toMatchObject({ code: 'CONFLICT' });
    expect(early.error.message).toMatch(/解除警报/);
    const started = ok(await call('start', { drillId: id }));
    expect(started).toMatchObject({ status: 'started', startedAt: '2026-11-28T10:00:00+08:00' });
    expect((await call('cancel', { drillId: id, reason: '临时取消' })).error).toMatchObject({ code: 'CONFLICT' });
    expect((await call('start', { drillId: id })).error).toMatchObject({ code: 'CONFLICT' });
    expect((await call('close', { drillId: id, record: record([photo]) })).error).toMatchObject({ code: 'CONFLICT' });
    env.clock.advance(185_000);
    const clear = ok(await call('allClear', { drillId: id }));
    expect(clear).toMatchObject({ status: 'allClear', evacuationSeconds: 185 });
    // Photos: only the manager's own upload into this drill's folder.
    const otherFolder = await env.upload('manager-demo', uploadScope.drill('another-drill'));
    const stranger = await env.upload('worker-demo', uploadScope.drill(id));
    for (const bad of [otherFolder, stranger]) {
      expect((await call('close', { drillId: id, record: record([bad]) })).error).toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    const closed = ok(await call('close', { drillId: id, record: record([photo]) }));
    expect(closed.status).toBe('closed');
    expect(closed.record.photoUrls).toHaveLength(1);
    expect((await call('close', { drillId: id, record: record([photo]) })).error).toMatchObject({ code: 'CONFLICT' });
    expect((await call('qr', { drillId: id })).error).toMatchObject({ code: 'CONFLICT' });
  });

  it('records headcount, by-hand entries and the missing bound workers, and marks the drill duty done', async () => {
    const id = await plan();
    const t = await token(id);
    ok(await checkin(t, 'worker-demo'));
    ok(await checkin(t, 'resident-demo'));
    const added = ok(await call('addByHand', { drillId: id, name: '张师傅', note: '未带手机' }));
    expect(added.checkedIn.find((p: any) => p.name === '张师傅')).toMatchObject({ byHand: true, expected: false }); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect((await call('addByHand', { drillId: id, name: '张师傅', note: '未带手机' })).error).toMatchObject({
      code: 'CONFLICT',
    });
    // A bound worker added by hand after scanning is the same person: refused.
    const list = ok(await call('participants', { drillId: id }));
    const workerId = list.checkedIn.find((p: any) => p.name === '从业人员（演示）').id; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect((await call('addByHand', { drillId: id, name: '从业人员', memberId: workerId })).error).toMatchObject({
      code: 'CONFLICT',
    });
    // The planner (manager-demo) runs the drill at the assembly point: not expected, never 未到. The worker
    // checked in. So nobody bound is missing, and the expected count is the worker alone.
    expect(list.missing).toEqual([]);
    expect(list.expectedCount).toBe(1);
    ok(await call('start', { drillId: id }));
    env.clock.advance(90_000);
    ok(await call('allClear', { drillId: id }));
    const photo = await env.upload('manager-demo', uploadScope.drill(id));
    const closed = ok(
      await call('close', {
        drillId: id,
        record: {
          problems: '无',
          improvements: '无',
          rating: 'excellent',
          evaluation: '全员按时到达',
          photos: [photo],
        },
      }),
    );
    expect(closed.record).toMatchObject({
      headcount: 3,
      byHand: 1,
      expectedCount: list.expectedCount,
      missing: list.missing.map((p: any) => p.name), // eslint-disable-line @typescript-eslint/no-explicit-any
      ratingLabel: '优秀',
      closedBy: '企业安全管理人员（演示）',
    });
    expect(closed.evacuationSeconds).toBe(90);
    const { data } = await env.runtime.db.collection(ENTERPRISES).where({ _id: 'ENT-DEMO' }).get();
    // ENT-DEMO is high-risk: the next drill is due in 6 months.
    expect(data[0]).toMatchObject({ drillLastOn: '2026-11-28', drillDueOn: '2027-05-28' });
    // No openid in anything the manager reads.
    const text = JSON.stringify([closed, ok(await call('participants', { drillId: id }))]);
    for (const openid of ['worker-demo', 'manager-demo', 'resident-demo']) expect(text).not.toContain(openid);
  });
});
