import {
  InternalActInput,
  InternalReportInput,
  InternalReportsInput,
  ToTownInput,
  type InternalReport,
  type InternalReportStats,
  type Page,
} from '../../../types';
import { z } from 'zod';
import { action, type ActionContext, type ActionDef } from '../action';
import { addAudit } from '../audit';
import { nextSeq } from '../counters';
import { ENTERPRISES, findEnterprise, type EnterpriseDoc } from '../enterprises';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { uploadScope } from '../files';
import { sealIdentity } from '../identity';
import { reporterKey, tipoffIdFor } from '../ids';
import {
  acceptByFor,
  deadlineProblem,
  enterpriseNameOf,
  enterpriseRecipient,
  escalateInternalReport,
  fixDueAt,
  internalFileIds,
  internalReportNo,
  INTERNAL_REPORTS,
  OPEN_INTERNAL,
  toInternalView,
  type InternalReportDoc,
} from '../internal-reports';
import { addMessage } from '../messages';
import { limitAction } from '../rate-limit';
import { fetchPage, findById, txGet } from '../store';
import { isoTown, townYear } from '../time';
import { runTransaction } from '../transaction';
import { checkText } from '../blocked-words';

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', `输入有误：${message}`, [{ path, message }]);

const isManagerOf = (ctx: ActionContext, enterpriseId: string) =>
  ctx.user.roles.includes('safetyManager') && ctx.user.enterpriseId === enterpriseId;

/** The caller's view of a report: the reporter's own, or a manager's of that enterprise; anyone else NOT_FOUND. */
async function viewFor(ctx: ActionContext, doc: InternalReportDoc): Promise<InternalReport> {
  const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
  const viewer = doc.reporterKey === key ? 'reporter' : isManagerOf(ctx, doc.enterpriseId) ? 'manager' : null;
  if (!viewer) throw notFound('没有找到这条内部报告');
  const urls = await ctx.files.urls(internalFileIds(doc));
  return toInternalView(
    doc,
    { town: ctx.town, enterpriseName: await enterpriseNameOf(ctx, doc.enterpriseId), urls },
    viewer,
  );
}

async function load(ctx: ActionContext, id: string): Promise<InternalReportDoc> {
  const doc = await findById<InternalReportDoc>(ctx.db, INTERNAL_REPORTS, id);
  if (!doc) throw notFound('没有找到这条内部报告');
  return doc;
}

/** A manager's step: only on their own enterprise's report (another's looks missing). */
async function loadForManager(ctx: ActionContext, id: string): Promise<InternalReportDoc> {
  const doc = await load(ctx, id);
  if (!isManagerOf(ctx, doc.enterpriseId)) throw notFound('没有找到这条内部报告');
  return doc;
}

const STATE_WORDS: Record<string, string> = {
  submitted: '还未受理',
  accepted: '正在整改',
  fixed: '已整改完成',
  escalated: '已转报镇里',
};

/** 内部隐患报告: a worker's report to their own enterprise first (seed §23). */
export const internalReportActions: Record<string, ActionDef> = {
  report: action({
    input: InternalReportInput,
    async run(ctx, input): Promise<{ id: string; no: string }> {
      const { db, town } = ctx;
      const enterpriseId = ctx.user.enterpriseId;
      if (!enterpriseId || !ctx.user.roles.includes('worker')) throw forbidden('您还不是企业的从业人员');
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const id = tipoffIdFor(key, `nb-${input.requestId}`).replace(/^t/, 'n');
      const existing = await findById<InternalReportDoc>(db, INTERNAL_REPORTS, id);
      if (existing) return { id, no: existing.no };
      const enterprise = await findEnterprise(db, enterpriseId);
      if (!enterprise || enterprise.status !== 'active') throw conflict('您所在的企业尚未登记或已注销，暂不能内部报告');
      if (!town.category(input.categoryId)) throw invalid('categoryId', '隐患类别不存在');
      await limitAction(ctx, 'submit');
      await ctx.files.assertOwned(ctx.openid, input.photos, uploadScope.report(input.requestId), 'photos');
      const text = [input.description, input.place ?? ''].join('\n');
      const verdict = await checkText(ctx, text, ctx.openid);
      if (verdict === 'reject') throw invalid('description', '内容含有不当信息，请修改后再提交');

      const now = ctx.now();
      const at = isoTown(now);
      const year = townYear(now);
      const name = input.anonymous ? undefined : ctx.user.displayName;
      const acceptBy = acceptByFor(now, town);
      const doc: Omit<InternalReportDoc, '_id' | 'no'> = {
        enterpriseId,
        reporterKey: key,
        sealedReporter: sealIdentity({ openid: ctx.openid, ...(name ? { name } : {}) }, id, ctx.reporterKeySecret),
        anonymous: input.anonymous,
        ...(name ? { reporterName: name } : {}),
        categoryId: input.categoryId,
        description: input.description,
        ...(input.place ? { place: input.place } : {}),
        photos: input.photos,
        ...(verdict === 'unchecked' ? { moderation: 'unchecked' as const } : {}),
        status: 'submitted',
        acceptBy,
        dueAt: acceptBy,
        timeline: [{ at, text: input.anonymous ? '匿名提交内部报告' : '实名提交内部报告', by: 'worker' }],
        createdAt: at,
        updatedAt: at,
      };
      try {
        const no = await runTransaction(db, async (tx) => {
          const number = internalReportNo(year, await nextSeq(tx, `internal-${year}`));
          await tx.collection(INTERNAL_REPORTS).add({ data: { _id: id, no: number, ...doc } });
          await addMessage(tx, {
            recipient: enterpriseRecipient(enterpriseId),
            title: '收到内部隐患报告',
            body: `内部报告 ${number}：${town.category(input.categoryId)?.name ?? ''}${input.place ? `，${input.place}` : ''}。请在 2 个工作日内受理，逾期将自动转报镇里。`,
            kind: 'internalReport',
            internalReportId: id,
            read: false,
            createdAt: at,
          });
          return number;
        });
        return { id, no };
      } catch (e) {
        const again = await findById<InternalReportDoc>(db, INTERNAL_REPORTS, id);
        if (again) return { id, no: again.no };
        throw e;
      }
    },
  }),

  reports: action({
    input: InternalReportsInput,
    async run(ctx, { page, pageSize, status }): Promise<Page<InternalReport>> {
      const enterpriseId = ctx.user.enterpriseId;
      if (!enterpriseId || !isManagerOf(ctx, enterpriseId)) throw forbidden('您不是企业的安全管理人员');
      const query = ctx.db
        .collection<InternalReportDoc>(INTERNAL_REPORTS)
        .where(status ? { enterpriseId, status } : { enterpriseId });
      const { data, total } = await fetchPage(query, { page, pageSize }, [['createdAt', 'desc']]);
      const urls = await ctx.files.urls(data.flatMap(internalFileIds));
      const enterpriseName = await enterpriseNameOf(ctx, enterpriseId);
      return {
        items: data.map((d) => toInternalView(d, { town: ctx.town, enterpriseName, urls }, 'manager')),
        total,
        page,
        pageSize,
      };
    },
  }),

  myReports: action({
    input: InternalReportsInput,
    async run(ctx, { page, pageSize, status }): Promise<Page<InternalReport>> {
      const key = reporterKey(ctx.openid, ctx.reporterKeySecret);
      const query = ctx.db
        .collection<InternalReportDoc>(INTERNAL_REPORTS)
        .where(status ? { reporterKey: key, status } : { reporterKey: key });
      const { data, total } = await fetchPage(query, { page, pageSize }, [['createdAt', 'desc']]);
      const urls = await ctx.files.urls(data.flatMap(internalFileIds));
      const names = new Map<string, string>();
      for (const id of new Set(data.map((d) => d.enterpriseId))) names.set(id, await enterpriseNameOf(ctx, id));
      return {
        items: data.map((d) =>
          toInternalView(
            d,
            { town: ctx.town, enterpriseName: names.get(d.enterpriseId) ?? d.enterpriseId, urls },
            'reporter',
          ),
        ),
        total,
        page,
        pageSize,
      };
    },
  }),

  reportDetail: action({
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    async run(ctx, { id }): Promise<InternalReport> {
      return viewFor(ctx, await load(ctx, id));
    },
  }),

  act: action({
    input: InternalActInput,
    async run(ctx, input): Promise<InternalReport> {
      const first = await loadForManager(ctx, input.id);
      if (input.step === 'escalate') {
        if (!OPEN_INTERNAL.includes(first.status))
          throw conflict(`这条报告${STATE_WORDS[first.status]}，不能再转报镇里`);
        const { doc } = await escalateInternalReport(ctx, first._id, 'managerEscalated', {
          by: 'manager',
          openid: ctx.openid,
          roles: ctx.user.roles,
          note: input.reason,
        });
        return viewFor(ctx, doc);
      }
      if (input.step === 'accept') {
        const problem = deadlineProblem(input.deadline, ctx.now());
        if (problem) throw invalid('deadline', problem);
      } else {
        await ctx.files.assertOwned(ctx.openid, input.evidence, uploadScope.fix(input.id), 'evidence');
      }
      const at = isoTown(ctx.now());
      const doc = await runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<InternalReportDoc>(tx, INTERNAL_REPORTS, input.id, '内部报告');
        let set: Partial<InternalReportDoc>;
        let text: string;
        if (input.step === 'accept') {
          if (doc.status !== 'submitted') throw conflict(`这条报告${STATE_WORDS[doc.status]}，不能再受理`);
          set = { status: 'accepted', deadline: input.deadline, dueAt: fixDueAt(input.deadline) };
          text = `企业已受理，承诺 ${input.deadline} 前整改${input.note ? `：${input.note}` : ''}`;
        } else {
          if (!OPEN_INTERNAL.includes(doc.status)) throw conflict(`这条报告${STATE_WORDS[doc.status]}，不能再登记整改`);
          set = { status: 'fixed', evidence: input.evidence, dueAt: null };
          text = `企业已整改完成：${input.note}`;
        }
        const timeline = [...doc.timeline, { at, text, by: 'manager' as const }];
        await tx
          .collection(INTERNAL_REPORTS)
          .doc(doc._id)
          .update({ data: { ...set, timeline, updatedAt: at } });
        await addMessage(tx, {
          recipient: doc.reporterKey,
          title: input.step === 'accept' ? '内部报告已受理' : '内部报告已整改',
          body: `内部报告 ${doc.no}：${text}`,
          kind: 'internalReport',
          internalReportId: doc._id,
          read: false,
          createdAt: at,
        });
        await addAudit(tx, {
          actor: ctx.openid,
          actorRoles: ctx.user.roles,
          action: `internalReport.${input.step}`,
          targetType: 'internalReport',
          targetId: doc._id,
          from: doc.status,
          to: set.status,
          at,
        });
        return { ...doc, ...set, timeline, updatedAt: at } as InternalReportDoc;
      });
      return viewFor(ctx, doc);
    },
  }),

  toTown: action({
    input: ToTownInput,
    async run(ctx, { id }): Promise<InternalReport> {
      const first = await load(ctx, id);
      if (first.reporterKey !== reporterKey(ctx.openid, ctx.reporterKeySecret)) throw notFound('没有找到这条内部报告');
      if (!OPEN_INTERNAL.includes(first.status)) throw conflict(`这条报告${STATE_WORDS[first.status]}，不能再转报镇里`);
      const { doc } = await escalateInternalReport(ctx, id, 'workerChose', {
        by: 'worker',
        openid: ctx.openid,
        roles: ctx.user.roles,
      });
      return viewFor(ctx, doc);
    },
  }),

  /** 安委办 and leaders: counts per enterprise, never the content. */
  reportStats: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<InternalReportStats[]> {
      const PAGE = 1000;
      const counts = new Map<string, InternalReportStats>();
      for (let skip = 0; ; skip += PAGE) {
        const { list } = await ctx.db
          .collection(INTERNAL_REPORTS)
          .aggregate()
          .group({ _id: { enterpriseId: '$enterpriseId', status: '$status' }, n: { $sum: 1 } })
          .sort({ '_id.enterpriseId': 1, '_id.status': 1 })
          .skip(skip)
          .limit(PAGE)
          .end();
        for (const row of list as { _id: { enterpriseId: string; status: string }; n: number }[]) {
          const { enterpriseId, status } = row._id;
          const s = counts.get(enterpriseId) ?? {
            enterpriseId,
            enterpriseName: enterpriseId,
            total: 0,
            open: 0,
            fixed: 0,
            escalated: 0,
          };
          s.total += row.n;
          if (status === 'fixed') s.fixed += row.n;
          else if (status === 'escalated') s.escalated += row.n;
          else s.open += row.n;
          counts.set(enterpriseId, s);
        }
        if (list.length < PAGE) break;
      }
      const ids = [...counts.keys()];
      for (let i = 0; i < ids.length; i += 100) {
        const { data } = await ctx.db
          .collection<EnterpriseDoc>(ENTERPRISES)
          .where({ _id: ctx.db.command.in(ids.slice(i, i + 100)) })
          .limit(100)
          .field({ _id: true, name: true })
          .get();
        for (const e of data) {
          const s = counts.get(e._id);
          if (s) s.enterpriseName = e.name;
        }
      }
      return [...counts.values()].sort((a, b) => b.total - a.total || a.enterpriseId.localeCompare(b.enterpriseId));
    },
  }),
};
