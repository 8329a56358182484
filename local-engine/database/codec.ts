/**
 * Values in and out of the store.
 *
 * In memory a document is plain JSON-like data plus `Date` objects; geo values are GeoJSON.
 * On disk it is JSON text where each Date is tagged `{"$date":"<ISO>"}` so it comes back a Date
 * (ISO text also keeps SQLite's text ordering chronological for indexed date fields).
 */
import { ERR, EngineError } from './errors';
import { geoFromJSON, isGeoValue } from './geo';

/** Brand set on db.command objects so data encoders can refuse them without importing command.ts. */
export const COMMAND_BRAND: unique symbol = Symbol.for('local-engine.database.command');

export function isCommandObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { [COMMAND_BRAND]?: true })[COMMAND_BRAND] === true;
}

/** `db.serverDate({offset})`: resolved to the engine's clock when the operation runs. */
export class ServerDate {
  readonly offset: number;
  constructor(options: { offset?: number } = {}) {
    const offset = options.offset ?? 0;
    if (typeof offset !== 'number' || !Number.isFinite(offset))
      throw new EngineError('serverDate offset must be a number');
    this.offset = offset;
  }
  resolve(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** `db.RegExp({regexp, options})`. */
export class DbRegExp {
  readonly regexp: string;
  readonly options: string;
  constructor(opts: { regexp: string; options?: string }) {
    if (!opts || typeof opts.regexp !== 'string' || opts.regexp === '')
      throw new EngineError('regexp must be a string');
    this.regexp = opts.regexp;
    this.options = opts.options ?? '';
  }
  toRegExp(): RegExp {
    // MongoDB's i/m/s map to JS flags; x (extended) has no JS equivalent.
    if (/[^ims]/.test(this.options))
      throw new EngineError(`unsupported RegExp options "${this.options}" (supported: i, m, s)`);
    return new RegExp(this.regexp, this.options);
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A caller's value → the stored representation. `undefined` object members are dropped (the SDK
 * filters them); other non-JSON values are refused loudly rather than silently mangled.
 */
export function toStoredValue(v: unknown, path: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EngineError(`field "${path}": ${v} cannot be stored`);
    return v;
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new EngineError(`field "${path}": invalid Date`);
    return new Date(v.getTime());
  }
  if (v instanceof ServerDate) return v.resolve();
  if (isGeoValue(v)) return v.toJSON();
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : toStoredValue(x, `${path}.${i}`)));
  if (isCommandObject(v)) throw new EngineError(`field "${path}": a db.command operator is not a storable value`);
  if (v instanceof RegExp || v instanceof DbRegExp)
    throw new EngineError(`field "${path}": regular expressions cannot be stored`);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      // MongoDB (CloudBase) refuses these names in stored documents; dotted keys are paths only in update().
      if (k.startsWith('$'))
        throw new EngineError(
          `field name "${k}"${path ? ` (in "${path}")` : ''} must not start with "$" in a stored document`,
          ERR.DATABASE_REQUEST_FAILED,
        );
      if (k.includes('.'))
        throw new EngineError(
          `field name "${k}"${path ? ` (in "${path}")` : ''} must not contain "." in a stored document; use nested objects`,
          ERR.DATABASE_REQUEST_FAILED,
        );
      out[k] = toStoredValue(x, path ? `${path}.${k}` : k);
    }
    return out;
  }
  if (typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return toStoredValue((v as { toJSON(): unknown }).toJSON(), path);
  }
  throw new EngineError(`field "${path}": values of type ${typeof v} cannot be stored`);
}

/** A stored document → JSON text (Dates tagged). */
export function serialize(doc: Record<string, unknown>): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

function revive(_key: string, value: unknown): unknown {
  if (isPlainObject(value) && typeof value.$date === 'string') {
    const keys = Object.keys(value);
    if (keys.length === 1) return new Date(value.$date);
  }
  return value;
}

/** JSON text → stored document. The reviver only runs when a date tag is present. */
export function deserialize(text: string): Record<string, unknown> {
  return JSON.parse(text, text.includes('"$date"') ? revive : undefined) as Record<string, unknown>;
}

/** The exact JSON text SQLite's json_extract yields for a stored Date: used in SQL comparisons. */
export function dateSqlText(d: Date): string {
  return JSON.stringify({ $date: d.toISOString() });
}

/**
 * A stored document (fresh from deserialize, so mutation is safe) → what get() hands out:
 * GeoJSON becomes Geo instances, as the CloudBase SDK's formatResDocumentData does.
 */
export function toOutput<T>(v: T): T {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = toOutput(v[i]);
    return v;
  }
  if (isPlainObject(v)) {
    const geo = geoFromJSON(v);
    if (geo) return geo as unknown as T;
    const rec: Record<string, unknown> = v;
    for (const k of Object.keys(rec)) rec[k] = toOutput(rec[k]);
  }
  return v;
}
