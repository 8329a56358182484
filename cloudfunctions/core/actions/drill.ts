// `drill` (issue 10, DESIGN.md §7): plan, run (start, all-clear, the rotating QR), check-in, close with the
// record, and 安委办's compliance list. The rules themselves are pure: drills/token.ts, drills/checkin-rules.ts,
// duties.ts. Owner this session: drill10-server (the compliance action: comply10).
//
// Refusals of a check-in, and their codes:
//  - a token that is not ours, or whose signature fails (forged, another secret): INVALID_INPUT;
//  - a token older than TOKEN_LIFE_SECONDS (a replayed photo of the screen): EXPIRED;
//  - the drill closed or cancelled: CONFLICT; a second check-in of one person: CONFLICT 您已签到;
//  - outside the window (too early or after its end), outside the circle, or a too imprecise fix: FORBIDDEN
//    (the person may not check in from there / then; the message says where and when they may).
// A check-in never touches the drill document (500 people in a minute would all write one hot document): the
// headcount is a count() of the check-ins.
import { randomBytes } from 'node:crypto';
import type { Page } from '../../../types';
import {
  AddByHandInput,
  CancelDrillInput,
  CheckinInput,
  CloseDrillInput,
  CreateDrillInput,
  DrillIdInput,
  DrillListInput,
  TOKEN_REFRESH_SECONDS,
  type CheckinResult,
  type DrillDetail,
  type DrillParticipants,
  type DrillQr,
  type DrillStatus,
  type DrillSummary,
} from '../../../types/drill';
import { uploadScope } from '../../../types/user';
import { action, defineFunction, type ActionContext } from '../action';
import { complianceActions } from './drill-compliance';
import { addAudit } from '../audit';
import type { Transaction } from '../db';
import {
  assertDrillManager,
  boundPeople,
  checkinId,
  checkinsOf,
  clockText,
  countCheckins,
  DRILL_CHECKINS,
  DRILLS,
  findDrill,
  handKey,
  isDrillManager,
  me,
  mayOversee,
  participantOf,
  recordView,
  summaryOf,
  TOWN_ORGANIZER,
  TOWN_OWNER,
  type CheckinDoc,
  type DrillDoc,
  type DrillRecordDoc,
} from '../drills/docs';
import { checkGeofence, checkWindow, geofenceRefusal } from '../drills/checkin-rules';
import { signToken, TOKEN_REFUSALS, verifyToken } from '../drills/token';
import { markDutyDone } from '../duty-store';
import { findEnterprise } from '../enterprises';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { limitAction } from '../rate-limit';
import { fetchPage, findById, txFind, txGet } from '../store';
import { isoTown } from '../time';
import { runTransaction } from '../transaction';
import { hasAnyRole, USERS, type UserDoc } from '../users';

export { DRILL_CHECKINS, DRILL_INDEXES, DRILLS } from '../drills/docs';

/**
 * Statuses in which people may check in (inside the window). Not after the all-clear: the headcount is then being
 * checked against the list, the run page stops showing the QR (解除警报 → 不再显示签到二维码), and a token
 * photographed in the last 30 s must not add someone who was not at the assembly point when it counted. Whoever
 * was there and missed it is added by hand by the organiser (addByHand stays open until the close).
 */
const OPEN_FOR_CHECKIN: readonly DrillStatus[] = ['planned', 'started'];
export const AFTER_ALL_CLEAR = '演练已解除警报，签到已结束；如您在现场，请联系组织者手工登记';

const newDrillId = () => 'dr' + randomBytes(12).toString('hex');

const town = (iso: string) => isoTown(new Date(Date.parse(iso)));

function stateRefusal(d: DrillDoc): AppError | null {
  if (d.status === 'closed') return conflict('演练已结束归档，不能再签到');
  if (d.status === 'cancelled') return conflict(`演练已取消${d.cancelledReason ? `：${d.cancelledReason}` : ''}`);
  return null;
}

function windowRefusal(d: DrillDoc, now: Date, what: string): AppError | null {
  const w = checkWindow(d.startAt, d.endAt, now);
  if (w.ok) return null;
  return w.reason === 'early'
    ? forbidden(`还没到${what}时间：${clockText(isoTown(w.opensAt))} 起可以${what}`)
    : forbidden(`${what}时间已过：演练于 ${clockText(isoTown(w.closesAt))} 结束`);
}

const audit = (
  ctx: ActionContext,
  tx: Pick<Transaction, 'collection'>,
  action: string,
  drillId: string,
  at: string,
  extra: { from?: string; to?: string; detail?: Record<string, unknown> } = {},
) =>
  addAudit(tx, {
    actor: ctx.openid,
    actorRoles: ctx.user.roles,
    action: `drill.${action}`,
    targetType: 'drill',
    targetId: drillId,
    ...extra,
    at,
  });

async function detailOf(ctx: ActionContext, d: DrillDoc): Promise<DrillDetail> {
  const [checkedIn, mine, manage, oversee] = await Promise.all([
    countCheckins(ctx.db, d._id),
    findById<CheckinDoc>(ctx.db, DRILL_CHECKINS, checkinId(d._id, me(ctx))),
    isDrillManager(ctx, d),
    mayOversee(ctx, d),
  ]);
  const urls = d.record && oversee ? await ctx.files.urls(d.record.photos) : {};
  const now = ctx.now();
  const checkin = OPEN_FOR_CHECKIN.includes(d.status) && checkWindow(d.startAt, d.endAt, now).ok && !mine;
  return {
    ...summaryOf(d, checkedIn, mine?.at),
    commander: d.commander,
    ...(d.scenario ? { scenario: d.scenario } : {}),
    ...(d.startedAt ? { startedAt: d.startedAt } : {}),
    ...(d.allClearAt ? { allClearAt: d.allClearAt } : {}),
    ...(d.evacuationSeconds !== undefined ? { evacuationSeconds: d.evacuationSeconds } : {}),
    ...(d.cancelledReason ? { cancelledReason: d.cancelledReason } : {}),
    ...(d.record ? { record: recordView(d.record, urls) } : {}),
    may: { manage, checkin },
  };
}

/** Who may read a drill at all: those who oversee it, its enterprise's people, anyone for an open drill, and
 * anyone who checked in to it. */
async function assertMayRead(ctx: ActionContext, d: DrillDoc): Promise<void> {
  if (d.audience === 'open' || (d.enterpriseId && ctx.user.enterpriseId === d.enterpriseId)) return;
  if (await mayOversee(ctx, d)) return;
  if (await findById(ctx.db, DRILL_CHECKINS, checkinId(d._id, me(ctx)))) return;
  throw notFound('没有找到这次演练');
}

/**
 * Who a workers drill expects: the enterprise's bound workers and managers, except the planner — they run the
 * drill at the assembly point with the QR on their phone, and would otherwise always be 未到.
 */
async function expectedPeople(ctx: ActionContext, enterpriseId: string, plannerOpenid: string) {
  const planner = me({ openid: plannerOpenid, reporterKeySecret: ctx.reporterKeySecret });
  return (await boundPeople(ctx, enterpriseId)).filter((p) => p.id !== planner);
}

async function participantsOf(ctx: ActionContext, d: DrillDoc): Promise<DrillParticipants> {
  const [checkins, bound] = await Promise.all([
    checkinsOf(ctx.db, d._id),
    d.enterpriseId && d.audience === 'workers'
      ? expectedPeople(ctx, d.enterpriseId, d.createdBy)
      : Promise.resolve(null),
  ]);
  const present = new Set(checkins.map((c) => c.person));
  return {
    checkedIn: checkins.map(participantOf),
    missing: bound ? bound.filter((p) => !present.has(p.id)) : [],
    expectedCount: bound ? bound.length : d.expectedCount,
  };
}

/** Moves a drill from one status to the next in a transaction, as its manager; returns the new detail. */
async function transition(
  ctx: ActionContext,
  drillId: string,
  name: string,
  change: (d: DrillDoc, at: string) => Partial<DrillDoc>,
): Promise<DrillDetail> {
  const before = await findDrill(ctx.db, drillId);
  await assertDrillManager(ctx, before);
  const at = isoTown(ctx.now());
  await runTransaction(ctx.db, async (tx) => {
    const d = await txGet<DrillDoc>(tx, DRILLS, drillId, '演练');
    const data = change(d, at);
    await tx.collection(DRILLS).doc(drillId).update({ data });
    await audit(ctx, tx, name, drillId, at, { from: d.status, ...(data.status ? { to: data.status } : {}) });
  });
  return detailOf(ctx, await findDrill(ctx.db, drillId));
}

const ACTIVE: DrillStatus[] = ['planned', 'started', 'allClear'];

export const drillActions = {
  /** manage: drills the caller runs; join: drills the caller may check in to; all: 安委办 and leaders. */
  list: action({
    input: DrillListInput,
    async run(ctx, { scope, status, page, pageSize }): Promise<Page<DrillSummary>> {
      const _ = ctx.db.command;
      const { user } = ctx;
      let where: Record<string, unknown>;
      let order: [string, 'asc' | 'desc'][] = [['startAt', 'desc']];
      if (scope === 'all') {
        if (!hasAnyRole(user, ['admin', 'leader'])) throw forbidden('只有镇安委办和领导可以查看全部演练');
        where = status ? { status } : {};
      } else if (scope === 'manage') {
        const owner = hasAnyRole(user, ['admin'])
          ? TOWN_OWNER
          : hasAnyRole(user, ['safetyManager']) && user.enterpriseId
            ? user.enterpriseId
            : null;
        if (!owner) throw forbidden('只有企业安全管理人员和镇安委办可以组织演练');
        where = { owner, ...(status ? { status } : {}) };
      } else {
        const owners = [TOWN_OWNER, ...(user.enterpriseId ? [user.enterpriseId] : [])];
        const statuses = status ? (ACTIVE.includes(status) ? [status] : []) : ACTIVE;
        if (statuses.length === 0) return { items: [], total: 0, page, pageSize };
        where = { owner: _.in(owners), status: _.in(statuses) };
        order = [['startAt', 'asc']];
      }
      const { data, total } = await fetchPage(
        ctx.db.collection<DrillDoc>(DRILLS).where(where),
        { page, pageSize },
        order,
      );
      const mine = me(ctx);
      const ids = data.map((d) => checkinId(d._id, mine));
      const [counts, own] = await Promise.all([
        Promise.all(data.map((d) => countCheckins(ctx.db, d._id))),
        ids.length
          ? ctx.db
              .collection<CheckinDoc>(DRILL_CHECKINS)
              .where({ _id: _.in(ids) })
              .limit(100)
              .get()
              .then((r) => r.data)
          : Promise.resolve([] as CheckinDoc[]),
      ]);
      const at = new Map(own.map((c) => [c.drillId, c.at]));
      return { items: data.map((d, i) => summaryOf(d, counts[i], at.get(d._id))), total, page, pageSize };
    },
  }),

  detail: action({
    input: DrillIdInput,
    async run(ctx, { drillId }): Promise<DrillDetail> {
      const d = await findDrill(ctx.db, drillId);
      await assertMayRead(ctx, d);
      return detailOf(ctx, d);
    },
  }),

  /** A manager plans a drill of their enterprise; 安委办 a town drill (open to residents). */
  create: action({
    input: CreateDrillInput,
    async run(ctx, input): Promise<{ id: string }> {
      const { user } = ctx;
      const now = ctx.now();
      const at = isoTown(now);
      let owner: string;
      let organizer: string;
      let expectedCount: number;
      if (hasAnyRole(user, ['safetyManager']) && user.enterpriseId) {
        const ent = await findEnterprise(ctx.db, user.enterpriseId);
        if (!ent || !(ent.managerOpenids ?? []).includes(ctx.openid)) throw forbidden('只能为本企业组织演练');
        if (ent.status !== 'active') throw conflict('企业尚未通过登记审核，暂不能组织演练');
        owner = ent._id;
        organizer = ent.name;
        expectedCount =
          input.audience === 'workers'
            ? (await expectedPeople(ctx, ent._id, ctx.openid)).length
            : (input.expectedCount ?? 1);
      } else if (hasAnyRole(user, ['admin'])) {
        if (input.audience !== 'open') throw forbidden('镇级演练面向居民，请选择“开放参加”');
        owner = TOWN_OWNER;
        organizer = TOWN_ORGANIZER;
        expectedCount = input.expectedCount ?? 1;
      } else {
        throw forbidden('您尚未归属企业，不能组织演练');
      }
      const endAt = town(input.endAt);
      if (Date.parse(endAt) <= now.getTime())
        throw new AppError('INVALID_INPUT', '输入有误：结束时间已过', [{ path: 'endAt', message: '结束时间已过' }]);
      const id = newDrillId();
      const doc: Omit<DrillDoc, '_id'> = {
        title: input.title,
        type: input.type,
        status: 'planned',
        owner,
        ...(owner !== TOWN_OWNER ? { enterpriseId: owner } : {}),
        organizer,
        audience: input.audience,
        location: input.location,
        radiusM: input.radiusM,
        startAt: town(input.startAt),
        endAt,
        expectedCount: Math.max(expectedCount, 0),
        commander: input.commander,
        ...(input.scenario ? { scenario: input.scenario } : {}),
        createdBy: ctx.openid,
        createdAt: at,
      };
      await runTransaction(ctx.db, async (tx) => {
        await tx
          .collection(DRILLS)
          .doc(id)
          .set({ data: { ...doc } });
        await audit(ctx, tx, 'create', id, at, { to: 'planned', detail: { title: input.title, owner } });
      });
      return { id };
    },
  }),

  /** Only before the start. */
  cancel: action({
    input: CancelDrillInput,
    run: (ctx, { drillId, reason }) =>
      transition(ctx, drillId, 'cancel', (d, at) => {
        if (d.status !== 'planned') throw conflict('演练已开始或已结束，不能取消');
        return { status: 'cancelled', cancelledAt: at, cancelledReason: reason };
      }),
  }),

  /** 警报拉响: inside the window (from 15 minutes before the planned start to its end). */
  start: action({
    input: DrillIdInput,
    run: (ctx, { drillId }) =>
      transition(ctx, drillId, 'start', (d, at) => {
        if (d.status !== 'planned') throw conflict(d.status === 'cancelled' ? '演练已取消' : '演练已经开始过了');
        const w = windowRefusal(d, ctx.now(), '开始演练');
        if (w) throw w;
        return { status: 'started', startedAt: at };
      }),
  }),

  /** 解除警报: the evacuation time runs from the start to now. */
  allClear: action({
    input: DrillIdInput,
    run: (ctx, { drillId }) =>
      transition(ctx, drillId, 'allClear', (d, at) => {
        if (d.status === 'planned') throw conflict('请先开始演练（拉响警报），再解除警报');
        if (d.status !== 'started') throw conflict('警报已经解除过了');
        const seconds = Math.max(0, Math.round((Date.parse(at) - Date.parse(d.startedAt ?? at)) / 1000));
        return { status: 'allClear', allClearAt: at, evacuationSeconds: seconds };
      }),
  }),

  /** The manager's rotating QR: only in the window and while people may still check in. */
  qr: action({
    input: DrillIdInput,
    async run(ctx, { drillId }): Promise<DrillQr> {
      const d = await findDrill(ctx.db, drillId);
      await assertDrillManager(ctx, d);
      if (d.status === 'closed') throw conflict('演练已归档，不再显示签到码');
      if (d.status === 'cancelled') throw conflict('演练已取消');
      if (!OPEN_FOR_CHECKIN.includes(d.status))
        throw conflict('警报已解除，签到已结束，不再显示签到码；未签到的在场人员请手工登记');
      const now = ctx.now();
      const w = windowRefusal(d, now, '签到');
      if (w) throw w;
      const { token, expiresAt } = signToken(d._id, now, ctx.reporterKeySecret);
      return { token, expiresAt: isoTown(expiresAt), refreshInSeconds: TOKEN_REFRESH_SECONDS };
    },
  }),

  /** Token, drill state, window, circle, then once per person (the check-in's id is drill × person). */
  checkin: action({
    input: CheckinInput,
    async run(ctx, input): Promise<CheckinResult> {
      await limitAction(ctx, 'checkin');
      const now = ctx.now();
      const token = verifyToken(input.token.trim(), now, ctx.reporterKeySecret);
      if (!token.ok) {
        throw new AppError(token.reason === 'expired' ? 'EXPIRED' : 'INVALID_INPUT', TOKEN_REFUSALS[token.reason]);
      }
      const d = await findById<DrillDoc>(ctx.db, DRILLS, token.drillId);
      if (!d) throw notFound('没有找到这次演练，请扫描现场最新的签到码');
      const state = stateRefusal(d);
      if (state) throw state;
      if (!OPEN_FOR_CHECKIN.includes(d.status)) throw conflict(AFTER_ALL_CLEAR);
      const w = windowRefusal(d, now, '签到');
      if (w) throw w;
      const fence = checkGeofence(d.location, d.radiusM, input);
      if (!fence.ok) throw forbidden(geofenceRefusal(fence, input.accuracy));

      const person = me(ctx);
      const id = checkinId(d._id, person);
      const at = isoTown(now);
      const expected =
        !!d.enterpriseId &&
        ctx.user.enterpriseId === d.enterpriseId &&
        hasAnyRole(ctx.user, ['worker', 'safetyManager']);
      const already = (c: CheckinDoc) => conflict(`您已签到（${clockText(c.at)}），无需重复签到`);
      const doc: Omit<CheckinDoc, '_id'> = {
        drillId: d._id,
        person,
        name: ctx.user.displayName ?? input.name ?? '未留名',
        at,
        byHand: false,
        expected,
        distanceM: fence.distanceM,
        ...(input.accuracy !== undefined ? { accuracy: Math.round(input.accuracy) } : {}),
      };
      try {
        await runTransaction(ctx.db, async (tx) => {
          const existing = await txFind<CheckinDoc>(tx, DRILL_CHECKINS, id);
          if (existing) throw already(existing);
          await tx.collection(DRILL_CHECKINS).add({ data: { _id: id, ...doc } });
        });
      } catch (e) {
        if (e instanceof AppError) throw e;
        // Two first check-ins raced past the read and the other committed (a duplicate _id): one check-in.
        const existing = await findById<CheckinDoc>(ctx.db, DRILL_CHECKINS, id);
        if (existing) throw already(existing);
        throw e;
      }
      return { drillId: d._id, title: d.title, at, distanceM: fence.distanceM };
    },
  }),

  /** 现场手工登记: someone without a phone, marked as such; a bound worker by their personId. */
  addByHand: action({
    input: AddByHandInput,
    async run(ctx, { drillId, name, memberId, note }): Promise<DrillParticipants> {
      const d = await findDrill(ctx.db, drillId);
      await assertDrillManager(ctx, d);
      const state = stateRefusal(d);
      if (state) throw state;
      // Not before people could check in themselves (15 minutes ahead of the start): a list filled in days
      // ahead is not a headcount. Late is allowed until the close (someone who missed the QR, after the all-clear).
      const w = checkWindow(d.startAt, d.endAt, ctx.now());
      if (!w.ok && w.reason === 'early')
        throw forbidden(`还没到手工登记时间：${clockText(isoTown(w.opensAt))} 起可以登记`);
      let expected = false;
      if (memberId) {
        const { data } = await ctx.db.collection<UserDoc>(USERS).where({ personId: memberId }).limit(1).get();
        const u = data[0];
        if (!u || !d.enterpriseId || u.enterpriseId !== d.enterpriseId) throw notFound('本企业没有这名人员');
        expected = hasAnyRole(u, ['worker', 'safetyManager']);
      }
      const person = memberId ?? handKey(name, note);
      const id = checkinId(d._id, person);
      const at = isoTown(ctx.now());
      const doc: Omit<CheckinDoc, '_id'> = {
        drillId: d._id,
        person,
        name,
        at,
        byHand: true,
        expected,
        ...(note ? { note } : {}),
        addedBy: me(ctx),
      };
      try {
        await runTransaction(ctx.db, async (tx) => {
          const existing = await txFind<CheckinDoc>(tx, DRILL_CHECKINS, id);
          if (existing) throw conflict(`${existing.name} 已签到（${clockText(existing.at)}）`);
          await tx.collection(DRILL_CHECKINS).add({ data: { _id: id, ...doc } });
          await audit(ctx, tx, 'addByHand', d._id, at, { detail: { name, member: !!memberId } });
        });
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (await findById(ctx.db, DRILL_CHECKINS, id)) throw conflict(`${name} 已签到`);
        throw e;
      }
      return participantsOf(ctx, d);
    },
  }),

  /** Who checked in, and (a workers drill) which bound people are missing. */
  participants: action({
    input: DrillIdInput,
    async run(ctx, { drillId }): Promise<DrillParticipants> {
      const d = await findDrill(ctx.db, drillId);
      if (!(await mayOversee(ctx, d))) throw forbidden('只有演练的组织者可以查看签到名单');
      return participantsOf(ctx, d);
    },
  }),

  /**
   * 归档: after the all-clear, with the record; the headcount, the missing and the by-hand entries are counted
   * here, and an enterprise drill marks the drill duty done (the start's town date) in the same transaction.
   */
  close: action({
    input: CloseDrillInput,
    async run(ctx, { drillId, record }): Promise<DrillDetail> {
      const d = await findDrill(ctx.db, drillId);
      await assertDrillManager(ctx, d);
      if (d.status === 'planned' || d.status === 'started') throw conflict('请先开始演练并解除警报，再填写演练记录');
      if (d.status !== 'allClear') throw conflict(d.status === 'closed' ? '演练已归档' : '演练已取消');
      await ctx.files.assertOwned(ctx.openid, record.photos, uploadScope.drill(drillId), 'record.photos');
      // The headcount is counted, not the length of the list: checkinsOf stops at 5000 people and a town drill
      // may expect up to 100000 (CreateDrillInput).
      const [people, headcount] = await Promise.all([participantsOf(ctx, d), countCheckins(ctx.db, d._id)]);
      const at = isoTown(ctx.now());
      const rec: DrillRecordDoc = {
        ...record,
        headcount,
        expectedCount: people.expectedCount,
        missing: people.missing.map((p) => p.name),
        byHand: people.checkedIn.filter((p) => p.byHand).length,
        closedAt: at,
        closedByName: ctx.user.displayName ?? (d.enterpriseId ? '企业安全管理人员' : TOWN_ORGANIZER),
      };
      await runTransaction(ctx.db, async (tx) => {
        const cur = await txGet<DrillDoc>(tx, DRILLS, drillId, '演练');
        if (cur.status !== 'allClear') throw conflict('演练状态已变化，请刷新后再试');
        await tx
          .collection(DRILLS)
          .doc(drillId)
          .update({ data: { status: 'closed', record: ctx.db.command.set(rec) } });
        if (cur.enterpriseId) await markDutyDone(tx, cur.enterpriseId, 'drill', (cur.startedAt ?? at).slice(0, 10));
        await audit(ctx, tx, 'close', drillId, at, {
          from: 'allClear',
          to: 'closed',
          detail: { headcount: rec.headcount, expected: rec.expectedCount, missing: rec.missing.length },
        });
      });
      return detailOf(ctx, await findDrill(ctx.db, drillId));
    },
  }),
};

export const drillFunction = defineFunction('drill', { ...drillActions, ...complianceActions });
