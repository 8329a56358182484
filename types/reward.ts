// Rewards for founded reports (issue 8, DESIGN.md §6): the policy as data, the reward case, and the inputs
// of the `reward` function. Money is integer fen (分) everywhere.
import { z } from 'zod';
import { Paging } from './common';
import { PersonName } from './people';
import { CleanText, OptionalCleanText } from './text';
import { MobilePhone, TrackingCode } from './tipoff';

const Fen = z
  .number({ invalid_type_error: '金额应为数字（分）' })
  .int('金额应为整数（分）')
  .min(0, '金额不能为负')
  .max(100_000_000_000, '金额过大');

/** config/town/reward-policy.json, and every version 安委办 sets after it. */
export const RewardPolicy = z
  .object({
    source: z.string().max(500).optional(),
    general: z
      .object({ minFen: Fen, maxFen: Fen })
      .strict()
      .refine((g) => g.minFen <= g.maxFen, { message: '一般隐患奖励下限不能高于上限', path: ['maxFen'] }),
    major: z
      .object({
        /** 1500 = 15 % of the fine. */
        rateBasisPoints: z.number().int().min(0).max(10_000),
        minFen: Fen,
        maxFen: Fen,
      })
      .strict()
      .refine((m) => m.minFen <= m.maxFen, { message: '重大隐患奖励下限不能高于上限', path: ['maxFen'] }),
    eligibility: z
      .object({
        firstReporterOnly: z.boolean(),
        excludeAlreadyKnown: z.boolean(),
        excludeDepartmentStaff: z.boolean(),
        excludeEnterpriseManagers: z.boolean(),
      })
      .strict(),
  })
  .strict();
export type RewardPolicy = z.infer<typeof RewardPolicy>;

/**
 * - `awaitingFine`: a founded major hazard whose fine the department has not recorded yet;
 * - `open`: ready for the officer's decision (also after the leader sent a decision back);
 * - `decided`: an amount decided, waiting for the leader; `approved`: waiting for payment; `paid`: done;
 * - `refused`: no reward (the officer's reason, or an eligibility rule at opening).
 */
export const REWARD_STATUSES = ['awaitingFine', 'open', 'decided', 'approved', 'paid', 'refused'] as const;
export const RewardStatus = z.enum(REWARD_STATUSES);
export type RewardStatus = z.infer<typeof RewardStatus>;
export const REWARD_STATUS_LABELS: Record<RewardStatus, string> = {
  awaitingFine: '待录入罚款',
  open: '待核定',
  decided: '待审批',
  approved: '待发放',
  paid: '已发放',
  refused: '不予奖励',
};

/** Which rule a decision rests on. */
export type RewardRule =
  | 'general'
  | 'major'
  | 'notFirstReporter'
  | 'alreadyKnown'
  | 'departmentStaff'
  | 'enterpriseManager'
  | 'officerRefused';

/** What every decision stores: the policy version it was judged under, the rule, the formula and its inputs. */
export interface RewardBasis {
  policyVersion: number;
  rule: RewardRule;
  formula: string;
  inputs: Record<string, number | string | boolean>;
  /** The officer's words (the reason of a refusal). */
  note?: string;
}

const Id = z.string().min(1).max(64);
const Basis = CleanText(2, 500, { min: '请填写核定依据（至少 2 个字）', max: '核定依据不超过 500 字' });

export const RewardPendingInput = Paging.extend({ status: RewardStatus.optional() }).strict();
export type RewardPendingInput = z.input<typeof RewardPendingInput>;

export const RewardMineInput = Paging.strict();
export type RewardMineInput = z.input<typeof RewardMineInput>;

/**
 * `reward.decide`: `approved` true → `amount` (fen) within policy (a major hazard: exactly the computed amount);
 * false → no reward, `basis` is the reason told to the reporter. `enterpriseId`: the enterprise the hazard is
 * in, when known, so its own managers are not rewarded.
 */
export const RewardDecideInput = z
  .object({
    reportId: Id,
    approved: z.boolean(),
    amount: Fen.optional(),
    basis: Basis,
    enterpriseId: Id.optional(),
  })
  .strict()
  .refine((v) => !v.approved || v.amount !== undefined, { message: '请填写奖励金额（分）', path: ['amount'] });
export type RewardDecideInput = z.input<typeof RewardDecideInput>;

export const RewardApproveInput = z
  .object({
    rewardId: Id,
    approved: z.boolean(),
    note: OptionalCleanText(500, '说明不超过 500 字'),
  })
  .strict()
  .refine((v) => v.approved || !!v.note, { message: '退回时请写明原因', path: ['note'] });
export type RewardApproveInput = z.input<typeof RewardApproveInput>;

export const RewardPayInput = z
  .object({
    rewardId: Id,
    reference: CleanText(2, 64, { min: '请填写发放凭证号', max: '凭证号不超过 64 字' }, { singleLine: true }),
  })
  .strict();
export type RewardPayInput = z.input<typeof RewardPayInput>;

/** `queue.fine`: the fine imposed for a founded hazard (a major hazard's reward is computed from it). */
export const QueueFineInput = z.object({ id: Id, amountFen: Fen }).strict();
export type QueueFineInput = z.input<typeof QueueFineInput>;

export const RewardSetPolicyInput = z
  .object({ policy: RewardPolicy, note: CleanText(2, 200, { min: '请写明修改原因', max: '原因不超过 200 字' }) })
  .strict();
export type RewardSetPolicyInput = z.input<typeof RewardSetPolicyInput>;

/** What the officer and the leader see of a case: never who the reporter is. */
export interface RewardCase {
  id: string;
  tipoffId: string;
  tipoffNo: string;
  status: RewardStatus;
  major: boolean;
  anonymous: boolean;
  /** An anonymous case: whether someone claimed it with its 查询码 (it can be paid only then). Never who. */
  claimed?: boolean;
  fineFen: number | null;
  /** The policy's range (general) or computed amount (major) for this case now, to decide within. */
  suggestion: { minFen: number; maxFen: number; policyVersion: number } | null;
  amountFen: number | null;
  basis: RewardBasis | null;
  decidedBy?: string;
  approvalNote?: string;
  reference?: string;
  history: { at: string; to: RewardStatus; note: string }[];
  createdAt: string;
  updatedAt: string;
}

/** What the reporter sees of their own reward (我的奖励). */
export interface MyReward {
  id: string;
  tipoffNo: string;
  status: RewardStatus;
  statusLabel: string;
  amountFen: number | null;
  note: string;
  updatedAt: string;
}

export interface RewardPolicyView {
  version: number;
  policy: RewardPolicy;
  by: string;
  at: string;
}

// ---- Anonymous claim and the officer's audited identity read (issue 8, second slice) ----

/** `reward.byCode {trackingCode}`: anyone holding a report's 查询码 sees that report's reward decision. */
export const RewardByCodeInput = z.object({ trackingCode: TrackingCode }).strict();
export type RewardByCodeInput = z.input<typeof RewardByCodeInput>;

/** What a 查询码 holder sees: like MyReward, plus whether it can (still) be claimed. */
export interface CodeReward extends MyReward {
  anonymous: boolean;
  /** true once a claim bound a name and phone to it (the first claim wins). */
  claimed: boolean;
  /** true when this caller may claim now: anonymous, not refused, not yet claimed. */
  claimable: boolean;
}

/**
 * `reward.claim {trackingCode, name, phone}`: the holder of an anonymous report's 查询码 gives the name and
 * phone the reward is paid to. The first claim binds; later ones are refused. Guessing codes counts against
 * the `claim` rate limit, right and wrong codes alike.
 */
export const RewardClaimInput = z
  .object({
    trackingCode: TrackingCode,
    name: PersonName,
    phone: MobilePhone,
  })
  .strict();
export type RewardClaimInput = z.input<typeof RewardClaimInput>;

/** `reward.identity {rewardId, reason}`: the officer reads who to pay; every read is audited. */
export const RewardIdentityInput = z
  .object({
    rewardId: Id,
    reason: CleanText(4, 200, { min: '请写明查看原因（至少 4 个字）', max: '原因不超过 200 字' }),
  })
  .strict();
export type RewardIdentityInput = z.input<typeof RewardIdentityInput>;

export interface RewardIdentity {
  rewardId: string;
  tipoffNo: string;
  anonymous: boolean;
  /** `report`: the name and phone given with a named report; `claim`: given when an anonymous reward was claimed. */
  source: 'report' | 'claim' | 'none';
  name?: string;
  phone?: string;
  claimedAt?: string;
  readAt: string;
}

/** `reward.identityReads`: the leader's list of every identity read (who, when, which case, why). */
export const RewardIdentityReadsInput = Paging.strict();
export type RewardIdentityReadsInput = z.input<typeof RewardIdentityReadsInput>;

export interface IdentityRead {
  id: string;
  rewardId: string;
  tipoffNo: string;
  /** Display name of the reader (never an openid). */
  readerName: string;
  reason: string;
  at: string;
}
