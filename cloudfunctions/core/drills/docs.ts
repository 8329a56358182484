// What a drill and its check-ins look like in the database (issue 10), and the reads the `drill` and `drillio`
// functions share: who runs a drill, its check-ins, the enterprise's bound people. No exceljs here.
import { createHash } from 'node:crypto';
import type { Location } from '../../../types';
import {
  DRILL_RATING_LABELS,
  DRILL_STATUS_LABELS,
  DRILL_TYPE_LABELS,
  type DrillAudience,
  type DrillParticipant,
  type DrillRating,
  type DrillRecordView,
  type DrillStatus,
  type DrillSummary,
  type DrillType,
} from '../../../types/drill';
import type { ActionContext } from '../action';
import type { Database } from '../db';
import { ENTERPRISES, findEnterprise, type EnterpriseDoc } from '../enterprises';
import { forbidden, notFound } from '../errors';
import { personId } from '../roles';
import { fetchAll, findById } from '../store';
import { hasAnyRole, USERS, type UserDoc } from '../users';

export const DRILLS = 'drills';
/** One document per drill × person: `_id` = checkinId(drillId, person), so a second check-in cannot be added. */
export const DRILL_CHECKINS = 'drillCheckins';

/** `owner` of a town drill (安委办's, for residents); an enterprise drill's owner is its enterpriseId. */
export const TOWN_OWNER = 'TOWN';
export const TOWN_ORGANIZER = '镇安委办';

export const DRILL_INDEXES: Record<string, string[][]> = {
  // list: manage (owner, newest first, optionally by status), join (owner in [own, TOWN], active), all (安委办).
  [DRILLS]: [
    ['owner', 'startAt', '_id'],
    ['owner', 'status', 'startAt', '_id'],
    ['startAt', '_id'],
    ['status', 'startAt', '_id'],
  ],
  // participants (in check-in order) and the headcount (count by drillId); a person's own check-ins (user.myData
  // counts them, user.deleteMe takes the name off them: privacy.ts forgetDrillCheckins).
  [DRILL_CHECKINS]: [['drillId', 'at', '_id'], ['person']],
};

export interface DrillRecordDoc {
  problems: string;
  improvements: string;
  rating: DrillRating;
  evaluation: string;
  /** fileIDs (checked with files.assertOwned against uploadScope.drill). */
  photos: string[];
  headcount: number;
  expectedCount: number;
  /** Names of the bound people not checked in, at close. */
  missing: string[];
  byHand: number;
  closedAt: string;
  /** The closer's name (never an openid in a response). */
  closedByName: string;
}

export interface DrillDoc {
  _id: string;
  title: string;
  type: DrillType;
  status: DrillStatus;
  /** enterpriseId, or TOWN_OWNER. */
  owner: string;
  enterpriseId?: string;
  organizer: string;
  audience: DrillAudience;
  location: Location;
  radiusM: number;
  /** Town time (isoTown): sorts as text. */
  startAt: string;
  endAt: string;
  expectedCount: number;
  commander: string;
  scenario?: string;
  /** The planner (openid: stays on the server) and their personId. */
  createdBy: string;
  createdAt: string;
  startedAt?: string;
  allClearAt?: string;
  evacuationSeconds?: number;
  cancelledAt?: string;
  cancelledReason?: string;
  record?: DrillRecordDoc;
}

export interface CheckinDoc {
  _id: string;
  drillId: string;
  /** personId of who checked in with their phone; for a by-hand entry the worker's personId or a name key. */
  person: string;
  name: string;
  at: string;
  byHand: boolean;
  /** A person bound to the drill's enterprise at the time. */
  expected: boolean;
  distanceM?: number;
  accuracy?: number;
  note?: string;
  /** personId of the manager who added a by-hand entry. */
  addedBy?: string;
}

export const checkinId = (drillId: string, person: string) => `${drillId}_${person}`;

/** The key of a by-hand entry for someone who is not a bound worker: the same name (and note) twice is one. */
export function handKey(name: string, note?: string): string {
  return (
    'h' +
    createHash('sha256')
      .update(`${name}\u0000${note ?? ''}`)
      .digest('hex')
      .slice(0, 23)
  );
}

export const me = (ctx: Pick<ActionContext, 'openid' | 'reporterKeySecret'>) =>
  personId(ctx.openid, ctx.reporterKeySecret);

export async function findDrill(db: Database, id: string): Promise<DrillDoc> {
  const doc = await findById<DrillDoc>(db, DRILLS, id);
  if (!doc) throw notFound('没有找到这次演练');
  return doc;
}

/**
 * Whether the caller runs this drill: a safety manager of its enterprise (listed as its manager), or 安委办 for a
 * town drill. Nobody else, whatever their roles.
 */
export async function isDrillManager(ctx: ActionContext, drill: DrillDoc): Promise<boolean> {
  if (!drill.enterpriseId) return hasAnyRole(ctx.user, ['admin']);
  if (!hasAnyRole(ctx.user, ['safetyManager']) || ctx.user.enterpriseId !== drill.enterpriseId) return false;
  const ent = await findEnterprise(ctx.db, drill.enterpriseId);
  return !!ent && ent.status === 'active' && (ent.managerOpenids ?? []).includes(ctx.openid);
}

export async function assertDrillManager(ctx: ActionContext, drill: DrillDoc): Promise<void> {
  if (!(await isDrillManager(ctx, drill)))
    throw forbidden(drill.enterpriseId ? '只有本企业的安全管理人员可以操作这次演练' : '只有镇安委办可以操作镇级演练');
}

/** Who may read a drill's participants and record: its manager, 安委办 and leaders. */
export async function mayOversee(ctx: ActionContext, drill: DrillDoc): Promise<boolean> {
  return hasAnyRole(ctx.user, ['admin', 'leader']) || (await isDrillManager(ctx, drill));
}

export async function checkinsOf(db: Database, drillId: string, max = 5000): Promise<CheckinDoc[]> {
  const out: CheckinDoc[] = [];
  for (let skip = 0; skip < max; skip += 100) {
    const { data } = await db
      .collection<CheckinDoc>(DRILL_CHECKINS)
      .where({ drillId })
      .orderBy('at', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(100)
      .get();
    out.push(...data);
    if (data.length < 100) break;
  }
  return out;
}

export async function countCheckins(db: Database, drillId: string): Promise<number> {
  return (await db.collection(DRILL_CHECKINS).where({ drillId }).count()).total;
}

/** The people bound to an enterprise (its workers and managers), as personId and name. */
export async function boundPeople(
  ctx: Pick<ActionContext, 'db' | 'reporterKeySecret'>,
  enterpriseId: string,
): Promise<{ id: string; name: string }[]> {
  const users = await fetchAll(ctx.db.collection<UserDoc>(USERS).where({ enterpriseId }), 2000);
  return users
    .filter((u) => hasAnyRole(u, ['worker', 'safetyManager']))
    .map((u) => ({ id: u.personId ?? personId(u._id, ctx.reporterKeySecret), name: u.displayName ?? '未留名' }));
}

export async function enterpriseName(db: Database, id: string): Promise<string> {
  const doc = await findById<EnterpriseDoc>(db, ENTERPRISES, id);
  return doc?.name ?? '企业';
}

export function summaryOf(d: DrillDoc, checkedIn: number, myCheckinAt?: string): DrillSummary {
  return {
    id: d._id,
    title: d.title,
    type: d.type,
    typeLabel: DRILL_TYPE_LABELS[d.type],
    status: d.status,
    statusLabel: DRILL_STATUS_LABELS[d.status],
    organizer: d.organizer,
    ...(d.enterpriseId ? { enterpriseId: d.enterpriseId } : {}),
    location: d.location,
    radiusM: d.radiusM,
    startAt: d.startAt,
    endAt: d.endAt,
    audience: d.audience,
    checkedIn,
    expectedCount: d.expectedCount,
    ...(myCheckinAt ? { myCheckinAt } : {}),
  };
}

export function participantOf(c: CheckinDoc): DrillParticipant {
  return {
    id: c.person,
    name: c.name,
    at: c.at,
    byHand: c.byHand,
    expected: c.expected,
    ...(c.distanceM !== undefined ? { distanceM: c.distanceM } : {}),
  };
}

export function recordView(r: DrillRecordDoc, urls: Record<string, string>): DrillRecordView {
  return {
    problems: r.problems,
    improvements: r.improvements,
    rating: r.rating,
    ratingLabel: DRILL_RATING_LABELS[r.rating],
    evaluation: r.evaluation,
    photoUrls: r.photos.map((p) => urls[p]).filter((u): u is string => !!u),
    headcount: r.headcount,
    expectedCount: r.expectedCount,
    missing: r.missing,
    byHand: r.byHand,
    closedAt: r.closedAt,
    closedBy: r.closedByName,
  };
}

/** 3 分 25 秒 */
export function secondsText(s: number): string {
  const m = Math.floor(s / 60);
  const r = s % 60;
  return m > 0 ? `${m} 分 ${r} 秒` : `${r} 秒`;
}

/** 11月28日 10:00, for messages. */
export function clockText(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}月${Number(m[2])}日 ${m[3]}:${m[4]}` : iso;
}
