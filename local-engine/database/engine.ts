/**
 * The async shell around the synchronous Store: a FIFO queue so every operation runs whole and in
 * arrival order, operation counting, API-named errors, the query observer, and a guard against
 * non-transactional calls made from inside a transaction callback (on CloudBase they would
 * silently run outside the transaction).
 *
 * Transactions no longer hold the queue while their callback runs: they are optimistic (see
 * versions.ts / transaction.ts) and only take it for each operation and for the commit.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DatabaseError, ERR, toApiError } from './errors';
import type { Store } from './store';

export type OpKind = 'read' | 'write';

export class Mutex {
  private isLocked = false;
  private readonly waiters: (() => void)[] = [];

  get locked(): boolean {
    return this.isLocked;
  }

  async acquire(): Promise<() => void> {
    if (this.isLocked) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.isLocked = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Ownership passes straight to the next waiter, so nobody can slip in between.
      const next = this.waiters.shift();
      if (next) next();
      else this.isLocked = false;
    };
  }
}

/** What a running transaction exposes to the engine's guard. */
export interface TransactionScope {
  readonly active: boolean;
}

/** One query as the index-coverage check sees it: the field paths it filters and sorts on. */
export interface QueryReport {
  collection: string;
  op: 'get' | 'count' | 'update' | 'remove' | 'aggregate';
  where: string[];
  orderBy: string[];
}

export interface EngineOptions {
  maxGetLimit: number;
  aggregateDefaultLimit: number;
  transactionTimeoutMs: number;
  /** Share of committing transactions (those that wrote) made to fail with a conflict. */
  conflictRate: number;
  random: () => number;
  onQuery?: (q: QueryReport) => void;
}

export class Engine {
  readonly mutex = new Mutex();
  readonly scope = new AsyncLocalStorage<TransactionScope>();
  readonly counters = { reads: 0, writes: 0 };

  constructor(
    readonly store: Store,
    readonly options: EngineOptions,
  ) {}

  count(kind: OpKind): void {
    if (kind === 'read') this.counters.reads++;
    else this.counters.writes++;
  }

  report(q: QueryReport): void {
    this.options.onQuery?.(q);
  }

  /** Throws when called from inside an active transaction callback. */
  assertOutsideTransaction(api: string): void {
    if (this.scope.getStore()?.active) {
      throw new DatabaseError(
        api,
        'non-transactional database call inside runTransaction(): use transaction.collection(...).doc(...) / .add(), ' +
          'or run queries before the transaction (on CloudBase this call would not be part of the transaction)',
        ERR.INVALID_PARAM,
      );
    }
  }

  /** One non-transactional operation: waits its turn, then runs atomically. */
  async run<T>(api: string, kind: OpKind, fn: () => T): Promise<T> {
    this.assertOutsideTransaction(api);
    return this.step(api, () => {
      this.count(kind);
      return fn();
    });
  }

  /** One atomic piece of work in the queue, not counted (a further batch of a multi-document write). */
  async step<T>(api: string, fn: () => T): Promise<T> {
    const release = await this.mutex.acquire();
    try {
      if (!this.store.open) throw new DatabaseError(api, 'the database is closed', ERR.SYS_ERR);
      return fn();
    } catch (e) {
      throw toApiError(api, e);
    } finally {
      release();
    }
  }
}

// Taken at load, so a test that fakes timers cannot stall a multi-document write.
const realSetImmediate = setImmediate;

/** Lets timers and I/O run (not just queued promises): between batches of a multi-document write. */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
