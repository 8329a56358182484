// `exposure` (issue 11): 曝光台 — the public board, 安委办's desk for it, 挂牌督办 and 撤下. See core/exposure.ts for
// what is published and what never is.
import {
  EXPOSURE_CANDIDATES_MAX,
  ExposureBoardInput,
  ExposureManageInput,
  ExposureSuperviseInput,
  ExposureWithdrawInput,
  type ExposureBoard,
  type ExposureItem,
  type ExposureManage,
  type ExposureManageItem,
} from '../../../types/exposure';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import { conflict } from '../errors';
import {
  EXPOSED_LEDGER_FIELDS,
  EXPOSED_TIPOFF_FIELDS,
  exposureCandidate,
  exposureIdForLedger,
  exposureItem,
  EXPOSURES,
  type ExposedLedger,
  type ExposedTipoff,
  type ExposureDoc,
} from '../exposure';
import { ENTERPRISES } from '../enterprises';
import { LEDGER, type LedgerDoc } from '../ledger';
import { fetchPage, txFind, txGet } from '../store';
import { isoTown } from '../time';
import { TIPOFFS, type TipoffDoc } from '../tipoffs';
import { runTransaction } from '../transaction';

/** Open statuses of a ledger entry: what may be put under 挂牌督办. */
const LEDGER_OPEN = ['open', 'rectifying', 'rectified'] as const;

async function byIds<T extends { _id: string }>(
  ctx: ActionContext,
  collection: string,
  ids: string[],
  fields: Record<string, true>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const { data } = await ctx.db
    .collection<T>(collection)
    .where({ _id: ctx.db.command.in(unique) })
    .field(fields)
    .limit(unique.length)
    .get();
  return new Map(data.map((d) => [d._id, d]));
}

/** The board items of a page of stored items, each with its case read now (status, deadline). */
async function itemsOf(ctx: ActionContext, docs: ExposureDoc[]): Promise<ExposureItem[]> {
  const tipoffs = await byIds<ExposedTipoff>(
    ctx,
    TIPOFFS,
    docs.flatMap((d) => (d.tipoffId ? [d.tipoffId] : [])),
    EXPOSED_TIPOFF_FIELDS,
  );
  const ledger = await byIds<ExposedLedger>(
    ctx,
    LEDGER,
    docs.flatMap((d) => (d.ledgerId ? [d.ledgerId] : [])),
    EXPOSED_LEDGER_FIELDS,
  );
  return docs.map((d) =>
    exposureItem(
      d,
      d.ledgerId ? { ledger: ledger.get(d.ledgerId) } : { tipoff: d.tipoffId ? tipoffs.get(d.tipoffId) : undefined },
      ctx.town,
    ),
  );
}

/** 安委办's name as stored on an item (a display name; never an openid). */
const officerName = (ctx: ActionContext) => ctx.user.displayName ?? '镇安委办';

export const exposureFunction = defineFunction('exposure', {
  /** The public board: what is listed now, newest first. */
  board: action({
    input: ExposureBoardInput,
    async run(ctx, { page, pageSize }): Promise<ExposureBoard> {
      const query = ctx.db.collection<ExposureDoc>(EXPOSURES).where({ listed: true });
      const { data, total } = await fetchPage(query, { page, pageSize }, [['publishedAt', 'desc']]);
      return { items: await itemsOf(ctx, data), total, page, pageSize };
    },
  }),

  /** 安委办 and leaders: every item (taken off ones too, with why and by whom) and the hazards not yet listed. */
  manage: action({
    input: ExposureManageInput,
    async run(ctx, { page, pageSize, state }): Promise<ExposureManage> {
      const where = state ? { listed: state === 'listed' } : {};
      const query = ctx.db.collection<ExposureDoc>(EXPOSURES).where(where);
      const { data, total } = await fetchPage(query, { page, pageSize }, [['publishedAt', 'desc']]);
      const items = await itemsOf(ctx, data);
      const managed: ExposureManageItem[] = items.map((item, i) => {
        const d = data[i];
        return {
          ...item,
          withdrawn: !d.listed,
          ...(!d.listed && d.withdrawn
            ? { withdrawnAt: d.withdrawn.at, withdrawnBy: d.withdrawn.by, withdrawReason: d.withdrawn.reason }
            : {}),
          history: d.history.map((h) => ({ at: h.at, what: h.what, by: h.by, ...(h.text ? { text: h.text } : {}) })),
        };
      });

      const _ = ctx.db.command;
      const { data: open } = await ctx.db
        .collection<ExposedLedger>(LEDGER)
        .where({ status: _.in([...LEDGER_OPEN]) })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .field(EXPOSED_LEDGER_FIELDS)
        .limit(EXPOSURE_CANDIDATES_MAX)
        .get();
      const listed = new Set<string>();
      if (open.length) {
        const { data: already } = await ctx.db
          .collection<ExposureDoc>(EXPOSURES)
          .where({ _id: _.in(open.map((l) => exposureIdForLedger(l._id))), listed: true })
          .field({ _id: true })
          .limit(open.length)
          .get();
        for (const e of already) listed.add(e._id);
      }
      const candidates = open
        .filter((l) => !listed.has(exposureIdForLedger(l._id)))
        .map((l) => exposureCandidate(l, ctx.town));
      return { items: managed, total, page, pageSize, candidates };
    },
  }),

  /** 挂牌督办: an open major hazard goes on the board with 安委办's note (again, after it was taken off). */
  supervise: action({
    input: ExposureSuperviseInput,
    async run(ctx, { ledgerId, note }): Promise<ExposureItem> {
      const at = isoTown(ctx.now());
      const by = officerName(ctx);
      const id = exposureIdForLedger(ledgerId);
      const saved = await runTransaction(ctx.db, async (tx) => {
        const entry = await txGet<LedgerDoc>(tx, LEDGER, ledgerId, '重大隐患');
        if (entry.status === 'closed') throw conflict('该隐患已销号，不能再挂牌督办');
        const existing = await txFind<ExposureDoc>(tx, EXPOSURES, id);
        if (existing?.listed) throw conflict('该隐患已在曝光台挂牌督办');
        // The 居民区/村: of the enterprise it is at, or of the report it came from (never the address).
        const areaId = await areaOf(tx, entry);
        const step = { at, what: 'published' as const, by, text: note };
        const doc: ExposureDoc = {
          _id: id,
          kind: 'supervised',
          ledgerId,
          no: entry.no,
          ...(areaId ? { areaId } : {}),
          listed: true,
          publishedAt: at,
          note,
          history: [...(existing?.history ?? []), step],
          updatedAt: at,
        };
        const { _id, ...data } = doc;
        void _id;
        await tx.collection(EXPOSURES).doc(id).set({ data });
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: 'exposure.supervise',
          targetType: 'ledger',
          targetId: ledgerId,
          detail: { exposureId: id },
          at,
        });
        return doc;
      });
      return (await itemsOf(ctx, [saved]))[0];
    },
  }),

  /** 撤下: 安委办's decision, with a reason; the item keeps its history and stays in 安委办's list. */
  withdraw: action({
    input: ExposureWithdrawInput,
    async run(ctx, { id, reason }): Promise<{ id: string; withdrawnAt: string }> {
      const at = isoTown(ctx.now());
      const by = officerName(ctx);
      await runTransaction(ctx.db, async (tx) => {
        const doc = await txGet<ExposureDoc>(tx, EXPOSURES, id, '曝光条目');
        if (!doc.listed) throw conflict('该条目已从曝光台撤下');
        await tx
          .collection(EXPOSURES)
          .doc(id)
          .update({
            data: {
              listed: false,
              withdrawn: ctx.db.command.set({ at, by, reason }),
              history: [...doc.history, { at, what: 'withdrawn', by, text: reason }],
              updatedAt: at,
            },
          });
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: 'exposure.withdraw',
          targetType: doc.ledgerId ? 'ledger' : 'tipoff',
          targetId: doc.ledgerId ?? doc.tipoffId ?? id,
          detail: { exposureId: id },
          at,
        });
      });
      return { id, withdrawnAt: at };
    },
  }),
});

async function areaOf(
  tx: Parameters<Parameters<typeof runTransaction>[1]>[0],
  entry: LedgerDoc,
): Promise<string | undefined> {
  if (entry.enterpriseId) {
    const ent = await txFind<{ areaId?: string }>(tx, ENTERPRISES, entry.enterpriseId);
    if (ent?.areaId) return ent.areaId;
  }
  if (entry.tipoffId) {
    const t = await txFind<Pick<TipoffDoc, 'areaId'>>(tx, TIPOFFS, entry.tipoffId);
    if (t?.areaId) return t.areaId;
  }
  return undefined;
}
