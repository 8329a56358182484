import {
  ApproveEnterpriseInput,
  CloseEnterpriseInput,
  ConfirmJoinInput,
  ENTERPRISE_STATUS_LABELS,
  EnterpriseListInput,
  RegisterEnterpriseInput,
  RemoveWorkerInput,
  SetHighRiskInput,
  UpdateEnterpriseInput,
  type EnterpriseDetail,
  type EnterpriseMember,
  type EnterpriseSummary,
  type Page,
  type PendingJoin,
} from '../../../types';
import { z } from 'zod';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import type { Transaction } from '../db';
import {
  CREDIT_CODES,
  ENTERPRISES,
  findEnterprise,
  JOINS,
  type CreditCodeDoc,
  type EnterpriseDoc,
  type JoinDoc,
} from '../enterprises';
import { limitAction } from '../rate-limit';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { newTrackingCode, reporterKey } from '../ids';
import { townIndustries } from '../industries';
import { addMessage } from '../messages';
import { applyGrant, personId, removeRole } from '../roles';
import { fetchPage, txFind, txGet } from '../store';
import { isoTown } from '../time';
import { runTransaction } from '../transaction';
import { hasAnyRole, newResident, USERS, type UserDoc as StoredUser } from '../users';
import { internalReportActions } from './enterprise-reports';
import { inspectionActions } from './enterprise-inspections';
import { dueDatesFor, enterpriseDutyActions } from './enterprise-duties';

/** A user as this module reads it: `since` (when the person first gained a role) is written by user.bind too. */
type UserDoc = StoredUser & { since?: string };

/** People of one enterprise, read in pages of this size (CloudBase's cap on one get()). */
const MEMBER_PAGE = 100;
/** An enterprise's people listed at most (the desk shows them all; beyond this the list is cut). */
const MAX_MEMBERS = 2000;

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', `输入有误：${message}`, [{ path, message }]);

function checkReferences(ctx: ActionContext, input: { industry?: string; areaId?: string }): void {
  if (input.industry !== undefined && !townIndustries().get(input.industry)) throw invalid('industry', '行业不存在');
  if (input.areaId !== undefined && !ctx.town.area(input.areaId)) throw invalid('areaId', '居民区或村不存在');
}

const isOffice = (user: UserDoc) => hasAnyRole(user, ['admin', 'leader']);
const pid = (ctx: ActionContext, openid: string, stored?: string) => stored ?? personId(openid, ctx.reporterKeySecret);

async function txUser(tx: Transaction, openid: string, at: string): Promise<UserDoc> {
  return (await txFind<UserDoc>(tx, USERS, openid)) ?? newResident(openid, at);
}

async function txEnterprise(tx: Transaction, id: string): Promise<EnterpriseDoc> {
  return txGet<EnterpriseDoc>(tx, ENTERPRISES, id, '企业');
}

async function findEnterpriseDoc(ctx: ActionContext, id: string): Promise<EnterpriseDoc> {
  const doc = await findEnterprise(ctx.db, id);
  if (!doc) throw notFound('企业不存在');
  return doc;
}

/** Writes a whole user document (set, so a removed department or enterprise is gone from it). */
async function putUser(tx: Transaction, user: UserDoc): Promise<void> {
  const { _id, ...data } = user;
  await tx.collection(USERS).doc(_id).set({ data });
}

/** Everyone bound to the enterprise (workers and its managers), in the order they joined. */
async function members(ctx: ActionContext, enterpriseId: string): Promise<UserDoc[]> {
  const out: UserDoc[] = [];
  for (let skip = 0; skip < MAX_MEMBERS; skip += MEMBER_PAGE) {
    const { data } = await ctx.db
      .collection<UserDoc>(USERS)
      .where({ enterpriseId })
      .orderBy('since', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(MEMBER_PAGE)
      .get();
    out.push(...data);
    if (data.length < MEMBER_PAGE) break;
  }
  return out;
}

async function boundCount(ctx: ActionContext, enterpriseId: string): Promise<number> {
  return (await ctx.db.collection(USERS).where({ enterpriseId }).count()).total;
}

function toSummary(ctx: ActionContext, doc: EnterpriseDoc, boundWorkers: number): EnterpriseSummary {
  return {
    id: doc._id,
    name: doc.name,
    creditCode: doc.creditCode,
    industry: doc.industry,
    industryName: townIndustries().get(doc.industry)?.name ?? doc.industry,
    highRisk: doc.highRisk,
    areaId: doc.areaId,
    areaName: ctx.town.area(doc.areaId)?.name ?? doc.areaId,
    status: doc.status,
    statusLabel: ENTERPRISE_STATUS_LABELS[doc.status],
    workerCount: doc.workerCount,
    boundWorkers,
    createdAt: doc.createdAt,
  };
}

/** The detail as anyone allowed sees it: managers by personId and name, never an openid. */
async function toDetail(ctx: ActionContext, doc: EnterpriseDoc): Promise<EnterpriseDetail> {
  const ids = doc.managerOpenids ?? [];
  const [bound, managerDocs] = await Promise.all([
    boundCount(ctx, doc._id),
    ids.length
      ? ctx.db
          .collection<UserDoc>(USERS)
          .where({ _id: ctx.db.command.in(ids) })
          .limit(100)
          .get()
          .then((r) => r.data)
      : Promise.resolve([] as UserDoc[]),
  ]);
  const byOpenid = new Map(managerDocs.map((u) => [u._id, u]));
  const o = doc.highRiskOverride;
  return {
    ...toSummary(ctx, doc, bound),
    address: doc.address,
    ...(doc.location ? { location: doc.location } : {}),
    contact: { name: doc.contact.name, phone: doc.contact.phone },
    ...(o ? { highRiskOverride: { value: o.value, reason: o.reason, at: o.at } } : {}),
    managers: ids.map((openid) => {
      const u = byOpenid.get(openid);
      return { id: pid(ctx, openid, u?.personId), name: u?.displayName ?? '安全管理人员' };
    }),
    ...(doc.rejectReason ? { rejectReason: doc.rejectReason } : {}),
    ...(doc.closedReason ? { closedReason: doc.closedReason } : {}),
    ...(doc.approvedAt ? { approvedAt: doc.approvedAt } : {}),
    ...(doc.closedAt ? { closedAt: doc.closedAt } : {}),
  };
}

/**
 * The enterprise the caller may see: 安委办 and leaders any (an id is then needed unless they belong to
 * one), a manager or worker only their own (no id: their own).
 */
function scopedId(ctx: ActionContext, id: string | undefined): string {
  const own = ctx.user.enterpriseId;
  if (isOffice(ctx.user)) {
    const target = id ?? own;
    if (!target) throw notFound('请指定企业');
    return target;
  }
  if (!own) throw forbidden('您尚未归属企业');
  if (id && id !== own) throw forbidden('只能查看本企业的信息');
  return own;
}

/** The caller manages this enterprise (its managerOpenids lists them): else the enterprise is not theirs. */
function assertManager(ctx: ActionContext, doc: EnterpriseDoc): void {
  if (ctx.user.enterpriseId !== doc._id || !(doc.managerOpenids ?? []).includes(ctx.openid)) {
    throw forbidden('只能管理本企业');
  }
}

const audit = (
  ctx: ActionContext,
  tx: Transaction,
  entry: { action: string; targetId: string } & Partial<Record<'from' | 'to', string>> & {
      detail?: Record<string, unknown>;
    },
  at: string,
) =>
  addAudit(tx, {
    actor: ctx.openid,
    actorRoles: ctx.user.roles,
    targetType: 'enterprise',
    ...entry,
    action: `enterprise.${entry.action}`,
    at,
  });

const WorkersInput = z.object({ id: z.string().min(1).max(64).optional() }).strict();
const DetailInput = WorkersInput;

export const enterpriseActions = {
  /**
   * A safety manager without an enterprise (or whose registration was rejected) registers one: pending until
   * 安委办 approves, and they become its manager. 安委办 registers one directly: active, no manager yet.
   */
  register: action({
    input: RegisterEnterpriseInput,
    async run(ctx, input): Promise<{ id: string; status: 'pending' | 'active' }> {
      checkReferences(ctx, input);
      const industry = townIndustries().get(input.industry)!;
      const office = hasAnyRole(ctx.user, ['admin']);
      // Every attempt of a manager counts (a refusal names the enterprise holding a credit code); 安委办 enter
      // the town's enterprises in bulk and are not limited.
      if (!office) await limitAction(ctx, 'register');
      const at = isoTown(ctx.now());
      const id = `ENT-${newTrackingCode(10)}`;
      const status = office ? 'active' : 'pending';
      await runTransaction(ctx.db, async (tx) => {
        const guard = await txFind<CreditCodeDoc>(tx, CREDIT_CODES, input.creditCode);
        if (guard) {
          const holder = await txFind<EnterpriseDoc>(tx, ENTERPRISES, guard.enterpriseId);
          if (holder && holder.status !== 'rejected') throw conflict(`该统一社会信用代码已登记：${holder.name}`);
        }
        let me: UserDoc | null = null;
        if (!office) {
          me = await txUser(tx, ctx.openid, at);
          if (me.enterpriseId) {
            const current = await txFind<EnterpriseDoc>(tx, ENTERPRISES, me.enterpriseId);
            if (current && current.status !== 'rejected') {
              throw conflict(
                current.status === 'pending'
                  ? `您登记的企业正在审核：${current.name}`
                  : `您已是企业的人员：${current.name}`,
              );
            }
          }
        }
        const doc: Omit<EnterpriseDoc, '_id'> = {
          name: input.name,
          creditCode: input.creditCode,
          industry: input.industry,
          highRisk: industry.highRisk,
          areaId: input.areaId,
          address: input.address,
          ...(input.location ? { location: input.location } : {}),
          contact: input.contact,
          workerCount: input.workerCount,
          status,
          managerOpenids: me ? [ctx.openid] : [],
          createdBy: ctx.openid,
          createdAt: at,
          ...(office ? { approvedAt: at, approvedBy: ctx.openid } : {}),
        };
        await tx.collection(ENTERPRISES).doc(id).set({ data: doc });
        await tx
          .collection(CREDIT_CODES)
          .doc(input.creditCode)
          .set({ data: { enterpriseId: id, at } });
        if (me) {
          await putUser(tx, {
            ...me,
            enterpriseId: id,
            personId: pid(ctx, ctx.openid, me.personId),
            since: me.since ?? at,
          });
        }
        await audit(
          ctx,
          tx,
          { action: 'register', targetId: id, to: status, detail: { creditCode: input.creditCode } },
          at,
        );
      });
      return { id, status };
    },
  }),

  /** 安委办 approves or rejects a pending registration; a rejection frees the credit code. */
  approve: action({
    input: ApproveEnterpriseInput,
    async run(ctx, { id, approved, reason }): Promise<EnterpriseDetail> {
      const at = isoTown(ctx.now());
      await runTransaction(ctx.db, async (tx) => {
        const doc = await txEnterprise(tx, id);
        if (doc.status !== 'pending') throw conflict(`该企业${ENTERPRISE_STATUS_LABELS[doc.status]}，无需审核`);
        await tx
          .collection(ENTERPRISES)
          .doc(id)
          .update({
            data: approved
              ? { status: 'active', approvedAt: at, approvedBy: ctx.openid }
              : { status: 'rejected', rejectReason: reason ?? '' },
          });
        if (!approved && (await txFind<CreditCodeDoc>(tx, CREDIT_CODES, doc.creditCode))?.enterpriseId === id) {
          await tx.collection(CREDIT_CODES).doc(doc.creditCode).remove();
        }
        for (const openid of doc.managerOpenids ?? []) {
          await addMessage(tx, {
            recipient: reporterKey(openid, ctx.reporterKeySecret),
            title: approved ? '企业登记已通过' : '企业登记未通过',
            body: approved
              ? `“${doc.name}”已通过镇安委办审核，可以发放从业人员邀请码了。`
              : `“${doc.name}”未通过镇安委办审核：${reason ?? ''}。请核对后重新登记。`,
            kind: 'enterprise',
            read: false,
            createdAt: at,
          });
        }
        await audit(
          ctx,
          tx,
          {
            action: 'approve',
            targetId: id,
            from: 'pending',
            to: approved ? 'active' : 'rejected',
            ...(reason ? { detail: { reason } } : {}),
          },
          at,
        );
      });
      return toDetail(ctx, await findEnterpriseDoc(ctx, id));
    },
  }),

  /** The register, for 安委办 and leaders: filters, newest first. */
  list: action({
    input: EnterpriseListInput,
    async run(ctx, { page, pageSize, status, industry, areaId, highRisk, q }): Promise<Page<EnterpriseSummary>> {
      const where: Record<string, unknown> = {};
      if (status) where.status = status;
      if (industry) where.industry = industry;
      if (areaId) where.areaId = areaId;
      if (highRisk !== undefined) where.highRisk = highRisk;
      const term = q?.trim();
      if (term) {
        const code = term.toUpperCase().replace(/\s/g, '');
        if (/^[0-9A-Z]{18}$/.test(code)) where.creditCode = code;
        else where.name = ctx.db.RegExp({ regexp: term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
      }
      const query = ctx.db.collection<EnterpriseDoc>(ENTERPRISES).where(where);
      const { data, total } = await fetchPage(query, { page, pageSize }, [['createdAt', 'desc']]);
      const counts = await Promise.all(data.map((d) => boundCount(ctx, d._id)));
      return { items: data.map((d, i) => toSummary(ctx, d, counts[i])), total, page, pageSize };
    },
  }),

  detail: action({
    input: DetailInput,
    async run(ctx, { id }): Promise<EnterpriseDetail> {
      return toDetail(ctx, await findEnterpriseDoc(ctx, scopedId(ctx, id)));
    },
  }),

  /** 安委办 any enterprise, a manager their own; the credit code never changes. */
  update: action({
    input: UpdateEnterpriseInput,
    async run(ctx, { id, ...changes }): Promise<EnterpriseDetail> {
      checkReferences(ctx, changes);
      const office = hasAnyRole(ctx.user, ['admin']);
      const at = isoTown(ctx.now());
      await runTransaction(ctx.db, async (tx) => {
        const doc = await txEnterprise(tx, id);
        if (!office) assertManager(ctx, doc);
        if (doc.status === 'closed') throw conflict('该企业已注销，不能修改');
        if (doc.status === 'rejected') throw conflict('登记未通过，请重新登记');
        const data: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined) continue;
          data[k] = v !== null && typeof v === 'object' ? ctx.db.command.set(v) : v;
        }
        if (changes.industry && !doc.highRiskOverride) data.highRisk = townIndustries().get(changes.industry)!.highRisk;
        if (data.highRisk !== undefined && data.highRisk !== doc.highRisk)
          Object.assign(data, dueDatesFor(doc, !doc.highRisk));
        if (Object.keys(data).length === 0) return;
        data.updatedAt = at;
        await tx.collection(ENTERPRISES).doc(id).update({ data });
        await audit(
          ctx,
          tx,
          {
            action: 'update',
            targetId: id,
            detail: { fields: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined) },
          },
          at,
        );
      });
      return toDetail(ctx, await findEnterpriseDoc(ctx, id));
    },
  }),

  /** 安委办 overrides the industry's high-risk default for one enterprise, with a reason. */
  setHighRisk: action({
    input: SetHighRiskInput,
    async run(ctx, { id, highRisk, reason }): Promise<EnterpriseDetail> {
      const at = isoTown(ctx.now());
      await runTransaction(ctx.db, async (tx) => {
        const doc = await txEnterprise(tx, id);
        if (doc.status === 'closed') throw conflict('该企业已注销，不能修改');
        const override = { value: highRisk, reason, by: ctx.openid, at };
        await tx
          .collection(ENTERPRISES)
          .doc(id)
          .update({
            data: {
              highRisk,
              highRiskOverride: ctx.db.command.set(override),
              updatedAt: at,
              ...dueDatesFor(doc, highRisk),
            },
          });
        await audit(
          ctx,
          tx,
          { action: 'setHighRisk', targetId: id, from: String(doc.highRisk), to: String(highRisk), detail: { reason } },
          at,
        );
      });
      return toDetail(ctx, await findEnterpriseDoc(ctx, id));
    },
  }),

  /**
   * 安委办 closes an enterprise: kept for history, its pending joins refused, and its people lose their
   * enterprise roles (they stay residents), so its worker codes and desk stop working.
   */
  close: action({
    input: CloseEnterpriseInput,
    async run(ctx, { id, reason }): Promise<EnterpriseDetail> {
      const at = isoTown(ctx.now());
      await runTransaction(ctx.db, async (tx) => {
        const doc = await txEnterprise(tx, id);
        if (doc.status === 'closed') throw conflict('该企业已注销');
        await tx
          .collection(ENTERPRISES)
          .doc(id)
          .update({ data: { status: 'closed', closedAt: at, closedReason: reason, closedBy: ctx.openid } });
        await audit(ctx, tx, { action: 'close', targetId: id, from: doc.status, to: 'closed', detail: { reason } }, at);
      });
      // Each person in their own transaction: nothing relies on atomicity across documents, and a retry of
      // close (already closed) is refused above, so a person missed by a crash is caught by the status checks.
      for (const m of await members(ctx, id)) {
        await runTransaction(ctx.db, async (tx) => {
          const u = await txUser(tx, m._id, at);
          if (u.enterpriseId !== id) return;
          await putUser(tx, removeRole(u, 'worker'));
        });
      }
      await ctx.db
        .collection(JOINS)
        .where({ enterpriseId: id, status: 'pending' })
        .update({ data: { status: 'refused', decidedAt: at, decidedBy: ctx.openid } });
      return toDetail(ctx, await findEnterpriseDoc(ctx, id));
    },
  }),

  /** The desk's people: members (managers first) and pending joins; ids are personIds, never openids. */
  workers: action({
    input: WorkersInput,
    async run(ctx, { id }): Promise<{ members: EnterpriseMember[]; pending: PendingJoin[] }> {
      const office = hasAnyRole(ctx.user, ['admin']);
      const target = office ? (id ?? ctx.user.enterpriseId) : ctx.user.enterpriseId;
      if (!target) throw office ? notFound('请指定企业') : forbidden('您尚未归属企业');
      if (!office && id && id !== target) throw forbidden('只能管理本企业');
      const doc = await findEnterpriseDoc(ctx, target);
      if (!office) assertManager(ctx, doc);
      const [people, joins] = await Promise.all([
        members(ctx, target),
        ctx.db
          .collection<JoinDoc>(JOINS)
          .where({ enterpriseId: target, status: 'pending' })
          .orderBy('requestedAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(100)
          .get()
          .then((r) => r.data),
      ]);
      const managers = new Set(doc.managerOpenids ?? []);
      const list: EnterpriseMember[] = people.map((u) => ({
        id: pid(ctx, u._id, u.personId),
        name: u.displayName ?? '未留名',
        role: managers.has(u._id) || u.roles.includes('safetyManager') ? 'safetyManager' : 'worker',
        since: u.since ?? u.createdAt,
      }));
      list.sort((a, b) =>
        a.role !== b.role
          ? a.role === 'safetyManager'
            ? -1
            : 1
          : a.since.localeCompare(b.since) || a.id.localeCompare(b.id),
      );
      return {
        members: list,
        pending: joins.map((j) => ({ id: j._id, name: j.name, requestedAt: j.requestedAt })),
      };
    },
  }),

  /** The manager confirms or refuses a worker's request to join (made with a multi-use worker code). */
  confirmJoin: action({
    input: ConfirmJoinInput,
    async run(ctx, { id, approved }): Promise<{ id: string }> {
      const at = isoTown(ctx.now());
      await runTransaction(ctx.db, async (tx) => {
        const join = await txGet<JoinDoc>(tx, JOINS, id, '加入申请');
        const ent = await txEnterprise(tx, join.enterpriseId).catch((e: unknown) => {
          throw e instanceof AppError ? notFound('加入申请不存在') : e;
        });
        if (ctx.user.enterpriseId !== ent._id || !(ent.managerOpenids ?? []).includes(ctx.openid)) {
          throw notFound('加入申请不存在');
        }
        if (join.status !== 'pending') throw conflict('已处理');
        if (approved && ent.status !== 'active') throw conflict('企业尚未通过审核或已注销，不能加入');
        if (approved) {
          const person = await txUser(tx, join.openid, at);
          if (person.enterpriseId && person.enterpriseId !== ent._id) throw conflict('此人已是其他企业的人员');
          if (!(person.enterpriseId === ent._id && person.roles.includes('worker'))) {
            const granted = applyGrant(person, { role: 'worker', enterpriseId: ent._id });
            await putUser(tx, {
              ...granted,
              personId: pid(ctx, join.openid, person.personId ?? join.personId),
              displayName: person.displayName ?? join.name,
              since: person.since ?? at,
            });
          }
        }
        await tx
          .collection(JOINS)
          .doc(id)
          .update({ data: { status: approved ? 'approved' : 'refused', decidedAt: at, decidedBy: ctx.openid } });
        await addMessage(tx, {
          recipient: reporterKey(join.openid, ctx.reporterKeySecret),
          title: approved ? '加入企业申请已通过' : '加入企业申请未通过',
          body: approved ? `您已成为“${ent.name}”的从业人员。` : `“${ent.name}”的安全管理人员未同意您的加入申请。`,
          kind: 'enterpriseJoin',
          read: false,
          createdAt: at,
        });
        await audit(
          ctx,
          tx,
          {
            action: 'confirmJoin',
            targetId: ent._id,
            to: approved ? 'approved' : 'refused',
            detail: { joinId: id, personId: join.personId },
          },
          at,
        );
      });
      return { id };
    },
  }),

  /** The manager removes a worker from their enterprise (not themselves, not another manager). */
  removeWorker: action({
    input: RemoveWorkerInput,
    async run(ctx, { id, reason }): Promise<{ id: string }> {
      const own = ctx.user.enterpriseId;
      if (!own) throw forbidden('您尚未归属企业');
      const doc = await findEnterpriseDoc(ctx, own);
      assertManager(ctx, doc);
      const target = (await members(ctx, own)).find((u) => pid(ctx, u._id, u.personId) === id);
      if (!target) throw notFound('该人员不在本企业');
      if (target._id === ctx.openid) throw conflict('不能移除自己');
      if ((doc.managerOpenids ?? []).includes(target._id) || target.roles.includes('safetyManager')) {
        throw forbidden('安全管理人员需由镇安委办调整');
      }
      const at = isoTown(ctx.now());
      await runTransaction(ctx.db, async (tx) => {
        const u = await txUser(tx, target._id, at);
        if (u.enterpriseId !== own) throw notFound('该人员不在本企业');
        await putUser(tx, removeRole(u, 'worker'));
        await audit(ctx, tx, { action: 'removeWorker', targetId: own, detail: { personId: id, reason } }, at);
      });
      return { id };
    },
  }),
};

/** 企业 (DESIGN.md §4 `enterprise`): the register, the manager's desk, and internal reports. */
export const enterpriseFunction = defineFunction('enterprise', {
  ...enterpriseActions,
  ...internalReportActions,
  ...inspectionActions,
  ...enterpriseDutyActions,
});
