/**
 * Every demo identity × every action (read from FUNCTIONS at run time), as real HTTP to the gateway:
 * the cells access.ts allows are never refused for the caller's role, the cells it denies answer
 * FORBIDDEN and write nothing. The table is printed at the end (✓ may call, ✗ refused).
 */
import { accessRule, mayCall, NO_ROW, ROLE_DENIED } from '../cloudfunctions/core/access';
import { FUNCTIONS } from '../cloudfunctions/core/functions';
import { callerFor, makeFixtures, sampleInputs, type Fixtures } from './action-samples';
import { demoIdentities } from './demo';
import { envelopeProblem } from './fuzz-arbitraries';
import { listenGateway, openTestEnv, type TestEnv, type TestGateway } from './test-support';

const ACTIONS = Object.entries(FUNCTIONS).flatMap(([fn, table]) => Object.keys(table).map((a) => [fn, a] as const));
/** The fixed identities of DESIGN.md §8, with staff and heads of two departments (城建 and 消防). */
const PEOPLE = [
  'resident-demo',
  'worker-demo',
  'manager-demo',
  'staff-CJ',
  'head-CJ',
  'staff-XF',
  'head-XF',
  'admin-demo',
  'leader-demo',
];

let env: TestEnv;
let gateway: TestGateway;
let base: string;
let fixtures: Fixtures;
const cells = new Map<string, string>();

beforeAll(async () => {
  env = await openTestEnv();
  fixtures = await makeFixtures(env);
  gateway = await listenGateway({ runtime: env.runtime });
  base = gateway.base;
});
afterAll(async () => {
  await gateway.close();
  env.close();
  const width = Math.max(...ACTIONS.map(([fn, a]) => `${fn}.${a}`.length));
  const head = `${''.padEnd(width)}  ${PEOPLE.map((_p, i) => String(i + 1).padStart(2)).join(' ')}`;
  const lines = ACTIONS.map(
    ([fn, a]) =>
      `${`${fn}.${a}`.padEnd(width)}  ${PEOPLE.map((p) => ` ${cells.get(`${fn}.${a} ${p}`) ?? '?'}`).join(' ')}`,
  );
  const legend = PEOPLE.map((p, i) => `${i + 1} ${p}`).join(', ');
  process.stdout.write(
    `\nRole × action (✓ may call, ✗ refused; ! disagrees with access.ts)\n${head}\n${lines.join('\n')}\n${legend}\n`,
  );
});

async function post(fn: string, body: Record<string, unknown>, openid: string) {
  const res = await fetch(`${base}/cloud/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

it('knows every demo identity it runs as', () => {
  const demo = demoIdentities(env.runtime.deps.town).map((p) => p.openid);
  for (const p of PEOPLE) expect(demo).toContain(p);
});

describe.each(ACTIONS)('%s.%s through the gateway', (fn, action) => {
  it('allows exactly the roles of its row; a refused call answers FORBIDDEN and writes nothing', async () => {
    expect(accessRule(fn, action)).toBeDefined();
    const samples = sampleInputs(fixtures)[`${fn}.${action}`] ?? [() => ({})];
    for (const openid of PEOPLE) {
      const user = await env.runtime.db.collection('users').doc(openid).get();
      const allowed = mayCall(fn, action, (user.data as { roles: [] }).roles);
      const caller = await callerFor(env, `${fn}.${action}`, openid);
      const before = await env.digest();
      const { status, body } = await post(fn, { action, ...samples[0]() }, caller);
      const cell = `${fn}.${action} as ${openid}`;
      expect([cell, status, envelopeProblem(body)]).toEqual([cell, 200, null]);
      const refusedByRole =
        !body.ok && body.error.code === 'FORBIDDEN' && [ROLE_DENIED, NO_ROW].includes(body.error.message);
      if (allowed) {
        // Past the table: whatever the action answers for this state, it is not a refusal by role.
        expect([cell, refusedByRole, body.ok ? 'ok' : body.error.code]).not.toEqual([cell, true, 'FORBIDDEN']);
        expect([cell, body.ok ? 'ok' : body.error.code]).not.toEqual([cell, 'INTERNAL']);
      } else {
        expect([cell, body]).toEqual([cell, { ok: false, error: { code: 'FORBIDDEN', message: ROLE_DENIED } }]);
        expect([cell, await env.digest()]).toEqual([cell, before]);
      }
      cells.set(`${fn}.${action} ${openid}`, allowed === !refusedByRole ? (allowed ? '✓' : '✗') : '!');
    }
  });
});
