// review8 (issue 8): findings of a review of rewards and personal information, as an attacker and as a CloudBase
// engineer. Each test failed before its fix.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { COLLECTION_NAMES } from '../collections';
import { REPORTER_IDENTITIES } from '../identity';
import { reporterKey } from '../ids';
import { eraseExpiredIdentities, PRIVACY_NOTICE } from '../privacy';
import { TIPOFFS } from '../tipoffs';
import { REWARDS, rewardIdFor } from './reward';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const db = () => env.runtime.db;
const keyOf = (openid: string) => reporterKey(openid, env.runtime.deps.reporterKeySecret);
const doc = async (collection: string, id: string) =>
  (await db().collection(collection).where({ _id: id }).get()).data[0] as Doc | undefined;
const act = (input: Record<string, unknown>) => env.call('queue', 'act', input, 'staff-CJ');

/** Files a report as `openid` and verifies it founded at 城建 (a general hazard: its reward opens at once). */
async function founded(openid: string, submit: Record<string, unknown> = {}) {
  const filed = ok(await env.call('tipoff', 'submit', validSubmission(submit), openid));
  ok(await act({ step: 'accept', id: filed.id }));
  ok(await act({ step: 'verify', id: filed.id, founded: true, note: '现场核实情况属实' }));
  return { id: filed.id as string, code: filed.trackingCode as string, rewardId: rewardIdFor(filed.id) };
}

/** Ends a report at `at` (its last timeline step and its last update). */
async function endAt(id: string, at: string, status = 'closed') {
  const t = await doc(TIPOFFS, id);
  await db()
    .collection(TIPOFFS)
    .doc(id)
    .update({
      data: { status, updatedAt: at, dueAt: null, timeline: [...t!.timeline, { at, from: 'rectified', to: status }] },
    });
}

describe('retention: reports whose identity is kept do not block the job', () => {
  it('old reports kept for an open reward (never marked) do not starve the erasable ones behind them', async () => {
    // Three old reports, each with a reward approved but never claimed (anonymous: not payable, kept, and —
    // unlike a paid one — not marked, so they match the job's query every hour), then one without a reward.
    const kept: string[] = [];
    for (const who of ['hol-a', 'hol-b', 'hol-c']) {
      const r = await founded(who);
      ok(
        await env.call(
          'reward',
          'decide',
          { reportId: r.id, approved: true, amount: 5000, basis: '及时发现隐患' },
          'admin-demo',
        ),
      );
      ok(await env.call('reward', 'approve', { rewardId: r.rewardId, approved: true }, 'leader-demo'));
      await endAt(r.id, '2025-01-01T10:00:00+08:00');
      kept.push(r.id);
    }
    const filed = ok(await env.call('tipoff', 'submit', validSubmission(), 'hol-d'));
    await endAt(filed.id, '2025-06-01T10:00:00+08:00');

    env.clock.now = new Date('2029-12-01T10:00:00+08:00');
    // A cap of 2 stands for RETENTION_BATCH (100): more kept reports than one batch.
    const first = await eraseExpiredIdentities(env.runtime.deps, 2);
    expect(first.erased).toBe(1);
    expect(await doc(REPORTER_IDENTITIES, filed.id)).toBeUndefined();
    for (const id of kept) expect(await doc(REPORTER_IDENTITIES, id)).toBeDefined();
  });
});

describe('user.deleteMe leaves no identity of the person behind', () => {
  it("drops the sealed claim (name and phone) on the person's own anonymous report whose reward is undecided", async () => {
    const r = await founded('gone-a');
    ok(await env.call('reward', 'claim', { trackingCode: r.code, name: '张三', phone: '13900139000' }, 'gone-a'));
    expect((await doc(REWARDS, r.rewardId))?.claim).toBeDefined();
    ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'gone-a'));
    const reward = await doc(REWARDS, r.rewardId);
    expect(reward?.claim).toBeUndefined();
    // Still a reward: whoever holds the 查询码 may claim it again.
    expect(ok(await env.call('reward', 'byCode', { trackingCode: r.code }, 'someone'))).toMatchObject({
      claimed: false,
      claimable: true,
    });
  });

  it('keeps the claim of a reward already approved (the payment record)', async () => {
    const r = await founded('gone-b');
    ok(
      await env.call(
        'reward',
        'decide',
        { reportId: r.id, approved: true, amount: 5000, basis: '及时发现隐患' },
        'admin-demo',
      ),
    );
    ok(await env.call('reward', 'approve', { rewardId: r.rewardId, approved: true }, 'leader-demo'));
    ok(await env.call('reward', 'claim', { trackingCode: r.code, name: '张三', phone: '13900139000' }, 'gone-b'));
    ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'gone-b'));
    expect((await doc(REWARDS, r.rewardId))?.claim).toBeDefined();
  });

  it('no stored document names the openid afterwards (the rating of an anonymous report included)', async () => {
    const who = 'gone-openid-c';
    ok(await env.call('user', 'consent', { version: PRIVACY_NOTICE.seed.version }, who));
    const anon = ok(await env.call('tipoff', 'submit', validSubmission(), who));
    ok(
      await env.call(
        'tipoff',
        'submit',
        validSubmission({ anonymous: false, contact: { name: '王五', phone: '13700137000' } }),
        who,
      ),
    );
    const other = ok(await env.call('tipoff', 'submit', validSubmission(), 'neighbour'));
    ok(await env.call('tipoff', 'follow', { id: other.id }, who));
    ok(await env.call('tipoff', 'track', { trackingCode: anon.trackingCode }, who));
    await endAt(anon.id, '2026-11-29T10:00:00+08:00');
    // The anonymous report rated by its 查询码: the audit must not tie the openid to it.
    ok(await env.call('tipoff', 'rate', { trackingCode: anon.trackingCode, score: 5 }, who));
    const rated = (await db().collection(AUDITS).where({ action: 'tipoff.rate' }).get()).data as Doc[];
    expect(rated).toHaveLength(1);
    expect(JSON.stringify(rated)).not.toContain(who);
    expect(rated[0].actor).toBe(keyOf(who));

    ok(await env.call('user', 'deleteMe', { confirm: '删除' }, who));
    for (const name of COLLECTION_NAMES) {
      const { data } = await db().collection(name).where({}).limit(100).get();
      const hits = data.filter((d) => JSON.stringify(d).includes(who));
      expect({ name, hits }).toEqual({ name, hits: [] });
    }
  });
});

describe('never the reporter: nobody decides, approves or pays a reward of their own report or claim', () => {
  it('an officer (安委办 admin) who filed the report cannot decide its reward, anonymous or named', async () => {
    const r = await founded('admin-demo');
    const res = await env.call(
      'reward',
      'decide',
      { reportId: r.id, approved: true, amount: 50000, basis: '及时发现隐患' },
      'admin-demo',
    );
    expect(res.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await doc(REWARDS, r.rewardId))?.status).toBe('open');
  });

  it('a leader who filed the report cannot approve its reward', async () => {
    const r = await founded('leader-demo');
    ok(
      await env.call(
        'reward',
        'decide',
        { reportId: r.id, approved: true, amount: 50000, basis: '及时发现隐患' },
        'admin-demo',
      ),
    );
    const res = await env.call('reward', 'approve', { rewardId: r.rewardId, approved: true }, 'leader-demo');
    expect(res.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await doc(REWARDS, r.rewardId))?.status).toBe('decided');
  });

  it('an officer who claimed an anonymous reward with its 查询码 cannot decide or pay it; the decider or approver cannot claim it', async () => {
    const r = await founded('anon-r1');
    ok(await env.call('reward', 'claim', { trackingCode: r.code, name: '赵六', phone: '13600136000' }, 'admin-demo'));
    const decide = await env.call(
      'reward',
      'decide',
      { reportId: r.id, approved: true, amount: 50000, basis: '及时发现隐患' },
      'admin-demo',
    );
    expect(decide.error).toMatchObject({ code: 'FORBIDDEN' });

    const s = await founded('anon-r2');
    ok(
      await env.call(
        'reward',
        'decide',
        { reportId: s.id, approved: true, amount: 50000, basis: '及时发现隐患' },
        'admin-demo',
      ),
    );
    const byDecider = await env.call(
      'reward',
      'claim',
      { trackingCode: s.code, name: '赵六', phone: '13600136000' },
      'admin-demo',
    );
    expect(byDecider.error).toMatchObject({ code: 'FORBIDDEN' });
    ok(await env.call('reward', 'approve', { rewardId: s.rewardId, approved: true }, 'leader-demo'));
    const byApprover = await env.call(
      'reward',
      'claim',
      { trackingCode: s.code, name: '赵六', phone: '13600136000' },
      'leader-demo',
    );
    expect(byApprover.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await doc(REWARDS, s.rewardId))?.claim).toBeUndefined();
  });
});
