/**
 * The local database engine: the CloudBase (wx-server-sdk) database API over an embedded SQLite
 * file. The public surface is `createDatabase()`; README.md has the design and the differences.
 */
import { randomBytes } from 'node:crypto';
import type { Database, Transaction } from '../../cloudfunctions/core/db';
import { DbRegExp, ServerDate, isPlainObject, toStoredValue } from './codec';
import { LocalCollection } from './collection';
import { createCommand, type Command } from './command';
import { Engine, type QueryReport } from './engine';
import { DatabaseError, ERR, EngineError, toApiError } from './errors';
import { Geo } from './geo';
import type { Doc } from './matcher';
import { Store, checkCollectionName, type Plan } from './store';
import { runTransaction } from './transaction';

export { DatabaseError } from './errors';
export type { QueryReport } from './engine';
export { GeoLineString, GeoMultiPolygon, GeoPoint, GeoPolygon } from './geo';
export type { Plan } from './store';

export interface CreateDatabaseOptions {
  /** SQLite file path (parent folder created if missing); ':memory:' for tests. */
  file: string;
  /** Per collection, lists of dotted field paths declared scalar and indexed. */
  indexes?: Record<string, string[][]>;
  /** Maximum records per get() (CloudBase function-side cap). Default 100. */
  maxGetLimit?: number;
  /** Records returned by aggregate().end() without a limit() stage (CloudBase: 20). */
  aggregateDefaultLimit?: number;
  /** A transaction callback still running after this long is rolled back. Default 20 000 ms. */
  transactionTimeoutMs?: number;
  /** Per collection, fields with a 2dsphere index; geoNear/geoWithin on any other field is refused. */
  geoIndexes?: Record<string, string[]>;
  /**
   * The collections that exist (as created in the CloudBase console or by the set-up script). When
   * given, using any other collection fails as on CloudBase (DATABASE_COLLECTION_NOT_EXIST) until
   * `createCollection()`; when omitted, collections are created on first use.
   */
  collections?: readonly string[];
  /** Share (0…1) of writing transactions made to fail at commit with a conflict, for tests of retries. Default 0. */
  conflictRate?: number;
  /** Random source for conflictRate. Default Math.random. */
  random?: () => number;
  /** Called for every get/count/update/remove/aggregate with the field paths it filters and sorts on. */
  onQuery?: (q: QueryReport) => void;
}

function checkRate(rate: unknown): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    throw new EngineError('conflictRate must be between 0 and 1');
  return rate;
}

export class LocalDatabase implements Database {
  readonly command: Command = createCommand();
  readonly Geo = Geo;
  private readonly engine: Engine;

  constructor(options: CreateDatabaseOptions) {
    const maxGetLimit = options.maxGetLimit ?? 100;
    const aggregateDefaultLimit = options.aggregateDefaultLimit ?? 20;
    const transactionTimeoutMs = options.transactionTimeoutMs ?? 20_000;
    if (!Number.isInteger(maxGetLimit) || maxGetLimit < 1)
      throw new EngineError('maxGetLimit must be a positive integer');
    if (!Number.isInteger(aggregateDefaultLimit) || aggregateDefaultLimit < 1)
      throw new EngineError('aggregateDefaultLimit must be a positive integer');
    if (!(transactionTimeoutMs > 0)) throw new EngineError('transactionTimeoutMs must be positive');
    const store = new Store(options.file, {
      indexes: options.indexes,
      geoIndexes: options.geoIndexes,
      collections: options.collections,
    });
    this.engine = new Engine(store, {
      maxGetLimit,
      aggregateDefaultLimit,
      transactionTimeoutMs,
      conflictRate: checkRate(options.conflictRate ?? 0),
      random: options.random ?? Math.random,
      onQuery: options.onQuery,
    });
  }

  /** From now on, this share (0…1) of writing transactions fails at commit with a conflict. */
  setConflictRate(rate: number): void {
    this.engine.options.conflictRate = checkRate(rate);
  }

  /** `db.createCollection(name)` (wx-server-sdk): `{ errMsg }`, or a failure when it already exists. */
  async createCollection(name: string): Promise<{ errMsg: string }> {
    return this.engine.run('database.createCollection', 'write', () => {
      if (!this.engine.store.createCollection(name)) {
        throw new DatabaseError(
          'database.createCollection',
          `[ResourceInUse] Table exist: ${name}. Please check your request, but if the problem persists, contact us.`,
          ERR.DATABASE_REQUEST_FAILED,
        );
      }
      return { errMsg: 'database.createCollection:ok' };
    });
  }

  collection<T = Doc>(name: string): LocalCollection<T> {
    try {
      return new LocalCollection<T>(this.engine, checkCollectionName(name));
    } catch (e) {
      throw toApiError('database.collection', e);
    }
  }

  serverDate(options?: { offset?: number }): ServerDate {
    return new ServerDate(options);
  }

  RegExp(options: { regexp: string; options?: string }): DbRegExp {
    return new DbRegExp(options);
  }

  /**
   * Optimistic, like CloudBase: a transaction that loses a write conflict rejects with CloudBase's
   * conflict error. `retries` is accepted for API compatibility and ignored: wx-server-sdk's own
   * retry never recognises its rewrapped conflict error, so here there is none either.
   */
  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, _retries?: number): Promise<R> {
    return runTransaction(this.engine, fn);
  }

  close(): void {
    this.engine.store.close();
  }

  isOpen(): boolean {
    return this.engine.store.open;
  }

  /** Operations since open (or resetStats): get/count/doc.get/aggregate are reads; add/update/set/remove writes. */
  stats(): { reads: number; writes: number } {
    return { ...this.engine.counters };
  }

  resetStats(): void {
    this.engine.counters.reads = 0;
    this.engine.counters.writes = 0;
  }

  /** The strategy of the last find/count (for tests and diagnosing slow queries). */
  get lastPlan(): Plan | undefined {
    return this.engine.store.lastPlan;
  }

  /**
   * Seeding/benchmark helper: inserts many documents in one SQLite transaction, synchronously
   * (not counted in stats). Documents without `_id` get a generated one. Returns the number
   * inserted. Refuses to run while a transaction or another operation holds the engine.
   */
  bulkInsert(collection: string, docs: Record<string, unknown>[]): number {
    const api = 'database.bulkInsert';
    try {
      this.engine.assertOutsideTransaction(api);
      if (this.engine.mutex.locked)
        throw new EngineError('bulkInsert cannot run while a transaction or operation is in progress');
      if (!this.isOpen()) throw new DatabaseError(api, 'the database is closed', ERR.SYS_ERR);
      checkCollectionName(collection);
      const stored = docs.map((d) => {
        if (!isPlainObject(d)) throw new EngineError('bulkInsert takes plain objects');
        const { _id, ...rest } = d;
        if (_id !== undefined && (typeof _id !== 'string' || _id === '')) {
          throw new EngineError('_id must be a non-empty string');
        }
        return {
          _id: (_id as string | undefined) ?? randomBytes(16).toString('hex'),
          ...(toStoredValue(rest, '') as Doc),
        };
      });
      return this.engine.store.bulkInsert(collection, stored);
    } catch (e) {
      throw toApiError(api, e);
    }
  }

  /** `PRAGMA integrity_check` result ('ok' when the file is sound). */
  integrityCheck(): string {
    if (!this.isOpen()) throw new DatabaseError('database.integrityCheck', 'the database is closed', ERR.SYS_ERR);
    return this.engine.store.sqlite.pragma('integrity_check', { simple: true }) as string;
  }
}

export function createDatabase(options: CreateDatabaseOptions): LocalDatabase {
  return new LocalDatabase(options);
}
