// Personal information (个人信息保护法, issue 8): the notice as versioned town data, the consent it asks for,
// what deletion keeps and why, and the retention job that erases sealed identities nobody needs any more.
import privacyFile from '../../config/town/privacy.json';
import { PrivacyNotice } from '../../types/privacy';
import type { RewardStatus } from '../../types/reward';
import type { DeleteMeResult } from '../../types/privacy';
import type { Role } from '../../types';
import { randomBytes } from 'node:crypto';
import { REWARDS, rewardIdFor, type RewardDoc } from './actions/reward';
import { addAudit } from './audit';
import type { Database } from './db';
import type { CoreDeps } from './deps';
import { conflict } from './errors';
import { JOINS } from './enterprises';
import { REPORTER_IDENTITIES } from './identity';
import { reporterKey } from './ids';
import { checkinId, DRILL_CHECKINS, type CheckinDoc } from './drills/docs';
import { FOLLOWS, MESSAGES } from './messages';
import { personId } from './roles';
import { fetchAll, txExists, txGet } from './store';
import { ATTEMPTS, CERTIFICATES, LESSON_PROGRESS, WRONG_BOOKS } from './training/docs';
import { isoTown } from './time';
import { ENDED_STATUSES, TIPOFFS, type TipoffDoc } from './tipoffs';
import { readConfig, type ConfigEntry } from './town-config';
import { runTransaction } from './transaction';
import { USERS } from './users';

/** config/town/privacy.json; a later version may be stored in `config` (town-config.ts) like the reward policy. */
export const PRIVACY_NOTICE: ConfigEntry<PrivacyNotice> = {
  key: 'privacyNotice',
  seed: PrivacyNotice.parse(privacyFile),
  schema: PrivacyNotice,
};

/** The notice in force (its own `version` field is the one people agree to). */
export async function currentNotice(db: Database): Promise<PrivacyNotice> {
  return (await readConfig(db, PRIVACY_NOTICE)).data;
}

/** Stored on the user document by `user.consent`. */
export interface PrivacyConsent {
  version: number;
  at: string;
}

export const CONSENT_OUTDATED = '说明已更新，请重新阅读';
export const SUBMIT_NEEDS_CONSENT = '请先阅读并同意最新的《个人信息保护说明》';

/** A submission names the notice version the person agreed to; anything but the current one is refused. */
export async function assertCurrentVersion(db: Database, version: number, message: string): Promise<PrivacyNotice> {
  const notice = await currentNotice(db);
  if (version !== notice.version) throw conflict(message);
  return notice;
}

/** A reward in these states has a decided amount: its identity is the payment record's and is kept. */
export const REWARD_KEEPS_IDENTITY: readonly RewardStatus[] = ['decided', 'approved', 'paid'];
/** A reward in these states ends nothing: the retention job erases only without a reward or with a refused one. */
export const REWARD_ALLOWS_ERASURE: readonly (RewardStatus | 'none')[] = ['none', 'refused'];

/** What deletion keeps, one sentence each (MyData.keptOnDeletion; DeleteMeResult.kept adds the counts). */
export const KEPT_ON_DELETION: string[] = [
  '隐患记录本身（位置、照片、描述和处理经过）作为安全生产档案保留，但不再与您的账号关联，也看不出是谁举报的。',
  '已经核定、批准或发放奖励的举报，其举报人身份和奖励发放记录按照财务和审计法规的要求保留，只有镇安委办负责奖励的工作人员在审计记录下可以查看。',
  '操作记录（审计日志）依法保留，其中不含您的姓名和手机号。',
  '培训考试的成绩记录（含合格证书）作为企业安全培训档案保留，但去掉您的姓名；错题本和学习进度删除。',
  '应急演练的签到记录计入演练到场人数，作为演练档案保留，但去掉您的姓名，也不再与您的账号关联。',
];

/** Written where a deleted person's name stood on a training record. */
export const DELETED_NAME = '（已删除）';

/**
 * Training (issue 9): the 错题本 and the reading progress go; attempts and certificates keep the score (the
 * enterprise's training record, and a certificate someone may still check) without the person's name.
 */
async function forgetTraining(db: Database, person: string): Promise<void> {
  const _ = db.command;
  await db.collection(WRONG_BOOKS).where({ _id: person }).remove();
  await db.collection(LESSON_PROGRESS).where({ _id: person }).remove();
  const attempts = await fetchAll(
    db.collection<{ _id: string }>(ATTEMPTS).where({ person }).field({ _id: true }),
    5000,
  );
  await db
    .collection(ATTEMPTS)
    .where({ person })
    .update({ data: { name: DELETED_NAME } });
  for (let i = 0; i < attempts.length; i += 100) {
    const ids = attempts.slice(i, i + 100).map((a) => a._id);
    await db
      .collection(CERTIFICATES)
      .where({ attemptId: _.in(ids) })
      .update({ data: { name: DELETED_NAME } });
  }
}

/**
 * Drills (issue 10): each check-in of the person (by phone, or added by hand as a bound worker: `person` = their
 * personId, indexed) stays in the drill's headcount, but without their name and without their personId: in one
 * transaction the document is removed and added again under a fresh random key (`_id` = drill × key, so the
 * count is unchanged and the drill × person id no longer points at them: coming back as a new user they may
 * check in again). Found by `person` in bounded pages; a handled check-in leaves the query, so a retry after a
 * crash finishes the job and a second run finds nothing.
 *
 * Not touched, on purpose: a drill's `commander`, its record's `closedByName` and a self-inspection's `by` /
 * `leaderName` are names written by the enterprise's safety manager or 安委办 in their work (the organisation's
 * records, like the audit log), and such a work account is refused by deleteMe while it holds a WORK_ROLES role.
 * A by-hand entry for someone without an account (`person` = handKey of the typed name) belongs to nobody's
 * account and cannot be found from one. The names in a closed record's `missing` list (bound workers absent at
 * close) are stored without a personId and are not found here either (see the session report).
 */
export async function forgetDrillCheckins(db: Database, person: string): Promise<number> {
  let unlinked = 0;
  for (let pageNo = 0; pageNo < DELETE_MAX_PAGES; pageNo++) {
    const { data } = await db
      .collection<CheckinDoc>(DRILL_CHECKINS)
      .where({ person })
      .field({ _id: true })
      .limit(DELETE_PAGE)
      .get();
    if (data.length === 0) break;
    for (const { _id: id } of data) {
      const done = await runTransaction(db, async (tx) => {
        if (!(await txExists(tx, DRILL_CHECKINS, id))) return false;
        const c = await txGet<CheckinDoc>(tx, DRILL_CHECKINS, id);
        if (c.person !== person) return false;
        const { _id, ...rest } = c;
        const key = `x${randomBytes(12).toString('hex')}`;
        await tx.collection(DRILL_CHECKINS).doc(id).remove();
        await tx
          .collection(DRILL_CHECKINS)
          .add({ data: { ...rest, _id: checkinId(c.drillId, key), person: key, name: DELETED_NAME } });
        return true;
      });
      if (done) unlinked++;
    }
  }
  return unlinked;
}

/** A key no person's reporterKey can equal (those are 32 hex characters): the report belongs to nobody now. */
export const unlinkedKey = (tipoffId: string) => `deleted:${tipoffId}`;
/** The same for a kept claim's `by`: the claim stays the payment record, but of nobody's account. */
export const unlinkedClaimKey = (rewardId: string) => `deleted:claim:${rewardId}`;
/** The officer's history line when a claim goes with its claimant's data (no name, no key). */
export const CLAIM_WITHDRAWN_NOTE = '认领人已删除个人信息，认领作废；可凭查询码重新认领';

/** `at` minus `years` whole years, as an ISO string in town time (29 February becomes 28 in a common year). */
export function yearsBefore(now: Date, years: number): string {
  const iso = isoTown(now);
  const year = Number(iso.slice(0, 4)) - years;
  let rest = iso.slice(4);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (rest.startsWith('-02-29') && !leap(year)) rest = `-02-28${rest.slice(6)}`;
  return `${String(year).padStart(4, '0')}${rest}`;
}

/** When a report ended: its last step into an ended status (the last update when the timeline has none). */
export function endedAt(doc: Pick<TipoffDoc, 'timeline' | 'updatedAt'>): string {
  for (let i = doc.timeline.length - 1; i >= 0; i--) {
    if (ENDED_STATUSES.includes(doc.timeline[i].to)) return doc.timeline[i].at;
  }
  return doc.updatedAt;
}

export const RETENTION_BATCH = 100;
/** Pages of kept candidates one run reads past at most (bounded reads each hour). */
export const RETENTION_MAX_PAGES = 10;

export interface RetentionResult {
  /** Sealed identities erased in this run. */
  erased: number;
  /** Candidates whose identity stays: a reward is decided, approved, paid or still open. */
  kept: number;
  /** The cut-off applied: reports ended at or before it (town time) were due. */
  cutoff: string;
}

/**
 * Erases the sealed identity of reports that ended `identityYearsWithoutReward` years ago or more (at the
 * boundary included) with no reward case or a refused one. At most `cap` reports a run (the hourly timer comes
 * back for the rest). Candidates are found by `updatedAt`, which is never before the end, so a report is never
 * erased early (one touched after its end waits until that touch is old enough). Each report in its own
 * transaction of single-document reads and writes; audited as the system.
 */
export async function eraseExpiredIdentities(
  deps: Pick<CoreDeps, 'db' | 'now'>,
  cap = RETENTION_BATCH,
): Promise<RetentionResult> {
  const { db } = deps;
  const _ = db.command;
  const now = deps.now();
  const at = isoTown(now);
  const notice = await currentNotice(db);
  const cutoff = yearsBefore(now, notice.retention.identityYearsWithoutReward);
  let erased = 0;
  let kept = 0;
  // Candidates whose identity stays (a reward decided, approved or still open) are not marked and match the
  // query again: page past them (erased ones leave the query, so the offset is what stayed), at most
  // RETENTION_MAX_PAGES pages a run, so old kept reports never starve the erasable ones behind them.
  let stayed = 0;
  for (let pageNo = 0; pageNo < RETENTION_MAX_PAGES && erased < cap; pageNo++) {
    const want = Math.min(cap - erased, RETENTION_BATCH);
    const { data } = await db
      .collection<TipoffDoc>(TIPOFFS)
      .where({ status: _.in(ENDED_STATUSES), updatedAt: _.lte(cutoff), identityRetention: _.exists(false) })
      .orderBy('updatedAt', 'asc')
      .orderBy('_id', 'asc') // skip pages over ties (a batch closed at once): _id breaks them
      .skip(stayed)
      .limit(want)
      .get();
    for (const candidate of data) {
      const outcome = await eraseOne(candidate._id);
      if (outcome === 'erased') erased++;
      if (outcome === 'kept' || outcome === 'marked') kept++;
      // Erased, marked and left ones are out of the query; kept and skipped ones still in it, before the next page.
      if (outcome === 'kept' || outcome === 'skip') stayed++;
    }
    if (data.length < want) break;
  }
  return { erased, kept, cutoff };

  function eraseOne(id: string) {
    return runTransaction(db, async (tx): Promise<'erased' | 'marked' | 'left' | 'kept' | 'skip'> => {
      const doc = await txGet<TipoffDoc>(tx, TIPOFFS, id);
      if (doc.identityRetention) return 'left'; // marked or erased meanwhile: out of the query
      if (!ENDED_STATUSES.includes(doc.status) || endedAt(doc) > cutoff) return 'skip';
      const rewardId = rewardIdFor(doc._id);
      const reward = (await txExists(tx, REWARDS, rewardId))
        ? await txGet<{ status: RewardStatus }>(tx, REWARDS, rewardId)
        : null;
      if (reward && !REWARD_ALLOWS_ERASURE.includes(reward.status)) {
        // A paid reward is final: marked so the job does not look at it again. Others may still be refused.
        if (reward.status === 'paid') {
          await tx
            .collection(TIPOFFS)
            .doc(doc._id)
            .update({ data: { identityRetention: 'keptForReward' } });
          return 'marked';
        }
        return 'kept';
      }
      const had = await txExists(tx, REPORTER_IDENTITIES, doc._id);
      if (had) await tx.collection(REPORTER_IDENTITIES).doc(doc._id).remove();
      await tx
        .collection(TIPOFFS)
        .doc(doc._id)
        .update({ data: { identityRetention: 'erased', identityErasedAt: at } });
      await addAudit(tx, {
        actor: 'system',
        actorRoles: [],
        action: 'privacy.retention.erase',
        targetType: 'reporterIdentity',
        targetId: doc._id,
        detail: {
          no: doc.no,
          endedAt: endedAt(doc),
          years: notice.retention.identityYearsWithoutReward,
          reward: reward?.status ?? 'none',
          hadIdentity: had,
        },
        at,
      });
      return 'erased';
    });
  }
}

/** Roles that are a job, not a person's own account: deletion waits until the issuer revokes them. */
export const WORK_ROLES: readonly Role[] = ['staff', 'head', 'admin', 'leader', 'safetyManager'];
export const WORK_ACCOUNT_REFUSED = '工作账号请先联系发放人撤销角色，之后才能删除个人信息';

const DELETE_PAGE = 100;
/** Guard against a loop that makes no progress (each page's reports leave the query once handled). */
const DELETE_MAX_PAGES = 100;

/**
 * user.deleteMe's work, for the caller `openid` (a person without a work role). Not atomic across documents
 * (CloudBase): each report is one transaction of single-document operations, and every step only removes what
 * is still there, so a retry after a crash finishes the job. Order: reports first (while they still match the
 * caller's reporterKey), then messages, follows, join requests, the account; the audit entry last, with the
 * reporterKey as actor (never the openid).
 */
export async function deleteAccount(
  deps: Pick<CoreDeps, 'db' | 'now' | 'reporterKeySecret'>,
  openid: string,
  roles: readonly Role[],
): Promise<DeleteMeResult> {
  const { db } = deps;
  const at = isoTown(deps.now());
  const key = reporterKey(openid, deps.reporterKeySecret);
  let reportsMadeAnonymous = 0;
  let identitiesKept = 0;

  for (let pageNo = 0; pageNo < DELETE_MAX_PAGES; pageNo++) {
    const { data } = await db
      .collection<TipoffDoc>(TIPOFFS)
      .where({ reporterKey: key })
      .field({ _id: true })
      .limit(DELETE_PAGE)
      .get();
    if (data.length === 0) break;
    for (const { _id: id } of data) {
      const outcome = await runTransaction(db, async (tx) => {
        const doc = await txGet<TipoffDoc>(tx, TIPOFFS, id);
        if (doc.reporterKey !== key) return null;
        const rewardId = rewardIdFor(id);
        const reward = (await txExists(tx, REWARDS, rewardId))
          ? await txGet<{ _id: string; status: RewardStatus; claim?: unknown }>(tx, REWARDS, rewardId)
          : null;
        const keep = !!reward && REWARD_KEEPS_IDENTITY.includes(reward.status);
        if (!keep && (await txExists(tx, REPORTER_IDENTITIES, id)))
          await tx.collection(REPORTER_IDENTITIES).doc(id).remove();
        const unlinked = unlinkedKey(id);
        await tx
          .collection(TIPOFFS)
          .doc(id)
          .update({
            data: { reporterKey: unlinked, reporterDeletedAt: at, ...(keep ? {} : { anonymous: true }) },
          });
        // An undecided reward stays claimable by tracking code, as for an anonymous report. Its claim (a name
        // and phone sealed on the case) goes with the identity: the whole document is rewritten without it
        // (a doc-level set, which CloudBase allows in a transaction), so the 查询码 may be claimed again.
        if (reward && !keep && reward.claim) {
          const { _id, claim: _claim, ...rest } = reward;
          await tx
            .collection(REWARDS)
            .doc(rewardId)
            .set({ data: { ...rest, reporterKey: unlinked, anonymous: true } });
        } else if (reward)
          await tx
            .collection(REWARDS)
            .doc(rewardId)
            .update({ data: { reporterKey: unlinked, ...(keep ? {} : { anonymous: true }) } });
        return { madeAnonymous: !keep && !doc.anonymous, kept: keep };
      });
      if (outcome?.madeAnonymous) reportsMadeAnonymous++;
      if (outcome?.kept) identitiesKept++;
    }
  }

  const claims = await forgetClaims(db, key, at);

  // Multi-document removes run outside any transaction (CloudBase allows where().remove() only there).
  const messagesDeleted = (await db.collection(MESSAGES).where({ recipient: key }).remove()).stats.removed;
  await db.collection(FOLLOWS).where({ reporterKey: key }).remove();
  await db.collection(JOINS).where({ openid }).remove();
  await db.collection(USERS).where({ _id: openid }).remove();
  const person = personId(openid, deps.reporterKeySecret);
  await forgetTraining(db, person);
  const drillCheckinsUnlinked = await forgetDrillCheckins(db, person);

  const kept = [...KEPT_ON_DELETION];
  if (identitiesKept > 0)
    kept.unshift(`您有 ${identitiesKept} 条举报的奖励已经核定或发放，这些举报的身份信息和奖励发放记录依法保留。`);
  if (claims.kept > 0)
    kept.unshift(
      `您凭查询码认领的 ${claims.kept} 笔奖励已经核定或发放，认领时填写的姓名和手机号作为奖励发放记录依法保留。`,
    );
  await addAudit(db, {
    actor: key,
    actorRoles: [...roles],
    action: 'user.deleteMe',
    targetType: 'person',
    targetId: key,
    detail: {
      reportsMadeAnonymous,
      identitiesKept,
      messagesDeleted,
      claimsWithdrawn: claims.withdrawn,
      claimsKept: claims.kept,
      drillCheckinsUnlinked,
    },
    at,
  });
  return { reportsMadeAnonymous, messagesDeleted, claimsWithdrawn: claims.withdrawn, kept };
}

/**
 * The reward claims the person made with a 查询码 (reward.claim: the sealed name and phone on an anonymous case,
 * `claim.by` = their reporterKey, never the openid) — on anyone's report, found by `claim.by`, by the same rules
 * as their own rewards:
 * - decided, approved or paid (REWARD_KEEPS_IDENTITY): the claim is the payment record of a decided amount and
 *   stays sealed for the reward officer; only its link to the account goes (`by` becomes a key nobody has);
 * - open, awaiting the fine or refused: the claim (their name and phone) is removed with a doc-level set of the
 *   case without it (CloudBase allows that in a transaction, not an unset of a field). The case shows 待认领
 *   again, so whoever holds the 查询码 may claim anew: a claim binds only the first claimant, and keeping the
 *   reward bound to a person who no longer exists would leave it unpayable. The officer's history says so.
 * The report, its reporter and the rest of the case are untouched. Each case is one transaction; a handled case
 * leaves the query, so a retry after a crash finishes the job.
 */
async function forgetClaims(db: Database, key: string, at: string): Promise<{ withdrawn: number; kept: number }> {
  let withdrawn = 0;
  let kept = 0;
  for (let pageNo = 0; pageNo < DELETE_MAX_PAGES; pageNo++) {
    const { data } = await db
      .collection<RewardDoc>(REWARDS)
      .where({ claim: { by: key } })
      .field({ _id: true })
      .limit(DELETE_PAGE)
      .get();
    if (data.length === 0) break;
    for (const { _id: id } of data) {
      const outcome = await runTransaction(db, async (tx) => {
        const reward = await txGet<RewardDoc>(tx, REWARDS, id);
        if (reward.claim?.by !== key) return null;
        if (REWARD_KEEPS_IDENTITY.includes(reward.status)) {
          await tx
            .collection(REWARDS)
            .doc(id)
            .update({ data: { claim: { by: unlinkedClaimKey(id) } } });
          return 'kept';
        }
        const { _id, claim: _claim, ...rest } = reward;
        const history = [...rest.history, { at, to: reward.status, note: CLAIM_WITHDRAWN_NOTE, by: '系统' }];
        await tx
          .collection(REWARDS)
          .doc(id)
          .set({ data: { ...rest, history, updatedAt: at } });
        return 'withdrawn';
      });
      if (outcome === 'kept') kept++;
      if (outcome === 'withdrawn') withdrawn++;
    }
  }
  return { withdrawn, kept };
}
