// 内部隐患报告 (issue 7): a worker's report to their own enterprise first. The managers accept it, fix it with
// evidence photos, or send it to the town; if they do not accept within 2 working days, or do not fix it by
// their own deadline, it goes to the town by itself; the worker may send it on at any time. Going to the town
// files a normal tip-off (file-tipoff.ts), routed like any other, with this report's history in its timeline.
// Whistleblower protection: the manager's view never carries who reported an anonymous report.
import {
  ESCALATION_REASON_LABELS,
  INTERNAL_STATUS_LABELS,
  type EscalationReason,
  type InternalReport,
  type InternalStatus,
} from '../../types';
import { addAudit } from './audit';
import { addWorkingDays, endOfTownDay, townDate } from './calendar';
import type { Transaction } from './db';
import type { CoreDeps } from './deps';
import { findEnterprise, type EnterpriseDoc } from './enterprises';
import { conflict, notFound } from './errors';
import { afterTipoffFiled, prepareTipoff, writeTipoff, type TipoffFiling } from './file-tipoff';
import { openIdentity } from './identity';
import { tipoffIdFor } from './ids';
import { addMessage, type MessageDoc } from './messages';
import { findById, txGet } from './store';
import { isoTown } from './time';
import { runTransaction } from './transaction';
import type { StoredTimelineEntry } from './tipoffs';
import type { Town } from './town';

export const INTERNAL_REPORTS = 'internalReports';
/** The manager has this many working days to accept (end of the last one, town time). */
export const ACCEPT_WORKING_DAYS = 2;
/** The manager's own fix deadline is at most this many days after accepting. */
export const MAX_FIX_DAYS = 60;
export const OPEN_INTERNAL: InternalStatus[] = ['submitted', 'accepted'];

export type InternalActor = 'worker' | 'manager' | 'system';

/** One internal report as stored. No openid: the reporter is a reporter key, and sealed for the town. */
export interface InternalReportDoc {
  _id: string;
  /** NB-2026-000001 */
  no: string;
  enterpriseId: string;
  reporterKey: string;
  /** The reporter's identity (openid, and name when named), sealed (identity.ts): opened only to file the tip-off. */
  sealedReporter: string;
  anonymous: boolean;
  /** Only for a named report. */
  reporterName?: string;
  categoryId: string;
  description: string;
  place?: string;
  photos: string[];
  moderation?: 'unchecked';
  status: InternalStatus;
  /** End of the 2nd working day after submission (ISO +08:00). */
  acceptBy: string;
  /** The manager's fix date (YYYY-MM-DD), set at accept. */
  deadline?: string;
  /** When the report goes to the town by itself: acceptBy, then the end of the deadline day; null once ended. */
  dueAt: string | null;
  evidence?: string[];
  timeline: { at: string; text: string; by: InternalActor }[];
  escalation?: { reason: EscalationReason; at: string; tipoffId: string; tipoffNo: string };
  createdAt: string;
  updatedAt: string;
}

export const INTERNAL_REPORT_INDEXES: string[][] = [
  // The manager's list (optionally by status), newest first.
  ['enterpriseId', 'createdAt', '_id'],
  ['enterpriseId', 'status', 'createdAt', '_id'],
  // The worker's own.
  ['reporterKey', 'createdAt', '_id'],
  // The escalation job: open reports past their due time, oldest first.
  ['status', 'dueAt', '_id'],
];

/** In-app messages to an enterprise's managers (read by user.messages for its safety managers). */
const ENTERPRISE_PREFIX = 'enterprise:';
export const enterpriseRecipient = (enterpriseId: string) => `${ENTERPRISE_PREFIX}${enterpriseId}`;

export const internalReportNo = (year: number, seq: number) => `NB-${year}-${String(seq).padStart(6, '0')}`;

/** The accept deadline of a report filed at `at`. */
export function acceptByFor(at: Date, town: Pick<Town, 'holidays'>): string {
  return isoTown(addWorkingDays(at, ACCEPT_WORKING_DAYS, town.holidays));
}

/** Checks the manager's fix date: a real date, not before today, at most 60 days on. Returns a message or null. */
export function deadlineProblem(deadline: string, now: Date): string | null {
  const d = new Date(`${deadline}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== deadline) return '整改期限不是有效日期';
  const today = townDate(now);
  if (deadline < today) return '整改期限不能早于今天';
  const last = new Date(new Date(`${today}T00:00:00Z`).getTime() + MAX_FIX_DAYS * 86400_000).toISOString().slice(0, 10);
  if (deadline > last) return `整改期限不能超过 ${MAX_FIX_DAYS} 天`;
  return null;
}

/** The end of the fix date's day: after it the report goes to the town. */
export const fixDueAt = (deadline: string) => isoTown(endOfTownDay(deadline));

/**
 * The view of a report. `reporter`: the worker's own (with `mine`, and their name when named). `manager`: never
 * who reported an anonymous report, never a reporter key or the tip-off's id; photos only as short-lived URLs.
 */
export function toInternalView(
  doc: InternalReportDoc,
  ctx: { town: Town; enterpriseName: string; urls: Record<string, string> },
  viewer: 'reporter' | 'manager',
): InternalReport {
  // On CloudBase a temp URL carries the file's path, tipoff/<uploadKey>/<name>; the folder is one report's
  // (files.ts uploadScope), so it links an anonymous report to none of the same worker's other reports.
  const url = (ids: string[]) => ids.map((id) => ctx.urls[id]).filter((u): u is string => !!u);
  const named = !doc.anonymous && doc.reporterName;
  return {
    id: doc._id,
    no: doc.no,
    enterpriseId: doc.enterpriseId,
    enterpriseName: ctx.enterpriseName,
    categoryId: doc.categoryId,
    categoryName: ctx.town.category(doc.categoryId)?.name ?? doc.categoryId,
    description: doc.description,
    ...(doc.place ? { place: doc.place } : {}),
    photoUrls: url(doc.photos),
    anonymous: doc.anonymous,
    ...(named ? { reporterName: doc.reporterName } : {}),
    status: doc.status,
    statusLabel: INTERNAL_STATUS_LABELS[doc.status],
    acceptBy: doc.acceptBy,
    ...(doc.deadline ? { deadline: doc.deadline } : {}),
    ...(doc.evidence ? { evidenceUrls: url(doc.evidence) } : {}),
    ...(doc.escalation
      ? {
          escalation: {
            reason: doc.escalation.reason,
            reasonLabel: ESCALATION_REASON_LABELS[doc.escalation.reason],
            at: doc.escalation.at,
            tipoffNo: doc.escalation.tipoffNo,
            ...(viewer === 'reporter' ? { tipoffId: doc.escalation.tipoffId } : {}),
          },
        }
      : {}),
    timeline: doc.timeline.map(({ at, text }) => ({ at, text })),
    createdAt: doc.createdAt,
    ...(viewer === 'reporter' ? { mine: true } : {}),
  };
}

/** The file ids a view shows (photos and evidence). */
export const internalFileIds = (doc: InternalReportDoc) => [...doc.photos, ...(doc.evidence ?? [])];

/** Where the tip-off is: the enterprise's point, or its area's centre, with the enterprise's address. */
function tipoffLocation(enterprise: EnterpriseDoc, town: Town) {
  const area = town.area(enterprise.areaId) ?? town.areas[0];
  const point = enterprise.location ?? { latitude: area.latitude, longitude: area.longitude, address: '' };
  const address = `${enterprise.name}（${enterprise.address || area.name}）`.slice(0, 120);
  return { areaId: area.id, location: { latitude: point.latitude, longitude: point.longitude, address } };
}

/** The tip-off's id for an internal report: one report can only ever file one tip-off. */
export const escalationTipoffId = (doc: Pick<InternalReportDoc, '_id' | 'reporterKey'>) =>
  tipoffIdFor(doc.reporterKey, `internal-${doc._id}`);

const ESCALATION_TEXT: Record<EscalationReason, string> = {
  workerChose: '报告人将此报告转报镇里',
  managerEscalated: '企业将此报告转报镇里',
  notAccepted: '企业 2 个工作日内未受理，已自动转报镇里',
  notFixed: '企业未在承诺期限内整改，已自动转报镇里',
};

/**
 * Sends an internal report to the town: files a tip-off (routed, numbered, identity sealed, like any report),
 * with the internal history first in its timeline, and marks the report escalated — in one transaction, with
 * a deterministic tip-off id, so a rerun or two concurrent escalations file one tip-off. Already escalated:
 * answers with it unchanged. Fixed: CONFLICT. `due`: the job's check that the report is still overdue.
 */
export async function escalateInternalReport(
  deps: Pick<CoreDeps, 'db' | 'town' | 'now' | 'reporterKeySecret' | 'log' | 'media'>,
  id: string,
  reason: EscalationReason,
  actor: {
    by: InternalActor;
    openid?: string;
    roles?: string[];
    note?: string;
    due?: (d: InternalReportDoc) => boolean;
  },
): Promise<{ doc: InternalReportDoc; filed: boolean }> {
  const { db, town } = deps;
  const first = await findById<InternalReportDoc>(db, INTERNAL_REPORTS, id);
  if (!first) throw notFound('没有找到这条内部报告');
  if (first.status === 'escalated') return { doc: first, filed: false };
  if (first.status === 'fixed') throw conflict('这条报告已整改完成，不能再转报镇里');
  const enterprise = await findEnterprise(db, first.enterpriseId);
  if (!enterprise) throw notFound('报告所属企业不存在');

  const now = deps.now();
  const at = isoTown(now);
  const tipoffId = escalationTipoffId(first);
  const identity = openIdentity(first.sealedReporter, first._id, deps.reporterKeySecret);
  const place = tipoffLocation(enterprise, town);
  const text = ESCALATION_TEXT[reason] + (actor.note ? `：${actor.note}` : '');
  const history: StoredTimelineEntry[] = [
    ...first.timeline.map((e) => ({
      at: e.at,
      from: null,
      to: 'submitted' as const,
      note: `企业内部报告 ${first.no}：${e.text}`,
    })),
    { at, from: null, to: 'submitted', note: `企业内部报告 ${first.no}：${text}` },
  ];
  const filing: TipoffFiling = {
    id: tipoffId,
    reporterKey: first.reporterKey,
    identity,
    input: {
      categoryId: first.categoryId,
      areaId: place.areaId,
      description: `【企业内部报告转报】${first.description}${first.place ? `（位置：${first.place}）` : ''}`,
      photos: first.photos,
      location: place.location,
      anonymous: first.anonymous,
      suspectedMajor: false,
    },
    ...(first.moderation ? { moderation: first.moderation } : {}),
    history,
  };
  const tipoff = prepareTipoff(deps, filing);

  const run = () =>
    runTransaction(db, async (tx: Transaction) => {
      const doc = await txGet<InternalReportDoc>(tx, INTERNAL_REPORTS, id, '内部报告');
      if (doc.status === 'escalated') return { doc, filed: false };
      if (doc.status === 'fixed') throw conflict('这条报告已整改完成，不能再转报镇里');
      if (actor.due && !actor.due(doc)) return { doc, filed: false };
      const no = await writeTipoff(tx, deps, filing, tipoff);
      const escalation = { reason, at, tipoffId, tipoffNo: no };
      const timeline = [...doc.timeline, { at, text: `${text}（镇里编号 ${no}）`, by: actor.by }];
      await tx
        .collection(INTERNAL_REPORTS)
        .doc(id)
        .update({ data: { status: 'escalated', escalation, timeline, dueAt: null, updatedAt: at } });
      const notice = {
        title: '内部报告已转报镇里',
        body: `内部报告 ${doc.no}：${ESCALATION_REASON_LABELS[reason]}，镇里编号 ${no}。`,
        kind: 'internalReport' as const,
        internalReportId: id,
        read: false,
        createdAt: at,
      };
      await addMessage(tx, { ...notice, recipient: doc.reporterKey, tipoffId, tipoffNo: no } satisfies MessageDoc);
      await addMessage(tx, { ...notice, recipient: enterpriseRecipient(doc.enterpriseId) } satisfies MessageDoc);
      await addAudit(tx, {
        actor: actor.by === 'system' ? 'system' : (actor.openid ?? actor.by),
        actorRoles: actor.roles ?? [],
        action: 'internalReport.escalate',
        targetType: 'internalReport',
        targetId: id,
        from: doc.status,
        to: 'escalated',
        detail: { reason, tipoffId, tipoffNo: no },
        at,
      });
      return {
        doc: { ...doc, status: 'escalated' as const, escalation, timeline, dueAt: null, updatedAt: at },
        filed: true,
      };
    });

  let result: { doc: InternalReportDoc; filed: boolean };
  try {
    result = await run();
  } catch (e) {
    // A concurrent escalation filed it first (the tip-off's fixed id): answer with that one.
    const again = await findById<InternalReportDoc>(db, INTERNAL_REPORTS, id);
    if (again?.status === 'escalated') return { doc: again, filed: false };
    throw e;
  }
  if (result.filed) await afterTipoffFiled(deps, filing, tipoff, { textNotice: false });
  return result;
}

export interface InternalEscalationResult {
  at: string;
  notAccepted: number;
  notFixed: number;
  failed: number;
}

/** Reports per batch, and batches per run: the job stays within a function's time limit and resumes next hour. */
export const ESCALATION_BATCH = 50;
export const ESCALATION_MAX_BATCHES = 10;

/**
 * The hourly job: reports still `submitted` past acceptBy (notAccepted) and `accepted` past the end of their
 * deadline day (notFixed) go to the town. Idempotent (each report files one tip-off, rechecked in the
 * transaction); a report that fails is logged and skipped, the rest go on, and the next run picks it up again.
 */
export async function escalateInternalReports(
  deps: Pick<CoreDeps, 'db' | 'town' | 'now' | 'reporterKeySecret' | 'log' | 'media'>,
): Promise<InternalEscalationResult> {
  const _ = deps.db.command;
  const at = isoTown(deps.now());
  const result: InternalEscalationResult = { at, notAccepted: 0, notFixed: 0, failed: 0 };
  const due = (d: Pick<InternalReportDoc, 'status' | 'dueAt'>) =>
    OPEN_INTERNAL.includes(d.status) && d.dueAt !== null && d.dueAt < at;
  const skipped = new Set<string>();
  for (let batch = 0; batch < ESCALATION_MAX_BATCHES; batch++) {
    // Reports that failed or were not due after all stay in the result set: the query leaves them out (a
    // growing limit would pass get()'s cap of 100 in a function once 51 had failed, and stop the job).
    const { data: todo } = await deps.db
      .collection<InternalReportDoc>(INTERNAL_REPORTS)
      .where({
        status: _.in(OPEN_INTERNAL),
        dueAt: _.lt(at),
        ...(skipped.size ? { _id: _.nin([...skipped]) } : {}),
      })
      .orderBy('dueAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(ESCALATION_BATCH)
      .get();
    if (todo.length === 0) break;
    for (const doc of todo) {
      const reason: EscalationReason = doc.status === 'submitted' ? 'notAccepted' : 'notFixed';
      try {
        const { filed } = await escalateInternalReport(deps, doc._id, reason, { by: 'system', due });
        if (filed) result[reason]++;
        else skipped.add(doc._id);
      } catch (e) {
        deps.log?.('internal report escalation failed', { id: doc._id, error: e });
        result.failed++;
        skipped.add(doc._id);
      }
    }
    if (todo.length < ESCALATION_BATCH) break;
  }
  return result;
}

/** The enterprise's name for views (the id when it is gone). */
export async function enterpriseNameOf(deps: Pick<CoreDeps, 'db'>, id: string): Promise<string> {
  return (await findEnterprise(deps.db, id))?.name ?? id;
}

/** The message recipients a user reads as a safety manager: their enterprise's internal-report notices. */
export function managerRecipients(user: { roles: readonly string[]; enterpriseId?: string }): string[] {
  return user.enterpriseId && user.roles.includes('safetyManager') ? [enterpriseRecipient(user.enterpriseId)] : [];
}
