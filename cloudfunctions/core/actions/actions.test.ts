import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { openIdentity } from '../identity';
import { PRIVACY_NOTICE } from '../privacy';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

describe('every call checks identity, action, input and role, and a rejected call writes nothing', () => {
  it('no identity → UNAUTHENTICATED', async () => {
    const before = await env.snapshot();
    const res = await env.call('tipoff', 'submit', validSubmission(), '');
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await env.snapshot()).toEqual(before);
  });

  it('unknown or missing action → NOT_FOUND', async () => {
    expect(await env.call('tipoff', 'explode')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '未知操作：explode' },
    });
    expect(await env.call('tipoff', 'toString')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const { FUNCTIONS } = await import('../functions');
    const { dispatch } = await import('../action');
    expect(await dispatch(FUNCTIONS.tipoff, { nothing: 1 }, 'resident-demo', env.runtime.deps)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '缺少 action 参数' },
    });
  });

  it.each([
    ['missing description', { description: undefined }, 'description'],
    ['too short description', { description: '有' }, 'description'],
    ['bad requestId', { requestId: '../../x' }, 'requestId'],
    ['ten photos', { photos: Array.from({ length: 10 }, (_, i) => `local-${i}`) }, 'photos'],
    ['latitude out of range', { location: { latitude: 120, longitude: 121.4, address: '某处' } }, 'location.latitude'],
    ['named without contact', { anonymous: false }, 'contact'],
    ['bad phone', { anonymous: false, contact: { name: '张三', phone: '123' } }, 'contact.phone'],
    ['unknown field', { openid: 'someone-else' }, ''],
    ['unknown category', { categoryId: 'nope' }, 'categoryId'],
    ['unknown area', { areaId: 'nope' }, 'areaId'],
  ])('%s → INVALID_INPUT listing the issue', async (_name, patch, path) => {
    const before = await env.snapshot();
    const res = await env.call('tipoff', 'submit', validSubmission(patch));
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('INVALID_INPUT');
    expect(res.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(res.error.message).toMatch(/^输入有误/);
    expect(await env.snapshot()).toEqual(before);
  });

  it('a resident cannot list a department queue → FORBIDDEN', async () => {
    const res = await env.call('queue', 'list', { page: 1, pageSize: 20 }, 'resident-demo');
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('roles come from the database, not from the caller', async () => {
    const res = await env.call(
      'queue',
      'list',
      { page: 1, pageSize: 20, roles: ['staff'], departmentId: 'CJ' },
      'resident-demo',
    );
    // Roles are checked before the input: a resident is refused whatever they send.
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const staff = await env.call('queue', 'list', { page: 1, pageSize: 20, roles: ['admin'] }, 'staff-CJ');
    expect(staff).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const res2 = await env.call('queue', 'list', { page: 1, pageSize: 20 }, 'never-seen-before');
    expect(res2).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('an unexpected failure is INTERNAL and leaks no stack', async () => {
    const db = env.runtime.deps.db;
    const broken = {
      ...env.runtime.deps,
      db: {
        ...db,
        collection: () => {
          throw new Error('disk on fire at /secret/path');
        },
      },
    };
    const { dispatch } = await import('../action');
    const { FUNCTIONS } = await import('../functions');
    const res = await dispatch(FUNCTIONS.tipoff, { action: 'mine' }, 'resident-demo', broken as never);
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } });
  });
});

describe('user.uploadKey', () => {
  it('gives one folder per submission: two reports differ, and no key names the openid', async () => {
    const key = async (scope: string, openid = 'resident-demo') =>
      (await env.call('user', 'uploadKey', { scope }, openid)).data?.uploadKey as string;
    const a = await key('report:req-aaaaaaaa');
    const b = await key('report:req-bbbbbbbb');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
    expect(await key('report:req-aaaaaaaa')).toBe(a); // a restored draft finds its folder again
    expect(await key('report:req-aaaaaaaa', 'worker-demo')).not.toBe(a);
    for (const k of [a, b]) expect(k).not.toContain('resident-demo');
    // Login gives no folder key of its own any more (it was one per person).
    expect((await env.call('user', 'login', {}, 'resident-demo')).data).not.toHaveProperty('uploadKey');
    for (const scope of ['', 'report:', 'report:../x', 'other:req-aaaaaaaa', `report:${'a'.repeat(65)}`]) {
      expect(await env.call('user', 'uploadKey', { scope })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    }
  });
});

describe('user.login', () => {
  it('registers a first-time visitor as a resident, once', async () => {
    const first = await env.call('user', 'login', {}, 'wx-new-user');
    expect(first).toEqual({
      ok: true,
      // The privacy notice in force, and no consent yet (issue 8).
      data: {
        openid: 'wx-new-user',
        roles: ['resident'],
        privacyVersion: PRIVACY_NOTICE.seed.version,
        privacyConsent: null,
      },
    });
    const before = await env.snapshot(['users']);
    await env.call('user', 'login', {}, 'wx-new-user');
    expect(await env.snapshot(['users'])).toEqual(before);
  });

  it('returns the seeded roles and department of demo staff', async () => {
    const res = await env.call('user', 'login', {}, 'head-CJ');
    expect(res.data).toMatchObject({ roles: ['staff', 'head'], departmentId: 'CJ', departmentCode: 'CJ' });
  });
});

describe('tipoff.submit', () => {
  it('routes by category × area, numbers the report and keeps the identity apart', async () => {
    const res = await env.call(
      'tipoff',
      'submit',
      validSubmission({ anonymous: false, contact: { name: '李四', phone: '13800138000' } }),
    );
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({ status: 'assigned', departmentId: 'CJ', departmentName: '城建' });
    expect(res.data.no).toMatch(/^MX-2026-\d{6}$/);
    expect(res.data.trackingCode).toMatch(/^[2-9A-HJ-KM-NP-Z]{10}$/);

    const { data: stored } = await env.runtime.db.collection('tipoffs').doc(res.data.id).get();
    const text = JSON.stringify(stored);
    expect(text).not.toContain('resident-demo');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('李四');
    expect(stored).toMatchObject({ routing: { ruleId: 'R01' }, coDepartmentIds: [] });
    expect((stored as { timeline: unknown[] }).timeline).toHaveLength(2);

    // The identity is stored apart and sealed: nothing readable at rest, recoverable only with the secret.
    const { data: identity } = await env.runtime.db.collection('reporterIdentities').doc(res.data.id).get();
    const sealed = (identity as { sealed: string }).sealed;
    expect(JSON.stringify(identity)).not.toMatch(/resident-demo|李四|13800138000/);
    const secret = env.runtime.deps.reporterKeySecret;
    expect(openIdentity(sealed, res.data.id, secret)).toEqual({
      openid: 'resident-demo',
      name: '李四',
      phone: '13800138000',
    });
    // Bound to its report: the same blob under another report id does not open.
    expect(() => openIdentity(sealed, 'another-id', secret)).toThrow();
  });

  it('numbers reports in sequence within the year', async () => {
    const a = await env.call('tipoff', 'submit', validSubmission());
    const b = await env.call('tipoff', 'submit', validSubmission());
    const seq = (no: string) => Number(no.slice(-6));
    expect(seq(b.data.no)).toBe(seq(a.data.no) + 1);
  });

  it('is idempotent on requestId: a retry answers with the first report', async () => {
    const input = validSubmission();
    const first = await env.call('tipoff', 'submit', input);
    const before = await env.snapshot();
    const again = await env.call('tipoff', 'submit', input);
    expect(again).toEqual(first);
    expect(await env.snapshot()).toEqual(before);
    // Even concurrent retries file one report.
    const input2 = validSubmission();
    const results = await Promise.all([1, 2, 3].map(() => env.call('tipoff', 'submit', input2)));
    expect(new Set(results.map((r) => r.data.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.data.no)).size).toBe(1);
    expect((await env.snapshot()).tipoffs).toBe(before.tipoffs + 1);
  });

  it('the same requestId from two different people files two reports', async () => {
    const input = validSubmission();
    const a = await env.call('tipoff', 'submit', input, 'resident-demo');
    const b = await env.call('tipoff', 'submit', input, 'worker-demo');
    expect(a.data.id).not.toBe(b.data.id);
  });

  it('an unmatched report goes to 安委办 for triage with the reason', async () => {
    const res = await env.call(
      'tipoff',
      'submit',
      validSubmission({ categoryId: 'other', description: '路口井盖松动有人绊倒' }),
    );
    expect(res.data).toMatchObject({ departmentId: 'AWB', departmentName: '镇安委办' });
  });
});

describe('tipoff.mine and queue.list', () => {
  it('a reporter sees only their own reports', async () => {
    await env.call('tipoff', 'submit', validSubmission(), 'worker-demo');
    const mine = await env.call('tipoff', 'mine', { page: 1, pageSize: 20 }, 'worker-demo');
    expect(mine.data.total).toBe(1);
    const other = await env.call('tipoff', 'mine', { page: 1, pageSize: 20 }, 'manager-demo');
    expect(other.data.total).toBe(0);
  });

  it("the routed department's staff see the report; no other department does", async () => {
    const sub = await env.call('tipoff', 'submit', validSubmission());
    const cj = await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'staff-CJ');
    expect(cj.data.items.map((i: { id: string }) => i.id)).toContain(sub.data.id);
    const item = cj.data.items.find((i: { id: string }) => i.id === sub.data.id);
    expect(item).toMatchObject({ reporter: '匿名', routing: { ruleId: 'R01' } });
    expect(JSON.stringify(item)).not.toMatch(/reporterKey|openid|trackingCode/);

    for (const other of ['staff-XF', 'staff-SCS', 'head-YJ', 'admin-demo']) {
      const res = await env.call('queue', 'list', { page: 1, pageSize: 50 }, other);
      expect(res.ok).toBe(true);
      expect(res.data.items.map((i: { id: string }) => i.id)).not.toContain(sub.data.id);
    }
  });

  it('pages within CloudBase limits, filters by status and counts the total', async () => {
    for (let i = 0; i < 7; i++) await env.call('tipoff', 'submit', validSubmission());
    const p1 = await env.call('queue', 'list', { page: 1, pageSize: 5 }, 'staff-CJ');
    const p2 = await env.call('queue', 'list', { page: 2, pageSize: 5 }, 'staff-CJ');
    expect(p1.data.total).toBe(7);
    expect(p1.data.items).toHaveLength(5);
    expect(p2.data.items).toHaveLength(2);
    const closed = await env.call('queue', 'list', { status: 'closed', page: 1, pageSize: 5 }, 'staff-CJ');
    expect(closed.data.total).toBe(0);
    const tooBig = await env.call('queue', 'list', { page: 1, pageSize: 500 }, 'staff-CJ');
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
