import type {
  FollowedTipoffDetail,
  NotifyFailure,
  QueueDetail,
  QueueItem,
  SubmitTipoffInput,
  TipoffBasics,
  TimelineEntry,
  TipoffDetail,
  TipoffStatus,
  TipoffSummary,
} from '../../types';
import { channelOf, type OutsideChannel } from '../../types/channels';
import { ENDED_STATUSES, OPEN_STATUSES } from '../../types/tipoff';
import { newTrackingCode } from './ids';
import { isOverdue, residentProgress } from './progress';
import type { HiddenPhoto } from './media';
import type { RoutingDecision } from './routing';
import type { Town } from './town';

export const TIPOFFS = 'tipoffs';
export const COUNTERS = 'counters';

// The open and ended statuses come from the one exhaustive classification in types/tipoff.ts (STATUS_CLASS);
// `submitted` and `transferred` are transient (timeline steps between routing moves), in neither list.
export { ENDED_STATUSES, OPEN_STATUSES };

/** A timeline step as stored: `by` is the staff member's display name, shown to staff only. */
export type StoredTimelineEntry = TimelineEntry & { by?: string };

/** A report as stored. The reporter's identity is NOT here: see identity.ts (sealed, in reporterIdentities). */
export interface TipoffDoc {
  _id: string;
  no: string;
  status: TipoffStatus;
  categoryId: string;
  areaId: string;
  description: string;
  /** fileIDs shown to those who may see the case (through short-lived URLs only). */
  photos: string[];
  /** Photos the image check found risky: out of `photos`, kept for the audit, never in a response. */
  hiddenPhotos?: HiddenPhoto[];
  /** A photo of this case was hidden by the image check: staff see a mark. */
  photoFlagged?: boolean;
  /** `unchecked`: the text or a photo could not be checked (the check failed); staff see 未审核. */
  moderation?: 'unchecked';
  location: { latitude: number; longitude: number; address: string };
  /** GeoJSON point for near-by queries (a Geo.Point when written). */
  geo?: unknown;
  anonymous: boolean;
  suspectedMajor: boolean;
  /** Verified as a major hazard (重大事故隐患). */
  major: boolean;
  reporterKey: string;
  trackingCode: string;
  departmentId: string;
  coDepartmentIds: string[];
  routing: Pick<RoutingDecision, 'ruleId' | 'reason'>;
  transferCount: number;
  /** Deadline of the current step (ISO +08:00), null when none; indexed for the queue sort and the sweep. */
  dueAt: string | null;
  deadlines: { acceptBy?: string; verifyBy?: string; rectifyBy?: string; closeBy?: string };
  closeExtended: boolean;
  /** 0 = none, 1..4 = 函告/通报/约谈/曝光 reached (only ever climbs). */
  escalationLevel: number;
  escalations: { level: number; step: string; at: string }[];
  followers: number;
  /** `alreadyKnown`: the department had already found the hazard and was handling it (no reward). */
  verification?: { founded: boolean; major: boolean; note: string; at: string; alreadyKnown?: boolean };
  /** The fine imposed (queue.fine), which a major hazard's reward is computed from. */
  fine?: { amountFen: number; at: string; by: string };
  rectification?: {
    measures: string;
    deadline: string;
    responsibleUnit: string;
    orderedBy?: string;
    evidence?: string[];
    note?: string;
    rectifiedAt?: string;
    /** openid of whoever recorded the fix: they may not sign it off. */
    rectifiedBy?: string;
  };
  mergedInto?: { id: string; no: string };
  /** Subscribe messages that did not reach the reporter (notify.ts); shown to staff in queue.detail. */
  notifyFailures?: NotifyFailure[];
  /** Cases merged into this one (appended by the merge step). */
  mergedFrom?: { id: string; no: string }[];
  /** Town date (YYYY-MM-DD) of the reporter's last 催办, and how many there were. */
  urgedOn?: string;
  urgeCount?: number;
  ledgerId?: string;
  rating?: { score: number; comment?: string; at: string };
  /**
   * Hours from filing to acceptance, to verification (either way) and to 销号, rounded to 0.1, stored when each
   * happens (lifecycle.ts transition) for the dashboard's 用时. Reports from before it was stored have none and
   * do not count in the durations.
   */
  hours?: { toAccept?: number; toVerify?: number; toClose?: number };
  /** Where it came from, when not the mini-program (queue.record); absent = `app` (no migration). */
  channel?: OutsideChannel;
  /** The outside system's number (12345 工单号 …), normalised; unique per channel (the id is derived from it). */
  externalNo?: string;
  /**
   * Who recorded it (queue.record): the staff member's display name and department, and the key of the
   * recording request (a retry of the same request answers with this report; another one is a duplicate).
   */
  recorded?: { by: string; departmentId?: string; requestKey: string };
  /** The privacy notice version the reporter agreed to when filing (tipoff.submit; issue 8). */
  privacyVersion?: number;
  /**
   * The town config versions it was routed and judged under (town-store.ts; issue 11). Later steps read the SLA
   * of this version (slaForReport); absent (filed before versioning) = version 1.
   */
  townVersions?: { routing: number; sla: number; categories: number };
  /** Set by user.deleteMe and the retention job (privacy.ts). */
  reporterDeletedAt?: string;
  identityRetention?: 'erased' | 'keptForReward';
  identityErasedAt?: string;
  timeline: StoredTimelineEntry[];
  createdAt: string;
  updatedAt: string;
}

/** Indexes the queries need (local engine creates them; create the same in the CloudBase console). */
export const TIPOFF_INDEXES: string[][] = [
  // The queue's where + orderBy(dueAt).orderBy(createdAt).orderBy(_id), fully served by the index (no sort
  // step). Every paged order ends with the unique _id (store.ts stableOrder), so the indexes end with it too.
  ['departmentId', 'dueAt', 'createdAt', '_id'],
  ['departmentId', 'status', 'dueAt', 'createdAt', '_id'],
  ['departmentId', 'createdAt', '_id'],
  // The town-wide queue (安委办, leaders): every department, soonest deadline (so overdue) first.
  ['status', 'dueAt', 'createdAt', '_id'],
  ['reporterKey', 'createdAt', '_id'],
  ['trackingCode'],
  // The sweep: open cases below a rung whose deadline passed the rung's cut-off.
  ['status', 'escalationLevel', 'dueAt'],
  ['dueAt'],
  ['categoryId', 'status'],
  // admin.setConfig: open reports still in an area about to be removed.
  ['areaId', 'status'],
  // The retention job (privacy.ts): ended reports last touched before the cut-off, oldest first.
  ['status', 'updatedAt', '_id'],
  // The Open311 export (open311-serve.ts): public statuses in a date window, newest first, by category or not.
  ['status', 'createdAt', '_id'],
  ['categoryId', 'status', 'createdAt', '_id'],
  // admin.audits: the log filtered by a case number.
  ['no'],
  // admin.stats (core/stats.ts): the town's reports of a period, by createdAt (a department's: the index above).
  ['createdAt', '_id'],
  // The monthly workbook's 超期与督办 list (core/reports/monthly.ts): open past the deadline, open and escalated,
  // read 100 at a time in _id order.
  ['status', 'dueAt', '_id'],
  ['status', 'escalationLevel', '_id'],
];

/** A new report as routed at submission: status `assigned`, with its first two timeline steps. */
export function newTipoffDoc(args: {
  input: Required<Pick<SubmitTipoffInput, 'photos' | 'suspectedMajor'>> &
    Omit<SubmitTipoffInput, 'photos' | 'suspectedMajor' | 'requestId' | 'contact' | 'privacyVersion'>;
  decision: RoutingDecision;
  reporterKey: string;
  at: string;
  acceptBy: string;
  geo: unknown;
  moderation?: 'unchecked';
}): Omit<TipoffDoc, '_id' | 'no'> {
  const { input, decision, at } = args;
  return {
    status: 'assigned',
    categoryId: input.categoryId,
    areaId: input.areaId,
    description: input.description,
    photos: input.photos,
    ...(args.moderation ? { moderation: args.moderation } : {}),
    location: input.location,
    geo: args.geo,
    anonymous: input.anonymous,
    suspectedMajor: input.suspectedMajor,
    major: false,
    reporterKey: args.reporterKey,
    trackingCode: newTrackingCode(),
    departmentId: decision.departmentId,
    coDepartmentIds: decision.coDepartmentIds,
    routing: { ruleId: decision.ruleId, reason: decision.reason },
    transferCount: 0,
    dueAt: args.acceptBy,
    deadlines: { acceptBy: args.acceptBy },
    closeExtended: false,
    escalationLevel: 0,
    escalations: [],
    followers: 0,
    timeline: [
      { at, from: null, to: 'submitted', note: input.anonymous ? '匿名举报' : '实名举报' },
      { at, from: 'submitted', to: 'assigned', departmentId: decision.departmentId, note: decision.reason },
    ],
    createdAt: at,
    updatedAt: at,
  };
}

export function departmentName(town: Town, code: string | undefined): string {
  if (!code) return '';
  return town.department(code)?.name ?? code;
}

/** A category's or an area's display name; the id itself when the town no longer lists it. */
export const categoryName = (town: Town, id: string): string => town.category(id)?.name ?? id;
export const areaName = (town: Town, id: string): string => town.area(id)?.name ?? id;

function publicTimeline(doc: TipoffDoc, town: Town) {
  // The reporter never sees who on the staff did what, nor the routing rule that chose the department
  // (the first assignment's note is "规则 R03「…」…": staff only). Residents read 办结, never the staff term 销号,
  // also inside the notes the steps compose ("复核通过，已销号：…").
  return doc.timeline.map(({ by: _by, ...e }) => {
    const name = departmentName(town, e.departmentId);
    const note =
      e.from === 'submitted' && e.to === 'assigned' ? `已分派至${name}办理` : e.note?.replace(/销号/g, '办结');
    return { ...e, ...(note !== undefined ? { note } : {}), departmentName: name };
  });
}

/** The fields every view of a report shares, with names looked up. */
function basics(doc: TipoffDoc, town: Town): TipoffBasics {
  return {
    id: doc._id,
    no: doc.no,
    status: doc.status,
    categoryId: doc.categoryId,
    categoryName: categoryName(town, doc.categoryId),
    areaName: areaName(town, doc.areaId),
    description: doc.description,
  };
}

/** What every resident-facing view shows (the reporter's and a follower's): where the case stands, in public. */
function residentBasics(doc: TipoffDoc, town: Town, nowIso: string) {
  return {
    ...basics(doc, town),
    departmentName: departmentName(town, doc.departmentId),
    createdAt: doc.createdAt,
    timeline: publicTimeline(doc, town),
    progress: residentProgress(doc, town, nowIso),
  };
}

export function toSummary(doc: TipoffDoc, town: Town, nowIso: string): TipoffSummary {
  return {
    ...residentBasics(doc, town, nowIso),
    anonymous: doc.anonymous,
    trackingCode: doc.trackingCode,
  };
}

/** fileId → URL map in the order of `fileIds`; a file without a URL is left out. */
export const inOrder = (fileIds: string[] | undefined, urls: Record<string, string>): string[] =>
  (fileIds ?? []).flatMap((id) => (urls[id] ? [urls[id]] : []));

/**
 * The files the reporter's view shows: the photos, and once the case is closed the rectification photos too
 * (整改前后对比). Evidence of a fix not yet signed off stays with staff.
 */
export const reporterFileIds = (doc: TipoffDoc): string[] => [
  ...doc.photos,
  ...(doc.status === 'closed' ? (doc.rectification?.evidence ?? []) : []),
];

/**
 * The reporter's own view (by id or tracking code); `urls` from FileAccess.urls for `reporterFileIds(doc)`.
 * No coordinates: residents see the address line and the progress in words.
 */
export function toDetail(doc: TipoffDoc, town: Town, urls: Record<string, string>, nowIso: string): TipoffDetail {
  return {
    view: 'reporter',
    ...toSummary(doc, town, nowIso),
    photoUrls: inOrder(doc.photos, urls),
    ...(doc.status === 'closed' && doc.rectification?.evidence?.length
      ? { evidenceUrls: inOrder(doc.rectification.evidence, urls) }
      : {}),
    address: doc.location.address,
    suspectedMajor: doc.suspectedMajor,
    followers: doc.followers,
    canRate: ENDED_STATUSES.includes(doc.status) && !doc.rating,
    canUrge: isOverdue(doc, nowIso) && doc.urgedOn !== nowIso.slice(0, 10),
    ...(doc.urgedOn ? { urgedOn: doc.urgedOn } : {}),
    ...(doc.rating ? { rating: doc.rating } : {}),
    ...(doc.mergedInto ? { mergedIntoNo: doc.mergedInto.no } : {}),
  };
}

/**
 * What someone who 附议'd sees: status and the public timeline of the hazard they recognised. Never the
 * photos, the address line, the coordinates or the tracking code: a follower is a stranger to the reporter.
 */
export function toFollowerView(doc: TipoffDoc, town: Town, nowIso: string): FollowedTipoffDetail {
  return {
    view: 'follower',
    ...residentBasics(doc, town, nowIso),
    followers: doc.followers,
    ...(doc.mergedInto ? { mergedIntoNo: doc.mergedInto.no } : {}),
  };
}

/** The staff view: an explicit whitelist, so no identity field can leak by accident. */
export function toQueueItem(doc: TipoffDoc, town: Town, nowIso: string): QueueItem {
  return {
    ...basics(doc, town),
    address: doc.location.address,
    suspectedMajor: doc.suspectedMajor,
    major: doc.major,
    reporter: doc.anonymous ? '匿名' : '实名（信息保密）',
    createdAt: doc.createdAt,
    dueAt: doc.dueAt,
    overdue: isOverdue(doc, nowIso),
    escalationLevel: doc.escalationLevel,
    followers: doc.followers,
    moderation: doc.moderation === 'unchecked' ? 'unchecked' : 'checked',
    photoFlagged: !!doc.photoFlagged,
    routing: doc.routing,
    departmentName: departmentName(town, doc.departmentId),
    coDepartmentNames: doc.coDepartmentIds.map((c) => departmentName(town, c)),
    channel: channelOf(doc),
    ...(doc.externalNo ? { externalNo: doc.externalNo } : {}),
  };
}

export function toQueueDetail(
  doc: TipoffDoc,
  town: Town,
  nowIso: string,
  allowedSteps: QueueDetail['allowedSteps'],
  urls: Record<string, string>,
): Omit<QueueDetail, 'mergedFrom' | 'nextStepHint'> {
  const {
    rectifiedBy: _who,
    evidence,
    ...rectification
  } = doc.rectification ?? ({} as NonNullable<TipoffDoc['rectification']>);
  return {
    ...toQueueItem(doc, town, nowIso),
    departmentId: doc.departmentId,
    photoUrls: inOrder(doc.photos, urls),
    latitude: doc.location.latitude,
    longitude: doc.location.longitude,
    timeline: doc.timeline.map((e) => ({ ...e, departmentName: departmentName(town, e.departmentId) })),
    deadlines: doc.deadlines,
    ...(doc.rectification
      ? { rectification: { ...rectification, ...(evidence ? { evidenceUrls: inOrder(evidence, urls) } : {}) } }
      : {}),
    ...(doc.verification ? { verification: doc.verification } : {}),
    ...(doc.mergedInto ? { mergedIntoNo: doc.mergedInto.no } : {}),
    closeExtended: doc.closeExtended,
    ...(doc.notifyFailures?.length ? { notifyFailures: doc.notifyFailures } : {}),
    allowedSteps,
  };
}

/** Every file a staff view of the case shows (photos and rectification evidence), for one FileAccess.urls call. */
export const staffFileIds = (doc: TipoffDoc): string[] => [...doc.photos, ...(doc.rectification?.evidence ?? [])];
