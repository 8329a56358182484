/**
 * Translates the conjunctive, scalar parts of a MongoDB query into a SQL WHERE clause over the
 * expression indexes of declared fields, so SQLite narrows the rows before mingo decides.
 *
 * Soundness: the SQL always selects a superset of what the full query matches. `complete` is true
 * when the SQL is *exactly* the query, which lets the engine push ORDER BY / LIMIT / COUNT(*) into
 * SQLite. Exactness relies on declared fields holding scalars only (string, number, boolean,
 * null, Date), which the engine enforces on every write, and on type guards (json_type) where
 * SQLite's value space differs from MongoDB's: JSON true/false extract as 1/0, and range
 * comparisons in SQLite cross types while MongoDB's stay within one type.
 */
import { dateSqlText, isPlainObject } from './codec';
import { EARTH_RADIUS_M } from './geo';
import type { Mongo } from './command';

export interface Prefilter {
  /** SQL boolean expression, '' when nothing could be translated (matches everything). */
  sql: string;
  params: unknown[];
  /** The SQL is exactly the query (not just a superset). */
  complete: boolean;
}

const PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function isIndexablePath(path: string): boolean {
  return PATH_RE.test(path);
}

/** The one spelling of a field's SQL expression: index definitions and queries must match it. */
export function fieldExpr(path: string): string {
  if (path === '_id') return '_id';
  if (!PATH_RE.test(path)) throw new Error(`not an indexable path: ${path}`);
  return `json_extract(data, '$.${path}')`;
}

function typeExpr(path: string): string {
  return `json_type(data, '$.${path}')`;
}

type Scalar = string | number | boolean | null | Date;

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
}

/** A string that could collide with the JSON text of a stored Date object. */
const looksLikeDateText = (s: string) => s.startsWith('{');

interface Term {
  sql: string;
  params: unknown[];
  exact: boolean;
}

const FALSE: Term = { sql: '0', params: [], exact: true };

const GUARD: Record<'number' | 'string' | 'date' | 'boolean', string> = {
  number: "IN ('integer','real')",
  string: "= 'text'",
  date: "= 'object'",
  boolean: "IN ('true','false')",
};

function kindOf(v: Scalar): keyof typeof GUARD | 'null' {
  if (v === null) return 'null';
  if (v instanceof Date) return 'date';
  return typeof v as 'number' | 'string' | 'boolean';
}

function sqlValue(v: Exclude<Scalar, null>): unknown {
  if (v instanceof Date) return dateSqlText(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function eqTerm(path: string, v: Scalar): Term {
  const e = fieldExpr(path);
  if (path === '_id') return typeof v === 'string' ? { sql: '_id = ?', params: [v], exact: true } : FALSE;
  if (v === null) return { sql: `${e} IS NULL`, params: [], exact: true };
  if (typeof v === 'boolean')
    return { sql: `(${e} = ? AND ${typeExpr(path)} = '${v}')`, params: [v ? 1 : 0], exact: true };
  if (typeof v === 'number' && (v === 0 || v === 1)) {
    return { sql: `(${e} = ? AND ${typeExpr(path)} ${GUARD.number})`, params: [v], exact: true };
  }
  return { sql: `${e} = ?`, params: [sqlValue(v)], exact: !(typeof v === 'string' && looksLikeDateText(v)) };
}

/** `NOT x` that treats SQL NULL (unknown) as "did not match", as MongoDB's $ne/$nin do. */
function negate(t: Term): Term {
  return { sql: `NOT COALESCE((${t.sql}), 0)`, params: t.params, exact: t.exact };
}

function inTerm(path: string, list: Scalar[]): Term {
  if (list.length === 0) return FALSE;
  const e = fieldExpr(path);
  const plain: Scalar[] = [];
  const special: Term[] = [];
  for (const v of list) {
    const simple =
      path === '_id'
        ? typeof v === 'string'
        : (typeof v === 'string' && !looksLikeDateText(v)) ||
          v instanceof Date ||
          (typeof v === 'number' && v !== 0 && v !== 1);
    if (simple) plain.push(v);
    else if (path !== '_id') special.push(eqTerm(path, v));
  }
  const parts: Term[] = [];
  if (plain.length > 0) {
    parts.push({
      sql: `${e} IN (${plain.map(() => '?').join(', ')})`,
      params: plain.map((v) => sqlValue(v as Exclude<Scalar, null>)),
      exact: true,
    });
  }
  parts.push(...special);
  if (parts.length === 0) return FALSE;
  if (parts.length === 1) return parts[0];
  return {
    sql: `(${parts.map((p) => p.sql).join(' OR ')})`,
    params: parts.flatMap((p) => p.params),
    exact: parts.every((p) => p.exact),
  };
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function rangeTerm(path: string, op: string, v: Scalar): Term | undefined {
  const kind = kindOf(v);
  if (kind === 'null') return undefined; // $gte: null etc. — rare; leave to mingo
  if (path === '_id') return kind === 'string' ? { sql: `_id ${RANGE_SQL[op]} ?`, params: [v], exact: true } : FALSE;
  // A string: text only (`>= ''` drops numbers, booleans, null), and among texts a Date's JSON text
  // (which starts with "{") is told apart by json_type — only for values from "{" up, so a range over
  // ordinary strings (ISO times, codes) is decided from the index alone, without reading the row.
  const guard =
    kind === 'string'
      ? `${fieldExpr(path)} >= '' AND (${fieldExpr(path)} < '{' OR ${typeExpr(path)} ${GUARD.string})`
      : `${typeExpr(path)} ${GUARD[kind]}`;
  return {
    sql: `(${fieldExpr(path)} ${RANGE_SQL[op]} ? AND ${guard})`,
    params: [sqlValue(v as Exclude<Scalar, null>)],
    exact: !(typeof v === 'string' && looksLikeDateText(v)),
  };
}

function existsTerm(path: string, want: boolean): Term {
  if (path === '_id') return want ? { sql: '1', params: [], exact: true } : FALSE;
  return { sql: `${typeExpr(path)} IS ${want ? 'NOT ' : ''}NULL`, params: [], exact: true };
}

/** Terms for one field's condition; `undefined` entries mean "could not translate this part". */
function fieldTerms(path: string, cond: unknown): (Term | undefined)[] {
  if (isScalar(cond)) return [eqTerm(path, cond)];
  if (!isPlainObject(cond)) return [undefined]; // arrays, regexps
  const keys = Object.keys(cond);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return [undefined]; // whole-object equality
  return keys.map((op): Term | undefined => {
    const v = cond[op];
    switch (op) {
      case '$eq':
        return isScalar(v) ? eqTerm(path, v) : undefined;
      case '$ne':
        if (!isScalar(v)) return undefined;
        return v === null
          ? { sql: `${fieldExpr(path)} IS NOT NULL`, params: [], exact: true }
          : negate(eqTerm(path, v));
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        return isScalar(v) ? rangeTerm(path, op, v) : undefined;
      case '$in':
        return Array.isArray(v) && v.every(isScalar) ? inTerm(path, v) : undefined;
      case '$nin':
        return Array.isArray(v) && v.every(isScalar) ? negate(inTerm(path, v)) : undefined;
      case '$exists':
        return typeof v === 'boolean' ? existsTerm(path, v) : undefined;
      default:
        return undefined;
    }
  });
}

/**
 * Undeclared fields may hold arrays (MongoDB then matches any element) or sit under arrays, so
 * their SQL can only be a loose superset: the comparison, or "some step of the path is an array".
 * It is never exact, but SQLite evaluates it in C, far cheaper than parsing every row for mingo.
 */
function looseTerm(path: string, cond: unknown): Term | undefined {
  let t: Term | undefined;
  if (isScalar(cond)) {
    t = cond === null ? { sql: `${fieldExpr(path)} IS NULL`, params: [], exact: false } : looseCompare(path, '=', cond);
  } else if (isPlainObject(cond)) {
    const parts = Object.entries(cond).map(([op, v]): Term | undefined => {
      if (op === '$eq' && isScalar(v) && v !== null) return looseCompare(path, '=', v);
      if (op in RANGE_SQL && isScalar(v) && v !== null) return looseCompare(path, RANGE_SQL[op], v);
      if (op === '$in' && Array.isArray(v) && v.length > 0 && v.every((x) => isScalar(x) && x !== null)) {
        return {
          sql: `${fieldExpr(path)} IN (${v.map(() => '?').join(', ')})`,
          params: v.map((x) => sqlValue(x as Exclude<Scalar, null>)),
          exact: false,
        };
      }
      if (op === '$nearSphere' || op === '$geoWithin') return geoBoxTerm(path, geoBox(op, v));
      return undefined;
    });
    const known = parts.filter((x): x is Term => x !== undefined);
    if (known.length > 0)
      t = { sql: known.map((k) => k.sql).join(' AND '), params: known.flatMap((k) => k.params), exact: false };
  }
  if (!t) return undefined;
  const segs = path.split('.');
  const arrays = segs.map((_, i) => `${typeExpr(segs.slice(0, i + 1).join('.'))} = 'array'`);
  return { sql: `(${t.sql} OR ${arrays.join(' OR ')})`, params: t.params, exact: false };
}

type Box = [minLng: number, maxLng: number, minLat: number, maxLat: number];

/** A lng/lat box containing every point a geo condition can match (undefined: no useful box). */
function geoBox(op: string, v: unknown): Box | undefined {
  if (!isPlainObject(v)) return undefined;
  const pair = (c: unknown): c is [number, number] =>
    Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number';
  if (op === '$nearSphere') {
    const g = v.$geometry as { coordinates?: unknown } | undefined;
    if (!pair(g?.coordinates) || typeof v.$maxDistance !== 'number') return undefined;
    return capBox(g.coordinates, v.$maxDistance / EARTH_RADIUS_M);
  }
  if (Array.isArray(v.$centerSphere) && pair(v.$centerSphere[0]) && typeof v.$centerSphere[1] === 'number') {
    return capBox(v.$centerSphere[0], v.$centerSphere[1]);
  }
  const g = v.$geometry as { type?: unknown; coordinates?: unknown } | undefined;
  if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates)) {
    const pts = (g.coordinates as unknown[]).flat(g.type === 'Polygon' ? 1 : 2).filter(pair);
    if (pts.length === 0) return undefined;
    const lngs = pts.map((p) => p[0]);
    const lats = pts.map((p) => p[1]);
    return [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  }
  return undefined;
}

/** Bounding box of a spherical cap of `angle` radians; undefined near the poles or the date line. */
function capBox([lng, lat]: [number, number], angle: number): Box | undefined {
  const deg = 180 / Math.PI;
  const margin = 1e-6; // ~0.1 m, for floating point
  const dLat = angle * deg + margin;
  const cosLat = Math.cos(lat / deg);
  if (angle >= Math.PI / 2 || Math.abs(lat) + dLat >= 90 || Math.sin(angle) >= cosLat) return undefined;
  const dLng = Math.asin(Math.sin(angle) / cosLat) * deg + margin;
  if (Math.abs(lng) + dLng >= 180) return undefined;
  return [lng - dLng, lng + dLng, lat - dLat, lat + dLat];
}

function geoBoxTerm(path: string, box: Box | undefined): Term | undefined {
  if (!box) return undefined;
  const x = `json_extract(data, '$.${path}.coordinates[0]')`;
  const y = `json_extract(data, '$.${path}.coordinates[1]')`;
  return { sql: `(${x} BETWEEN ? AND ? AND ${y} BETWEEN ? AND ?)`, params: box, exact: false };
}

function looseCompare(path: string, op: string, v: Exclude<Scalar, null>): Term {
  return { sql: `${fieldExpr(path)} ${op} ?`, params: [sqlValue(v)], exact: false };
}

export function translate(filter: Mongo, declared: ReadonlySet<string>): Prefilter {
  const terms: string[] = [];
  const params: unknown[] = [];
  let complete = true;
  const push = (t: { sql: string; params: unknown[] }) => {
    if (t.sql === '') return;
    terms.push(t.sql);
    params.push(...t.params);
  };

  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) {
        const t = translate(sub as Mongo, declared);
        complete &&= t.complete;
        push(t);
      }
    } else if (key === '$or' && Array.isArray(value) && value.length > 0) {
      // OR of supersets is a superset; a branch with no SQL makes the whole OR untranslatable.
      const branches = value.map((sub) => translate(sub as Mongo, declared));
      complete &&= branches.every((b) => b.complete);
      if (branches.every((b) => b.sql !== '')) {
        push({ sql: `(${branches.map((b) => b.sql).join(' OR ')})`, params: branches.flatMap((b) => b.params) });
      }
    } else if (key.startsWith('$')) {
      complete = false;
    } else if (!declared.has(key)) {
      complete = false;
      if (isIndexablePath(key)) {
        const t = looseTerm(key, value);
        if (t) push(t);
      }
    } else {
      for (const t of fieldTerms(key, value)) {
        if (!t) {
          complete = false;
          continue;
        }
        complete &&= t.exact;
        push(t);
      }
    }
  }
  return { sql: terms.join(' AND '), params, complete };
}

/**
 * `{ f: { $in: [a, b] }, ...rest }` → `[{ f: a, ...rest }, { f: b, ...rest }]` when `f` is declared:
 * SQLite cannot walk one index in order across several IN values, but it can for each value, so
 * an ordered page becomes a merge of small ordered pages (see Store.find).
 */
export function splitIn(filter: Mongo, declared: ReadonlySet<string>, maxValues = 16): Mongo[] | undefined {
  const candidates = Object.entries(filter).filter(
    ([k, v]) => declared.has(k) && isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v.$in),
  );
  if (candidates.length !== 1) return undefined;
  const [key, cond] = candidates[0];
  const values = (cond as { $in: unknown[] }).$in;
  if (!values.every(isScalar)) return undefined;
  const distinct = new Map<string, Scalar>();
  for (const v of values as Scalar[]) distinct.set(v instanceof Date ? `d${v.getTime()}` : JSON.stringify(v), v);
  if (distinct.size < 2 || distinct.size > maxValues) return undefined;
  return [...distinct.values()].map((v) => ({ ...filter, [key]: v }));
}
