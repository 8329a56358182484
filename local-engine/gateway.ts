import http from 'node:http';
import fs from 'node:fs';
import busboy from 'busboy';
import sirv from 'sirv';
import type { ApiError, Envelope } from '../types';
import { dispatch, type FunctionDef } from '../cloudfunctions/core/action';
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { AppError } from '../cloudfunctions/core/errors';
import { FUNCTIONS, TIMERS } from '../cloudfunctions/core/functions';
import { OPEN311_BASE_PATH } from '../cloudfunctions/core/open311';
import { serveOpen311 } from '../cloudfunctions/core/open311-serve';
import { limitAction } from '../cloudfunctions/core/rate-limit';
import { demoIdentities } from './demo';
import type { LocalRuntime } from './runtime';
import { FOLDER_KEY, MAX_UPLOAD_BYTES, StorageError, TOO_LARGE_MESSAGE } from './storage';

export const MAX_BODY_BYTES = 1024 * 1024;
/** What is read and dropped after a refused body, so the client (still sending) gets the answer. */
const MAX_DISCARD_BYTES = 16 * 1024 * 1024;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
const fail = (res: http.ServerResponse, status: number, error: ApiError, headers?: http.OutgoingHttpHeaders) =>
  send(res, status, { ok: false, error } satisfies Envelope<never>, headers);

/**
 * Reads and drops the rest of a request body (up to MAX_DISCARD_BYTES). Answering while the client is still
 * sending and then closing makes the kernel reset the connection, and the client never reads the answer.
 */
function discardBody(req: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    let seen = 0;
    const done = () => {
      req.off('data', onData);
      resolve();
    };
    const onData = (c: Buffer) => {
      seen += c.length;
      if (seen > MAX_DISCARD_BYTES) done(); // past this, a reset is what an abusive sender gets
    };
    req.on('data', onData);
    req.once('end', done);
    req.once('error', done);
    req.once('close', done);
    req.resume();
  });
}

/** Answers a refused request after draining its body, and closes the connection (nothing more is read). */
async function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: ApiError) {
  await discardBody(req);
  fail(res, status, error, { connection: 'close' });
}

class BodyError extends Error {}
const TOO_LARGE = new BodyError('too-large');

/** `x-wx-openid` stands for getWXContext().OPENID in local mode (DESIGN.md §3). */
function openidOf(req: http.IncomingMessage): string | null {
  const v = req.headers['x-wx-openid'];
  return typeof v === 'string' && OPENID.test(v) ? v : null;
}

/** The JSON body, at most MAX_BODY_BYTES; over that, the rest is drained and TOO_LARGE thrown (→ 413). */
function readJson(req: http.IncomingMessage): Promise<unknown> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
    return discardBody(req).then(() => Promise.reject(TOO_LARGE));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(c);
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      void discardBody(req).then(() => reject(TOO_LARGE));
    };
    const onEnd = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new BodyError('bad-json'));
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/** `application/json` (any parameters): never one of the types a cross-site form or simple request may send. */
const isJson = (req: http.IncomingMessage) =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
const NOT_JSON: ApiError = { code: 'INVALID_INPUT', message: '请以 application/json 提交' };

function readUpload(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // busboy flags a file that reaches `fileSize` exactly: one byte of headroom lets exactly 10 MiB through.
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES + 1 } });
    } catch {
      reject(new StorageError('INVALID_INPUT', '请以 multipart/form-data 上传，字段名 file'));
      return;
    }
    let file: Buffer | null = null;
    let truncated = false;
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (truncated = true));
      stream.on('end', () => {
        if (name === 'file') file = Buffer.concat(chunks);
      });
    });
    bb.on('close', () => {
      if (truncated) reject(new StorageError('INVALID_INPUT', TOO_LARGE_MESSAGE));
      else if (!file) reject(new StorageError('INVALID_INPUT', '缺少字段 file'));
      else resolve(file);
    });
    bb.on('error', () => reject(new StorageError('INVALID_INPUT', '上传内容无法解析')));
    req.pipe(bb);
  });
}

/** A name from a URL looked up in a table: own properties only (never `constructor` or `__proto__`). */
function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

export interface GatewayOptions {
  runtime: LocalRuntime;
  staticDir?: string;
  functions?: Record<string, FunctionDef>;
  timers?: Record<string, (deps: CoreDeps) => Promise<unknown>>;
  /** Origin allowed to call from a browser page on another port (e.g. http://127.0.0.1:10087); none by default. */
  corsOrigin?: string;
}

/**
 * The names this engine answers to: loopback on its own port. Any other Host is a DNS-rebinding page
 * (evil.example resolving to 127.0.0.1) or something that reached the port by mistake.
 */
function localHosts(port: number): Set<string> {
  return new Set(['127.0.0.1', 'localhost', '[::1]'].flatMap((h) => (port === 80 ? [h, `${h}:80`] : [`${h}:${port}`])));
}

/** The local gateway: the same handlers the cloud runs, behind DESIGN.md §3's HTTP contract. */
export function createGateway({
  runtime,
  staticDir,
  functions = FUNCTIONS,
  timers = TIMERS,
  corsOrigin,
}: GatewayOptions): http.Server {
  const { deps, storage, db } = runtime;
  const identities = demoIdentities(deps.town).map(({ openid, label, roles, departmentId }) => ({
    openid,
    label,
    roles,
    departmentId,
  }));
  const assets =
    staticDir && fs.existsSync(staticDir) ? sirv(staticDir, { single: true, etag: true, dev: false }) : null;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const route = url.pathname;

    // Local mode answers only to its own name and its own pages (DNS rebinding, cross-site requests).
    const host = (req.headers.host ?? '').toLowerCase();
    if (!localHosts(req.socket.localPort ?? 0).has(host)) {
      return refuse(req, res, 403, { code: 'FORBIDDEN', message: '只接受本机地址（127.0.0.1 / localhost）的访问' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}` && origin !== corsOrigin) {
      return refuse(req, res, 403, { code: 'FORBIDDEN', message: '不接受来自其他网页的请求' });
    }

    // Only a configured dev origin (the h5 watch build on another port) may call from a browser page:
    // any other site the developer visits must not reach the local identities and clock.
    if (corsOrigin && req.headers.origin === corsOrigin) {
      res.setHeader('access-control-allow-origin', corsOrigin);
      res.setHeader('access-control-allow-headers', 'content-type, x-wx-openid');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    }

    if (route === '/healthz') {
      return db.isOpen() ? send(res, 200, { ok: true }) : send(res, 503, { ok: false });
    }

    // Open311 GeoReport v2 (core/open311-serve.ts): public report data, no identity read; the same answers the
    // `open311` function gives on CloudBase's HTTP access path.
    if (route === OPEN311_BASE_PATH || route.startsWith(`${OPEN311_BASE_PATH}/`)) {
      const answer = await serveOpen311(deps, {
        method: req.method ?? 'GET',
        path: route.slice(OPEN311_BASE_PATH.length),
        query: Object.fromEntries(url.searchParams),
      });
      await discardBody(req);
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      return void res.end(req.method === 'HEAD' ? undefined : answer.body);
    }

    if (route.startsWith('/cloud/')) {
      if (req.method !== 'POST') return fail(res, 405, { code: 'INVALID_INPUT', message: '请使用 POST' });
      const fn = own(functions, route.slice('/cloud/'.length));
      if (!fn) return fail(res, 404, { code: 'NOT_FOUND', message: `云函数不存在：${route.slice(7)}` });
      const openid = openidOf(req);
      if (!openid) return fail(res, 401, { code: 'UNAUTHENTICATED', message: '缺少身份（x-wx-openid）' });
      if (!isJson(req)) return refuse(req, res, 415, NOT_JSON);
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (e) {
        if (e === TOO_LARGE)
          return fail(
            res,
            413,
            { code: 'INVALID_INPUT', message: '请求内容过大（不超过 1 MB）' },
            { connection: 'close' },
          );
        return fail(res, 400, { code: 'INVALID_INPUT', message: '请求体不是有效的 JSON' });
      }
      return send(res, 200, await dispatch(fn, body, openid, deps));
    }

    // Uploads count against the uploader's limit before the file is read (on CloudBase the client writes to
    // storage directly; there the limit falls on the submit that names the files).
    if (route === '/storage/upload' && req.method === 'POST' && openidOf(req)) {
      try {
        await limitAction({ ...deps, openid: openidOf(req) as string }, 'upload');
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'RATE_LIMITED') throw e;
        const error = { code: e.code, message: e.message, retryAfterSeconds: e.retryAfterSeconds };
        await discardBody(req);
        return fail(res, 429, error, { connection: 'close', 'retry-after': String(e.retryAfterSeconds) });
      }
    }

    if (route === '/storage/upload') {
      if (req.method !== 'POST') return fail(res, 405, { code: 'INVALID_INPUT', message: '请使用 POST' });
      const uploader = openidOf(req);
      if (!uploader) return fail(res, 401, { code: 'UNAUTHENTICATED', message: '缺少身份（x-wx-openid）' });
      // `?key=`: the folder of one submission (user.uploadKey), as a weapp client names its cloudPath. The store
      // keeps it in the fileID; only the person and submission it was derived for may name the file.
      const folder = url.searchParams.get('key') ?? '';
      if (!FOLDER_KEY.test(folder)) {
        await discardBody(req);
        return fail(res, 400, { code: 'INVALID_INPUT', message: '上传位置无效，请重试' }, { connection: 'close' });
      }
      try {
        const { fileID } = await storage.save(await readUpload(req), folder);
        // `url`: the uploader's own preview (signed, short-lived), never built by the client from the id.
        return send(res, 200, { ok: true, data: { fileID, url: storage.signedUrl(fileID) } });
      } catch (e) {
        if (e instanceof StorageError) {
          return fail(res, e.message === TOO_LARGE_MESSAGE ? 413 : 400, { code: e.code, message: e.message });
        }
        throw e;
      }
    }

    // Files are read only through URLs a function signed for someone allowed to see the case (DESIGN.md §9).
    if (route.startsWith('/storage/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const fileID = safeDecode(route.slice('/storage/'.length));
      if (!storage.verify(fileID, url.searchParams.get('exp'), url.searchParams.get('sig'))) {
        return fail(res, 403, { code: 'FORBIDDEN', message: '图片链接无效或已过期，请刷新页面' });
      }
      try {
        const { file, mime } = await storage.locate(fileID);
        const maxAge = Math.max(0, Number(url.searchParams.get('exp')) - Math.floor(deps.now().getTime() / 1000));
        res.writeHead(200, {
          // Only the type sniffed at upload, and the browser must not guess another.
          'content-type': mime,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': `private, max-age=${maxAge}`,
          'content-length': fs.statSync(file).size,
        });
        if (req.method === 'HEAD') return void res.end();
        return void fs.createReadStream(file).pipe(res);
      } catch (e) {
        if (e instanceof StorageError) return fail(res, 404, { code: 'NOT_FOUND', message: e.message });
        throw e;
      }
    }

    // Local mode only: who the identity switcher can be.
    if (route === '/local/identities') return send(res, 200, { ok: true, data: identities });

    // Local mode only: move the engine's clock, e.g. to watch deadlines pass. Body: { advanceDays } or { reset: true }.
    if (route === '/local/clock' && req.method === 'POST') {
      if (!isJson(req)) return refuse(req, res, 415, NOT_JSON);
      const body = (await readJson(req).catch(() => ({}))) as { advanceDays?: unknown; reset?: unknown };
      if (body.reset === true) runtime.clock.reset();
      else if (
        typeof body.advanceDays === 'number' &&
        Number.isFinite(body.advanceDays) &&
        Math.abs(body.advanceDays) <= 3650
      ) {
        runtime.clock.advance(body.advanceDays * 86_400_000);
      } else return fail(res, 400, { code: 'INVALID_INPUT', message: '请提供 advanceDays（天数）或 reset: true' });
      return send(res, 200, { ok: true, data: { now: deps.now().toISOString(), offsetMs: runtime.clock.offsetMs } });
    }

    // Local mode only: fire a function's timer trigger now, as CloudBase would on its schedule.
    if (route.startsWith('/local/timer/') && req.method === 'POST') {
      const name = route.slice('/local/timer/'.length);
      const trigger = own(timers, name);
      if (!trigger) return fail(res, 404, { code: 'NOT_FOUND', message: `没有定时触发器：${name}` });
      if (!isJson(req)) return refuse(req, res, 415, NOT_JSON);
      await discardBody(req);
      return send(res, 200, { ok: true, data: await trigger(deps) });
    }

    if (assets && (req.method === 'GET' || req.method === 'HEAD')) {
      return assets(req, res, () => fail(res, 404, { code: 'NOT_FOUND', message: '页面不存在' }));
    }
    return fail(res, 404, { code: 'NOT_FOUND', message: '页面不存在' });
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      deps.log?.('gateway error', err);
      if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' });
      else res.destroy();
    });
  });
}
