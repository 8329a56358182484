// Issue 9 (training9-desk-ui): 安委办's list of every quiz — whatever the audience, an enterprise's own quizzes
// with the enterprise's name, newest window first; closed over 400 days ago left out; workers refused.
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
  env.clock.now = new Date('2026-11-29T10:00:00+08:00');
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const QUIZ = {
  title: '消防安全测验',
  draw: [{ topic: 'fire', count: 3 }],
  passPercent: 60,
  timeLimitMinutes: 20,
  attemptsAllowed: 2,
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  audience: 'everyone',
};
const create = async (over: Record<string, unknown>, openid = 'admin-demo') =>
  ok(await env.call('training', 'quizCreate', { ...QUIZ, ...over }, openid)).id as string;

it('lists every audience for 安委办, with enterprise names, newest closing first', async () => {
  const town = await create({});
  const managers = await create({ title: '管理人员考试', audience: 'managers', closesOn: '2027-01-31' });
  const own = await create(
    { title: '本厂动火作业考试', audience: 'enterprise', enterpriseId: 'ENT-DEMO', closesOn: '2026-12-01' },
    'manager-demo',
  );
  const list = ok(await env.call('training', 'quizList', {}, 'leader-demo'));
  expect(list.map((q: { id: string }) => q.id)).toEqual([managers, town, own]);
  const firm = list.find((q: { id: string }) => q.id === own);
  expect(firm).toMatchObject({ audience: 'enterprise', enterpriseName: expect.any(String), questionCount: 3 });
  expect(JSON.stringify(list)).not.toContain('ENT-DEMO');
  expect(JSON.stringify(list)).not.toContain('manager-demo');
});

it('leaves out quizzes closed more than 400 days ago and refuses workers', async () => {
  await create({ opensOn: '2025-01-01', closesOn: '2025-10-24' });
  const recent = await create({ opensOn: '2025-01-01', closesOn: '2025-10-25' });
  expect(ok(await env.call('training', 'quizList', {}, 'admin-demo')).map((q: { id: string }) => q.id)).toEqual([
    recent,
  ]);
  const refused = await env.call('training', 'quizList', {}, 'worker-demo');
  expect(refused.ok).toBe(false);
  expect(refused.error.code).toBe('FORBIDDEN');
});
