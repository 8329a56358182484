import { openTestEnv, validSubmission, type TestEnv } from '../../local-engine/test-support';
import { dispatch } from './action';
import { FUNCTIONS } from './functions';

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(() => env.close());

/** What CloudBase and the gateway hand dispatch: the parsed JSON text of the call. */
const call = (json: string, openid = 'resident-demo') =>
  dispatch(FUNCTIONS.tipoff, JSON.parse(json), openid, env.runtime.deps);

describe('"__proto__" and friends in the input', () => {
  it('a top-level "__proto__" cannot supply fields past .strict()', async () => {
    const { description, ...rest } = validSubmission();
    const json = `{"action":"submit",${JSON.stringify(rest).slice(1, -1)},"__proto__":{"description":${JSON.stringify(description)}}}`;
    const before = await env.digest();
    const res = await call(json);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await env.digest()).toBe(before);
  });

  it('a top-level "__proto__" cannot change paging', async () => {
    const res = await call('{"action":"mine","__proto__":{"page":2,"pageSize":1}}');
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: '__proto__' }] } });
  });

  it.each([
    ['constructor at the top', '{"action":"mine","constructor":{"prototype":{"polluted":true}}}', 'constructor'],
    [
      '__proto__ nested',
      '{"action":"rate","id":"x","score":5,"comment":"好","extra":{"__proto__":{"a":1}}}',
      'extra.__proto__',
    ],
    ['prototype in an array', '{"action":"mine","list":[{"prototype":1}]}', 'list.0.prototype'],
  ])('%s is INVALID_INPUT naming the path', async (_what, json, path) => {
    const res = await call(json);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path }] } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nesting deeper than any action takes is INVALID_INPUT, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const res = await call(`{"action":"mine","deep":${deep}}`);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('ordinary input is untouched', async () => {
    const res = await call('{"action":"mine","page":1,"pageSize":5}');
    expect(res).toMatchObject({ ok: true, data: { page: 1, pageSize: 5 } });
  });
});

describe('bounds through dispatch', () => {
  it('page 1e18 is INVALID_INPUT with a Chinese message (was INTERNAL)', async () => {
    for (const [fn, action, openid] of [
      ['tipoff', 'mine', 'resident-demo'],
      ['user', 'messages', 'resident-demo'],
      ['queue', 'list', 'staff-CJ'],
      ['admin', 'ledger', 'staff-CJ'],
    ]) {
      const res = await env.call(fn, action, { page: 1e18, pageSize: 20 }, openid);
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(res.error.message).toMatch(/页码不能超过 1000/);
    }
  });

  it('a report outside the town is refused, on submit and nearby', async () => {
    const before = await env.digest();
    const res = await env.call(
      'tipoff',
      'submit',
      validSubmission({ location: { latitude: -5, longitude: 121.4447, address: '共康五村 3 号楼' } }),
    );
    expect(res.error).toMatchObject({ code: 'INVALID_INPUT', message: '输入有误：位置不在庙行镇范围内' });
    expect(await env.digest()).toBe(before);
    const near = await env.call('tipoff', 'nearby', { latitude: -5, longitude: 121.44, categoryId: 'gas-facility' });
    expect(near.error).toMatchObject({ code: 'INVALID_INPUT', message: '输入有误：位置不在庙行镇范围内' });
  });

  it('"\\u200b"×5 is not a description, and the word list sees through "办\\u200b证"', async () => {
    // The word check runs after the rate limit has counted the call: only that counter may change.
    const before = await env.digest({ except: ['rateLimits'] });
    const empty = await env.call('tipoff', 'submit', validSubmission({ description: '\u200b'.repeat(5) }));
    expect(empty.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'description' }] });
    const hidden = await env.call('tipoff', 'submit', validSubmission({ description: '专业办\u200b证，价格优惠' }));
    expect(hidden.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'description' }] });
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });

  it('the stored text is the cleaned text', async () => {
    const res = await env.call(
      'tipoff',
      'submit',
      validSubmission({ description: '\u202e燃气管道\u200b接口锈蚀，有异味\u0007 ' }),
    );
    expect(res.ok).toBe(true);
    const mine = await env.call('tipoff', 'detail', { id: res.data.id });
    expect(mine.data.description).toBe('燃气管道接口锈蚀，有异味');
  });
});
