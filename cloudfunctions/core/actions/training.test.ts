// Issue 9: quizzes through the real actions — no answer key before submit, scored on the server, once, in time,
// by the owner; attempt limits under racing taps; the 错题本; certificates; assignments and reminders.
import { openTestEnv, wrongAnswerTo, type TestEnv } from '../../../local-engine/test-support';
import { MESSAGES } from '../messages';
import { reporterKey } from '../ids';
import type { PaperEntry } from '../training/paper';
import { ATTEMPTS, remindAssignments, type AttemptDoc } from './training';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const codeOf = (res: Res) => {
  expect(res.ok).toBe(false);
  return res.error.code as string;
};
const call = (action: string, input: Record<string, unknown>, openid = 'resident-demo') =>
  env.call('training', action, input, openid);

const QUIZ = {
  title: '消防安全知识测验',
  draw: [
    { topic: 'fire', count: 3 },
    { topic: 'gas', count: 2 },
  ],
  passPercent: 60,
  timeLimitMinutes: 20,
  attemptsAllowed: 0,
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  audience: 'everyone',
};
const createQuiz = async (over: Record<string, unknown> = {}) =>
  ok(await call('quizCreate', { ...QUIZ, ...over }, 'admin-demo')).id as string;
/** The paper with its keys, as stored (the test reads the database the client never sees). */
const storedAttempt = async (id: string) =>
  (await env.runtime.db.collection(ATTEMPTS).where({ _id: id }).get()).data[0] as unknown as AttemptDoc;
const answerAll = async (attemptId: string, right: (p: PaperEntry) => boolean, openid = 'resident-demo') => {
  const doc = await storedAttempt(attemptId);
  for (const p of doc.paper) {
    ok(await call('save', { attemptId, n: p.n, answer: right(p) ? p.answer : wrongAnswerTo(p) }, openid));
  }
  return doc.paper;
};

/** Every string key anywhere in a value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('before submit, the client never holds an answer key', () => {
  it('start, resume, save, quizzes and history carry no answer, explanation or source', async () => {
    const quizId = await createQuiz();
    const responses = [
      ok(await call('start', { quizId })),
      ok(await call('start', { quizId })), // resumes
      ok(await call('quizzes', {})),
      ok(await call('history', { page: 1, pageSize: 20 })),
    ];
    const attemptId = responses[0].id;
    // The first option shown (A…, or T for a true/false question): any valid answer will do here.
    const first = responses[0].questions[0].options[0].key;
    responses.push(ok(await call('save', { attemptId, n: 1, answer: [first] })));
    for (const r of responses) {
      const keys = keysOf(r);
      expect(keys.has('answer')).toBe(false);
      expect(keys.has('explanation')).toBe(false);
      expect(keys.has('source')).toBe(false);
    }
    expect(responses[0].questions).toHaveLength(5);
    expect(responses[1].id).toBe(attemptId);
  });
  it('review is refused while the attempt is open', async () => {
    const quizId = await createQuiz();
    const { id } = ok(await call('start', { quizId }));
    expect(codeOf(await call('review', { attemptId: id }))).toBe('CONFLICT');
  });
});

describe('scoring on the server', () => {
  it('scores the saved answers, gives the review, a certificate when passed, and anyone can check it', async () => {
    const quizId = await createQuiz();
    const { id } = ok(await call('start', { quizId }));
    // 3 of 5 right: exactly the 60 % mark.
    let i = 0;
    await answerAll(id, () => i++ < 3);
    const result = ok(await call('submit', { attemptId: id }));
    expect(result).toMatchObject({ score: 3, total: 5, scorePercent: 60, passed: true });
    expect(result.review.filter((r: { correct: boolean }) => r.correct)).toHaveLength(3);
    expect(result.review[0]).toHaveProperty('explanation');
    const cert = ok(await call('verifyCertificate', { code: result.certificateCode }, 'stranger'));
    expect(cert).toMatchObject({ quizTitle: '消防安全知识测验', scorePercent: 60 });
    expect(ok(await call('review', { attemptId: id }))).toMatchObject({ score: 3 });
  });
  it('2 of 5 fails a 60 % mark and gives no certificate', async () => {
    const quizId = await createQuiz();
    const { id } = ok(await call('start', { quizId }));
    let i = 0;
    await answerAll(id, () => i++ < 2);
    const result = ok(await call('submit', { attemptId: id }));
    expect(result).toMatchObject({ score: 2, passed: false });
    expect(result.certificateCode).toBeUndefined();
  });
  it('a second submit, someone else’s submit and someone else’s save are refused and change nothing', async () => {
    const quizId = await createQuiz();
    const { id } = ok(await call('start', { quizId }));
    expect(codeOf(await call('submit', { attemptId: id }, 'worker-demo'))).toBe('NOT_FOUND');
    expect(codeOf(await call('save', { attemptId: id, n: 1, answer: ['A'] }, 'worker-demo'))).toBe('NOT_FOUND');
    expect((await storedAttempt(id)).saved).toEqual({});
    ok(await call('submit', { attemptId: id }));
    expect(codeOf(await call('submit', { attemptId: id }))).toBe('CONFLICT');
    expect(codeOf(await call('save', { attemptId: id, n: 1, answer: ['A'] }))).toBe('CONFLICT');
  });
  it('an answer outside the options, or two answers to a single-choice question, is refused', async () => {
    const quizId = await createQuiz();
    const { id, questions } = ok(await call('start', { quizId }));
    const single = questions.find((q: { type: string }) => q.type === 'single');
    expect(codeOf(await call('save', { attemptId: id, n: single.n, answer: ['F'] }))).toBe('CONFLICT');
    expect(codeOf(await call('save', { attemptId: id, n: single.n, answer: ['A', 'B'] }))).toBe('CONFLICT');
    expect(codeOf(await call('save', { attemptId: id, n: 99, answer: ['A'] }))).toBe('NOT_FOUND');
  });
  it('50 parallel submits score once', async () => {
    const quizId = await createQuiz();
    const { id } = ok(await call('start', { quizId }));
    const results = await Promise.all(Array.from({ length: 50 }, () => call('submit', { attemptId: id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.error.code === 'CONFLICT')).toBe(true);
  });
});

describe('the deadline and its grace', () => {
  it('accepts a submit at deadline + 60 s, refuses one a second later, and hands the saved answers in', async () => {
    const quizId = await createQuiz({ timeLimitMinutes: 10 });
    const a = ok(await call('start', { quizId })).id;
    const b = ok(await call('start', { quizId }, 'worker-demo')).id;
    await answerAll(a, () => true);
    await answerAll(b, () => true, 'worker-demo');
    env.clock.advance(10 * 60_000 + 60_000);
    ok(await call('submit', { attemptId: a }));
    env.clock.advance(1000);
    expect(codeOf(await call('submit', { attemptId: b }, 'worker-demo'))).toBe('CONFLICT');
    expect(codeOf(await call('save', { attemptId: b, n: 1, answer: ['A'] }, 'worker-demo'))).toBe('CONFLICT');
    // Nothing answered is lost: the review hands the saved answers in as an expired attempt.
    const review = ok(await call('review', { attemptId: b }, 'worker-demo'));
    expect(review).toMatchObject({ score: 5, passed: true });
    expect((await storedAttempt(b)).status).toBe('expired');
  });
  it('the deadline is cut short by the quiz closing at 24:00 of its last day', async () => {
    env.clock.advance(0);
    const quizId = await createQuiz({ closesOn: '2026-11-28', timeLimitMinutes: 180 });
    // The test clock starts 2026-11-28 10:00 +08:00: three hours fit, the close does not move.
    const { deadline } = ok(await call('start', { quizId }));
    expect(deadline).toBe('2026-11-28T13:00:00+08:00');
    const late = await createQuiz({ closesOn: '2026-11-28', timeLimitMinutes: 180, title: '夜间测验' });
    env.clock.advance(13 * 3600_000); // 23:00
    const second = ok(await call('start', { quizId: late }, 'worker-demo'));
    expect(second.deadline).toBe('2026-11-29T00:00:00+08:00');
  });
});

describe('windows, audiences and attempt limits', () => {
  it('refuses before it opens and after it closes', async () => {
    const early = await createQuiz({ opensOn: '2026-11-29', closesOn: '2026-12-31' });
    expect(codeOf(await call('start', { quizId: early }))).toBe('CONFLICT');
    const closed = await createQuiz({ opensOn: '2026-11-01', closesOn: '2026-11-27' });
    expect(codeOf(await call('start', { quizId: closed }))).toBe('CONFLICT');
    const states = ok(await call('quizzes', {})).map((q: { id: string; state: string }) => [q.id, q.state]);
    expect(states).toContainEqual([early, 'upcoming']);
    // A closed quiz is no longer listed.
    expect(states.map(([id]: string[]) => id)).not.toContain(closed);
  });
  it('an enterprise quiz is for that enterprise only; a manager sets it only for their own', async () => {
    const quizId = await createQuiz({ audience: 'enterprise', enterpriseId: 'ENT-DEMO' });
    ok(await call('start', { quizId }, 'worker-demo'));
    expect(codeOf(await call('start', { quizId }, 'resident-demo'))).toBe('FORBIDDEN');
    expect(ok(await call('quizzes', {}, 'resident-demo')).map((q: { id: string }) => q.id)).not.toContain(quizId);
    expect(codeOf(await call('quizCreate', { ...QUIZ, audience: 'everyone' }, 'manager-demo'))).toBe('FORBIDDEN');
    ok(await call('quizCreate', { ...QUIZ, audience: 'enterprise', enterpriseId: 'ENT-DEMO' }, 'manager-demo'));
  });
  it('the attempt limit holds: the third start is refused; ten taps at once make one attempt', async () => {
    const quizId = await createQuiz({ attemptsAllowed: 2 });
    const starts = await Promise.all(Array.from({ length: 10 }, () => call('start', { quizId })));
    const ids = new Set(starts.filter((r) => r.ok).map((r) => r.data.id));
    expect(ids.size).toBe(1);
    const [first] = [...ids];
    ok(await call('submit', { attemptId: first }));
    const second = ok(await call('start', { quizId })).id;
    expect(second).not.toBe(first);
    ok(await call('submit', { attemptId: second }));
    expect(codeOf(await call('start', { quizId }))).toBe('CONFLICT');
    const summary = ok(await call('quizzes', {})).find((q: { id: string }) => q.id === quizId);
    expect(summary).toMatchObject({ attemptsUsed: 2, state: 'exhausted' });
  });
  it('a quiz needing more questions than the bank has is refused when it is set', async () => {
    expect(codeOf(await call('quizCreate', { ...QUIZ, draw: [{ topic: 'gas', count: 50 }] }, 'admin-demo'))).toBe(
      'CONFLICT',
    );
  });
});

describe('the 错题本', () => {
  it('a wrong exam answer enters it; two right practice answers in a row clear it; a wrong one resets', async () => {
    const quizId = await createQuiz();
    const { id } = ok(await call('start', { quizId }));
    const paper = await answerAll(id, (p) => p.n !== 1);
    ok(await call('submit', { attemptId: id }));
    const book = ok(await call('wrongBook', { page: 1, pageSize: 20 }));
    expect(book.items.map((i: { questionId: string }) => i.questionId)).toEqual([paper[0].questionId]);
    // Practice uses the bank's own keys.
    const bankKey = book.items[0].answer as string[];
    const wrongAnswer = wrongAnswerTo(book.items[0]);
    const qid = paper[0].questionId;
    expect(ok(await call('practiceAnswer', { questionId: qid, answer: bankKey }))).toMatchObject({
      correct: true,
      inWrongBook: true,
      streak: 1,
    });
    expect(ok(await call('practiceAnswer', { questionId: qid, answer: wrongAnswer }))).toMatchObject({
      correct: false,
      streak: 0,
    });
    ok(await call('practiceAnswer', { questionId: qid, answer: bankKey }));
    expect(ok(await call('practiceAnswer', { questionId: qid, answer: bankKey }))).toMatchObject({
      inWrongBook: false,
    });
    expect(ok(await call('wrongBook', { page: 1, pageSize: 20 })).total).toBe(0);
    expect(ok(await call('practice', { wrongBook: true }))).toBeNull();
  });
  it('practice gives a question without its key', async () => {
    const q = ok(await call('practice', { topic: 'gas' }));
    expect(q.topic).toBe('gas');
    expect(keysOf(q).has('answer')).toBe(false);
  });
});

describe('a manager assigns; completion per worker; reminders before the due date', () => {
  it('shows who passed and reminds the others once a day within three days of the due date', async () => {
    const quizId = await createQuiz({ audience: 'enterprise', enterpriseId: 'ENT-DEMO' });
    ok(await call('assign', { quizId, dueOn: '2026-12-05' }, 'manager-demo'));
    expect(codeOf(await call('assign', { quizId, dueOn: '2026-12-05' }, 'worker-demo'))).toBe('FORBIDDEN');
    expect(codeOf(await call('assign', { quizId, dueOn: '2026-11-27' }, 'manager-demo'))).toBe('CONFLICT');

    const progress0 = ok(await call('progress', { quizId }, 'manager-demo'));
    expect(progress0).toMatchObject({ dueOn: '2026-12-05', completionPercent: 0, passPercent: 0 });
    expect(JSON.stringify(progress0)).not.toContain('worker-demo');

    // 2026-11-28: seven days before — no reminder yet.
    expect(await remindAssignments(env.runtime.deps)).toBe(0);
    env.clock.advance(4 * 86_400_000); // 12-02: three days before
    const told = await remindAssignments(env.runtime.deps);
    expect(told).toBeGreaterThan(0);
    expect(await remindAssignments(env.runtime.deps)).toBe(0); // once a day
    const secret = env.runtime.deps.reporterKeySecret;
    const inbox = (
      await env.runtime.db
        .collection(MESSAGES)
        .where({ recipient: reporterKey('worker-demo', secret) })
        .get()
    ).data as { title: string }[];
    expect(inbox.map((m) => m.title)).toContain('培训考试提醒：消防安全知识测验');

    const { id } = ok(await call('start', { quizId }, 'worker-demo'));
    await answerAll(id, () => true, 'worker-demo');
    ok(await call('submit', { attemptId: id }, 'worker-demo'));
    const progress = ok(await call('progress', { quizId }, 'manager-demo'));
    expect(progress.people.find((p: { passed: boolean }) => p.passed)).toMatchObject({
      attempts: 1,
      bestScorePercent: 100,
    });
    env.clock.advance(86_400_000); // 12-03: the worker passed, nobody else to tell among workers
    expect(await remindAssignments(env.runtime.deps)).toBe(told - 1);
  });
});

describe('statistics', () => {
  it('counts the finished attempts and computes facility per question', async () => {
    const quizId = await createQuiz({ draw: [{ topic: 'fire', count: 2 }] });
    for (const who of ['p1', 'p2', 'p3', 'p4']) {
      const { id } = ok(await call('start', { quizId }, who));
      await answerAll(id, () => who === 'p1' || who === 'p2', who);
      ok(await call('submit', { attemptId: id }, who));
    }
    const stats = ok(await call('stats', { quizId }, 'admin-demo'));
    expect(stats.attempts).toBe(4);
    for (const q of stats.questions) expect(q.stem.length).toBeGreaterThan(0);
    // Everyone who answered a question got the same mark as on the other: facility 50 % when all four met it.
    const total = stats.questions.reduce((s: number, q: { attempts: number }) => s + q.attempts, 0);
    expect(total).toBe(8);
  });
});
