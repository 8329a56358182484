// Issue 9: 安委办 edits and retires questions without touching past attempts (each keeps its own paper and
// version); an edit raises the version and keeps the id; a retired question is never drawn again.
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { QUESTIONS } from '../training/bank-store';
import type { PaperEntry } from '../training/paper';
import { ATTEMPTS, type AttemptDoc } from './training';

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
const call = (action: string, input: Record<string, unknown>, openid = 'admin-demo') =>
  env.call('training', action, input, openid);

const QUIZ = {
  title: '消防安全知识测验',
  draw: [{ topic: 'fire', count: 5 }],
  passPercent: 60,
  timeLimitMinutes: 20,
  attemptsAllowed: 0,
  opensOn: '2026-01-01',
  closesOn: '2027-12-31',
  audience: 'everyone',
};
const storedAttempt = async (id: string) =>
  (await env.runtime.db.collection(ATTEMPTS).where({ _id: id }).get()).data[0] as unknown as AttemptDoc;
const fireQuestions = async () =>
  ok(await call('questions', { topic: 'fire', page: 1, pageSize: 50 })).items as {
    id: string;
    version: number;
    retired: boolean;
    stem: string;
    [k: string]: unknown;
  }[];
const editable = (q: Record<string, unknown>) => {
  const { version, retired, updatedAt, updatedByName, ...rest } = q; // eslint-disable-line @typescript-eslint/no-unused-vars
  return rest;
};

describe('training.questions / saveQuestion / retireQuestion', () => {
  it('lists the bank with versions for 安委办 and leaders, searched by words of the stem; others are refused', async () => {
    const all = ok(await call('questions', { page: 1, pageSize: 50 }));
    expect(all.total).toBeGreaterThanOrEqual(150);
    expect(all.items[0]).toMatchObject({ version: 1, retired: false, updatedByName: '初始题库' });
    const fire = await fireQuestions();
    expect(fire.every((q) => q.id.startsWith('fi-'))).toBe(true);
    const word = fire[0].stem.slice(0, 4);
    const found = ok(await call('questions', { topic: 'fire', q: word, page: 1, pageSize: 50 }));
    expect(found.items.map((q: { id: string }) => q.id)).toContain(fire[0].id);
    expect(ok(await call('questions', { q: fire[0].id, page: 1, pageSize: 5 })).items[0].id).toBe(fire[0].id);
    ok(await call('questions', { page: 1, pageSize: 5 }, 'leader-demo'));
    expect((await call('questions', { page: 1, pageSize: 5 }, 'head-CJ')).error.code).toBe('FORBIDDEN');
    expect((await call('saveQuestion', { question: editable(fire[0]) }, 'worker-demo')).error.code).toBe('FORBIDDEN');
  });

  it('an edit raises the version and keeps the id; a stale version or an unchanged save changes nothing', async () => {
    const [q] = await fireQuestions();
    const saved = ok(
      await call('saveQuestion', { question: { ...editable(q), stem: `${q.stem}（修订）` }, version: 1 }),
    );
    expect(saved).toMatchObject({ id: q.id, version: 2, stem: `${q.stem}（修订）` });
    // editing the version someone else already changed is refused, not overwritten
    const stale = await call('saveQuestion', { question: { ...editable(q), stem: `${q.stem}（另改）` }, version: 1 });
    expect(stale.error.code).toBe('CONFLICT');
    // saving the same text again does not raise the version
    expect(ok(await call('saveQuestion', { question: editable(saved), version: 2 })).version).toBe(2);
    const audits = (await env.runtime.db.collection(AUDITS).where({ action: 'training.saveQuestion' }).get()).data;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ targetType: 'question', targetId: q.id, from: 'v1', to: 'v2' });
  });

  it('a new question without an id gets the next number of its topic; a taken id is refused', async () => {
    const fire = await fireQuestions();
    const last = Math.max(...fire.map((q) => Number(q.id.slice(3))));
    const { id: _id, ...body } = editable(fire[0]);
    const created = ok(await call('saveQuestion', { question: { ...body, stem: '新写的一道消防题，题干够长。' } }));
    expect(created).toMatchObject({ id: `fi-${String(last + 1).padStart(3, '0')}`, version: 1 });
    expect((await call('saveQuestion', { question: { ...body, id: fire[0].id } })).error.code).toBe('CONFLICT');
  });

  it('refuses a question the schema refuses, in Chinese, writing nothing', async () => {
    const [q] = await fireQuestions();
    const before = await env.digest();
    const res = await call('saveQuestion', { question: { ...editable(q), answer: ['E'] }, version: 1 });
    expect(res.error.code).toBe('INVALID_INPUT');
    expect(res.error.issues).toContainEqual({ path: 'question.answer', message: '答案 E 不在选项中' });
    const noSource = await call('saveQuestion', { question: { ...editable(q), source: { doc: '' } }, version: 1 });
    expect(noSource.error.code).toBe('INVALID_INPUT');
    expect(await env.digest()).toBe(before);
  });

  it('a retired question is never drawn; restoring brings it back; the version stays', async () => {
    const fire = await fireQuestions();
    const keep = fire.slice(0, 5).map((q) => q.id);
    for (const q of fire.slice(5)) ok(await call('retireQuestion', { id: q.id, retired: true }));
    const quizId = ok(await call('quizCreate', QUIZ)).id as string;
    for (let i = 0; i < 4; i++) {
      const attempt = ok(await env.call('training', 'start', { quizId }, `drawer-${i}`));
      expect(attempt.questions.map((p: { questionId: string }) => p.questionId).sort()).toEqual(keep);
    }
    for (let i = 0; i < 30; i++) {
      const p = ok(await env.call('training', 'practice', { topic: 'fire' }, 'worker-demo'));
      expect(keep).toContain(p.questionId);
    }
    // one more retired: five cannot be drawn any more
    const retired = ok(await call('retireQuestion', { id: keep[0], retired: true }));
    expect(retired).toMatchObject({ retired: true, version: 1 });
    expect((await env.call('training', 'start', { quizId }, 'drawer-9')).ok).toBe(false);
    ok(await call('retireQuestion', { id: keep[0], retired: false }));
    ok(await env.call('training', 'start', { quizId }, 'drawer-9'));
    const listed = ok(await call('questions', { topic: 'fire', retired: true, page: 1, pageSize: 50 }));
    expect(listed.total).toBe(fire.length - 5);
    const audits = (await env.runtime.db.collection(AUDITS).where({ action: 'training.retireQuestion' }).get()).data;
    expect(audits.length).toBe(fire.length - 5 + 2);
  });

  it('an attempt keeps the text and key it was given: its questions edited and retired, submit and review show the original', async () => {
    const quizId = ok(await call('quizCreate', QUIZ)).id as string;
    const attempt = ok(await env.call('training', 'start', { quizId }, 'resident-demo'));
    const paper: PaperEntry[] = (await storedAttempt(attempt.id)).paper;
    for (const p of paper) {
      ok(await env.call('training', 'save', { attemptId: attempt.id, n: p.n, answer: p.answer }, 'resident-demo'));
    }
    // 安委办 rewrites every question of the paper (new stem, another key) and retires it
    const bank = new Map((await fireQuestions()).map((q) => [q.id, q]));
    for (const p of paper) {
      const q = editable(bank.get(p.questionId)!) as { options: { key: string }[]; type: string; answer: string[] };
      const otherKey =
        q.type === 'judge'
          ? [q.answer[0] === 'T' ? 'F' : 'T']
          : q.type === 'single'
            ? [q.options.map((o) => o.key).find((k) => k !== q.answer[0])!]
            : q.answer;
      ok(
        await call('saveQuestion', {
          question: { ...q, stem: '这道题已被安委办改写过了。', answer: otherKey },
          version: 1,
        }),
      );
      ok(await call('retireQuestion', { id: p.questionId, retired: true }));
    }
    const stored = await env.runtime.db.collection(QUESTIONS).where({ _id: paper[0].questionId }).get();
    expect(stored.data[0]).toMatchObject({ version: 2, retired: true, stem: '这道题已被安委办改写过了。' });

    const result = ok(await env.call('training', 'submit', { attemptId: attempt.id }, 'resident-demo'));
    expect(result.score).toBe(paper.length);
    const review = ok(await env.call('training', 'review', { attemptId: attempt.id }, 'resident-demo'));
    for (const p of paper) {
      const item = review.review.find((r: { n: number }) => r.n === p.n);
      expect(item).toMatchObject({ stem: p.stem, answer: p.answer, correct: true, explanation: p.explanation });
    }
    expect((await storedAttempt(attempt.id)).paper.every((p) => p.version === 1)).toBe(true);
  });
});
