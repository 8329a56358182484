/**
 * The field paths a query filters and sorts on, for the `onQuery` observer (the index-coverage
 * check compares them with the declared indexes).
 */
import type { Mongo } from './command';

const isObject = (v: unknown): v is Mongo => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field paths of an encoded (MongoDB) filter in first-seen order: through $and/$or/$nor, $not and $elemMatch. */
export function fieldPaths(filter: Mongo): string[] {
  const out = new Set<string>();
  const visit = (f: unknown, prefix: string) => {
    if (!isObject(f)) return;
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' || k === '$or' || k === '$nor') {
        if (Array.isArray(v)) v.forEach((x) => visit(x, prefix));
        continue;
      }
      if (k.startsWith('$')) continue; // $expr and the like name no field directly
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      if (!isObject(v)) continue;
      const elem = v.$elemMatch;
      // { arr: { $elemMatch: { sub: ... } } } filters on arr.sub
      if (isObject(elem) && Object.keys(elem).some((x) => !x.startsWith('$'))) visit(elem, path);
    }
  };
  visit(filter, '');
  return [...out];
}

/** Stages that keep the documents as stored, so a $sort among them can still use an index. */
const KEEPS_SHAPE = new Set(['$match', '$sort', '$skip', '$limit']);

/** An aggregate's first $match fields, and the fields of a $sort before the documents are reshaped. */
export function stageReport(stages: Mongo[]): { where: string[]; orderBy: string[] } {
  const first = stages[0];
  const where = first && isObject(first.$match) ? fieldPaths(first.$match) : [];
  const orderBy: string[] = [];
  for (const stage of stages) {
    const [name] = Object.keys(stage);
    if (!KEEPS_SHAPE.has(name)) break;
    if (name === '$sort' && isObject(stage.$sort)) {
      orderBy.push(...Object.keys(stage.$sort));
      break;
    }
  }
  return { where, orderBy };
}
