// Issue 8, second slice: an anonymous reward seen and claimed with its 查询码 (the first claim binds), paid
// only once claimed; the officer's audited identity read and the leader's list of those reads.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { coverage, type ObservedQuery } from '../../../scripts/index-coverage';
import { AUDITS } from '../audit';
import { openJson } from '../identity';
import { reporterKey } from '../ids';
import { GEO_INDEXES, INDEXES } from '../indexes';
import { MESSAGES } from '../messages';
import { claimAad, IDENTITY_READS, REWARDS, rewardIdFor } from './reward';

let env: TestEnv;
const queries = new Map<string, ObservedQuery>();
beforeEach(async () => {
  env = await openTestEnv({
    onQuery: (q) => queries.set(JSON.stringify([q.collection, q.op, q.where, q.orderBy]), q),
  });
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const act = (input: Record<string, unknown>) => env.call('queue', 'act', input, 'staff-CJ');
const NAMED = { anonymous: false, contact: { name: '李四', phone: '13800138000' } };
const NO_REWARD = '查询码不正确，或该举报暂无奖励信息';

/** Files a report as `openid` and verifies it founded at 城建; returns its id and 查询码. */
async function founded(openid: string, submit: Record<string, unknown> = {}, verify: Record<string, unknown> = {}) {
  const filed = ok(await env.call('tipoff', 'submit', validSubmission(submit), openid));
  ok(await act({ step: 'accept', id: filed.id }));
  ok(await act({ step: 'verify', id: filed.id, founded: true, note: '现场核实情况属实', ...verify }));
  return { id: filed.id as string, code: filed.trackingCode as string, rewardId: rewardIdFor(filed.id) };
}
/** …and its reward decided (¥50) and, unless `approve` is false, approved. */
async function approved(openid: string, submit: Record<string, unknown> = {}, approve = true) {
  const r = await founded(openid, submit);
  ok(
    await env.call(
      'reward',
      'decide',
      { reportId: r.id, approved: true, amount: 5000, basis: '及时发现燃气隐患' },
      'admin-demo',
    ),
  );
  if (approve) ok(await env.call('reward', 'approve', { rewardId: r.rewardId, approved: true }, 'leader-demo'));
  return r;
}
const rewardDoc = async (rewardId: string) =>
  (await env.runtime.db.collection(REWARDS).where({ _id: rewardId }).get()).data[0] as Doc;
const all = async (collection: string, where: Record<string, unknown> = {}) =>
  (await env.runtime.db.collection(collection).where(where).get()).data as Doc[];
const claim = (code: string, openid = 'claimer', name = '张三', phone = '13900139000') =>
  env.call('reward', 'claim', { trackingCode: code, name, phone }, openid);
const identity = (rewardId: string, openid = 'admin-demo', reason = '核对领奖人身份以便发放') =>
  env.call('reward', 'identity', { rewardId, reason }, openid);
const key = (openid: string) => reporterKey(openid, env.runtime.deps.reporterKeySecret);

describe('reward.byCode: the decision behind a 查询码', () => {
  it('shows the status, the amount once approved, and whether it can be claimed', async () => {
    const r = await founded('anon-a');
    expect(ok(await env.call('reward', 'byCode', { trackingCode: r.code }, 'anyone'))).toEqual({
      id: r.rewardId,
      tipoffNo: expect.stringMatching(/^MX-2026-/),
      status: 'open',
      statusLabel: '待核定',
      amountFen: null,
      note: expect.stringContaining('已进入奖励核定'),
      updatedAt: expect.any(String),
      anonymous: true,
      claimed: false,
      claimable: true,
    });
    ok(
      await env.call(
        'reward',
        'decide',
        { reportId: r.id, approved: true, amount: 8000, basis: '及时发现燃气隐患' },
        'admin-demo',
      ),
    );
    // Decided but not approved: the amount may still change.
    expect(ok(await env.call('reward', 'byCode', { trackingCode: r.code }))).toMatchObject({
      status: 'decided',
      amountFen: null,
    });
    ok(await env.call('reward', 'approve', { rewardId: r.rewardId, approved: true }, 'leader-demo'));
    // The code is read as typed by hand: lower case, spaces around.
    expect(ok(await env.call('reward', 'byCode', { trackingCode: ` ${r.code.toLowerCase()} ` }))).toMatchObject({
      status: 'approved',
      amountFen: 8000,
      claimable: true,
    });
  });

  it('an unknown code and a report without a reward case give the same answer', async () => {
    const { trackingCode } = ok(await env.call('tipoff', 'submit', validSubmission(), 'anon-b'));
    const unknown = await env.call('reward', 'byCode', { trackingCode: 'AAAAAAAAAA' });
    const noCase = await env.call('reward', 'byCode', { trackingCode });
    expect(unknown.error).toEqual({ code: 'NOT_FOUND', message: NO_REWARD });
    expect(noCase.error).toEqual(unknown.error);
    expect((await claim('AAAAAAAAAA')).error).toEqual(unknown.error);
    expect((await claim(trackingCode)).error).toEqual(unknown.error);
  });

  it('a named or refused case is not claimable', async () => {
    const named = await founded('named-a', NAMED);
    expect(ok(await env.call('reward', 'byCode', { trackingCode: named.code }))).toMatchObject({
      anonymous: false,
      claimable: false,
    });
    const refused = await founded('anon-c', {}, { alreadyKnown: true });
    expect(ok(await env.call('reward', 'byCode', { trackingCode: refused.code }))).toMatchObject({
      status: 'refused',
      anonymous: true,
      claimable: false,
    });
  });

  it('counts against the track limit (20 an hour), shared with tipoff.track', async () => {
    const r = await founded('anon-d');
    for (let i = 0; i < 10; i++) ok(await env.call('tipoff', 'track', { trackingCode: r.code }, 'guesser'));
    for (let i = 0; i < 10; i++) {
      expect((await env.call('reward', 'byCode', { trackingCode: 'AAAAAAAAAA' }, 'guesser')).error?.code).toBe(
        'NOT_FOUND',
      );
    }
    expect((await env.call('reward', 'byCode', { trackingCode: r.code }, 'guesser')).error?.code).toBe('RATE_LIMITED');
    expect(ok(await env.call('reward', 'byCode', { trackingCode: r.code }, 'someone-else')).status).toBe('open');
  });
});

describe('reward.claim: the first claim binds', () => {
  it('stores the name and phone sealed to the case, audits by reporter key, tells the reporter', async () => {
    const r = await approved('anon-e');
    const res = ok(await claim(r.code, 'claimer-1', '王小明', '13912345678'));
    expect(res).toMatchObject({ id: r.rewardId, status: 'approved', claimed: true, claimable: false, amountFen: 5000 });
    expect(JSON.stringify(res)).not.toMatch(/王小明|13912345678|claimer-1|anon-e/);

    const doc = await rewardDoc(r.rewardId);
    // `by`: the claimant's reporter key (review8: the claimant takes no step on the case).
    expect(doc.claim).toEqual({ sealed: expect.any(String), at: expect.any(String), by: key('claimer-1') });
    // Never plain: not in the case, not in any collection.
    for (const c of env.collections()) expect(JSON.stringify(await all(c))).not.toMatch(/王小明|13912345678/);
    const secret = env.runtime.deps.reporterKeySecret;
    expect(openJson(doc.claim.sealed, claimAad(r.rewardId), secret)).toEqual({ name: '王小明', phone: '13912345678' });
    // Bound to its case: moved to another, it does not open.
    expect(() => openJson(doc.claim.sealed, claimAad('rw_other'), secret)).toThrow();

    const [entry] = await all(AUDITS, { action: 'reward.claim' });
    expect(entry).toMatchObject({ actor: key('claimer-1'), targetType: 'reward', targetId: r.rewardId });
    expect(JSON.stringify(entry)).not.toContain('claimer-1');
    const told = await all(MESSAGES, { recipient: key('anon-e'), title: '举报奖励：已认领' });
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told)).not.toMatch(/王小明|13912345678/);

    // byCode now says claimed, for anyone holding the code.
    expect(ok(await env.call('reward', 'byCode', { trackingCode: r.code }, 'anon-e'))).toMatchObject({
      claimed: true,
      claimable: false,
    });
  });

  it('may be claimed before approval (the amount is not shown yet)', async () => {
    const r = await founded('anon-f');
    expect(ok(await claim(r.code))).toMatchObject({ status: 'open', amountFen: null, claimed: true });
  });

  it('a second claim is refused and changes nothing', async () => {
    const r = await approved('anon-g');
    ok(await claim(r.code, 'first', '张三'));
    const before = await env.digest({ except: ['rateLimits'] });
    const again = await claim(r.code, 'second', '李四');
    expect(again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('该奖励已被认领') });
    expect((await claim(r.code, 'first', '张三')).error?.code).toBe('CONFLICT'); // a retry too
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });

  it('a named report is paid to its reporter: no claim, and a plain reason', async () => {
    const r = await approved('named-b', NAMED);
    const before = await env.digest({ except: ['rateLimits'] });
    expect((await claim(r.code)).error).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('实名举报，奖励直接发放给举报人本人'),
    });
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });

  it('a refused or paid case cannot be claimed', async () => {
    const refused = await founded('anon-h', {}, { alreadyKnown: true });
    expect((await claim(refused.code)).error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('不予奖励'),
    });
    const r = await approved('anon-i');
    ok(await claim(r.code, 'claimer-i'));
    ok(await env.call('reward', 'pay', { rewardId: r.rewardId, reference: 'ZF-1' }, 'admin-demo'));
    // Even a claim stripped off by hand: paid is paid.
    await env.runtime.db
      .collection(REWARDS)
      .doc(r.rewardId)
      .update({ data: { claim: env.runtime.db.command.remove() } });
    expect((await claim(r.code, 'late')).error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已发放'),
    });
  });

  it('is rate-limited before the lookup: 5 an hour, wrong codes included', async () => {
    const r = await approved('anon-j');
    for (let i = 0; i < 5; i++) expect((await claim('AAAAAAAAAA', 'guesser')).error?.code).toBe('NOT_FOUND');
    const before = await env.digest();
    const limited = await claim(r.code, 'guesser');
    expect(limited.error?.code).toBe('RATE_LIMITED');
    expect(await env.digest()).toBe(before); // a refused call writes nothing, the counter included
    expect((await rewardDoc(r.rewardId)).claim).toBeUndefined();
    // An hour later the guesser may try again.
    env.clock.advance(3600_000);
    ok(await claim(r.code, 'guesser'));
  });

  it('50 parallel claims with different names: exactly one succeeds, and the stored claim is that one', async () => {
    const r = await approved('anon-k');
    const names = Array.from({ length: 50 }, (_, i) => `认领人${i}`);
    const results = await Promise.all(names.map((name, i) => claim(r.code, `racer-${i}`, name)));
    const winners = results.map((res, i) => ({ res, i })).filter(({ res }) => res.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((res) => !res.ok).every((res) => res.error.code === 'CONFLICT')).toBe(true);
    const { i } = winners[0];
    const doc = await rewardDoc(r.rewardId);
    expect(openJson(doc.claim.sealed, claimAad(r.rewardId), env.runtime.deps.reporterKeySecret)).toEqual({
      name: names[i],
      phone: '13900139000',
    });
    expect(await all(AUDITS, { action: 'reward.claim' })).toEqual([
      expect.objectContaining({ actor: key(`racer-${i}`) }),
    ]);
    expect(await all(MESSAGES, { recipient: key('anon-k'), title: '举报奖励：已认领' })).toHaveLength(1);
    // The officer reads the winner.
    expect(ok(await identity(r.rewardId))).toMatchObject({ source: 'claim', name: names[i] });
  });
});

describe('reward.pay: an anonymous reward waits for its claim', () => {
  it('refuses to pay an unclaimed anonymous reward, pays once claimed', async () => {
    const r = await approved('anon-l');
    const before = await env.digest();
    expect((await env.call('reward', 'pay', { rewardId: r.rewardId, reference: 'ZF-2' }, 'admin-demo')).error).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('匿名举报奖励尚未认领'),
    });
    expect(await env.digest()).toBe(before);
    ok(await claim(r.code));
    expect(ok(await env.call('reward', 'pay', { rewardId: r.rewardId, reference: 'ZF-2' }, 'admin-demo'))).toEqual({
      id: r.rewardId,
      status: 'paid',
    });
  });

  it('50 parallel payments of a claimed reward: exactly one succeeds', async () => {
    const r = await approved('anon-m');
    ok(await claim(r.code));
    const pays = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        env.call('reward', 'pay', { rewardId: r.rewardId, reference: `PAY-${i}` }, 'admin-demo'),
      ),
    );
    expect(pays.filter((p) => p.ok)).toHaveLength(1);
    expect(pays.filter((p) => !p.ok).every((p) => p.error.code === 'CONFLICT')).toBe(true);
    expect(await all(AUDITS, { action: 'reward.pay' })).toHaveLength(1);
    expect(await all(MESSAGES, { recipient: key('anon-m'), title: '举报奖励：已发放' })).toHaveLength(1);
  });
});

describe("reward.identity: the officer's audited read", () => {
  it('a named report: its sealed name and phone, the read recorded and audited, no openid', async () => {
    const r = await approved('named-c', NAMED);
    const read = ok(await identity(r.rewardId, 'admin-demo', '核对领奖人身份以便发放'));
    expect(read).toEqual({
      rewardId: r.rewardId,
      tipoffNo: expect.any(String),
      anonymous: false,
      source: 'report',
      name: '李四',
      phone: '13800138000',
      readAt: '2026-11-28T10:00:00+08:00',
    });
    expect(JSON.stringify(read)).not.toMatch(/named-c|admin-demo/);

    expect(await all(IDENTITY_READS)).toEqual([
      {
        _id: expect.any(String),
        rewardId: r.rewardId,
        tipoffNo: read.tipoffNo,
        reader: 'admin-demo',
        readerName: '镇安委办 经办人',
        reason: '核对领奖人身份以便发放',
        at: read.readAt,
      },
    ]);
    expect(await all(AUDITS, { action: 'reward.identity' })).toEqual([
      expect.objectContaining({
        actor: 'admin-demo',
        targetType: 'reporterIdentity',
        targetId: r.rewardId,
        detail: { tipoffId: r.id, reason: '核对领奖人身份以便发放', source: 'report' },
      }),
    ]);
    // Still readable once paid (to account for it); each read is one more record.
    ok(await env.call('reward', 'pay', { rewardId: r.rewardId, reference: 'ZF-3' }, 'admin-demo'));
    ok(await identity(r.rewardId, 'admin-demo', '发放后核对凭证'));
    expect(await all(IDENTITY_READS)).toHaveLength(2);
  });

  it('an anonymous case: nothing before its claim, the claim after', async () => {
    const r = await approved('anon-n');
    const none = ok(await identity(r.rewardId));
    expect(none).toEqual({
      rewardId: r.rewardId,
      tipoffNo: expect.any(String),
      anonymous: true,
      source: 'none',
      readAt: expect.any(String),
    });
    env.clock.advance(60_000);
    ok(await claim(r.code, 'claimer-n', '赵六', '13600136000'));
    expect(ok(await identity(r.rewardId))).toMatchObject({
      source: 'claim',
      name: '赵六',
      phone: '13600136000',
      claimedAt: '2026-11-28T10:01:00+08:00',
    });
    expect(await all(IDENTITY_READS)).toHaveLength(2); // the empty read counts too
  });

  it('only once approved: an open or decided case is refused with the reason, nothing written', async () => {
    const open = await founded('named-d', NAMED);
    const decided = await approved('named-e', NAMED, false);
    const refused = await founded('named-f', NAMED, { alreadyKnown: true });
    const before = await env.digest();
    for (const [r, label] of [
      [open, '待核定'],
      [decided, '待审批'],
    ] as const) {
      expect((await identity(r.rewardId)).error).toEqual({
        code: 'CONFLICT',
        message: expect.stringContaining(`「${label}」：只有审批通过`),
      });
    }
    expect((await identity(refused.rewardId)).error?.code).toBe('CONFLICT');
    expect((await identity('rw_missing')).error?.code).toBe('NOT_FOUND');
    expect(await env.digest()).toBe(before);
  });

  it('nobody but 安委办 (admin) may read: staff, heads, residents and the reporter are refused', async () => {
    const r = await approved('named-g', NAMED);
    for (const openid of ['staff-CJ', 'head-CJ', 'resident-demo', 'named-g', 'manager-demo']) {
      const res = await identity(r.rewardId, openid);
      expect([openid, res.error?.code]).toEqual([openid, 'FORBIDDEN']);
      expect(JSON.stringify(res)).not.toMatch(/李四|13800138000/);
    }
    expect(await all(IDENTITY_READS)).toEqual([]);
  });

  it('returns nothing when the record of the read cannot be written', async () => {
    const r = await approved('named-h', NAMED);
    const deps = env.runtime.deps;
    const real = deps.db;
    let attempted = false;
    const failing = new Proxy(real, {
      get(target, prop) {
        if (prop === 'runTransaction') {
          return (fn: (tx: unknown) => Promise<unknown>, tries?: number) =>
            real.runTransaction(
              (tx) =>
                fn(
                  new Proxy(tx, {
                    get(t, p) {
                      if (p === 'collection') {
                        return (name: string) =>
                          name === IDENTITY_READS
                            ? {
                                add: async () => {
                                  attempted = true;
                                  throw new Error('disk full');
                                },
                              }
                            : t.collection(name);
                      }
                      const v = Reflect.get(t, p);
                      return typeof v === 'function' ? v.bind(t) : v;
                    },
                  }),
                ) as never,
              tries,
            );
        }
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    deps.db = failing;
    try {
      const res = await identity(r.rewardId);
      expect(attempted).toBe(true); // it got as far as the record, with the identity opened
      expect(res.error?.code).toBe('INTERNAL');
      expect(JSON.stringify(res)).not.toMatch(/李四|13800138000/);
    } finally {
      deps.db = real;
    }
    expect(await all(AUDITS, { action: 'reward.identity' })).toEqual([]);
    expect(await all(IDENTITY_READS)).toEqual([]);
  });
});

describe('reward.identityReads: the leader lists every read', () => {
  it('newest first, by the reader’s name, never an openid; leaders only', async () => {
    const a = await approved('named-i', NAMED);
    const b = await approved('anon-o');
    ok(await identity(a.rewardId, 'admin-demo', '核对领奖人身份以便发放'));
    env.clock.advance(60_000);
    ok(await identity(b.rewardId, 'leader-demo', '发放前核对'));

    const list = ok(await env.call('reward', 'identityReads', {}, 'leader-demo'));
    expect(list).toEqual({
      items: [
        {
          id: expect.any(String),
          rewardId: b.rewardId,
          tipoffNo: expect.any(String),
          readerName: '镇安委办 领导',
          reason: '发放前核对',
          at: '2026-11-28T10:01:00+08:00',
        },
        {
          id: expect.any(String),
          rewardId: a.rewardId,
          tipoffNo: expect.any(String),
          readerName: '镇安委办 经办人',
          reason: '核对领奖人身份以便发放',
          at: '2026-11-28T10:00:00+08:00',
        },
      ],
      total: 2,
      page: 1,
      pageSize: expect.any(Number),
    });
    expect(JSON.stringify(list)).not.toMatch(/admin-demo|leader-demo|named-i|anon-o|李四|13800138000/);
    const second = ok(await env.call('reward', 'identityReads', { page: 2, pageSize: 1 }, 'leader-demo'));
    expect(second.items.map((i: { rewardId: string }) => i.rewardId)).toEqual([a.rewardId]);

    for (const openid of ['admin-demo', 'staff-CJ', 'resident-demo']) {
      expect([openid, (await env.call('reward', 'identityReads', {}, openid)).error?.code]).toEqual([
        openid,
        'FORBIDDEN',
      ]);
    }
  });
});

describe('the queries of this slice', () => {
  it('are each served by a declared index', async () => {
    queries.clear();
    const r = await approved('anon-p');
    ok(await env.call('reward', 'byCode', { trackingCode: r.code }));
    ok(await claim(r.code));
    ok(await identity(r.rewardId));
    ok(await env.call('reward', 'identityReads', {}, 'leader-demo'));
    const ours = [...queries.values()].filter((q) => [REWARDS, IDENTITY_READS, 'tipoffs'].includes(q.collection));
    expect(ours.some((q) => q.collection === IDENTITY_READS)).toBe(true);
    const uncovered = ours.filter(
      (q) => !coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []).covered,
    );
    expect(uncovered).toEqual([]);
  });
});

describe('the officer sees whether an anonymous reward was claimed, never by whom', () => {
  it('pending carries claimed false, then true after the claim; a named case carries none', async () => {
    const anon = await approved('anon-pending');
    const named = await approved('named-pending', NAMED);
    const byId = async () =>
      Object.fromEntries(
        ok(await env.call('reward', 'pending', { status: 'approved' }, 'admin-demo')).items.map((c: { id: string }) => [
          c.id,
          c,
        ]),
      );
    expect((await byId())[anon.rewardId]).toMatchObject({ anonymous: true, claimed: false });
    expect((await byId())[named.rewardId]).not.toHaveProperty('claimed');
    ok(await claim(anon.code));
    const after = (await byId())[anon.rewardId];
    expect(after).toMatchObject({ claimed: true });
    expect(JSON.stringify(after)).not.toContain('张三');
    expect(JSON.stringify(after)).not.toContain('13900139000');
  });
});
