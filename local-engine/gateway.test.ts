import { seedDemoData } from './seed';
import { listenGateway, openTestEnv, validSubmission, type TestEnv, type TestGateway } from './test-support';

let env: TestEnv;
let gateway: TestGateway;
let base: string;

beforeAll(async () => {
  env = await openTestEnv();
  gateway = await listenGateway({ runtime: env.runtime });
  base = gateway.base;
});
afterAll(async () => {
  await gateway.close();
  env.close();
});

const post = (path: string, body: unknown, openid?: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

// The smallest valid PNG (1×1).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('local gateway (DESIGN.md §3)', () => {
  it('GET /healthz answers 200 while the store is open', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('POST /cloud/<fn> runs the action and answers the envelope', async () => {
    const res = await post('/cloud/tipoff', { action: 'submit', ...validSubmission() }, 'resident-demo');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, data: { departmentId: 'CJ' } });
  });

  it('a call without x-wx-openid gets HTTP 401 UNAUTHENTICATED', async () => {
    const res = await post('/cloud/tipoff', { action: 'options' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('validation errors are HTTP 200 with INVALID_INPUT and the issues', async () => {
    const res = await post(
      '/cloud/tipoff',
      { action: 'submit', ...validSubmission({ description: '' }) },
      'resident-demo',
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.issues[0]).toMatchObject({ path: 'description' });
  });

  it('an unknown function is 404 NOT_FOUND; bad JSON is 400 INVALID_INPUT', async () => {
    const unknown = await post('/cloud/nope', { action: 'x' }, 'resident-demo');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('NOT_FOUND');
    const bad = await post('/cloud/tipoff', '{"action":', 'resident-demo');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('INVALID_INPUT');
  });

  it('uploads an image and serves it back; rejects what is not an image', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png');
    const key = 'a'.repeat(32);
    const up = await fetch(`${base}/storage/upload?key=${key}`, {
      method: 'POST',
      body: form,
      headers: { 'x-wx-openid': 'resident-demo' },
    });
    const body = await up.json();
    expect(body).toMatchObject({
      ok: true,
      data: { fileID: expect.stringMatching(/^local-[0-9a-f]{32}-[0-9a-f]{32}\.png$/) },
    });
    // The uploader previews through the signed URL the upload answered with.
    const got = await fetch(`${base}${body.data.url}`);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);

    const text = new FormData();
    text.append('file', new Blob(['hello'], { type: 'image/png' }), 'fake.png');
    const rejected = await fetch(`${base}/storage/upload?key=${key}`, {
      method: 'POST',
      body: text,
      headers: { 'x-wx-openid': 'resident-demo' },
    });
    expect(rejected.status).toBe(400);
    expect((await rejected.json()).error.code).toBe('INVALID_INPUT');

    const anonymous = await fetch(`${base}/storage/upload?key=${key}`, { method: 'POST', body: form });
    expect(anonymous.status).toBe(401);
    // Without a folder (user.uploadKey), or with a path for one, nothing is stored.
    for (const q of ['', '?key=', '?key=../x', `?key=${key}/..`, `?key=${'A'.repeat(32)}`]) {
      const noFolder = await fetch(`${base}/storage/upload${q}`, {
        method: 'POST',
        body: form,
        headers: { 'x-wx-openid': 'resident-demo' },
      });
      expect(noFolder.status).toBe(400);
      expect((await noFolder.json()).error.code).toBe('INVALID_INPUT');
    }
  });

  it('names from the URL never reach object internals', async () => {
    for (const fn of ['constructor', '__proto__', 'toString']) {
      expect((await post(`/cloud/${fn}`, { action: 'x' }, 'resident-demo')).status).toBe(404);
      const timer = await fetch(`${base}/local/timer/${fn}`, { method: 'POST' });
      expect(timer.status).toBe(404);
      expect(JSON.stringify(await timer.json())).not.toContain(env.runtime.deps.reporterKeySecret);
    }
  });

  it('answers no cross-origin browser page unless a dev origin is configured', async () => {
    const res = await fetch(`${base}/local/identities`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never serves a path outside the file store', async () => {
    for (const p of ['..%2F..%2Fetc%2Fpasswd', '..%2Fcloud.db', 'local-zz.png', '%E0']) {
      const res = await fetch(`${base}/storage/${p}`);
      expect([403, 404]).toContain(res.status);
    }
  });

  it('lists the demo identities for the switcher', async () => {
    const res = await fetch(`${base}/local/identities`);
    const body = await res.json();
    const ids = body.data.map((i: { openid: string }) => i.openid);
    expect(ids).toEqual(
      expect.arrayContaining([
        'resident-demo',
        'worker-demo',
        'manager-demo',
        'staff-CJ',
        'head-CJ',
        'admin-demo',
        'leader-demo',
      ]),
    );
  });
});

describe('demo seed', () => {
  it('is idempotent: a second start changes nothing', async () => {
    const collections = ['users', 'enterprises', 'tipoffs', 'counters', 'meta', 'reporterIdentities'];
    const before = await env.snapshot(collections);
    expect(before.users).toBe(5 + 2 * 13);
    expect(await seedDemoData(env.runtime.deps)).toBe('already-seeded');
    expect(await env.snapshot(collections)).toEqual(before);
  });
});
