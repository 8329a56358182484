// The reporter's own list (tipoff.mine) carries an anonymous report's 查询码: 我的 shows it, so the code is not
// lost when 随手拍 resets to a fresh form after the done screen. Nobody else's answer carries it.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

it("an anonymous report's 查询码 is in its reporter's tipoff.mine, and not in the staff queue", async () => {
  const sub = await env.call('tipoff', 'submit', validSubmission({ anonymous: true }), 'resident-demo');
  expect(sub.ok).toBe(true);
  const mine = await env.call('tipoff', 'mine', { page: 1, pageSize: 20 }, 'resident-demo');
  expect(mine.data.items.find((t: { id: string }) => t.id === sub.data.id)).toMatchObject({
    anonymous: true,
    trackingCode: sub.data.trackingCode,
  });
  const queue = await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'staff-CJ');
  expect(JSON.stringify(queue.data)).not.toContain(sub.data.trackingCode);
});
