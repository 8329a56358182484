import type { Database, Transaction } from './db';
import { conflict } from './errors';
import { backoffMs, isTransactionConflict, RETRY_DEFAULTS, runTransaction } from './transaction';

// The server's text for a lost write (TencentCloudBase/node-sdk's own transaction tests quote it).
const SERVER_CONFLICT = {
  code: 'DATABASE_TRANSACTION_CONFLICT',
  message:
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
};

/** What wx-server-sdk 4.0.2 throws for it (checkError → toSDKError): errCode SYS_ERR, the code gone. */
function wxConflict(api = 'document.update'): Error {
  const msg = `${api}:fail -501001 resource system error. ${SERVER_CONFLICT.message}`;
  return Object.assign(new Error(msg), { errCode: -501001, errMsg: msg });
}

/** A db whose transactions fail with `errors` in turn, then run the callback. */
function fakeDb(errors: unknown[]) {
  const seen: { retries: number | undefined }[] = [];
  const db: Pick<Database, 'runTransaction'> = {
    async runTransaction<R>(fn: (tx: Transaction) => Promise<R>, retries?: number): Promise<R> {
      seen.push({ retries });
      if (seen.length <= errors.length) throw errors[seen.length - 1];
      return fn({} as Transaction);
    },
  };
  return { db, seen };
}

const noSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe('isTransactionConflict', () => {
  it('recognises both shapes a conflict has under wx-server-sdk 4.0.2', () => {
    expect(isTransactionConflict(wxConflict())).toBe(true); // a write inside the callback lost
    expect(isTransactionConflict(wxConflict('collection.add'))).toBe(true);
    expect(isTransactionConflict({ ...SERVER_CONFLICT, requestId: 'r' })).toBe(true); // the commit lost (raw response)
  });

  it('does not take other failures for a conflict', () => {
    const other = 'document.update:fail -501001 resource system error. [InternalError] something else';
    expect(isTransactionConflict(Object.assign(new Error(other), { errCode: -501001, errMsg: other }))).toBe(false);
    expect(isTransactionConflict(conflict('已经评价过了'))).toBe(false); // a business CONFLICT is final
    expect(isTransactionConflict(new Error('document.get:fail document with _id x does not exist'))).toBe(false);
    expect(isTransactionConflict(undefined)).toBe(false);
    expect(isTransactionConflict('DATABASE_TRANSACTION_CONFLICT')).toBe(false);
  });
});

describe('runTransaction', () => {
  it('runs the callback again after conflicts and returns its result', async () => {
    const { db, seen } = fakeDb([wxConflict(), wxConflict(), SERVER_CONFLICT]);
    const { waits, sleep } = noSleep();
    await expect(runTransaction(db, async () => 'done', { sleep })).resolves.toBe('done');
    expect(seen).toHaveLength(4);
    // The SDK's own retry is switched off on every try: it cannot see the rewrapped conflict.
    expect(seen.every((s) => s.retries === 0)).toBe(true);
    expect(waits).toHaveLength(3);
  });

  it('gives up after `tries` and throws the last conflict', async () => {
    const last = wxConflict();
    const { db, seen } = fakeDb([wxConflict(), wxConflict(), last, wxConflict()]);
    const { sleep } = noSleep();
    await expect(runTransaction(db, async () => 'done', { tries: 3, sleep })).rejects.toBe(last);
    expect(seen).toHaveLength(3);
  });

  it('by default tries often enough for a burst on one document', async () => {
    const { db, seen } = fakeDb(Array.from({ length: 20 }, () => wxConflict()));
    const { waits, sleep } = noSleep();
    await expect(runTransaction(db, async () => 'done', { sleep })).rejects.toThrow(/TransactionConflict/);
    expect(seen).toHaveLength(RETRY_DEFAULTS.tries);
    expect(RETRY_DEFAULTS.tries).toBeGreaterThanOrEqual(8);
    // Never longer in all than a small share of the 20 s function timeout.
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(4000);
  });

  it('does not retry other errors', async () => {
    for (const error of [
      conflict('已经评价过了'),
      new Error('boom'),
      Object.assign(new Error('x'), { errCode: -502001 }),
    ]) {
      const { db, seen } = fakeDb([error]);
      const { waits, sleep } = noSleep();
      await expect(runTransaction(db, async () => 'done', { sleep })).rejects.toBe(error);
      expect(seen).toHaveLength(1);
      expect(waits).toHaveLength(0);
    }
  });

  it('waits a jittered, doubling, capped time between tries', async () => {
    for (const r of [0, 0.5, 0.999999]) {
      const { db } = fakeDb(Array.from({ length: 7 }, () => wxConflict()));
      const { waits, sleep } = noSleep();
      await runTransaction(db, async () => 1, { tries: 8, baseDelayMs: 10, maxDelayMs: 300, sleep, random: () => r });
      const bounds = [10, 20, 40, 80, 160, 300, 300];
      expect(waits).toHaveLength(7);
      waits.forEach((w, i) => {
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThan(bounds[i]);
        expect(w).toBeCloseTo(r * bounds[i], 6);
      });
    }
    expect(backoffMs(1, 15, 400, () => 0.5)).toBe(7.5);
    expect(backoffMs(30, 15, 400, () => 0.5)).toBe(200);
  });

  it('sleeps for real by default', async () => {
    const { db } = fakeDb([wxConflict()]);
    const t = Date.now();
    await runTransaction(db, async () => 1, { baseDelayMs: 1, random: () => 1 });
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

/**
 * The real wx-server-sdk 4.0.2 and @cloudbase/database 1.4.3 code, with only the HTTP requester replaced by
 * a stand-in server: proves the error shape we match and that `runTransaction(fn, 0)` turns the SDK's retry off.
 */
describe('against wx-server-sdk 4.0.2 itself', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'test-env' });
  const sdkDb = cloud.database() as Pick<Database, 'runTransaction'>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Db } = require('@cloudbase/database');

  /** Each transaction's write (or commit) loses `losses` times, then succeeds. */
  function server(losses: number, where: 'write' | 'commit') {
    const calls: string[] = [];
    let seq = 1; // committed
    let staged: number | undefined;
    let pending = losses;
    Db.reqClass = class {
      async send(action: string, params: { data?: string }) {
        calls.push(action);
        switch (action) {
          case 'database.startTransaction':
            return { transactionId: `t${calls.length}`, requestId: 'r' };
          case 'database.getDocument':
            staged = undefined;
            return { data: { list: [JSON.stringify({ _id: 'tipoff-2026', seq })] }, requestId: 'r' };
          case 'database.modifyDocument':
            if (where === 'write' && pending > 0) return (pending--, { ...SERVER_CONFLICT, requestId: 'r' });
            staged = JSON.parse(params.data ?? '{}').seq;
            return { data: { updated: 1 }, requestId: 'r' };
          case 'database.commitTransaction':
            if (where === 'commit' && pending > 0) return (pending--, { ...SERVER_CONFLICT, requestId: 'r' });
            seq = staged ?? seq;
            return { requestId: 'r' };
          case 'database.abortTransaction':
            staged = undefined;
            return { requestId: 'r' };
          default:
            return { code: 'INVALID_PARAM', message: `unexpected ${action}` };
        }
      }
    };
    return calls;
  }

  const bump = async (tx: Transaction) => {
    const counter = tx.collection<{ seq: number }>('counters').doc('tipoff-2026');
    const { data } = await counter.get();
    await counter.update({ data: { seq: data.seq + 1 } });
    return data.seq + 1;
  };

  it('the SDK alone never retries a lost write: its retry looks for a code the rewrap removed', async () => {
    const calls = server(1, 'write');
    const error = await sdkDb.runTransaction(bump).catch((e: unknown) => e); // default: 3 tries, it says
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ errCode: -501001 });
    expect((error as { code?: unknown }).code).toBeUndefined();
    expect((error as { errMsg: string }).errMsg).toMatch(/^document\.update:fail -501001 .*TransactionConflict/);
    expect(isTransactionConflict(error)).toBe(true);
    expect(calls.filter((c) => c === 'database.startTransaction')).toHaveLength(1);
  });

  it('retries a lost write here, one SDK try each time', async () => {
    const calls = server(2, 'write');
    await expect(runTransaction(sdkDb, bump, { sleep: async () => {} })).resolves.toBe(2);
    expect(calls.filter((c) => c === 'database.startTransaction')).toHaveLength(3);
  });

  it('retries a lost commit here, and the SDK does not retry it on its own (tries = 0 passed through)', async () => {
    const calls = server(1, 'commit');
    const raw = await sdkDb.runTransaction(bump, 0).catch((e: unknown) => e);
    expect(raw).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(calls.filter((c) => c === 'database.startTransaction')).toHaveLength(1);

    const again = server(3, 'commit');
    await expect(runTransaction(sdkDb, bump, { sleep: async () => {} })).resolves.toBe(2);
    expect(again.filter((c) => c === 'database.startTransaction')).toHaveLength(4);
  });
});

describe('one way into a transaction', () => {
  it('no core code calls db.runTransaction itself (it would get the SDK default: no retry that works)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('node:path') as typeof import('node:path');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && entry.name !== 'transaction.ts') {
          if (/\.runTransaction\(/.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(__dirname, file));
        }
      }
    };
    walk(__dirname);
    expect(offenders).toEqual([]);
  });
});
