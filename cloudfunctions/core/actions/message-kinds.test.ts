// Tip-off step messages carry `kind: 'case'` (types/message.ts), so the messages page opens the case by kind
// (the reporter's report, or the staff case for a department) instead of guessing from the title.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

const DAY = 86_400_000;
const messages = async (openid: string) =>
  (await env.call('user', 'messages', { page: 1, pageSize: 50 }, openid)).data.items as Record<string, unknown>[];

it('a step on the report tells the reporter with kind case', async () => {
  const sub = await env.call('tipoff', 'submit', validSubmission(), 'resident-demo');
  expect(sub.ok).toBe(true);
  expect(await env.call('queue', 'act', { step: 'accept', id: sub.data.id }, 'staff-CJ')).toMatchObject({ ok: true });
  const mine = await messages('resident-demo');
  expect(mine.filter((m) => m.tipoffId === sub.data.id)).toEqual([
    expect.objectContaining({ kind: 'case', tipoffNo: sub.data.no, audience: 'reporter' }),
  ]);
});

it('催办 reminds the department with kind case', async () => {
  const sub = await env.call('tipoff', 'submit', validSubmission(), 'resident-demo');
  env.clock.advance(5 * DAY); // past the accept deadline
  expect(await env.call('tipoff', 'urge', { id: sub.data.id }, 'resident-demo')).toMatchObject({ ok: true });
  const dept = await messages('staff-CJ');
  expect(dept.find((m) => m.title === '举报人催办')).toMatchObject({
    kind: 'case',
    tipoffId: sub.data.id,
    audience: 'department',
  });
});
