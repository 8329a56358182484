// Test helpers: fast-check generators of hostile inputs for the action fuzz (access/fuzz tests).
import fc from 'fast-check';
import { ERROR_CODES } from '../types';
import type { Input } from './action-samples';

const CHINESE = /[\u3400-\u9fff]/;

/** An object whose keys are all own properties, `__proto__` and `constructor` included (as JSON.parse makes them). */
export function ownObject(entries: [string, unknown][]): Input {
  const o: Input = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

// prettier-ignore
const INVISIBLE = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', // zero-width
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', // bidi
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', // control
  '\u3000', '\u00a0', ' ', '\t', '\n', '\r', '\u2028', '\u2029', // white space
];

/** Strings made only or partly of invisible characters, around words that must be caught or counted. */
export const invisibleString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...INVISIBLE), fc.constantFrom('办', '证', '燃气', 'a', '1', '😀', '\ud800')), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));

/** Long strings: mostly tens of kilobytes, rarely up to 1 MB, so a run stays quick. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 501, max: 20_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 1_000_000 }) },
    ),
    fc.constantFrom('a', '办', '\u200b', '燃气泄漏 ', '$', '.'),
  )
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

const OPERATOR_OBJECTS: (() => unknown)[] = [
  () => ({ $gt: '' }),
  () => ({ $ne: null }),
  () => ({ $where: 'sleep(1000) || true' }),
  () => ({ $regex: '.*' }),
  () => ({ $in: [] }),
  () => ({ $exists: true }),
  () => ({ _id: { $ne: null } }),
  () => ({ $or: [{ _id: { $exists: true } }] }),
  () => ({ $set: { roles: ['admin'] } }),
  () => JSON.parse('{"__proto__": {"roles": ["admin"], "polluted": true}}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  () => JSON.parse('{"__proto__": null}'),
];
export const operatorObject: fc.Arbitrary<unknown> = fc.constantFrom(...OPERATOR_OBJECTS).map((make) => make());

/** Numbers at and past every bound, and the NaN-ish. */
export const oddNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, 2 ** 31, 2 ** 53 + 1, 1e18, -1e18, 1e308, -1e-308, NaN, Infinity, -Infinity),
  fc.constantFrom('NaN', '1e18', ' 1 ', '0x10', '', '-1'),
  fc.integer(),
  fc.double(),
);

/** Keys worth trying: prototype names, operators, platform keys, names of real fields. */
export function junkKey(fieldNames: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
    fc.constantFrom('$where', '$gt', '$set', '_id', 'a.b', '$', ''),
    fc.constantFrom('action', 'openid', 'OPENID', 'roles', 'userInfo', 'tcbContext', 'departmentId', 'reporterKey'),
    ...(fieldNames.length ? [fc.constantFrom(...fieldNames)] : []),
    fc.string({ maxLength: 12 }),
  );
}

/** Any JSON-ish value, nested, with hostile leaves. */
export function junkValue(fieldNames: string[], plausible: unknown[]): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
      fc.constantFrom(null, undefined, true, false, {}, []),
      oddNumber,
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      invisibleString,
      operatorObject,
      ...(plausible.length ? [fc.constantFrom(...plausible)] : []),
      { weight: 1, arbitrary: hugeString },
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.tuple(junkKey(fieldNames), tie('value')), { maxLength: 4 }).map(ownObject),
    ),
  }));
  return value;
}

/** Every path to a value inside `v` (objects and arrays), the root included as []. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Input)[k], [...prefix, k], out);
  return out;
}

/** Values at the edges of what `current`'s kind of field accepts: bounds, padding, invisible characters. */
// prettier-ignore
/** A short text for a value: objects without a prototype (operator objects, parsed input) have no String(). */
const scalarText = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : 'x');

function edgeValues(current: unknown): unknown[] {
  if (typeof current === 'number') {
    return [
      0,
      -1,
      -0,
      0.5,
      current + 0.5,
      current - 1,
      current + 1,
      current * 1000,
      2 ** 31,
      2 ** 53 + 1,
      1e18,
      -1e18,
      1e308,
      NaN,
      Infinity,
      -Infinity,
      String(current),
    ];
  }
  if (typeof current === 'string') {
    return [
      '',
      ' ',
      '\u200b'.repeat(5),
      '\u3000\u3000',
      `${current}\u200b`,
      `\u200b${current}`,
      `${current[0] ?? ''}\u200b${current.slice(1)}`,
      ` ${current} `,
      current.toLowerCase(),
      current.toUpperCase(),
      current.repeat(60),
      `\u202e${current}`,
      `${current}\u0000`,
      current.slice(0, 1),
      current.slice(0, -1),
      '9999-12-31',
      '0000-01-01',
      '2026-11-28T10:00:00Z',
      'null',
      '0',
    ];
  }
  if (typeof current === 'boolean') return ['true', 'false', 1, 0, null, !current];
  if (Array.isArray(current)) {
    return [
      [],
      [null],
      [current[0] ?? 'x', current[0] ?? 'x'],
      Array.from({ length: 1000 }, (_, i) => `${scalarText(current[0])}${i}`),
      current[0] ?? 'x',
      {},
      null,
    ];
  }
  if (current && typeof current === 'object') return [{}, [], null, '', ...OPERATOR_OBJECTS.map((make) => make())];
  return [0, '', {}, [], false];
}

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'edge'; at: number; pick: number }
  | { kind: 'delete'; at: number }
  | { kind: 'addKey'; at: number; key: string; value: unknown }
  | { kind: 'wrap'; at: number };

function mutation(fieldNames: string[], plausible: unknown[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const value = junkValue(fieldNames, plausible);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, value }) },
    // Near-valid values keep the input well-shaped, so the checks behind the schema run too.
    ...(plausible.length
      ? [
          {
            weight: 3,
            arbitrary: fc.record({ kind: fc.constant('replace' as const), at, value: fc.constantFrom(...plausible) }),
          },
        ]
      : []),
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('edge' as const), at, pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), at, key: junkKey(fieldNames), value }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), at }) },
  );
}

/**
 * A copy of an inserted value: generated values may be shared (the plausible ids and fixtures are the same
 * objects in every case), and inserting one inside itself made a cycle that overflowed `paths` or leaked into
 * the next case.
 */
const fresh = (v: unknown): unknown => (v && typeof v === 'object' ? structuredClone(v) : v);

/** Applies mutations to a deep copy of `base` (keys are copied as own properties). */
export function mutate(base: Input, mutations: Mutation[]): Input {
  let root: unknown = structuredClone(base);
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length];
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const parent = parentPath.reduce<unknown>((o, k) => (o as Input)[k as string], root) as Input | unknown[];
    const current = path.reduce<unknown>((o, k) => (o as Input)[k as string], root);
    const put = (value: unknown) => {
      const v = fresh(value);
      if (key === undefined) root = v;
      else Object.defineProperty(parent, key, { value: v, enumerable: true, writable: true, configurable: true });
    };
    if (m.kind === 'replace') put(m.value);
    else if (m.kind === 'edge') {
      const edges = edgeValues(current);
      put(edges[m.pick % edges.length]);
    } else if (m.kind === 'wrap') put([current]);
    else if (m.kind === 'delete') {
      if (key === undefined) continue;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Input)[key as string];
    } else if (current && typeof current === 'object' && !Array.isArray(current)) {
      const value = fresh(m.value);
      Object.defineProperty(current, m.key, { value, enumerable: true, writable: true, configurable: true });
    } else put(ownObject([[m.key, m.value]]));
  }
  return root && typeof root === 'object' && !Array.isArray(root) ? (root as Input) : ownObject([['value', root]]);
}

/**
 * Inputs for one action: mutations of its valid samples (most cases, to reach the checks behind the
 * schema), objects of junk keyed by its real field names and hostile keys, and the samples unchanged.
 */
export function actionInput(samples: (() => Input)[], plausible: unknown[]): fc.Arbitrary<Input> {
  const fieldNames = [...new Set(samples.flatMap((s) => Object.keys(s())))];
  const sample = fc.nat({ max: Math.max(0, samples.length - 1) }).map((i) => samples[i]?.() ?? {});
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(sample, fc.array(mutation(fieldNames, plausible), { minLength: 1, maxLength: 3 }))
        .map(([base, ms]) => mutate(base, ms)),
    },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.tuple(junkKey(fieldNames), junkValue(fieldNames, plausible)), { maxLength: 6 })
        .map(ownObject),
    },
    { weight: 1, arbitrary: sample },
  );
}

/** Why `res` is not a well-formed envelope, or null. */
export function envelopeProblem(res: unknown): string | null {
  if (!res || typeof res !== 'object') return 'not an object';
  try {
    JSON.stringify(res);
  } catch {
    return 'not JSON-serialisable';
  }
  const r = res as Record<string, unknown>;
  if (r.ok === true) return Object.keys(r).join() === 'ok,data' ? null : `keys ${Object.keys(r).join()}`;
  if (r.ok !== false) return 'ok is neither true nor false';
  if (Object.keys(r).join() !== 'ok,error') return `keys ${Object.keys(r).join()}`;
  const e = r.error as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object') return 'error missing';
  if (!(ERROR_CODES as readonly unknown[]).includes(e.code)) return `unknown code ${String(e.code)}`;
  if (typeof e.message !== 'string' || !CHINESE.test(e.message)) return 'message not a Chinese string';
  for (const k of Object.keys(e)) {
    if (!['code', 'message', 'issues', 'retryAfterSeconds'].includes(k)) return `unexpected error key ${k}`;
  }
  if (e.issues !== undefined) {
    const ok =
      Array.isArray(e.issues) &&
      e.issues.every(
        (i) => i && typeof i === 'object' && typeof i.path === 'string' && typeof i.message === 'string' && i.message,
      );
    if (!ok) return 'malformed issues';
  }
  if (e.retryAfterSeconds !== undefined && !(typeof e.retryAfterSeconds === 'number' && e.retryAfterSeconds > 0)) {
    return 'malformed retryAfterSeconds';
  }
  return null;
}
