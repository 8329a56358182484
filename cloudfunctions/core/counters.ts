import type { Transaction } from './db';

export const COUNTERS = 'counters';

/**
 * Only `doc(id).get()` of a missing document: wx-server-sdk 4.0.2 throws the string "document with
 * _id <id> does not exist" and rewraps it as an Error "document.get:fail …" with errCode -1 (the local
 * engine does the same). A missing collection ("-502005 database collection not exists. … Db or Table
 * not exist …") or any other failure is not one: treating it as "create the document" would hide it.
 */
export function isMissingDoc(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const { errCode } = e as { errCode?: unknown };
  if (errCode !== undefined && errCode !== -1) return false;
  return /^document\.get:fail document with _id .* does not exist$/s.test(e.message);
}

/** Next number of a sequence, inside the caller's transaction (so a rolled-back step leaves no gap). */
export async function nextSeq(tx: Transaction, counterId: string): Promise<number> {
  const counters = tx.collection<{ seq: number }>(COUNTERS);
  try {
    const seq = (await counters.doc(counterId).get()).data.seq + 1;
    await counters.doc(counterId).update({ data: { seq } });
    return seq;
  } catch (e) {
    if (!isMissingDoc(e)) throw e;
    await counters.doc(counterId).set({ data: { seq: 1 } });
    return 1;
  }
}
