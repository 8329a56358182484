// Drawing a paper (issue 9, DESIGN.md §7): per attempt, a random choice of questions per topic and a random
// order of each question's options. The paper is stored on the attempt with its answer keys, relabelled to the
// shuffled order, so scoring and review never depend on the bank as it is later (edits, retirements).
import type { Question, QuestionType, TrainingTopic } from '../../../types/training';

/** An integer in [0, n): `crypto.randomInt` on the server, a seeded generator in tests. */
export type RandomInt = (n: number) => number;

/** A question as it stands in the bank, with the version an edit raises. */
export interface BankQuestion extends Question {
  version: number;
  retired?: boolean;
}

/** One question of one attempt's paper, answer key included (server only). */
export interface PaperEntry {
  n: number;
  questionId: string;
  version: number;
  type: QuestionType;
  topic: TrainingTopic;
  stem: string;
  /** In the order shown, keys relabelled A, B, C… (judge questions keep T / F and their order). */
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  source: { doc: string; article: string };
}

export interface DrawRule {
  topic: TrainingTopic;
  count: number;
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], rand: RandomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * The question with its options in a random order, relabelled A, B, C… and its answer keys mapped to the new
 * labels. True/false questions keep 正确 before 错误: shuffling two fixed words only confuses.
 */
export function shuffleOptions(q: BankQuestion, rand: RandomInt): Pick<PaperEntry, 'options' | 'answer'> {
  if (q.type === 'judge') return { options: q.options.map((o) => ({ ...o })), answer: [...q.answer] };
  const order = shuffle(q.options, rand);
  const relabel = new Map(order.map((o, i) => [o.key, LETTERS[i]]));
  return {
    options: order.map((o, i) => ({ key: LETTERS[i], text: o.text })),
    answer: q.answer.map((k) => relabel.get(k) as string).sort(),
  };
}

export class NotEnoughQuestions extends Error {
  constructor(
    readonly topic: TrainingTopic,
    readonly wanted: number,
    readonly available: number,
  ) {
    super(`题库中“${topic}”只有 ${available} 道可用题目，不足 ${wanted} 道`);
  }
}

/**
 * Draws `count` distinct, non-retired questions per topic (topics in the rule's order, questions in a random
 * order within the paper), each with shuffled options. Throws NotEnoughQuestions rather than draw a short paper.
 */
export function drawPaper(bank: readonly BankQuestion[], rules: readonly DrawRule[], rand: RandomInt): PaperEntry[] {
  const picked: BankQuestion[] = [];
  for (const rule of rules) {
    const pool = bank.filter((q) => q.topic === rule.topic && !q.retired);
    if (pool.length < rule.count) throw new NotEnoughQuestions(rule.topic, rule.count, pool.length);
    picked.push(...shuffle(pool, rand).slice(0, rule.count));
  }
  return shuffle(picked, rand).map((q, i) => ({
    n: i + 1,
    questionId: q.id,
    version: q.version,
    type: q.type,
    topic: q.topic,
    stem: q.stem,
    ...shuffleOptions(q, rand),
    explanation: q.explanation,
    source: { ...q.source },
  }));
}

/** What leaves the server before submit: the paper without answer keys, explanations or sources. */
export function withoutAnswers(paper: readonly PaperEntry[]) {
  return paper.map(({ n, questionId, type, topic, stem, options }) => ({
    n,
    questionId,
    type,
    topic,
    stem,
    options: options.map((o) => ({ ...o })),
  }));
}
