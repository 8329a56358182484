// 安全生产月 contest (issue 9): daily rounds and leaderboards. Pure: the actions read the day's handed-in
// attempts and these functions rank them.
//
// A contest's attempt limit counts per town day (Beijing, from 00:00): the attempt counter of a contest is one
// document per person, quiz and day, so a new day starts a new round. A round's attempt ends at 24:00 of its
// day at the latest (it never runs into the next round).

/** The attempt counter's id: per person and quiz; a contest's also per town day. */
export function counterKey(quizId: string, person: string, day?: string): string {
  return day ? `${quizId}_${person}_${day}` : `${quizId}_${person}`;
}

/** What a leaderboard needs of one handed-in attempt. */
export interface RoundAttempt {
  person: string;
  name?: string;
  enterpriseId?: string;
  scorePercent: number;
  /** Time taken, ms: from start to hand-in, never more than the time allowed. */
  tookMs: number;
  /** When it was handed in (epoch ms). */
  finishedMs: number;
}

/** Time taken by an attempt: start to hand-in, capped at its deadline (an expired one is handed in later). */
export function timeTaken(startedMs: number, submittedMs: number, deadlineMs: number): number {
  return Math.max(0, Math.min(submittedMs, deadlineMs) - startedMs);
}

/** Better first: higher score, then less time taken, then handed in earlier. */
export function compareRound(a: RoundAttempt, b: RoundAttempt): number {
  return b.scorePercent - a.scorePercent || a.tookMs - b.tookMs || a.finishedMs - b.finishedMs;
}

/** Each person's best attempt of the day, ranked (ties on all three share a rank). */
export function rankPeople(attempts: RoundAttempt[]): (RoundAttempt & { rank: number })[] {
  const best = new Map<string, RoundAttempt>();
  for (const a of attempts) {
    const cur = best.get(a.person);
    if (!cur || compareRound(a, cur) < 0) best.set(a.person, a);
  }
  const sorted = [...best.values()].sort((a, b) => compareRound(a, b) || a.person.localeCompare(b.person));
  return withRanks(sorted, compareRound);
}

export interface GroupScore {
  key: string;
  participants: number;
  /** Mean of the participants' best scores, one decimal. */
  averagePercent: number;
  /** Mean time taken of those best attempts, ms. */
  averageTookMs: number;
  rank: number;
}

const compareGroup = (a: Omit<GroupScore, 'rank'>, b: Omit<GroupScore, 'rank'>) =>
  b.averagePercent - a.averagePercent || b.participants - a.participants || a.averageTookMs - b.averageTookMs;

/**
 * Groups (an enterprise, an area) ranked by the mean of their people's best scores of the day, then by more
 * people taking part, then by less time. `keyOf` returns no key for a person outside any group.
 */
export function rankGroups(people: RoundAttempt[], keyOf: (a: RoundAttempt) => string | undefined): GroupScore[] {
  const groups = new Map<string, RoundAttempt[]>();
  for (const p of people) {
    const key = keyOf(p);
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const rows = [...groups.entries()].map(([key, list]) => ({
    key,
    participants: list.length,
    averagePercent: Math.round((list.reduce((s, p) => s + p.scorePercent, 0) * 10) / list.length) / 10,
    averageTookMs: Math.round(list.reduce((s, p) => s + p.tookMs, 0) / list.length),
  }));
  rows.sort((a, b) => compareGroup(a, b) || a.key.localeCompare(b.key));
  return withRanks(rows, compareGroup);
}

/** Standard competition ranks (1, 2, 2, 4): equal rows share the better rank. */
function withRanks<T>(sorted: T[], cmp: (a: T, b: T) => number): (T & { rank: number })[] {
  const out: (T & { rank: number })[] = [];
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    const rank = prev && cmp(sorted[i - 1], row) === 0 ? prev.rank : i + 1;
    out.push({ ...row, rank });
  });
  return out;
}

export interface CoverageCount {
  workers: number;
  took: number;
  passed: number;
}

/** Percent of `part` in `whole`, rounded; null when there is no whole. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}

/** A contest's round number: days since its first day (0 on the first day). */
export function contestRound(opensOn: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${opensOn}T00:00:00Z`)) / 86_400_000);
}
