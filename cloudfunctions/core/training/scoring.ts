// Scoring an attempt (issue 9): one point per question; a multiple-choice question scores only when the
// chosen set equals the key exactly (all or nothing, no partial credit); an unanswered question scores 0.
import type { PaperEntry } from './paper';

/** Sorted, de-duplicated keys: the order a worker ticked them in does not matter. */
export const normaliseAnswer = (keys: readonly string[]) => [...new Set(keys)].sort();

/**
 * The chosen set equals the key. Nothing chosen is wrong (the key is never empty); a single-choice key has one
 * option (the Question schema), so two chosen options cannot equal it.
 */
export function isCorrect(entry: Pick<PaperEntry, 'answer' | 'type'>, given: readonly string[] | undefined): boolean {
  const a = normaliseAnswer(entry.answer);
  const g = normaliseAnswer(given ?? []);
  return a.length === g.length && a.every((k, i) => k === g[i]);
}

export interface Score {
  score: number;
  total: number;
  /** Rounded down: 59.9 % does not pass a 60 % mark. */
  scorePercent: number;
  passed: boolean;
  /** Per question number: right or wrong. */
  correct: Record<number, boolean>;
}

export function scoreAttempt(
  paper: readonly PaperEntry[],
  saved: Readonly<Record<string, readonly string[]>>,
  passPercent: number,
): Score {
  const correct: Record<number, boolean> = {};
  let score = 0;
  for (const entry of paper) {
    const ok = isCorrect(entry, saved[String(entry.n)]);
    correct[entry.n] = ok;
    if (ok) score++;
  }
  const total = paper.length;
  const scorePercent = total === 0 ? 0 : Math.floor((score * 100) / total);
  // Compare in whole points, not the rounded percent: 3 of 5 is exactly 60 %.
  return { score, total, scorePercent, passed: total > 0 && score * 100 >= passPercent * total, correct };
}
