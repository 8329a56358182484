// Per-question statistics as Moodle's quiz statistics report computes them (issue 9):
// - facility index F = the mean score on the question as a percent of its full mark (here 1);
// - discrimination index D = 100 × the Pearson correlation between the score on the question and the score on
//   the rest of the paper (the attempt's total minus this question), over the attempts that had the question.
// A question nearly everyone gets right or wrong teaches little; a negative D means the stronger candidates get
// it wrong more often than the weaker ones — usually a wrong key or a misleading stem.

/** One submitted attempt: 1 or 0 per question it contained. */
export type AttemptMarks = Readonly<Record<string, 0 | 1>>;

export interface QuestionStatistics {
  questionId: string;
  attempts: number;
  /** 0–100, one decimal. */
  facilityPercent: number;
  /** −100–100, one decimal; null when either score never varies (the correlation is undefined). */
  discriminationPercent: number | null;
  flag?: 'tooEasy' | 'tooHard' | 'misleading';
}

/** Below this many attempts a question is not flagged: a handful of answers says nothing. */
export const MIN_ATTEMPTS_TO_FLAG = 10;
/** Moodle's bands: above 95 % "extremely easy", below 10 % "very difficult"; a negative D is "invalid". */
export const TOO_EASY_FACILITY = 95;
export const TOO_HARD_FACILITY = 10;

const round1 = (x: number) => Math.round(x * 10) / 10;

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    cov += dx * dy;
    vx += dx * dx;
    vy += dy * dy;
  }
  if (vx === 0 || vy === 0) return null;
  return cov / Math.sqrt(vx * vy);
}

export function flagFor(s: Omit<QuestionStatistics, 'flag'>): QuestionStatistics['flag'] {
  if (s.attempts < MIN_ATTEMPTS_TO_FLAG) return undefined;
  if ((s.discriminationPercent ?? 0) < 0) return 'misleading';
  if (s.facilityPercent > TOO_EASY_FACILITY) return 'tooEasy';
  if (s.facilityPercent < TOO_HARD_FACILITY) return 'tooHard';
  return undefined;
}

/** Statistics for every question that appears in at least one attempt, in order of first appearance. */
export function questionStatistics(attempts: readonly AttemptMarks[]): QuestionStatistics[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const a of attempts) {
    for (const id of Object.keys(a)) {
      if (!seen.has(id)) {
        seen.add(id);
        order.push(id);
      }
    }
  }
  return order.map((questionId) => {
    const own: number[] = [];
    const rest: number[] = [];
    for (const a of attempts) {
      if (!(questionId in a)) continue;
      const total = Object.values(a).reduce<number>((s, m) => s + m, 0);
      own.push(a[questionId]);
      rest.push(total - a[questionId]);
    }
    const facility = (own.reduce((s, m) => s + m, 0) / own.length) * 100;
    const r = pearson(own, rest);
    const stat = {
      questionId,
      attempts: own.length,
      facilityPercent: round1(facility),
      discriminationPercent: r === null ? null : round1(r * 100),
    };
    const flag = flagFor(stat);
    return flag ? { ...stat, flag } : stat;
  });
}
