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
import { compileFilter, runPipeline, type Doc } from './matcher';
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

const isEmptyValue = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isPlainObject(v) && Object.keys(v).length === 0);

/**
 * $match, $unwind (string form, a top-level field) and $project (computed fields, `_id: 0`) with mingo's
 * results, for the stages between the leading $match and a compiled $group — only the group sees their
 * output, so only the values along its paths matter. Undefined: mingo runs the pipeline.
 */
function compileStage(stage: Mongo): ((docs: Doc[]) => Doc[]) | undefined {
  const [name] = Object.keys(stage);
  const arg = stage[name];
  if (name === '$match') {
    if (!isPlainObject(arg)) return undefined;
    const match = compileFilter(arg);
    return (docs) => docs.filter(match);
  }
  if (name === '$unwind') {
    if (typeof arg !== 'string' || !/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(arg)) return undefined;
    const f = arg.slice(1);
    return (docs) => {
      const out: Doc[] = [];
      for (const d of docs) {
        const v = d[f];
        if (Array.isArray(v)) for (const item of v) out.push({ ...d, [f]: item });
        else if (!isEmptyValue(v)) out.push(d); // mingo keeps a non-empty non-array value as it is
      }
      return out;
    };
  }
  if (name === '$project') {
    if (!isPlainObject(arg)) return undefined;
    let keepId = true;
    const parts: [string, (doc: Doc) => unknown][] = [];
    for (const [k, v] of Object.entries(arg)) {
      if (k === '_id' && (v === 0 || v === false)) {
        keepId = false;
        continue;
      }
      if (k.includes('.') || typeof v === 'number' || typeof v === 'boolean') return undefined;
      if (isPlainObject(v) && !Object.keys(v)[0]?.startsWith('$')) return undefined;
      const f = compileExpr(v, new Set());
      if (!f) return undefined;
      parts.push([k, f]);
    }
    return (docs) =>
      docs.map((d) => {
        const o: Doc = {};
        if (keepId && d._id !== undefined) o._id = d._id;
        for (const [k, f] of parts) {
          const v = f(d);
          if (v !== undefined) o[k] = v;
        }
        return o;
      });
  }
  return undefined;
}

/** The stages up to a compiled $group, compiled; the group's index. */
function compileToGroup(stages: Mongo[], from: number) {
  const steps: ((docs: Doc[]) => Doc[])[] = [];
  for (let g = from; g < stages.length; g++) {
    if ('$group' in stages[g]) {
      const group = compileGroup(stages[g].$group);
      return group && { steps, group, at: g };
    }
    const step = compileStage(stages[g]);
    if (!step) return undefined;
    steps.push(step);
  }
  return undefined;
}

/** The fields a waiting pipeline over `coll` would read through the compiled path (see Store.waiting). */
function waitingFields(store: Store, coll: string): Set<string> {
  const out = new Set<string>();
  for (const w of store.waiting) {
    if (w.coll !== coll) continue;
    const at = w.stages.length > 0 && '$match' in w.stages[0] ? 1 : 0;
    if (!compileToGroup(w.stages, at)) continue;
    const fields = pipelineFields(w.stages.slice(at));
    const lead = at === 1 ? filterFields(w.stages[0].$match) : [];
    if (!fields || !lead) continue;
    for (const f of [...fields, ...lead]) out.add(f.split('.')[0]);
  }
  return out;
}

export function runAggregate(store: Store, coll: string, stages: Mongo[], defaultLimit: number): Doc[] {
  for (const s of stages) if ('$match' in s) store.checkGeoQuery(coll, s.$match as Mongo);
  let i = 0;
  let docs: Doc[];
  const lead = stages.length > 0 && '$match' in stages[0] ? (stages[0].$match as Mongo) : {};
  const groupAt = stages.length > 0 && '$match' in stages[0] ? 1 : 0;
  // [$match] + [$project/$unwind/$match…] + $group of supported shapes: compiled, over documents holding
  // only the fields they read.
  const fast = compileToGroup(stages, groupAt);
  const fields = fast && pipelineFields(stages.slice(groupAt));
  let grouped: Doc[] | undefined;
  if (fast && fields) {
    try {
      let rows = store.scanFields(coll, lead, fields, waitingFields(store, coll));
      for (const step of fast.steps) rows = step(rows);
      grouped = fast.group.run(rows);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e; // a value it cannot key: mingo runs the stages below
    }
  }
  const slim = grouped ? undefined : pipelineFields(stages.slice(groupAt));
  if (grouped && fast) {
    docs = grouped;
    i = fast.at + 1;
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
