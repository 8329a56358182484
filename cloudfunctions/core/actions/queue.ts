import { z } from 'zod';
import {
  QueueActInput,
  QueueListInput,
  type Page,
  type QueueCounts,
  type QueueDetail,
  type QueueItem,
  type TipoffStatus,
} from '../../../types';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import { AppError, forbidden } from '../errors';
import { addLedgerEntry, LEDGER, ledgerEntryFromTipoff, type LedgerDoc } from '../ledger';
import { allowedSteps, assertMayTake, assertMergeTarget, isSafetyOfficer, transition } from '../lifecycle';
import { addMessage, FOLLOWS, followId, notifyFollowers } from '../messages';
import { notifyReporter } from '../notify';
import { fetchPage, replacing, txExists, txGet } from '../store';
import { isoTown, townYear } from '../time';
import { runTransaction } from '../transaction';
import { OPEN_STATUSES, staffFileIds, TIPOFFS, toQueueDetail, toQueueItem, type TipoffDoc } from '../tipoffs';

function departmentOf(ctx: ActionContext): string {
  const departmentId = ctx.user.departmentId;
  if (!departmentId) throw forbidden('您的账号未绑定部门，无法查看待办');
  return departmentId;
}

/** The where clause of a queue page; always scoped to the caller's own department, never taken from input. */
function queueWhere(ctx: ActionContext, input: z.output<typeof QueueListInput>): Record<string, unknown> {
  const _ = ctx.db.command;
  const nowIso = isoTown(ctx.now());
  const where: Record<string, unknown> = { departmentId: departmentOf(ctx) };
  where.status = input.status ?? _.in(OPEN_STATUSES);
  if (input.categoryId) where.categoryId = input.categoryId;
  if (input.areaId) where.areaId = input.areaId;
  if (input.overdue) {
    where.dueAt = _.lt(nowIso);
    // Only a case still being worked can be overdue.
    if (input.status && !OPEN_STATUSES.includes(input.status)) where.status = _.in([]);
  }
  if (input.major) return _.and([where, _.or([{ major: true }, { suspectedMajor: true }])]);
  return where;
}

export const queueFunction = defineFunction('queue', {
  list: action({
    input: QueueListInput,
    async run(ctx, input): Promise<Page<QueueItem>> {
      const { page, pageSize } = input;
      const query = ctx.db.collection<TipoffDoc>(TIPOFFS).where(queueWhere(ctx, input));
      // Soonest deadline first; the index on departmentId × status × dueAt × createdAt serves the order.
      const { data, total } = await fetchPage(query, { page, pageSize }, [
        ['dueAt', 'asc'],
        ['createdAt', 'asc'],
      ]);
      const nowIso = isoTown(ctx.now());
      return { items: data.map((d) => toQueueItem(d, ctx.town, nowIso)), total, page, pageSize };
    },
  }),

  counts: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<QueueCounts> {
      const departmentId = departmentOf(ctx);
      const _ = ctx.db.command;
      const tipoffs = ctx.db.collection(TIPOFFS);
      const nowIso = isoTown(ctx.now());
      const [grouped, overdue, major] = await Promise.all([
        tipoffs
          .aggregate()
          .match({ departmentId })
          .group({ _id: '$status', n: { $sum: 1 } })
          .limit(100) // aggregate() returns 20 rows unless told otherwise
          .end(),
        tipoffs.where({ departmentId, status: _.in(OPEN_STATUSES), dueAt: _.lt(nowIso) }).count(),
        tipoffs
          .where(
            _.and([{ departmentId, status: _.in(OPEN_STATUSES) }, _.or([{ major: true }, { suspectedMajor: true }])]),
          )
          .count(),
      ]);
      const byStatus: QueueCounts['byStatus'] = {};
      for (const row of grouped.list) byStatus[row._id as TipoffStatus] = row.n as number;
      const open = OPEN_STATUSES.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
      return { byStatus, open, overdue: overdue.total, major: major.total };
    },
  }),

  detail: action({
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    async run(ctx, { id }): Promise<QueueDetail> {
      const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ _id: id }).limit(1).get();
      const doc = data[0];
      const dept = departmentOf(ctx);
      // Same answer for "missing" and "not yours": a department cannot probe other departments' cases.
      const visible =
        doc && (doc.departmentId === dept || doc.coDepartmentIds.includes(dept) || isSafetyOfficer(ctx.user, ctx.town));
      if (!visible) throw forbidden('该举报不属于您的部门');
      const urls = await ctx.files.urls(staffFileIds(doc));
      return toQueueDetail(doc, ctx.town, isoTown(ctx.now()), allowedSteps(ctx.user, doc, ctx.town), urls);
    },
  }),

  act: action({
    input: QueueActInput,
    async run(ctx, input): Promise<{ id: string; status: TipoffStatus }> {
      const { db, town, user } = ctx;
      const now = ctx.now();
      const at = isoTown(now);
      const by = user.displayName ?? user._id;
      // Evidence photos: only files this staff member uploaded here, checked before anything is written.
      if (input.step === 'rectified') await ctx.files.assertOwned(ctx.openid, input.evidence, 'evidence');

      const { doc, t } = await runTransaction(db, async (tx) => {
        const doc = await txGet<TipoffDoc>(tx, TIPOFFS, input.id, '举报');
        assertMayTake(input.step, user, doc, town);
        let mergeTarget: TipoffDoc | undefined;
        if (input.step === 'merge') {
          // Missing and another department's case answer alike (assertMergeTarget).
          const target = await txGet<TipoffDoc>(tx, TIPOFFS, input.intoId).catch((e: unknown) => {
            if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
            throw e;
          });
          assertMergeTarget(doc, target, user, town);
          mergeTarget = target;
        }
        const t = transition(doc, input, { actor: user, town, now, mergeTarget });

        const set: Partial<TipoffDoc> = {
          ...t.set,
          status: t.to,
          timeline: [...doc.timeline, ...t.entries],
          updatedAt: at,
        };
        if (t.ledger?.kind === 'create') {
          const entry = await addLedgerEntry(
            tx,
            ledgerEntryFromTipoff(doc, town, t.ledger.note, at, by),
            townYear(now),
          );
          set.ledgerId = entry._id;
        } else if (t.ledger && doc.ledgerId) {
          const ledger = await txGet<LedgerDoc>(tx, LEDGER, doc.ledgerId, '台账');
          const patch: Partial<LedgerDoc> = {
            progress: [...ledger.progress, { at, note: t.ledger.note, by }],
            updatedAt: at,
            ...(t.ledger.kind === 'rectifying'
              ? { status: 'rectifying', deadline: t.set.rectification?.deadline ?? null }
              : {}),
            ...(t.ledger.kind === 'close' ? { status: 'closed', closedAt: at } : {}),
          };
          await tx.collection(LEDGER).doc(doc.ledgerId).update({ data: patch });
        }
        await tx
          .collection(TIPOFFS)
          .doc(doc._id)
          .update({ data: replacing(db, set) });

        // The duplicate's reporter follows the earlier case and counts as interest in it (once).
        if (mergeTarget && mergeTarget.reporterKey !== doc.reporterKey) {
          const follow = followId(mergeTarget._id, doc.reporterKey);
          if (!(await txExists(tx, FOLLOWS, follow))) {
            await tx
              .collection(TIPOFFS)
              .doc(mergeTarget._id)
              .update({ data: { followers: mergeTarget.followers + 1, updatedAt: at } });
            await tx
              .collection(FOLLOWS)
              .doc(follow)
              .set({ data: { tipoffId: mergeTarget._id, reporterKey: doc.reporterKey, createdAt: at } });
          }
        }
        await addAudit(tx, {
          actor: user._id,
          actorRoles: user.roles,
          action: `tipoff.${input.step}`,
          targetType: 'tipoff',
          targetId: doc._id,
          from: doc.status,
          to: t.to,
          detail: { ...input, departmentId: doc.departmentId },
          at,
        });
        await addMessage(tx, {
          recipient: doc.reporterKey,
          ...t.notice,
          tipoffId: doc._id,
          tipoffNo: doc.no,
          read: false,
          createdAt: at,
        });
        return { doc, t };
      });

      // Outside the transaction: fan-out and push are best effort and must not undo the step.
      try {
        await notifyFollowers(ctx, doc, t.notice, at);
      } catch (e) {
        ctx.log?.('notification failed', e);
      }
      // A push that does not reach the reporter is recorded on the case (notifyFailures) for staff to see.
      await notifyReporter(ctx, { tipoffId: doc._id, no: doc.no, status: t.to, ...t.notice, at });
      return { id: doc._id, status: t.to };
    },
  }),
});
