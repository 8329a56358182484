// Issue 8, first slice: reward cases opened by a founded report; decide → approve → pay; never paid twice.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { MESSAGES } from '../messages';
import { reporterKey } from '../ids';
import { REWARDS, rewardIdFor } from './reward';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const act = (input: Record<string, unknown>, openid = 'staff-CJ') => env.call('queue', 'act', input, openid);

/** Files a report as `openid` and verifies it founded at 城建; returns the report id. */
async function founded(openid: string, verify: Record<string, unknown> = {}, submit: Record<string, unknown> = {}) {
  const { id } = ok(await env.call('tipoff', 'submit', validSubmission(submit), openid));
  ok(await act({ step: 'accept', id }));
  ok(await act({ step: 'verify', id, founded: true, note: '现场核实情况属实', ...verify }));
  return id as string;
}
const reward = async (tipoffId: string) =>
  (
    await env.runtime.db
      .collection(REWARDS)
      .where({ _id: rewardIdFor(tipoffId) })
      .get()
  ).data[0] as
    | Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    | undefined;
const messagesOf = async (openid: string) =>
  (
    await env.runtime.db
      .collection(MESSAGES)
      .where({ recipient: reporterKey(openid, env.runtime.deps.reporterKeySecret) })
      .get()
  ).data.map((m) => (m as { title: string }).title);
const audits = async (action: string) =>
  (await env.runtime.db.collection(AUDITS).where({ action }).get()).data as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

const decide = (reportId: string, amount: number, openid = 'admin-demo', basis = '及时发现燃气隐患') =>
  env.call('reward', 'decide', { reportId, approved: true, amount, basis }, openid);

describe('a general founded hazard: decide → approve → pay, the reporter told at each step', () => {
  it('runs the whole flow within policy and stores the basis with the policy version', async () => {
    const id = await founded('reporter-a', {}, { anonymous: false, contact: { name: '李四', phone: '13800138000' } });
    expect(await reward(id)).toMatchObject({ status: 'open', major: false, fineFen: null });

    const pending = ok(await env.call('reward', 'pending', {}, 'admin-demo'));
    expect(pending.items).toEqual([
      expect.objectContaining({
        tipoffId: id,
        status: 'open',
        suggestion: { minFen: 5000, maxFen: 50000, policyVersion: 1 },
      }),
    ]);
    // Nobody's openid, name or phone in what the officer sees.
    expect(JSON.stringify(pending)).not.toMatch(/reporter-a|李四|13800138000|admin-demo/);

    const before = await env.digest();
    for (const amount of [4999, 50001]) expect((await decide(id, amount)).error?.code).toBe('INVALID_INPUT');
    expect(await env.digest()).toBe(before);

    expect(ok(await decide(id, 5000))).toEqual({ id: rewardIdFor(id), status: 'decided' });
    expect((await reward(id))?.basis).toEqual({
      policyVersion: 1,
      rule: 'general',
      formula: '5000 ≤ 核定金额 ≤ 50000',
      inputs: { amountFen: 5000, minFen: 5000, maxFen: 50000 },
      note: '及时发现燃气隐患',
    });
    // A decided amount is not the reporter's yet.
    expect(ok(await env.call('reward', 'mine', {}, 'reporter-a')).items[0]).toMatchObject({
      status: 'decided',
      amountFen: null,
    });

    ok(await env.call('reward', 'approve', { rewardId: rewardIdFor(id), approved: true }, 'leader-demo'));
    const paid = ok(
      await env.call('reward', 'pay', { rewardId: rewardIdFor(id), reference: 'ZF-2026-0001' }, 'admin-demo'),
    );
    expect(paid.status).toBe('paid');

    const mine = ok(await env.call('reward', 'mine', {}, 'reporter-a'));
    expect(mine.items).toEqual([
      expect.objectContaining({
        status: 'paid',
        statusLabel: '已发放',
        amountFen: 5000,
        note: expect.stringContaining('50 元 已发放'),
      }),
    ]);
    expect(ok(await env.call('reward', 'mine', {}, 'someone-else')).items).toEqual([]);
    expect(await messagesOf('reporter-a')).toEqual(
      expect.arrayContaining(['举报奖励：进入核定', '举报奖励：已核定金额', '举报奖励：已审批', '举报奖励：已发放']),
    );
    for (const a of ['reward.open', 'reward.decide', 'reward.approve', 'reward.pay'])
      expect(await audits(a)).toHaveLength(1);
    expect((await audits('reward.pay'))[0]).toMatchObject({
      actor: 'admin-demo',
      from: 'approved',
      to: 'paid',
      targetType: 'reward',
    });
  });

  it('a refusal needs a reason and tells the reporter; a refused case cannot be decided again', async () => {
    const id = await founded('reporter-b');
    ok(
      await env.call('reward', 'decide', { reportId: id, approved: false, basis: '举报内容与核查不符' }, 'admin-demo'),
    );
    expect(await reward(id)).toMatchObject({ status: 'refused', basis: { rule: 'officerRefused', policyVersion: 1 } });
    expect(ok(await env.call('reward', 'mine', {}, 'reporter-b')).items[0].note).toContain('举报内容与核查不符');
    expect((await decide(id, 5000)).error?.code).toBe('CONFLICT');
    expect(
      (await env.call('reward', 'decide', { reportId: id, approved: true, basis: '没有金额' }, 'admin-demo')).error
        ?.code,
    ).toBe('INVALID_INPUT');
  });

  it('the leader sends it back: open again, decided anew', async () => {
    const id = await founded('reporter-c');
    ok(await decide(id, 50000));
    expect(
      (await env.call('reward', 'approve', { rewardId: rewardIdFor(id), approved: false }, 'leader-demo')).error?.code,
    ).toBe('INVALID_INPUT'); // a send-back needs its reason
    ok(
      await env.call(
        'reward',
        'approve',
        { rewardId: rewardIdFor(id), approved: false, note: '金额偏高' },
        'leader-demo',
      ),
    );
    expect(await reward(id)).toMatchObject({ status: 'open', approvalNote: '金额偏高' });
    expect(
      (await env.call('reward', 'pay', { rewardId: rewardIdFor(id), reference: 'X-1' }, 'admin-demo')).error?.code,
    ).toBe('CONFLICT');
    ok(await decide(id, 20000));
  });
});

describe('the four-eyes rule and the roles', () => {
  it('whoever decided may not approve, even holding the leader role', async () => {
    const id = await founded('reporter-d');
    ok(await decide(id, 8000, 'leader-demo')); // leader-demo is also 安委办 admin
    const before = await env.digest();
    const self = await env.call('reward', 'approve', { rewardId: rewardIdFor(id), approved: true }, 'leader-demo');
    expect(self.error).toMatchObject({ code: 'FORBIDDEN', message: '核定奖励的人员不能审批自己的核定' });
    expect(await env.digest()).toBe(before);
  });

  it('an officer cannot approve, a leader cannot decide or pay, a resident reaches none of it', async () => {
    const id = await founded('reporter-e');
    ok(await decide(id, 8000));
    const rewardId = rewardIdFor(id);
    expect((await env.call('reward', 'approve', { rewardId, approved: true }, 'admin-demo')).error?.code).toBe(
      'FORBIDDEN',
    );
    for (const [action, input] of [
      ['pending', {}],
      ['decide', { reportId: id, approved: true, amount: 5000, basis: '依据' }],
      ['approve', { rewardId, approved: true }],
      ['pay', { rewardId, reference: 'R-1' }],
      ['setPolicy', { policy: {}, note: '试试' }],
      ['policy', {}],
    ] as const) {
      expect([action, (await env.call('reward', action, input, 'reporter-e')).error?.code]).toEqual([
        action,
        'FORBIDDEN',
      ]);
    }
    expect((await env.call('reward', 'pay', { rewardId, reference: 'R-1' }, 'staff-CJ')).error?.code).toBe('FORBIDDEN');
  });
});

describe('a major hazard waits for its fine', () => {
  it('awaits the fine; the department records ¥30,000 → exactly ¥4,500 (15 %) is decided', async () => {
    const id = await founded('reporter-f', { major: true });
    expect(await reward(id)).toMatchObject({ status: 'awaitingFine', major: true });
    expect((await decide(id, 450000)).error?.code).toBe('CONFLICT');

    // Not another department's to record; not a negative or fractional amount.
    expect((await env.call('queue', 'fine', { id, amountFen: 3_000_000 }, 'staff-XF')).error?.code).toBe('FORBIDDEN');
    expect((await env.call('queue', 'fine', { id, amountFen: -1 }, 'staff-CJ')).error?.code).toBe('INVALID_INPUT');
    expect((await env.call('queue', 'fine', { id, amountFen: 1.5 }, 'staff-CJ')).error?.code).toBe('INVALID_INPUT');
    expect(ok(await env.call('queue', 'fine', { id, amountFen: 3_000_000 }, 'staff-CJ'))).toEqual({
      id,
      fineFen: 3_000_000,
      rewardStatus: 'open',
    });
    const pending = ok(await env.call('reward', 'pending', { status: 'open' }, 'leader-demo'));
    expect(pending.items[0].suggestion).toEqual({ minFen: 450000, maxFen: 450000, policyVersion: 1 });

    expect((await decide(id, 449999)).error?.message).toContain('4,500 元');
    ok(await decide(id, 450000, 'admin-demo', '按罚款 15% 计'));
    expect((await reward(id))?.basis).toMatchObject({
      rule: 'major',
      policyVersion: 1,
      inputs: { fineFen: 3_000_000, rateBasisPoints: 1500, rawFen: 450000, amountFen: 450000 },
    });
    // Decided: the fine can no longer change under it (the same amount again is harmless).
    expect((await env.call('queue', 'fine', { id, amountFen: 4_000_000 }, 'staff-CJ')).error?.code).toBe('CONFLICT');
    ok(await env.call('queue', 'fine', { id, amountFen: 3_000_000 }, 'staff-CJ'));
    expect(await audits('tipoff.fine')).toHaveLength(2);
  });

  it('a fine of exactly ¥20,000 gives the ¥3,000 floor; a fine on an unverified report is refused', async () => {
    const id = await founded('reporter-g', { major: true });
    ok(await env.call('queue', 'fine', { id, amountFen: 2_000_000 }, 'staff-CJ'));
    expect((await decide(id, 300000)).ok).toBe(true);
    const { id: open } = ok(await env.call('tipoff', 'submit', validSubmission(), 'reporter-h'));
    expect((await env.call('queue', 'fine', { id: open, amountFen: 100 }, 'staff-CJ')).error?.code).toBe('CONFLICT');
  });
});

describe('eligibility at opening', () => {
  it('a hazard the department already knew is founded but refused, with the rule and version', async () => {
    const id = await founded('reporter-i', { alreadyKnown: true });
    expect(await reward(id)).toMatchObject({ status: 'refused', basis: { rule: 'alreadyKnown', policyVersion: 1 } });
    expect(await messagesOf('reporter-i')).toContain('举报奖励：不予奖励');
  });

  it("the responsible department's own staff are not rewarded; another department's are", async () => {
    const own = await founded('staff-CJ');
    // Opened like any case — refused at once, the department would see its reporter is one of its own.
    expect(await reward(own)).toMatchObject({ status: 'open', basis: null });
    const detail = ok(await env.call('queue', 'detail', { id: own }, 'staff-CJ'));
    expect(detail.reward).toMatchObject({ status: 'open' });
    const refused = await decide(own, 5000);
    expect(refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('部门') });
    expect(await reward(own)).toMatchObject({ status: 'open' });
    const other = await founded('staff-XF');
    expect(await reward(other)).toMatchObject({ status: 'open' });
    ok(await decide(other, 5000));
  });

  it("the enterprise's own manager is refused when the officer names the enterprise", async () => {
    const id = await founded('manager-demo');
    const res = await env.call(
      'reward',
      'decide',
      { reportId: id, approved: true, amount: 5000, basis: '企业隐患', enterpriseId: 'ENT-DEMO' },
      'admin-demo',
    );
    expect(res.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('安全管理人员') });
  });

  it('a merged duplicate earns nothing: only the first report has a case', async () => {
    const { id: first } = ok(await env.call('tipoff', 'submit', validSubmission(), 'reporter-j'));
    const { id: dup } = ok(await env.call('tipoff', 'submit', validSubmission(), 'reporter-k'));
    ok(await act({ step: 'merge', id: dup, intoId: first }));
    ok(await act({ step: 'accept', id: first }));
    ok(await act({ step: 'verify', id: first, founded: true, note: '现场核实情况属实' }));
    expect(await reward(dup)).toBeUndefined();
    expect(await reward(first)).toMatchObject({ status: 'open' });
    expect(ok(await env.call('reward', 'mine', {}, 'reporter-k')).items).toEqual([]);
  });
});

describe('never twice', () => {
  it('50 parallel approvals and then 50 parallel payments: exactly one of each succeeds', async () => {
    // Named: an anonymous reward is paid only once claimed (reward-claim.test.ts).
    const id = await founded('reporter-l', {}, { anonymous: false, contact: { name: '王五', phone: '13700137000' } });
    ok(await decide(id, 10000));
    const rewardId = rewardIdFor(id);
    const approvals = await Promise.all(
      Array.from({ length: 50 }, () => env.call('reward', 'approve', { rewardId, approved: true }, 'leader-demo')),
    );
    expect(approvals.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(approvals.filter((r) => !r.ok).map((r) => r.error.code))).toEqual(new Set(['CONFLICT']));
    const pays = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        env.call('reward', 'pay', { rewardId, reference: `PAY-${i}` }, 'admin-demo'),
      ),
    );
    expect(pays.filter((r) => r.ok)).toHaveLength(1);
    expect(pays.filter((r) => !r.ok).every((r) => r.error.code === 'CONFLICT')).toBe(true);
    expect(await audits('reward.pay')).toHaveLength(1);
    expect(await audits('reward.approve')).toHaveLength(1);
    const paidMessages = (await messagesOf('reporter-l')).filter((t) => t === '举报奖励：已发放');
    expect(paidMessages).toHaveLength(1);
    // A retried call after payment is refused too.
    expect((await env.call('reward', 'pay', { rewardId, reference: 'PAY-0' }, 'admin-demo')).error?.message).toContain(
      '已发放',
    );
  });
});

describe('the policy is versioned data', () => {
  it('setPolicy makes version 2, keeps version 1, audits; old decisions keep their version', async () => {
    const oldCase = await founded('reporter-m');
    ok(await decide(oldCase, 5000));
    const v1 = ok(await env.call('reward', 'policy', {}, 'leader-demo'));
    expect(v1).toMatchObject({ version: 1, policy: { general: { minFen: 5000, maxFen: 50000 } } });
    const policy = { ...v1.policy, general: { minFen: 10000, maxFen: 80000 } };
    expect((await env.call('reward', 'setPolicy', { policy, note: '提高奖励标准' }, 'leader-demo')).ok).toBe(true); // leader-demo is admin too
    expect(
      (
        await env.call(
          'reward',
          'setPolicy',
          { policy: { ...policy, general: { minFen: 9, maxFen: 1 } }, note: '错误' },
          'admin-demo',
        )
      ).error?.code,
    ).toBe('INVALID_INPUT');
    expect(ok(await env.call('reward', 'policy', {}, 'admin-demo'))).toMatchObject({
      version: 2,
      policy,
      by: '镇安委办 领导',
    });
    const history = (await env.runtime.db.collection('config').where({ key: 'rewardPolicy' }).get()).data;
    expect(history.map((d) => (d as { _id: string; version: number })._id).sort()).toEqual([
      'rewardPolicy',
      'rewardPolicy@1',
      'rewardPolicy@2',
    ]);
    expect((await audits('reward.setPolicy'))[0]).toMatchObject({ from: '1', to: '2', targetType: 'config' });

    const newCase = await founded('reporter-n');
    expect((await decide(newCase, 5000)).error?.code).toBe('INVALID_INPUT');
    ok(await decide(newCase, 10000));
    expect((await reward(newCase))?.basis.policyVersion).toBe(2);
    expect((await reward(oldCase))?.basis.policyVersion).toBe(1);
  });
});
