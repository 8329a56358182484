/**
 * The subset of the CloudBase (wx-server-sdk) database API that the domain core uses.
 *
 * Both engines satisfy it structurally: `cloud.database()` in production and the local
 * SQLite-backed engine in `local-engine/database`. Keep this list short: every method
 * added here must be implemented (and contract-tested) by the local engine too.
 */

/** A stored document. `_id` is a string assigned by `add` when not given. */
export type DocData = Record<string, unknown> & { _id?: string };

export interface GetResult<T = DocData> {
  data: T[];
}
export interface DocGetResult<T = DocData> {
  data: T;
}
export interface CountResult {
  total: number;
}
export interface AddResult {
  _id: string;
}
/** `add({ data: [...] })`: many documents in one request (wx-server-sdk answers `_ids`, in order). */
export interface BatchAddResult {
  _ids: string[];
}
export interface UpdateResult {
  stats: { updated: number };
}
export interface SetResult {
  _id: string;
  stats: { updated: number; created: number };
}
export interface RemoveResult {
  stats: { removed: number };
}

/** A query or update operator built by `db.command` (opaque to callers). */
export type CommandValue = unknown;

export interface Query<T = DocData> {
  where(condition: Record<string, unknown>): Query<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>;
  skip(n: number): Query<T>;
  limit(n: number): Query<T>;
  field(projection: Record<string, boolean | 0 | 1>): Query<T>;
  get(): Promise<GetResult<T>>;
  count(): Promise<CountResult>;
  update(options: { data: Record<string, unknown> }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface DocRef<T = DocData> {
  get(): Promise<DocGetResult<T>>;
  set(options: { data: Record<string, unknown> }): Promise<SetResult>;
  update(options: { data: Record<string, unknown> }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
  field(projection: Record<string, boolean | 0 | 1>): DocRef<T>;
}

export interface Aggregate {
  match(condition: Record<string, unknown>): Aggregate;
  group(spec: Record<string, unknown>): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  project(spec: Record<string, unknown>): Aggregate;
  limit(n: number): Aggregate;
  skip(n: number): Aggregate;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Aggregate;
  /** One document per element of an array field (`'$field'`). */
  unwind(field: string): Aggregate;
  end(): Promise<{ list: Record<string, unknown>[] }>;
}

export interface Collection<T = DocData> extends Query<T> {
  doc(id: string): DocRef<T>;
  add(options: { data: Record<string, unknown> }): Promise<AddResult>;
  add(options: { data: Record<string, unknown>[] }): Promise<BatchAddResult>;
  aggregate(): Aggregate;
}

/** Inside `runTransaction`: single-record operations only, as on CloudBase. */
export interface TransactionCollection<T = DocData> {
  doc(id: string): {
    get(): Promise<DocGetResult<T>>;
    set(options: { data: Record<string, unknown> }): Promise<SetResult>;
    update(options: { data: Record<string, unknown> }): Promise<UpdateResult>;
    remove(): Promise<RemoveResult>;
  };
  add(options: { data: Record<string, unknown> }): Promise<AddResult>;
  add(options: { data: Record<string, unknown>[] }): Promise<BatchAddResult>;
}
export interface Transaction {
  collection<T = DocData>(name: string): TransactionCollection<T>;
  rollback(reason?: unknown): Promise<void>;
}

/** `db.command`: query operators (eq, neq, gt, gte, lt, lte, in, nin, exists, and, or, …) and update operators (set, inc, push, …). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Command = any;

export interface GeoPointCtor {
  new (longitude: number, latitude: number): unknown;
}

export interface Database {
  collection<T = DocData>(name: string): Collection<T>;
  command: Command;
  Geo: { Point: GeoPointCtor };
  serverDate(): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, retries?: number): Promise<R>;
}
