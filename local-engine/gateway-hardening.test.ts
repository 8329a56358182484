// The gateway's own defences: body size, Host, Origin, content type, upload rate limit.
import http from 'node:http';
import net from 'node:net';
import { limitAction, TOWN_LIMITS } from '../cloudfunctions/core/rate-limit';
import { MAX_BODY_BYTES } from './gateway';
import { listenGateway, openTestEnv, validSubmission, type TestEnv, type TestGateway } from './test-support';

let env: TestEnv;
let gateway: TestGateway;
let port: number;
const DEV_ORIGIN = 'http://127.0.0.1:10999';

beforeAll(async () => {
  env = await openTestEnv();
  gateway = await listenGateway({ runtime: env.runtime, corsOrigin: DEV_ORIGIN });
  port = gateway.port;
});
afterAll(async () => {
  await gateway.close();
  env.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A real HTTP/1.1 request (node:http, so Host and Origin are exactly what the test says). */
function request(
  path: string,
  {
    method = 'POST',
    headers = {},
    body,
  }: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer | string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = (extra: http.OutgoingHttpHeaders = {}) => ({ 'content-type': 'application/json', ...extra });
const asResident = json({ 'x-wx-openid': 'resident-demo' });

/** A JSON body of exactly `size` bytes: a call with one long unknown field. */
function bodyOfSize(size: number): Buffer {
  const head = '{"action":"options","pad":"';
  const tail = '"}';
  return Buffer.from(head + 'x'.repeat(size - head.length - tail.length) + tail);
}

describe('request bodies over 1 MiB', () => {
  it('1 MiB + 1 gets the 413 envelope, not a reset', async () => {
    const res = await request('/cloud/tipoff', { headers: asResident, body: bodyOfSize(MAX_BODY_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(res.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大（不超过 1 MB）' } });
  });

  it('also when the size is not declared (chunked) and the client keeps sending', async () => {
    const res = await new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/cloud/tipoff',
          method: 'POST',
          headers: { ...asResident, 'transfer-encoding': 'chunked' },
        },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () =>
            resolve({
              status: r.statusCode ?? 0,
              headers: r.headers,
              body: JSON.parse(Buffer.concat(chunks).toString()),
            }),
          );
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < 48; i++) req.write(chunk); // 3 MiB
      req.end();
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('INVALID_INPUT');
  });

  it('exactly 1 MiB is read and validated', async () => {
    const res = await request('/cloud/tipoff', { headers: asResident, body: bodyOfSize(MAX_BODY_BYTES) });
    expect(res.status).toBe(200);
    expect(res.body.error.code).toBe('INVALID_INPUT');
  });
});

describe('a raw "__proto__" key in the JSON body', () => {
  it('is INVALID_INPUT and files nothing', async () => {
    const { description, ...rest } = validSubmission();
    const raw = `{"action":"submit",${JSON.stringify(rest).slice(1, -1)},"__proto__":{"description":${JSON.stringify(description)}}}`;
    const before = await env.digest();
    const res = await request('/cloud/tipoff', { headers: asResident, body: raw });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: '__proto__' }] } });
    expect(await env.digest()).toBe(before);
  });
});

describe('only local names, own pages and JSON', () => {
  const clockBody = JSON.stringify({ advanceDays: 1 });

  it('a Host other than 127.0.0.1 / localhost / [::1] on this port is 403 (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      const res = await request('/local/identities', { method: 'GET', headers: { host } });
      expect([host, res.status]).toEqual([host, 403]);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await request('/local/identities', { method: 'GET', headers: { host } })).status).toBe(200);
    }
  });

  it('a request without a Host (HTTP/1.0) is 403', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end('GET /local/identities HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => (text += c.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 403/);
  });

  it('a page from another origin is refused, whatever it sends; the clock does not move', async () => {
    const before = env.runtime.clock.offsetMs;
    for (const origin of ['https://evil.example', 'null', `http://localhost:${port}`, 'http://127.0.0.1:1']) {
      const clock = await request('/local/clock', { headers: json({ origin }), body: clockBody });
      expect(clock.status).toBe(403);
      const text = await request('/local/clock', {
        headers: { origin, 'content-type': 'text/plain' },
        body: clockBody,
      });
      expect(text.status).toBe(403);
      const cloud = await request('/cloud/tipoff', {
        headers: { ...asResident, origin },
        body: '{"action":"options"}',
      });
      expect(cloud.status).toBe(403);
      const timer = await request('/local/timer/scheduler', { headers: json({ origin }) });
      expect(timer.status).toBe(403);
    }
    expect(env.runtime.clock.offsetMs).toBe(before);
  });

  it('a POST that is not application/json is 415 (no simple cross-site request can act)', async () => {
    const before = env.runtime.clock.offsetMs;
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      undefined,
    ]) {
      const headers = type ? { 'content-type': type } : {};
      expect((await request('/local/clock', { headers, body: clockBody })).status).toBe(415);
      expect((await request('/local/timer/scheduler', { headers })).status).toBe(415);
      const cloud = await request('/cloud/tipoff', {
        headers: { ...headers, 'x-wx-openid': 'resident-demo' },
        body: '{"action":"options"}',
      });
      expect(cloud.status).toBe(415);
    }
    expect(env.runtime.clock.offsetMs).toBe(before);
  });

  it('the app itself (same origin, or the configured dev origin) is served', async () => {
    const own = `http://127.0.0.1:${port}`;
    const options = await request('/cloud/tipoff', {
      headers: { ...asResident, origin: own },
      body: '{"action":"options"}',
    });
    expect(options.body.ok).toBe(true);
    const dev = await request('/cloud/tipoff', {
      headers: { ...asResident, origin: DEV_ORIGIN },
      body: '{"action":"options"}',
    });
    expect(dev.body.ok).toBe(true);
    expect(dev.headers['access-control-allow-origin']).toBe(DEV_ORIGIN);
    const clock = await request('/local/clock', {
      headers: json({ origin: own, 'content-type': 'application/json; charset=utf-8' }),
      body: JSON.stringify({ reset: true }),
    });
    expect(clock.body.ok).toBe(true);
  });
});

describe('upload rate limit', () => {
  it('over the hourly limit, an upload is 429 RATE_LIMITED with the retry time and stores nothing', async () => {
    const openid = 'photo-spammer';
    const ctx = { ...env.runtime.deps, openid };
    for (let i = 0; i < TOWN_LIMITS.upload[0].limit; i++) await limitAction(ctx, 'upload');
    const boundary = 'x-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\ncontent-type: image/png\r\n\r\n`,
      ),
      Buffer.alloc(256 * 1024, 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const before = await env.digest({ except: ['rateLimits'] });
    const res = await request('/storage/upload', {
      headers: { 'x-wx-openid': openid, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '操作太频繁，请 60 分钟后再试', retryAfterSeconds: 3600 },
    });
    expect(res.headers['retry-after']).toBe('3600');
    expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
  });
});
