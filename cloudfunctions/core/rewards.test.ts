// The reward rules at their boundaries (issue 8): 15 % of the fine, floor ¥3,000, cap ¥300,000, rounding down.
import { RewardPolicy } from '../../types/reward';
import { allowedRange, checkAmount, eligibility, majorAmount, REWARD_POLICY, yuan } from './rewards';

const policy = REWARD_POLICY.seed;
const report = { founded: true, merged: false, alreadyKnown: false, departmentId: 'CJ' };
const resident = { roles: ['resident'] as const };

describe('the seeded policy', () => {
  it('is the issue: ¥50–500 general; 15 % of the fine, ¥3,000–¥300,000 major (fen)', () => {
    expect(policy.general).toEqual({ minFen: 5000, maxFen: 50000 });
    expect(policy.major).toEqual({ rateBasisPoints: 1500, minFen: 300000, maxFen: 30000000 });
  });
  it('refuses a range upside down', () => {
    expect(RewardPolicy.safeParse({ ...policy, general: { minFen: 2, maxFen: 1 } }).success).toBe(false);
    expect(RewardPolicy.safeParse({ ...policy, major: { ...policy.major, minFen: 9, maxFen: 1 } }).success).toBe(false);
  });
});

describe('majorAmount', () => {
  it.each([
    [0, 300000], // no fine imposed: the floor
    [1, 300000],
    [1_999_999, 300000], // 15 % = 299,999.85 fen → below the floor
    [2_000_000, 300000], // exactly ¥20,000 → 15 % is exactly the floor
    [2_000_007, 300001], // 300,001.05 → rounded down to 300,001
    [3_000_000, 450000], // ¥30,000 → ¥4,500 (the Done-when case)
    [3_000_006, 450000], // 450,000.9 → down, never over the rate
    [199_999_999, 29999999], // just under the cap
    [200_000_000, 30000000], // exactly ¥2,000,000 → exactly the cap
    [200_000_007, 30000000],
    [10_000_000_000, 30000000], // far above: the cap
  ])('fine %i fen → %i fen', (fine, amount) => {
    const { amountFen, basis } = majorAmount(policy, fine);
    expect(amountFen).toBe(amount);
    expect(basis.rule).toBe('major');
    expect(basis.inputs).toMatchObject({ fineFen: fine, rateBasisPoints: 1500, minFen: 300000, maxFen: 30000000 });
    expect(basis.inputs.rawFen).toBe(Math.floor((fine * 15) / 100));
  });

  it('refuses a fine that is not whole fen ≥ 0', () => {
    expect(() => majorAmount(policy, -1)).toThrow(RangeError);
    expect(() => majorAmount(policy, 1.5)).toThrow(RangeError);
  });
});

describe('checkAmount', () => {
  const general = { major: false, fineFen: null };
  it.each([
    [4999, false],
    [5000, true],
    [50000, true],
    [50001, false],
  ])('general %i fen → %s', (amount, ok) => {
    const r = checkAmount(policy, 3, general, amount, '及时发现');
    expect(r.ok).toBe(ok);
    if (r.ok)
      expect(r.basis).toMatchObject({
        policyVersion: 3,
        rule: 'general',
        inputs: { amountFen: amount },
        note: '及时发现',
      });
    else expect(r.reason).toBe('一般隐患奖励应在 ¥50.00 至 ¥500.00 之间');
  });

  it('major: exactly the computed amount, and only once the fine is known', () => {
    const major = { major: true, fineFen: 3_000_000 };
    expect(checkAmount(policy, 1, major, 450000, '按罚款 15%')).toMatchObject({
      ok: true,
      basis: { policyVersion: 1, rule: 'major', inputs: { fineFen: 3_000_000, amountFen: 450000 } },
    });
    expect(checkAmount(policy, 1, major, 449999, 'x')).toEqual({
      ok: false,
      reason: '重大事故隐患奖励按政策应为 ¥4,500.00（罚款 ¥30,000.00 的 15%）',
    });
    expect(checkAmount(policy, 1, major, 450001, 'x').ok).toBe(false);
    expect(checkAmount(policy, 1, { major: true, fineFen: null }, 300000, 'x')).toEqual({
      ok: false,
      reason: '重大事故隐患的奖励须待责任部门录入罚款金额后核定',
    });
  });

  it('allowedRange: the general range; the one major amount; nothing while the fine is missing', () => {
    expect(allowedRange(policy, false, null)).toEqual({ minFen: 5000, maxFen: 50000 });
    expect(allowedRange(policy, true, 2_000_000)).toEqual({ minFen: 300000, maxFen: 300000 });
    expect(allowedRange(policy, true, null)).toBeNull();
  });
});

describe('eligibility', () => {
  it('rewards the first reporter of a founded hazard', () => {
    expect(eligibility(policy, report, resident)).toEqual({ eligible: true });
  });
  it('not an unfounded report, nor a merged duplicate', () => {
    expect(eligibility(policy, { ...report, founded: false }, resident)).toMatchObject({ eligible: false });
    expect(eligibility(policy, { ...report, merged: true }, resident)).toMatchObject({ rule: 'notFirstReporter' });
  });
  it('not a hazard the department already knew and was handling', () => {
    expect(eligibility(policy, { ...report, alreadyKnown: true }, resident)).toMatchObject({ rule: 'alreadyKnown' });
  });
  it("not the responsible department's staff; another department's staff may be rewarded", () => {
    expect(eligibility(policy, report, { roles: ['staff'], departmentId: 'CJ' })).toMatchObject({
      rule: 'departmentStaff',
    });
    expect(eligibility(policy, report, { roles: ['head'], departmentId: 'CJ' })).toMatchObject({ eligible: false });
    expect(eligibility(policy, report, { roles: ['staff'], departmentId: 'XF' })).toEqual({ eligible: true });
    // A resident whose account still names a department (no staff role left) is a resident.
    expect(eligibility(policy, report, { roles: ['resident'], departmentId: 'CJ' })).toEqual({ eligible: true });
  });
  it("not the enterprise's own managers; its workers and other managers may be", () => {
    const inEnt = { ...report, enterpriseId: 'ENT-DEMO' };
    expect(eligibility(policy, inEnt, { roles: ['safetyManager'], enterpriseId: 'ENT-DEMO' })).toMatchObject({
      rule: 'enterpriseManager',
    });
    expect(eligibility(policy, inEnt, { roles: ['worker'], enterpriseId: 'ENT-DEMO' })).toEqual({ eligible: true });
    expect(eligibility(policy, inEnt, { roles: ['safetyManager'], enterpriseId: 'ENT-DEMO-2' })).toEqual({
      eligible: true,
    });
    expect(eligibility(policy, report, { roles: ['safetyManager'], enterpriseId: 'ENT-DEMO' })).toEqual({
      eligible: true,
    });
  });
  it('a rule switched off in the policy no longer excludes', () => {
    const lax = { ...policy, eligibility: { ...policy.eligibility, excludeAlreadyKnown: false } };
    expect(eligibility(lax, { ...report, alreadyKnown: true }, resident)).toEqual({ eligible: true });
  });
});

it('yuan', () => {
  expect([yuan(0), yuan(5), yuan(450000), yuan(30000000)]).toEqual(['¥0.00', '¥0.05', '¥4,500.00', '¥300,000.00']);
});
