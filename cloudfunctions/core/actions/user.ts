import { z } from 'zod';
import {
  BindInput,
  INVITE_ROLE_LABELS,
  LoginInput,
  MessagesInput,
  UploadKeyInput,
  ROLE_LABELS,
  type UploadKeyResult,
  type BindResult,
  type LoginResult,
  type Message,
  type Page,
} from '../../../types';
import {
  ConsentInput,
  DeleteMeInput,
  type DeleteMeResult,
  type MyData,
  type PrivacyState,
} from '../../../types/privacy';
import { REWARD_STATUS_LABELS } from '../../../types/reward';
import { RESIDENT_STATUS_LABELS } from '../../../types/tipoff';
import { action, defineFunction } from '../action';
import { addAudit } from '../audit';
import type { CoreDeps } from '../deps';
import { ENTERPRISES, JOINS, type EnterpriseDoc, type JoinDoc } from '../enterprises';
import { conflict, forbidden, notFound } from '../errors';
import { openIdentity, REPORTER_IDENTITIES, type ReporterIdentityDoc } from '../identity';
import {
  CONSENT_OUTDATED,
  currentNotice,
  deleteAccount,
  KEPT_ON_DELETION,
  WORK_ACCOUNT_REFUSED,
  WORK_ROLES,
} from '../privacy';
import { uploadKey } from '../files';
import { DRILL_CHECKINS } from '../drills/docs';
import { managerRecipients } from '../internal-reports';
import { reporterKey } from '../ids';
import {
  bindRefusal,
  inviteCodeHash,
  issuerStillEntitled,
  inviteState,
  INVITES,
  waitsForManager,
  WRONG_CODE,
  type InviteDoc,
} from '../invites';
import { departmentRecipient, LEADERS_RECIPIENT, MESSAGES, toMessage, type MessageDoc } from '../messages';
import { limitAction } from '../rate-limit';
import { applyGrant, personId, type RoleGrant } from '../roles';
import { fetchPage, findById, txFind, txGet } from '../store';
import { TIPOFFS, type TipoffDoc } from '../tipoffs';
import { REWARDS, type RewardDoc } from './reward';
import { isoTown } from '../time';
import { runTransaction } from '../transaction';
import { hasAnyRole, newResident, USERS, type UserDoc } from '../users';

/** What `user.login` answers, and `user.bind` after a grant: the caller's own roles and where they belong. */
export function loginResult(
  ctx: Pick<CoreDeps, 'town' | 'reporterKeySecret'> & { openid: string },
  user: UserDoc,
  privacyVersion: number,
): LoginResult {
  return {
    openid: ctx.openid,
    privacyVersion,
    privacyConsent: user.privacyConsent?.version ?? null,
    roles: user.roles,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
    ...(user.departmentId
      ? {
          departmentId: user.departmentId,
          departmentCode: user.departmentId,
          departmentName: ctx.town.department(user.departmentId)?.name ?? user.departmentId,
        }
      : {}),
  };
}

const ENTERPRISE_GONE = '该企业已注销或尚未通过审核，邀请码不能再使用';
const ISSUER_GONE = '发放人已不再有权发放此邀请码，邀请码已失效，请联系镇安委办或企业重新获取';

/** The overdue ladder's 函告/通报/约谈/曝光 notices (sweep.ts): leaders, admins and 安委办's staff. */
function readsLeaderNotices(ctx: {
  user: { roles: readonly string[]; departmentId?: string };
  town: { safetyOffice: { code: string } };
}) {
  const { user } = ctx;
  return (
    user.roles.includes('leader') || user.roles.includes('admin') || user.departmentId === ctx.town.safetyOffice.code
  );
}

export const userFunction = defineFunction('user', {
  login: action({
    input: LoginInput,
    async run(ctx): Promise<LoginResult> {
      const { user } = ctx;
      if (ctx.isNewUser) {
        const { _id, ...data } = user;
        await ctx.db.collection(USERS).doc(_id).set({ data });
      }
      return loginResult(ctx, user, (await currentNotice(ctx.db)).version);
    },
  }),

  /**
   * The folder key for one submission's photos. Bound to the caller's openid, so asking for any scope gives
   * only the caller's own folder; nothing is written, so a first visit is not recorded here.
   */
  uploadKey: action({
    input: UploadKeyInput,
    async run(ctx, { scope }): Promise<UploadKeyResult> {
      return { uploadKey: uploadKey(ctx.openid, ctx.reporterKeySecret, scope) };
    },
  }),

  /**
   * An invite code grants its role (issue 7). Every attempt counts against the `bind` limit, wrong codes
   * included, so codes cannot be guessed; the grant, the use and the audit entry are one transaction, so two
   * people taking the last use at once end with exactly one of them holding it.
   */
  bind: action({
    input: BindInput,
    async run(ctx, { code, name }): Promise<BindResult> {
      await limitAction(ctx, 'bind');
      const codeHash = inviteCodeHash(code, ctx.reporterKeySecret);
      const { data } = await ctx.db
        .collection<InviteDoc>(INVITES)
        .where({ codeHash })
        .field({ _id: true })
        .limit(1)
        .get();
      const inviteId = data[0]?._id;
      if (!inviteId) throw notFound(WRONG_CODE);
      const pid = personId(ctx.openid, ctx.reporterKeySecret);
      const now = ctx.now();
      const at = isoTown(now);

      const outcome = await runTransaction(ctx.db, async (tx) => {
        const invite = await txGet<InviteDoc>(tx, INVITES, inviteId, '邀请码');
        const state = inviteState(invite, now);
        if (state !== 'active') throw bindRefusal(state);
        const enterpriseId = invite.enterpriseId;
        const enterprise = enterpriseId ? await txFind<EnterpriseDoc>(tx, ENTERPRISES, enterpriseId) : null;
        // A worker's or manager's code only while its enterprise is active: not once it is closed (nor a
        // registration still pending or rejected), whatever it was when the code was issued.
        if (enterpriseId && enterprise?.status !== 'active') throw conflict(ENTERPRISE_GONE);
        // A code dies with its issuer's right to issue it (a head moved, a manager removed, a role revoked).
        const issuer = await txFind<UserDoc>(tx, USERS, invite.createdBy);
        const entitled = issuerStillEntitled(issuer, invite, {
          departmentExists: (code) => !!ctx.town.department(code),
          safetyOfficeCode: ctx.town.safetyOffice.code,
          enterprise,
        });
        if (!entitled) throw conflict(ISSUER_GONE);
        const user = (await txFind<UserDoc>(tx, USERS, ctx.openid)) ?? newResident(ctx.openid, at);
        const grant: RoleGrant = {
          role: invite.role,
          ...(invite.departmentId ? { departmentId: invite.departmentId } : {}),
          ...(invite.enterpriseId ? { enterpriseId: invite.enterpriseId } : {}),
        };
        // Refuses a role already held, or another department's or enterprise's, before anything is written.
        const granted = applyGrant(user, grant);
        const used = invite.used + 1;
        await tx
          .collection(INVITES)
          .doc(inviteId)
          .update({ data: { used, ...(used >= invite.uses ? { status: 'usedUp' } : {}) } });

        if (enterprise && invite.role === 'safetyManager' && !enterprise.managerOpenids?.includes(ctx.openid)) {
          await tx
            .collection(ENTERPRISES)
            .doc(enterprise._id)
            .update({ data: { managerOpenids: [...(enterprise.managerOpenids ?? []), ctx.openid] } });
        }

        let next: UserDoc;
        let pending = false;
        if (waitsForManager(invite) && enterpriseId) {
          // A notice-board code: the person asks to join; a manager confirms (actions/enterprise.ts).
          const joinId = `join-${enterpriseId}-${pid}`;
          const previous = await txFind<JoinDoc>(tx, JOINS, joinId);
          if (previous?.status === 'pending') throw conflict('您已提交过加入申请，请等待企业安全管理人员确认');
          const join: Omit<JoinDoc, '_id'> = {
            enterpriseId,
            openid: ctx.openid,
            personId: pid,
            name,
            inviteId,
            status: 'pending',
            requestedAt: at,
          };
          await tx.collection(JOINS).doc(joinId).set({ data: join });
          next = { ...user, displayName: name, personId: pid };
          pending = true;
        } else {
          next = { ...granted, displayName: name, personId: pid, since: user.since ?? at };
        }
        const { _id, ...doc } = next;
        await tx.collection(USERS).doc(ctx.openid).set({ data: doc });
        await addAudit(tx, {
          actor: ctx.openid,
          actorRoles: user.roles,
          action: pending ? 'people.bind.request' : 'people.bind',
          targetType: 'invite',
          targetId: inviteId,
          to: invite.role,
          detail: {
            personId: pid,
            ...(invite.departmentId ? { departmentId: invite.departmentId } : {}),
            ...(enterpriseId ? { enterpriseId } : {}),
            ...(pending ? { pending: true } : {}),
          },
          at,
        });
        return { user: next, pending, role: invite.role };
      });

      const label = INVITE_ROLE_LABELS[outcome.role];
      return {
        ...loginResult(ctx, outcome.user, (await currentNotice(ctx.db)).version),
        granted: outcome.role,
        ...(outcome.pending
          ? { pending: true, message: '已提交，等待企业安全管理人员确认' }
          : { message: `绑定成功，您现在是${label}` }),
      };
    },
  }),

  /** The in-app message list: status changes of the caller's reports and of those they follow. */
  messages: action({
    input: MessagesInput,
    async run(ctx, { page, pageSize }): Promise<Page<Message> & { unread: number }> {
      // Staff also see their department's reminders (e.g. the scheduler's overdue notices).
      const recipients = [reporterKey(ctx.openid, ctx.reporterKeySecret)];
      if (ctx.user.departmentId) recipients.push(departmentRecipient(ctx.user.departmentId));
      if (readsLeaderNotices(ctx)) recipients.push(LEADERS_RECIPIENT);
      recipients.push(...managerRecipients(ctx.user));
      const recipient = ctx.db.command.in(recipients);
      const messages = ctx.db.collection<MessageDoc & { _id: string }>(MESSAGES);
      const [{ data, total }, { total: unread }] = await Promise.all([
        fetchPage(messages.where({ recipient }), { page, pageSize }, [['createdAt', 'desc']]),
        messages.where({ recipient, read: false }).count(),
      ]);
      return { items: data.map(toMessage), total, page, pageSize, unread };
    },
  }),

  readMessages: action({
    input: z.object({ ids: z.array(z.string().min(1).max(64)).max(100).optional() }).strict(),
    async run(ctx, { ids }): Promise<{ updated: number }> {
      const _ = ctx.db.command;
      const keys = [reporterKey(ctx.openid, ctx.reporterKeySecret)];
      if (ctx.user.departmentId) keys.push(departmentRecipient(ctx.user.departmentId));
      if (readsLeaderNotices(ctx)) keys.push(LEADERS_RECIPIENT);
      keys.push(...managerRecipients(ctx.user));
      const recipient = _.in(keys);
      // The recipient is always part of the where: nobody can mark someone else's messages.
      const where = ids ? { recipient, read: false, _id: _.in(ids) } : { recipient, read: false };
      const res = await ctx.db
        .collection(MESSAGES)
        .where(where)
        .update({ data: { read: true } });
      return { updated: res.stats.updated };
    },
  }),
  /** The privacy notice in force and which version the caller agreed to (null: never). */
  privacy: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<PrivacyState> {
      const notice = await currentNotice(ctx.db);
      const consent = ctx.user.privacyConsent;
      return { notice, consentedVersion: consent?.version ?? null, consentedAt: consent?.at ?? null };
    },
  }),

  /**
   * The caller agrees to the notice: only to the version in force (someone who read an older one reads again).
   * Stored on the account with its time, audited under the reporterKey (no openid in the audit log).
   */
  consent: action({
    input: ConsentInput,
    async run(ctx, { version }): Promise<{ version: number; at: string }> {
      const notice = await currentNotice(ctx.db);
      if (version !== notice.version) throw conflict(CONSENT_OUTDATED);
      const at = isoTown(ctx.now());
      await runTransaction(ctx.db, async (tx) => {
        const user = (await txFind<UserDoc>(tx, USERS, ctx.openid)) ?? newResident(ctx.openid, at);
        const { _id, ...doc } = user;
        await tx
          .collection(USERS)
          .doc(ctx.openid)
          .set({ data: { ...doc, privacyConsent: { version, at } } });
        await addAudit(tx, {
          actor: reporterKey(ctx.openid, ctx.reporterKeySecret),
          actorRoles: user.roles,
          action: 'user.consent',
          targetType: 'config',
          targetId: 'privacyNotice',
          ...(user.privacyConsent ? { from: String(user.privacyConsent.version) } : {}),
          to: String(version),
          at,
        });
      });
      return { version, at };
    },
  }),

  /** What the town holds about the caller: account, consent, own reports (with the contact sealed with each). */
  myData: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<MyData> {
      const { db, user, town } = ctx;
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const enterprise = user.enterpriseId ? await findById<EnterpriseDoc>(db, ENTERPRISES, user.enterpriseId) : null;
      const reports: MyData['reports'] = [];
      // Every own report, newest first, in pages of 100 (at most 1,000: far beyond any resident).
      for (let skip = 0; skip < 1000; skip += 100) {
        const { data } = await db
          .collection<TipoffDoc>(TIPOFFS)
          .where({ reporterKey: key })
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(skip)
          .limit(100)
          .get();
        for (const doc of data) {
          const sealed = await findById<ReporterIdentityDoc>(db, REPORTER_IDENTITIES, doc._id);
          const identity = sealed ? openIdentity(sealed.sealed, doc._id, ctx.reporterKeySecret) : null;
          reports.push({
            no: doc.no,
            createdAt: doc.createdAt,
            anonymous: doc.anonymous,
            ...(identity?.name && identity.phone ? { contact: { name: identity.name, phone: identity.phone } } : {}),
            statusLabel: RESIDENT_STATUS_LABELS[doc.status],
          });
        }
        if (data.length < 100) break;
      }
      const [{ total: messages }, { data: rewardDocs }, { total: drillCheckins }] = await Promise.all([
        db.collection(MESSAGES).where({ recipient: key }).count(),
        db
          .collection<RewardDoc>(REWARDS)
          .where({ reporterKey: key })
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(100)
          .get(),
        db
          .collection(DRILL_CHECKINS)
          .where({ person: personId(ctx.openid, ctx.reporterKeySecret) })
          .count(),
      ]);
      return {
        account: {
          ...(user.displayName ? { displayName: user.displayName } : {}),
          roles: user.roles,
          roleNames: user.roles.map((r) => ROLE_LABELS[r]),
          ...(user.departmentId
            ? { departmentName: town.department(user.departmentId)?.name ?? user.departmentId }
            : {}),
          ...(enterprise ? { enterpriseName: enterprise.name } : {}),
          ...(ctx.isNewUser ? {} : { createdAt: user.createdAt }),
        },
        consent: { version: user.privacyConsent?.version ?? null, at: user.privacyConsent?.at ?? null },
        reports,
        messages,
        rewards: rewardDocs.map((d) => ({
          tipoffNo: d.tipoffNo,
          statusLabel: REWARD_STATUS_LABELS[d.status],
          amountFen: d.status === 'approved' || d.status === 'paid' ? d.amountFen : null,
        })),
        drillCheckins,
        keptOnDeletion: KEPT_ON_DELETION,
      };
    },
  }),

  /**
   * Deletes the caller's personal data (privacy.ts deleteAccount): refused while a work role is held. Safe to
   * call again: a retry after a failure finishes what is left.
   */
  deleteMe: action({
    input: DeleteMeInput,
    async run(ctx): Promise<DeleteMeResult> {
      if (hasAnyRole(ctx.user, WORK_ROLES)) throw forbidden(WORK_ACCOUNT_REFUSED);
      return deleteAccount(ctx, ctx.openid, ctx.user.roles);
    },
  }),
});
