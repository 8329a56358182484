/**
 * The async shell around the synchronous Store: a FIFO mutex so an open transaction is isolated
 * (other requests queue until it commits or rolls back), operation counting, API-named errors,
 * and a guard against non-transactional calls made from inside a transaction callback (they
 * would deadlock here, and on CloudBase they would silently run outside the transaction).
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

export interface EngineOptions {
  maxGetLimit: number;
  aggregateDefaultLimit: number;
  transactionTimeoutMs: number;
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

  /** One non-transactional operation: waits for any open transaction, then runs atomically. */
  async run<T>(api: string, kind: OpKind, fn: () => T): Promise<T> {
    this.assertOutsideTransaction(api);
    const release = await this.mutex.acquire();
    try {
      if (!this.store.open) throw new DatabaseError(api, 'the database is closed', ERR.SYS_ERR);
      this.count(kind);
      return fn();
    } catch (e) {
      throw toApiError(api, e);
    } finally {
      release();
    }
  }
}
