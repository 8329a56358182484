import { z } from 'zod';
import { ROLES } from '../../types';
import { openTestEnv, type TestEnv } from '../../local-engine/test-support';
import { ACCESS, accessRule, mayCall, NO_ROW, ROLE_DENIED } from './access';
import { action, defineFunction, dispatch, FUNCTION_NAME, type FunctionDef } from './action';
import { FUNCTIONS } from './functions';

/** Every `fn.action` the functions serve, read at run time: a new action joins these checks by itself. */
const served = () =>
  Object.entries(FUNCTIONS).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));

describe('the role × action table (access.ts)', () => {
  it('has a row for every action of every function', () => {
    const missing = served().filter((key) => !Object.prototype.hasOwnProperty.call(ACCESS, key));
    expect(missing).toEqual([]);
  });

  it('has no row for an action that does not exist (the table documents what is served)', () => {
    const actions = new Set(served());
    expect(Object.keys(ACCESS).filter((key) => !actions.has(key))).toEqual([]);
  });

  it('names only real roles', () => {
    for (const [key, rule] of Object.entries(ACCESS)) {
      for (const r of rule.roles) expect([key, ROLES.includes(r)]).toEqual([key, true]);
    }
  });

  it('knows each function by the name it is served under', () => {
    for (const [name, fn] of Object.entries(FUNCTIONS)) expect([name, fn[FUNCTION_NAME]]).toEqual([name, name]);
  });

  it('prints as Markdown, one line per served action (npm run access-table)', async () => {
    const { accessMarkdown } = await import('../../scripts/access-table');
    const md = accessMarkdown();
    expect(md.trim().split('\n')).toHaveLength(served().length + 2);
    expect(md).not.toContain('no row');
    expect(md).toContain('| `scheduler.sweep` | ✗ | ✗ | ✗ | ✗ | ✗ | ✓ | ✗ |');
  });

  it('answers lookups by own rows only', () => {
    expect(accessRule('tipoff', 'submit')).toBeDefined();
    expect(accessRule('tipoff', 'constructor')).toBeUndefined();
    expect(accessRule('__proto__', 'x')).toBeUndefined();
    expect(mayCall('queue', 'list', ['resident'])).toBe(false);
    expect(mayCall('queue', 'list', ['resident', 'staff'])).toBe(true);
    expect(mayCall('queue', 'nothing', ['admin', 'leader'])).toBe(false);
  });
});

describe('dispatch enforces the table', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());

  const ran: string[] = [];
  const probe = (name: string) =>
    action({
      input: z.object({ n: z.number() }).strict(),
      async run() {
        ran.push(name);
        return name;
      },
    });

  it('refuses an action without a row to everyone, before running it (fail closed)', async () => {
    const fn = defineFunction('tipoff', { options: FUNCTIONS.tipoff.options, unlisted: probe('unlisted') });
    for (const openid of ['resident-demo', 'admin-demo', 'leader-demo']) {
      const res = await dispatch(fn, { action: 'unlisted', n: 1 }, openid, env.runtime.deps);
      expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: NO_ROW } });
    }
    expect(ran).toEqual([]);
    // The rows it has still work.
    expect((await dispatch(fn, { action: 'options' }, 'resident-demo', env.runtime.deps)).ok).toBe(true);
  });

  it('refuses every action of a function that was never named', async () => {
    const fn: FunctionDef = { options: FUNCTIONS.tipoff.options };
    const res = await dispatch(fn, { action: 'options' }, 'leader-demo', env.runtime.deps);
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: NO_ROW } });
  });

  it('refuses a role the row does not list whatever the input, and lets the listed ones through', async () => {
    for (const input of [{}, { page: 1, pageSize: 20 }, { page: 'x', roles: ['staff'] }]) {
      const res = await dispatch(FUNCTIONS.queue, { action: 'list', ...input }, 'resident-demo', env.runtime.deps);
      expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: ROLE_DENIED } });
    }
    const staff = await dispatch(
      FUNCTIONS.queue,
      { action: 'list', page: 1, pageSize: 20 },
      'staff-CJ',
      env.runtime.deps,
    );
    expect(staff.ok).toBe(true);
    const sweep = await dispatch(FUNCTIONS.scheduler, { action: 'sweep' }, 'head-CJ', env.runtime.deps);
    expect(sweep).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: ROLE_DENIED } });
  });
});
