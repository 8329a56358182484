/**
 * where(): CloudBase conditions → MongoDB queries for mingo, following @cloudbase/database's
 * QuerySerializer: nested plain objects flatten into dotted paths, commands bind to the field
 * they sit under, raw `$` operators pass through (validated), and undefined values are refused.
 */
import { DbRegExp, ServerDate, isPlainObject } from './codec';
import {
  CommandBase,
  LogicCommand,
  QueryCommand,
  UpdateCommand,
  requireArray,
  type Mongo,
  type QueryOp,
} from './command';
import { EngineError } from './errors';
import { GeoMultiPolygon, GeoPoint, GeoPolygon, isGeoValue } from './geo';

const MONGO_OP: Partial<Record<QueryOp, string>> = {
  eq: '$eq',
  neq: '$ne',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  in: '$in',
  nin: '$nin',
  all: '$all',
  exists: '$exists',
  size: '$size',
  mod: '$mod',
};

/** Raw MongoDB field operators accepted in where() (the SDK passes `$`-keys through unchanged). */
// prettier-ignore
const FIELD_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$all', '$elemMatch', '$exists', '$size',
  '$mod', '$regex', '$options', '$not', '$type', '$nearSphere', '$geoWithin',
]);

function undefinedError(path: string): EngineError {
  return new EngineError(
    `where() condition "${path}" is undefined. CloudBase silently drops undefined conditions ` +
      `(the query would match more than intended), so the local engine refuses it`,
  );
}

/** A value compared against stored data: Dates, geo and regexps in their stored/mingo form. */
export function encodeValue(v: unknown, path: string): unknown {
  if (v === undefined) throw undefinedError(path);
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v;
  if (v instanceof ServerDate) return v.resolve();
  if (v instanceof DbRegExp) return v.toRegExp();
  if (v instanceof RegExp) return v;
  if (isGeoValue(v)) return v.toJSON();
  if (v instanceof CommandBase)
    throw new EngineError(`"${path}": a db.command operator cannot be used as a plain value here`);
  if (Array.isArray(v)) return v.map((x, i) => encodeValue(x, `${path}.${i}`));
  if (isPlainObject(v)) {
    const out: Mongo = {};
    for (const [k, x] of Object.entries(v)) out[k] = encodeValue(x, `${path}.${k}`);
    return out;
  }
  throw new EngineError(`"${path}": unsupported value type`);
}

export function encodeWhere(cond: unknown): Mongo {
  if (cond instanceof LogicCommand) return encodeTopLogic(cond);
  if (cond instanceof CommandBase)
    throw new EngineError('where() takes an object or a logic command (_.and / _.or / _.nor)');
  if (!isPlainObject(cond)) throw new EngineError('查询参数必须为对象 (where() takes a plain object)');
  return combine(queryClauses(cond, ''));
}

function combine(clauses: Mongo[]): Mongo {
  if (clauses.length === 0) return {};
  if (clauses.length === 1) return clauses[0];
  const keys = clauses.flatMap((c) => Object.keys(c));
  if (new Set(keys).size === keys.length) return Object.assign({}, ...clauses) as Mongo;
  return { $and: clauses };
}

function encodeTopLogic(cmd: LogicCommand): Mongo {
  if (cmd.operator === 'not') throw new EngineError('_.not() must be used on a field: { field: _.not(...) }');
  if (cmd.operands.length === 0) throw new EngineError(`_.${cmd.operator}() needs at least one condition`);
  return { [`$${cmd.operator}`]: cmd.operands.map((o) => encodeWhere(o)) };
}

function queryClauses(obj: Record<string, unknown>, prefix: string): Mongo[] {
  const clauses: Mongo[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v === undefined) throw undefinedError(path);
    if (k.startsWith('$')) {
      if (prefix) throw new EngineError(`unknown query operator ${k} at "${prefix}"`);
      clauses.push(topLevelOperator(k, v));
      continue;
    }
    clauses.push(...fieldClauses(path, v));
  }
  return clauses;
}

function topLevelOperator(op: string, v: unknown): Mongo {
  if (op === '$and' || op === '$or' || op === '$nor') {
    if (!Array.isArray(v) || v.length === 0) throw new EngineError(`${op} must be a non-empty array`);
    return { [op]: v.map((x) => encodeWhere(x)) };
  }
  if (op === '$expr') return { $expr: v };
  throw new EngineError(`unknown top-level query operator ${op}`);
}

function fieldClauses(path: string, v: unknown): Mongo[] {
  if (v instanceof QueryCommand) return [queryCommandClause(path, v)];
  if (v instanceof LogicCommand) return [logicCommandClause(path, v)];
  if (v instanceof UpdateCommand)
    throw new EngineError(`"${path}": update operator _.${v.operator}() cannot be used in a query`);
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    const ops = keys.filter((k) => k.startsWith('$'));
    const nested = keys.filter((k) => !k.startsWith('$'));
    const out: Mongo[] = [];
    if (ops.length > 0) {
      const doc: Mongo = {};
      for (const op of ops) doc[op] = v[op];
      out.push({ [path]: operatorDoc(path, doc) });
    }
    if (nested.length > 0) {
      const sub: Record<string, unknown> = {};
      for (const k of nested) sub[k] = v[k];
      out.push(...queryClauses(sub, path));
    }
    return out; // `{a: {}}` adds no condition, as in the SDK's flattening
  }
  return [{ [path]: encodeValue(v, path) }];
}

/** A raw `{ $gt: 1, ... }` document under a field, validated and with values encoded. */
function operatorDoc(path: string, doc: Mongo): Mongo {
  const out: Mongo = {};
  for (const [op, v] of Object.entries(doc)) {
    if (v === undefined) throw undefinedError(`${path}.${op}`);
    if (!FIELD_OPERATORS.has(op)) throw new EngineError(`unknown query operator ${op} at "${path}"`);
    if (op === '$elemMatch') out[op] = elemMatchArg(path, v);
    else if (op === '$not') out[op] = notArg(path, v);
    else if (op === '$options' || op === '$regex' || op === '$type') out[op] = v;
    else out[op] = encodeValue(v, path);
  }
  return out;
}

function elemMatchArg(path: string, v: unknown): Mongo {
  const doc = operatorDocOf(path, v);
  if (doc) return doc;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor'].includes(k)))
      return operatorDoc(path, v);
    return encodeWhere(v);
  }
  throw new EngineError(`"${path}": elemMatch takes a condition object or a command`);
}

function notArg(path: string, v: unknown): unknown {
  if (v instanceof RegExp) return v;
  if (v instanceof DbRegExp) return v.toRegExp();
  const doc = operatorDocOf(path, v);
  if (doc) return doc;
  if (isPlainObject(v)) return operatorDoc(path, v);
  throw new EngineError(`"${path}": $not takes an operator expression or a regular expression`);
}

/**
 * A command as a field-less operator document (`_.gt(1).and(_.lt(5))` → `{$gt:1,$lt:5}`), for
 * places MongoDB wants one ($elemMatch on scalars, $not). Undefined when it has no such form.
 */
export function operatorDocOf(path: string, v: unknown): Mongo | undefined {
  if (v instanceof QueryCommand) {
    const clause = queryCommandClause(path, v);
    const doc = clause[path];
    return isPlainObject(doc) && Object.keys(clause).length === 1 ? doc : undefined;
  }
  if (v instanceof LogicCommand && v.operator === 'and') {
    const merged: Mongo = {};
    for (const o of v.operands) {
      const doc = operatorDocOf(path, o);
      if (!doc) return undefined;
      for (const [op, x] of Object.entries(doc)) {
        if (op in merged) return undefined;
        merged[op] = x;
      }
    }
    return merged;
  }
  return undefined;
}

function queryCommandClause(path: string, cmd: QueryCommand): Mongo {
  const [arg] = cmd.operands;
  switch (cmd.operator) {
    case 'in':
    case 'nin':
    case 'all':
      return {
        [path]: {
          [MONGO_OP[cmd.operator] as string]: requireArray(cmd.operator, arg).map((x, i) =>
            encodeValue(x, `${path}.${i}`),
          ),
        },
      };
    case 'elemMatch':
      return { [path]: { $elemMatch: elemMatchArg(path, arg) } };
    case 'exists':
      if (typeof arg !== 'boolean') throw new EngineError(`"${path}": exists() takes a boolean`);
      return { [path]: { $exists: arg } };
    case 'size':
      if (!Number.isInteger(arg) || (arg as number) < 0)
        throw new EngineError(`"${path}": size() takes a non-negative integer`);
      return { [path]: { $size: arg } };
    case 'geoNear': {
      const o = arg as { geometry: GeoPoint; maxDistance?: number; minDistance?: number };
      const near: Mongo = { $geometry: o.geometry.toJSON() };
      if (o.maxDistance !== undefined) near.$maxDistance = o.maxDistance;
      if (o.minDistance !== undefined) near.$minDistance = o.minDistance;
      return { [path]: { $nearSphere: near } };
    }
    case 'geoWithin': {
      const o = arg as { geometry?: GeoPolygon | GeoMultiPolygon; centerSphere?: unknown };
      if (o.centerSphere !== undefined) {
        const cs = o.centerSphere;
        if (!Array.isArray(cs) || cs.length !== 2)
          throw new EngineError('centerSphere must be [center, radiusInRadians]');
        const center = cs[0] instanceof GeoPoint ? cs[0].toJSON().coordinates : cs[0];
        return { [path]: { $geoWithin: { $centerSphere: [center, cs[1]] } } };
      }
      return { [path]: { $geoWithin: { $geometry: (o.geometry as GeoPolygon | GeoMultiPolygon).toJSON() } } };
    }
    case 'geoIntersects':
      throw new EngineError('geoIntersects is not supported by the local engine');
    default:
      return { [path]: { [MONGO_OP[cmd.operator] as string]: encodeValue(arg, path) } };
  }
}

function logicCommandClause(path: string, cmd: LogicCommand): Mongo {
  if (cmd.operator === 'not') {
    if (cmd.operands.length !== 1) throw new EngineError(`"${path}": _.not() takes exactly one command`);
    const inner = cmd.operands[0];
    if (inner instanceof RegExp || inner instanceof DbRegExp) return { [path]: { $not: notArg(path, inner) } };
    const doc = operatorDocOf(path, inner);
    if (doc) return { [path]: { $not: doc } };
    return { $nor: [logicOperand(path, inner)] };
  }
  if (cmd.operands.length === 0) throw new EngineError(`"${path}": _.${cmd.operator}() needs at least one condition`);
  return { [`$${cmd.operator}`]: cmd.operands.map((o) => logicOperand(path, o)) };
}

/** An operand of a field-level and/or/nor: commands bind to the field; plain objects are whole conditions (SDK). */
function logicOperand(path: string, o: unknown): Mongo {
  if (o instanceof QueryCommand || o instanceof LogicCommand) return combine(fieldClauses(path, o));
  if (isPlainObject(o)) return encodeWhere(o);
  return { [path]: encodeValue(o, path) };
}

/** field(): booleans and numbers become 1/0; operator objects ($slice, $elemMatch) pass through. */
export function encodeProjection(projection: unknown): Mongo {
  if (!isPlainObject(projection)) throw new EngineError('field() takes an object');
  const out: Mongo = {};
  for (const [k, v] of Object.entries(projection)) {
    if (typeof v === 'boolean') out[k] = v ? 1 : 0;
    else if (typeof v === 'number') out[k] = v > 0 ? 1 : 0;
    else if (isPlainObject(v)) out[k] = isPlainObject(v.$elemMatch) ? { $elemMatch: encodeWhere(v.$elemMatch) } : v;
  }
  return out;
}
