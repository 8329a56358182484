// admin.audits — 操作日志 (issue 11, DESIGN.md §4, §9): 安委办 and leaders read the audit trail, newest first.
// Filters: a person (display name or personId), a kind of action, a case (MX-… / ZD-… / record id), a date range
// (town dates, both ends included, at most 366 days; the last 30 days when none is given). Each filter is one
// indexed field followed by `at` (AUDIT_INDEXES); combined filters use the first and check the rest on the rows
// that index returns.
//
// Audit actors are openids (staff steps), pseudonymous reporter keys (a resident's rating, 催办, claim, consent,
// deletion) or system names. None of them leaves the server: openids come out as the person's display name (with
// their personId, the filter's handle) or 已注销用户 once the account is gone; reporter keys as 群众; system names
// as 系统. Entry details are not passed on (some hold personIds, counts, file names): only an identity read's reason.
import {
  AdminAuditsInput,
  auditActionLabel,
  auditGroupPattern,
  AUDIT_DEFAULT_DAYS,
  AUDIT_MAX_DAYS,
  AUDIT_TARGET_LABELS,
  IDENTITY_READ_ACTIONS,
  type AuditEntry,
  type AuditPage,
} from '../../../types/audit-log';
import { action, type ActionContext } from '../action';
import { AUDITS, type AuditDoc } from '../audit';
import { townDate } from '../calendar';
import { LEDGER, type LedgerDoc } from '../ledger';
import { fetchPage } from '../store';
import { TIPOFFS, type TipoffDoc } from '../tipoffs';
import { USERS, type UserDoc } from '../users';
import { rewardIdFor } from './reward';

/** Actors that are no person: the scheduler, content checks, automatic reward cases, retention. */
const SYSTEM_ACTORS = new Set(['system', 'scheduler', 'system:mediacheck', '系统']);
/** Actions a resident takes under their pseudonymous reporter key (never an openid, never a name). */
const RESIDENT_ACTIONS = new Set(['tipoff.rate', 'tipoff.urge', 'reward.claim', 'user.consent', 'user.deleteMe']);
/** A person filter matches at most this many accounts of the same name. */
const MAX_NAMESAKES = 20;

const PERSON_ID = /^p[0-9a-f]{23}$/;
const TIPOFF_NO = /^MX-\d{4}-\d{6}$/i;
const LEDGER_NO = /^ZD-\d{4}-\d{4,}$/i;

type Stored = AuditDoc & { _id: string };

const shiftDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The openids a person filter stands for: by personId, or every account of that display name. */
async function actorsFor(ctx: ActionContext, actor: string): Promise<string[]> {
  const where = PERSON_ID.test(actor) ? { personId: actor } : { displayName: actor };
  const { data } = await ctx.db.collection<UserDoc>(USERS).where(where).limit(MAX_NAMESAKES).get();
  return data.map((u) => u._id);
}

/** The record ids a case filter stands for: a report and its reward case, a ledger entry, or the id itself. */
async function targetsFor(ctx: ActionContext, target: string): Promise<string[]> {
  if (TIPOFF_NO.test(target)) {
    const no = target.toUpperCase();
    const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ no }).limit(1).get();
    return data.flatMap((t) => [t._id, rewardIdFor(t._id)]);
  }
  if (LEDGER_NO.test(target)) {
    const no = target.toUpperCase();
    const { data } = await ctx.db.collection<LedgerDoc>(LEDGER).where({ no }).limit(1).get();
    return data.map((l) => l._id);
  }
  return [target];
}

async function byIds<T extends { _id: string }>(ctx: ActionContext, collection: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, T>();
  const { data } = await ctx.db
    .collection<T>(collection)
    .where({ _id: ctx.db.command.in(unique) })
    .limit(unique.length)
    .get();
  return new Map(data.map((d) => [d._id, d]));
}

export const adminAuditActions = {
  audits: action({
    input: AdminAuditsInput,
    async run(ctx, input): Promise<AuditPage> {
      const { page, pageSize } = input;
      const today = townDate(ctx.now());
      // Only a start: up to today, never past the longest range. Only an end (or neither): the 30 days to it.
      const latest = input.from ? shiftDays(input.from, AUDIT_MAX_DAYS - 1) : today;
      const to = input.to ?? (latest < today ? latest : today);
      const from = input.from ?? shiftDays(to, -(AUDIT_DEFAULT_DAYS - 1));
      const empty: AuditPage = { items: [], total: 0, page, pageSize, from, to };
      if (from > to) return empty;

      const _ = ctx.db.command;
      const where: Record<string, unknown> = {
        at: _.and(_.gte(`${from}T00:00:00+08:00`), _.lte(`${to}T23:59:59+08:00`)),
      };
      if (input.actor) {
        const openids = await actorsFor(ctx, input.actor);
        if (!openids.length) return empty;
        where.actor = openids.length === 1 ? openids[0] : _.in(openids);
      }
      if (input.target) {
        const ids = await targetsFor(ctx, input.target);
        if (!ids.length) return empty;
        where.targetId = ids.length === 1 ? ids[0] : _.in(ids);
      }
      if (input.group) where.action = ctx.db.RegExp({ regexp: auditGroupPattern(input.group) });

      const query = ctx.db.collection<Stored>(AUDITS).where(where);
      const { data, total } = await fetchPage(query, { page, pageSize }, [['at', 'desc']]);

      // Names for the actors on this page; numbers for the reports, rewards and ledger entries they touched.
      const people = await byIds<UserDoc>(
        ctx,
        USERS,
        data.map((d) => d.actor).filter((a) => !SYSTEM_ACTORS.has(a)),
      );
      // A reward case's id is its report's id with `rw_` before it (rewardIdFor): the report gives the number.
      const reportOf = (d: Stored) =>
        ['tipoff', 'reward', 'reporterIdentity'].includes(d.targetType) ? d.targetId.replace(/^rw_/, '') : undefined;
      const [tipoffs, ledger] = await Promise.all([
        byIds<TipoffDoc>(
          ctx,
          TIPOFFS,
          data.flatMap((d) => reportOf(d) ?? []),
        ),
        byIds<LedgerDoc>(
          ctx,
          LEDGER,
          data.filter((d) => d.targetType === 'ledger').map((d) => d.targetId),
        ),
      ]);
      const openids = new Set(people.keys());

      const items = data.map((d): AuditEntry => {
        const person = people.get(d.actor);
        const actor: AuditEntry['actor'] = person
          ? {
              kind: 'person',
              name: person.displayName ?? '未留姓名的用户',
              ...(person.personId ? { personId: person.personId } : {}),
            }
          : SYSTEM_ACTORS.has(d.actor)
            ? { kind: 'system', name: '系统' }
            : RESIDENT_ACTIONS.has(d.action)
              ? { kind: 'resident', name: '群众' }
              : { kind: 'deleted', name: '已注销用户' };
        const report = reportOf(d);
        const no = (report ? tipoffs.get(report)?.no : undefined) ?? ledger.get(d.targetId)?.no;
        // A person's target is their personId; a deleted account's is its reporter key: shown as neither.
        const showId = d.targetType !== 'person' && d.targetType !== 'system' && !openids.has(d.targetId);
        const identityRead = IDENTITY_READ_ACTIONS.includes(d.action);
        const reason = identityRead && typeof d.detail?.reason === 'string' ? d.detail.reason : undefined;
        return {
          id: d._id,
          at: d.at,
          actor,
          action: d.action,
          actionLabel: auditActionLabel(d.action),
          target: {
            type: d.targetType,
            typeLabel: AUDIT_TARGET_LABELS[d.targetType] ?? '记录',
            ...(showId ? { id: d.targetId } : {}),
            ...(no ? { no } : {}),
          },
          identityRead,
          ...(reason ? { reason } : {}),
        };
      });
      return { items, total, page, pageSize, from, to };
    },
  }),
};
