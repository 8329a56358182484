// The one place where the domain core opens a database transaction, and retries it on conflict.
import type { Database, Transaction } from './db';

/**
 * wx-server-sdk turns every failed database call into an Error with `errCode` and an `errMsg`
 * naming the cause, never the `code: 'DATABASE_TRANSACTION_CONFLICT'` the SDK's own retry looks for,
 * so its built-in retry never fires. A conflict is recognised here by either shape.
 */
export function isTransactionConflict(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown };
  if (err.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const text = `${typeof err.errMsg === 'string' ? err.errMsg : ''} ${typeof err.message === 'string' ? err.message : ''}`;
  return /transaction conflict|DATABASE_TRANSACTION_CONFLICT|write ?conflict/i.test(text);
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  tries?: number;
  /** Base of the jittered back-off between tries, in ms. */
  baseDelayMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string, detail?: unknown) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` in a transaction; when the engine reports a conflict (another request wrote the same
 * document first) the whole callback runs again on fresh reads, a few times, with jittered back-off.
 * The callback must therefore only read and write through `tx` (it may run more than once).
 */
export async function runTransaction<R>(
  db: Pick<Database, 'runTransaction'>,
  fn: (tx: Transaction) => Promise<R>,
  { tries = 5, baseDelayMs = 20, sleep = defaultSleep, log }: RetryOptions = {},
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      // 0: the SDK's own retry never matches wx-server-sdk's error shape; we retry here instead.
      return await db.runTransaction(fn, 0);
    } catch (e) {
      if (!isTransactionConflict(e) || attempt >= tries) throw e;
      log?.(`transaction conflict, try ${attempt + 1} of ${tries}`);
      // Full jitter: two colliding requests rarely collide again.
      await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
