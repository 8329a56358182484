/**
 * The CloudBase-shaped builders: collection / where / orderBy / skip / limit / field / get /
 * count / update / remove, doc(id) references and aggregate(). Builders are immutable; each
 * terminal call becomes one engine operation. Result shapes follow wx-server-sdk 4.x
 * (`{ data, errMsg }`, `{ stats: { updated }, errMsg }`, ...).
 */
import { randomBytes } from 'node:crypto';
import type {
  AddResult,
  Aggregate,
  BatchAddResult,
  Collection,
  CountResult,
  DocGetResult,
  DocRef,
  GetResult,
  Query,
  RemoveResult,
  SetResult,
  UpdateResult,
} from '../../cloudfunctions/core/db';
import { runAggregate, encodeStage } from './aggregate';
import { isPlainObject, toOutput, toStoredValue } from './codec';
import type { LogicCommand, Mongo } from './command';
import { encodeSetData, encodeUpdate } from './update';
import { encodeProjection, encodeWhere } from './where';
import { DatabaseError, ERR, EngineError, invalidParam } from './errors';
import { yieldToOthers, type Engine } from './engine';
import { compileFilter, projectDocs, type Doc } from './matcher';
import type { Store } from './store';
import { fieldPaths, stageReport } from './report';

/**
 * Documents per step of a multi-document update()/remove(): each step is atomic and other
 * operations run between steps (MongoDB's updateMany is atomic per document only).
 */
export const WRITE_BATCH = 100;

// ---------- single-document operations (shared with transactions) ----------

export function dataOf(api: string, options: unknown): unknown {
  if (!isPlainObject(options)) throw new DatabaseError(api, 'options must be an object: { data }', ERR.INVALID_PARAM);
  return options.data;
}

export function checkDocId(api: string, id: unknown): string {
  if (typeof id !== 'string' || id === '') throw invalidParam(api, 'docId must be a non-empty string');
  return id;
}

export const docOps = {
  get(store: Store, coll: string, id: string, projection?: Mongo): DocGetResult<Doc> {
    const doc = store.getById(coll, id);
    // wx-server-sdk throws for a missing document (throwOnNotFound defaults to true).
    if (!doc) throw new DatabaseError('document.get', `document with _id ${id} does not exist`);
    const [projected] = projection ? projectDocs([doc], projection) : [doc];
    return { data: toOutput(projected), errMsg: 'document.get:ok' } as DocGetResult<Doc>;
  },
  set(store: Store, coll: string, id: string, options: unknown, inTransaction: boolean): SetResult {
    const body = encodeSetData(dataOf('document.set', options));
    const stats = store.replace(coll, { _id: id, ...body });
    // In a transaction wx-server-sdk 4.x reports created: 0 even for a new document (its set
    // result carries `upserted`, not `upsertedId`); mirrored so code cannot rely on it.
    if (inTransaction) stats.created = 0;
    return { _id: id, stats, errMsg: 'document.set:ok' } as SetResult;
  },
  update(store: Store, coll: string, id: string, options: unknown): UpdateResult {
    const mod = encodeUpdate(dataOf('document.update', options));
    return { stats: { updated: store.updateById(coll, id, mod) }, errMsg: 'document.update:ok' } as UpdateResult;
  },
  remove(store: Store, coll: string, id: string): RemoveResult {
    return { stats: { removed: store.removeById(coll, id) }, errMsg: 'document.remove:ok' } as RemoveResult;
  },
  add(store: Store, coll: string, options: unknown): AddResult | BatchAddResult {
    const data = dataOf('collection.add', options);
    const docs = newDocs(data);
    // An array is one request (@cloudbase/database sends it as one insertDocument): `_ids` back.
    if (Array.isArray(data)) {
      store.insertMany(coll, docs);
      return { _ids: docs.map((d) => d._id as string), errMsg: 'collection.add:ok' } as BatchAddResult;
    }
    store.insert(coll, docs[0]);
    return { _id: docs[0]._id as string, errMsg: 'collection.add:ok' } as AddResult;
  },
};

/** add()'s data (one document or an array of them) → stored documents with their `_id`s. */
export function newDocs(data: unknown): Doc[] {
  const list = Array.isArray(data) ? data : [data];
  if (Array.isArray(data) && data.length === 0) throw new EngineError('add() needs at least one document');
  return list.map((item) => {
    if (!isPlainObject(item)) throw new EngineError('参数必需是非空对象 (options.data must be an object)');
    const { _id, ...rest } = item;
    if (_id !== undefined && (typeof _id !== 'string' || _id === ''))
      throw new EngineError('_id must be a non-empty string');
    const id = (_id as string | undefined) ?? randomBytes(16).toString('hex');
    return { _id: id, ...(toStoredValue(rest, '') as Doc) };
  });
}

// ---------- queries ----------

interface QueryState {
  filter?: Mongo;
  order: [string, 1 | -1][];
  skip?: number;
  limit?: number;
  projection?: Mongo;
}

function checkCount(api: string, what: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw invalidParam(api, `${what} must be a non-negative integer`);
  return n;
}

export class LocalQuery<T = Doc> implements Query<T> {
  constructor(
    protected readonly engine: Engine,
    readonly name: string,
    protected readonly state: QueryState = { order: [] },
  ) {}

  protected next(patch: Partial<QueryState>): LocalQuery<T> {
    return new LocalQuery<T>(this.engine, this.name, { ...this.state, ...patch });
  }

  /** A condition object, or a top-level logic command such as `_.or([...])`. */
  where(condition: Record<string, unknown> | LogicCommand): LocalQuery<T> {
    try {
      return this.next({ filter: encodeWhere(condition) });
    } catch (e) {
      throw e instanceof EngineError ? invalidParam('collection.where', e.message) : e;
    }
  }

  orderBy(field: string, order: 'asc' | 'desc'): LocalQuery<T> {
    if (typeof field !== 'string' || field === '' || field.startsWith('.') || field.endsWith('.')) {
      throw invalidParam('collection.orderBy', `invalid field path ${JSON.stringify(field)}`);
    }
    if (order !== 'asc' && order !== 'desc') throw invalidParam('collection.orderBy', 'order must be "asc" or "desc"');
    const dir: 1 | -1 = order === 'desc' ? -1 : 1;
    // Same field twice keeps its first position with the new direction (the SDK merges an object).
    const list = this.state.order.some(([f]) => f === field)
      ? this.state.order.map(([f, d]): [string, 1 | -1] => [f, f === field ? dir : d])
      : [...this.state.order, [field, dir] as [string, 1 | -1]];
    return this.next({ order: list });
  }

  skip(n: number): LocalQuery<T> {
    return this.next({ skip: checkCount('collection.skip', 'skip', n) });
  }

  limit(n: number): LocalQuery<T> {
    return this.next({ limit: checkCount('collection.limit', 'limit', n) });
  }

  field(projection: Record<string, boolean | 0 | 1>): LocalQuery<T> {
    try {
      return this.next({ projection: encodeProjection(projection) });
    } catch (e) {
      throw e instanceof EngineError ? invalidParam('collection.field', e.message) : e;
    }
  }

  get(): Promise<GetResult<T>> {
    const api = 'collection.get';
    const { maxGetLimit } = this.engine.options;
    const requested = this.state.limit;
    return this.engine.run(api, 'read', () => {
      if (requested !== undefined && requested > maxGetLimit) {
        throw new DatabaseError(
          api,
          `limit(${requested}) exceeds the maximum of ${maxGetLimit} records per get() in a cloud function; page with skip()/limit()`,
          ERR.INVALID_PARAM,
        );
      }
      this.report('get');
      // limit(0) is "no limit given" in the SDK (`if (limit)`), i.e. the default page.
      const limit = requested || Math.min(100, maxGetLimit);
      const docs = this.engine.store.find(this.name, {
        filter: this.state.filter ?? {},
        order: this.state.order,
        skip: this.state.skip ?? 0,
        limit,
        projection: this.state.projection,
      });
      return { data: docs.map(toOutput), errMsg: `${api}:ok` } as unknown as GetResult<T>;
    });
  }

  count(): Promise<CountResult> {
    return this.engine.run('collection.count', 'read', () => {
      this.report('count');
      return { total: this.engine.store.count(this.name, this.state.filter ?? {}), errMsg: 'collection.count:ok' };
    });
  }

  /**
   * Multi-document update: like MongoDB's updateMany it is atomic per document only. The matching
   * documents are updated in steps of WRITE_BATCH; other operations run between steps, each
   * document is re-checked against the condition when its turn comes, and a failure stops the
   * update there with the documents before it already updated.
   */
  update(options: { data: Record<string, unknown> }): Promise<UpdateResult> {
    const api = 'collection.update';
    const { store } = this.engine;
    return this.writeInSteps(api, () => {
      const filter = this.requireWhere(api);
      const mod = encodeUpdate(dataOf(api, options));
      this.report('update');
      const ids = store.matchingIds(this.name, filter, 'update');
      const match = compileFilter(filter);
      return { ids, batch: (part) => store.updateBatch(this.name, part, filter, mod, match) };
    }).then((updated) => ({ stats: { updated }, errMsg: `${api}:ok` }));
  }

  /** Multi-document remove, in steps like update(). */
  remove(): Promise<RemoveResult> {
    const api = 'collection.remove';
    const { store } = this.engine;
    return this.writeInSteps(api, () => {
      const filter = this.requireWhere(api);
      this.report('remove');
      const ids = store.matchingIds(this.name, filter, 'remove');
      const match = compileFilter(filter);
      return { ids, batch: (part) => store.removeBatch(this.name, part, filter, match) };
    }).then((removed) => ({ stats: { removed }, errMsg: `${api}:ok` }));
  }

  /**
   * update()/remove() in steps: `start` (in the operation's turn) picks the ids and runs the first
   * WRITE_BATCH of them; each further batch runs in a turn of its own. Returns the summed counts.
   */
  private writeInSteps(
    api: string,
    start: () => { ids: string[]; batch: (part: string[]) => number },
  ): Promise<number> {
    return this.engine
      .run(api, 'write', () => {
        const { ids, batch } = start();
        return { ids, batch, first: batch(ids.slice(0, WRITE_BATCH)) };
      })
      .then(async ({ ids, batch, first }) => {
        let total = first;
        for (let i = WRITE_BATCH; i < ids.length; i += WRITE_BATCH) {
          await yieldToOthers();
          const part = ids.slice(i, i + WRITE_BATCH);
          total += await this.engine.step(api, () => batch(part));
        }
        return total;
      });
  }

  private report(op: 'get' | 'count' | 'update' | 'remove'): void {
    if (!this.engine.options.onQuery) return;
    this.engine.report({
      collection: this.name,
      op,
      where: fieldPaths(this.state.filter ?? {}),
      orderBy: this.state.order.map(([f]) => f),
    });
  }

  /** Bulk update/remove need an explicit where(); `where({})` still means "all documents". */
  private requireWhere(api: string): Mongo {
    if (!this.state.filter)
      throw new DatabaseError(api, 'call where() before a multi-document update()/remove()', ERR.INVALID_PARAM);
    return this.state.filter;
  }
}

export class LocalCollection<T = Doc> extends LocalQuery<T> implements Collection<T> {
  doc(id: string): DocRef<T> {
    return new LocalDocRef<T>(this.engine, this.name, checkDocId('collection.doc', id));
  }

  add(options: { data: Record<string, unknown> }): Promise<AddResult>;
  add(options: { data: Record<string, unknown>[] }): Promise<BatchAddResult>;
  add(options: { data: Record<string, unknown> | Record<string, unknown>[] }): Promise<AddResult | BatchAddResult> {
    return this.engine.run('collection.add', 'write', () => docOps.add(this.engine.store, this.name, options));
  }

  aggregate(): Aggregate {
    return new LocalAggregate(this.engine, this.name, []);
  }
}

export class LocalDocRef<T = Doc> implements DocRef<T> {
  constructor(
    private readonly engine: Engine,
    private readonly coll: string,
    private readonly id: string,
    private readonly projection?: Mongo,
  ) {}

  get(): Promise<DocGetResult<T>> {
    return this.engine.run('document.get', 'read', () =>
      docOps.get(this.engine.store, this.coll, this.id, this.projection),
    ) as Promise<DocGetResult<T>>;
  }

  set(options: { data: Record<string, unknown> }): Promise<SetResult> {
    return this.engine.run('document.set', 'write', () =>
      docOps.set(this.engine.store, this.coll, this.id, options, false),
    );
  }

  update(options: { data: Record<string, unknown> }): Promise<UpdateResult> {
    return this.engine.run('document.update', 'write', () =>
      docOps.update(this.engine.store, this.coll, this.id, options),
    );
  }

  remove(): Promise<RemoveResult> {
    return this.engine.run('document.remove', 'write', () => docOps.remove(this.engine.store, this.coll, this.id));
  }

  field(projection: Record<string, boolean | 0 | 1>): DocRef<T> {
    let encoded: Mongo;
    try {
      encoded = encodeProjection(projection);
    } catch (e) {
      throw e instanceof EngineError ? invalidParam('document.field', e.message) : e;
    }
    return new LocalDocRef<T>(this.engine, this.coll, this.id, encoded);
  }
}

// ---------- aggregate ----------

export class LocalAggregate implements Aggregate {
  constructor(
    private readonly engine: Engine,
    private readonly coll: string,
    private readonly stages: Mongo[],
  ) {}

  private push(name: string, arg: unknown): LocalAggregate {
    try {
      return new LocalAggregate(this.engine, this.coll, [...this.stages, encodeStage(name, arg)]);
    } catch (e) {
      throw e instanceof EngineError ? invalidParam(`aggregate.${name}`, e.message) : e;
    }
  }

  match(condition: Record<string, unknown>) {
    return this.push('match', condition);
  }
  group(spec: Record<string, unknown>) {
    return this.push('group', spec);
  }
  sort(spec: Record<string, 1 | -1>) {
    return this.push('sort', spec);
  }
  project(spec: Record<string, unknown>) {
    return this.push('project', spec);
  }
  limit(n: number) {
    return this.push('limit', n);
  }
  skip(n: number) {
    return this.push('skip', n);
  }
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }) {
    return this.push('lookup', spec);
  }
  unwind(spec: unknown) {
    return this.push('unwind', spec);
  }
  addFields(spec: Record<string, unknown>) {
    return this.push('addFields', spec);
  }
  count(field: string) {
    return this.push('count', field);
  }
  sortByCount(expr: unknown) {
    return this.push('sortByCount', expr);
  }
  replaceRoot(spec: unknown) {
    return this.push('replaceRoot', spec);
  }

  end(): Promise<{ list: Record<string, unknown>[] }> {
    // Known to the store while it waits its turn: pipelines called together share their reads (Store.waiting).
    const waiting = { coll: this.coll, stages: this.stages };
    const { store } = this.engine;
    store.waiting.add(waiting);
    return this.engine
      .run('collection.aggregate', 'read', () => {
        store.waiting.delete(waiting);
        if (this.engine.options.onQuery)
          this.engine.report({ collection: this.coll, op: 'aggregate', ...stageReport(this.stages) });
        return {
          list: runAggregate(this.engine.store, this.coll, this.stages, this.engine.options.aggregateDefaultLimit),
          errMsg: 'collection.aggregate:ok',
        };
      })
      .finally(() => store.waiting.delete(waiting));
  }
}
