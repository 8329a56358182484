// Test helpers: the real local engine in a temp folder, with a clock the test controls.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { dispatch } from '../cloudfunctions/core/action';
import { uploadKey } from '../cloudfunctions/core/files';
import { FUNCTIONS } from '../cloudfunctions/core/functions';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/privacy';
import { createGateway, type GatewayOptions } from './gateway';
import { openLocalRuntime, type LocalRuntime } from './runtime';
import { seedDemoData } from './seed';

export interface TestEnv {
  runtime: LocalRuntime;
  dataDir: string;
  clock: { now: Date; advance(ms: number): void };
  /** Calls `fn.action` as `openid` through the same dispatch the gateway and CloudBase use. */
  call(
    fn: string,
    action: string,
    input?: Record<string, unknown>,
    openid?: string,
  ): Promise<{ ok: boolean; data?: any; error?: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Stores an image as `openid` uploaded it for one submission (`scope`, core/files.ts uploadScope: the folder
   * user.uploadKey gives; the gateway's /storage/upload) and returns its fileID.
   */
  upload(openid: string, scope: string, bytes?: Buffer): Promise<string>;
  /** Documents per collection: to prove a rejected call wrote nothing. */
  snapshot(collections?: string[]): Promise<Record<string, number>>;
  /** Names of every collection the store holds (empty ones included). */
  collections(): string[];
  /**
   * A hash of every collection's full contents, read through the database API in pages of 100 by `_id`:
   * equal digests mean nothing was written. Empty collections do not count (a read may create one).
   */
  digest(options?: { except?: string[] }): Promise<string>;
  close(): void;
}

export async function openTestEnv(
  options: {
    seed?: boolean;
    start?: string;
    /** Sees the field paths of every query (the index-coverage test). */
    onQuery?: NonNullable<Parameters<typeof openLocalRuntime>[1]>['onQuery'];
  } = {},
): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-test-'));
  const clock = {
    now: new Date(options.start ?? '2026-11-28T10:00:00+08:00'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const runtime = openLocalRuntime(dataDir, { now: () => clock.now, quiet: true, onQuery: options.onQuery });
  if (options.seed !== false) await seedDemoData(runtime.deps);
  // A second, read-only connection lists the tables (WAL lets it read what the engine committed).
  let reader: BetterSqlite3.Database | undefined;
  const collections = () => {
    reader ??= new BetterSqlite3(path.join(dataDir, 'cloud.db'), { readonly: true });
    const rows = reader
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'col\\_%' ESCAPE '\\'`)
      .all();
    return (rows as { name: string }[]).map((r) => r.name.slice(4)).sort();
  };
  return {
    runtime,
    dataDir,
    clock,
    call: (fn, action, input = {}, openid = 'resident-demo') =>
      dispatch(FUNCTIONS[fn], { action, ...input }, openid, runtime.deps),
    upload: async (openid, scope, bytes = TINY_PNG) =>
      (await runtime.storage.save(bytes, uploadKey(openid, runtime.deps.reporterKeySecret, scope))).fileID,
    async snapshot(collections = ['users', 'tipoffs', 'reporterIdentities', 'counters']) {
      const out: Record<string, number> = {};
      for (const c of collections) out[c] = (await runtime.db.collection(c).count()).total;
      return out;
    },
    collections,
    async digest({ except = [] } = {}) {
      const hash = createHash('sha256');
      for (const name of collections()) {
        if (except.includes(name)) continue;
        const coll = runtime.db.collection(name);
        for (let skip = 0; ; skip += 100) {
          const { data } = await coll.orderBy('_id', 'asc').skip(skip).limit(100).get();
          if (skip === 0 && data.length > 0) hash.update(`\u0000${name}\u0000`);
          for (const doc of data) hash.update(JSON.stringify(doc));
          if (data.length < 100) break;
        }
      }
      return hash.digest('hex');
    },
    close() {
      reader?.close();
      runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The smallest valid PNG (1×1). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export function validSubmission(overrides: Record<string, unknown> = {}) {
  return {
    requestId: `req-${Math.random().toString(36).slice(2, 12)}`,
    categoryId: 'gas-facility',
    description: '燃气管道接口锈蚀，有异味',
    photos: [],
    location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
    areaId: 'gk5',
    anonymous: true,
    suspectedMajor: false,
    // The 《个人信息保护说明》 in force (config/town/privacy.json): what the report page sends after consent.
    privacyVersion: PRIVACY_NOTICE.seed.version,
    ...overrides,
  };
}

export interface TestGateway {
  server: http.Server;
  port: number;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/** The gateway listening on a free loopback port, as the HTTP tests reach it. */
export async function listenGateway(options: GatewayOptions): Promise<TestGateway> {
  const server = createGateway(options);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A wrong answer to a question whose key is known (training tests): an option outside the key, or — when every
 * option is right — only part of the key (all or nothing makes it wrong).
 */
/**
 * A second active enterprise's safety manager (ENT-DEMO-2, openid `manager-2`, 超市店长): the other side of every
 * "another enterprise's manager" test. Returns the openid.
 */
export async function secondManager(env: TestEnv): Promise<string> {
  const db = env.runtime.db;
  await db
    .collection('users')
    .doc('manager-2')
    .set({
      data: {
        roles: ['resident', 'worker', 'safetyManager'],
        enterpriseId: 'ENT-DEMO-2',
        displayName: '超市店长',
        createdAt: '2026-11-01T10:00:00+08:00',
      },
    });
  await db
    .collection('enterprises')
    .doc('ENT-DEMO-2')
    .update({ data: { status: 'active', managerOpenids: ['manager-2'] } });
  return 'manager-2';
}

export function wrongAnswerTo(q: { options: readonly { key: string }[]; answer: readonly string[] }): string[] {
  const outside = q.options.map((o) => o.key).find((k) => !q.answer.includes(k));
  return outside ? [outside] : q.answer.slice(0, 1);
}
