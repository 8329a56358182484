import type { Transaction } from './db';

export const AUDITS = 'audits';

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
