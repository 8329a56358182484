/**
 * Property-based fuzz of every action of every function (issue 6 §3), read from FUNCTIONS at run time.
 * The suite is split into shards (cloudfunctions/core/actions.fuzz*.test.ts), one per test file, so jest's
 * workers run them side by side: at 1,000 cases per action one file took most of `npm test`'s jest stage.
 * For each action, ≥ FUZZ_RUNS generated inputs (hostile shapes and mutations of a valid input) are sent
 * through dispatch on a real local engine as several identities. Every answer must be a well-formed
 * envelope with a Chinese message, never INTERNAL, a key no action field has is never accepted, and a
 * refused call must leave every collection as it was.
 * FUZZ_RUNS (default 1000) and FUZZ_SEED reproduce or deepen a run.
 */
import fc from 'fast-check';
import { ERROR_CODES, type Envelope } from '../types';
import { makeFixtures, plausibleValues, sampleInputs, type Input } from './action-samples';
import { demoIdentities } from './demo';
import { actionInput, envelopeProblem, junkKey, junkValue, ownObject } from './fuzz-arbitraries';
import { openTestEnv, type TestEnv } from './test-support';
import { mayCall } from '../cloudfunctions/core/access';
import { dispatch } from '../cloudfunctions/core/action';
import { FUNCTIONS } from '../cloudfunctions/core/functions';
import { defaultTown } from '../cloudfunctions/core/town';

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1000));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Counting attempts is the point of a rate limit: its counters may change on a refused call. */
const COUNTERS_OF_ATTEMPTS = ['rateLimits'];

/** Keys the platform adds to an event (action.ts drops them): not the caller's input. */
const PLATFORM_KEYS = ['action', 'userInfo', 'tcbContext'];

const ALL_ACTIONS = Object.entries(FUNCTIONS).flatMap(([fn, table]) => Object.keys(table).map((a) => [fn, a] as const));
const PEOPLE = demoIdentities(defaultTown()).filter(
  (p) => !p.departmentId || ['CJ', 'XF', 'AWB'].includes(p.departmentId),
);

function show(v: unknown): string {
  const text =
    JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? 'undefined';
  return text.length > 400 ? `${text.slice(0, 400)}…(${text.length} chars)` : text;
}

/** Waits for work an action left running (the local photo check's push), so it lands inside its own case. */
async function settled(env: TestEnv): Promise<void> {
  await (env.runtime as { mediaCheck?: { settled?: () => Promise<unknown> } }).mediaCheck?.settled?.();
}

interface Row {
  action: string;
  cases: number;
  codes: Record<string, number>;
  failures: string[];
  ms: number;
  /** The slowest single case (a hostile input that makes an action slow is a finding too). */
  slowestMs: number;
}
const rows: Row[] = [];

afterAll(() => {
  const codes = ['ok', ...ERROR_CODES.filter((c) => rows.some((r) => r.codes[c]))];
  const head = ['action', 'cases', ...codes, 'failures', 'ms', 'slowest'];
  const lines = rows.map((r) => [
    r.action,
    r.cases,
    ...codes.map((c) => r.codes[c] ?? 0),
    r.failures.length,
    r.ms,
    r.slowestMs,
  ]);
  const total = rows.reduce((n, r) => n + r.cases, 0);
  const failed = rows.reduce((n, r) => n + r.failures.length, 0);
  const widths = head.map((h, i) => Math.max(String(h).length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (l: (string | number)[]) => l.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  process.stdout.write(
    `\nFuzz (seed ${SEED}, ≥${RUNS} cases per action): ${total} cases, ${failed} failures\n` +
      [fmt(head), ...lines.map(fmt)].join('\n') +
      '\n',
  );
});

function fail(row: Row, why: string, openid: string, event: unknown, res: unknown) {
  row.failures.push(`${why}\n  as ${openid}: ${show(event)}\n  → ${show(res)}`);
}

/**
 * Sends one event and checks what holds for every answer: a well-formed envelope, never INTERNAL, no
 * prototype polluted, and the store as it was when the call was refused.
 */
async function runCase(
  env: TestEnv,
  row: Row,
  state: { before: string },
  fn: string,
  event: unknown,
  openid: string,
): Promise<Envelope<unknown>> {
  row.cases++;
  const t0 = performance.now();
  const res = await dispatch(FUNCTIONS[fn], event, openid, env.runtime.deps);
  await settled(env);
  row.slowestMs = Math.max(row.slowestMs, Math.round(performance.now() - t0));
  const code = res.ok ? 'ok' : res.error.code;
  row.codes[code] = (row.codes[code] ?? 0) + 1;
  const problem = envelopeProblem(res);
  if (problem) fail(row, `malformed envelope (${problem})`, openid, event, res);
  if (code === 'INTERNAL') fail(row, 'INTERNAL for bad input', openid, event, res);
  if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted') || 'roles' in Object.prototype) {
    fail(row, 'Object.prototype polluted', openid, event, res);
  }
  const after = await env.digest({ except: COUNTERS_OF_ATTEMPTS });
  if (!res.ok && after !== state.before) fail(row, `refused with ${code} but the store changed`, openid, event, res);
  state.before = after;
  // Let the next case reach validation again: a limit answered once is enough.
  if (code === 'RATE_LIMITED') {
    const _ = env.runtime.db.command;
    await env.runtime.db
      .collection('rateLimits')
      .where({ _id: _.exists(true) })
      .remove();
  }
  return res;
}

/**
 * Defines the fuzz tests of one shard: actions and functions are dealt round-robin, so every action is in
 * exactly one shard and each shard gets a similar mix.
 */
export function defineFuzzShard(shard: number, shards: number): void {
  const ACTIONS = ALL_ACTIONS.filter((_, i) => i % shards === shard);
  const FUNCTION_NAMES = Object.keys(FUNCTIONS).filter((_, i) => i % shards === shard);
  describe.each(ACTIONS)('fuzz %s.%s', (fn, action) => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await openTestEnv();
    });
    afterAll(() => env.close());

    it(`≥${RUNS} hostile inputs: a well-formed envelope, never INTERNAL, nothing written when refused`, async () => {
      const started = Date.now();
      const fixtures = await makeFixtures(env);
      const samples = sampleInputs(fixtures)[`${fn}.${action}`] ?? [() => ({})];
      const fieldNames = new Set(samples.flatMap((make) => Object.keys(make())));
      const allowed = PEOPLE.filter((p) => mayCall(fn, action, p.roles)).map((p) => p.openid);
      const denied = PEOPLE.filter((p) => !mayCall(fn, action, p.roles)).map((p) => p.openid);
      // Mostly people the table lets through (so the input reaches validation), some it refuses, and
      // first-time callers (who are residents) so per-person rate limits do not stop the run.
      const caller = fc.oneof(
        ...(allowed.length ? [{ weight: 6, arbitrary: fc.constantFrom(...allowed) }] : []),
        ...(denied.length ? [{ weight: 1, arbitrary: fc.constantFrom(...denied) }] : []),
        ...(mayCall(fn, action, ['resident'])
          ? [{ weight: 2, arbitrary: fc.stringMatching(/^fz-[a-z0-9]{1,12}$/) }]
          : []),
      );
      const row: Row = { action: `${fn}.${action}`, cases: 0, codes: {}, failures: [], ms: 0, slowestMs: 0 };
      rows.push(row);
      const state = { before: await env.digest({ except: COUNTERS_OF_ATTEMPTS }) };
      await fc.assert(
        fc.asyncProperty(caller, actionInput(samples, plausibleValues(fixtures)), async (openid, input: Input) => {
          const res = await runCase(env, row, state, fn, { ...input, action }, openid);
          const unknownKeys = Object.keys(input).filter((k) => !fieldNames.has(k) && !PLATFORM_KEYS.includes(k));
          if (res.ok && unknownKeys.length > 0)
            fail(row, `accepted unknown keys ${unknownKeys.join(', ')}`, openid, input, res);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      row.ms = Date.now() - started;
      expect(row.failures.slice(0, 5)).toEqual([]);
      expect(row.cases).toBeGreaterThanOrEqual(RUNS);
    }, 600_000);
  });

  describe.each(FUNCTION_NAMES)('fuzz %s: whole events', (fn) => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await openTestEnv();
    });
    afterAll(() => env.close());

    it(`≥${RUNS} events of any shape (any action name, any caller): the same properties`, async () => {
      const started = Date.now();
      const names = Object.keys(FUNCTIONS[fn]);
      const actionName = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...names) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', ''),
        },
        { weight: 1, arbitrary: junkValue([], []) },
      );
      const event = fc.oneof(
        { weight: 1, arbitrary: junkValue(['action', ...names], names) },
        {
          weight: 4,
          arbitrary: fc
            .tuple(actionName, fc.array(fc.tuple(junkKey([]), junkValue([], [])), { maxLength: 5 }))
            .map(([a, entries]) => ownObject([['action', a], ...entries])),
        },
      );
      // Odd openids too: the local gateway lets `__proto__` through its header check.
      const caller = fc.constantFrom(
        ...PEOPLE.map((p) => p.openid),
        '__proto__',
        'constructor',
        'toString',
        'x'.repeat(64),
      );
      const row: Row = { action: `${fn}.*`, cases: 0, codes: {}, failures: [], ms: 0, slowestMs: 0 };
      rows.push(row);
      const state = { before: await env.digest({ except: COUNTERS_OF_ATTEMPTS }) };
      await fc.assert(
        fc.asyncProperty(caller, event, async (openid, ev) => {
          await runCase(env, row, state, fn, ev, openid);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      row.ms = Date.now() - started;
      expect(row.failures.slice(0, 5)).toEqual([]);
    }, 600_000);
  });
}
