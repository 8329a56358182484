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
import { deserialize, serialize } from './codec';
import type { Mongo } from './command';
import type { Modifier } from './update';
import { ERR, EngineError } from './errors';
import { nearestDistance, parseNear, withinDistance, type NearSpec } from './geo';
import { applyUpdate, applyUpdateMany, compileFilter, projectDocs, sortDocs, type Doc } from './matcher';
import { fieldExpr, isIndexablePath, splitIn, translate } from './sql-prefilter';

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
}

/** Which strategy the last find/count used: for tests and for spotting slow queries. */
export type Plan = 'sql' | 'sql-in-merge' | 'sql-order+filter' | 'filter+sort' | 'geo' | 'sql-count' | 'filter-count';

export class Store {
  private readonly db: BetterSqlite3.Database;
  private readonly indexes: Record<string, string[][]>;
  private readonly collections = new Map<string, CollectionInfo>();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  lastPlan: Plan | undefined;

  constructor(file: string, indexes: Record<string, string[][]> = {}) {
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
    const table = `"col_${name}"`;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY, data TEXT NOT NULL)`);
    const declaredPaths = new Set<string>();
    for (const fields of this.indexes[name] ?? []) {
      const ixName = `"ix_${name}__${fields.join('__').replace(/\./g, '_')}"`;
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${ixName} ON ${table} (${fields.map(fieldExpr).join(', ')})`);
      for (const f of fields) if (f !== '_id') declaredPaths.add(f);
    }
    const info = { table, declared: new Set(['_id', ...declaredPaths]), declaredPaths: [...declaredPaths] };
    this.collections.set(name, info);
    return info;
  }

  /** Forget created tables: after a rollback their CREATE may have been undone. */
  forgetSchema(): void {
    this.collections.clear();
    this.statements.clear();
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

  // ---------- reads ----------

  private candidates(coll: string, filter: Mongo, orderSql = '', limitSql = '', extra: unknown[] = []) {
    const info = this.info(coll);
    const pre = translate(filter, info.declared);
    const where = pre.sql ? ` WHERE ${pre.sql}` : '';
    const sql = `SELECT data FROM ${info.table}${where}${orderSql}${limitSql}`;
    return { info, pre, stmt: this.stmt(sql).pluck(true), params: [...pre.params, ...extra] };
  }

  getById(coll: string, id: string): Doc | undefined {
    const { table } = this.info(coll);
    const text = this.stmt(`SELECT data FROM ${table} WHERE _id = ?`).pluck(true).get(id) as string | undefined;
    return text === undefined ? undefined : deserialize(text);
  }

  find(coll: string, spec: FindSpec): Doc[] {
    const info = this.info(coll);
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

  count(coll: string, filter: Mongo): number {
    if (findNear(filter))
      throw new EngineError('geoNear cannot be used in count(); use geoWithin with centerSphere instead');
    const info = this.info(coll);
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

  insert(coll: string, doc: Doc): void {
    const info = this.info(coll);
    this.checkDeclared(coll, info, doc);
    try {
      this.stmt(`INSERT INTO ${info.table} (_id, data) VALUES (?, ?)`).run(doc._id, serialize(doc));
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new EngineError(
          `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
          ERR.DATABASE_REQUEST_FAILED,
        );
      }
      throw e;
    }
  }

  /** Replaces or creates a whole document. */
  replace(coll: string, doc: Doc): { updated: number; created: number } {
    const info = this.info(coll);
    this.checkDeclared(coll, info, doc);
    const text = serialize(doc);
    const old = this.stmt(`SELECT data FROM ${info.table} WHERE _id = ?`).pluck(true).get(doc._id) as
      | string
      | undefined;
    if (old === undefined) {
      this.stmt(`INSERT INTO ${info.table} (_id, data) VALUES (?, ?)`).run(doc._id, text);
      return { updated: 0, created: 1 };
    }
    if (old === text) return { updated: 0, created: 0 };
    this.stmt(`UPDATE ${info.table} SET data = ? WHERE _id = ?`).run(text, doc._id);
    return { updated: 1, created: 0 };
  }

  private applyAndWrite(coll: string, info: CollectionInfo, doc: Doc, mod: Modifier): boolean {
    const id = doc._id;
    if (!applyUpdate(doc, mod)) return false;
    if (doc._id !== id) throw new EngineError('不能更新_id的值 (_id cannot be updated)');
    this.checkDeclared(coll, info, doc);
    this.stmt(`UPDATE ${info.table} SET data = ? WHERE _id = ?`).run(serialize(doc), id);
    return true;
  }

  updateById(coll: string, id: string, mod: Modifier): number {
    const info = this.info(coll);
    const doc = this.getById(coll, id);
    if (!doc) return 0;
    return this.applyAndWrite(coll, info, doc, mod) ? 1 : 0;
  }

  /** Multi-document update, all or nothing. */
  updateWhere(coll: string, filter: Mongo, mod: Modifier): number {
    if (findNear(filter)) throw new EngineError('geoNear cannot be used in update(); use geoWithin instead');
    const info = this.info(coll);
    const docs = this.scan(coll, filter);
    if (docs.length === 0) return 0;
    const ids = docs.map((d) => d._id);
    const write = this.stmt(`UPDATE ${info.table} SET data = ? WHERE _id = ?`);
    return this.atomic(() => {
      const changed = applyUpdateMany(docs, mod);
      docs.forEach((doc, i) => {
        if (doc._id !== ids[i]) throw new EngineError('不能更新_id的值 (_id cannot be updated)');
        this.checkDeclared(coll, info, doc);
        write.run(serialize(doc), ids[i]);
      });
      return changed;
    });
  }

  removeById(coll: string, id: string): number {
    const { table } = this.info(coll);
    return this.stmt(`DELETE FROM ${table} WHERE _id = ?`).run(id).changes;
  }

  removeWhere(coll: string, filter: Mongo): number {
    if (findNear(filter)) throw new EngineError('geoNear cannot be used in remove(); use geoWithin instead');
    const { table } = this.info(coll);
    const ids = this.scan(coll, filter).map((d) => d._id);
    const del = this.stmt(`DELETE FROM ${table} WHERE _id = ?`);
    return this.atomic(() => ids.reduce<number>((n, id) => n + del.run(id).changes, 0));
  }

  /** Seeding/benchmark helper: many inserts in one SQLite transaction. */
  bulkInsert(coll: string, docs: Doc[]): number {
    const info = this.info(coll);
    const ins = this.stmt(`INSERT INTO ${info.table} (_id, data) VALUES (?, ?)`);
    return this.atomic(() => {
      for (const doc of docs) {
        this.checkDeclared(coll, info, doc);
        ins.run(doc._id, serialize(doc));
      }
      return docs.length;
    });
  }

  // ---------- transactions ----------

  /** Runs fn in one SQLite transaction (a savepoint when one is already open). */
  atomic<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  commit(): void {
    this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.forgetSchema();
  }
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
