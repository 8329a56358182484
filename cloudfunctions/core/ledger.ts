// 重大事故隐患台账 (seed §13, §15): every major hazard, from any source, until it is signed off.
import type { LedgerEntry, LedgerSource, LedgerStatus } from '../../types';
import { nextSeq } from './counters';
import type { Transaction } from './db';
import { categoryName, departmentName, inOrder, type TipoffDoc } from './tipoffs';
import type { Town } from './town';

export const LEDGER = 'ledger';
// Paged orders end with _id (store.ts stableOrder), so the indexes that serve them do too: a department's
// entries (by status or not) and 安委办's view of all, newest first.
export const LEDGER_INDEXES = [
  ['departmentId', 'status', 'createdAt', '_id'],
  ['departmentId', 'createdAt', '_id'],
  ['status', 'createdAt', '_id'],
  ['createdAt', '_id'],
];

export interface LedgerDoc {
  _id: string;
  no: string;
  source: LedgerSource;
  title: string;
  description: string;
  categoryId: string;
  grade: 'major';
  departmentId: string;
  enterpriseName?: string;
  address: string;
  deadline: string | null;
  status: LedgerStatus;
  /** `evidence`: fileIDs of the photos given with the step (a 销号 always has some). */
  progress: { at: string; note: string; by?: string; evidence?: string[] }[];
  tipoffId?: string;
  tipoffNo?: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

export const ledgerNo = (year: number, seq: number) => `ZD-${year}-${String(seq).padStart(4, '0')}`;

/** Creates a ledger entry inside the caller's transaction and returns its id. */
export async function addLedgerEntry(
  tx: Transaction,
  entry: Omit<LedgerDoc, '_id' | 'no'>,
  year: number,
): Promise<LedgerDoc> {
  const no = ledgerNo(year, await nextSeq(tx, `ledger-${year}`));
  const { _id } = await tx.collection(LEDGER).add({ data: { ...entry, no } });
  return { ...entry, _id, no };
}

export function ledgerEntryFromTipoff(
  doc: TipoffDoc,
  town: Town,
  note: string,
  at: string,
  by: string,
): Omit<LedgerDoc, '_id' | 'no'> {
  const category = town.category(doc.categoryId);
  return {
    source: 'tipoff',
    title: `${category?.name ?? doc.categoryId}（${doc.no}）`,
    description: doc.description,
    categoryId: doc.categoryId,
    grade: 'major',
    departmentId: doc.departmentId,
    address: doc.location.address,
    deadline: null,
    status: 'open',
    progress: [{ at, note, by }],
    tipoffId: doc._id,
    tipoffNo: doc.no,
    createdAt: at,
    updatedAt: at,
  };
}

/** Every evidence photo of the entry, for one FileAccess.urls call. */
export const ledgerFileIds = (doc: LedgerDoc): string[] => doc.progress.flatMap((p) => p.evidence ?? []);

/** `urls` from FileAccess.urls for ledgerFileIds(doc) (empty: no photos shown). */
export function toLedgerEntry(doc: LedgerDoc, town: Town, urls: Record<string, string> = {}): LedgerEntry {
  return {
    id: doc._id,
    no: doc.no,
    source: doc.source,
    title: doc.title,
    description: doc.description,
    categoryId: doc.categoryId,
    categoryName: categoryName(town, doc.categoryId),
    grade: doc.grade,
    departmentId: doc.departmentId,
    departmentName: departmentName(town, doc.departmentId),
    ...(doc.enterpriseName ? { enterpriseName: doc.enterpriseName } : {}),
    address: doc.address,
    deadline: doc.deadline,
    status: doc.status,
    progress: doc.progress.map(({ at, note, evidence }) => ({
      at,
      note,
      ...(evidence?.length ? { evidenceUrls: inOrder(evidence, urls) } : {}),
    })),
    ...(doc.tipoffId ? { tipoffId: doc.tipoffId, tipoffNo: doc.tipoffNo } : {}),
    createdAt: doc.createdAt,
    ...(doc.closedAt ? { closedAt: doc.closedAt } : {}),
  };
}
