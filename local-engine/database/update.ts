/**
 * update() / set(): CloudBase update data → a MongoDB update modifier, following
 * @cloudbase/database's UpdateSerializer: nested plain objects merge at leaf level (`$set` per
 * leaf), `_.set(obj)` replaces a field, commands map to their MongoDB operators.
 */
import { isPlainObject, toStoredValue } from './codec';
import { CommandBase, UpdateCommand, requireArray, type Mongo } from './command';
import { EngineError } from './errors';
import { encodeValue, encodeWhere, operatorDocOf } from './where';

export type Modifier = Record<string, Record<string, unknown>>;

// prettier-ignore
const RAW_UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pop', '$addToSet', '$pull', '$pullAll', '$rename',
]);

export function assertUpdateData(data: unknown): asserts data is Record<string, unknown> {
  if (!isPlainObject(data)) throw new EngineError('参数必需是非空对象 (options.data must be an object)');
  if (Object.keys(data).length === 0) throw new EngineError('options.data should not be empty');
  if (Object.prototype.hasOwnProperty.call(data, '_id'))
    throw new EngineError('不能更新_id的值 (_id cannot be updated)');
}

export function encodeUpdate(data: unknown): Modifier {
  assertUpdateData(data);
  const mod: Modifier = {};
  const add = (op: string, path: string, v: unknown) => {
    (mod[op] ??= {})[path] = v;
  };
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (v === undefined) continue; // the SDK drops undefined members
      const path = prefix ? `${prefix}.${k}` : k;
      if (k.startsWith('$')) {
        if (prefix || !RAW_UPDATE_OPERATORS.has(k) || !isPlainObject(v))
          throw new EngineError(`unknown update operator ${k}`);
        for (const [p, x] of Object.entries(v)) add(k, p, k === '$pull' ? pullArg(p, x) : toStoredValue(x, p));
        continue;
      }
      if (v instanceof UpdateCommand) updateCommand(path, v, add);
      else if (v instanceof CommandBase)
        throw new EngineError(`"${path}": query operators cannot be used in update data`);
      else if (isPlainObject(v))
        walk(v, path); // nested objects merge at leaf level; `{}` is dropped (SDK)
      else add('$set', path, toStoredValue(v, path));
    }
  };
  walk(data, '');
  checkPathConflicts(mod);
  return mod;
}

function updateCommand(path: string, cmd: UpdateCommand, add: (op: string, path: string, v: unknown) => void): void {
  const [arg] = cmd.operands;
  const num = (name: string) => {
    if (typeof arg !== 'number' || !Number.isFinite(arg)) throw new EngineError(`"${path}": ${name}() takes a number`);
    return arg;
  };
  switch (cmd.operator) {
    case 'set':
      if (arg === undefined) throw new EngineError(`"${path}": set() needs a value`);
      return add('$set', path, toStoredValue(arg, path));
    case 'remove':
      return add('$unset', path, '');
    case 'inc':
      return add('$inc', path, num('inc'));
    case 'mul':
      return add('$mul', path, num('mul'));
    case 'min':
      return add('$min', path, toStoredValue(arg, path));
    case 'max':
      return add('$max', path, toStoredValue(arg, path));
    case 'push': {
      const args = cmd.operands;
      if (args.length === 1 && isPlainObject(arg) && Object.prototype.hasOwnProperty.call(arg, 'each')) {
        const o = arg as { each: unknown; position?: unknown; sort?: unknown; slice?: unknown };
        const spec: Mongo = {
          $each: requireArray('push each', o.each).map((x, i) => toStoredValue(x, `${path}.${i}`)),
        };
        if (o.position !== undefined) spec.$position = o.position;
        if (o.sort !== undefined) spec.$sort = o.sort;
        if (o.slice !== undefined) spec.$slice = o.slice;
        return add('$push', path, spec);
      }
      const values = args.length === 1 && Array.isArray(arg) ? arg : args;
      return add('$push', path, { $each: values.map((x, i) => toStoredValue(x, `${path}.${i}`)) });
    }
    case 'unshift':
      return add('$push', path, { $each: cmd.operands.map((x, i) => toStoredValue(x, `${path}.${i}`)), $position: 0 });
    case 'pop':
      return add('$pop', path, 1);
    case 'shift':
      return add('$pop', path, -1);
    case 'addToSet': {
      // The SDK passes addToSet's argument through unchanged: only `{ $each: [...] }` adds several
      // elements on CloudBase; `{ each: [...] }` would add that object as one element.
      if (isPlainObject(arg) && Object.keys(arg).length === 1 && Array.isArray(arg.$each)) {
        return add('$addToSet', path, { $each: arg.$each.map((x, i) => toStoredValue(x, `${path}.${i}`)) });
      }
      if (isPlainObject(arg) && Object.keys(arg).length === 1 && Array.isArray(arg.each)) {
        throw new EngineError(
          `"${path}": write _.addToSet({ $each: [...] }); CloudBase would add { each } as one element`,
        );
      }
      return add('$addToSet', path, toStoredValue(arg, path));
    }
    case 'pull':
      return add('$pull', path, pullArg(path, arg));
    case 'pullAll':
      return add(
        '$pullAll',
        path,
        (arg as unknown[]).map((x, i) => toStoredValue(x, `${path}.${i}`)),
      );
    case 'rename':
      if (typeof arg !== 'string' || arg === '') throw new EngineError(`"${path}": rename() takes the new field name`);
      return add('$rename', path, arg);
  }
}

/** `_.pull(value)`, `_.pull(_.in([...]))`, `_.pull({ score: _.gt(3) })`. */
function pullArg(path: string, v: unknown): unknown {
  const doc = operatorDocOf(path, v);
  if (doc) return doc;
  if (isPlainObject(v)) return encodeWhere(v);
  return encodeValue(v, path);
}

/** MongoDB refuses two updates where one path is a prefix of the other; mingo would not. */
function checkPathConflicts(mod: Modifier): void {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(mod)) {
    for (const [p, v] of Object.entries(fields)) {
      paths.push(p);
      if (op === '$rename') paths.push(v as string);
    }
  }
  for (const p of paths) {
    if (p === '_id' || p.startsWith('_id.')) throw new EngineError('不能更新_id的值 (_id cannot be updated)');
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === b || b.startsWith(`${a}.`))
      throw new EngineError(`Updating the path '${b}' would create a conflict at '${a}'`);
  }
}

/** doc().set(): the whole new document body (no commands, no `_id`). */
export function encodeSetData(data: unknown): Record<string, unknown> {
  assertUpdateData(data);
  return toStoredValue(data, '') as Record<string, unknown>;
}
