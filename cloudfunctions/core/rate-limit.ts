// Per-person rate limits (DESIGN.md §9), counted in the database so they hold across function instances.
import { z } from 'zod';
import limitsFile from '../../config/town/limits.json';
import type { Database } from './db';
import { rateLimited } from './errors';
import { rateLimitKey } from './ids';
import { findById } from './store';
import { isoTown, TOWN_UTC_OFFSET_MINUTES, type Clock } from './time';

export const RATE_LIMITS = 'rateLimits';

export interface RateLimitRule {
  /** Calls allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** What a limit needs from the call: the caller, the database, the clock, the key secret. */
export interface RateLimitContext {
  db: Database;
  now: Clock;
  reporterKeySecret: string;
  openid: string;
}

/** One counter per person × bucket × window; the id alone finds it (no query, no index). */
export interface RateLimitDoc {
  _id: string;
  bucket: string;
  windowSeconds: number;
  count: number;
  windowStart: string;
  /** When this counter stops mattering: a clean-up may remove it after this. */
  expiresAt: string;
}

const Rule = z.object({
  limit: z.number().int().min(1),
  windowSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86400),
});
export const LimitedAction = z.enum([
  'submit',
  'follow',
  'upload',
  'track',
  'bind',
  'register',
  'claim',
  'quizStart',
  'checkin',
  'record',
  'monthly',
  'setConfig',
]);
export type LimitedAction = z.infer<typeof LimitedAction>;
const LimitsFile = z.object({ source: z.string().optional(), limits: z.record(LimitedAction, z.array(Rule).min(1)) });

/** The town's limits (config/town/limits.json): town data, changed without touching code. */
export const TOWN_LIMITS: Record<LimitedAction, RateLimitRule[]> = (() => {
  const { limits } = LimitsFile.parse(limitsFile);
  for (const a of LimitedAction.options) if (!limits[a]) throw new Error(`config/town/limits.json: no limit for ${a}`);
  return limits as Record<LimitedAction, RateLimitRule[]>;
})();

// Windows start on the town's clock: a day window is a Beijing calendar day, not 08:00 to 08:00.
const OFFSET_SECONDS = TOWN_UTC_OFFSET_MINUTES * 60;

/**
 * Counts one call of `bucket` by `ctx.openid` in the current fixed window and throws RATE_LIMITED, with the
 * seconds until the window ends, once `limit` calls were already counted in it.
 *
 * One conditional update does both the check and the count (`count < limit` → `count + 1`): on CloudBase,
 * as on MongoDB, a single-document update is atomic, so concurrent calls on any number of function
 * instances never let more than `limit` through. A refused call writes nothing. The first call in a window
 * creates the counter with `add` and a fixed `_id`; when two first calls race, the loser's add fails on
 * the duplicate id and it counts again through the update.
 */
export async function rateLimit(ctx: RateLimitContext, bucket: string, { limit, windowSeconds }: RateLimitRule) {
  const { db } = ctx;
  const nowSeconds = Math.floor(ctx.now().getTime() / 1000);
  const index = Math.floor((nowSeconds + OFFSET_SECONDS) / windowSeconds);
  const startSeconds = index * windowSeconds - OFFSET_SECONDS;
  const endSeconds = startSeconds + windowSeconds;
  const id = `${bucket}-${windowSeconds}-${index}-${rateLimitKey(ctx.openid, ctx.reporterKeySecret)}`;
  const _ = db.command;
  const counters = db.collection<RateLimitDoc>(RATE_LIMITS);

  for (let attempt = 1; ; attempt++) {
    const { stats } = await counters.where({ _id: id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } });
    if (stats.updated > 0) return;
    const found = await findById<RateLimitDoc>(db, RATE_LIMITS, id);
    // A racing first call created it between the update and this read: count again unless it is full.
    if (found && (found.count >= limit || attempt >= 3)) throw rateLimited(endSeconds - nowSeconds);
    if (found) continue;
    try {
      const doc: Omit<RateLimitDoc, '_id'> = {
        bucket,
        windowSeconds,
        count: 1,
        windowStart: isoTown(new Date(startSeconds * 1000)),
        expiresAt: isoTown(new Date(endSeconds * 1000)),
      };
      await counters.add({ data: { _id: id, ...doc } });
      return;
    } catch (e) {
      // Another call created it first (duplicate _id): count through the update instead.
      if (attempt >= 3) throw e;
    }
  }
}

/** Applies each of the town's limits for an action (e.g. per hour and per day). */
export async function limitAction(ctx: RateLimitContext, action: LimitedAction): Promise<void> {
  for (const rule of TOWN_LIMITS[action]) await rateLimit(ctx, action, rule);
}
