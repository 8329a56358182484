/**
 * Optimistic transactions, as on CloudBase: concurrent writers of one document conflict, the
 * conflict error has wx-server-sdk 4.0.2's shape, reads are snapshots, and the conflictRate switch
 * makes a share of transactions fail at commit — so the core's retry can be proven locally.
 */
import { nextSeq } from '../../cloudfunctions/core/counters';
import type { Transaction } from '../../cloudfunctions/core/db';
import { isTransactionConflict, runTransaction } from '../../cloudfunctions/core/transaction';
import { createDatabase, type LocalDatabase } from './index';

let db: LocalDatabase;
beforeEach(() => {
  db = createDatabase({ file: ':memory:' });
});
afterEach(() => db.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settle = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** A promise that stays pending until `open()`: holds transactions at a chosen point. */
function latch(): { gate: Promise<void>; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  return { gate, open };
}

/** Read the counter, let the other request run, then write it back + 1: what nextSeq does. */
async function increment(tx: Transaction, pause: Promise<unknown>): Promise<number> {
  const counter = tx.collection<{ seq: number }>('counters').doc('c');
  const { data } = await counter.get();
  await pause;
  await counter.update({ data: { seq: data.seq + 1 } });
  return data.seq + 1;
}

/** What wx-server-sdk 4.0.2 makes of the server's DATABASE_TRANSACTION_CONFLICT (checkError → toSDKError). */
function expectSdkConflict(e: unknown, api: string): void {
  expect(e).toBeInstanceOf(Error);
  const err = e as Error & { errCode: unknown; errMsg: unknown };
  expect(err.errCode).toBe(-501001); // TCB_ERR_CODE has no DATABASE_TRANSACTION_CONFLICT → SYS_ERR
  expect(err.message).toBe(
    `${api}:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, ` +
      'maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  );
  expect(err.errMsg).toBe(err.message);
  expect('code' in err).toBe(false); // the rewrap drops it, so @cloudbase/database's own retry never fires
  expect(isTransactionConflict(err)).toBe(true);
}

describe('write conflicts', () => {
  it('two transactions incrementing one counter: the later writer fails with the SDK-shaped conflict', async () => {
    await db
      .collection('counters')
      .doc('c')
      .set({ data: { seq: 0 } });
    const { gate, open: bothRead } = latch();
    const a = db.runTransaction((tx) => increment(tx, gate));
    const b = db.runTransaction((tx) => increment(tx, gate));
    await sleep(5);
    bothRead();
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra).toEqual({ status: 'fulfilled', value: 1 });
    expect(rb.status).toBe('rejected');
    expectSdkConflict((rb as PromiseRejectedResult).reason, 'document.update');
    expect((await db.collection('counters').doc('c').get()).data.seq).toBe(1);
  });

  it('with the core runTransaction (retry on conflict) both succeed and the counter is +2', async () => {
    await db
      .collection('counters')
      .doc('c')
      .set({ data: { seq: 0 } });
    const { gate, open: bothRead } = latch();
    const retries: string[] = [];
    const options = { sleep: () => sleep(1), log: (m: string) => retries.push(m) };
    const a = runTransaction(db, (tx) => increment(tx, gate), options);
    const b = runTransaction(db, (tx) => increment(tx, gate), options);
    await sleep(5);
    bothRead();
    expect((await Promise.all([a, b])).sort()).toEqual([1, 2]);
    expect(retries).toHaveLength(1);
    expect((await db.collection('counters').doc('c').get()).data.seq).toBe(2);
  });

  it('a burst of 10 submits on one sequence: each number once, none lost (nextSeq + runTransaction)', async () => {
    const seqs = await Promise.all(
      Array.from({ length: 10 }, () =>
        runTransaction(db, (tx) => nextSeq(tx, 'tipoff-2026'), { sleep: (ms) => sleep(ms), tries: 30 }),
      ),
    );
    expect([...seqs].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await db.collection('counters').doc('tipoff-2026').get()).data.seq).toBe(10);
  });

  it('a transaction cannot write a document committed by anyone after it started (reads are a snapshot)', async () => {
    const c = db.collection('docs');
    await c.doc('a').set({ data: { v: 1 } });
    await c.doc('b').set({ data: { v: 1 } });
    const { gate, open: go } = latch();
    const seen: unknown[] = [];
    const tx = db.runTransaction(async (t) => {
      seen.push((await t.collection('docs').doc('a').get()).data.v);
      await gate;
      seen.push((await t.collection('docs').doc('b').get()).data.v); // as of the start
      await t
        .collection('docs')
        .doc('a')
        .update({ data: { v: 3 } });
    });
    await sleep(5);
    await c.doc('a').update({ data: { v: 2 } });
    await c.doc('b').update({ data: { v: 2 } });
    go();
    expectSdkConflict(await settle(tx), 'document.update');
    expect(seen).toEqual([1, 1]);
    expect((await c.doc('a').get()).data.v).toBe(2);
  });

  it('a plain write to a document the transaction wrote makes its commit fail; nothing of it is applied', async () => {
    const c = db.collection('docs');
    await c.doc('a').set({ data: { v: 1 } });
    const { gate, open: go } = latch();
    const tx = db.runTransaction(async (t) => {
      await t
        .collection('docs')
        .doc('a')
        .update({ data: { v: 10 } });
      await t.collection('docs').add({ data: { _id: 'log', note: 'x' } });
      await gate;
    });
    await sleep(5);
    await c.doc('a').update({ data: { v: 2 } });
    go();
    expectSdkConflict(await settle(tx), 'transaction.commit');
    expect((await c.doc('a').get()).data.v).toBe(2);
    expect((await c.where({ _id: 'log' }).count()).total).toBe(0);
  });

  it('different documents do not conflict; a read-only transaction never does', async () => {
    const c = db.collection('docs');
    await c.doc('a').set({ data: { v: 1 } });
    await c.doc('b').set({ data: { v: 1 } });
    const { gate, open: go } = latch();
    const write = (id: string) =>
      db.runTransaction(async (t) => {
        await t.collection('docs').doc(id).get();
        await gate;
        await t
          .collection('docs')
          .doc(id)
          .update({ data: { v: 2 } });
      });
    const reader = db.runTransaction(async (t) => {
      await t.collection('docs').doc('a').get();
      await gate;
      return (await t.collection('docs').doc('a').get()).data.v;
    });
    const writes = [write('a'), write('b')];
    await sleep(5);
    go();
    await Promise.all(writes);
    expect(await reader).toBe(1);
  });

  it('a conflicted transaction is aborted: its later operations fail and runTransaction rejects with the conflict', async () => {
    const c = db.collection('docs');
    await c.doc('a').set({ data: { v: 1 } });
    const { gate, open: go } = latch();
    const first = db.runTransaction(async (t) => {
      await t
        .collection('docs')
        .doc('a')
        .update({ data: { v: 2 } });
      await gate;
    });
    let later: unknown;
    const second = db.runTransaction(async (t) => {
      await t
        .collection('docs')
        .doc('a')
        .update({ data: { v: 3 } })
        .catch(() => undefined); // swallowed: the transaction is still aborted
      later = await settle(
        t
          .collection('docs')
          .doc('b')
          .set({ data: { v: 1 } }),
      );
    });
    expectSdkConflict(await settle(second), 'document.update');
    expect((later as Error).message).toMatch(/aborted/);
    go();
    await first;
    expect((await c.doc('a').get()).data.v).toBe(2);
    expect((await c.where({ _id: 'b' }).count()).total).toBe(0);
  });
});

describe('conflictRate switch', () => {
  it('makes that share of writing transactions fail at commit with the same error', async () => {
    const draws = [0.2, 0.7, 0.49, 0.5];
    const rated = createDatabase({ file: ':memory:', conflictRate: 0.5, random: () => draws.shift() ?? 0.99 });
    const write = (id: string) =>
      rated.runTransaction(async (tx) => {
        await tx
          .collection('c')
          .doc(id)
          .set({ data: { v: 1 } });
      });
    expectSdkConflict(await settle(write('a')), 'transaction.commit'); // 0.2 < 0.5
    await write('b'); // 0.7
    expectSdkConflict(await settle(write('c')), 'transaction.commit'); // 0.49
    await write('d'); // 0.5 is not below 0.5
    expect((await rated.collection('c').where({}).get()).data.map((d) => d._id).sort()).toEqual(['b', 'd']);
    // A transaction that wrote nothing cannot conflict.
    rated.setConflictRate(1);
    await expect(rated.runTransaction(async () => 'read only')).resolves.toBe('read only');
    await expect(write('e')).rejects.toThrow(/TransactionConflict/);
    rated.setConflictRate(0);
    await write('e');
    expect(() => rated.setConflictRate(2)).toThrow(/between 0 and 1/);
    rated.close();
  });

  it('the core runTransaction gets through a 50 % conflict rate by retrying', async () => {
    const rated = createDatabase({ file: ':memory:', conflictRate: 0.5 });
    let tries = 0;
    for (let i = 0; i < 20; i++) {
      await runTransaction(
        rated,
        async (tx) => {
          tries++;
          await nextSeq(tx, 'seq');
        },
        { sleep: async () => undefined, tries: 30 },
      );
    }
    expect((await rated.collection('counters').doc('seq').get()).data.seq).toBe(20);
    expect(tries).toBeGreaterThan(20); // some commits were refused and run again
    rated.close();
  });
});
