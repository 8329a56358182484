// The pure rules of training (issue 9): drawing, shuffling, scoring, windows and deadlines, statistics.
import type { BankQuestion, PaperEntry, RandomInt } from './paper';
import { drawPaper, NotEnoughQuestions, shuffle, shuffleOptions, withoutAnswers } from './paper';
import { isCorrect, scoreAttempt } from './scoring';
import { acceptsSubmission, attemptDeadline, quizWindowState, townDay, townDayStart } from './deadline';
import { flagFor, questionStatistics, MIN_ATTEMPTS_TO_FLAG } from './stats';

/** A small deterministic generator (mulberry32) so a failure can be replayed. */
function seeded(seed: number): RandomInt {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function q(id: string, over: Partial<BankQuestion> = {}): BankQuestion {
  return {
    id,
    topic: 'fire',
    type: 'single',
    stem: `题目 ${id} 的题干`,
    options: [
      { key: 'A', text: `${id}-甲` },
      { key: 'B', text: `${id}-乙` },
      { key: 'C', text: `${id}-丙` },
      { key: 'D', text: `${id}-丁` },
    ],
    answer: ['B'],
    explanation: '因为规定如此，解释不少于十个字。',
    source: { doc: '中华人民共和国消防法', article: '第十六条' },
    difficulty: 2,
    version: 1,
    ...over,
  };
}

describe('shuffle', () => {
  test('keeps every item once', () => {
    const out = shuffle([1, 2, 3, 4, 5, 6], seeded(1));
    expect([...out].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
  test('leaves its input alone', () => {
    const input = [1, 2, 3];
    shuffle(input, () => 0);
    expect(input).toEqual([1, 2, 3]);
  });
  test('every position reachable: Fisher–Yates draws j in [0, i]', () => {
    const calls: number[] = [];
    shuffle([1, 2, 3, 4], (n) => {
      calls.push(n);
      return n - 1;
    });
    expect(calls).toEqual([4, 3, 2]);
    // rand always picks the last index: nothing moves.
    expect(shuffle([1, 2, 3, 4], (n) => n - 1)).toEqual([1, 2, 3, 4]);
    // rand always 0: the first element is swapped into the last position first.
    expect(shuffle([1, 2, 3, 4], () => 0)).toEqual([2, 3, 4, 1]);
  });
  test('all 24 orders of four appear, roughly evenly', () => {
    const rand = seeded(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 24_000; i++) {
      const key = shuffle([1, 2, 3, 4], rand).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    for (const c of counts.values()) expect(c).toBeGreaterThan(800);
  });
});

describe('shuffleOptions', () => {
  test('relabels A, B, C… in the shown order and moves the key with its text', () => {
    const question = q('fi-001', { answer: ['B'] });
    const { options, answer } = shuffleOptions(question, () => 0);
    expect(options.map((o) => o.key)).toEqual(['A', 'B', 'C', 'D']);
    // With rand always 0 the order is 乙 丙 丁 甲: the right text (乙) is now A.
    expect(options.map((o) => o.text)).toEqual(['fi-001-乙', 'fi-001-丙', 'fi-001-丁', 'fi-001-甲']);
    expect(answer).toEqual(['A']);
  });
  test('a multiple-choice key follows both texts and comes out sorted', () => {
    const question = q('fi-002', { type: 'multiple', answer: ['A', 'D'] });
    const { options, answer } = shuffleOptions(question, () => 0);
    const texts = answer.map((k) => options.find((o) => o.key === k)?.text);
    expect(texts.sort()).toEqual(['fi-002-丁', 'fi-002-甲']);
    expect(answer).toEqual(['C', 'D']);
  });
  test('a true/false question keeps 正确 / 错误 as they are', () => {
    const question = q('fi-003', {
      type: 'judge',
      options: [
        { key: 'T', text: '正确' },
        { key: 'F', text: '错误' },
      ],
      answer: ['F'],
    });
    expect(shuffleOptions(question, () => 0)).toEqual({ options: question.options, answer: ['F'] });
  });
  test('the right text is always behind the key, whatever the order', () => {
    const rand = seeded(3);
    const question = q('fi-004', { answer: ['C'] });
    for (let i = 0; i < 200; i++) {
      const { options, answer } = shuffleOptions(question, rand);
      expect(options.find((o) => o.key === answer[0])?.text).toBe('fi-004-丙');
    }
  });
});

describe('drawPaper', () => {
  const bank: BankQuestion[] = [
    ...Array.from({ length: 5 }, (_, i) => q(`fi-00${i + 1}`)),
    ...Array.from({ length: 3 }, (_, i) => q(`gas-00${i + 1}`, { topic: 'gas' })),
    q('gas-009', { topic: 'gas', retired: true }),
  ];
  test('draws the count per topic, no question twice, numbered 1…n', () => {
    const paper = drawPaper(
      bank,
      [
        { topic: 'fire', count: 4 },
        { topic: 'gas', count: 2 },
      ],
      seeded(11),
    );
    expect(paper).toHaveLength(6);
    expect(paper.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(paper.map((p) => p.questionId)).size).toBe(6);
    expect(paper.filter((p) => p.topic === 'fire')).toHaveLength(4);
    expect(paper.filter((p) => p.topic === 'gas')).toHaveLength(2);
  });
  test('never draws a retired question; all available may be drawn', () => {
    for (let s = 0; s < 50; s++) {
      const paper = drawPaper(bank, [{ topic: 'gas', count: 3 }], seeded(s));
      expect(paper.map((p) => p.questionId).sort()).toEqual(['gas-001', 'gas-002', 'gas-003']);
    }
  });
  test('refuses rather than draw a short paper', () => {
    expect(() => drawPaper(bank, [{ topic: 'gas', count: 4 }], seeded(1))).toThrow(NotEnoughQuestions);
    expect(() => drawPaper(bank, [{ topic: 'law', count: 1 }], seeded(1))).toThrow('只有 0 道');
  });
  test('keeps the version, the explanation and the source on the paper', () => {
    const [entry] = drawPaper([q('fi-001', { version: 3 })], [{ topic: 'fire', count: 1 }], seeded(1));
    expect(entry).toMatchObject({ version: 3, explanation: '因为规定如此，解释不少于十个字。' });
    expect(entry.source).toEqual({ doc: '中华人民共和国消防法', article: '第十六条' });
  });
  test('different attempts get different papers', () => {
    const rand = seeded(5);
    const papers = new Set(
      Array.from({ length: 20 }, () =>
        drawPaper(bank, [{ topic: 'fire', count: 3 }], rand)
          .map((p) => p.questionId)
          .join(),
      ),
    );
    expect(papers.size).toBeGreaterThan(5);
  });
  test('withoutAnswers leaves no key, explanation or source', () => {
    const paper = drawPaper(bank, [{ topic: 'fire', count: 2 }], seeded(2));
    const shown = withoutAnswers(paper);
    const text = JSON.stringify(shown);
    expect(text).not.toContain('answer');
    expect(text).not.toContain('explanation');
    expect(text).not.toContain('source');
    expect(text).not.toContain('version');
    expect(shown[0]).toEqual({
      n: 1,
      questionId: paper[0].questionId,
      type: 'single',
      topic: 'fire',
      stem: paper[0].stem,
      options: paper[0].options,
    });
  });
});

describe('scoring', () => {
  const single = { type: 'single' as const, answer: ['B'] };
  const multi = { type: 'multiple' as const, answer: ['A', 'C'] };
  test('single: the one key only', () => {
    expect(isCorrect(single, ['B'])).toBe(true);
    expect(isCorrect(single, ['A'])).toBe(false);
    expect(isCorrect(single, ['B', 'A'])).toBe(false);
    expect(isCorrect(single, ['B', 'B'])).toBe(true);
    expect(isCorrect(single, [])).toBe(false);
    expect(isCorrect(single, undefined)).toBe(false);
  });
  test('multiple: all or nothing, in any order', () => {
    expect(isCorrect(multi, ['C', 'A'])).toBe(true);
    expect(isCorrect(multi, ['A'])).toBe(false);
    expect(isCorrect(multi, ['A', 'B', 'C'])).toBe(false);
    expect(isCorrect(multi, ['A', 'B'])).toBe(false);
  });
  const entry = (n: number, answer: string[], type: PaperEntry['type'] = 'single') =>
    ({ n, answer, type }) as PaperEntry;
  const paper = [
    entry(1, ['A']),
    entry(2, ['B']),
    entry(3, ['A', 'B'], 'multiple'),
    entry(4, ['T'], 'judge'),
    entry(5, ['C']),
  ];
  test('counts each right question once; unanswered is wrong', () => {
    const s = scoreAttempt(paper, { '1': ['A'], '2': ['C'], '3': ['B', 'A'], '4': ['T'] }, 60);
    expect(s).toMatchObject({ score: 3, total: 5, scorePercent: 60, passed: true });
    expect(s.correct).toEqual({ 1: true, 2: false, 3: true, 4: true, 5: false });
  });
  test('the pass mark at its boundary: exactly the mark passes, one point less fails', () => {
    expect(scoreAttempt(paper, { '1': ['A'], '2': ['B'], '3': ['A', 'B'] }, 60).passed).toBe(true);
    expect(scoreAttempt(paper, { '1': ['A'], '2': ['B'] }, 60).passed).toBe(false);
    // 2 of 3 is 66.66…%: a 67 % mark is not met, though the shown percent rounds down to 66.
    const three = paper.slice(0, 3);
    const s = scoreAttempt(three, { '1': ['A'], '2': ['B'] }, 67);
    expect(s).toMatchObject({ scorePercent: 66, passed: false });
    expect(scoreAttempt(three, { '1': ['A'], '2': ['B'] }, 66).passed).toBe(true);
  });
  test('an empty paper scores 0 and never passes', () => {
    expect(scoreAttempt([], {}, 1)).toMatchObject({ score: 0, total: 0, scorePercent: 0, passed: false });
  });
  test('a full score is 100 %', () => {
    expect(scoreAttempt(paper.slice(0, 1), { '1': ['A'] }, 100)).toMatchObject({ scorePercent: 100, passed: true });
  });
});

describe('windows and deadlines (town time)', () => {
  const at = (iso: string) => new Date(iso).getTime();
  test('a day starts at 00:00 Beijing time', () => {
    expect(townDayStart('2026-06-01')).toBe(at('2026-06-01T00:00:00+08:00'));
    expect(townDay(at('2026-05-31T23:59:59+08:00'))).toBe('2026-05-31');
    expect(townDay(at('2026-05-31T16:00:00Z'))).toBe('2026-06-01');
  });
  test('open from 00:00 of the first day to 24:00 of the last', () => {
    expect(quizWindowState(at('2026-05-31T23:59:59.999+08:00'), '2026-06-01', '2026-06-30')).toBe('upcoming');
    expect(quizWindowState(at('2026-06-01T00:00:00+08:00'), '2026-06-01', '2026-06-30')).toBe('open');
    expect(quizWindowState(at('2026-06-30T23:59:59.999+08:00'), '2026-06-01', '2026-06-30')).toBe('open');
    expect(quizWindowState(at('2026-07-01T00:00:00+08:00'), '2026-06-01', '2026-06-30')).toBe('closed');
  });
  test('a one-day quiz is open all that day', () => {
    expect(quizWindowState(at('2026-06-15T12:00:00+08:00'), '2026-06-15', '2026-06-15')).toBe('open');
  });
  test('the deadline is start + limit, cut short by the close', () => {
    const start = at('2026-06-10T10:00:00+08:00');
    expect(attemptDeadline(start, 30, '2026-06-30')).toBe(at('2026-06-10T10:30:00+08:00'));
    const late = at('2026-06-30T23:50:00+08:00');
    expect(attemptDeadline(late, 30, '2026-06-30')).toBe(at('2026-07-01T00:00:00+08:00'));
  });
  test('submissions are accepted up to and including the grace, not a millisecond after', () => {
    const deadline = at('2026-06-10T10:30:00+08:00');
    expect(acceptsSubmission(deadline, deadline)).toBe(true);
    expect(acceptsSubmission(deadline + 60_000, deadline)).toBe(true);
    expect(acceptsSubmission(deadline + 60_001, deadline)).toBe(false);
    expect(acceptsSubmission(deadline + 10_000, deadline, 5)).toBe(false);
  });
});

describe('question statistics (Moodle facility and discrimination)', () => {
  // Hand-computed: four attempts of three questions.
  //   A: q1 1, q2 1, q3 1   B: q1 1, q2 0, q3 1   C: q1 0, q2 1, q3 0   D: all 0
  // q1: own (1,1,0,0), rest (2,1,1,0): cov 1, var 1 and 2 → r = 1/√2 → D = 70.7; F = 50.
  // q2: own (1,0,1,0), rest (2,2,0,0): cov 0 → D = 0; F = 50.
  const attempts = [
    { q1: 1, q2: 1, q3: 1 },
    { q1: 1, q2: 0, q3: 1 },
    { q1: 0, q2: 1, q3: 0 },
    { q1: 0, q2: 0, q3: 0 },
  ] as const;
  test('against hand-computed values', () => {
    const stats = questionStatistics(attempts);
    expect(stats).toEqual([
      { questionId: 'q1', attempts: 4, facilityPercent: 50, discriminationPercent: 70.7 },
      { questionId: 'q2', attempts: 4, facilityPercent: 50, discriminationPercent: 0 },
      { questionId: 'q3', attempts: 4, facilityPercent: 50, discriminationPercent: 70.7 },
    ]);
  });
  test('a question the strong get wrong has a negative index: own (0,0,1,1), rest (3,2,1,0) → −2/√5', () => {
    const stats = questionStatistics([
      { q4: 0, a: 1, b: 1, c: 1 },
      { q4: 0, a: 1, b: 1, c: 0 },
      { q4: 1, a: 1, b: 0, c: 0 },
      { q4: 1, a: 0, b: 0, c: 0 },
    ]);
    expect(stats[0]).toMatchObject({ questionId: 'q4', facilityPercent: 50, discriminationPercent: -89.4 });
  });
  test('only the attempts that had the question count (random papers)', () => {
    const stats = questionStatistics([{ q1: 1 }, { q2: 0 }, { q1: 0, q2: 1 }]);
    expect(stats.find((s) => s.questionId === 'q1')).toMatchObject({ attempts: 2, facilityPercent: 50 });
    expect(stats.find((s) => s.questionId === 'q2')).toMatchObject({ attempts: 2, facilityPercent: 50 });
  });
  test('no variance, no discrimination index', () => {
    const stats = questionStatistics([
      { q1: 1, q2: 0 },
      { q1: 1, q2: 1 },
    ]);
    expect(stats[0].discriminationPercent).toBeNull();
    expect(stats[0].facilityPercent).toBe(100);
  });
  test('facility rounds to one decimal: 1 of 3 is 33.3', () => {
    expect(questionStatistics([{ q: 1 }, { q: 0 }, { q: 0 }])[0].facilityPercent).toBe(33.3);
  });
  describe('flags, on their boundaries', () => {
    const base = { questionId: 'x', attempts: MIN_ATTEMPTS_TO_FLAG, discriminationPercent: 30 };
    test('too few attempts: never flagged', () => {
      expect(flagFor({ ...base, attempts: MIN_ATTEMPTS_TO_FLAG - 1, facilityPercent: 100 })).toBeUndefined();
    });
    test('too easy above 95, not at 95', () => {
      expect(flagFor({ ...base, facilityPercent: 95.1 })).toBe('tooEasy');
      expect(flagFor({ ...base, facilityPercent: 95 })).toBeUndefined();
    });
    test('too hard below 10, not at 10', () => {
      expect(flagFor({ ...base, facilityPercent: 9.9 })).toBe('tooHard');
      expect(flagFor({ ...base, facilityPercent: 10 })).toBeUndefined();
    });
    test('misleading below 0 (before easy/hard), not at 0 or unknown', () => {
      expect(flagFor({ ...base, facilityPercent: 99, discriminationPercent: -0.1 })).toBe('misleading');
      expect(flagFor({ ...base, facilityPercent: 50, discriminationPercent: 0 })).toBeUndefined();
      expect(flagFor({ ...base, facilityPercent: 50, discriminationPercent: null })).toBeUndefined();
    });
    test('the statistics carry the flag', () => {
      const many = Array.from({ length: 10 }, (_, i) => ({ q: 1 as const, r: (i % 2) as 0 | 1 }));
      expect(questionStatistics(many)[0]).toMatchObject({ facilityPercent: 100, flag: 'tooEasy' });
    });
  });
});

// Stryker on the training core: 209 of 210 mutants killed. The one left is equivalent: `given ?? []` in isCorrect
// mutated to `given ?? ['Stryker was here']` — nothing chosen and a made-up option are both wrong for any key.
describe('mutation survivors (Stryker on the training core)', () => {
  test('six options are relabelled A–F', () => {
    const six = q('fi-090', {
      options: ['甲', '乙', '丙', '丁', '戊', '己'].map((t, i) => ({ key: 'ABCDEF'[i], text: t })),
      answer: ['F'],
    });
    const { options, answer } = shuffleOptions(six, () => 0);
    expect(options.map((o) => o.key)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(options.find((o) => o.key === answer[0])?.text).toBe('己');
    const reversed = shuffleOptions(six, (n) => n - 1);
    expect(reversed.answer).toEqual(['F']);
    expect(reversed.options[4]).toEqual({ key: 'E', text: '戊' });
  });
  test('a multiple-choice answer with one option too many is wrong, even when the key is its start', () => {
    expect(isCorrect({ type: 'multiple', answer: ['A', 'C'] }, ['A', 'C', 'D'])).toBe(false);
    expect(isCorrect({ type: 'single', answer: ['A'] }, ['A', 'B'])).toBe(false);
  });
  test('no variance in the rest of the paper, no discrimination index', () => {
    // q1 varies (1, 0) but the rest (q2) is 1 both times: the correlation is undefined.
    const [s1] = questionStatistics([
      { q1: 1, q2: 1 },
      { q1: 0, q2: 1 },
    ]);
    expect(s1).toMatchObject({ questionId: 'q1', facilityPercent: 50, discriminationPercent: null });
  });
});
