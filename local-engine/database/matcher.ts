/**
 * The mingo side: matching, updating, sorting, projecting and aggregating in-memory documents
 * with MongoDB semantics, plus the type checks MongoDB does on updates that mingo skips.
 */
import { Aggregator, Context, Query, find, update, updateMany } from 'mingo';
import type { Modifier } from './update';
import { isPlainObject } from './codec';
import { ERR, EngineError } from './errors';
import { geoQueryOperators } from './geo';

export type Doc = Record<string, unknown>;

const context = Context.init().addQueryOps(geoQueryOperators as never);
// No $where / $function / $accumulator: conditions may carry request data, and CloudBase runs no JS.
const options = { context, scriptEnabled: false };

export function compileFilter(filter: Doc): (doc: Doc) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  try {
    const q = new Query(filter, options);
    return (doc) => q.test(doc);
  } catch (e) {
    throw new EngineError(e instanceof Error ? e.message : String(e), ERR.DATABASE_INVALID_OPERATOR);
  }
}

export function sortDocs(docs: Doc[], order: [string, 1 | -1][]): Doc[] {
  if (order.length === 0 || docs.length < 2) return docs;
  return new Aggregator([{ $sort: Object.fromEntries(order) }], options).run(docs) as Doc[];
}

export function projectDocs(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  try {
    return find(docs, {}, projection, options).all() as Doc[];
  } catch (e) {
    throw new EngineError(e instanceof Error ? e.message : String(e));
  }
}

export function runPipeline(docs: Doc[], stages: Doc[], resolveCollection?: (name: string) => Doc[]): Doc[] {
  if (stages.length === 0) return docs;
  try {
    return new Aggregator(stages, { ...options, collectionResolver: resolveCollection }).run(docs) as Doc[];
  } catch (e) {
    throw new EngineError(e instanceof Error ? e.message : String(e), ERR.DATABASE_INVALID_OPERATOR);
  }
}

const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);
const NUMERIC_OPS = new Set(['$inc', '$mul']);
/** Operators that never create a field: a path through a scalar is simply a no-op for them. */
const NON_CREATING_OPS = new Set(['$unset', '$pop', '$pull', '$pullAll', '$rename']);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  return typeof v;
}

/** MongoDB rejects these; mingo would silently skip them, hiding a bug that CloudBase reports. */
export function checkUpdateTypes(doc: Doc, mod: Modifier): void {
  for (const [op, fields] of Object.entries(mod)) {
    for (const path of Object.keys(fields)) {
      if (NON_CREATING_OPS.has(op)) {
        checkValueType(op, path, valueAt(doc, path));
        continue;
      }
      const segs = path.split('.');
      let cur: unknown = doc;
      let i = 0;
      for (; i < segs.length - 1; i++) {
        if (cur === undefined) break;
        if (Array.isArray(cur)) {
          if (!/^\d+$/.test(segs[i]))
            throw new EngineError(
              `Cannot create field '${segs[i]}' in an array at '${path}'`,
              ERR.DATABASE_REQUEST_FAILED,
            );
          cur = cur[Number(segs[i])];
        } else if (isPlainObject(cur)) {
          cur = cur[segs[i]];
        } else {
          throw new EngineError(
            `Cannot create field '${segs[i]}' in element of type ${typeName(cur)} at '${path}'`,
            ERR.DATABASE_REQUEST_FAILED,
          );
        }
      }
      if (cur !== undefined && !isPlainObject(cur) && !Array.isArray(cur)) {
        throw new EngineError(
          `Cannot create field '${segs[i]}' in element of type ${typeName(cur)} at '${path}'`,
          ERR.DATABASE_REQUEST_FAILED,
        );
      }
      checkValueType(op, path, cur === undefined ? undefined : (cur as Record<string, unknown>)[segs[segs.length - 1]]);
    }
  }
}

function valueAt(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isPlainObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function checkValueType(op: string, path: string, value: unknown): void {
  if (value === undefined) return;
  if (NUMERIC_OPS.has(op) && typeof value !== 'number') {
    throw new EngineError(
      `Cannot apply ${op} to a value of non-numeric type (${typeName(value)}) at '${path}'`,
      ERR.DATABASE_REQUEST_FAILED,
    );
  }
  if (ARRAY_OPS.has(op) && !Array.isArray(value)) {
    throw new EngineError(
      `The field '${path}' must be an array but is of type ${typeName(value)}`,
      ERR.DATABASE_REQUEST_FAILED,
    );
  }
}

/**
 * Applies one modifier to many documents in place, in one mingo pass (mingo sets up its operator
 * context per call, which dominated multi-document updates); returns how many changed.
 */
export function applyUpdateMany(docs: Doc[], mod: Modifier): number {
  for (const doc of docs) checkUpdateTypes(doc, mod);
  try {
    return updateMany(docs, {}, mod as never).modifiedCount;
  } catch (e) {
    throw new EngineError(e instanceof Error ? e.message : String(e));
  }
}

/** Applies an update modifier in place; true when the document changed (MongoDB's nModified). */
export function applyUpdate(doc: Doc, mod: Modifier): boolean {
  checkUpdateTypes(doc, mod);
  try {
    return update(doc, mod as never).length > 0;
  } catch (e) {
    throw new EngineError(e instanceof Error ? e.message : String(e));
  }
}
