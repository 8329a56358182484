import type { EnterpriseStatus, Location } from '../../types';
import type { Database } from './db';

export const ENTERPRISES = 'enterprises';

/** One enterprise of the register (issue 7). Managers are listed by openid here and never leave the server. */
export interface EnterpriseDoc {
  _id: string;
  name: string;
  /** 统一社会信用代码, normalised (upper case, no spaces), check digit verified. */
  creditCode: string;
  /** An id of config/town/industries.json. */
  industry: string;
  /** The effective flag: the industry's default unless 安委办 overrode it (then `highRiskOverride`). */
  highRisk: boolean;
  highRiskOverride?: { value: boolean; reason: string; by: string; at: string };
  areaId: string;
  address: string;
  location?: Location;
  contact: { name: string; phone: string };
  workerCount: number;
  status: EnterpriseStatus;
  managerOpenids: string[];
  createdBy: string;
  createdAt: string;
  approvedAt?: string;
  approvedBy?: string;
  rejectReason?: string;
  closedAt?: string;
  closedReason?: string;
  /** Duties (duty-store.ts, issue 10): town dates of the last closed drill / self-inspection and the next due. */
  drillLastOn?: string;
  drillDueOn?: string;
  inspectionLastOn?: string;
  inspectionDueOn?: string;
}

export async function findEnterprise(db: Database, id: string): Promise<EnterpriseDoc | null> {
  const { data } = await db.collection<EnterpriseDoc>(ENTERPRISES).where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

/**
 * One document per registered credit code (its `_id` is the code), written in the same transaction as the
 * enterprise: CloudBase has no unique constraint across documents, but two transactions writing one document
 * conflict, so two registrations of one code cannot both commit. A rejected registration removes it.
 */
export const CREDIT_CODES = 'enterpriseCreditCodes';
export interface CreditCodeDoc {
  _id: string;
  enterpriseId: string;
  at: string;
}

/** The register's list (newest first, by one filter) and the credit-code search. */
export const ENTERPRISE_INDEXES: string[][] = [
  ['createdAt', '_id'],
  ['status', 'createdAt', '_id'],
  // training.coverage: the active register in _id pages.
  ['status', '_id'],
  ['industry', 'createdAt', '_id'],
  ['areaId', 'createdAt', '_id'],
  ['highRisk', 'createdAt', '_id'],
  ['creditCode', 'createdAt', '_id'],
  ['name', 'createdAt', '_id'],
  // drill.compliance (due date order) and the scheduler's duty reminders (_id pages), per duty (issue 10).
  ['status', 'drillDueOn', '_id'],
  ['status', 'inspectionDueOn', '_id'],
];

export const JOINS = 'enterpriseJoins';
/** The desk's pending joins, oldest first; close refuses an enterprise's pending ones. */
export const JOIN_INDEXES: string[][] = [
  ['enterpriseId', 'status', 'requestedAt', '_id'],
  ['openid'], // user.deleteMe removes the person's join requests
];

/**
 * A worker's request to join, made by binding a multi-use worker code (a notice-board QR code anyone in the
 * workshop can scan): the person becomes a worker only when a manager confirms. A single-use code, handed to
 * one person, grants at once.
 */
export interface JoinDoc {
  _id: string;
  enterpriseId: string;
  openid: string;
  personId: string;
  name: string;
  inviteId: string;
  status: 'pending' | 'approved' | 'refused';
  requestedAt: string;
  decidedAt?: string;
  decidedBy?: string;
}
