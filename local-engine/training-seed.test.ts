// The issue-9 demo (seed.ts seedTrainingDemo): the quizzes people see, the manager's assignment, once only.
import { seedTrainingDemo } from './seed';
import { openTestEnv, type TestEnv } from './test-support';

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
const titles = (list: { title: string; state: string; kind: string; dueOn?: string }[]) =>
  Object.fromEntries(list.map((q) => [q.title, { state: q.state, kind: q.kind, dueOn: q.dueOn }]));

it('shows each person the demo quizzes meant for them, the manager assignment with its due date, once', async () => {
  expect(await seedTrainingDemo(env.runtime.deps)).toBe('seeded');
  expect(await seedTrainingDemo(env.runtime.deps)).toBe('already-seeded');

  // 2026-11-28 (the test clock): the resident sees the town-wide quiz and the upcoming June contest.
  expect(titles(ok(await env.call('training', 'quizzes', {}, 'resident-demo')))).toEqual({
    消防安全知识测验: { state: 'open', kind: 'exam', dueOn: undefined },
    '2027 安全生产月知识竞赛': { state: 'upcoming', kind: 'contest', dueOn: undefined },
  });
  const worker = titles(ok(await env.call('training', 'quizzes', {}, 'worker-demo')));
  expect(Object.keys(worker).sort()).toEqual(
    ['2027 安全生产月知识竞赛', '庙行示范精密制造 岗前安全考试', '消防安全知识测验', '重大事故隐患判定标准考试'].sort(),
  );
  expect(worker['庙行示范精密制造 岗前安全考试']).toEqual({ state: 'open', kind: 'exam', dueOn: '2026-12-02' });

  // Each demo quiz can be started (enough questions in the bank for its draw).
  for (const quizId of ['demo-fire-2026', 'demo-major-hazard-2026', 'demo-ent-demo-induction']) {
    ok(await env.call('training', 'start', { quizId }, 'worker-demo'));
  }
  const progress = ok(await env.call('training', 'progress', { quizId: 'demo-ent-demo-induction' }, 'manager-demo'));
  expect(progress).toMatchObject({ dueOn: '2026-12-02', workers: 2 });
  const board = ok(await env.call('training', 'leaderboard', { quizId: 'demo-contest-2027-06' }));
  expect(board).toMatchObject({ day: '2027-06-01', rows: [] });
});
