/**
 * runTransaction(): optimistic, as on CloudBase (MongoDB snapshot isolation), so concurrent
 * requests conflict here the way they do in production:
 *
 * - reads see the store as it was when the transaction started, plus its own writes;
 * - writes are buffered (invisible to everyone else until commit); writing a document that another
 *   open transaction already wrote, or that anyone changed since this transaction started, fails
 *   at once with CloudBase's conflict error and aborts the transaction;
 * - commit re-checks its documents (a plain write may have changed one meanwhile → conflict) and
 *   applies every write in one SQLite transaction (WAL, synchronous=FULL);
 * - `conflictRate` makes that share of writing transactions fail at commit with the same error.
 *
 * As on CloudBase only single-document operations exist inside (doc().get/set/update/remove and
 * add(), which takes an array too); rollback(x) makes runTransaction reject with x.
 */
import type {
  AddResult,
  BatchAddResult,
  DocGetResult,
  RemoveResult,
  SetResult,
  Transaction,
  TransactionCollection,
  UpdateResult,
} from '../../cloudfunctions/core/db';
import { deserialize, toOutput } from './codec';
import { checkDocId, dataOf, newDocs } from './collection';
import type { Engine, OpKind, TransactionScope } from './engine';
import { DatabaseError, ERR, EngineError, conflictError, toApiError, CONFLICT_MESSAGE } from './errors';
import { applyUpdate, type Doc } from './matcher';
import { checkCollectionName, duplicateKey } from './store';
import { encodeSetData, encodeUpdate } from './update';
import { docKey } from './versions';

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

/** A lost write: the transaction is aborted, as MongoDB does with a WriteConflict. */
class ConflictError extends EngineError {
  constructor() {
    super(CONFLICT_MESSAGE, ERR.SYS_ERR);
  }
}

interface BufferedWrite {
  coll: string;
  id: string;
  /** Checked stored text; null removes the document. */
  text: string | null;
}

export class LocalTransaction implements Transaction, TransactionScope {
  state: State = 'active';
  /** What runTransaction rejects with after rollback(x) or a write that aborted the transaction. */
  reason: unknown;
  readonly snapshot: number;
  private readonly writes = new Map<string, BufferedWrite>();

  constructor(private readonly engine: Engine) {
    this.snapshot = engine.store.versions.begin(this);
  }

  get active(): boolean {
    return this.state === 'active';
  }

  get wrote(): boolean {
    return this.writes.size > 0;
  }

  collection<T = Doc>(name: string): TransactionCollection<T> {
    const coll = checkCollectionName(name);
    const collection = {
      doc: (id: string) => {
        const docId = checkDocId('collection.doc', id);
        return {
          get: () => this.op('document.get', 'read', () => this.get(coll, docId)) as Promise<DocGetResult<T>>,
          set: (o: { data: Record<string, unknown> }) =>
            this.op<SetResult>('document.set', 'write', () => this.set(coll, docId, o)),
          update: (o: { data: Record<string, unknown> }) =>
            this.op<UpdateResult>('document.update', 'write', () => this.update(coll, docId, o)),
          remove: () => this.op<RemoveResult>('document.remove', 'write', () => this.remove(coll, docId)),
        };
      },
      add: ((o: { data: Record<string, unknown> | Record<string, unknown>[] }) =>
        this.op('collection.add', 'write', () => this.add(coll, o))) as TransactionCollection<T>['add'],
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
    this.finish('rolled-back', reason);
  }

  /** Ends the transaction without committing: its writes are dropped and its documents freed. */
  finish(state: 'rolled-back' | 'aborted', reason: unknown): void {
    this.writes.clear();
    this.engine.store.versions.end(this);
    this.state = state;
    this.reason = reason;
  }

  async op<R>(api: string, kind: OpKind, fn: () => R): Promise<R> {
    return this.engine.step(api, () => {
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
        return fn();
      } catch (e) {
        const err = toApiError(api, e);
        // A lost write or a failed server-side write (duplicate key, type error) aborts a MongoDB transaction.
        if (
          kind === 'write' &&
          (e instanceof ConflictError || (err instanceof DatabaseError && err.errCode === ERR.DATABASE_REQUEST_FAILED))
        ) {
          this.finish('aborted', err);
        }
        throw err;
      }
    });
  }

  // ---------- the operations (run inside op(), synchronously) ----------

  /** The document's text as this transaction sees it. */
  private view(coll: string, id: string): string | undefined {
    const w = this.writes.get(docKey(coll, id));
    if (w) return w.text ?? undefined;
    return this.engine.store.getTextAt(coll, id, this.snapshot);
  }

  /**
   * MongoDB's write-conflict rule: the first writer of a document holds it until it ends, and a
   * document committed by anyone after this transaction started cannot be written by it.
   */
  private claim(coll: string, id: string): void {
    const { versions } = this.engine.store;
    const key = docKey(coll, id);
    const owner = versions.lockOwner(key);
    if ((owner && owner !== this) || versions.changedSince(key, this.snapshot)) throw new ConflictError();
    versions.lock(key, this);
  }

  private put(coll: string, id: string, text: string | null): void {
    this.claim(coll, id);
    this.writes.set(docKey(coll, id), { coll, id, text });
  }

  private get(coll: string, id: string): DocGetResult<Doc> {
    const text = this.view(coll, id);
    // wx-server-sdk throws for a missing document (throwOnNotFound defaults to true).
    if (text === undefined) throw new DatabaseError('document.get', `document with _id ${id} does not exist`);
    return { data: toOutput(deserialize(text)), errMsg: 'document.get:ok' } as DocGetResult<Doc>;
  }

  private set(coll: string, id: string, options: unknown): SetResult {
    const body = encodeSetData(dataOf('document.set', options));
    const text = this.engine.store.prepareDoc(coll, { _id: id, ...body });
    const old = this.view(coll, id);
    this.put(coll, id, text);
    // In a transaction wx-server-sdk 4.x reports created: 0 even for a new document (its set
    // result carries `upserted`, not `upsertedId`); mirrored so code cannot rely on it.
    const updated = old !== undefined && old !== text ? 1 : 0;
    return { _id: id, stats: { updated, created: 0 }, errMsg: 'document.set:ok' } as SetResult;
  }

  private update(coll: string, id: string, options: unknown): UpdateResult {
    const mod = encodeUpdate(dataOf('document.update', options));
    const old = this.view(coll, id);
    if (old === undefined) return { stats: { updated: 0 }, errMsg: 'document.update:ok' } as UpdateResult;
    const doc = deserialize(old);
    applyUpdate(doc, mod);
    if (doc._id !== id) throw new EngineError('不能更新_id的值 (_id cannot be updated)');
    const text = this.engine.store.prepareDoc(coll, doc);
    // Even an update that changes nothing takes the document, as MongoDB does.
    if (text !== old) this.put(coll, id, text);
    else this.claim(coll, id);
    return { stats: { updated: text !== old ? 1 : 0 }, errMsg: 'document.update:ok' } as UpdateResult;
  }

  private remove(coll: string, id: string): RemoveResult {
    if (this.view(coll, id) === undefined)
      return { stats: { removed: 0 }, errMsg: 'document.remove:ok' } as RemoveResult;
    this.put(coll, id, null);
    return { stats: { removed: 1 }, errMsg: 'document.remove:ok' } as RemoveResult;
  }

  private add(coll: string, options: unknown): AddResult | BatchAddResult {
    const data = dataOf('collection.add', options);
    const docs = newDocs(data);
    for (const doc of docs) {
      const id = doc._id as string;
      if (this.view(coll, id) !== undefined) {
        throw duplicateKey(coll, id);
      }
      this.put(coll, id, this.engine.store.prepareDoc(coll, doc));
    }
    if (Array.isArray(data)) {
      return { _ids: docs.map((d) => d._id as string), errMsg: 'collection.add:ok' } as BatchAddResult;
    }
    return { _id: docs[0]._id as string, errMsg: 'collection.add:ok' } as AddResult;
  }

  // ---------- commit ----------

  /** Validates and applies the buffered writes (inside the engine queue). */
  commit(): void {
    const { store, options } = this.engine;
    const writes = [...this.writes.values()];
    const lost = writes.some((w) => store.versions.changedSince(docKey(w.coll, w.id), this.snapshot));
    const injected = writes.length > 0 && options.conflictRate > 0 && options.random() < options.conflictRate;
    if (lost || injected) {
      const err = conflictError('transaction.commit');
      this.finish('aborted', err);
      throw err;
    }
    try {
      store.applyWrites(writes);
    } catch (e) {
      const err = toApiError('transaction.commit', e);
      this.finish('aborted', err);
      throw err;
    }
    this.writes.clear();
    store.versions.end(this);
    this.state = 'committed';
  }
}

export async function runTransaction<R>(engine: Engine, fn: (tx: Transaction) => Promise<R>): Promise<R> {
  const api = 'runTransaction';
  if (typeof fn !== 'function')
    throw new DatabaseError(api, 'runTransaction takes an async function', ERR.INVALID_PARAM);
  if (engine.scope.getStore()?.active)
    throw new DatabaseError(api, 'nested runTransaction() is not supported', ERR.INVALID_PARAM);
  if (!engine.store.open) throw new DatabaseError(api, 'the database is closed', ERR.SYS_ERR);
  const tx = new LocalTransaction(engine);
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = Promise.resolve().then(() => engine.scope.run(tx, () => fn(tx)));
    work.catch(() => undefined); // after a timeout nobody awaits it any more
    // A callback that never finishes would keep its documents locked (MongoDB aborts after 60 s).
    const ms = engine.options.transactionTimeoutMs;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseError(api, `transaction did not finish within ${ms} ms`)), ms);
      timer.unref();
    });
    const result = await Promise.race([work, timeout]);
    if (tx.state !== 'active') throw tx.reason;
    await engine.step('transaction.commit', () => {
      if (tx.state !== 'active') throw tx.reason; // timed out while waiting for the queue
      tx.commit();
    });
    return result;
  } catch (e) {
    if (tx.state === 'active') tx.finish('aborted', e);
    // rollback(x) → reject with x; otherwise with whatever the callback threw, unchanged.
    if (tx.state === 'rolled-back') throw tx.reason;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
