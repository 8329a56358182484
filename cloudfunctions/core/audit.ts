import type { Transaction } from './db';

export const AUDITS = 'audits';

/**
 * admin.audits (操作日志): newest first within a date range, filtered by one person, one kind of action (a prefix
 * pattern on `action`) or one record; further filters are checked on the rows the first one's index returns.
 */
export const AUDIT_INDEXES: string[][] = [
  ['at', '_id'],
  ['actor', 'at', '_id'],
  ['action', 'at', '_id'],
  ['targetId', 'at', '_id'],
];

/** One entry per state change or sensitive read: who, when, what, on which record. */
export interface AuditDoc {
  actor: string;
  actorRoles: string[];
  action: string;
  targetType:
    | 'tipoff'
    | 'ledger'
    | 'reporterIdentity'
    | 'system'
    | 'invite'
    | 'person'
    | 'internalReport'
    | 'enterprise'
    | 'reward'
    | 'quiz'
    | 'question'
    | 'config'
    | 'drill';
  targetId: string;
  from?: string;
  to?: string;
  detail?: Record<string, unknown>;
  at: string;
}

export async function addAudit(tx: Pick<Transaction, 'collection'>, entry: AuditDoc): Promise<void> {
  await tx.collection(AUDITS).add({ data: { ...entry } });
}
