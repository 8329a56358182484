// `npm run chaos`: the local gateway under load while it is killed with SIGKILL at random moments.
//
// Residents file reports (each with its own requestId) and staff take cases through 受理 → 核查 → 整改,
// all over HTTP on 127.0.0.1, while the server process is killed every few seconds and started again
// on the same data folder. Clients retry a request that got no answer with the same body (a submit is
// idempotent by requestId). At the end the server is killed once more and the database file is opened
// directly: every acknowledged report must be there exactly once, every acknowledged step in its
// case's timeline, and SQLite's integrity check must pass. Exits 1 on any loss or double.
//
// Env: CHAOS_SECONDS (60), CHAOS_RESIDENTS (8), CHAOS_STAFF (4), CHAOS_KILL_MIN_MS (1500), CHAOS_KILL_MAX_MS (5000),
//      CHAOS_KEEP=1 keeps the data folder and server log.
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { INDEXES } from '../cloudfunctions/core/indexes';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/privacy';
import { defaultTown } from '../cloudfunctions/core/town';
import { createDatabase } from '../local-engine/database';

const SECONDS = Number(process.env.CHAOS_SECONDS ?? 60);
const RESIDENTS = Number(process.env.CHAOS_RESIDENTS ?? 8);
const STAFF = Number(process.env.CHAOS_STAFF ?? 4);
const KILL_MIN_MS = Number(process.env.CHAOS_KILL_MIN_MS ?? 1500);
const KILL_MAX_MS = Number(process.env.CHAOS_KILL_MAX_MS ?? 5000);
/** After the run: how long requests still waiting for an answer may keep retrying. */
const SETTLE_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 60_000;

const ROOT = path.resolve(__dirname, '..');
const RUN = Date.now().toString(36);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

// ---------- the server, started and killed ----------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

class Server {
  child: ChildProcess | null = null;
  kills = 0;
  starts = 0;
  downMs = 0;

  readonly dataDir: string;
  readonly logFile: string;
  private readonly bundle: string;

  constructor(
    readonly port: number,
    workDir: string,
  ) {
    this.dataDir = path.join(workDir, 'data');
    this.logFile = path.join(workDir, 'server.log');
    this.bundle = path.join(workDir, 'server.cjs');
  }

  /** `local-engine/main.ts` bundled once, so a restart takes a node start, not a TypeScript compile. */
  async prepare(): Promise<void> {
    await build({
      entryPoints: [path.join(ROOT, 'local-engine/main.ts')],
      outfile: this.bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      packages: 'external',
      logLevel: 'error',
    });
  }

  /** One node process, killed and started again on the same data folder and port. */
  async start(): Promise<void> {
    const began = performance.now();
    const log = fs.openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [this.bundle], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        STATIC_DIR: path.join(this.dataDir, 'no-h5'),
      },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.child = child;
    this.starts++;
    let exited = false;
    child.once('exit', () => (exited = true));
    while (performance.now() - began < START_TIMEOUT_MS) {
      if (exited) throw new Error(`the server exited while starting (see ${this.logFile})`);
      const up = await get('/healthz').catch(() => null);
      if (up === 200) {
        this.downMs += performance.now() - began;
        return;
      }
      await sleep(50);
    }
    throw new Error(`the server did not answer /healthz within ${START_TIMEOUT_MS / 1000} s`);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    this.kills++;
  }
}

let server: Server;

function get(route: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path: route, agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

// ---------- clients ----------

interface Envelope {
  ok: boolean;
  data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: { code: string; message: string; retryAfterSeconds?: number };
}

const figures = {
  answers: 0,
  /** Connection refused: the server was down. */
  refused: 0,
  /** Sent, then the connection died (reset, hang-up, timeout): the server may or may not have done it. */
  cut: 0,
  internal: 0,
  rateLimited: 0,
  latencies: [] as number[],
};

/** One POST /cloud/<fn>; rejects when no answer came (refused, reset, timed out). */
function post(fn: string, openid: string, body: Record<string, unknown>): Promise<Envelope> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/cloud/${fn}`,
        method: 'POST',
        agent: false,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-wx-openid': openid,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope);
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Sends until an answer other than INTERNAL / RATE_LIMITED comes, with the same body every time;
 * null when `until` passed first (the outcome is then unknown to the client).
 */
async function call(
  fn: string,
  openid: string,
  body: Record<string, unknown>,
  until: number,
): Promise<(Envelope & { cut: boolean }) | null> {
  let cut = false;
  while (Date.now() < until) {
    const t = performance.now();
    let answer: Envelope;
    try {
      answer = await post(fn, openid, body);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') figures.refused++;
      else {
        figures.cut++;
        cut = true;
      }
      await sleep(between(50, 250));
      continue;
    }
    figures.answers++;
    figures.latencies.push(performance.now() - t);
    if (answer.ok) return { ...answer, cut };
    if (answer.error?.code === 'INTERNAL') {
      figures.internal++;
      await sleep(between(50, 250));
      continue;
    }
    if (answer.error?.code === 'RATE_LIMITED') {
      figures.rateLimited++;
      await sleep(Math.min(5_000, (answer.error.retryAfterSeconds ?? 1) * 1000));
      continue;
    }
    return { ...answer, cut };
  }
  return null;
}

interface SubmitAck {
  requestId: string;
  id: string;
  no: string;
}
interface StepAck {
  id: string;
  step: string;
  status: string;
}
const submits = { sent: 0, acked: [] as SubmitAck[], ackedAfterCut: 0, refused: [] as string[], unknown: 0 };
const steps = { sent: 0, acked: [] as StepAck[], refused: [] as string[], unknown: 0 };

const town = defaultTown();
const TAG = /［chaos ([A-Za-z0-9_-]+)］/;

async function resident(i: number, deadline: number, settle: number) {
  for (let n = 0; Date.now() < deadline; n++) {
    const requestId = `chaos-${RUN}-${i}-${n}`;
    // A fresh identity per report: the per-openid submit limit is not what this run measures.
    const openid = `chaos-${RUN}-r${i}-${n}`;
    const area = town.areas[(i * 7 + n) % town.areas.length];
    const category = town.categories.filter((c) => !c.emergency)[(i + n) % 5];
    const body = {
      action: 'submit',
      requestId,
      categoryId: category.id,
      description: `楼道堆放杂物堵塞疏散通道［chaos ${requestId}］`,
      photos: [],
      location: { latitude: area.latitude, longitude: area.longitude, address: `${area.name} ${1 + (n % 30)} 号楼` },
      areaId: area.id,
      anonymous: true,
      suspectedMajor: false,
      privacyVersion: PRIVACY_NOTICE.seed.version,
    };
    submits.sent++;
    const answer = await call('tipoff', openid, body, settle);
    if (!answer) submits.unknown++;
    else if (answer.ok) {
      submits.acked.push({ requestId, id: answer.data.id, no: answer.data.no });
      if (answer.cut) submits.ackedAfterCut++;
    } else submits.refused.push(`${answer.error?.code} ${answer.error?.message}`);
    await sleep(between(0, 100));
  }
}

/** Each step a staff member takes, from the status a case must be in. */
const STEPS = [
  { from: 'assigned', input: (id: string) => ({ step: 'accept', id }) },
  {
    from: 'accepted',
    input: (id: string) => ({ step: 'verify', id, founded: true, major: false, note: '现场核实属实' }),
  },
  {
    from: 'verified',
    input: (id: string) => ({
      step: 'order',
      id,
      // Ten days from now, well inside the 60-day 办结期限.
      deadline: new Date(Date.now() + 10 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
      measures: '清理楼道杂物',
      responsibleUnit: '物业服务中心',
    }),
  },
];

async function staff(departments: string[], deadline: number, settle: number) {
  for (let n = 0; Date.now() < deadline; n++) {
    const department = departments[n % departments.length];
    const openid = `staff-${department}`;
    // The furthest step that has a case waiting, so cases move along the whole chain.
    let found: { step: (typeof STEPS)[number]; items: { id: string }[] } | undefined;
    for (const step of [...STEPS].reverse()) {
      const list = await call('queue', openid, { action: 'list', status: step.from, page: 1, pageSize: 10 }, deadline);
      if (list?.ok && list.data.items.length > 0) {
        found = { step, items: list.data.items };
        break;
      }
    }
    if (!found) {
      await sleep(between(20, 120));
      continue;
    }
    for (const item of found.items.slice(0, 3)) {
      const input = found.step.input(item.id);
      steps.sent++;
      const answer = await call('queue', openid, { action: 'act', ...input }, settle);
      if (!answer) steps.unknown++;
      // A retry of a step whose first answer was lost finds the case moved on: its outcome is unknown here.
      else if (!answer.ok) steps.refused.push(`${input.step}: ${answer.error?.code} ${answer.error?.message}`);
      else steps.acked.push({ id: input.id, step: input.step, status: answer.data.status });
      if (Date.now() >= deadline) break;
    }
  }
}

async function killer(deadline: number) {
  for (;;) {
    await sleep(between(KILL_MIN_MS, KILL_MAX_MS));
    if (Date.now() >= deadline) return;
    await server.kill();
    await server.start();
  }
}

// ---------- checking the stored state ----------

interface StoredTipoff {
  _id: string;
  no: string;
  description: string;
  status: string;
  timeline: { to: string }[];
}

async function readAll(dbFile: string) {
  const db = createDatabase({ file: dbFile, indexes: INDEXES });
  const _ = db.command;
  const all: StoredTipoff[] = [];
  for (let last = ''; ; ) {
    const { data } = await db
      .collection<StoredTipoff>('tipoffs')
      .where(last ? { _id: _.gt(last) } : {})
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    all.push(...data);
    if (data.length < 100) break;
    last = data[data.length - 1]._id;
  }
  const integrity = db.integrityCheck();
  db.close();
  return { all, integrity };
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-chaos-'));
  server = new Server(await freePort(), workDir);
  console.log(
    `chaos: ${SECONDS} s, ${RESIDENTS} residents, ${STAFF} staff, SIGKILL every ${KILL_MIN_MS / 1000}–${KILL_MAX_MS / 1000} s, 127.0.0.1:${server.port}, ${workDir}`,
  );
  await server.prepare();
  await server.start();

  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  const settle = deadline + SETTLE_MS;
  const departments = town.departments.map((d) => d.code);
  const staffShare = (j: number) => departments.filter((_, k) => k % STAFF === j);
  await Promise.all([
    ...Array.from({ length: RESIDENTS }, (_, i) => resident(i, deadline, settle)),
    ...Array.from({ length: STAFF }, (_, j) => staff(staffShare(j), deadline, settle)),
    killer(deadline),
  ]);
  const elapsed = (Date.now() - started) / 1000;
  const kills = server.kills;
  // The last word: killed once more, then the file alone must hold every acknowledged write.
  await server.kill();

  const { all, integrity } = await readAll(path.join(server.dataDir, 'cloud.db'));
  const byId = new Map(all.map((d) => [d._id, d]));
  const perRequest = new Map<string, number>();
  for (const d of all) {
    const tag = TAG.exec(d.description)?.[1];
    if (tag) perRequest.set(tag, (perRequest.get(tag) ?? 0) + 1);
  }
  const present = submits.acked.filter((a) => byId.get(a.id)?.no === a.no && perRequest.get(a.requestId) === 1);
  const lost = submits.acked.filter((a) => !byId.has(a.id) || byId.get(a.id)?.no !== a.no);
  const doubled = [...perRequest.values()].filter((n) => n > 1).length;
  const numbers = all.map((d) => d.no);
  const reusedNumbers = numbers.length - new Set(numbers).size;
  const stepsLost = steps.acked.filter((s) => !byId.get(s.id)?.timeline.some((e) => e.to === s.status));

  const lat = [...figures.latencies].sort((a, b) => a - b);
  const row = (label: string, value: string | number) => console.log(`${label.padEnd(48)}${value}`);
  console.log('');
  row('run (s)', elapsed.toFixed(1));
  row('kills (SIGKILL) during the run', kills);
  row('server down, restarting (s)', (server.downMs / 1000).toFixed(1));
  row('requests answered', figures.answers);
  row('  connection refused (server down), retried', figures.refused);
  row('  cut mid-request (reset/hang-up), retried', figures.cut);
  row('  INTERNAL answers, retried', figures.internal);
  row('  RATE_LIMITED answers, retried', figures.rateLimited);
  row('submits sent', submits.sent);
  row('  acknowledged', submits.acked.length);
  row('    of which after a cut request was retried', submits.ackedAfterCut);
  row('  refused', submits.refused.length);
  row('  no answer before the end', submits.unknown);
  row('  present (exactly once)', present.length);
  row('  lost', lost.length);
  row('  doubled', doubled);
  row('  case numbers reused', reusedNumbers);
  row('steps sent (受理/核查/整改)', steps.sent);
  row('  acknowledged', steps.acked.length);
  row('  refused (incl. retries of a step already taken)', steps.refused.length);
  row('  no answer before the end', steps.unknown);
  row('  reflected in the timeline', steps.acked.length - stepsLost.length);
  row('  lost', stepsLost.length);
  row('stored reports', all.length);
  row('integrity_check', integrity);
  row('throughput (answers/s)', (figures.answers / elapsed).toFixed(1));
  row('latency p50 / p95 / p99 (ms)', [50, 95, 99].map((p) => percentile(lat, p).toFixed(1)).join(' / '));
  for (const [what, list] of [
    ['submit', submits.refused],
    ['step', steps.refused],
  ] as const) {
    const counts = new Map<string, number>();
    for (const r of list) counts.set(r, (counts.get(r) ?? 0) + 1);
    for (const [r, n] of [...counts].slice(0, 5)) console.log(`  ${what} refused ×${n}: ${r}`);
  }

  const failed =
    lost.length > 0 ||
    doubled > 0 ||
    reusedNumbers > 0 ||
    stepsLost.length > 0 ||
    integrity !== 'ok' ||
    submits.acked.length === 0 ||
    kills === 0;
  console.log(failed ? '\nFAIL' : '\nok: acknowledged = present, nothing doubled, integrity ok');
  if (failed || process.env.CHAOS_KEEP) console.log(`data and server log kept in ${workDir}`);
  else fs.rmSync(workDir, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

main().catch(async (e) => {
  console.error(e);
  await server?.kill().catch(() => undefined);
  process.exit(1);
});
