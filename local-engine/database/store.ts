/**
 * The SQLite side: one table per collection (`_id TEXT PRIMARY KEY, data TEXT` holding the
 * document as tagged JSON), expression indexes on declared fields, and the synchronous document
 * operations the public API is built from. Everything here runs to completion without awaiting,
 * so each call is atomic with respect to the event loop; the async layer above serialises calls
 * against open transactions.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { deserialize, isPlainObject, serialize } from './codec';
import type { Mongo } from './command';
import type { Modifier } from './update';
import { ERR, EngineError, collectionNotExistMessage } from './errors';
import { geoFromJSON, nearestDistance, parseNear, withinDistance, type NearSpec } from './geo';
import {
  applyUpdate,
  applyUpdateMany,
  checkUpdateTypes,
  compileFilter,
  projectDocs,
  sortDocs,
  type Doc,
} from './matcher';
import { fieldExpr, isIndexablePath, splitIn, translate } from './sql-prefilter';
import { Versions, docKey } from './versions';

/** MongoDB's BSON document limit; the stored JSON text stands in for the BSON size. */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

export interface StoreOptions {
  /** Per collection, lists of dotted field paths declared scalar and indexed. */
  indexes?: Record<string, string[][]>;
  /** Per collection, fields with a 2dsphere index: the only ones geoNear/geoWithin may query. */
  geoIndexes?: Record<string, string[]>;
  /** When given, only these collections (and ones already in the file or created) exist. */
  collections?: readonly string[];
}

const COLLECTION_RE = /^[A-Za-z0-9_-]{1,64}$/;

export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_RE.test(name)) {
    throw new EngineError(`invalid collection name ${JSON.stringify(name)} (expected [A-Za-z0-9_-]{1,64})`);
  }
  return name;
}

export interface FindSpec {
  filter: Mongo;
  order: [string, 1 | -1][];
  skip: number;
  limit: number;
  projection?: Mongo;
}

interface CollectionInfo {
  table: string;
  /** Fields that are indexed and guaranteed scalar (plus `_id`). */
  declared: Set<string>;
  declaredPaths: string[];
  /** Fields with a 2dsphere index: GeoJSON (or a legacy [lng, lat] pair) or absent. */
  geoPaths: string[];
}

/** Which strategy the last find/count used: for tests and for spotting slow queries. */
export type Plan = 'sql' | 'sql-in-merge' | 'sql-order+filter' | 'filter+sort' | 'geo' | 'sql-count' | 'filter-count';

/** A text equal for equal filters of plain JSON values (strings, numbers, booleans, null, arrays, objects), else undefined. */
function plainKey(filter: unknown): string | undefined {
  const plain = (v: unknown): boolean =>
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every(plain)) ||
    (isPlainObject(v) && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain));
  return plain(filter) ? JSON.stringify(filter) : undefined;
}

export class Store {
  private readonly db: BetterSqlite3.Database;
  private readonly indexes: Record<string, string[][]>;
  private readonly geoIndexes: Record<string, string[]>;
  /** Collections that exist, when the engine emulates CloudBase's "collection not exists". */
  private readonly known: Set<string> | undefined;
  private readonly collections = new Map<string, CollectionInfo>();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  readonly versions = new Versions();
  lastPlan: Plan | undefined;
  /**
   * scanFields' cache: per collection, per list of top-level fields, _id → a document holding only
   * those fields. Every committed write of a document drops it (noteWrite), a rollback drops all
   * (forgetSchema), and so does a commit by another connection to the file (PRAGMA data_version).
   */
  private readonly fieldCache = new Map<string, Map<string, { fields: Set<string>; docs: Map<string, Doc> }>>();
  /**
   * scanFields' recent answers: per collection, per (cached field list, filter), the documents. Dropped
   * with any write to the collection, a rollback or another connection's commit, so a dashboard's
   * pipelines that start with the same $match read the ids from SQLite once.
   */
  private readonly scanMemo = new Map<string, Map<string, Doc[]>>();
  /**
   * Aggregates called and waiting for their turn (collection.ts adds them at end()): their fields widen
   * the list a scanFields caches, so pipelines called together parse each document once, not once each.
   */
  readonly waiting = new Set<{ coll: string; stages: Mongo[] }>();
  private dataVersion: unknown;
  private readonly idsQueries = new Map<string, string>();

  constructor(file: string, options: StoreOptions = {}) {
    const indexes = options.indexes ?? {};
    const geoIndexes = options.geoIndexes ?? {};
    for (const [coll, fields] of Object.entries(geoIndexes)) {
      checkCollectionName(coll);
      if (!Array.isArray(fields)) throw new EngineError(`geoIndexes.${coll}: a list of field paths`);
      for (const f of fields) {
        if (!isIndexablePath(f)) throw new EngineError(`geoIndexes.${coll}: "${f}" is not a plain dotted field path`);
        if ((indexes[coll] ?? []).some((ix) => ix.includes(f)))
          throw new EngineError(`${coll}.${f} cannot be both a scalar index field and a 2dsphere field`);
      }
    }
    this.geoIndexes = geoIndexes;
    for (const [coll, list] of Object.entries(indexes)) {
      checkCollectionName(coll);
      for (const fields of list) {
        if (!Array.isArray(fields) || fields.length === 0)
          throw new EngineError(`indexes.${coll}: each index is a non-empty list of fields`);
        for (const f of fields) {
          if (f !== '_id' && !isIndexablePath(f))
            throw new EngineError(`indexes.${coll}: "${f}" is not a plain dotted field path`);
        }
      }
    }
    this.indexes = indexes;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new BetterSqlite3(file);
    // WAL + synchronous=FULL: a commit is on disk (fsynced WAL) before the call returns.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    if (options.collections) {
      this.known = new Set(options.collections.map(checkCollectionName));
      const tables = this.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'col\\_%' ESCAPE '\\'`)
        .pluck(true)
        .all() as string[];
      for (const t of tables) this.known.add(t.slice(4));
    }
  }

  /** Whether the collection exists (always true unless the engine was given its list of collections). */
  hasCollection(name: string): boolean {
    return !this.known || this.known.has(name);
  }

  /** `db.createCollection(name)`: true when it was created, false when it existed. */
  createCollection(name: string): boolean {
    checkCollectionName(name);
    const existed = this.known
      ? this.known.has(name)
      : !!this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(`col_${name}`);
    this.known?.add(name);
    this.info(name);
    return !existed;
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    try {
      this.db.pragma('optimize');
    } catch {
      // best effort
    }
    this.db.close();
  }

  /** Raw handle for maintenance and tests (integrity checks). */
  get sqlite(): BetterSqlite3.Database {
    return this.db;
  }

  // ---------- schema ----------

  private info(name: string): CollectionInfo {
    const cached = this.collections.get(name);
    if (cached) return cached;
    checkCollectionName(name);
    if (!this.hasCollection(name)) {
      // What CloudBase answers for a collection that was never created (DATABASE_COLLECTION_NOT_EXIST).
      throw new EngineError(collectionNotExistMessage(name), ERR.DATABASE_COLLECTION_NOT_EXIST);
    }
    const table = `"col_${name}"`;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY, data TEXT NOT NULL)`);
    const declaredPaths = new Set<string>();
    for (const fields of this.indexes[name] ?? []) {
      const ixName = `"ix_${name}__${fields.join('__').replace(/\./g, '_')}"`;
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${ixName} ON ${table} (${fields.map(fieldExpr).join(', ')})`);
      for (const f of fields) if (f !== '_id') declaredPaths.add(f);
    }
    const info = {
      table,
      declared: new Set(['_id', ...declaredPaths]),
      declaredPaths: [...declaredPaths],
      geoPaths: this.geoIndexes[name] ?? [],
    };
    this.collections.set(name, info);
    return info;
  }

  /** Forget created tables: after a rollback their CREATE may have been undone. */
  forgetSchema(): void {
    this.collections.clear();
    this.statements.clear();
    this.fieldCache.clear();
    this.scanMemo.clear();
  }

  private stmt(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      // Query shapes are few in practice; the cap only guards against unbounded variety (IN lists).
      if (this.statements.size >= 1000) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // ---------- validation ----------

  /** Declared (indexed) fields must hold scalars: that is what makes the SQL prefilter exact. */
  private checkDeclared(coll: string, info: CollectionInfo, doc: Doc): void {
    for (const p of info.declaredPaths) {
      let cur: unknown = doc;
      for (const seg of p.split('.')) {
        if (Array.isArray(cur)) {
          throw new EngineError(
            `collection "${coll}": field "${p}" is declared indexed (scalar) but the document has an array on its path`,
          );
        }
        if (typeof cur !== 'object' || cur === null || cur instanceof Date) {
          cur = undefined;
          break;
        }
        cur = (cur as Doc)[seg];
      }
      if (cur !== null && typeof cur === 'object' && !(cur instanceof Date)) {
        throw new EngineError(
          `collection "${coll}": field "${p}" is declared indexed (scalar) but got ${Array.isArray(cur) ? 'an array' : 'an object'}`,
        );
      }
    }
  }

  /** MongoDB's 2dsphere index refuses a document whose indexed field is not GeoJSON. */
  private checkGeoFields(coll: string, info: CollectionInfo, doc: Doc): void {
    for (const p of info.geoPaths) {
      let cur: unknown = doc;
      for (const seg of p.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Doc)[seg] : undefined;
      if (cur === undefined || cur === null) continue;
      const pair = (v: unknown) => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number');
      const geo = (v: unknown) => pair(v) || geoFromJSON(v) !== undefined;
      // A GeoJSON value, a legacy [lng, lat] pair, or an array of them (a multikey 2dsphere entry).
      if (!geo(cur) && !(Array.isArray(cur) && cur.length > 0 && cur.every(geo))) {
        throw new EngineError(
          `Can't extract geo keys: collection "${coll}" has a 2dsphere index on "${p}" and the value is not GeoJSON ` +
            `(store a db.Geo.Point)`,
          ERR.DATABASE_REQUEST_FAILED,
        );
      }
    }
  }

  /** Every check a stored document passes, then its stored text. */
  prepareDoc(coll: string, doc: Doc): string {
    const info = this.info(coll);
    this.checkDeclared(coll, info, doc);
    this.checkGeoFields(coll, info, doc);
    const text = serialize(doc);
    // Cheap bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > MAX_DOC_BYTES) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > MAX_DOC_BYTES) {
        throw new EngineError(
          `document too large: ${bytes} bytes, max size: ${MAX_DOC_BYTES} (MongoDB's 16 MB document limit)`,
          ERR.DATABASE_REQUEST_FAILED,
        );
      }
    }
    return text;
  }

  /**
   * geoNear / geoWithin need a 2dsphere index on the field (CloudBase: 地理位置索引), as the
   * deploy step declares them; without one CloudBase's MongoDB cannot plan the query.
   */
  checkGeoQuery(coll: string, filter: Mongo): void {
    const declared = this.geoIndexes[coll] ?? [];
    for (const { path, op } of geoClauses(filter)) {
      if (declared.includes(path)) continue;
      const what = op === '$nearSphere' ? '$geoNear' : '$geoWithin';
      throw new EngineError(
        `error processing query: planner returned error :: caused by :: unable to find index for ${what} query ` +
          `(collection "${coll}" has no 2dsphere index on "${path}"; declare it in GEO_INDEXES)`,
        ERR.DATABASE_REQUEST_FAILED,
      );
    }
  }

  // ---------- reads ----------

  private candidates(coll: string, filter: Mongo, orderSql = '', limitSql = '', extra: unknown[] = []) {
    const info = this.info(coll);
    const pre = translate(filter, info.declared);
    const where = pre.sql ? ` WHERE ${pre.sql}` : '';
    const sql = `SELECT data FROM ${info.table}${where}${orderSql}${limitSql}`;
    return { info, pre, stmt: this.stmt(sql).pluck(true), params: [...pre.params, ...extra] };
  }

  /** The stored JSON text of a document. */
  getText(coll: string, id: string): string | undefined {
    const { table } = this.info(coll);
    return this.stmt(`SELECT data FROM ${table} WHERE _id = ?`).pluck(true).get(id) as string | undefined;
  }

  getById(coll: string, id: string): Doc | undefined {
    const text = this.getText(coll, id);
    return text === undefined ? undefined : deserialize(text);
  }

  /** The stored text as a transaction that started at `snapshot` sees it (its own writes aside). */
  getTextAt(coll: string, id: string, snapshot: number): string | undefined {
    const old = this.versions.asOf(docKey(coll, id), snapshot);
    if (old) {
      this.info(coll); // the collection must exist all the same
      return old.text ?? undefined;
    }
    return this.getText(coll, id);
  }

  find(coll: string, spec: FindSpec): Doc[] {
    const info = this.info(coll);
    this.checkGeoQuery(coll, spec.filter);
    const near = findNear(spec.filter);
    const match = compileFilter(spec.filter);
    const pre = translate(spec.filter, info.declared);
    const orderInSql = spec.order.every(([f]) => info.declared.has(f));
    const orderSql =
      orderInSql && spec.order.length > 0
        ? ` ORDER BY ${spec.order.map(([f, d]) => `${fieldExpr(f)} ${d === 1 ? 'ASC' : 'DESC'}`).join(', ')}`
        : '';
    let out: Doc[];

    if (!near && pre.complete && orderInSql) {
      // The SQL is the query: SQLite filters, orders and pages (mingo re-checks the page).
      this.lastPlan = 'sql';
      const merged = spec.order.length > 0 ? this.mergedInPage(info, spec, orderSql) : undefined;
      if (merged) this.lastPlan = 'sql-in-merge';
      const c = merged ?? this.candidates(coll, spec.filter, orderSql, ' LIMIT ? OFFSET ?', [spec.limit, spec.skip]);
      out = (c.stmt.all(...c.params) as string[]).map(deserialize).filter(match);
    } else if (!near && orderInSql) {
      // SQLite orders a superset; stream it through mingo and stop once the page is full.
      this.lastPlan = 'sql-order+filter';
      const c = this.candidates(coll, spec.filter, orderSql);
      out = [];
      let skipped = 0;
      for (const text of c.stmt.iterate(...c.params) as IterableIterator<string>) {
        const doc = deserialize(text);
        if (!match(doc)) continue;
        if (skipped < spec.skip) {
          skipped++;
          continue;
        }
        out.push(doc);
        if (out.length >= spec.limit) break;
      }
    } else {
      this.lastPlan = near ? 'geo' : 'filter+sort';
      let docs = this.scan(coll, spec.filter, match);
      if (near) docs = sortByDistance(docs, near);
      docs = sortDocs(docs, spec.order); // an explicit orderBy takes precedence over distance, as in MongoDB
      out = docs.slice(spec.skip, spec.skip + spec.limit);
    }
    return projectDocs(out, spec.projection);
  }

  /**
   * An ordered page of `{ f: { $in: [...] } }`: one index-ordered, limited query per value, merged
   * by UNION ALL and re-ordered. Avoids sorting every matching row when IN would stop SQLite from
   * reading the index in order.
   */
  private mergedInPage(info: CollectionInfo, spec: FindSpec, orderSql: string) {
    const branches = splitIn(spec.filter, info.declared)?.map((f) => translate(f, info.declared));
    if (!branches || !branches.every((b) => b.complete && b.sql)) return undefined;
    const keys = spec.order.map(([f], i) => `${fieldExpr(f)} AS k${i}`).join(', ');
    const outerOrder = spec.order.map(([, d], i) => `k${i} ${d === 1 ? 'ASC' : 'DESC'}`).join(', ');
    const members = branches.map(
      (b) => `SELECT * FROM (SELECT data, ${keys} FROM ${info.table} WHERE ${b.sql}${orderSql} LIMIT ?)`,
    );
    const sql = `SELECT data FROM (${members.join(' UNION ALL ')}) ORDER BY ${outerOrder} LIMIT ? OFFSET ?`;
    const perBranch = spec.skip + spec.limit;
    const params = [...branches.flatMap((b) => [...b.params, perBranch]), spec.limit, spec.skip];
    return { stmt: this.stmt(sql).pluck(true), params };
  }

  /** Every document matching the filter (SQL prefilter + mingo), in table order. */
  scan(coll: string, filter: Mongo, match = compileFilter(filter)): Doc[] {
    const c = this.candidates(coll, filter);
    const rows = c.stmt.all(...c.params) as string[];
    if (c.pre.complete) return rows.map(deserialize); // the SQL was the whole filter
    const out: Doc[] = [];
    for (const text of rows) {
      const doc = deserialize(text);
      if (match(doc)) out.push(doc);
    }
    return out;
  }

  /**
   * scan() for a reader that needs only some top-level fields (a compiled $group): the matching
   * documents, each holding just `fields` (those it has). When SQL is the whole filter, only the ids
   * are read from SQLite and the documents come from a cache kept exact by every write; the first
   * read of a document parses it. Same documents in the same order as scan(). The documents may be
   * shared with later calls: the caller must not change them nor hand out their values uncopied.
   */
  scanFields(coll: string, filter: Mongo, fields: string[], wider: Iterable<string> = []): Doc[] {
    const info = this.info(coll);
    const pick = (doc: Doc): Doc => {
      const out: Doc = {};
      for (const f of fields) if (Object.prototype.hasOwnProperty.call(doc, f)) out[f] = doc[f];
      return out;
    };
    const pre = translate(filter, info.declared);
    let read = fields;
    let match: ((doc: Doc) => boolean) | undefined;
    if (!pre.complete) {
      // mingo decides on documents holding the fields the filter reads as well (exact: it reads no others).
      const used = filterFields(filter);
      if (!used) return this.scan(coll, filter).map(pick);
      match = compileFilter(filter);
      read = [...new Set([...fields, ...used])].sort();
    }
    const version = this.stmt('PRAGMA data_version').pluck(true).get();
    if (version !== this.dataVersion) {
      this.fieldCache.clear(); // another connection committed: anything may have changed
      this.scanMemo.clear();
      this.dataVersion = version;
    }
    let perColl = this.fieldCache.get(coll);
    if (!perColl) this.fieldCache.set(coll, (perColl = new Map()));
    // A cached list holding every field this scan and the waiting ones read, else a new one with them all.
    const target = new Set([...read, ...wider]);
    let key: string | undefined;
    for (const [k, c] of perColl) {
      if ([...target].every((f) => c.fields.has(f))) {
        key = k;
        break;
      }
    }
    if (key === undefined) {
      key = JSON.stringify([...target].sort());
      if (perColl.size >= 4) perColl.delete(perColl.keys().next().value as string); // the oldest list
      perColl.set(key, { fields: target, docs: new Map() });
    }
    read = [...perColl.get(key)!.fields];
    const cache = perColl.get(key)!.docs;
    const memoKey = plainKey(filter);
    let memo = this.scanMemo.get(coll);
    const remembered = memoKey === undefined ? undefined : memo?.get(`${key}\u0000${memoKey}`);
    if (remembered) return remembered.slice();
    const pickRead = (doc: Doc): Doc => {
      const out: Doc = {};
      for (const f of read) if (Object.prototype.hasOwnProperty.call(doc, f)) out[f] = doc[f];
      return out;
    };
    const where = pre.sql ? ` WHERE ${pre.sql}` : '';
    const rows = this.stmt(this.idsQuery(info.table, where))
      .raw(true)
      .all(...pre.params) as [string][];
    const docs = new Array<Doc>(rows.length);
    const missing: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const d = cache.get(rows[i][0]);
      if (d) docs[i] = d;
      else missing.push(i);
    }
    if (missing.length > 256 && read.every((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f))) {
      // Only the fields read, each as its JSON text (SQL NULL: absent), parsed like the whole document would
      // be: SQLite hands over a few short strings instead of every document's text (≈ 2 KB for a report).
      const wanted = new Set(missing.map((i) => rows[i][0]));
      const cols = read.map((f) => `data -> '$."${f}"'`).join(', ');
      const some = this.stmt(`SELECT _id, ${cols} FROM ${info.table}${where}`).raw(true);
      for (const row of some.iterate(...pre.params) as IterableIterator<(string | null)[]>) {
        const id = row[0] as string;
        if (!wanted.has(id)) continue;
        const doc: Doc = {};
        for (let f = 0; f < read.length; f++) {
          const text = row[f + 1];
          if (text !== null) doc[read[f]] = deserialize(text);
        }
        cache.set(id, doc);
      }
    } else if (missing.length > 256) {
      const wanted = new Set(missing.map((i) => rows[i][0]));
      const all = this.stmt(`SELECT _id, data FROM ${info.table}${where}`).raw(true);
      for (const [id, text] of all.iterate(...pre.params) as IterableIterator<[string, string]>) {
        if (wanted.has(id)) cache.set(id, pickRead(deserialize(text)));
      }
    } else {
      for (const i of missing) {
        const text = this.getText(coll, rows[i][0]);
        if (text !== undefined) cache.set(rows[i][0], pickRead(deserialize(text)));
      }
    }
    for (const i of missing) docs[i] = cache.get(rows[i][0]) as Doc;
    const out = match ? docs.filter(match) : docs;
    if (memoKey !== undefined) {
      if (!memo) this.scanMemo.set(coll, (memo = new Map()));
      if (memo.size >= 8) memo.delete(memo.keys().next().value as string);
      memo.set(`${key}\u0000${memoKey}`, out);
    }
    return out.slice();
  }

  /**
   * The cheapest SELECT of the ids that returns them in the order scan()'s `SELECT data` does: `_id`
   * alone when SQLite plans both the same (a covering index aside), else one that also touches the
   * row (`typeof(data)`, which costs loading it), so the plan — and the order — are scan()'s.
   */
  private idsQuery(table: string, where: string): string {
    const cached = this.idsQueries.get(table + where);
    if (cached) return cached;
    const plan = (sql: string) =>
      (
        this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array(countParams(where)).fill(null)) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail.replace('COVERING INDEX', 'INDEX'))
        .join('\n');
    const idsOnly = `SELECT _id FROM ${table}${where}`;
    const sql =
      plan(idsOnly) === plan(`SELECT data FROM ${table}${where}`)
        ? idsOnly
        : `SELECT _id, typeof(data) FROM ${table}${where}`;
    if (this.idsQueries.size >= 1000) this.idsQueries.clear();
    this.idsQueries.set(table + where, sql);
    return sql;
  }

  count(coll: string, filter: Mongo): number {
    if (findNear(filter))
      throw new EngineError('geoNear cannot be used in count(); use geoWithin with centerSphere instead');
    const info = this.info(coll);
    this.checkGeoQuery(coll, filter);
    const pre = translate(filter, info.declared);
    if (pre.complete) {
      this.lastPlan = 'sql-count';
      const where = pre.sql ? ` WHERE ${pre.sql}` : '';
      return this.stmt(`SELECT COUNT(*) FROM ${info.table}${where}`)
        .pluck(true)
        .get(...pre.params) as number;
    }
    this.lastPlan = 'filter-count';
    const match = compileFilter(filter);
    let n = 0;
    const c = this.candidates(coll, filter);
    for (const text of c.stmt.iterate(...c.params) as IterableIterator<string>) if (match(deserialize(text))) n++;
    return n;
  }

  // ---------- writes ----------
  // Every committed write of a document goes through noteWrite (transaction conflict detection).

  private noteWrite(coll: string, id: string, before: () => string | null | undefined): void {
    const cached = this.fieldCache.get(coll);
    if (cached) for (const { docs } of cached.values()) docs.delete(id);
    this.scanMemo.delete(coll);
    this.versions.noteWrite(docKey(coll, id), before);
  }

  private insertText(coll: string, info: CollectionInfo, id: string, text: string): void {
    try {
      this.stmt(`INSERT INTO ${info.table} (_id, data) VALUES (?, ?)`).run(id, text);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw duplicateKey(coll, id);
      throw e;
    }
    this.noteWrite(coll, id, () => null);
  }

  insert(coll: string, doc: Doc): void {
    const info = this.info(coll);
    this.insertText(coll, info, doc._id as string, this.prepareDoc(coll, doc));
  }

  /** Many inserts in one SQLite transaction, in order; those before a failing one stay (MongoDB's ordered insertMany). */
  insertMany(coll: string, docs: Doc[]): void {
    const info = this.info(coll);
    let failure: unknown;
    this.atomic(() => {
      for (const doc of docs) {
        try {
          this.insertText(coll, info, doc._id as string, this.prepareDoc(coll, doc));
        } catch (e) {
          failure = e;
          return;
        }
      }
    });
    if (failure) throw failure;
  }

  /** Replaces or creates a whole document. */
  replace(coll: string, doc: Doc): { updated: number; created: number } {
    return this.replaceText(coll, doc._id as string, this.prepareDoc(coll, doc));
  }

  /** replace() with a text that already passed prepareDoc (a transaction's buffered write). */
  replaceText(coll: string, id: string, text: string): { updated: number; created: number } {
    const info = this.info(coll);
    const old = this.getText(coll, id);
    if (old === undefined) {
      this.insertText(coll, info, id, text);
      return { updated: 0, created: 1 };
    }
    return { updated: this.overwrite(coll, info, id, old, text), created: 0 };
  }

  /** Writes `text` over a document whose stored text is `old`; 1 when that changed it. */
  private overwrite(coll: string, info: CollectionInfo, id: string, old: string, text: string): number {
    if (old === text) return 0;
    this.noteWrite(coll, id, () => old);
    this.stmt(`UPDATE ${info.table} SET data = ? WHERE _id = ?`).run(text, id);
    return 1;
  }

  updateById(coll: string, id: string, mod: Modifier): number {
    const old = this.getText(coll, id);
    if (old === undefined) return 0;
    const doc = deserialize(old);
    if (!applyUpdate(doc, mod)) return 0;
    if (doc._id !== id) throw new EngineError('不能更新_id的值 (_id cannot be updated)');
    // The stored text was just read: no second read through replaceText.
    return this.overwrite(coll, this.info(coll), id, old, this.prepareDoc(coll, doc));
  }

  /** Ids of the documents a multi-document update/remove starts from (table order). */
  matchingIds(coll: string, filter: Mongo, api: 'update' | 'remove'): string[] {
    if (findNear(filter)) throw new EngineError(`geoNear cannot be used in ${api}(); use geoWithin instead`);
    this.checkGeoQuery(coll, filter);
    const info = this.info(coll);
    const pre = translate(filter, info.declared);
    if (pre.complete) {
      // The SQL is the whole filter: no need to parse the documents here (each batch reads them).
      const where = pre.sql ? ` WHERE ${pre.sql}` : '';
      return this.stmt(`SELECT _id FROM ${info.table}${where}`)
        .pluck(true)
        .all(...pre.params) as string[];
    }
    return this.scan(coll, filter).map((d) => d._id as string);
  }

  /**
   * One batch of a multi-document update. Like MongoDB's updateMany each document is updated on its
   * own: one that no longer matches is skipped, and a failure stops the update there, leaving the
   * documents before it updated. Returns how many changed.
   */
  updateBatch(coll: string, ids: string[], filter: Mongo, mod: Modifier, match = compileFilter(filter)): number {
    const info = this.info(coll);
    const docs: Doc[] = [];
    const olds: string[] = [];
    const docIds: string[] = [];
    for (const id of ids) {
      const text = this.getText(coll, id);
      if (text === undefined) continue;
      const doc = deserialize(text);
      if (!match(doc)) continue;
      docs.push(doc);
      olds.push(text);
      docIds.push(id);
    }
    let failure: unknown;
    let upto = docs.length;
    for (let i = 0; i < docs.length; i++) {
      try {
        checkUpdateTypes(docs[i], mod);
      } catch (e) {
        failure = e;
        upto = i;
        break;
      }
    }
    const batch = docs.slice(0, upto);
    if (batch.length > 0) applyUpdateMany(batch, mod); // one mingo pass for the batch
    let changed = 0;
    const write = this.stmt(`UPDATE ${info.table} SET data = ? WHERE _id = ?`);
    this.atomic(() => {
      for (let i = 0; i < batch.length; i++) {
        let text: string;
        try {
          if (batch[i]._id !== docIds[i]) throw new EngineError('不能更新_id的值 (_id cannot be updated)');
          text = this.prepareDoc(coll, batch[i]);
        } catch (e) {
          failure = e;
          return;
        }
        if (text === olds[i]) continue;
        this.noteWrite(coll, docIds[i], () => olds[i]);
        write.run(text, docIds[i]);
        changed++;
      }
    });
    if (failure) throw failure;
    return changed;
  }

  removeById(coll: string, id: string): number {
    const { table } = this.info(coll);
    // One statement deletes and hands back the pre-image (noteWrite only records it, it reads nothing).
    const old = this.stmt(`DELETE FROM ${table} WHERE _id = ? RETURNING data`).pluck(true).get(id) as
      | string
      | undefined;
    if (old === undefined) return 0;
    this.noteWrite(coll, id, () => old);
    return 1;
  }

  /** One batch of a multi-document remove: each document that still matches is removed. */
  removeBatch(coll: string, ids: string[], filter: Mongo, match = compileFilter(filter)): number {
    const { table } = this.info(coll);
    const del = this.stmt(`DELETE FROM ${table} WHERE _id = ?`);
    return this.atomic(() => {
      let n = 0;
      for (const id of ids) {
        const old = this.getText(coll, id);
        if (old === undefined || !match(deserialize(old))) continue;
        this.noteWrite(coll, id, () => old);
        n += del.run(id).changes;
      }
      return n;
    });
  }

  /** Seeding/benchmark helper: many inserts in one SQLite transaction, all or nothing. */
  bulkInsert(coll: string, docs: Doc[]): number {
    const info = this.info(coll);
    return this.atomic(() => {
      for (const doc of docs) this.insertText(coll, info, doc._id as string, this.prepareDoc(coll, doc));
      return docs.length;
    });
  }

  /** A transaction's buffered writes (texts already checked; null removes), in one SQLite transaction. */
  applyWrites(writes: { coll: string; id: string; text: string | null }[]): void {
    for (const w of writes) this.info(w.coll); // create tables outside the transaction
    try {
      this.atomic(() => {
        for (const w of writes) {
          if (w.text === null) this.removeById(w.coll, w.id);
          else this.replaceText(w.coll, w.id, w.text);
        }
      });
    } catch (e) {
      this.forgetSchema();
      throw e;
    }
  }

  // ---------- transactions ----------

  /** Runs fn in one SQLite transaction (a savepoint when one is already open). */
  atomic<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

/**
 * The top-level fields a filter reads, or undefined when it may read others ($expr, $where, $text…).
 * Through $and / $or / $nor; a field's own condition ($elemMatch, $not…) reads only that field.
 */
export function filterFields(filter: unknown): string[] | undefined {
  const out = new Set<string>();
  const visit = (f: unknown): boolean => {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return false;
    for (const [k, v] of Object.entries(f as Mongo)) {
      if (k === '$and' || k === '$or' || k === '$nor') {
        if (!Array.isArray(v) || !v.every(visit)) return false;
      } else if (k.startsWith('$')) return false;
      else out.add(k.split('.')[0]);
    }
    return true;
  };
  return visit(filter) ? [...out] : undefined;
}

/** How many `?` parameters an SQL text has (outside quoted literals). */
function countParams(sql: string): number {
  return sql.replace(/'(?:[^']|'')*'/g, '').split('?').length - 1;
}

export function duplicateKey(coll: string, id: string): EngineError {
  return new EngineError(
    `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
    ERR.DATABASE_REQUEST_FAILED,
  );
}

/** Every geo clause of a filter (any depth of $and/$or/$nor), with its field path. */
export function geoClauses(filter: Mongo): { path: string; op: '$nearSphere' | '$geoWithin' }[] {
  const out: { path: string; op: '$nearSphere' | '$geoWithin' }[] = [];
  const visit = (f: unknown) => {
    if (typeof f !== 'object' || f === null) return;
    for (const [k, v] of Object.entries(f as Mongo)) {
      if ((k === '$and' || k === '$or' || k === '$nor') && Array.isArray(v)) v.forEach(visit);
      else if (!k.startsWith('$') && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        if ('$nearSphere' in v) out.push({ path: k, op: '$nearSphere' });
        if ('$geoWithin' in v) out.push({ path: k, op: '$geoWithin' });
        if ('$not' in v) visit({ [k]: (v as Mongo).$not });
      }
    }
  };
  visit(filter);
  return out;
}

/** The `$nearSphere` clause of a filter (top level or inside a top-level $and), if any. */
function findNear(filter: Mongo): { path: string; near: NearSpec } | undefined {
  const found: { path: string; near: NearSpec }[] = [];
  const visit = (f: Mongo, topLevel: boolean) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => visit(x as Mongo, topLevel));
      else if ((k === '$or' || k === '$nor') && Array.isArray(v)) v.forEach((x) => visit(x as Mongo, false));
      else if (typeof v === 'object' && v !== null && '$nearSphere' in v) {
        if (!topLevel) throw new EngineError('geoNear cannot be used inside or/nor');
        found.push({ path: k, near: parseNear((v as Mongo).$nearSphere) });
      }
    }
  };
  visit(filter, true);
  if (found.length > 1) throw new EngineError('only one geoNear condition is allowed per query');
  return found[0];
}

function sortByDistance(docs: Doc[], { path, near }: { path: string; near: NearSpec }): Doc[] {
  const withD = docs.map((doc) => {
    let cur: unknown = doc;
    for (const seg of path.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Doc)[seg] : undefined;
    return { doc, d: nearestDistance(cur, near.center) };
  });
  return withD
    .filter((x) => withinDistance(x.d, near))
    .sort((a, b) => (a.d as number) - (b.d as number))
    .map((x) => x.doc);
}
