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
import { Unsupported, compileExpr, compileGroup, copy } from './fast-group';
import { checkCollectionName, filterFields, type Store } from './store';

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

/**
 * The top-level fields a pipeline reads before it reshapes the documents ($group, $project without
 * exclusions, $count), or undefined when its output may carry whole documents or it reads in ways
 * not followed here ($lookup, $replaceRoot, $$ROOT…). The store can then hand it documents holding
 * only those fields, without parsing the rest.
 */
export function pipelineFields(stages: Mongo[]): string[] | undefined {
  const fields = new Set<string>();
  const top = (path: string) => fields.add(path.replace(/^\$/, '').split('.')[0]);
  for (const stage of stages) {
    const [name] = Object.keys(stage);
    const arg = stage[name];
    switch (name) {
      case '$match': {
        const used = filterFields(arg);
        if (!used) return undefined;
        used.forEach(top);
        break;
      }
      case '$sort':
        if (!isPlainObject(arg)) return undefined;
        Object.keys(arg).forEach(top);
        break;
      case '$unwind': {
        const path = typeof arg === 'string' ? arg : isPlainObject(arg) ? arg.path : undefined;
        if (typeof path !== 'string' || !path.startsWith('$')) return undefined;
        top(path);
        break;
      }
      case '$limit':
      case '$skip':
        break;
      case '$addFields':
        if (!isPlainObject(arg)) return undefined;
        for (const v of Object.values(arg)) if (!compileExpr(v, fields)) return undefined;
        break;
      case '$group': {
        const g = compileGroup(arg);
        if (!g) return undefined;
        g.fields.forEach(top);
        return [...fields];
      }
      case '$project': {
        if (!isPlainObject(arg)) return undefined;
        let keepsId = true;
        for (const [k, v] of Object.entries(arg)) {
          if (k === '_id' && (v === 0 || v === false)) keepsId = false;
          else if (v === 1 || v === true) top(k);
          else if (typeof v === 'number' || typeof v === 'boolean')
            return undefined; // exclusions keep the rest
          else if (isPlainObject(v) && !Object.keys(v)[0]?.startsWith('$'))
            return undefined; // nested projection
          else if (!compileExpr(v, fields)) return undefined;
        }
        if (keepsId) fields.add('_id');
        return [...fields];
      }
      case '$count':
        return [...fields];
      default:
        return undefined;
    }
  }
  return undefined; // the documents themselves come out
}

export function runAggregate(store: Store, coll: string, stages: Mongo[], defaultLimit: number): Doc[] {
  for (const s of stages) if ('$match' in s) store.checkGeoQuery(coll, s.$match as Mongo);
  let i = 0;
  let docs: Doc[];
  const lead = stages.length > 0 && '$match' in stages[0] ? (stages[0].$match as Mongo) : {};
  const groupAt = stages.length > 0 && '$match' in stages[0] ? 1 : 0;
  // [$match] + $group of a supported shape: compiled, over documents holding only the fields it reads.
  const fast =
    groupAt < stages.length && '$group' in stages[groupAt] ? compileGroup(stages[groupAt].$group) : undefined;
  let grouped: Doc[] | undefined;
  if (fast) {
    try {
      grouped = fast.run(store.scanFields(coll, lead, fast.fields));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e; // a value it cannot key: mingo runs the stage below
    }
  }
  const slim = grouped ? undefined : pipelineFields(stages.slice(groupAt));
  if (grouped) {
    docs = grouped;
    i = groupAt + 1;
  } else if (slim) {
    // Only the fields the pipeline reads (copied: the store's documents may be shared with its cache).
    docs = store.scanFields(coll, lead, slim).map(copy);
    i = groupAt;
  } else if (stages.length > 0 && '$match' in stages[0]) {
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
