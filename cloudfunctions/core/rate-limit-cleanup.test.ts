// The hourly clean-up of rate-limit counters: a counter goes once its window ended more than the margin ago,
// never before; a bounded batch a run, the rest on the next; a limit still in force keeps refusing.
import { openTestEnv, type TestEnv } from '../../local-engine/test-support';
import { coverage, type ObservedQuery } from '../../scripts/index-coverage';
import { runHourlyJobs } from './actions/scheduler';
import { rateLimitKey } from './ids';
import { GEO_INDEXES, INDEXES } from './indexes';
import { limitAction, rateLimit, RATE_LIMITS, TOWN_LIMITS, type RateLimitDoc } from './rate-limit';
import { cleanRateLimits, RATE_LIMIT_MARGIN_SECONDS } from './rate-limit-cleanup';

let env: TestEnv;
const queries = new Map<string, ObservedQuery>();
afterEach(() => env?.close());

const ctxFor = (openid: string) => ({ ...env.runtime.deps, openid });
const counters = async () =>
  (await env.runtime.db.collection<RateLimitDoc>(RATE_LIMITS).limit(100).get()).data.sort(
    (a, b) => a.windowSeconds - b.windowSeconds || a._id.localeCompare(b._id),
  );
const total = async () => (await env.runtime.db.collection(RATE_LIMITS).count()).total;
const at = (iso: string) => {
  env.clock.now = new Date(iso);
};

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; retryAfterSeconds?: number };
  }
  throw new Error('expected a rejection');
}

describe('cleanRateLimits', () => {
  beforeEach(async () => {
    queries.clear();
    env = await openTestEnv({
      seed: false,
      start: '2026-11-28T10:20:00+08:00',
      onQuery: (q) => queries.set(JSON.stringify([q.collection, q.op, q.where, q.orderBy]), q),
    });
  });

  it('keeps a counter one second inside its window plus the margin, removes it one second past', async () => {
    expect(RATE_LIMIT_MARGIN_SECONDS).toBe(3600);
    await rateLimit(ctxFor('someone'), 'submit', { limit: 10, windowSeconds: 3600 }); // 10:00–11:00
    await rateLimit(ctxFor('someone'), 'submit', { limit: 30, windowSeconds: 86400 }); // the Beijing day
    const [hour, day] = await counters();
    expect(hour.expiresAt).toBe('2026-11-28T11:00:00+08:00');
    expect(day.expiresAt).toBe('2026-11-29T00:00:00+08:00');

    at('2026-11-28T11:59:59+08:00'); // one second inside the margin
    expect(await cleanRateLimits(env.runtime.deps)).toEqual({ removed: 0, cutoff: '2026-11-28T10:59:59+08:00' });
    at('2026-11-28T12:00:00+08:00'); // exactly at the end of the margin: still kept
    expect((await cleanRateLimits(env.runtime.deps)).removed).toBe(0);
    expect(await total()).toBe(2);

    at('2026-11-28T12:00:01+08:00'); // one second past
    expect(await cleanRateLimits(env.runtime.deps)).toEqual({ removed: 1, cutoff: '2026-11-28T11:00:01+08:00' });
    expect((await counters()).map((c) => c._id)).toEqual([day._id]);
    // Idempotent: nothing more to do.
    expect((await cleanRateLimits(env.runtime.deps)).removed).toBe(0);

    // The day counter goes only an hour after midnight.
    at('2026-11-29T00:59:59+08:00');
    expect((await cleanRateLimits(env.runtime.deps)).removed).toBe(0);
    at('2026-11-29T01:00:01+08:00');
    expect((await cleanRateLimits(env.runtime.deps)).removed).toBe(1);
    expect(await total()).toBe(0);
  });

  it('removes at most the cap a run, in pages of 100, leaves the rest for the next run and live counters alone', async () => {
    const counter = (i: number, expiresAt: string): RateLimitDoc => ({
      _id: `submit-3600-${i}-k${String(i).padStart(4, '0')}`,
      bucket: 'submit',
      windowSeconds: 3600,
      count: 1,
      windowStart: '2026-11-27T09:00:00+08:00',
      expiresAt,
    });
    const coll = env.runtime.db.collection(RATE_LIMITS);
    for (let i = 0; i < 250; i++) {
      const { _id, ...data } = counter(i, '2026-11-27T10:00:00+08:00');
      await coll.doc(_id).set({ data });
    }
    await rateLimit(ctxFor('live'), 'submit', { limit: 10, windowSeconds: 3600 });

    expect((await cleanRateLimits(env.runtime.deps, 120)).removed).toBe(120);
    expect(await total()).toBe(131);
    expect((await cleanRateLimits(env.runtime.deps, 120)).removed).toBe(120);
    expect((await cleanRateLimits(env.runtime.deps, 120)).removed).toBe(10);
    expect((await cleanRateLimits(env.runtime.deps, 120)).removed).toBe(0);
    const left = await counters();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ bucket: 'submit', count: 1, expiresAt: '2026-11-28T11:00:00+08:00' });

    // Its query is served by a declared index.
    const ours = [...queries.values()].filter((q) => q.collection === RATE_LIMITS);
    expect(ours.some((q) => q.where.includes('expiresAt'))).toBe(true);
    expect(
      ours.filter((q) => !coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []).covered),
    ).toEqual([]);
  });
});

describe('the hourly run', () => {
  it('removes ended windows and counts them; a limit still in force keeps refusing after the clean-up', async () => {
    env = await openTestEnv({ start: '2026-11-28T10:20:00+08:00' });
    const [perHour, perDay] = TOWN_LIMITS.claim;
    expect(perHour).toEqual({ limit: 5, windowSeconds: 3600 });
    expect(perDay).toEqual({ limit: 10, windowSeconds: 86400 });
    const ctx = ctxFor('claimer');
    for (let i = 0; i < 5; i++) await limitAction(ctx, 'claim'); // the 10:00 hour is full
    at('2026-11-28T11:20:00+08:00');
    for (let i = 0; i < 5; i++) await limitAction(ctx, 'claim'); // the day is full
    expect(await errorOf(limitAction(ctx, 'claim'))).toMatchObject({ code: 'RATE_LIMITED' });

    at('2026-11-28T12:30:00+08:00'); // the 10:00 hour ended 90 minutes ago, the 11:00 hour 30 minutes ago
    const before = await total();
    const first = await runHourlyJobs(env.runtime.deps);
    // The claimer's 10:00 hour, and whatever the demo seed counted at 10:20 (all of them gone).
    expect(first.rateLimitsRemoved).toBeGreaterThanOrEqual(1);
    expect(await total()).toBe(before - first.rateLimitsRemoved);
    const mine = (await counters()).filter((c) => c._id.endsWith(rateLimitKey('claimer', ctx.reporterKeySecret)));
    expect(mine.map((c) => [c.windowSeconds, c.count])).toEqual([
      [3600, 5],
      [86400, 10],
    ]);
    // The day's limit still refuses, until the Beijing midnight.
    expect(await errorOf(limitAction(ctx, 'claim'))).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 11 * 3600 + 30 * 60,
    });
    expect((await runHourlyJobs(env.runtime.deps)).rateLimitsRemoved).toBe(0);
  });
});
