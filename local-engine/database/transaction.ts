/**
 * runTransaction(): one SQLite transaction (BEGIN IMMEDIATE) held under the engine mutex for the
 * whole callback, so it is isolated from concurrent requests and atomic: a throw or rollback(x)
 * undoes every write it made. As on CloudBase only single-document operations exist inside
 * (doc().get/set/update/remove and add()); rollback(x) makes runTransaction reject with x.
 */
import type {
  AddResult,
  DocGetResult,
  RemoveResult,
  SetResult,
  Transaction,
  TransactionCollection,
  UpdateResult,
} from '../../cloudfunctions/core/db';
import { checkDocId, docOps } from './collection';
import type { Engine, OpKind, TransactionScope } from './engine';
import { DatabaseError, ERR, toApiError } from './errors';
import type { Doc } from './matcher';
import { checkCollectionName } from './store';

type State = 'active' | 'committed' | 'rolled-back' | 'aborted';

const QUERY_METHODS = [
  'where',
  'orderBy',
  'skip',
  'limit',
  'field',
  'get',
  'count',
  'update',
  'remove',
  'aggregate',
  'watch',
];

export class LocalTransaction implements Transaction, TransactionScope {
  state: State = 'active';
  /** What runTransaction rejects with after rollback(x) or a write that aborted the transaction. */
  reason: unknown;

  constructor(private readonly engine: Engine) {}

  get active(): boolean {
    return this.state === 'active';
  }

  collection<T = Doc>(name: string): TransactionCollection<T> {
    const coll = checkCollectionName(name);
    const collection = {
      doc: (id: string) => {
        const docId = checkDocId('collection.doc', id);
        return {
          get: () => this.op('document.get', 'read', (s) => docOps.get(s, coll, docId)) as Promise<DocGetResult<T>>,
          set: (o: { data: Record<string, unknown> }) =>
            this.op<SetResult>('document.set', 'write', (s) => docOps.set(s, coll, docId, o, true)),
          update: (o: { data: Record<string, unknown> }) =>
            this.op<UpdateResult>('document.update', 'write', (s) => docOps.update(s, coll, docId, o)),
          remove: () => this.op<RemoveResult>('document.remove', 'write', (s) => docOps.remove(s, coll, docId)),
        };
      },
      add: (o: { data: Record<string, unknown> }) =>
        this.op<AddResult>('collection.add', 'write', (s) => docOps.add(s, coll, o)),
    };
    // Queries are not available in a transaction; say so instead of "x is not a function".
    for (const m of QUERY_METHODS) {
      Object.defineProperty(collection, m, {
        enumerable: false,
        value: () => {
          throw new DatabaseError(
            `collection.${m}`,
            'transactions support only single-document operations: doc(id).get/set/update/remove and add()',
            ERR.INVALID_PARAM,
          );
        },
      });
    }
    return collection;
  }

  async rollback(reason?: unknown): Promise<void> {
    if (this.state !== 'active')
      throw new DatabaseError('transaction.rollback', `transaction is already ${this.state}`);
    this.engine.store.rollback();
    this.state = 'rolled-back';
    this.reason = reason;
  }

  async op<R>(api: string, kind: OpKind, fn: (store: Engine['store']) => R): Promise<R> {
    if (this.state === 'aborted' && this.reason instanceof Error) {
      throw new DatabaseError(api, `transaction was aborted (${this.reason.message})`, ERR.DATABASE_REQUEST_FAILED);
    }
    if (this.state !== 'active') {
      throw new DatabaseError(
        api,
        `transaction is ${this.state}; operations after commit or rollback are not allowed`,
        ERR.INVALID_PARAM,
      );
    }
    this.engine.count(kind);
    try {
      return fn(this.engine.store);
    } catch (e) {
      const err = toApiError(api, e);
      // A failed server-side write (duplicate key, type error) aborts a MongoDB transaction.
      if (kind === 'write' && err instanceof DatabaseError && err.errCode === ERR.DATABASE_REQUEST_FAILED) {
        this.engine.store.rollback();
        this.state = 'aborted';
        this.reason = err;
      }
      throw err;
    }
  }
}

export async function runTransaction<R>(engine: Engine, fn: (tx: Transaction) => Promise<R>): Promise<R> {
  const api = 'runTransaction';
  if (typeof fn !== 'function')
    throw new DatabaseError(api, 'runTransaction takes an async function', ERR.INVALID_PARAM);
  if (engine.scope.getStore()?.active)
    throw new DatabaseError(api, 'nested runTransaction() is not supported', ERR.INVALID_PARAM);
  const release = await engine.mutex.acquire();
  const tx = new LocalTransaction(engine);
  let timer: NodeJS.Timeout | undefined;
  try {
    if (!engine.store.open) throw new DatabaseError(api, 'the database is closed', ERR.SYS_ERR);
    engine.store.begin();
    const work = Promise.resolve().then(() => engine.scope.run(tx, () => fn(tx)));
    work.catch(() => undefined); // after a timeout nobody awaits it any more
    // A callback that never finishes would hold the lock forever and freeze every request.
    const ms = engine.options.transactionTimeoutMs;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseError(api, `transaction did not finish within ${ms} ms`)), ms);
      timer.unref();
    });
    const result = await Promise.race([work, timeout]);
    if (tx.state !== 'active') throw tx.reason;
    engine.store.commit();
    tx.state = 'committed';
    return result;
  } catch (e) {
    if (tx.state === 'active') {
      engine.store.rollback();
      tx.state = 'aborted';
      tx.reason = e;
    }
    // rollback(x) → reject with x; otherwise with whatever the callback threw, unchanged.
    if (tx.state === 'rolled-back') throw tx.reason;
    throw e;
  } finally {
    clearTimeout(timer);
    release();
  }
}
