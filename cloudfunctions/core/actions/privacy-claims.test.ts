// user.deleteMe and the reward claims a person made with a 查询码 on anonymous reports (their own or anyone's):
// found by the claim's reporter key, kept behind a decided amount (unlinked), withdrawn otherwise (the case is
// claimable again); the report's own reporter and other claimants untouched; no openid in any answer.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { coverage, type ObservedQuery } from '../../../scripts/index-coverage';
import { AUDITS } from '../audit';
import { reporterKey } from '../ids';
import { GEO_INDEXES, INDEXES } from '../indexes';
import { CLAIM_WITHDRAWN_NOTE, unlinkedClaimKey } from '../privacy';
import { TIPOFFS } from '../tipoffs';
import { REWARDS, rewardIdFor } from './reward';

let env: TestEnv;
const queries = new Map<string, ObservedQuery>();
beforeEach(async () => {
  queries.clear();
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
const key = (openid: string) => reporterKey(openid, env.runtime.deps.reporterKeySecret);
const doc = async (collection: string, id: string) =>
  (await env.runtime.db.collection(collection).where({ _id: id }).get()).data[0] as Doc;
const act = (input: Record<string, unknown>) => env.call('queue', 'act', input, 'staff-CJ');

/** An anonymous report by `openid`, founded at 城建 (its reward case open); `approve` decides and approves it. */
async function anonymousReward(openid: string, approve = false) {
  const filed = ok(await env.call('tipoff', 'submit', validSubmission(), openid));
  ok(await act({ step: 'accept', id: filed.id }));
  ok(await act({ step: 'verify', id: filed.id, founded: true, note: '现场核实情况属实' }));
  const rewardId = rewardIdFor(filed.id);
  if (approve) {
    const decision = { reportId: filed.id, approved: true, amount: 5000, basis: '及时发现燃气隐患' };
    ok(await env.call('reward', 'decide', decision, 'admin-demo'));
    ok(await env.call('reward', 'approve', { rewardId, approved: true }, 'leader-demo'));
  }
  return { id: filed.id as string, code: filed.trackingCode as string, rewardId };
}
const claim = (code: string, openid: string, name = '张三', phone = '13900139000') =>
  env.call('reward', 'claim', { trackingCode: code, name, phone }, openid);

describe('user.deleteMe: reward claims made with a 查询码', () => {
  it('withdraws an undecided claim (claimable again), keeps an approved one unlinked, leaves others alone', async () => {
    // Three anonymous reports by someone else; the person claims two of them; another person claims the third.
    const open = await anonymousReward('reporter-x');
    const approved = await anonymousReward('reporter-x', true);
    const theirs = await anonymousReward('reporter-y');
    ok(await claim(open.code, 'del-k'));
    ok(await claim(approved.code, 'del-k'));
    ok(await claim(theirs.code, 'claimer-z', '王五', '13700137000'));
    const approvedBefore = await doc(REWARDS, approved.rewardId);
    const theirsBefore = await doc(REWARDS, theirs.rewardId);
    const reportsBefore = await Promise.all([open.id, approved.id, theirs.id].map((id) => doc(TIPOFFS, id)));

    const res = ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'del-k'));
    expect(res.claimsWithdrawn).toBe(1);
    expect(res.kept[0]).toBe(
      '您凭查询码认领的 1 笔奖励已经核定或发放，认领时填写的姓名和手机号作为奖励发放记录依法保留。',
    );
    expect(JSON.stringify(res)).not.toContain('del-k');

    // The undecided case: its claim (name and phone) is gone, the officer's history says so, and it shows
    // 待认领 again to whoever holds the 查询码, who may claim anew.
    const openAfter = await doc(REWARDS, open.rewardId);
    expect(openAfter.claim).toBeUndefined();
    expect(openAfter).toMatchObject({ status: 'open', reporterKey: key('reporter-x'), anonymous: true });
    expect(openAfter.history.at(-1)).toMatchObject({ note: CLAIM_WITHDRAWN_NOTE, by: '系统' });
    expect(JSON.stringify(openAfter)).not.toContain(key('del-k'));
    expect(ok(await env.call('reward', 'byCode', { trackingCode: open.code }, 'anyone'))).toMatchObject({
      claimed: false,
      claimable: true,
    });
    const pending = ok(await env.call('reward', 'pending', { page: 1, pageSize: 20 }, 'admin-demo'));
    expect(pending.items.find((r: Doc) => r.id === open.rewardId)).toMatchObject({ claimed: false });
    ok(await claim(open.code, 'reporter-x', '李四', '13800138000'));

    // The approved case: the sealed claim stays the payment record, its link to the account does not.
    const approvedAfter = await doc(REWARDS, approved.rewardId);
    expect(approvedAfter.claim).toEqual({
      ...approvedBefore.claim,
      by: unlinkedClaimKey(approved.rewardId),
    });
    expect(approvedAfter.history).toEqual(approvedBefore.history);
    const read = ok(
      await env.call(
        'reward',
        'identity',
        { rewardId: approved.rewardId, reason: '核对领奖人身份以便发放' },
        'admin-demo',
      ),
    );
    expect(read).toMatchObject({ source: 'claim', name: '张三', phone: '13900139000' });
    expect(JSON.stringify(read)).not.toContain('del-k');

    // Another person's claim and every report untouched.
    expect(await doc(REWARDS, theirs.rewardId)).toEqual(theirsBefore);
    expect(await Promise.all([open.id, approved.id, theirs.id].map((id) => doc(TIPOFFS, id)))).toEqual(reportsBefore);

    // Audited under the reporterKey with the counts; never the openid.
    const audits = (await env.runtime.db.collection(AUDITS).where({ action: 'user.deleteMe' }).get()).data;
    expect(audits).toEqual([
      expect.objectContaining({
        actor: key('del-k'),
        detail: expect.objectContaining({ claimsWithdrawn: 1, claimsKept: 1 }),
      }),
    ]);
    expect(JSON.stringify(audits)).not.toContain('del-k');

    // Nothing is left to find: a second deletion withdraws and keeps nothing more.
    const again = ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'del-k'));
    expect(again.claimsWithdrawn).toBe(0);
    expect(again.kept.join('')).not.toContain('凭查询码认领');
  });

  it('a refused case loses its claim too; a paid one keeps it', async () => {
    const refused = await anonymousReward('reporter-x');
    ok(await claim(refused.code, 'del-m'));
    const decision = { reportId: refused.id, approved: false, basis: '不符合奖励条件' };
    ok(await env.call('reward', 'decide', decision, 'admin-demo'));
    const paid = await anonymousReward('reporter-x', true);
    ok(await claim(paid.code, 'del-m'));
    ok(await env.call('reward', 'pay', { rewardId: paid.rewardId, reference: 'ZF-2026-001' }, 'admin-demo'));
    expect((await doc(REWARDS, refused.rewardId)).status).toBe('refused');
    expect((await doc(REWARDS, paid.rewardId)).status).toBe('paid');

    const res = ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'del-m'));
    expect(res.claimsWithdrawn).toBe(1);
    expect(res.kept[0]).toContain('认领的 1 笔奖励已经核定或发放');
    expect((await doc(REWARDS, refused.rewardId)).claim).toBeUndefined();
    expect((await doc(REWARDS, paid.rewardId)).claim).toMatchObject({ by: unlinkedClaimKey(paid.rewardId) });
  });

  it('finds the claims by a declared index', async () => {
    const r = await anonymousReward('reporter-x');
    ok(await claim(r.code, 'del-n'));
    queries.clear();
    ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'del-n'));
    const ours = [...queries.values()].filter((q) => q.collection === REWARDS);
    expect(ours.some((q) => q.where.includes('claim.by'))).toBe(true);
    expect(
      ours.filter((q) => !coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []).covered),
    ).toEqual([]);
  });
});
