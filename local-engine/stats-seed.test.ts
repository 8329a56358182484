// The report history (stats-seed.ts): deterministic, every status and channel, durations, overdue and major
// cases — and admin.stats over it gives the numbers computed here from the raw documents.
import { OPEN_STATUSES, TIPOFF_STATUSES, TRANSIENT_STATUSES } from '../types/tipoff';
import { TIPOFF_CHANNELS } from '../types/channels';
import type { DashboardStats } from '../types/stats';
import { LEDGER } from '../cloudfunctions/core/ledger';
import { TIPOFFS, type TipoffDoc } from '../cloudfunctions/core/tipoffs';
import { seedHistoryDemo, seedReportHistory } from './stats-seed';
import { openTestEnv, type TestEnv } from './test-support';

const NOW = new Date('2026-11-28T10:00:00+08:00');
const options = { from: '2026-06-01', months: 6, perMonth: 40, seed: 1, now: NOW };

async function all<T>(env: TestEnv, collection: string): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = await env.runtime.db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(100).get();
    out.push(...(data as T[]));
    if (data.length < 100) return out;
  }
}

let env: TestEnv;
afterEach(() => env.close());

it('is the same for the same seed, different for another', async () => {
  const digests: string[] = [];
  for (const seed of [1, 1, 2]) {
    env = await openTestEnv({ seed: false });
    await seedReportHistory(env.runtime.db, env.runtime.deps.town, { ...options, months: 2, seed });
    digests.push(await env.digest());
    env.close();
  }
  env = await openTestEnv({ seed: false });
  expect(digests[0]).toBe(digests[1]);
  expect(digests[2]).not.toBe(digests[0]);
});

it('has every status, every channel, durations, overdue and major cases with their ledger entries', async () => {
  env = await openTestEnv({ seed: false });
  const result = await seedReportHistory(env.runtime.db, env.runtime.deps.town, options);
  const docs = await all<TipoffDoc>(env, TIPOFFS);
  expect(result.reports).toBe(240);
  expect(docs).toHaveLength(240);
  const statuses = new Set(docs.map((d) => d.status));
  for (const s of TIPOFF_STATUSES.filter((s) => !TRANSIENT_STATUSES.includes(s))) expect(statuses).toContain(s);
  const channels = new Set(docs.map((d) => d.channel ?? 'app'));
  expect([...channels].sort()).toEqual([...TIPOFF_CHANNELS].sort());
  expect(new Set(docs.map((d) => d.areaId)).size).toBeGreaterThan(15);
  expect(new Set(docs.map((d) => d.departmentId)).size).toBeGreaterThan(3);
  const nowIso = '2026-11-28T10:00:00+08:00';
  expect(docs.filter((d) => OPEN_STATUSES.includes(d.status) && d.dueAt && d.dueAt < nowIso).length).toBeGreaterThan(0);
  expect(docs.filter((d) => d.hours?.toClose !== undefined).length).toBeGreaterThan(50);
  const ledger = await all<{ tipoffId: string }>(env, LEDGER);
  expect(ledger.length).toBe(result.ledger);
  expect(ledger.length).toBeGreaterThan(0);
  expect(ledger.every((l) => docs.find((d) => d._id === l.tipoffId)?.major)).toBe(true);
  // forty a month, each within its month; merged ones point at a report that exists
  for (const m of ['06', '07', '08', '09', '10', '11']) {
    expect(docs.filter((d) => d.createdAt.startsWith(`2026-${m}`)).length).toBeLessThanOrEqual(40);
  }
  expect(docs.filter((d) => d.createdAt < '2026-11').length).toBe(200);
  for (const d of docs.filter((d) => d.status === 'merged')) {
    expect(docs.some((x) => x._id === d.mergedInto?.id)).toBe(true);
  }
});

it('admin.stats over the history gives the numbers the raw documents give', async () => {
  env = await openTestEnv();
  await seedReportHistory(env.runtime.db, env.runtime.deps.town, options);
  const docs = (await all<TipoffDoc>(env, TIPOFFS)).filter((d) => d._id.startsWith('hist'));
  const nowIso = '2026-11-28T10:00:00+08:00';
  const inQuarter = docs.filter((d) => d.createdAt >= '2026-07-01' && d.createdAt < '2026-10-01');
  const res = await env.call('admin', 'stats', { period: { kind: 'quarter', key: '2026-Q3' } }, 'admin-demo');
  const s = res.data as DashboardStats;
  const count = (f: (d: TipoffDoc) => boolean) => inQuarter.filter(f).length;
  const founded = count((d) => d.verification?.founded === true);
  const verified = count((d) => !!d.verification);
  const open = count((d) => OPEN_STATUSES.includes(d.status));
  const overdue = count((d) => OPEN_STATUSES.includes(d.status) && !!d.dueAt && d.dueAt < nowIso);
  expect(s.reports).toMatchObject({
    total: inQuarter.length,
    verified,
    founded,
    closed: count((d) => d.status === 'closed'),
    open,
    overdue,
  });
  expect(s.reports.trend.map((t) => t.total)).toEqual(
    ['07', '08', '09'].map((m) => inQuarter.filter((d) => d.createdAt.startsWith(`2026-${m}`)).length),
  );
  const accept = inQuarter
    .flatMap((d) => (d.hours?.toAccept !== undefined ? [d.hours.toAccept] : []))
    .sort((a, b) => a - b);
  expect(s.reports.hours.toAccept).toEqual({
    count: accept.length,
    medianHours: accept[Math.ceil(accept.length * 0.5) - 1],
    p90Hours: accept[Math.ceil(accept.length * 0.9) - 1],
  });
  expect(s.reports.byChannel.reduce((n, r) => n + r.total, 0)).toBe(inQuarter.length);
});

it('the demo seeds six months once; under jest only with SEED_HISTORY=1', async () => {
  env = await openTestEnv();
  const before = (await env.runtime.db.collection(TIPOFFS).count()).total;
  expect(await seedHistoryDemo(env.runtime.deps)).toBe('skipped');
  process.env.SEED_HISTORY = '1';
  try {
    expect(await seedHistoryDemo(env.runtime.deps)).toBe('seeded');
    expect(await seedHistoryDemo(env.runtime.deps)).toBe('already-seeded');
  } finally {
    delete process.env.SEED_HISTORY;
  }
  expect((await env.runtime.db.collection(TIPOFFS).count()).total - before).toBe(240);
  // the test clock is 2026-11-28: June to November
  const res = await env.call('admin', 'stats', { period: { kind: 'quarter', key: '2026-Q2' } }, 'admin-demo');
  expect(res.data.reports.trend.map((t: { total: number }) => t.total)).toEqual([0, 0, 40]);
});
