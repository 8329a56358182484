import { z } from 'zod';
import {
  QUEUE_TAB_STATUSES,
  QUEUE_TABS,
  QueueActInput,
  QueueCountsInput,
  type QueueFilters,
  QueueListInput,
  type MergeCandidate,
  type Page,
  type QueueCounts,
  type QueueScope,
  type QueueDetail,
  type QueueItem,
  type TipoffStatus,
} from '../../../types';
import { mayCall } from '../access';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import { AppError, forbidden } from '../errors';
import { uploadScope } from '../files';
import { addLedgerEntry, LEDGER, ledgerEntryFromTipoff, type LedgerDoc } from '../ledger';
import { allowedSteps, assertMayTake, assertMergeTarget, isSafetyOfficer, transition } from '../lifecycle';
import { addMessage, FOLLOWS, followId, notifyFollowers } from '../messages';
import { notifyReporter } from '../notify';
import { fetchPage, findById, replacing, txExists, txGet } from '../store';
import { distanceMeters } from '../geo';
import { nextStepHint } from '../progress';
import { REWARD_STATUS_LABELS, type RewardStatus } from '../../../types/reward';
import { mayRecordFine, openRewardCase, REWARDS, rewardIdFor, rewardQueueActions, type RewardDoc } from './reward';
import { recordAction } from './queue-record';

/** Once a reward is decided, its fine is fixed (queue.fine refuses a different amount). */
const FINE_LOCKED: readonly RewardStatus[] = ['decided', 'approved', 'paid'];
import { hasAnyRole } from '../users';
import { isoTown, townYear } from '../time';
import { slaForReport } from '../town-store';
import { runTransaction } from '../transaction';
import {
  areaName,
  categoryName,
  departmentName,
  OPEN_STATUSES,
  staffFileIds,
  TIPOFFS,
  toQueueDetail,
  toQueueItem,
  type TipoffDoc,
} from '../tipoffs';

function departmentOf(ctx: ActionContext): string {
  const departmentId = ctx.user.departmentId;
  if (!departmentId) throw forbidden('您的账号未绑定部门，无法查看待办');
  return departmentId;
}

/** 安委办 (admin) and leaders oversee the whole town: they may read every department's queue. */
const overseesTown = (ctx: ActionContext) => hasAnyRole(ctx.user, ['admin', 'leader']);

/**
 * The department the caller's queue is scoped to, or null for the town-wide queue (admin/leader only,
 * asked for with scope 'town'; a leader with no department gets it by default).
 */
function scopeOf(ctx: ActionContext, scope: QueueScope | undefined): string | null {
  if (scope === 'town' || (!scope && !ctx.user.departmentId && overseesTown(ctx))) {
    if (!overseesTown(ctx)) throw forbidden('只有镇安委办和镇领导可以查看全镇待办');
    return null;
  }
  return departmentOf(ctx);
}

type Filters = z.output<typeof QueueFilters>;

/**
 * The where clause of a queue page or count; scoped to the caller's department (or the town, for those who
 * oversee it), never to one taken from input. `statuses`: the tab's or the one status asked for.
 */
function queueWhere(
  ctx: ActionContext,
  departmentId: string | null,
  filters: Filters,
  statuses: readonly TipoffStatus[],
): Record<string, unknown> {
  const _ = ctx.db.command;
  const nowIso = isoTown(ctx.now());
  const where: Record<string, unknown> = {};
  if (departmentId) where.departmentId = departmentId;
  // Only a case still being worked can be overdue.
  const wanted = filters.overdue ? statuses.filter((s) => OPEN_STATUSES.includes(s)) : statuses;
  where.status = wanted.length === 1 ? wanted[0] : _.in([...wanted]);
  if (filters.categoryId) where.categoryId = filters.categoryId;
  if (filters.areaId) where.areaId = filters.areaId;
  // A report filed in the mini-program carries no channel (absent = app: older reports need no migration).
  if (filters.channel) where.channel = filters.channel === 'app' ? _.exists(false) : filters.channel;
  if (filters.overdue) where.dueAt = _.lt(nowIso);
  if (filters.major) return _.and([where, _.or([{ major: true }, { suspectedMajor: true }])]);
  return where;
}

/** The categories a department handles: those its routing rules (as lead or co-department) name. */
function handledCategories(ctx: ActionContext, departmentId: string | null): { id: string; name: string }[] {
  const { town } = ctx;
  const all = town.categories.map((c) => ({ id: c.id, name: c.name }));
  // The town, and the triage department (where unmatched reports land), see every category.
  if (!departmentId || departmentId === town.routing.fallback.departmentCode) return all;
  const rules = town.routing.rules.filter(
    (r) => r.departmentCode === departmentId || (r.coDepartmentCodes ?? []).includes(departmentId),
  );
  if (rules.some((r) => !r.categoryIds)) return all;
  const ids = new Set(rules.flatMap((r) => r.categoryIds ?? []));
  return all.filter((c) => ids.has(c.id));
}

/** Whether the caller may read this case: its department, a co-department, or those who oversee the town. */
function mayRead(ctx: ActionContext, doc: TipoffDoc | null | undefined): doc is TipoffDoc {
  if (!doc) return false;
  const dept = ctx.user.departmentId;
  return (
    (!!dept && (doc.departmentId === dept || doc.coDepartmentIds.includes(dept))) ||
    isSafetyOfficer(ctx.user, ctx.town) ||
    overseesTown(ctx)
  );
}

export const queueFunction = defineFunction('queue', {
  list: action({
    input: QueueListInput,
    async run(ctx, input): Promise<Page<QueueItem>> {
      const { page, pageSize } = input;
      const statuses = input.tab ? QUEUE_TAB_STATUSES[input.tab] : input.status ? [input.status] : OPEN_STATUSES;
      const where = queueWhere(ctx, scopeOf(ctx, input.scope), input, statuses);
      const query = ctx.db.collection<TipoffDoc>(TIPOFFS).where(where);
      // Soonest deadline first (so overdue cases lead); the index on [departmentId ×] status × dueAt × createdAt
      // serves the order.
      const { data, total } = await fetchPage(query, { page, pageSize }, [
        ['dueAt', 'asc'],
        ['createdAt', 'asc'],
      ]);
      const nowIso = isoTown(ctx.now());
      return { items: data.map((d) => toQueueItem(d, ctx.town, nowIso)), total, page, pageSize };
    },
  }),

  counts: action({
    input: QueueCountsInput,
    async run(ctx, input): Promise<QueueCounts> {
      const departmentId = scopeOf(ctx, input.scope);
      const _ = ctx.db.command;
      const tipoffs = ctx.db.collection(TIPOFFS);
      const nowIso = isoTown(ctx.now());
      const scoped = departmentId ? { departmentId } : {};
      const [tabCounts, grouped, overdue, major] = await Promise.all([
        // One count per tab, with the filters: the tabs' numbers follow what the list would show.
        Promise.all(
          QUEUE_TABS.map((tab) => tipoffs.where(queueWhere(ctx, departmentId, input, QUEUE_TAB_STATUSES[tab])).count()),
        ),
        tipoffs
          .aggregate()
          .match(scoped)
          .group({ _id: '$status', n: { $sum: 1 } })
          .limit(100) // aggregate() returns 20 rows unless told otherwise
          .end(),
        tipoffs.where({ ...scoped, status: _.in(OPEN_STATUSES), dueAt: _.lt(nowIso) }).count(),
        tipoffs
          .where(_.and([{ ...scoped, status: _.in(OPEN_STATUSES) }, _.or([{ major: true }, { suspectedMajor: true }])]))
          .count(),
      ]);
      const tabs = Object.fromEntries(QUEUE_TABS.map((tab, i) => [tab, tabCounts[i].total])) as QueueCounts['tabs'];
      const byStatus: QueueCounts['byStatus'] = {};
      for (const row of grouped.list) byStatus[row._id as TipoffStatus] = row.n as number;
      const open = OPEN_STATUSES.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
      return {
        tabs,
        byStatus,
        open,
        overdue: overdue.total,
        major: major.total,
        categories: handledCategories(ctx, departmentId),
        scope: departmentId ? 'department' : 'town',
      };
    },
  }),

  /**
   * Open cases of the same category within the duplicate radius of this one, nearest first, in the caller's
   * scope (the case's department; every department for 安委办): what it might be merged into.
   */
  mergeCandidates: action({
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    async run(ctx, { id }): Promise<MergeCandidate[]> {
      const { db, town } = ctx;
      const _ = db.command;
      const doc = await findById<TipoffDoc>(db, TIPOFFS, id);
      if (!mayRead(ctx, doc)) throw forbidden('该举报不属于您的部门');
      const where: Record<string, unknown> = {
        categoryId: doc.categoryId,
        status: _.in(OPEN_STATUSES),
        geo: _.geoNear({
          geometry: new db.Geo.Point(doc.location.longitude, doc.location.latitude),
          maxDistance: town.sla.duplicateRadiusMeters,
        }),
      };
      if (!isSafetyOfficer(ctx.user, town)) where.departmentId = doc.departmentId;
      const { data } = await db.collection<TipoffDoc>(TIPOFFS).where(where).limit(21).get();
      return data
        .filter((d) => d._id !== doc._id)
        .slice(0, 20)
        .map((d) => {
          let whyNot: string | undefined;
          try {
            assertMergeTarget(doc, d, ctx.user, town);
          } catch (e) {
            whyNot = e instanceof AppError ? e.message : '不能合并';
          }
          return {
            id: d._id,
            no: d.no,
            status: d.status,
            categoryName: categoryName(town, d.categoryId),
            description: d.description,
            areaName: areaName(town, d.areaId),
            address: d.location.address,
            departmentName: departmentName(town, d.departmentId),
            distanceMeters: Math.round(distanceMeters(doc.location, d.location) / 10) * 10,
            followers: d.followers,
            createdAt: d.createdAt,
            canMergeInto: !whyNot,
            ...(whyNot ? { whyNot } : {}),
          };
        });
    },
  }),

  detail: action({
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    async run(ctx, { id }): Promise<QueueDetail> {
      const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ _id: id }).limit(1).get();
      const doc = data[0];
      if (!overseesTown(ctx)) departmentOf(ctx);
      // Same answer for "missing" and "not yours": a department cannot probe other departments' cases.
      if (!mayRead(ctx, doc)) throw forbidden('该举报不属于您的部门');
      const urls = await ctx.files.urls(staffFileIds(doc));
      const nowIso = isoTown(ctx.now());
      // Leaders read only: they take no step (queue.act has no row for them).
      const steps = mayCall('queue', 'act', ctx.user.roles) ? allowedSteps(ctx.user, doc, ctx.town) : [];
      // The fine and the reward's state, as far as the department needs them: never who reported.
      const reward = doc.verification?.founded
        ? await findById<RewardDoc>(ctx.db, REWARDS, rewardIdFor(doc._id))
        : null;
      const mayFine =
        !!doc.verification?.founded &&
        mayCall('queue', 'fine', ctx.user.roles) &&
        mayRecordFine(ctx.user, doc, ctx) &&
        (!reward || !FINE_LOCKED.includes(reward.status));
      return {
        ...toQueueDetail(doc, ctx.town, nowIso, steps, urls),
        ...(doc.fine ? { fine: { amountFen: doc.fine.amountFen, at: doc.fine.at, by: doc.fine.by } } : {}),
        ...(reward
          ? {
              reward: {
                status: reward.status,
                statusLabel: REWARD_STATUS_LABELS[reward.status],
                fineEditable: !FINE_LOCKED.includes(reward.status),
              },
            }
          : {}),
        ...(doc.verification?.founded ? { mayRecordFine: mayFine } : {}),
        mergedFrom: doc.mergedFrom ?? [],
        nextStepHint: nextStepHint(doc, ctx.user, ctx.town, nowIso),
      };
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
      if (input.step === 'rectified')
        await ctx.files.assertOwned(ctx.openid, input.evidence, uploadScope.rectify(input.id), 'evidence');

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
        // Deadlines of later steps follow the SLA the report was filed under, not a newer one (town-store.ts).
        const sla = await slaForReport(tx, town, doc);
        const judged = sla === town.sla ? town : { ...town, sla };
        const t = transition(doc, input, { actor: user, town: judged, now, mergeTarget });

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

        if (mergeTarget) {
          // The case merged into lists it (queue.detail mergedFrom).
          const mergedFrom = [...(mergeTarget.mergedFrom ?? []), { id: doc._id, no: doc.no }];
          await tx
            .collection(TIPOFFS)
            .doc(mergeTarget._id)
            .update({ data: { mergedFrom, updatedAt: at } });
        }
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
        // A founded report opens its reward case (issue 8), in the same transaction: once, with the step.
        if (input.step === 'verify' && t.to === 'verified') {
          await openRewardCase(tx, ctx, { ...doc, ...set } as TipoffDoc, !!input.alreadyKnown, at);
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
          kind: 'case',
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

  // `fine {id, amountFen}` (DESIGN.md §4): the fine a major hazard's reward is computed from (core/actions/reward.ts).
  ...rewardQueueActions,

  // 登记外部来源 (issue 11): a report received by 12345, 随申拍, 社区通, phone, letter or visit (queue-record.ts).
  record: recordAction,
});
