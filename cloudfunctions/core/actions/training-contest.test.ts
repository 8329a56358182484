// Issue 9 (contest9): the 安全生产月 contest's daily rounds and leaderboards, 安委办's coverage, and the
// scheduler's assignment reminders — through the real actions on the local engine.
import { openTestEnv, wrongAnswerTo, type TestEnv } from '../../../local-engine/test-support';
import { personId } from '../roles';
import { USERS } from '../users';
import type { PaperEntry } from '../training/paper';
import { runHourlyJobs } from './scheduler';
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
const codeOf = (res: Res) => {
  expect(res.ok).toBe(false);
  return res.error.code as string;
};
const call = (action: string, input: Record<string, unknown>, openid = 'resident-demo') =>
  env.call('training', action, input, openid);

const CONTEST = {
  title: '安全生产月知识竞赛',
  kind: 'contest',
  draw: [{ topic: 'fire', count: 3 }],
  passPercent: 60,
  timeLimitMinutes: 20,
  attemptsAllowed: 1,
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  audience: 'everyone',
};
const createQuiz = async (over: Record<string, unknown> = {}) =>
  ok(await call('quizCreate', { ...CONTEST, ...over }, 'admin-demo')).id as string;
const storedAttempt = async (id: string) =>
  (await env.runtime.db.collection(ATTEMPTS).where({ _id: id }).get()).data[0] as unknown as AttemptDoc;
/** Answers the first `right` questions right and the rest wrong. */
const answer = async (attemptId: string, right: number, openid: string) => {
  const doc = await storedAttempt(attemptId);
  for (const p of doc.paper as PaperEntry[]) {
    ok(await call('save', { attemptId, n: p.n, answer: p.n <= right ? p.answer : wrongAnswerTo(p) }, openid));
  }
};
/** Sets the clock to a town time. */
const at = (iso: string) => {
  env.clock.now = new Date(iso);
};

describe('daily rounds', () => {
  it('allows one attempt a day and opens the next round at 00:00 Beijing time', async () => {
    const quizId = await createQuiz();
    at('2026-11-28T23:50:00+08:00');
    const first = ok(await call('start', { quizId }));
    // The round ends at 24:00 of its day, whatever the time limit (20 min).
    expect(first.deadline).toBe('2026-11-29T00:00:00+08:00');
    await answer(first.id, 3, 'resident-demo');
    ok(await call('submit', { attemptId: first.id }));
    at('2026-11-28T23:59:59+08:00');
    expect(codeOf(await call('start', { quizId }))).toBe('CONFLICT');
    const today = ok(await call('quizzes', {})).find((q: { id: string }) => q.id === quizId);
    expect(today).toMatchObject({ state: 'exhausted', attemptsUsed: 1 });

    at('2026-11-29T00:00:00+08:00');
    const tomorrow = ok(await call('quizzes', {})).find((q: { id: string }) => q.id === quizId);
    expect(tomorrow).toMatchObject({ state: 'open', attemptsUsed: 0 });
    const second = ok(await call('start', { quizId }));
    expect(second.id).not.toBe(first.id);
    expect(second.id.length).toBeLessThanOrEqual(64);
    expect((await storedAttempt(second.id)).day).toBe('2026-11-29');
    expect((await storedAttempt(first.id)).day).toBe('2026-11-28');
    // The new round's attempt is the caller's own: answers save and it hands in.
    await answer(second.id, 1, 'resident-demo');
    ok(await call('submit', { attemptId: second.id }));
    expect(codeOf(await call('start', { quizId }))).toBe('CONFLICT');
  });

  it('keeps an ordinary exam counting over its whole window', async () => {
    const quizId = await createQuiz({ kind: 'exam' });
    const { id } = ok(await call('start', { quizId }));
    ok(await call('submit', { attemptId: id }));
    env.clock.advance(86_400_000);
    expect(codeOf(await call('start', { quizId }))).toBe('CONFLICT');
  });
});

describe('leaderboards', () => {
  /** Starts at `startIso`, answers `right` right, hands in at `endIso`. */
  const play = async (quizId: string, who: string, right: number, startIso: string, endIso: string) => {
    at(startIso);
    const { id } = ok(await call('start', { quizId }, who));
    await answer(id, right, who);
    at(endIso);
    ok(await call('submit', { attemptId: id }, who));
  };

  it('ranks by score, then less time, then the earlier finish; names only', async () => {
    const quizId = await createQuiz();
    // All right: worker-demo 60 s; manager-demo 30 s; p-late 30 s but finishing later; p-low fastest, 2 of 3.
    await play(quizId, 'worker-demo', 3, '2026-11-28T10:00:00+08:00', '2026-11-28T10:01:00+08:00');
    await play(quizId, 'manager-demo', 3, '2026-11-28T10:00:00+08:00', '2026-11-28T10:00:30+08:00');
    await play(quizId, 'p-late', 3, '2026-11-28T10:00:10+08:00', '2026-11-28T10:00:40+08:00');
    await play(quizId, 'p-low', 2, '2026-11-28T10:02:00+08:00', '2026-11-28T10:02:05+08:00');
    // Another day's round is not on this day's board.
    await play(quizId, 'p-next', 3, '2026-11-29T08:00:00+08:00', '2026-11-29T08:00:01+08:00');

    at('2026-11-28T12:00:00+08:00');
    const board = ok(await call('leaderboard', { quizId }, 'manager-demo'));
    expect(board).toMatchObject({ day: '2026-11-28', by: 'person', participants: 4, mine: null, truncated: false });
    expect(
      board.rows.map(
        (r: { rank: number; name: string; scorePercent: number; tookSeconds: number; isMine: boolean }) => [
          r.rank,
          r.name,
          r.scorePercent,
          r.tookSeconds,
          r.isMine,
        ],
      ),
    ).toEqual([
      [1, '企业安全管理人员（演示）', 100, 30, true],
      [2, '匿名学员', 100, 30, false],
      [3, '从业人员（演示）', 100, 60, false],
      [4, '匿名学员', 66, 5, false],
    ]);
    const text = JSON.stringify(board);
    for (const id of [
      'worker-demo',
      'manager-demo',
      'p-late',
      personId('p-late', env.runtime.deps.reporterKeySecret),
    ]) {
      expect(text).not.toContain(id);
    }

    const next = ok(await call('leaderboard', { quizId, day: '2026-11-29' }));
    expect(next.rows).toHaveLength(1);

    // Enterprises: ENT-DEMO's two people (100, 100; 30 s and 60 s); the others have no enterprise.
    const firms = ok(await call('leaderboard', { quizId, day: '2026-11-28', by: 'enterprise' }, 'worker-demo'));
    expect(firms.rows).toEqual([
      {
        rank: 1,
        name: '庙行示范精密制造有限公司',
        scorePercent: 100,
        tookSeconds: 45,
        participants: 2,
        isMine: true,
      },
    ]);
    const areas = ok(await call('leaderboard', { quizId, day: '2026-11-28', by: 'area' }, 'resident-demo'));
    expect(areas.rows).toHaveLength(1);
    expect(areas.rows[0]).toMatchObject({ rank: 1, participants: 2, isMine: false });
    expect(areas.rows[0].name).toBe(env.runtime.deps.town.area('yq')?.name);
  });

  it('refuses an exam and a day outside the contest', async () => {
    const exam = await createQuiz({ kind: 'exam' });
    expect(codeOf(await call('leaderboard', { quizId: exam }))).toBe('CONFLICT');
    const quizId = await createQuiz();
    expect(codeOf(await call('leaderboard', { quizId, day: '2027-01-01' }))).toBe('CONFLICT');
    expect(codeOf(await call('leaderboard', { quizId, day: '2026-10-31' }))).toBe('CONFLICT');
    expect(ok(await call('leaderboard', { quizId, day: '2026-12-31' })).rows).toEqual([]);
  });

  it('defaults to the first day before the contest opens', async () => {
    const quizId = await createQuiz({ opensOn: '2027-06-01', closesOn: '2027-06-30' });
    expect(ok(await call('leaderboard', { quizId }))).toMatchObject({ day: '2027-06-01', rows: [] });
  });
});

describe('coverage', () => {
  it('counts workers, who took it and who passed, per enterprise and per industry', async () => {
    const quizId = await createQuiz({ kind: 'exam', attemptsAllowed: 0 });
    // A hand-made worker of ENT-DEMO-2 who never takes it.
    await env.runtime.db
      .collection(USERS)
      .doc('shop-worker')
      .set({
        data: { roles: ['resident', 'worker'], enterpriseId: 'ENT-DEMO-2', createdAt: '2026-11-01T00:00:00+08:00' },
      });
    // worker-demo fails then passes; manager-demo fails; a resident's pass counts nowhere.
    for (const [who, right] of [
      ['worker-demo', 0],
      ['worker-demo', 3],
      ['manager-demo', 1],
      ['resident-demo', 3],
    ] as const) {
      const { id } = ok(await call('start', { quizId }, who));
      await answer(id, right, who);
      ok(await call('submit', { attemptId: id }, who));
    }
    // An unfinished attempt is not "took".
    ok(await call('start', { quizId: await createQuiz({ kind: 'exam' }) }, 'shop-worker'));

    const cov = ok(await call('coverage', { quizId }, 'leader-demo'));
    expect(cov.enterprises).toEqual([
      {
        enterpriseId: 'ENT-DEMO-2',
        name: '共康便民超市',
        industry: 'retail',
        industryName: expect.any(String),
        workers: 1,
        took: 0,
        passed: 0,
        coveragePercent: 0,
        passRatePercent: null,
      },
      {
        enterpriseId: 'ENT-DEMO',
        name: '庙行示范精密制造有限公司',
        industry: 'trade-dust',
        industryName: expect.any(String),
        workers: 2,
        took: 2,
        passed: 1,
        coveragePercent: 100,
        passRatePercent: 50,
      },
    ]);
    expect(
      cov.industries.map((i: { industry: string; enterprises: number; workers: number }) => [
        i.industry,
        i.enterprises,
        i.workers,
      ]),
    ).toEqual([
      ['retail', 1, 1],
      ['trade-dust', 1, 2],
    ]);
    expect(cov.total).toEqual({ workers: 3, took: 2, passed: 1, coveragePercent: 67, passRatePercent: 50 });
    expect(cov.truncated).toBe(false);

    // Every quiz: shop-worker's open attempt still does not count.
    const all = ok(await call('coverage', {}, 'admin-demo'));
    expect(all.quizId).toBeNull();
    expect(all.total).toMatchObject({ workers: 3, took: 2, passed: 1 });
    expect(codeOf(await call('coverage', {}, 'manager-demo'))).toBe('FORBIDDEN');
  });
});

describe('the scheduler reminds workers of assignments', () => {
  it('counts the reminders in the hourly result', async () => {
    const quizId = await createQuiz({ kind: 'exam', audience: 'enterprise', enterpriseId: 'ENT-DEMO' });
    ok(await call('assign', { quizId, dueOn: '2026-12-01' }, 'manager-demo'));
    const first = await runHourlyJobs(env.runtime.deps);
    // worker-demo and manager-demo hold the worker role and have not passed.
    expect(first.trainingReminders).toBe(2);
    expect((await runHourlyJobs(env.runtime.deps)).trainingReminders).toBe(0);
  });
});
