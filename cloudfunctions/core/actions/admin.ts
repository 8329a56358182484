import { LedgerCreateInput, LedgerListInput, LedgerProgressInput, type LedgerEntry, type Page } from '../../../types';
import { action, defineFunction } from '../action';
import { addAudit } from '../audit';
import { AppError, conflict, forbidden } from '../errors';
import { uploadScope } from '../files';
import { ENTERPRISES, findEnterprise, type EnterpriseDoc } from '../enterprises';
import { addLedgerEntry, LEDGER, ledgerFileIds, notifyEnterprise, toLedgerEntry, type LedgerDoc } from '../ledger';
import { isSafetyOfficer } from '../lifecycle';
import { fetchPage, txGet } from '../store';
import { townDate } from '../calendar';
import { isoTown, townYear } from '../time';
import { runTransaction } from '../transaction';
import { adminAuditActions } from './admin-audits';
import { adminStatsActions } from './admin-stats';
import { adminConfigActions } from './admin-config';
import { adminMonthlyActions } from './admin-monthly';

/** 重大事故隐患台账 (seed §13, §15). Departments see and keep their own entries; 安委办 sees all. */
export const adminFunction = defineFunction('admin', {
  ...adminAuditActions,
  ...adminStatsActions,
  ...adminConfigActions,
  ...adminMonthlyActions,
  ledger: action({
    input: LedgerListInput,
    async run(ctx, { status, departmentId, page, pageSize }): Promise<Page<LedgerEntry>> {
      const own = ctx.user.departmentId;
      if (!own) throw forbidden('您的账号未绑定部门');
      const office = isSafetyOfficer(ctx.user, ctx.town);
      if (departmentId && departmentId !== own && !office) throw forbidden('只能查看本部门的台账');
      const where: Record<string, unknown> = {};
      const dept = office ? departmentId : own;
      if (dept) where.departmentId = dept;
      if (status) where.status = status;
      const query = ctx.db.collection<LedgerDoc>(LEDGER).where(where);
      const { data, total } = await fetchPage(query, { page, pageSize }, [['createdAt', 'desc']]);
      const urls = await ctx.files.urls(data.flatMap(ledgerFileIds));
      return { items: data.map((d) => toLedgerEntry(d, ctx.town, urls)), total, page, pageSize };
    },
  }),

  /** Enterprise self-reports and inspection findings are entered by the department's staff (§15). */
  ledgerCreate: action({
    input: LedgerCreateInput,
    async run(ctx, input): Promise<LedgerEntry> {
      const departmentId = ctx.user.departmentId;
      if (!departmentId) throw forbidden('您的账号未绑定部门');
      if (!ctx.town.category(input.categoryId)) {
        throw new AppError('INVALID_INPUT', '输入有误：类别不存在', [{ path: 'categoryId', message: '类别不存在' }]);
      }
      const now = ctx.now();
      if (input.deadline < townDate(now)) {
        throw new AppError('INVALID_INPUT', '输入有误：整改期限不能早于今天', [
          { path: 'deadline', message: '整改期限不能早于今天' },
        ]);
      }
      // A registered enterprise: checked to exist, its registered name kept, its managers told (seed §13).
      if (input.enterpriseId && !(await findEnterprise(ctx.db, input.enterpriseId))) {
        throw new AppError('INVALID_INPUT', '输入有误：企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
      }
      const at = isoTown(now);
      const by = ctx.user.displayName ?? ctx.user._id;
      const entry = await runTransaction(ctx.db, async (tx) => {
        const enterprise = input.enterpriseId
          ? await txGet<EnterpriseDoc>(tx, ENTERPRISES, input.enterpriseId, '企业')
          : undefined;
        const created = await addLedgerEntry(
          tx,
          {
            source: input.source,
            title: input.title,
            description: input.description,
            categoryId: input.categoryId,
            grade: 'major',
            departmentId,
            ...(enterprise ? { enterpriseId: enterprise._id } : {}),
            enterpriseName: enterprise?.name ?? input.enterpriseName,
            address: input.address,
            deadline: input.deadline,
            status: 'rectifying',
            progress: [
              {
                at,
                note: `登记入账（${input.source === 'selfReport' ? '企业自查' : '检查发现'}），整改期限 ${input.deadline}`,
                by,
              },
            ],
            createdAt: at,
            updatedAt: at,
          },
          townYear(now),
        );
        await notifyEnterprise(tx, created, 'created', at);
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: 'ledger.create',
          targetType: 'ledger',
          targetId: created._id,
          detail: { source: input.source, departmentId, ...(enterprise ? { enterpriseId: enterprise._id } : {}) },
          at,
        });
        return created;
      });
      return toLedgerEntry(entry, ctx.town);
    },
  }),

  ledgerProgress: action({
    input: LedgerProgressInput,
    async run(ctx, { id, note, close, evidence }): Promise<LedgerEntry> {
      // Evidence photos: only files this caller uploaded here, checked before anything is written. Closing is
      // evidence-based (photos and a real note, the schema), not time-based: a hazard fixed on the spot may be
      // closed at once with proof, and a wait would not make "已清理" without a photo any truer.
      if (evidence?.length) await ctx.files.assertOwned(ctx.openid, evidence, uploadScope.ledger(id), 'evidence');
      const at = isoTown(ctx.now());
      const by = ctx.user.displayName ?? ctx.user._id;
      const updated = await runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<LedgerDoc>(tx, LEDGER, id, '台账');
        if (doc.departmentId !== ctx.user.departmentId && !isSafetyOfficer(ctx.user, ctx.town))
          throw forbidden('只能更新本部门的台账');
        if (doc.status === 'closed') throw conflict('该隐患已销号');
        // Entries from tip-offs close through the tip-off's sign-off, so the two never disagree.
        if (close && doc.tipoffId) throw conflict('由群众举报转入的隐患，须在举报中复核销号');
        if (close && !(ctx.user.roles.includes('head') || isSafetyOfficer(ctx.user, ctx.town))) {
          throw forbidden('销号须由部门负责人或镇安委办审核');
        }
        // The enterprise asked for the 销号 (`rectified`): the department closes it, or a note sends it back.
        const sentBack = !close && doc.status === 'rectified';
        const patch: Partial<LedgerDoc> = {
          progress: [
            ...doc.progress,
            {
              at,
              note: close ? `复核销号：${note}` : sentBack ? `退回整改：${note}` : note,
              by,
              ...(evidence?.length ? { evidence } : {}),
            },
          ],
          updatedAt: at,
          ...(close ? { status: 'closed' as const, closedAt: at } : {}),
          ...(sentBack ? { status: 'rectifying' as const } : {}),
        };
        await tx.collection(LEDGER).doc(id).update({ data: patch });
        if (close || sentBack) await notifyEnterprise(tx, doc, close ? 'closed' : 'sentBack', at);
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: close ? 'ledger.close' : sentBack ? 'ledger.sendBack' : 'ledger.progress',
          targetType: 'ledger',
          targetId: id,
          ...(close || sentBack ? { from: doc.status, to: close ? 'closed' : 'rectifying' } : {}),
          ...(evidence?.length ? { detail: { evidence: evidence.length } } : {}),
          at,
        });
        return { ...doc, ...patch };
      });
      return toLedgerEntry(updated, ctx.town, await ctx.files.urls(ledgerFileIds(updated)));
    },
  }),
});
