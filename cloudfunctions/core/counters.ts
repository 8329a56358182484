import type { Transaction } from './db';

export const COUNTERS = 'counters';

/** CloudBase and the local engine both reject `doc(id).get()` for a missing document. */
export function isMissingDoc(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /not exist|不存在|cannot find document/i.test(msg);
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
