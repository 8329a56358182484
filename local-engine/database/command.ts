/**
 * `db.command` (`_`): the operator objects callers build. They carry no field name; the
 * translators (where.ts, update.ts) bind them to the field they sit under, as the SDK does.
 */
import { COMMAND_BRAND } from './codec';
import { EngineError } from './errors';
import { GeoMultiPolygon, GeoPoint, GeoPolygon } from './geo';

export type Mongo = Record<string, unknown>;

export abstract class CommandBase {
  readonly [COMMAND_BRAND] = true as const;
}

// prettier-ignore
export type QueryOp =
  | 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'all' | 'elemMatch'
  | 'exists' | 'size' | 'mod' | 'geoNear' | 'geoWithin' | 'geoIntersects';
type LogicOp = 'and' | 'or' | 'nor' | 'not';
// prettier-ignore
type UpdateOp =
  | 'set' | 'remove' | 'inc' | 'mul' | 'min' | 'max' | 'push' | 'pop' | 'shift' | 'unshift'
  | 'addToSet' | 'pull' | 'pullAll' | 'rename';

/** Chaining shared by query and logic commands: `_.gt(1).and(_.lt(5))`, `_.gt(1).lt(5)`. */
abstract class Chainable extends CommandBase {
  and(...args: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...spread(args)]);
  }
  or(...args: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...spread(args)]);
  }
  eq(v: unknown) {
    return this.and(new QueryCommand('eq', [v]));
  }
  neq(v: unknown) {
    return this.and(new QueryCommand('neq', [v]));
  }
  gt(v: unknown) {
    return this.and(new QueryCommand('gt', [v]));
  }
  gte(v: unknown) {
    return this.and(new QueryCommand('gte', [v]));
  }
  lt(v: unknown) {
    return this.and(new QueryCommand('lt', [v]));
  }
  lte(v: unknown) {
    return this.and(new QueryCommand('lte', [v]));
  }
  in(list: unknown[]) {
    return this.and(new QueryCommand('in', [list]));
  }
  nin(list: unknown[]) {
    return this.and(new QueryCommand('nin', [list]));
  }
}

export class QueryCommand extends Chainable {
  constructor(
    readonly operator: QueryOp,
    readonly operands: unknown[],
  ) {
    super();
  }
}

export class LogicCommand extends Chainable {
  constructor(
    readonly operator: LogicOp,
    readonly operands: unknown[],
  ) {
    super();
  }
}

export class UpdateCommand extends CommandBase {
  constructor(
    readonly operator: UpdateOp,
    readonly operands: unknown[],
  ) {
    super();
  }
}

/** `_.and(a, b)` and `_.and([a, b])` are the same (SDK). */
function spread(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
}

export function requireArray(name: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new EngineError(`${name}() takes an array`);
  return v;
}

/** Aggregation expression helpers: `$.sum('$n')` is `{ $sum: '$n' }`. */
// prettier-ignore
const AGGREGATE_OPERATORS = [
  'abs', 'add', 'ceil', 'divide', 'exp', 'floor', 'ln', 'log', 'log10', 'mod', 'multiply', 'pow',
  'sqrt', 'subtract', 'trunc', 'arrayElemAt', 'arrayToObject', 'concatArrays', 'filter', 'in',
  'indexOfArray', 'isArray', 'map', 'range', 'reduce', 'reverseArray', 'size', 'slice', 'zip',
  'and', 'not', 'or', 'cmp', 'eq', 'gt', 'gte', 'lt', 'lte', 'cond', 'ifNull', 'switch',
  'dateFromParts', 'dateFromString', 'dayOfMonth', 'dayOfWeek', 'dayOfYear', 'isoDayOfWeek',
  'isoWeek', 'isoWeekYear', 'millisecond', 'minute', 'month', 'second', 'hour', 'week', 'year',
  'dateToString', 'literal', 'mergeObjects', 'objectToArray', 'allElementsTrue', 'anyElementTrue',
  'setDifference', 'setEquals', 'setIntersection', 'setIsSubset', 'setUnion', 'concat',
  'indexOfBytes', 'indexOfCP', 'split', 'strLenBytes', 'strLenCP', 'strcasecmp', 'substr',
  'substrBytes', 'substrCP', 'toLower', 'toUpper', 'addToSet', 'avg', 'first', 'last', 'max',
  'min', 'push', 'stdDevPop', 'stdDevSamp', 'sum', 'let',
] as const;

type AggregateHelpers = Record<(typeof AGGREGATE_OPERATORS)[number] | 'neq', (param: unknown) => Mongo>;

function aggregateHelpers(): AggregateHelpers {
  const out = {} as AggregateHelpers;
  for (const name of AGGREGATE_OPERATORS) out[name] = (param: unknown) => ({ [`$${name}`]: param });
  out.neq = (param: unknown) => ({ $ne: param });
  return out;
}

export function createCommand() {
  const q = (op: QueryOp) => (v: unknown) => new QueryCommand(op, [v]);
  return {
    eq: q('eq'),
    neq: q('neq'),
    gt: q('gt'),
    gte: q('gte'),
    lt: q('lt'),
    lte: q('lte'),
    in: (list: unknown[]) => new QueryCommand('in', [requireArray('in', list)]),
    nin: (list: unknown[]) => new QueryCommand('nin', [requireArray('nin', list)]),
    all: (list: unknown[]) => new QueryCommand('all', [requireArray('all', list)]),
    elemMatch: q('elemMatch'),
    exists: (v: boolean) => new QueryCommand('exists', [v]),
    size: (n: number) => new QueryCommand('size', [n]),
    mod: (divisor: number, remainder?: number) =>
      new QueryCommand('mod', [Array.isArray(divisor) ? divisor : [divisor, remainder ?? 0]]),
    geoNear: (options: { geometry: GeoPoint; maxDistance?: number; minDistance?: number }) => {
      if (!options || !(options.geometry instanceof GeoPoint))
        throw new EngineError('"geometry" must be of type Point');
      return new QueryCommand('geoNear', [options]);
    },
    geoWithin: (options: { geometry?: GeoPolygon | GeoMultiPolygon; centerSphere?: unknown }) => {
      const g = options?.geometry;
      if (!(g instanceof GeoPolygon) && !(g instanceof GeoMultiPolygon) && options?.centerSphere === undefined) {
        throw new EngineError('"geometry" must be of type Polygon or MultiPolygon');
      }
      return new QueryCommand('geoWithin', [options]);
    },
    geoIntersects: (options: unknown) => new QueryCommand('geoIntersects', [options]),
    and: (...args: unknown[]) => new LogicCommand('and', spread(args)),
    or: (...args: unknown[]) => new LogicCommand('or', spread(args)),
    nor: (...args: unknown[]) => new LogicCommand('nor', spread(args)),
    not: (...args: unknown[]) => new LogicCommand('not', spread(args)),
    expr: (aggregateExpression: unknown): Mongo => ({ $expr: aggregateExpression }),

    set: (v: unknown) => new UpdateCommand('set', [v]),
    remove: () => new UpdateCommand('remove', []),
    inc: (n: number) => new UpdateCommand('inc', [n]),
    mul: (n: number) => new UpdateCommand('mul', [n]),
    min: (v: unknown) => new UpdateCommand('min', [v]),
    max: (v: unknown) => new UpdateCommand('max', [v]),
    push: (...args: unknown[]) => new UpdateCommand('push', args),
    pop: () => new UpdateCommand('pop', []),
    shift: () => new UpdateCommand('shift', []),
    unshift: (...args: unknown[]) => new UpdateCommand('unshift', spread(args)),
    addToSet: (v: unknown) => new UpdateCommand('addToSet', [v]),
    pull: (v: unknown) => new UpdateCommand('pull', [v]),
    pullAll: (list: unknown[]) => new UpdateCommand('pullAll', [requireArray('pullAll', list)]),
    rename: (newName: string) => new UpdateCommand('rename', [newName]),

    aggregate: aggregateHelpers(),
    project: {
      slice: (param: unknown): Mongo => ({ $slice: param }),
      elemMatch: (param: unknown): Mongo => ({ $elemMatch: param }),
    },
  };
}

export type Command = ReturnType<typeof createCommand>;
