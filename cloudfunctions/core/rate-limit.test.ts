import { openTestEnv, validSubmission, type TestEnv } from '../../local-engine/test-support';
import { rateLimit, RATE_LIMITS, TOWN_LIMITS, type RateLimitDoc } from './rate-limit';

let env: TestEnv;
afterEach(() => env?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ctxFor = (openid: string) => ({ ...env.runtime.deps, openid });

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; retryAfterSeconds?: number; message: string };
  }
  throw new Error('expected a rejection');
}

describe('rateLimit (core)', () => {
  beforeEach(async () => {
    env = await openTestEnv({ seed: false, start: '2026-11-28T10:20:00+08:00' });
  });

  it('allows `limit` calls per window, then refuses with the seconds until the window ends', async () => {
    const ctx = ctxFor('someone');
    const rule = { limit: 3, windowSeconds: 3600 };
    for (let i = 0; i < 3; i++) await rateLimit(ctx, 'submit', rule);
    const e = await errorOf(rateLimit(ctx, 'submit', rule));
    expect(e).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 40 * 60 });
    expect(e.message).toBe('操作太频繁，请 40 分钟后再试');
    // Another person and another bucket have their own counters.
    await rateLimit(ctxFor('someone-else'), 'submit', rule);
    await rateLimit(ctx, 'follow', rule);
    // The next window starts afresh.
    env.clock.advance(40 * 60_000);
    await rateLimit(ctx, 'submit', rule);
  });

  it('a day window is a Beijing calendar day', async () => {
    const ctx = ctxFor('someone');
    const rule = { limit: 1, windowSeconds: 86400 };
    await rateLimit(ctx, 'track', rule);
    // 10:20 → midnight in Beijing is 13 h 40 min away.
    expect(await errorOf(rateLimit(ctx, 'track', rule))).toMatchObject({ retryAfterSeconds: 13 * 3600 + 40 * 60 });
  });

  it('a refused call writes nothing; the counter never holds the openid', async () => {
    const ctx = ctxFor('o-secret-openid');
    const rule = { limit: 1, windowSeconds: 3600 };
    await rateLimit(ctx, 'submit', rule);
    const before = await env.digest();
    await errorOf(rateLimit(ctx, 'submit', rule));
    expect(await env.digest()).toBe(before);
    const { data } = await env.runtime.db.collection<RateLimitDoc>(RATE_LIMITS).get();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ bucket: 'submit', count: 1, windowSeconds: 3600 });
    expect(JSON.stringify(data)).not.toContain('o-secret-openid');
  });

  it('concurrent calls, including the racing first ones, never let more than the limit through', async () => {
    const ctx = ctxFor('burst');
    const rule = { limit: 5, windowSeconds: 3600 };
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => rateLimit(ctx, 'submit', rule)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
    }
  });
});

describe('limits on the actions (config/town/limits.json)', () => {
  beforeEach(async () => {
    env = await openTestEnv({ start: '2026-11-28T10:00:00+08:00' });
  });

  it('the 11th report in an hour is RATE_LIMITED with a retry time, writes nothing, and an hour later is allowed', async () => {
    expect(TOWN_LIMITS.submit[0]).toEqual({ limit: 10, windowSeconds: 3600 });
    const me = 'busy-resident';
    const first = validSubmission();
    for (let i = 0; i < 10; i++) {
      const res = await env.call('tipoff', 'submit', i === 0 ? first : validSubmission(), me);
      expect(res).toMatchObject({ ok: true });
    }
    const before = await env.digest();
    const refused = await env.call('tipoff', 'submit', validSubmission(), me);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '操作太频繁，请 60 分钟后再试', retryAfterSeconds: 3600 },
    });
    expect(await env.digest()).toBe(before);
    // A retry of a report already filed is never refused: it answers with the report.
    expect(await env.call('tipoff', 'submit', first, me)).toMatchObject({ ok: true });
    // Someone else is not affected.
    expect(await env.call('tipoff', 'submit', validSubmission(), 'another-resident')).toMatchObject({ ok: true });

    env.clock.advance(HOUR);
    expect(await env.call('tipoff', 'submit', validSubmission(), me)).toMatchObject({ ok: true });
  });

  it('30 reports a day at most, however they are spread over the hours', async () => {
    const me = 'all-day-resident';
    for (let hour = 0; hour < 3; hour++) {
      for (let i = 0; i < 10; i++) expect((await env.call('tipoff', 'submit', validSubmission(), me)).ok).toBe(true);
      env.clock.advance(HOUR);
    }
    // 13:00: the hour is fresh but the day is used up until midnight (11 h).
    const refused = await env.call('tipoff', 'submit', validSubmission(), me);
    expect(refused.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 11 * 3600 });
    expect(refused.error.message).toBe('操作太频繁，请 11 小时后再试');
    env.clock.advance(DAY);
    expect((await env.call('tipoff', 'submit', validSubmission(), me)).ok).toBe(true);
  });

  it('21 wrong tracking codes: the 21st is RATE_LIMITED (and so is rating by code)', async () => {
    const guesser = 'code-guesser';
    for (let i = 0; i < 20; i++) {
      const code = `ABCDEFGH${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i]}2`;
      const res = await env.call('tipoff', 'track', { trackingCode: code }, guesser);
      expect(res.error).toMatchObject({ code: 'NOT_FOUND' });
    }
    const res = await env.call('tipoff', 'track', { trackingCode: 'ZZZZZZZZZZ' }, guesser);
    expect(res.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
    const rate = await env.call('tipoff', 'rate', { trackingCode: 'ZZZZZZZZZZ', score: 5 }, guesser);
    expect(rate.error).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('follow is limited per person', async () => {
    const filed = await env.call('tipoff', 'submit', validSubmission(), 'reporter');
    const fan = 'eager-follower';
    const { limit } = TOWN_LIMITS.follow[0];
    for (let i = 0; i < limit; i++) {
      expect((await env.call('tipoff', 'follow', { id: filed.data.id }, fan)).ok).toBe(true);
    }
    const res = await env.call('tipoff', 'follow', { id: filed.data.id }, fan);
    expect(res.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
  });
});
