// 重大事故隐患台账 (seed §13, §15): every major hazard, from any source, until it is signed off.
import type { LedgerEntry, LedgerSource, LedgerStatus } from '../../types';
import { nextSeq } from './counters';
import type { Transaction } from './db';
import { categoryName, departmentName, inOrder, type TipoffDoc } from './tipoffs';
import { enterpriseRecipient } from './internal-reports';
import { addMessage } from './messages';
import type { Town } from './town';

export const LEDGER = 'ledger';
// Paged orders end with _id (store.ts stableOrder), so the indexes that serve them do too: a department's
// entries (by status or not) and 安委办's view of all, newest first.
export const LEDGER_INDEXES = [
  ['departmentId', 'status', 'createdAt', '_id'],
  ['departmentId', 'createdAt', '_id'],
  ['status', 'createdAt', '_id'],
  ['createdAt', '_id'],
  // The enterprise's own entries (enterprise.ledger, issue 10), by status or not.
  ['enterpriseId', 'createdAt', '_id'],
  ['enterpriseId', 'status', 'createdAt', '_id'],
  // admin.audits: the log filtered by a ledger number.
  ['no'],
  // The monthly workbook (core/reports/monthly.ts): entries closed within a cycle.
  ['status', 'closedAt', '_id'],
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
  /** A registered enterprise the hazard is at: its managers are told of the entry and answer it. */
  enterpriseId?: string;
  enterpriseName?: string;
  address: string;
  deadline: string | null;
  status: LedgerStatus;
  /** `evidence`: fileIDs of the photos given with the step (a 销号 always has some). */
  progress: { at: string; note: string; by?: string; evidence?: string[] }[];
  tipoffId?: string;
  tipoffNo?: string;
  /** The self-inspection that found it (企业自查). */
  inspectionId?: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

export const ledgerNo = (year: number, seq: number) => `ZD-${year}-${String(seq).padStart(4, '0')}`;

/**
 * Tells an enterprise's managers (its 主要负责人 among them, seed §13 通知到主要负责人) about a step on an entry
 * at their enterprise, inside the step's transaction; nothing for an entry with no enterprise.
 */
export async function notifyEnterprise(
  tx: Transaction,
  doc: Pick<LedgerDoc, 'enterpriseId' | 'no' | 'title' | 'deadline'>,
  what: 'created' | 'sentBack' | 'closed',
  at: string,
): Promise<void> {
  if (!doc.enterpriseId) return;
  const text = {
    created: {
      title: '本企业有重大事故隐患列入台账',
      body: `台账 ${doc.no}：${doc.title}。${doc.deadline ? `请在 ${doc.deadline} 前整改，` : '请尽快整改，'}整改完成后在“隐患台账”上传照片申请销号。`,
    },
    sentBack: {
      title: '隐患销号申请被退回',
      body: `台账 ${doc.no}：${doc.title}。部门审核未通过，请按意见继续整改后再申请销号。`,
    },
    closed: { title: '隐患已销号', body: `台账 ${doc.no}：${doc.title}。部门已审核销号。` },
  }[what];
  await addMessage(tx, {
    recipient: enterpriseRecipient(doc.enterpriseId),
    ...text,
    kind: 'ledger',
    read: false,
    createdAt: at,
  });
}

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
    ...(doc.enterpriseId ? { enterpriseId: doc.enterpriseId } : {}),
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
    ...(doc.inspectionId ? { inspectionId: doc.inspectionId } : {}),
    createdAt: doc.createdAt,
    ...(doc.closedAt ? { closedAt: doc.closedAt } : {}),
  };
}
