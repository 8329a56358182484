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
    else expect(r.reason).toBe('一般隐患奖励应在 50 元至 500 元之间');
  });

  it('major: exactly the computed amount, and only once the fine is known', () => {
    const major = { major: true, fineFen: 3_000_000 };
    expect(checkAmount(policy, 1, major, 450000, '按罚款 15%')).toMatchObject({
      ok: true,
      basis: { policyVersion: 1, rule: 'major', inputs: { fineFen: 3_000_000, amountFen: 450000 } },
    });
    expect(checkAmount(policy, 1, major, 449999, 'x')).toEqual({
      ok: false,
      reason: '重大事故隐患奖励按政策应为 4,500 元（罚款 30,000 元的 15%）',
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
  expect([yuan(0), yuan(5), yuan(450000), yuan(30000000)]).toEqual(['0 元', '0.05 元', '4,500 元', '300,000 元']);
});

// Mutation testing (stryker.config.mjs mutates rewards.ts; jest.core.config.js runs this file for each mutant):
// each rule below is pinned exactly — the answer, the rule name, the reason, the formula and the inputs stored
// with a decision — so that a changed operator, condition or word in rewards.ts fails a test here.
describe('the policy entry', () => {
  it('is stored under its own key, checked by the schema, seeded from the town file', () => {
    expect(REWARD_POLICY.key).toBe('rewardPolicy');
    expect(REWARD_POLICY.schema).toBe(RewardPolicy);
    expect(policy.eligibility).toEqual({
      firstReporterOnly: true,
      excludeAlreadyKnown: true,
      excludeDepartmentStaff: true,
      excludeEnterpriseManagers: true,
    });
  });
});

describe('majorAmount: the basis stored with the decision', () => {
  it('names the formula with the policy figures and every input, the raw 15 % included', () => {
    expect(majorAmount(policy, 3_000_006)).toEqual({
      amountFen: 450000,
      basis: {
        rule: 'major',
        formula: 'min(30000000, max(300000, floor(罚款 × 1500 / 10000)))',
        inputs: { fineFen: 3_000_006, rateBasisPoints: 1500, rawFen: 450000, minFen: 300000, maxFen: 30000000 },
      },
    });
  });
  it('fine 0 (none imposed) earns the floor, with a raw amount of 0', () => {
    expect(majorAmount(policy, 0).basis.inputs).toMatchObject({ fineFen: 0, rawFen: 0 });
  });
  it('¥19,999.99 gives ¥2,999.99 (raised to ¥3,000); ¥20,000.01 gives ¥3,000.0015 (down to ¥3,000)', () => {
    expect(majorAmount(policy, 1_999_999).basis.inputs.rawFen).toBe(299999);
    expect(majorAmount(policy, 2_000_001).amountFen).toBe(300000);
    expect(majorAmount(policy, 2_000_001).basis.inputs.rawFen).toBe(300000);
  });
  it('¥2,000,000 gives exactly the cap; ¥2,000,000.01 is held at it; ¥1,999,999.99 stays under', () => {
    expect(majorAmount(policy, 200_000_000).basis.inputs.rawFen).toBe(30000000);
    expect(majorAmount(policy, 200_000_001).basis.inputs.rawFen).toBe(30000000);
    expect(majorAmount(policy, 200_000_001).amountFen).toBe(30000000);
    expect(majorAmount(policy, 200_000_007).basis.inputs.rawFen).toBe(30000001);
    expect(majorAmount(policy, 199_999_999).basis.inputs.rawFen).toBe(29999999);
  });
  it('follows the policy in force: another rate, floor and cap', () => {
    const other = { ...policy, major: { rateBasisPoints: 1000, minFen: 100, maxFen: 1000 } };
    expect(majorAmount(other, 0).amountFen).toBe(100);
    expect(majorAmount(other, 5_000).amountFen).toBe(500);
    expect(majorAmount(other, 5_009).amountFen).toBe(500);
    expect(majorAmount(other, 20_000).amountFen).toBe(1000);
  });
  it('refuses with the fine in the message; the largest safe integer is still a fine', () => {
    expect(() => majorAmount(policy, -1)).toThrow('fine must be whole fen ≥ 0: -1');
    expect(() => majorAmount(policy, 0.5)).toThrow('fine must be whole fen ≥ 0: 0.5');
    expect(() => majorAmount(policy, Number.NaN)).toThrow(RangeError);
    expect(() => majorAmount(policy, Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(majorAmount(policy, Number.MAX_SAFE_INTEGER).amountFen).toBe(30000000);
  });
});

describe('checkAmount: the stored basis', () => {
  it('general: the range formula, the inputs and the note, at both edges', () => {
    for (const amount of [5000, 50000]) {
      expect(checkAmount(policy, 2, { major: false, fineFen: null }, amount, '及时发现')).toEqual({
        ok: true,
        basis: {
          policyVersion: 2,
          rule: 'general',
          formula: '5000 ≤ 核定金额 ≤ 50000',
          inputs: { amountFen: amount, minFen: 5000, maxFen: 50000 },
          note: '及时发现',
        },
      });
    }
  });
  it('general: a fine on a general case changes nothing', () => {
    expect(checkAmount(policy, 2, { major: false, fineFen: 3_000_000 }, 5000, 'x').ok).toBe(true);
    expect(checkAmount(policy, 2, { major: false, fineFen: 3_000_000 }, 450000, 'x').ok).toBe(false);
  });
  it('general: the range of the policy in force', () => {
    const other = { ...policy, general: { minFen: 100, maxFen: 200 } };
    expect(checkAmount(other, 4, { major: false, fineFen: null }, 99, 'x')).toEqual({
      ok: false,
      reason: '一般隐患奖励应在 1 元至 2 元之间',
    });
    expect(checkAmount(other, 4, { major: false, fineFen: null }, 100, 'x').ok).toBe(true);
    expect(checkAmount(other, 4, { major: false, fineFen: null }, 200, 'x').ok).toBe(true);
    expect(checkAmount(other, 4, { major: false, fineFen: null }, 201, 'x').ok).toBe(false);
  });
  it('major: the basis is the formula, the inputs with the decided amount, the version and the note', () => {
    expect(checkAmount(policy, 7, { major: true, fineFen: 0 }, 300000, '未处罚款，按最低标准')).toEqual({
      ok: true,
      basis: {
        policyVersion: 7,
        rule: 'major',
        formula: 'min(30000000, max(300000, floor(罚款 × 1500 / 10000)))',
        inputs: {
          fineFen: 0,
          rateBasisPoints: 1500,
          rawFen: 0,
          minFen: 300000,
          maxFen: 30000000,
          amountFen: 300000,
        },
        note: '未处罚款，按最低标准',
      },
    });
  });
  it('major: the floor and the cap are the one amount; the officer cannot go round them', () => {
    const at = (fineFen: number, amountFen: number) => checkAmount(policy, 1, { major: true, fineFen }, amountFen, 'x');
    expect(at(1_999_999, 300000).ok).toBe(true);
    expect(at(1_999_999, 299999)).toEqual({
      ok: false,
      reason: '重大事故隐患奖励按政策应为 3,000 元（罚款 19,999.99 元的 15%）',
    });
    expect(at(200_000_001, 30000000).ok).toBe(true);
    expect(at(200_000_001, 30000001)).toEqual({
      ok: false,
      reason: '重大事故隐患奖励按政策应为 300,000 元（罚款 2,000,000.01 元的 15%）',
    });
  });
  it('major: the rate in the reason is the policy rate, in percent', () => {
    const other = { ...policy, major: { rateBasisPoints: 1250, minFen: 0, maxFen: 100_000_000 } };
    expect(checkAmount(other, 1, { major: true, fineFen: 10_000 }, 1, 'x')).toEqual({
      ok: false,
      reason: '重大事故隐患奖励按政策应为 12.50 元（罚款 100 元的 12.5%）',
    });
  });
  it('allowedRange follows the policy in force', () => {
    const other = { ...policy, general: { minFen: 100, maxFen: 200 } };
    expect(allowedRange(other, false, 3_000_000)).toEqual({ minFen: 100, maxFen: 200 });
    expect(allowedRange(policy, true, 0)).toEqual({ minFen: 300000, maxFen: 300000 });
    expect(allowedRange(policy, true, 3_000_000)).toEqual({ minFen: 450000, maxFen: 450000 });
  });
});

describe('eligibility: each rule alone, and each switched off', () => {
  const off = (rule: keyof RewardPolicy['eligibility']) => ({
    ...policy,
    eligibility: { ...policy.eligibility, [rule]: false },
  });
  const staff = { roles: ['resident', 'staff'] as const, departmentId: 'CJ' };
  const inEnt = { ...report, enterpriseId: 'ENT-DEMO' };
  const manager = { roles: ['resident', 'worker', 'safetyManager'] as const, enterpriseId: 'ENT-DEMO' };

  it('an unfounded report: never, whatever the switches', () => {
    const none = {
      ...policy,
      eligibility: {
        firstReporterOnly: false,
        excludeAlreadyKnown: false,
        excludeDepartmentStaff: false,
        excludeEnterpriseManagers: false,
      },
    };
    const answer = { eligible: false, rule: 'notFirstReporter', reason: '举报未经核查属实' };
    expect(eligibility(policy, { ...report, founded: false }, resident)).toEqual(answer);
    expect(eligibility(none, { ...report, founded: false }, resident)).toEqual(answer);
    expect(eligibility(none, { ...report, merged: true, alreadyKnown: true }, staff)).toEqual({ eligible: true });
  });
  it('first reporter only: a merged duplicate earns nothing, unless the policy says otherwise', () => {
    expect(eligibility(policy, { ...report, merged: true }, resident)).toEqual({
      eligible: false,
      rule: 'notFirstReporter',
      reason: '同一隐患已有更早的举报，奖励只给首位举报人',
    });
    expect(eligibility(off('firstReporterOnly'), { ...report, merged: true }, resident)).toEqual({ eligible: true });
  });
  it('already known: excluded, unless the policy says otherwise', () => {
    expect(eligibility(policy, { ...report, alreadyKnown: true }, resident)).toEqual({
      eligible: false,
      rule: 'alreadyKnown',
      reason: '该隐患此前已由部门发现并在处理中',
    });
    expect(eligibility(off('excludeAlreadyKnown'), { ...report, alreadyKnown: true }, resident)).toEqual({
      eligible: true,
    });
  });
  it("the responsible department's staff, head or admin (among other roles): excluded, unless switched off", () => {
    const answer = {
      eligible: false,
      rule: 'departmentStaff',
      reason: '举报人是负责处理该隐患部门的工作人员',
    };
    expect(eligibility(policy, report, staff)).toEqual(answer);
    for (const role of ['staff', 'head', 'admin'] as const)
      expect(eligibility(policy, report, { roles: ['resident', role], departmentId: 'CJ' })).toEqual(answer);
    expect(eligibility(off('excludeDepartmentStaff'), report, staff)).toEqual({ eligible: true });
    // Not the department: a leader of 安委办 reporting a 城建 hazard; nor a department person with no staff role.
    expect(eligibility(policy, report, { roles: ['resident', 'leader'], departmentId: 'CJ' })).toEqual({
      eligible: true,
    });
    expect(eligibility(policy, report, { roles: ['resident', 'staff'] })).toEqual({ eligible: true });
  });
  it("the enterprise's own safety manager (among other roles): excluded, unless switched off", () => {
    expect(eligibility(policy, inEnt, manager)).toEqual({
      eligible: false,
      rule: 'enterpriseManager',
      reason: '举报人是隐患所在企业的安全管理人员',
    });
    expect(eligibility(off('excludeEnterpriseManagers'), inEnt, manager)).toEqual({ eligible: true });
    // A hazard in no known enterprise: a manager with no enterprise on the account is not "its own" manager.
    expect(eligibility(policy, report, { roles: ['resident', 'safetyManager'] })).toEqual({ eligible: true });
    expect(eligibility(policy, { ...report, enterpriseId: '' }, { ...manager, enterpriseId: '' })).toEqual({
      eligible: true,
    });
  });
  it('the rules are taken in order: the first that excludes answers', () => {
    const both = { ...inEnt, merged: true, alreadyKnown: true };
    const everyone = { roles: ['staff', 'safetyManager'] as const, departmentId: 'CJ', enterpriseId: 'ENT-DEMO' };
    expect(eligibility(policy, both, everyone)).toMatchObject({ rule: 'notFirstReporter' });
    expect(eligibility(policy, { ...both, merged: false }, everyone)).toMatchObject({ rule: 'alreadyKnown' });
    expect(eligibility(policy, inEnt, everyone)).toMatchObject({ rule: 'departmentStaff' });
    expect(eligibility(off('excludeDepartmentStaff'), inEnt, everyone)).toMatchObject({ rule: 'enterpriseManager' });
  });
});

describe('yuan', () => {
  it.each([
    [0, '0 元'],
    [1, '0.01 元'],
    [10, '0.10 元'],
    [99, '0.99 元'],
    [100, '1 元'],
    [101, '1.01 元'],
    [123456789, '1,234,567.89 元'],
    [-1, '-0.01 元'],
    [-450000, '-4,500 元'],
  ])('%i fen → %s', (fen, text) => {
    expect(yuan(fen)).toBe(text);
  });
});
