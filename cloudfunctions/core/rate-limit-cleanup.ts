// The hourly clean-up of rate-limit counters (DESIGN.md §2 scheduler jobs, §9 rate limits): a counter matters only
// inside its own window, so once every window it counted for is over it is removed, a bounded batch a run.
import type { CoreDeps } from './deps';
import { RATE_LIMITS, type RateLimitDoc } from './rate-limit';
import { isoTown } from './time';

/** The clean-up's one query (expired counters) is served by this index; the limit itself reads by `_id` only. */
export const RATE_LIMIT_INDEXES: string[][] = [['expiresAt']];

/**
 * How long after its window ends a counter is kept. A counter's id names its window (bucket × length × window
 * number × person), so no call after the window ends ever reads it again; the margin only covers function
 * instances whose clocks run a little behind, which may still count into a window that just ended. An hour
 * is far more than any clock drift and costs nothing.
 */
export const RATE_LIMIT_MARGIN_SECONDS = 3600;
/** Counters read (at most 100 per get in a function, CloudBase) and removed per page. */
export const RATE_LIMIT_PAGE = 100;
/** Counters removed per run at most: the rest wait for the next hour (the run stays well inside its time). */
export const RATE_LIMIT_CLEANUP_CAP = 1000;

export interface RateLimitCleanupResult {
  /** Counters removed in this run. */
  removed: number;
  /** Counters whose window ended before this (town time) were due. */
  cutoff: string;
}

/**
 * Removes the counters whose window ended more than the margin ago (`expiresAt` strictly before the cut-off),
 * at most `cap` a run, a page of ids at a time. Idempotent: a removed counter leaves the query, a second run
 * finds nothing, and a run cut short by a crash or the cap resumes where the query stands on the next run.
 * Each page is removed by `_id` with the same expiry condition again (a multi-document remove, which
 * wx-server-sdk allows in a function outside a transaction), so a counter still in use is never touched: the
 * current window's counter always ends in the future.
 */
export async function cleanRateLimits(
  deps: Pick<CoreDeps, 'db' | 'now'>,
  cap = RATE_LIMIT_CLEANUP_CAP,
): Promise<RateLimitCleanupResult> {
  const { db } = deps;
  const _ = db.command;
  const cutoff = isoTown(new Date(deps.now().getTime() - RATE_LIMIT_MARGIN_SECONDS * 1000));
  const counters = db.collection<RateLimitDoc>(RATE_LIMITS);
  let removed = 0;
  // Every page leaves the query once removed; the page bound guards against a page that removes nothing.
  for (let pageNo = 0; removed < cap && pageNo * RATE_LIMIT_PAGE < cap; pageNo++) {
    const want = Math.min(RATE_LIMIT_PAGE, cap - removed);
    const { data } = await counters
      .where({ expiresAt: _.lt(cutoff) })
      .field({ _id: true })
      .limit(want)
      .get();
    if (data.length === 0) break;
    const ids = data.map((d) => d._id);
    const { stats } = await counters.where({ _id: _.in(ids), expiresAt: _.lt(cutoff) }).remove();
    removed += stats.removed;
    if (data.length < want) break;
  }
  return { removed, cutoff };
}
