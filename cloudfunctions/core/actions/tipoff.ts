import { z } from 'zod';
import {
  IdInput,
  MineInput,
  NearbyInput,
  RateInput,
  SubmitTipoffInput,
  TrackInput,
  UrgeInput,
  type NearbyTipoff,
  type UrgeResult,
  type Page,
  type SubmitTipoffResult,
  type TipoffDetail,
  type TipoffDetailView,
  type TipoffOptions,
  type TipoffSummary,
} from '../../../types';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import { townDate } from '../calendar';
import { AppError, conflict, notFound } from '../errors';
import { uploadScope } from '../files';
import { distanceMeters } from '../geo';
import { fileTipoff } from '../file-tipoff';
import { reporterKey, tipoffIdFor } from '../ids';
import { addMessage, departmentRecipient, FOLLOWS, followId } from '../messages';
import { isOverdue } from '../progress';
import { fetchPage, findById, txExists, txGet } from '../store';
import { isoTown } from '../time';
import { assertCurrentVersion, SUBMIT_NEEDS_CONSENT } from '../privacy';
import { limitAction } from '../rate-limit';
import { runTransaction } from '../transaction';
import {
  areaName,
  categoryName,
  ENDED_STATUSES,
  OPEN_STATUSES,
  TIPOFFS,
  reporterFileIds,
  toDetail,
  toFollowerView,
  toSummary,
  type TipoffDoc,
} from '../tipoffs';
import { checkText } from '../blocked-words';

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', `输入有误：${message}`, [{ path, message }]);

function resultOf(
  doc: Pick<TipoffDoc, '_id' | 'no' | 'status' | 'departmentId' | 'trackingCode'>,
  ctx: ActionContext,
): SubmitTipoffResult {
  return {
    id: doc._id,
    no: doc.no,
    status: doc.status,
    departmentId: doc.departmentId,
    departmentName: ctx.town.department(doc.departmentId)?.name ?? doc.departmentId,
    trackingCode: doc.trackingCode,
  };
}

/** The caller's own report, or NOT_FOUND (someone else's report looks the same as a missing one). */
async function ownReport(ctx: ActionContext, id: string): Promise<TipoffDoc> {
  const doc = await findById<TipoffDoc>(ctx.db, TIPOFFS, id);
  if (!doc || doc.reporterKey !== reporterKey(ctx.openid, ctx.reporterKeySecret)) throw notFound('没有找到这条举报');
  return doc;
}

/** Every look-up by tracking code counts against the caller's `track` limit: codes cannot be guessed in bulk. */
async function byTrackingCode(ctx: ActionContext, trackingCode: string): Promise<TipoffDoc> {
  await limitAction(ctx, 'track');
  const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ trackingCode }).limit(1).get();
  if (!data[0]) throw notFound('查询码无效，请核对后重试');
  return data[0];
}

export const tipoffFunction = defineFunction('tipoff', {
  options: action({
    input: z.object({}).strict(),
    async run({ town }): Promise<TipoffOptions> {
      return {
        categories: town.categories,
        areas: town.areas,
        departments: town.departments.map((d) => ({ id: d.code, code: d.code, name: d.name })),
      };
    },
  }),

  submit: action({
    input: SubmitTipoffInput,
    async run(ctx, input): Promise<SubmitTipoffResult> {
      const { db, town } = ctx;
      const category = town.category(input.categoryId);
      if (!category) throw invalid('categoryId', '隐患类别不存在');
      const area = town.area(input.areaId);
      if (!area) throw invalid('areaId', '所在区域不存在');

      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const id = tipoffIdFor(key, input.requestId);
      // A retry of a filed report answers with it before any check or write.
      const existing = await findById<TipoffDoc>(db, TIPOFFS, id);
      if (existing) return resultOf(existing, ctx);
      // Consent before the first report: the notice version the person agreed to must be the one in force
      // (checked before anything is counted or written). It is kept on the report as evidence.
      await assertCurrentVersion(db, input.privacyVersion, SUBMIT_NEEDS_CONSENT);
      // Counted only for new reports: a retry of a filed one (above) is never refused.
      await limitAction(ctx, 'submit');

      // Only files this caller uploaded to this environment: no URL, path or someone else's photo.
      await ctx.files.assertOwned(ctx.openid, input.photos, uploadScope.report(input.requestId), 'photos');

      const text = [input.description, input.location.address, input.contact?.name ?? ''].join('\n');
      // A check that cannot run files the report anyway, marked 未审核 for staff, and 安委办 is told.
      const verdict = await checkText(ctx, text, ctx.openid);
      if (verdict === 'reject') throw invalid('description', '内容含有不当信息，请修改后再提交');

      const identity = {
        openid: ctx.openid,
        ...(input.anonymous || !input.contact ? {} : { name: input.contact.name, phone: input.contact.phone }),
      };
      const { contact: _contact, requestId: _requestId, privacyVersion, ...fields } = input;
      const doc = await fileTipoff(ctx, {
        id,
        reporterKey: key,
        identity,
        input: fields,
        privacyVersion,
        ...(verdict === 'unchecked' ? { moderation: 'unchecked' as const } : {}),
      });
      return resultOf(doc, ctx);
    },
  }),

  mine: action({
    input: MineInput,
    async run(ctx, { page, pageSize }): Promise<Page<TipoffSummary>> {
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const query = ctx.db.collection<TipoffDoc>(TIPOFFS).where({ reporterKey: key });
      const { data, total } = await fetchPage(query, { page, pageSize }, [['createdAt', 'desc']]);
      return { items: data.map((d) => toSummary(d, ctx.town, isoTown(ctx.now()))), total, page, pageSize };
    },
  }),

  /**
   * The reporter's own report (with photo URLs), or, for someone who follows it (附议 or merged into it),
   * its status and public timeline only. Anyone else: NOT_FOUND, as for a missing report.
   */
  detail: action({
    input: IdInput,
    async run(ctx, { id }): Promise<TipoffDetailView> {
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const doc = await findById<TipoffDoc>(ctx.db, TIPOFFS, id);
      const nowIso = isoTown(ctx.now());
      if (doc && doc.reporterKey === key)
        return toDetail(doc, ctx.town, await ctx.files.urls(reporterFileIds(doc)), nowIso);
      if (doc && (await findById(ctx.db, FOLLOWS, followId(id, key)))) return toFollowerView(doc, ctx.town, nowIso);
      throw notFound('没有找到这条举报');
    },
  }),

  /** Anonymous reporters follow their case with the tracking code alone. */
  track: action({
    input: TrackInput,
    async run(ctx, { trackingCode }): Promise<TipoffDetail> {
      const doc = await byTrackingCode(ctx, trackingCode);
      return toDetail(doc, ctx.town, await ctx.files.urls(reporterFileIds(doc)), isoTown(ctx.now()));
    },
  }),

  /**
   * Open reports of the same category within the duplicate radius, nearest first: only what recognises the
   * same hazard (never coordinates, photos, the address line or the case number; distance to 50 m).
   */
  nearby: action({
    input: NearbyInput,
    async run(ctx, input): Promise<NearbyTipoff[]> {
      const { db, town } = ctx;
      const _ = db.command;
      const where: Record<string, unknown> = {
        categoryId: input.categoryId,
        status: _.in(OPEN_STATUSES),
        geo: _.geoNear({
          geometry: new db.Geo.Point(input.longitude, input.latitude),
          maxDistance: town.sla.duplicateRadiusMeters,
        }),
      };
      const { data } = await db.collection<TipoffDoc>(TIPOFFS).where(where).limit(10).get();
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      return data.map((d) => ({
        id: d._id,
        status: d.status,
        categoryName: categoryName(town, d.categoryId),
        description: d.description.length > 60 ? `${d.description.slice(0, 60)}…` : d.description,
        areaName: areaName(town, d.areaId),
        distanceMeters: Math.max(50, Math.round(distanceMeters(input, d.location) / 50) * 50),
        followers: d.followers,
        createdAt: d.createdAt,
        mine: d.reporterKey === key,
      }));
    },
  }),

  /** 附议: "same as this one" subscribes the caller and counts interest instead of filing a duplicate. */
  follow: action({
    input: IdInput,
    async run(ctx, { id }): Promise<{ followers: number; already: boolean; no: string }> {
      await limitAction(ctx, 'follow');
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const at = isoTown(ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<TipoffDoc>(tx, TIPOFFS, id, '举报');
        if (!OPEN_STATUSES.includes(doc.status)) throw conflict('该举报已办结，无法附议');
        // The case number is theirs once they follow (their messages carry it).
        if (doc.reporterKey === key) return { followers: doc.followers, already: true, no: doc.no };
        if (await txExists(tx, FOLLOWS, followId(id, key))) {
          return { followers: doc.followers, already: true, no: doc.no };
        }
        await tx
          .collection(FOLLOWS)
          .doc(followId(id, key))
          .set({ data: { tipoffId: id, reporterKey: key, createdAt: at } });
        await tx
          .collection(TIPOFFS)
          .doc(id)
          .update({ data: { followers: doc.followers + 1 } });
        return { followers: doc.followers + 1, already: false, no: doc.no };
      });
    },
  }),

  /** 1–5 satisfaction after the case ended, once, by the reporter (by id) or the holder of the tracking code. */
  rate: action({
    input: RateInput,
    async run(ctx, input): Promise<{ score: number }> {
      const found = input.id ? await ownReport(ctx, input.id) : await byTrackingCode(ctx, input.trackingCode ?? '');
      const at = isoTown(ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<TipoffDoc>(tx, TIPOFFS, found._id, '举报');
        if (!ENDED_STATUSES.includes(doc.status)) throw conflict('办结后才能评价');
        if (doc.rating) throw conflict('已经评价过了');
        const rating = { score: input.score, ...(input.comment ? { comment: input.comment } : {}), at };
        await tx
          .collection(TIPOFFS)
          .doc(doc._id)
          .update({ data: { rating: ctx.db.command.set(rating) } });
        await addAudit(tx, {
          // The reporter key, never the openid: a rating by 查询码 must not tie a person to an anonymous report.
          actor: reporterKey(ctx.openid, ctx.reporterKeySecret),
          actorRoles: ctx.user.roles,
          action: 'tipoff.rate',
          targetType: 'tipoff',
          targetId: doc._id,
          detail: { score: input.score },
          at,
        });
        return { score: input.score };
      });
    },
  }),

  /**
   * 催办: the reporter (by id) or the holder of the tracking code reminds the department of a case past its
   * current deadline, once per town (Beijing) day. The department gets a message, the case a public timeline
   * entry and the audit log an entry.
   */
  urge: action({
    input: UrgeInput,
    async run(ctx, input): Promise<UrgeResult> {
      const found = input.id ? await ownReport(ctx, input.id) : await byTrackingCode(ctx, input.trackingCode ?? '');
      const now = ctx.now();
      const at = isoTown(now);
      const today = townDate(now);
      return runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<TipoffDoc>(tx, TIPOFFS, found._id, '举报');
        if (ENDED_STATUSES.includes(doc.status)) throw conflict('该举报已办结，无需催办');
        if (!isOverdue(doc, at)) throw conflict('尚未超期，暂不能催办');
        if (doc.urgedOn === today) throw conflict('今天已经催办过了');
        const urgeCount = (doc.urgeCount ?? 0) + 1;
        await tx
          .collection(TIPOFFS)
          .doc(doc._id)
          .update({
            data: {
              urgedOn: today,
              urgeCount,
              timeline: [
                ...doc.timeline,
                { at, from: doc.status, to: doc.status, departmentId: doc.departmentId, note: '举报人催办' },
              ],
              updatedAt: at,
            },
          });
        await addMessage(tx, {
          recipient: departmentRecipient(doc.departmentId),
          title: '举报人催办',
          body: `${doc.no} 已超过办理期限，举报人催办${urgeCount > 1 ? `（第 ${urgeCount} 次）` : ''}，请尽快办理。`,
          tipoffId: doc._id,
          tipoffNo: doc.no,
          kind: 'case',
          read: false,
          createdAt: at,
        });
        await addAudit(tx, {
          // The caller's reporter key, not the openid: the audit must not tie an anonymous report to a person.
          actor: reporterKey(ctx.openid, ctx.reporterKeySecret),
          actorRoles: ctx.user.roles,
          action: 'tipoff.urge',
          targetType: 'tipoff',
          targetId: doc._id,
          detail: { status: doc.status, dueAt: doc.dueAt, urgeCount, by: input.id ? 'reporter' : 'trackingCode' },
          at,
        });
        return { id: doc._id, no: doc.no, urgedOn: today, urgeCount };
      });
    },
  }),
});
