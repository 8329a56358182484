/**
 * aggregate(): stages are encoded as MongoDB stages when added (like the SDK, which serialises
 * each stage immediately) and run by mingo at end(). A leading $match is answered through the
 * SQL prefilter; each $lookup gets only the foreign documents its local values can join with.
 */
import { resolvePath as resolve } from './paths';
import { DbRegExp, ServerDate, isCommandObject, isPlainObject } from './codec';
import type { Mongo } from './command';
import { encodeWhere } from './where';
import { EngineError } from './errors';
import { isGeoValue } from './geo';
import { runPipeline, type Doc } from './matcher';
import { checkCollectionName, type Store } from './store';

/** Stage arguments may hold Dates, geo values, serverDate and db.RegExp; commands are refused. */
function encodeArg(v: unknown, where: string): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date || v instanceof RegExp) return v;
  if (v instanceof ServerDate) return v.resolve();
  if (v instanceof DbRegExp) return v.toRegExp();
  if (isGeoValue(v)) return v.toJSON();
  if (isCommandObject(v))
    throw new EngineError(`${where}: db.command query/update operators cannot be used here; use db.command.aggregate`);
  if (Array.isArray(v)) return v.map((x) => encodeArg(x, where));
  if (isPlainObject(v)) {
    const out: Mongo = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeArg(x, where);
    return out;
  }
  return v;
}

const STAGES = new Set([
  'match',
  'group',
  'sort',
  'project',
  'limit',
  'skip',
  'lookup',
  'unwind',
  'addFields',
  'count',
  'sortByCount',
  'replaceRoot',
]);

export function encodeStage(name: string, arg: unknown): Mongo {
  if (!STAGES.has(name)) throw new EngineError(`unsupported aggregate stage ${name}`);
  switch (name) {
    case 'match':
      return { $match: encodeWhere(arg) };
    case 'limit':
      if (!Number.isInteger(arg) || (arg as number) < 1) throw new EngineError('limit must be a positive integer');
      return { $limit: arg };
    case 'skip':
      if (!Number.isInteger(arg) || (arg as number) < 0) throw new EngineError('skip must be a non-negative integer');
      return { $skip: arg };
    case 'sort':
      if (
        !isPlainObject(arg) ||
        Object.keys(arg).length === 0 ||
        !Object.values(arg).every((d) => d === 1 || d === -1)
      ) {
        throw new EngineError('sort takes { field: 1 | -1, ... }');
      }
      return { $sort: arg };
    case 'lookup': {
      if (!isPlainObject(arg)) throw new EngineError('lookup takes { from, localField, foreignField, as }');
      checkCollectionName(arg.from);
      if (typeof arg.as !== 'string' || arg.as === '') throw new EngineError('lookup needs "as"');
      return { $lookup: encodeArg(arg, 'lookup') };
    }
    default:
      return { [`$${name}`]: encodeArg(arg, name) };
  }
}

/** Distinct local values of a lookup, arrays unwound; `null` stands for missing. */
function localValues(docs: Doc[], localField: string): unknown[] {
  const seen = new Map<string, unknown>();
  const add = (v: unknown) => {
    const key = v instanceof Date ? `d:${v.getTime()}` : `j:${JSON.stringify(v ?? null)}`;
    if (!seen.has(key)) seen.set(key, v ?? null);
  };
  for (const doc of docs) {
    const v = resolve(doc, localField);
    if (Array.isArray(v)) {
      if (v.length === 0) add(null);
      v.forEach(add);
    } else add(v);
  }
  return [...seen.values()];
}

const MAX_LOOKUP_KEYS = 10000;

function foreignDocs(store: Store, docs: Doc[], lookup: Mongo): Doc[] {
  const from = lookup.from as string;
  if (!store.hasCollection(from)) return []; // MongoDB joins nothing from a missing collection
  const { localField, foreignField } = lookup;
  if (typeof localField !== 'string' || typeof foreignField !== 'string') return store.scan(from, {}); // pipeline form
  const values = localValues(docs, localField);
  if (values.length > MAX_LOOKUP_KEYS) return store.scan(from, {});
  return store.scan(from, { [foreignField]: { $in: values } });
}

export function runAggregate(store: Store, coll: string, stages: Mongo[], defaultLimit: number): Doc[] {
  for (const s of stages) if ('$match' in s) store.checkGeoQuery(coll, s.$match as Mongo);
  let i = 0;
  let docs: Doc[];
  if (stages.length > 0 && '$match' in stages[0]) {
    docs = store.scan(coll, stages[0].$match as Mongo);
    i = 1;
  } else {
    docs = store.scan(coll, {});
  }
  while (i < stages.length) {
    let j = i;
    while (j < stages.length && !('$lookup' in stages[j])) j++;
    docs = runPipeline(docs, stages.slice(i, j));
    if (j === stages.length) break;
    const lookup = stages[j].$lookup as Mongo;
    const foreign = foreignDocs(store, docs, lookup);
    docs = runPipeline(docs, [stages[j]], () => foreign);
    i = j + 1;
  }
  // CloudBase returns at most 20 aggregate results when the pipeline has no limit stage.
  if (!stages.some((s) => '$limit' in s)) docs = docs.slice(0, defaultLimit);
  return docs;
}
