import type { QueueItem, SubmitTipoffInput, TimelineEntry, TipoffStatus, TipoffSummary } from '../../types';
import { newTrackingCode } from './ids';
import type { RoutingDecision } from './routing';
import type { Town } from './town';

export const TIPOFFS = 'tipoffs';
export const REPORTER_IDENTITIES = 'reporterIdentities';
export const COUNTERS = 'counters';

/** A report as stored. The reporter's identity is NOT here: see reporterIdentities. */
export interface TipoffDoc {
  _id: string;
  no: string;
  status: TipoffStatus;
  categoryId: string;
  areaId: string;
  description: string;
  photos: string[];
  location: { latitude: number; longitude: number; address: string };
  /** GeoJSON point for near-by queries (a Geo.Point when written). */
  geo?: unknown;
  anonymous: boolean;
  suspectedMajor: boolean;
  reporterKey: string;
  trackingCode: string;
  departmentId: string;
  coDepartmentIds: string[];
  routing: Pick<RoutingDecision, 'ruleId' | 'reason'>;
  transferCount: number;
  timeline: TimelineEntry[];
  createdAt: string;
  updatedAt: string;
}

/** Kept apart from the report; read only on the audited reward path (DESIGN.md §6). */
export interface ReporterIdentityDoc {
  _id: string; // = tipoff id
  openid: string;
  name?: string;
  phone?: string;
  createdAt: string;
}

/** Indexes the queries need (local engine creates them; create the same in the CloudBase console). */
export const TIPOFF_INDEXES: string[][] = [
  ['departmentId', 'createdAt'],
  ['departmentId', 'status', 'createdAt'],
  ['reporterKey', 'createdAt'],
  ['trackingCode'],
];

/** A new report as routed at submission: status `assigned`, with its first two timeline steps. */
export function newTipoffDoc(args: {
  input: Required<Pick<SubmitTipoffInput, 'photos' | 'suspectedMajor'>> &
    Omit<SubmitTipoffInput, 'photos' | 'suspectedMajor' | 'requestId' | 'contact'>;
  decision: RoutingDecision;
  reporterKey: string;
  at: string;
  geo: unknown;
}): Omit<TipoffDoc, '_id' | 'no'> {
  const { input, decision, at } = args;
  return {
    status: 'assigned',
    categoryId: input.categoryId,
    areaId: input.areaId,
    description: input.description,
    photos: input.photos,
    location: input.location,
    geo: args.geo,
    anonymous: input.anonymous,
    suspectedMajor: input.suspectedMajor,
    reporterKey: args.reporterKey,
    trackingCode: newTrackingCode(),
    departmentId: decision.departmentId,
    coDepartmentIds: decision.coDepartmentIds,
    routing: { ruleId: decision.ruleId, reason: decision.reason },
    transferCount: 0,
    timeline: [
      { at, from: null, to: 'submitted', note: input.anonymous ? '匿名举报' : '实名举报' },
      { at, from: 'submitted', to: 'assigned', departmentId: decision.departmentId, note: decision.reason },
    ],
    createdAt: at,
    updatedAt: at,
  };
}

function departmentName(town: Town, code: string): string {
  return town.department(code)?.name ?? code;
}

export function toSummary(doc: TipoffDoc, town: Town): TipoffSummary {
  return {
    id: doc._id,
    no: doc.no,
    status: doc.status,
    categoryId: doc.categoryId,
    categoryName: town.category(doc.categoryId)?.name ?? doc.categoryId,
    areaName: town.area(doc.areaId)?.name ?? doc.areaId,
    description: doc.description,
    departmentName: departmentName(town, doc.departmentId),
    createdAt: doc.createdAt,
    anonymous: doc.anonymous,
    trackingCode: doc.trackingCode,
    timeline: doc.timeline,
  };
}

/** The staff view: an explicit whitelist, so no identity field can leak by accident. */
export function toQueueItem(doc: TipoffDoc, town: Town): QueueItem {
  return {
    id: doc._id,
    no: doc.no,
    status: doc.status,
    categoryId: doc.categoryId,
    categoryName: town.category(doc.categoryId)?.name ?? doc.categoryId,
    areaName: town.area(doc.areaId)?.name ?? doc.areaId,
    description: doc.description,
    address: doc.location.address,
    suspectedMajor: doc.suspectedMajor,
    reporter: doc.anonymous ? '匿名' : '实名（信息保密）',
    createdAt: doc.createdAt,
    routing: doc.routing,
    coDepartmentNames: doc.coDepartmentIds.map((c) => departmentName(town, c)),
  };
}
