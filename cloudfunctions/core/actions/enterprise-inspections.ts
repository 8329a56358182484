// 企业自查 (seed §12, issue 10) and the enterprise's side of the ledger (seed §13): the principal checks the
// enterprise's major hazards against the town's checklist for its industry; each 不符合 on a major-hazard line
// enters the ledger as 企业自查 with the department of the industry; the enterprise fixes it and asks for the
// 销号 (`rectified`), and the department reviews it (admin.ledgerProgress: close, or send back).
import { createHash } from 'node:crypto';
import { LedgerStatus, Paging, type LedgerEntry, type Page } from '../../../types';
import {
  EnterpriseLedgerProgressInput,
  INSPECTION_RESULT_LABELS,
  SelfInspectInput,
  type ChecklistView,
  type InspectionDetail,
  type InspectionResult,
  type InspectionSummary,
  type SelfInspectResult,
} from '../../../types/inspection';
import { z } from 'zod';
import { action, type ActionContext, type ActionDef } from '../action';
import { addAudit } from '../audit';
import { townDate } from '../calendar';
import {
  CHECKLISTS,
  checklistsFor,
  INSPECTIONS,
  SELF_FIX_DAYS,
  type InspectionDoc,
  type InspectionItemDoc,
} from '../checklists';
import { markDutyDone } from '../duty-store';
import { findEnterprise, ENTERPRISES, type EnterpriseDoc } from '../enterprises';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { uploadScope } from '../files';
import { townIndustries } from '../industries';
import { addLedgerEntry, LEDGER, ledgerFileIds, notifyEnterprise, toLedgerEntry, type LedgerDoc } from '../ledger';
import { departmentRecipient, addMessage } from '../messages';
import { limitAction } from '../rate-limit';
import { fetchPage, findById, txFind, txGet } from '../store';
import { isoTown, townYear } from '../time';
import { readConfig, readConfigTx } from '../town-config';
import { runTransaction } from '../transaction';
import { hasAnyRole } from '../users';

const DAY_MS = 86_400_000;

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', `输入有误：${message}`, [{ path, message }]);

const isOffice = (ctx: ActionContext) => hasAnyRole(ctx.user, ['admin', 'leader']);

/** The caller's own enterprise as its safety manager (anyone else: FORBIDDEN). */
async function ownEnterprise(ctx: ActionContext): Promise<EnterpriseDoc> {
  const id = ctx.user.enterpriseId;
  if (!id || !ctx.user.roles.includes('safetyManager')) throw forbidden('您不是企业的安全管理人员');
  const doc = await findEnterprise(ctx.db, id);
  if (!doc) throw notFound('企业不存在');
  return doc;
}

/** The inspection of one form: one id per enterprise × requestId, so a retry finds the one it filed. */
const inspectionId = (enterpriseId: string, requestId: string) =>
  'ins' + createHash('sha256').update(`${enterpriseId}:${requestId}`).digest('hex').slice(0, 29);

const industryOf = (doc: EnterpriseDoc) => townIndustries().get(doc.industry);

function toSummary(doc: InspectionDoc): InspectionSummary {
  return {
    id: doc._id,
    at: doc.at,
    leaderName: doc.leaderName,
    by: doc.by,
    version: doc.version,
    counts: doc.counts,
    majorFails: doc.majorFails,
    ledgerNos: doc.ledgerNos,
  };
}

const resultOf = (doc: InspectionDoc): SelfInspectResult => ({
  id: doc._id,
  ledgerIds: doc.ledgerIds,
  failed: doc.counts.fail,
});

/** Who may read an enterprise's inspections: its managers; 安委办 and leaders any. */
function mayRead(ctx: ActionContext, enterpriseId: string): boolean {
  return isOffice(ctx) || (ctx.user.roles.includes('safetyManager') && ctx.user.enterpriseId === enterpriseId);
}

const InspectionsInput = Paging.extend({ enterpriseId: z.string().min(1).max(64).optional() }).strict();
const InspectionInput = z.object({ id: z.string().min(1).max(64) }).strict();
const EnterpriseLedgerInput = Paging.extend({ status: LedgerStatus.optional() }).strict();

export const inspectionActions: Record<string, ActionDef> = {
  checklist: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<ChecklistView> {
      const enterprise = await ownEnterprise(ctx);
      const { version, data } = await readConfig(ctx.db, CHECKLISTS);
      return {
        version,
        industryName: industryOf(enterprise)?.name ?? enterprise.industry,
        sections: checklistsFor(data, enterprise.industry).map((l) => ({ id: l.id, name: l.name, items: l.items })),
      };
    },
  }),

  selfInspect: action({
    input: SelfInspectInput,
    async run(ctx, input): Promise<SelfInspectResult> {
      const enterprise = await ownEnterprise(ctx);
      if (enterprise.status !== 'active') throw conflict('企业尚未登记通过或已注销，暂不能填报自查');
      const id = inspectionId(enterprise._id, input.requestId);
      const filed = await findById<InspectionDoc>(ctx.db, INSPECTIONS, id);
      if (filed) return resultOf(filed);
      await limitAction(ctx, 'submit');

      // Every line of the current version answered exactly once (the schema refuses a line given twice).
      const config = await readConfig(ctx.db, CHECKLISTS);
      if (input.version !== config.version) throw conflict('检查表已更新，请重新打开检查表填写');
      const lines = new Map<
        string,
        { listId: string; listName: string; categoryId?: string; item: InspectionItemDoc }
      >();
      for (const list of checklistsFor(config.data, enterprise.industry))
        for (const item of list.items)
          lines.set(item.id, {
            listId: list.id,
            listName: list.name,
            categoryId: list.categoryId,
            item: { ...item, listId: list.id, result: 'na' },
          });
      for (const [i, item] of input.items.entries())
        if (!lines.has(item.id)) throw invalid(`items.${i}.id`, '检查项不存在，请重新打开检查表');
      const answered = new Set(input.items.map((i) => i.id));
      const missing = [...lines.keys()].filter((k) => !answered.has(k));
      if (missing.length) throw invalid('items', `还有 ${missing.length} 项未填写`);
      for (const [i, item] of input.items.entries())
        if (item.photos?.length)
          await ctx.files.assertOwned(
            ctx.openid,
            item.photos,
            uploadScope.inspect(input.requestId),
            `items.${i}.photos`,
          );

      const now = ctx.now();
      const at = isoTown(now);
      const today = townDate(now);
      // 30 days: the enterprise found it itself and a major hazard may not wait for the next quarter's check;
      // a high-risk enterprise checks monthly, so the fix is due by its next self-inspection. The department
      // may agree a longer plan in a progress note (重大隐患治理方案).
      const deadline = townDate(new Date(now.getTime() + SELF_FIX_DAYS * DAY_MS));
      const industry = industryOf(enterprise);
      const departmentId =
        industry?.departmentId && ctx.town.department(industry.departmentId)
          ? industry.departmentId
          : ctx.town.safetyOffice.code;
      const categoryId = industry?.categoryId && ctx.town.category(industry.categoryId) ? industry.categoryId : 'other';
      const by = ctx.user.displayName ?? '企业安全管理人员';

      try {
        const doc = await runTransaction(ctx.db, async (tx) => {
          const again = await txFind<InspectionDoc>(tx, INSPECTIONS, id);
          if (again) return again;
          const current = await readConfigTx(tx, CHECKLISTS);
          if (current.version !== input.version) throw conflict('检查表已更新，请重新打开检查表填写');
          const ent = await txGet<EnterpriseDoc>(tx, ENTERPRISES, enterprise._id, '企业');
          if (ent.status !== 'active') throw conflict('企业尚未登记通过或已注销，暂不能填报自查');
          const counts: Record<InspectionResult, number> = { ok: 0, fail: 0, na: 0 };
          const items: InspectionItemDoc[] = [];
          const ledgerIds: string[] = [];
          const ledgerNos: string[] = [];
          for (const answer of input.items) {
            const line = lines.get(answer.id)!;
            counts[answer.result] += 1;
            const item: InspectionItemDoc = {
              ...line.item,
              result: answer.result,
              ...(answer.note ? { note: answer.note } : {}),
              ...(answer.photos?.length ? { photos: answer.photos } : {}),
            };
            if (answer.result === 'fail' && line.item.major) {
              const entry = await addLedgerEntry(
                tx,
                {
                  source: 'selfReport',
                  title: line.item.text.length > 60 ? `${line.item.text.slice(0, 59)}…` : line.item.text,
                  description: `${line.listName}：${line.item.text}\n依据：${line.item.basis}\n企业说明：${answer.note ?? ''}`,
                  categoryId: line.categoryId && ctx.town.category(line.categoryId) ? line.categoryId : categoryId,
                  grade: 'major',
                  departmentId,
                  enterpriseId: ent._id,
                  enterpriseName: ent.name,
                  address: ent.address,
                  deadline,
                  status: 'rectifying',
                  progress: [
                    {
                      at,
                      note: `企业自查发现（主要负责人 ${input.leaderName}），整改期限 ${deadline}`,
                      by,
                      ...(answer.photos?.length ? { evidence: answer.photos } : {}),
                    },
                  ],
                  inspectionId: id,
                  createdAt: at,
                  updatedAt: at,
                },
                townYear(now),
              );
              await notifyEnterprise(tx, entry, 'created', at);
              item.ledgerId = entry._id;
              item.ledgerNo = entry.no;
              ledgerIds.push(entry._id);
              ledgerNos.push(entry.no);
            }
            items.push(item);
          }
          const record: InspectionDoc = {
            _id: id,
            enterpriseId: ent._id,
            requestId: input.requestId,
            version: current.version,
            leaderName: input.leaderName,
            by,
            at,
            items,
            counts,
            majorFails: ledgerIds.length,
            ledgerIds,
            ledgerNos,
          };
          const { _id, ...data } = record;
          await tx.collection(INSPECTIONS).doc(_id).set({ data });
          await markDutyDone(tx, ent._id, 'inspection', today);
          await addAudit(tx, {
            actor: ctx.user._id,
            actorRoles: ctx.user.roles,
            action: 'enterprise.selfInspect',
            targetType: 'enterprise',
            targetId: ent._id,
            detail: { inspectionId: id, version: current.version, counts, ledgerIds },
            at,
          });
          return record;
        });
        return resultOf(doc);
      } catch (e) {
        const again = await findById<InspectionDoc>(ctx.db, INSPECTIONS, id);
        if (again) return resultOf(again);
        throw e;
      }
    },
  }),

  inspections: action({
    input: InspectionsInput,
    async run(ctx, { enterpriseId, page, pageSize }): Promise<Page<InspectionSummary>> {
      const id = enterpriseId ?? ctx.user.enterpriseId;
      if (!id) throw invalid('enterpriseId', '请选择企业');
      if (!mayRead(ctx, id)) throw forbidden('只能查看本企业的自查记录');
      const query = ctx.db.collection<InspectionDoc>(INSPECTIONS).where({ enterpriseId: id });
      const { data, total } = await fetchPage(query, { page, pageSize }, [['at', 'desc']]);
      return { items: data.map(toSummary), total, page, pageSize };
    },
  }),

  inspection: action({
    input: InspectionInput,
    async run(ctx, { id }): Promise<InspectionDetail> {
      const doc = await findById<InspectionDoc>(ctx.db, INSPECTIONS, id);
      // Another enterprise's record looks missing, as internal reports do.
      if (!doc || !mayRead(ctx, doc.enterpriseId)) throw notFound('没有找到这次自查记录');
      const urls = await ctx.files.urls(doc.items.flatMap((i) => i.photos ?? []));
      return {
        ...toSummary(doc),
        items: doc.items.map((i) => ({
          id: i.id,
          text: i.text,
          major: i.major,
          basis: i.basis,
          result: i.result,
          resultLabel: INSPECTION_RESULT_LABELS[i.result],
          ...(i.note ? { note: i.note } : {}),
          photoUrls: (i.photos ?? []).map((f) => urls[f]).filter((u): u is string => !!u),
          ...(i.ledgerNo ? { ledgerNo: i.ledgerNo } : {}),
        })),
      };
    },
  }),

  /** Ledger entries about the caller's enterprise, any source and department, newest first. */
  ledger: action({
    input: EnterpriseLedgerInput,
    async run(ctx, { status, page, pageSize }): Promise<Page<LedgerEntry>> {
      const enterprise = await ownEnterprise(ctx);
      const where: Record<string, unknown> = { enterpriseId: enterprise._id };
      if (status) where.status = status;
      const query = ctx.db.collection<LedgerDoc>(LEDGER).where(where);
      const { data, total } = await fetchPage(query, { page, pageSize }, [['createdAt', 'desc']]);
      const urls = await ctx.files.urls(data.flatMap(ledgerFileIds));
      return { items: data.map((d) => toLedgerEntry(d, ctx.town, urls)), total, page, pageSize };
    },
  }),

  /** The enterprise's progress notes, and 整改完成 with photos (→ `rectified`: the department reviews it). */
  ledgerProgress: action({
    input: EnterpriseLedgerProgressInput,
    async run(ctx, { id, note, done, evidence }): Promise<LedgerEntry> {
      const enterprise = await ownEnterprise(ctx);
      const pre = await findById<LedgerDoc>(ctx.db, LEDGER, id);
      if (!pre || pre.enterpriseId !== enterprise._id) throw notFound('没有找到这条台账');
      if (evidence?.length) await ctx.files.assertOwned(ctx.openid, evidence, uploadScope.ledger(id), 'evidence');
      const at = isoTown(ctx.now());
      const by = ctx.user.displayName ?? '企业安全管理人员';
      const updated = await runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<LedgerDoc>(tx, LEDGER, id, '台账');
        if (doc.enterpriseId !== enterprise._id) throw notFound('没有找到这条台账');
        if (doc.status === 'closed') throw conflict('该隐患已销号');
        if (done && doc.status === 'rectified') throw conflict('已申请销号，请等待部门审核');
        if (done && doc.tipoffId) throw conflict('由群众举报转入的隐患，须由部门在举报中复核销号');
        const patch: Partial<LedgerDoc> = {
          progress: [
            ...doc.progress,
            {
              at,
              note: done ? `企业整改完成，申请销号：${note}` : `企业整改进展：${note}`,
              by,
              ...(evidence?.length ? { evidence } : {}),
            },
          ],
          updatedAt: at,
          ...(done ? { status: 'rectified' as const } : doc.status === 'open' ? { status: 'rectifying' as const } : {}),
        };
        await tx.collection(LEDGER).doc(id).update({ data: patch });
        if (done)
          await addMessage(tx, {
            recipient: departmentRecipient(doc.departmentId),
            title: '企业申请隐患销号',
            kind: 'ledger',
            body: `台账 ${doc.no}：${doc.enterpriseName ?? ''}${doc.title}。企业已整改完成并上传照片，请审核销号或退回整改。`,
            read: false,
            createdAt: at,
          });
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: done ? 'ledger.enterpriseDone' : 'ledger.enterpriseProgress',
          targetType: 'ledger',
          targetId: id,
          from: doc.status,
          to: patch.status ?? doc.status,
          ...(evidence?.length ? { detail: { evidence: evidence.length } } : {}),
          at,
        });
        return { ...doc, ...patch };
      });
      return toLedgerEntry(updated, ctx.town, await ctx.files.urls(ledgerFileIds(updated)));
    },
  }),
};
