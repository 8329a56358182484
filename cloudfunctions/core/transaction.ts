// The one place where the domain core opens a database transaction, and retries it on conflict.
import type { Database, Transaction } from './db';

/**
 * A conflict reaches the caller in one of two shapes (wx-server-sdk 4.0.2 over @cloudbase/database 1.4.3):
 *  - a write inside the callback that lost to another transaction: wx-server-sdk's checkError rewraps the
 *    server's `{ code: 'DATABASE_TRANSACTION_CONFLICT', message }` as an `Error` with `errCode: -501001`
 *    (TCB_ERR_CODE has no entry for the code, so SYS_ERR) and `errMsg` "document.update:fail -501001
 *    resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, …" — the
 *    `code` is gone, so @cloudbase/database's own retry (`error.code === 'DATABASE_TRANSACTION_CONFLICT'`)
 *    never fires;
 *  - a failed commit: @cloudbase/database throws the raw response `{ code, message }` (not an Error).
 * errCode -501001 alone means any system error, so the text decides.
 */
const CONFLICT_TEXT =
  /TransactionConflict|Transaction is conflict|transaction conflict|DATABASE_TRANSACTION_CONFLICT|WriteConflict|write conflict/i;

export function isTransactionConflict(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown };
  if (err.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const text = `${typeof err.errMsg === 'string' ? err.errMsg : ''} ${typeof err.message === 'string' ? err.message : ''}`;
  return CONFLICT_TEXT.test(text);
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  tries?: number;
  /** Upper bound of the first back-off; each further one doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** For tests: how to wait, and the random source of the jitter. */
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
  log?: (message: string, detail?: unknown) => void;
}

/**
 * Defaults sized for a burst on one counter document (every submit of a year writes it): 20 residents
 * at once need up to ~20 rounds among them; 10 tries with doubling back-off capped at 400 ms wait at most
 * ~2.3 s in all, well inside the 20 s function timeout.
 */
export const RETRY_DEFAULTS = { tries: 10, baseDelayMs: 15, maxDelayMs: 400 } as const;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The back-off before try `attempt + 1`: full jitter in [0, min(max, base·2^(attempt-1))). */
export function backoffMs(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  return random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Runs `fn` in a transaction; when the engine reports a conflict (another request wrote the same
 * document first) the whole callback runs again on fresh reads, a few times, with jittered back-off.
 * The callback must therefore only read and write through `tx` (it may run more than once).
 */
export async function runTransaction<R>(
  db: Pick<Database, 'runTransaction'>,
  fn: (tx: Transaction) => Promise<R>,
  {
    tries = RETRY_DEFAULTS.tries,
    baseDelayMs = RETRY_DEFAULTS.baseDelayMs,
    maxDelayMs = RETRY_DEFAULTS.maxDelayMs,
    sleep = defaultSleep,
    random = Math.random,
    log,
  }: RetryOptions = {},
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      // 0 tries of the SDK's own retry (wx-server-sdk passes it through to @cloudbase/database, where
      // `times <= 0` throws at once): it cannot recognise the rewrapped conflict, so we retry here.
      return await db.runTransaction(fn, 0);
    } catch (e) {
      if (!isTransactionConflict(e) || attempt >= tries) throw e;
      log?.(`transaction conflict, try ${attempt + 1} of ${tries}`);
      // Full jitter: two colliding requests rarely collide again.
      await sleep(backoffMs(attempt, baseDelayMs, maxDelayMs, random));
    }
  }
}
