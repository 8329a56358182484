// `npm run bench`: measured figures beside their budgets (not a test: it prints, it does not assert).
//  - weapp main package and each function bundle (sizes)
//  - tipoff.submit and queue.list latency (p50/p95) through the real handlers on the local engine,
//    with BENCH_REPORTS stored reports (default 100,000), and the database operations each action makes
//  - the scheduler's SLA sweep over that store
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../cloudfunctions/core/action';
import { FUNCTIONS } from '../cloudfunctions/core/functions';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/privacy';
import { reporterKey, tipoffIdFor, tipoffNo } from '../cloudfunctions/core/ids';
import { routeTipoff } from '../cloudfunctions/core/routing';
import { isoTown } from '../cloudfunctions/core/time';
import { newTipoffDoc, TIPOFFS } from '../cloudfunctions/core/tipoffs';
import { openLocalRuntime } from '../local-engine/runtime';
import { seedDemoData } from '../local-engine/seed';
import { sweepOverdue } from '../cloudfunctions/core/sweep';
import { benchDrill } from './bench-drill';
import { benchTraining } from './bench-training';
import { benchMonthly } from './bench-monthly';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 100000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const BUDGET = { submitP95: 30, queueP95: 50, sweepMs: 5000 };

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
}
const fmt = (n: number) => n.toFixed(2).padStart(8);

async function main() {
  console.log('== sizes ==');
  const { buildFunctions } = await import('./build-functions.mjs');
  const { measureSizes, sizeRows, printRows } = await import('./size.mjs');
  await buildFunctions();
  try {
    printRows(sizeRows(measureSizes()));
  } catch (e) {
    console.log(`(${(e as Error).message}; function bundles only)`);
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-bench-'));
  const runtime = openLocalRuntime(dataDir, { quiet: true });
  const { deps, db } = runtime;
  await seedDemoData(deps);

  console.log(`\n== local engine, ${REPORTS.toLocaleString('en')} stored reports ==`);
  // Reports are generated with the same builder and router that tipoff.submit uses, then bulk-loaded.
  // A town's store after some years: most cases closed, about 15 % open, a third of those past their deadline.
  const t0 = performance.now();
  const town = deps.town;
  const docs = [];
  const now = deps.now().getTime();
  const start = now - 3 * 365 * 86_400_000;
  const step = (now - start) / REPORTS;
  const openStatuses = ['assigned', 'accepted', 'verified', 'rectifying', 'rectified'] as const;
  for (let i = 0; i < REPORTS; i++) {
    const category = town.categories[i % town.categories.length];
    const area = town.areas[(i * 7) % town.areas.length];
    const key = reporterKey(`bench-user-${i % 2000}`, deps.reporterKeySecret);
    const decision = routeTipoff({ categoryId: category.id, area, description: '批量生成的测试举报内容' }, town);
    const createdMs = start + i * step;
    const doc = newTipoffDoc({
      input: {
        categoryId: category.id,
        areaId: area.id,
        description: `批量生成的测试举报内容 #${i}`,
        photos: [],
        location: { latitude: area.latitude, longitude: area.longitude, address: `${area.name} ${i % 40} 号楼` },
        anonymous: i % 3 !== 0,
        suspectedMajor: i % 50 === 0,
      },
      decision,
      reporterKey: key,
      at: isoTown(new Date(createdMs)),
      acceptBy: isoTown(new Date(createdMs + 86_400_000)),
      geo: { type: 'Point', coordinates: [area.longitude, area.latitude] },
    });
    const open = i % 20 < 3;
    const status = open ? openStatuses[i % openStatuses.length] : i % 10 === 9 ? 'unfounded' : 'closed';
    // Open cases: due from ten days ago to twenty days ahead; closed ones have no deadline.
    const dueAt = open ? isoTown(new Date(now + ((i % 30) - 10) * 86_400_000)) : null;
    docs.push({ ...doc, status, dueAt, _id: tipoffIdFor(key, `bench-${i}`), no: tipoffNo(2026, 100000 + i) });
  }
  db.bulkInsert(TIPOFFS, docs);
  console.log(`generated and stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const call = (fn: string, action: string, input: Record<string, unknown>, openid: string) =>
    dispatch(FUNCTIONS[fn], { action, ...input }, openid, deps);

  // Warm up (statement caches, JIT), then measure one at a time: latency, not throughput.
  const submitInput = (i: number) => ({
    requestId: `bench-submit-${i}`,
    categoryId: town.categories[i % town.categories.length].id,
    description: '楼道堆放杂物堵塞疏散通道',
    photos: [],
    location: { latitude: 31.33, longitude: 121.44, address: '共康二村 1 号楼' },
    areaId: town.areas[i % town.areas.length].id,
    anonymous: true,
    suspectedMajor: false,
    privacyVersion: PRIVACY_NOTICE.seed.version,
  });
  // One identity per report: the per-person submit limit (10 an hour) is not what this measures.
  const reporter = (i: number) => `bench-resident-${i}`;
  for (let i = 0; i < 20; i++)
    await call('tipoff', 'submit', { ...submitInput(i), requestId: `bench-warm-${i}` }, reporter(i));

  const submitMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const res = await call('tipoff', 'submit', submitInput(i), reporter(i));
    submitMs.push(performance.now() - t);
    if (!res.ok) throw new Error(`submit failed: ${JSON.stringify(res)}`);
  }

  const depts = town.departments.map((d) => d.code);
  const statuses = [undefined, 'assigned', 'closed'];
  const queueMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const input = { page: 1 + (i % 5), pageSize: 20, ...(statuses[i % 3] ? { status: statuses[i % 3] } : {}) };
    const t = performance.now();
    const res = await call('queue', 'list', input, `staff-${depts[i % depts.length]}`);
    queueMs.push(performance.now() - t);
    if (!res.ok) throw new Error(`queue.list failed: ${JSON.stringify(res)}`);
  }

  const s = stats(submitMs);
  const q = stats(queueMs);
  console.log(`${'action'.padEnd(16)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}   budget`);
  console.log(
    `${'tipoff.submit'.padEnd(16)}${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)}   p95 ≤ ${BUDGET.submitP95} ms ${s.p95 <= BUDGET.submitP95 ? 'ok' : 'OVER'}`,
  );
  console.log(
    `${'queue.list'.padEnd(16)}${fmt(q.p50)} ${fmt(q.p95)} ${fmt(q.max)}   p95 ≤ ${BUDGET.queueP95} ms ${q.p95 <= BUDGET.queueP95 ? 'ok' : 'OVER'}`,
  );

  // The sweep: first run escalates what is overdue (about 5 % of the store), the second finds nothing new.
  const sweeps: number[] = [];
  let escalated = 0;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const res = await sweepOverdue(deps);
    sweeps.push(performance.now() - t);
    if (i === 0) escalated = Object.values(res.escalated).reduce((a, b) => a + b, 0);
  }
  console.log(
    `${'scheduler sweep'.padEnd(16)} first ${sweeps[0].toFixed(0)} ms (${escalated} escalation steps), again ${sweeps[1].toFixed(0)} ms   budget ≤ ${BUDGET.sweepMs} ms ${Math.max(...sweeps) <= BUDGET.sweepMs ? 'ok' : 'OVER'}`,
  );

  console.log('\n== database operations per action ==');
  const measureOps = async (label: string, fn: () => Promise<unknown>) => {
    db.resetStats();
    const t = performance.now();
    const res = (await fn()) as { ok?: boolean } | undefined;
    const ms = performance.now() - t;
    if (res && res.ok === false) throw new Error(`${label} failed: ${JSON.stringify(res)}`);
    const { reads, writes } = db.stats();
    console.log(
      `${label.padEnd(28)} reads ${String(reads).padStart(2)}  writes ${String(writes).padStart(2)}  total ${String(reads + writes).padStart(2)}  ${ms.toFixed(1).padStart(7)} ms`,
    );
  };
  await measureOps('user.login', () => call('user', 'login', {}, 'resident-demo'));
  await measureOps('tipoff.options', () => call('tipoff', 'options', {}, 'resident-demo'));
  await measureOps('tipoff.submit (new)', () => call('tipoff', 'submit', submitInput(99999), 'resident-demo'));
  await measureOps('tipoff.submit (retry)', () => call('tipoff', 'submit', submitInput(99999), 'resident-demo'));
  await measureOps('tipoff.mine', () => call('tipoff', 'mine', { page: 1, pageSize: 20 }, 'resident-demo'));
  await measureOps('queue.list', () => call('queue', 'list', { page: 1, pageSize: 20 }, 'staff-CJ'));
  await measureOps('queue.counts', () => call('queue', 'counts', {}, 'staff-CJ'));
  const first = (await call('queue', 'list', { status: 'assigned', page: 1, pageSize: 1 }, 'staff-CJ')) as {
    ok: true;
    data: { items: { id: string }[] };
  };
  const someId = first.data.items[0].id;
  await measureOps('queue.detail', () => call('queue', 'detail', { id: someId }, 'staff-CJ'));
  await measureOps('queue.act (accept)', () => call('queue', 'act', { step: 'accept', id: someId }, 'staff-CJ'));
  await measureOps('scheduler sweep (idle)', () => sweepOverdue(deps));

  // The fan-out: a step on a case 200 residents 附议'd tells each of them (one batch add per 100).
  const followed = (await call('tipoff', 'submit', submitInput(99998), reporter(99998))) as {
    ok: true;
    data: { id: string };
  };
  for (let i = 0; i < 200; i++) {
    const res = await call('tipoff', 'follow', { id: followed.data.id }, `bench-follower-${i}`);
    if (!res.ok) throw new Error(`follow failed: ${JSON.stringify(res)}`);
  }
  const caseDept = ((await db.collection(TIPOFFS).doc(followed.data.id).get()).data as { departmentId: string })
    .departmentId;
  await measureOps('queue.act, 200 followers', () =>
    call('queue', 'act', { step: 'accept', id: followed.data.id }, `staff-${caseDept}`),
  );

  // Issue 9: training.start / training.submit with 10,000 stored attempts (bench-training.ts).
  await benchTraining(runtime);

  // Issue 10: 500 people check in to one drill within a minute (bench-drill.ts).
  await benchDrill(runtime);

  // Issue 11: the monthly workbook over the stored reports (bench-monthly.ts).
  await benchMonthly(runtime);

  runtime.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
