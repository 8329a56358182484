// The reward rules (issue 8, DESIGN.md §6), pure: who is eligible and how much, each answer with the
// policy version and its basis (rule, formula, inputs) so the decision can be stored and read back later.
import { formatYuan } from '../../types/money';
import policyFile from '../../config/town/reward-policy.json';
import { RewardPolicy, type RewardBasis, type RewardRule } from '../../types/reward';
import type { Role } from '../../types';
import type { ConfigEntry } from './town-config';

export const REWARD_POLICY: ConfigEntry<RewardPolicy> = {
  key: 'rewardPolicy',
  seed: RewardPolicy.parse(policyFile),
  schema: RewardPolicy,
};

/** What the rules need to know of the founded report (never who the reporter is). */
export interface RewardCaseFacts {
  founded: boolean;
  /** Merged into an earlier report, so not the first reporter. */
  merged: boolean;
  /** The department had already found the hazard and was handling it (recorded at verify). */
  alreadyKnown: boolean;
  /** The department responsible for the case. */
  departmentId: string;
  /** The enterprise the hazard is in, when known. */
  enterpriseId?: string;
}

/** What the rules need to know of the reporter (read from their account on the server, never returned). */
export interface ReporterFacts {
  roles: readonly Role[];
  departmentId?: string;
  enterpriseId?: string;
}

export type Eligibility = { eligible: true } | { eligible: false; rule: RewardRule; reason: string };

const DEPARTMENT_ROLES: readonly Role[] = ['staff', 'head', 'admin'];

/** The first rule that excludes this report from a reward, or eligible. */
export function eligibility(policy: RewardPolicy, report: RewardCaseFacts, reporter: ReporterFacts): Eligibility {
  const rules = policy.eligibility;
  if (!report.founded) return { eligible: false, rule: 'notFirstReporter', reason: '举报未经核查属实' };
  if (rules.firstReporterOnly && report.merged) {
    return { eligible: false, rule: 'notFirstReporter', reason: '同一隐患已有更早的举报，奖励只给首位举报人' };
  }
  if (rules.excludeAlreadyKnown && report.alreadyKnown) {
    return { eligible: false, rule: 'alreadyKnown', reason: '该隐患此前已由部门发现并在处理中' };
  }
  if (
    rules.excludeDepartmentStaff &&
    reporter.departmentId === report.departmentId &&
    reporter.roles.some((r) => DEPARTMENT_ROLES.includes(r))
  ) {
    return { eligible: false, rule: 'departmentStaff', reason: '举报人是负责处理该隐患部门的工作人员' };
  }
  if (
    rules.excludeEnterpriseManagers &&
    !!report.enterpriseId &&
    reporter.enterpriseId === report.enterpriseId &&
    reporter.roles.includes('safetyManager')
  ) {
    return { eligible: false, rule: 'enterpriseManager', reason: '举报人是隐患所在企业的安全管理人员' };
  }
  return { eligible: true };
}

/**
 * The amount a major hazard earns: rateBasisPoints of the fine (1500 = 15 %), rounded DOWN to the whole fen
 * (integer arithmetic, never paid more than the rate), then clamped to [minFen, maxFen]. A fine of 0 (none
 * imposed) earns the floor: the national rules give at least ¥3,000 for a founded major hazard.
 */
export function majorAmount(
  policy: RewardPolicy,
  fineFen: number,
): { amountFen: number; basis: Omit<RewardBasis, 'policyVersion'> } {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError(`fine must be whole fen ≥ 0: ${fineFen}`);
  const { rateBasisPoints, minFen, maxFen } = policy.major;
  const raw = Math.floor((fineFen * rateBasisPoints) / 10_000);
  const amountFen = Math.min(maxFen, Math.max(minFen, raw));
  return {
    amountFen,
    basis: {
      rule: 'major',
      formula: `min(${maxFen}, max(${minFen}, floor(罚款 × ${rateBasisPoints} / 10000)))`,
      inputs: { fineFen, rateBasisPoints, rawFen: raw, minFen, maxFen },
    },
  };
}

/** What the officer may decide for this case now: a range (general) or the one amount (major). */
export function allowedRange(
  policy: RewardPolicy,
  major: boolean,
  fineFen: number | null,
): { minFen: number; maxFen: number } | null {
  if (!major) return { minFen: policy.general.minFen, maxFen: policy.general.maxFen };
  if (fineFen === null) return null;
  const { amountFen } = majorAmount(policy, fineFen);
  return { minFen: amountFen, maxFen: amountFen };
}

export type AmountCheck = { ok: true; basis: RewardBasis } | { ok: false; reason: string };

/** Whether `amountFen` is within policy for this case, and the basis the decision stores. */
export function checkAmount(
  policy: RewardPolicy,
  policyVersion: number,
  c: { major: boolean; fineFen: number | null },
  amountFen: number,
  note: string,
): AmountCheck {
  if (c.major) {
    if (c.fineFen === null) return { ok: false, reason: '重大事故隐患的奖励须待责任部门录入罚款金额后核定' };
    const { amountFen: due, basis } = majorAmount(policy, c.fineFen);
    if (amountFen !== due) {
      return {
        ok: false,
        reason: `重大事故隐患奖励按政策应为 ${yuan(due)}（罚款 ${yuan(c.fineFen)}的 ${pct(policy)}）`,
      };
    }
    return { ok: true, basis: { ...basis, policyVersion, inputs: { ...basis.inputs, amountFen }, note } };
  }
  const { minFen, maxFen } = policy.general;
  if (amountFen < minFen || amountFen > maxFen) {
    return { ok: false, reason: `一般隐患奖励应在 ${yuan(minFen)}至 ${yuan(maxFen)}之间` };
  }
  return {
    ok: true,
    basis: {
      policyVersion,
      rule: 'general',
      formula: `${minFen} ≤ 核定金额 ≤ ${maxFen}`,
      inputs: { amountFen, minFen, maxFen },
      note,
    },
  };
}

/** Fen as 元, the way the app writes money (types/money.ts): 450000 → "4,500 元", 1250 → "12.50 元". */
export const yuan = formatYuan;

const pct = (policy: RewardPolicy) => `${policy.major.rateBasisPoints / 100}%`;
