// 举报奖励 (issue 8, DESIGN.md §6): a founded report opens a reward case (queue.act verify); the officer
// (安委办, admin) decides an amount within policy or refuses with a reason; a leader who is not the decider
// approves or sends it back; the officer records the payment. Every step is a state change of the one
// reward document inside a transaction, so a reward is decided, approved and paid at most once, however
// many calls race. The reporter is told at each step, addressed by reporter key (never by openid).
import { z } from 'zod';
import {
  QueueFineInput,
  REWARD_STATUS_LABELS,
  RewardApproveInput,
  RewardByCodeInput,
  RewardClaimInput,
  RewardDecideInput,
  RewardIdentityInput,
  RewardIdentityReadsInput,
  RewardMineInput,
  RewardPayInput,
  RewardPendingInput,
  RewardSetPolicyInput,
  type CodeReward,
  type IdentityRead,
  type MyReward,
  type RewardBasis,
  type RewardCase,
  type RewardIdentity,
  type RewardPolicyView,
  type RewardStatus,
} from '../../../types/reward';
import type { Page } from '../../../types';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import type { Transaction } from '../db';
import type { CoreDeps } from '../deps';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { reporterKey } from '../ids';
import { openIdentity, openJson, REPORTER_IDENTITIES, sealJson, type ReporterIdentityDoc } from '../identity';
import { isSafetyOfficer, type Actor } from '../lifecycle';
import { addMessage } from '../messages';
import { limitAction } from '../rate-limit';
import { allowedRange, checkAmount, eligibility, REWARD_POLICY, yuan, type ReporterFacts } from '../rewards';
import { fetchPage, findById, txExists, txGet } from '../store';
import { isoTown } from '../time';
import { TIPOFFS, type TipoffDoc } from '../tipoffs';
import { readConfig, readConfigTx, setConfig } from '../town-config';
import { runTransaction } from '../transaction';
import { hasAnyRole, USERS, type UserDoc } from '../users';

export const REWARDS = 'rewards';

/** pending: by status, oldest first; mine: the reporter's own, newest first. */
export const REWARD_INDEXES: string[][] = [
  ['status', 'createdAt', '_id'],
  ['reporterKey', 'createdAt', '_id'],
  // user.deleteMe finds the claims a person made with a 查询码 (privacy.ts forgetClaims).
  ['claim.by'],
];

/**
 * Every read of who a reporter (or an anonymous reward's claimant) is: written in the same transaction as
 * the read itself, so no identity leaves without its record. The leader lists them, newest first.
 */
export const IDENTITY_READS = 'identityReads';
export const IDENTITY_READ_INDEXES: string[][] = [['at', '_id']];

export interface IdentityReadDoc {
  _id: string;
  rewardId: string;
  tipoffNo: string;
  /** The officer's openid: kept for the record, never in a response. */
  reader: string;
  readerName: string;
  reason: string;
  at: string;
}

/** One case per report: the id is derived, so a second opening cannot make a second case. */
export const rewardIdFor = (tipoffId: string) => `rw_${tipoffId}`;

export interface RewardHistoryEntry {
  at: string;
  to: RewardStatus;
  /** Staff-facing note (the basis, the approver's note, the payment reference). */
  note: string;
  /** Display name of who took the step (`系统` for the rules at opening). */
  by: string;
}

export interface RewardDoc {
  _id: string;
  tipoffId: string;
  tipoffNo: string;
  reporterKey: string;
  departmentId: string;
  major: boolean;
  anonymous: boolean;
  status: RewardStatus;
  fineFen: number | null;
  enterpriseId?: string;
  amountFen: number | null;
  basis: RewardBasis | null;
  /** openids kept for the four-eyes rule; never in a response. */
  decidedBy?: string;
  approvedBy?: string;
  paidBy?: string;
  approvalNote?: string;
  reference?: string;
  paidAt?: string;
  /** What the reporter is shown now (我的奖励). */
  reporterNote: string;
  /**
   * An anonymous reward's claim (the first one binds): the name and phone given with the 查询码, sealed
   * like a reporter's identity and bound to this case (`claimAad`); read only through reward.identity.
   * `by`: the claimant's reporterKey (an HMAC of the openid, never the openid): the claimant takes no step on
   * the case, and user.deleteMe finds their claims by it (`deleted:claim:…` once they deleted their data).
   */
  claim?: { sealed: string; at: string; by?: string };
  history: RewardHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

const SYSTEM = '系统';
const byName = (user: Pick<UserDoc, '_id' | 'displayName'>) => user.displayName ?? '镇安委办';

/**
 * The reporter's account facts the eligibility rules need, read on the server only: the sealed identity
 * gives the openid, the account its roles. Nothing of it is stored on the case or returned.
 */
async function reporterFacts(tx: Transaction, deps: Pick<CoreDeps, 'reporterKeySecret'>, tipoffId: string) {
  const resident: ReporterFacts = { roles: ['resident'] };
  if (!(await txExists(tx, REPORTER_IDENTITIES, tipoffId))) return resident;
  const sealed = await txGet<ReporterIdentityDoc>(tx, REPORTER_IDENTITIES, tipoffId);
  const { openid } = openIdentity(sealed.sealed, tipoffId, deps.reporterKeySecret);
  // A report staff recorded from another channel (queue.record) has no account behind it.
  if (!openid || !(await txExists(tx, USERS, openid))) return resident;
  const user = await txGet<UserDoc>(tx, USERS, openid);
  return { roles: user.roles, departmentId: user.departmentId, enterpriseId: user.enterpriseId } as ReporterFacts;
}

async function tellReporter(
  tx: Transaction,
  doc: Pick<RewardDoc, 'reporterKey' | 'tipoffId' | 'tipoffNo'>,
  title: string,
  body: string,
  at: string,
) {
  await addMessage(tx, {
    recipient: doc.reporterKey,
    title,
    body,
    tipoffId: doc.tipoffId,
    tipoffNo: doc.tipoffNo,
    read: false,
    createdAt: at,
  });
}

/**
 * Inside queue.act's verify transaction, when a report is found founded: opens its reward case (once), judged
 * by the eligibility rules of the current policy. A major hazard waits for its fine; an excluded report is
 * refused at once with the rule, the policy version and the reason.
 */
export async function openRewardCase(
  tx: Transaction,
  deps: Pick<CoreDeps, 'reporterKeySecret'>,
  doc: TipoffDoc,
  alreadyKnown: boolean,
  at: string,
): Promise<void> {
  const id = rewardIdFor(doc._id);
  if (await txExists(tx, REWARDS, id)) return;
  const { version, data: policy } = await readConfigTx(tx, REWARD_POLICY);
  const enterpriseId = (doc as TipoffDoc & { enterpriseId?: string }).enterpriseId;
  const verdict = eligibility(
    policy,
    { founded: true, merged: doc.status === 'merged', alreadyKnown, departmentId: doc.departmentId, enterpriseId },
    await reporterFacts(tx, deps, doc._id),
  );
  const base = {
    tipoffId: doc._id,
    tipoffNo: doc.no,
    reporterKey: doc.reporterKey,
    departmentId: doc.departmentId,
    major: doc.major,
    anonymous: doc.anonymous,
    fineFen: null,
    ...(enterpriseId ? { enterpriseId } : {}),
    amountFen: null,
    createdAt: at,
    updatedAt: at,
  };
  let reward: Omit<RewardDoc, '_id'>;
  // A refusal for who the reporter is (the department's own staff, the enterprise's manager) is left to the
  // officer: refused at once, the department would see that its case's reporter is one of its own (queue.detail
  // shows the reward's state). The case opens like any other; `decide` refuses an amount for it with the rule.
  const personRule = !verdict.eligible && (verdict.rule === 'departmentStaff' || verdict.rule === 'enterpriseManager');
  if (!verdict.eligible && !personRule) {
    const reporterNote = `${doc.no} 不予奖励：${verdict.reason}。`;
    reward = {
      ...base,
      status: 'refused',
      basis: { policyVersion: version, rule: verdict.rule, formula: '不符合奖励条件', inputs: { alreadyKnown } },
      reporterNote,
      history: [{ at, to: 'refused', note: verdict.reason, by: SYSTEM }],
    };
    await tellReporter(tx, base, '举报奖励：不予奖励', reporterNote, at);
  } else {
    const status: RewardStatus = doc.major ? 'awaitingFine' : 'open';
    const reporterNote = doc.major
      ? `${doc.no} 经核查属于重大事故隐患，奖励将在责任部门确定罚款后按政策核定。`
      : `${doc.no} 经核查属实，已进入奖励核定。`;
    reward = {
      ...base,
      status,
      basis: null,
      reporterNote,
      history: [{ at, to: status, note: '举报经核查属实，开立奖励案件', by: SYSTEM }],
    };
    await tellReporter(tx, base, '举报奖励：进入核定', reporterNote, at);
  }
  await tx
    .collection(REWARDS)
    .doc(id)
    .set({ data: { ...reward } });
  await addAudit(tx, {
    actor: SYSTEM,
    actorRoles: [],
    action: 'reward.open',
    targetType: 'reward',
    targetId: id,
    to: reward.status,
    detail: {
      tipoffId: doc._id,
      policyVersion: version,
      eligible: verdict.eligible,
      ...(verdict.eligible ? {} : { rule: verdict.rule }),
    },
    at,
  });
}

/** A department member of the case, or 安委办 (queue.detail shows the fine form by the same rule). */
export function mayRecordFine(actor: Actor, doc: TipoffDoc, ctx: ActionContext): boolean {
  return (
    (actor.departmentId === doc.departmentId && hasAnyRole(actor, ['staff', 'head', 'admin'])) ||
    isSafetyOfficer(actor, ctx.town)
  );
}

const DECIDED: readonly RewardStatus[] = ['decided', 'approved', 'paid'];

/**
 * `queue.fine {id, amountFen}`: the department records the fine imposed for a founded hazard (also after
 * 销号). A major hazard's reward waits for it; it may be corrected until the reward is decided.
 */
export const rewardQueueActions = {
  fine: action({
    input: QueueFineInput,
    async run(ctx, input): Promise<{ id: string; fineFen: number; rewardStatus: RewardStatus | null }> {
      const { db, user } = ctx;
      const at = isoTown(ctx.now());
      return runTransaction(db, async (tx) => {
        const doc = await txGet<TipoffDoc>(tx, TIPOFFS, input.id, '举报');
        if (!mayRecordFine(user, doc, ctx)) throw forbidden('该举报不属于您的部门');
        if (!doc.verification?.founded) throw conflict(`${doc.no} 未经核查属实，不能录入罚款`);
        const rewardId = rewardIdFor(doc._id);
        const reward = (await txExists(tx, REWARDS, rewardId)) ? await txGet<RewardDoc>(tx, REWARDS, rewardId) : null;
        if (reward && DECIDED.includes(reward.status) && reward.fineFen !== input.amountFen) {
          throw conflict(`${doc.no} 的奖励已核定，不能再修改罚款金额`);
        }
        const fine = { amountFen: input.amountFen, at, by: byName(user) };
        await tx
          .collection(TIPOFFS)
          .doc(doc._id)
          .update({ data: { fine: db.command.set(fine), updatedAt: at } });
        let rewardStatus: RewardStatus | null = reward?.status ?? null;
        if (reward && !DECIDED.includes(reward.status)) {
          const ready = reward.status === 'awaitingFine';
          rewardStatus = ready ? 'open' : reward.status;
          const history = [
            ...reward.history,
            { at, to: rewardStatus, note: `录入罚款 ${yuan(input.amountFen)}`, by: byName(user) },
          ];
          const reporterNote = ready ? `${doc.no} 罚款已确定，奖励进入核定。` : reward.reporterNote;
          await tx
            .collection(REWARDS)
            .doc(rewardId)
            .update({ data: { fineFen: input.amountFen, status: rewardStatus, history, reporterNote, updatedAt: at } });
          if (ready) await tellReporter(tx, reward, '举报奖励：进入核定', reporterNote, at);
        }
        await addAudit(tx, {
          actor: user._id,
          actorRoles: user.roles,
          action: 'tipoff.fine',
          targetType: 'tipoff',
          targetId: doc._id,
          ...(doc.fine ? { from: String(doc.fine.amountFen) } : {}),
          to: String(input.amountFen),
          detail: { amountFen: input.amountFen, departmentId: doc.departmentId, rewardStatus },
          at,
        });
        return { id: doc._id, fineFen: input.amountFen, rewardStatus };
      });
    },
  }),
};

function toRewardCase(
  doc: RewardDoc,
  policy: { version: number; data: Parameters<typeof allowedRange>[0] },
): RewardCase {
  const range = doc.status === 'open' ? allowedRange(policy.data, doc.major, doc.fineFen) : null;
  return {
    id: doc._id,
    tipoffId: doc.tipoffId,
    tipoffNo: doc.tipoffNo,
    status: doc.status,
    major: doc.major,
    anonymous: doc.anonymous,
    ...(doc.anonymous ? { claimed: !!doc.claim } : {}),
    fineFen: doc.fineFen,
    suggestion: range ? { ...range, policyVersion: policy.version } : null,
    amountFen: doc.amountFen,
    basis: doc.basis,
    ...(doc.approvalNote ? { approvalNote: doc.approvalNote } : {}),
    ...(doc.reference ? { reference: doc.reference } : {}),
    history: doc.history.map(({ at, to, note }) => ({ at, to, note })),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

const OPEN_REWARD_STATUSES: RewardStatus[] = ['awaitingFine', 'open', 'decided', 'approved'];

/**
 * Never the reporter (access.ts): whoever filed the report, or claimed its reward with the 查询码, takes no step
 * on it (decide, approve, pay). Compared by reporter key, so nothing about the reporter is stored or shown.
 */
function assertNotOwn(ctx: ActionContext, doc: RewardDoc): void {
  const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
  if (doc.reporterKey === key || doc.claim?.by === key) {
    throw forbidden('不能处理本人举报或本人认领的奖励，请由其他工作人员办理');
  }
}

/** Reads the case in the transaction and checks its state; a wrong state writes nothing. */
async function caseIn(tx: Transaction, id: string, states: readonly RewardStatus[]): Promise<RewardDoc> {
  const doc = await txGet<RewardDoc>(tx, REWARDS, id, '奖励案件');
  if (!states.includes(doc.status)) {
    if (doc.status === 'paid') throw conflict(`${doc.tipoffNo} 的奖励已发放，不能重复操作`);
    throw conflict(`${doc.tipoffNo} 的奖励当前为「${REWARD_STATUS_LABELS[doc.status]}」，不能进行该操作，请刷新后重试`);
  }
  return doc;
}

async function stepAudit(
  tx: Transaction,
  ctx: ActionContext,
  name: string,
  doc: RewardDoc,
  to: RewardStatus,
  detail: Record<string, unknown>,
  at: string,
) {
  await addAudit(tx, {
    actor: ctx.user._id,
    actorRoles: ctx.user.roles,
    action: `reward.${name}`,
    targetType: 'reward',
    targetId: doc._id,
    from: doc.status,
    to,
    detail: { tipoffId: doc.tipoffId, ...detail },
    at,
  });
}

// ---- The anonymous claim and the officer's audited identity read ----

/** A claim's seal opens only on the case it was given for (AES-GCM associated data). */
export const claimAad = (rewardId: string) => `claim:${rewardId}`;

interface ClaimIdentity {
  name: string;
  phone: string;
}

/** An unknown code and a report without a reward case read the same: a guess learns nothing. */
const NO_REWARD = '查询码不正确，或该举报暂无奖励信息';

/** Who to pay is read only once a leader approved the amount (to pay it), or after, to account for it. */
const IDENTITY_READABLE: readonly RewardStatus[] = ['approved', 'paid'];

function toMyReward(d: RewardDoc): MyReward {
  return {
    id: d._id,
    tipoffNo: d.tipoffNo,
    status: d.status,
    statusLabel: REWARD_STATUS_LABELS[d.status],
    // The amount is the reporter's once approved; before that it may still change.
    amountFen: d.status === 'approved' || d.status === 'paid' ? d.amountFen : null,
    note: d.reporterNote,
    updatedAt: d.updatedAt,
  };
}

function toCodeReward(d: RewardDoc): CodeReward {
  const claimed = !!d.claim;
  return {
    ...toMyReward(d),
    anonymous: d.anonymous,
    claimed,
    claimable: d.anonymous && !claimed && d.status !== 'refused' && d.status !== 'paid',
  };
}

/** The reward case id of the report holding `trackingCode` (a query: outside any transaction). */
async function rewardIdByCode(ctx: ActionContext, trackingCode: string): Promise<string> {
  const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ trackingCode }).limit(1).get();
  if (!data[0]) throw notFound(NO_REWARD);
  return rewardIdFor(data[0]._id);
}

export const rewardFunction = defineFunction('reward', {
  policy: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<RewardPolicyView> {
      const doc = await readConfig(ctx.db, REWARD_POLICY);
      return { version: doc.version, policy: doc.data, by: doc.by, at: doc.at };
    },
  }),

  setPolicy: action({
    input: RewardSetPolicyInput,
    async run(ctx, input): Promise<RewardPolicyView> {
      const at = isoTown(ctx.now());
      const { current } = await runTransaction(ctx.db, async (tx) => {
        const result = await setConfig(tx, REWARD_POLICY, input.policy, byName(ctx.user), at, input.note);
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: 'reward.setPolicy',
          targetType: 'config',
          targetId: REWARD_POLICY.key,
          from: String(result.previous.version),
          to: String(result.current.version),
          detail: { policy: input.policy, note: input.note },
          at,
        });
        return result;
      });
      return { version: current.version, policy: current.data, by: current.by, at: current.at };
    },
  }),

  pending: action({
    input: RewardPendingInput,
    async run(ctx, input): Promise<Page<RewardCase>> {
      const _ = ctx.db.command;
      const { page, pageSize } = input;
      const where = { status: input.status ?? _.in(OPEN_REWARD_STATUSES) };
      const query = ctx.db.collection<RewardDoc>(REWARDS).where(where);
      const [{ data, total }, policy] = await Promise.all([
        fetchPage(query, { page, pageSize }, [['createdAt', 'asc']]),
        readConfig(ctx.db, REWARD_POLICY),
      ]);
      return { items: data.map((d) => toRewardCase(d, policy)), total, page, pageSize };
    },
  }),

  decide: action({
    input: RewardDecideInput,
    async run(ctx, input): Promise<{ id: string; status: RewardStatus }> {
      const at = isoTown(ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const id = rewardIdFor(input.reportId);
        const doc = await caseIn(tx, id, ['open', 'awaitingFine']);
        assertNotOwn(ctx, doc);
        if (doc.status === 'awaitingFine' && input.approved) {
          throw conflict(`${doc.tipoffNo} 为重大事故隐患，须待责任部门录入罚款金额后核定`);
        }
        const { version, data: policy } = await readConfigTx(tx, REWARD_POLICY);
        const by = byName(ctx.user);
        const enterpriseId = input.enterpriseId ?? doc.enterpriseId;
        let set: Partial<RewardDoc>;
        let title: string;
        if (!input.approved) {
          const reporterNote = `${doc.tipoffNo} 不予奖励：${input.basis}`;
          set = {
            status: 'refused',
            amountFen: null,
            basis: {
              policyVersion: version,
              rule: 'officerRefused',
              formula: '不予奖励',
              inputs: {},
              note: input.basis,
            },
            reporterNote,
          };
          title = '举报奖励：不予奖励';
        } else {
          const verdict = eligibility(
            policy,
            { founded: true, merged: false, alreadyKnown: false, departmentId: doc.departmentId, enterpriseId },
            await reporterFacts(tx, ctx, doc.tipoffId),
          );
          if (!verdict.eligible) throw conflict(`不符合奖励条件：${verdict.reason}（可选择不予奖励）`);
          const check = checkAmount(policy, version, doc, input.amount ?? -1, input.basis);
          if (!check.ok) {
            throw new AppError('INVALID_INPUT', `输入有误：${check.reason}`, [
              { path: 'amount', message: check.reason },
            ]);
          }
          set = {
            status: 'decided',
            amountFen: input.amount ?? null,
            basis: check.basis,
            decidedBy: ctx.user._id,
            reporterNote: `${doc.tipoffNo} 已核定奖励金额，正在审批。`,
          };
          title = '举报奖励：已核定金额';
        }
        const to = set.status as RewardStatus;
        const history = [...doc.history, { at, to, note: input.basis, by }];
        await tx
          .collection(REWARDS)
          .doc(id)
          .update({
            data: {
              ...set,
              basis: ctx.db.command.set(set.basis),
              ...(input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}),
              history,
              updatedAt: at,
            },
          });
        await tellReporter(tx, doc, title, set.reporterNote as string, at);
        await stepAudit(
          tx,
          ctx,
          'decide',
          doc,
          to,
          { approved: input.approved, amountFen: set.amountFen, basis: set.basis },
          at,
        );
        return { id, status: to };
      });
    },
  }),

  approve: action({
    input: RewardApproveInput,
    async run(ctx, input): Promise<{ id: string; status: RewardStatus }> {
      const at = isoTown(ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const doc = await caseIn(tx, input.rewardId, ['decided']);
        assertNotOwn(ctx, doc);
        if (doc.decidedBy === ctx.user._id) throw forbidden('核定奖励的人员不能审批自己的核定');
        const to: RewardStatus = input.approved ? 'approved' : 'open';
        const note = input.note ?? (input.approved ? '审批通过' : '退回重新核定');
        const reporterNote = input.approved
          ? `${doc.tipoffNo} 奖励 ${yuan(doc.amountFen ?? 0)} 已审批，等待发放。`
          : `${doc.tipoffNo} 奖励金额需重新核定。`;
        await tx
          .collection(REWARDS)
          .doc(doc._id)
          .update({
            data: {
              status: to,
              approvalNote: note,
              ...(input.approved ? { approvedBy: ctx.user._id } : {}),
              reporterNote,
              history: [...doc.history, { at, to, note, by: byName(ctx.user) }],
              updatedAt: at,
            },
          });
        await tellReporter(tx, doc, input.approved ? '举报奖励：已审批' : '举报奖励：重新核定', reporterNote, at);
        await stepAudit(tx, ctx, 'approve', doc, to, { approved: input.approved, note, amountFen: doc.amountFen }, at);
        return { id: doc._id, status: to };
      });
    },
  }),

  pay: action({
    input: RewardPayInput,
    async run(ctx, input): Promise<{ id: string; status: RewardStatus }> {
      const at = isoTown(ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const doc = await caseIn(tx, input.rewardId, ['approved']);
        assertNotOwn(ctx, doc);
        // Nobody to pay yet: the holder of the 查询码 has not given a name and phone.
        if (doc.anonymous && !doc.claim) {
          throw conflict(`${doc.tipoffNo}：匿名举报奖励尚未认领，须待举报人凭查询码登记姓名和手机号后才能发放`);
        }
        const reporterNote = `${doc.tipoffNo} 奖励 ${yuan(doc.amountFen ?? 0)} 已发放。感谢您对安全生产的支持！`;
        await tx
          .collection(REWARDS)
          .doc(doc._id)
          .update({
            data: {
              status: 'paid',
              reference: input.reference,
              paidAt: at,
              paidBy: ctx.user._id,
              reporterNote,
              history: [
                ...doc.history,
                { at, to: 'paid', note: `已发放，凭证 ${input.reference}`, by: byName(ctx.user) },
              ],
              updatedAt: at,
            },
          });
        await tellReporter(tx, doc, '举报奖励：已发放', reporterNote, at);
        await stepAudit(tx, ctx, 'pay', doc, 'paid', { reference: input.reference, amountFen: doc.amountFen }, at);
        return { id: doc._id, status: 'paid' as const };
      });
    },
  }),

  mine: action({
    input: RewardMineInput,
    async run(ctx, { page, pageSize }): Promise<Page<MyReward>> {
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const query = ctx.db.collection<RewardDoc>(REWARDS).where({ reporterKey: key });
      const { data, total } = await fetchPage(query, { page, pageSize }, [['createdAt', 'desc']]);
      return { items: data.map(toMyReward), total, page, pageSize };
    },
  }),

  /** The reward decision of the report holding the 查询码; counted like tipoff.track (guessing is bounded). */
  byCode: action({
    input: RewardByCodeInput,
    async run(ctx, { trackingCode }): Promise<CodeReward> {
      await limitAction(ctx, 'track');
      const doc = await findById<RewardDoc>(ctx.db, REWARDS, await rewardIdByCode(ctx, trackingCode));
      if (!doc) throw notFound(NO_REWARD);
      return toCodeReward(doc);
    },
  }),

  /**
   * The holder of an anonymous report's 查询码 gives the name and phone the reward is paid to. The first claim
   * binds (the check and the write are one transaction on the case); the claim is stored sealed, bound to the
   * case; the audit names the caller by reporter key, never by openid.
   */
  claim: action({
    input: RewardClaimInput,
    async run(ctx, input): Promise<CodeReward> {
      // Counted before the code is looked up: wrong codes count too.
      await limitAction(ctx, 'claim');
      const id = await rewardIdByCode(ctx, input.trackingCode);
      const at = isoTown(ctx.now());
      const secret = ctx.reporterKeySecret;
      return runTransaction(ctx.db, async (tx) => {
        if (!(await txExists(tx, REWARDS, id))) throw notFound(NO_REWARD);
        const doc = await txGet<RewardDoc>(tx, REWARDS, id);
        if (!doc.anonymous) {
          throw conflict(`${doc.tipoffNo} 是实名举报，奖励直接发放给举报人本人，无需认领`);
        }
        if (doc.status === 'refused') throw conflict(`${doc.tipoffNo} 不予奖励，没有可认领的奖励`);
        if (doc.status === 'paid') throw conflict(`${doc.tipoffNo} 的奖励已发放，不能再认领`);
        if (doc.claim) throw conflict('该奖励已被认领。如不是您本人认领的，请带上查询码联系镇安委办');
        if (doc.decidedBy === ctx.user._id || doc.approvedBy === ctx.user._id) {
          throw forbidden('核定或审批该奖励的工作人员不能认领该奖励');
        }
        const identity: ClaimIdentity = { name: input.name, phone: input.phone };
        // `by`: the claimant's reporter key (never returned), so the claimant takes no step on the case.
        const claim = { sealed: sealJson(identity, claimAad(id), secret), at, by: reporterKey(ctx.openid, secret) };
        const history = [...doc.history, { at, to: doc.status, note: '匿名举报人凭查询码认领奖励', by: '举报人' }];
        await tx
          .collection(REWARDS)
          .doc(id)
          .update({ data: { claim: ctx.db.command.set(claim), history, updatedAt: at } });
        await tellReporter(
          tx,
          doc,
          '举报奖励：已认领',
          `${doc.tipoffNo} 的奖励已凭查询码认领，发放时将核对领取人身份。如不是您本人认领的，请尽快联系镇安委办。`,
          at,
        );
        await addAudit(tx, {
          actor: reporterKey(ctx.openid, secret),
          actorRoles: ctx.user.roles,
          action: 'reward.claim',
          targetType: 'reward',
          targetId: id,
          from: doc.status,
          to: doc.status,
          detail: { tipoffId: doc.tipoffId },
          at,
        });
        return toCodeReward({ ...doc, claim, history, updatedAt: at });
      });
    },
  }),

  /**
   * The officer reads who to pay: the named reporter's sealed name and phone, or an anonymous reward's claim.
   * The read, its record in identityReads and its audit entry are one transaction: if the record cannot be
   * written, nothing is returned. Never an openid.
   */
  identity: action({
    input: RewardIdentityInput,
    async run(ctx, input): Promise<RewardIdentity> {
      const at = isoTown(ctx.now());
      const secret = ctx.reporterKeySecret;
      return runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<RewardDoc>(tx, REWARDS, input.rewardId, '奖励案件');
        if (!IDENTITY_READABLE.includes(doc.status)) {
          throw conflict(
            `${doc.tipoffNo} 的奖励当前为「${REWARD_STATUS_LABELS[doc.status]}」：只有审批通过（待发放或已发放）的奖励才能查看领奖人身份`,
          );
        }
        let found: Pick<RewardIdentity, 'source' | 'name' | 'phone' | 'claimedAt'> = { source: 'none' };
        if (!doc.anonymous) {
          if (await txExists(tx, REPORTER_IDENTITIES, doc.tipoffId)) {
            const sealed = await txGet<ReporterIdentityDoc>(tx, REPORTER_IDENTITIES, doc.tipoffId);
            const { name, phone } = openIdentity(sealed.sealed, doc.tipoffId, secret);
            if (name || phone) found = { source: 'report', ...(name ? { name } : {}), ...(phone ? { phone } : {}) };
          }
        } else if (doc.claim) {
          const { name, phone } = openJson<ClaimIdentity>(doc.claim.sealed, claimAad(doc._id), secret);
          found = { source: 'claim', name, phone, claimedAt: doc.claim.at };
        }
        const read: Omit<IdentityReadDoc, '_id'> = {
          rewardId: doc._id,
          tipoffNo: doc.tipoffNo,
          reader: ctx.user._id,
          readerName: byName(ctx.user),
          reason: input.reason,
          at,
        };
        await tx.collection(IDENTITY_READS).add({ data: { ...read } });
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: 'reward.identity',
          targetType: 'reporterIdentity',
          targetId: doc._id,
          detail: { tipoffId: doc.tipoffId, reason: input.reason, source: found.source },
          at,
        });
        return { rewardId: doc._id, tipoffNo: doc.tipoffNo, anonymous: doc.anonymous, ...found, readAt: at };
      });
    },
  }),

  /** The leader's list of every identity read, newest first: who read, when, which case, why. */
  identityReads: action({
    input: RewardIdentityReadsInput,
    async run(ctx, { page, pageSize }): Promise<Page<IdentityRead>> {
      const query = ctx.db.collection<IdentityReadDoc>(IDENTITY_READS).where({});
      const { data, total } = await fetchPage(query, { page, pageSize }, [['at', 'desc']]);
      return {
        items: data.map((d) => ({
          id: d._id,
          rewardId: d.rewardId,
          tipoffNo: d.tipoffNo,
          readerName: d.readerName,
          reason: d.reason,
          at: d.at,
        })),
        total,
        page,
        pageSize,
      };
    },
  }),
});
