import {
  INVITE_ROLE_LABELS,
  InviteInput,
  InvitesInput,
  PeopleListInput,
  RevokeInviteInput,
  RevokeRoleInput,
  ROLE_LABELS,
  type InviteResult,
  type InviteSummary,
  type Page,
  type PersonSummary,
  type Role,
} from '../../../types';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import { ENTERPRISES, findEnterprise, type EnterpriseDoc } from '../enterprises';
import { conflict, forbidden, notFound } from '../errors';
import {
  checkIssue,
  formatInviteCode,
  inviteCodeHash,
  inviteState,
  INVITES,
  newInviteCode,
  type InviteDoc,
} from '../invites';
import { INVITE_STATE_LABELS } from '../../../types';
import { personId, removeRole } from '../roles';
import { fetchPage, txFind, txGet } from '../store';
import { isoTown } from '../time';
import { runTransaction } from '../transaction';
import { USERS, type UserDoc } from '../users';

const DAY_MS = 86_400_000;

/** The issuer's name on their codes: the name they bound with, or their role in plain words. */
function issuerName(user: UserDoc): string {
  if (user.displayName) return user.displayName;
  const top = (['leader', 'admin', 'head', 'safetyManager', 'staff', 'worker'] as const).find((r) =>
    user.roles.includes(r),
  );
  return top ? ROLE_LABELS[top] : ROLE_LABELS.resident;
}

/** Names of the enterprises a page refers to (one read per distinct id; a page is ≤ 50 rows). */
async function enterpriseNames(ctx: ActionContext, ids: (string | undefined)[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids.filter((x): x is string => !!x))) {
    const e = await findEnterprise(ctx.db, id);
    if (e) names.set(id, e.name);
  }
  return names;
}

function departmentName(ctx: ActionContext, id: string | undefined): string | undefined {
  return id ? (ctx.town.department(id)?.name ?? id) : undefined;
}

function toInviteSummary(ctx: ActionContext, doc: InviteDoc, enterprises: Map<string, string>): InviteSummary {
  return {
    id: doc._id,
    role: doc.role,
    roleLabel: INVITE_ROLE_LABELS[doc.role],
    ...(doc.departmentId
      ? { departmentId: doc.departmentId, departmentName: departmentName(ctx, doc.departmentId) }
      : {}),
    ...(doc.enterpriseId
      ? { enterpriseId: doc.enterpriseId, enterpriseName: enterprises.get(doc.enterpriseId) ?? '（企业已不存在）' }
      : {}),
    codeHint: doc.codeHint,
    uses: doc.uses,
    used: doc.used,
    state: inviteState(doc, ctx.now()),
    ...(doc.note ? { note: doc.note } : {}),
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    createdByName: doc.createdByName,
  };
}

const LISTED_ROLES: readonly Role[] = ['leader', 'admin', 'head', 'staff', 'safetyManager', 'worker'];

function toPersonSummary(ctx: ActionContext, user: UserDoc, enterprises: Map<string, string>): PersonSummary {
  const roles: Role[] = user.roles.filter((r) => r !== 'resident');
  return {
    // The stored personId; one computed from the openid for a record written before personId existed.
    id: user.personId ?? personId(user._id, ctx.reporterKeySecret),
    name: user.displayName ?? '（未填写姓名）',
    roles,
    // A manager also holds `worker` (applyGrant): 企业安全管理人员 alone says what they are.
    roleLabels: LISTED_ROLES.filter((r) => roles.includes(r))
      .filter((r) => !(r === 'worker' && roles.includes('safetyManager')))
      .map((r) => ROLE_LABELS[r]),
    ...(user.departmentId
      ? { departmentId: user.departmentId, departmentName: departmentName(ctx, user.departmentId) }
      : {}),
    ...(user.enterpriseId
      ? { enterpriseId: user.enterpriseId, enterpriseName: enterprises.get(user.enterpriseId) ?? user.enterpriseId }
      : {}),
    since: user.since ?? user.createdAt,
  };
}

/** 人员与邀请码 (DESIGN.md §4 `people`): invite codes and the roles they grant. */
export const peopleFunction = defineFunction('people', {
  /** Issues a code (who may issue what: invites.ts checkIssue). The code is answered once and stored hashed. */
  invite: action({
    input: InviteInput,
    async run(ctx, input): Promise<InviteResult> {
      const enterprise =
        input.enterpriseId || ctx.user.enterpriseId
          ? await findEnterprise(ctx.db, (input.enterpriseId ?? ctx.user.enterpriseId) as string)
          : null;
      const grant = checkIssue(ctx.user, input, {
        departmentExists: (code) => !!ctx.town.department(code),
        safetyOfficeCode: ctx.town.safetyOffice.code,
        enterprise,
      });
      const code = newInviteCode();
      const now = ctx.now();
      const doc: Omit<InviteDoc, '_id'> = {
        codeHash: inviteCodeHash(code, ctx.reporterKeySecret),
        role: grant.role,
        ...(grant.departmentId ? { departmentId: grant.departmentId } : {}),
        ...(grant.enterpriseId ? { enterpriseId: grant.enterpriseId } : {}),
        uses: input.uses,
        used: 0,
        status: 'open',
        expiresAt: isoTown(new Date(now.getTime() + input.expiresInDays * DAY_MS)),
        ...(input.note ? { note: input.note } : {}),
        codeHint: code.slice(-2),
        createdBy: ctx.openid,
        createdByName: issuerName(ctx.user),
        createdAt: isoTown(now),
      };
      const id = await runTransaction(ctx.db, async (tx) => {
        const { _id } = await tx.collection(INVITES).add({ data: { ...doc } });
        await addAudit(tx, {
          actor: ctx.openid,
          actorRoles: ctx.user.roles,
          action: 'people.invite',
          targetType: 'invite',
          targetId: _id,
          to: grant.role,
          detail: {
            uses: doc.uses,
            expiresAt: doc.expiresAt,
            ...(grant.departmentId ? { departmentId: grant.departmentId } : {}),
            ...(grant.enterpriseId ? { enterpriseId: grant.enterpriseId } : {}),
          },
          at: doc.createdAt,
        });
        return _id;
      });
      return { id, code: formatInviteCode(code), expiresAt: doc.expiresAt };
    },
  }),

  /** The caller's own codes (安委办: everybody's), newest first; never the code, only its last two characters. */
  invites: action({
    input: InvitesInput,
    async run(ctx, { page, pageSize, state }): Promise<Page<InviteSummary>> {
      const _ = ctx.db.command;
      const now = isoTown(ctx.now());
      const where: Record<string, unknown> = ctx.user.roles.includes('admin') ? {} : { createdBy: ctx.openid };
      if (state === 'revoked') where.status = 'revoked';
      if (state === 'usedUp') where.status = 'usedUp';
      if (state === 'expired') Object.assign(where, { status: 'open', expiresAt: _.lte(now) });
      if (state === 'active') Object.assign(where, { status: 'open', expiresAt: _.gt(now) });
      const { data, total } = await fetchPage(ctx.db.collection<InviteDoc>(INVITES).where(where), { page, pageSize }, [
        ['createdAt', 'desc'],
      ]);
      const names = await enterpriseNames(
        ctx,
        data.map((d) => d.enterpriseId),
      );
      return { items: data.map((d) => toInviteSummary(ctx, d, names)), total, page, pageSize };
    },
  }),

  /** Revokes a code that is still active: by its issuer or 安委办. */
  revokeInvite: action({
    input: RevokeInviteInput,
    async run(ctx, { id }): Promise<{ id: string }> {
      const now = ctx.now();
      const at = isoTown(now);
      await runTransaction(ctx.db, async (tx) => {
        const invite = await txGet<InviteDoc>(tx, INVITES, id, '邀请码');
        if (invite.createdBy !== ctx.openid && !ctx.user.roles.includes('admin')) {
          // The same answer as a missing code: nobody learns about another person's codes.
          throw notFound('邀请码不存在');
        }
        const state = inviteState(invite, now);
        if (state !== 'active') throw conflict(`该邀请码${INVITE_STATE_LABELS[state]}，无需作废`);
        await tx
          .collection(INVITES)
          .doc(id)
          .update({ data: { status: 'revoked', revokedAt: at, revokedBy: ctx.openid } });
        await addAudit(tx, {
          actor: ctx.openid,
          actorRoles: ctx.user.roles,
          action: 'people.revokeInvite',
          targetType: 'invite',
          targetId: id,
          from: 'active',
          to: 'revoked',
          at,
        });
      });
      return { id };
    },
  }),

  /** People holding a role (安委办, leaders), by role, department and enterprise; ids are personIds. */
  list: action({
    input: PeopleListInput,
    async run(ctx, { page, pageSize, role, departmentId, enterpriseId }): Promise<Page<PersonSummary>> {
      const _ = ctx.db.command;
      const where: Record<string, unknown> = { since: _.gt('') };
      if (departmentId) where.departmentId = departmentId;
      if (enterpriseId) where.enterpriseId = enterpriseId;
      if (role) where.roles = role;
      const { data, total } = await fetchPage(ctx.db.collection<UserDoc>(USERS).where(where), { page, pageSize }, [
        ['since', 'desc'],
      ]);
      const names = await enterpriseNames(
        ctx,
        data.map((u) => u.enterpriseId),
      );
      return { items: data.map((u) => toPersonSummary(ctx, u, names)), total, page, pageSize };
    },
  }),

  /**
   * Takes a role away (安委办). Roles are read from the database on every call, so the person's next call
   * already runs without it. A safety manager or worker also leaves the enterprise's managers.
   */
  revoke: action({
    input: RevokeRoleInput,
    async run(ctx, { id, role, reason }): Promise<PersonSummary> {
      const { data } = await ctx.db.collection<UserDoc>(USERS).where({ personId: id }).limit(1).get();
      const found = data[0];
      if (!found) throw notFound('人员不存在');
      if (found._id === ctx.openid) throw forbidden('不能解除自己的身份，请由其他镇安委办人员操作');
      const at = isoTown(ctx.now());
      const next = await runTransaction(ctx.db, async (tx) => {
        const user = await txGet<UserDoc>(tx, USERS, found._id, '人员');
        if (!user.roles.includes(role)) throw conflict(`此人没有“${ROLE_LABELS[role]}”身份`);
        const after = removeRole(user, role);
        if (!after.roles.some((r) => r !== 'resident')) delete after.since;
        const { _id, ...doc } = after;
        await tx.collection(USERS).doc(_id).set({ data: doc });
        if ((role === 'safetyManager' || role === 'worker') && user.enterpriseId) {
          const enterprise = await txFind<EnterpriseDoc>(tx, ENTERPRISES, user.enterpriseId);
          if (enterprise?.managerOpenids?.includes(user._id)) {
            await tx
              .collection(ENTERPRISES)
              .doc(user.enterpriseId)
              .update({ data: { managerOpenids: enterprise.managerOpenids.filter((o) => o !== user._id) } });
          }
        }
        await addAudit(tx, {
          actor: ctx.openid,
          actorRoles: ctx.user.roles,
          action: 'people.revoke',
          targetType: 'person',
          targetId: id,
          from: user.roles.join(','),
          to: after.roles.join(','),
          detail: {
            role,
            reason,
            ...(user.departmentId ? { departmentId: user.departmentId } : {}),
            ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
          },
          at,
        });
        return after;
      });
      const names = await enterpriseNames(ctx, [next.enterpriseId]);
      return toPersonSummary(ctx, next, names);
    },
  }),
});
