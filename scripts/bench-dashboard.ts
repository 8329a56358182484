// The dashboard part of `npm run bench` (issue 11): admin.stats over BENCH_REPORTS stored reports (default
// 100,000, filed 2024-01 … 2026-11 by stats-seed's seedReportHistory, so a year ≈ 35,000), called through
// dispatch as 安委办 for a month, a quarter and a year and as a department's staff (month, year), BENCH_STATS_RUNS
// times each. Prints p50 / p95 / max per case and the p95 of every call against the 300 ms budget; the first
// call of a case (cold: the engine's field cache fills) is printed apart. BENCH_MONTHLY=1 adds the monthly
// workbook's generation time over the same store (bench-monthly.ts). Measured, never typed in. `npm run bench`
// runs it after bench.ts; alone: `npx tsx scripts/bench-dashboard.ts`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../cloudfunctions/core/action';
import { FUNCTIONS } from '../cloudfunctions/core/functions';
import { openLocalRuntime, type LocalRuntime } from '../local-engine/runtime';
import { seedDemoData } from '../local-engine/seed';
import { seedReportHistory } from '../local-engine/stats-seed';
import { benchMonthly } from './bench-monthly';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 100_000);
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 20);
const BUDGET_P95_MS = 300;
const FIRST_MONTH = '2024-01-01';
const MONTHS = 35; // 2024-01 … 2026-11

type Envelope = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { p50: at(50), p95: at(95), max: s[s.length - 1] };
}
const fmt = (n: number) => n.toFixed(1).padStart(8);

/** Seeds the report history into the runtime's store (once per store). */
export async function seedDashboardReports(runtime: LocalRuntime): Promise<number> {
  const { deps } = runtime;
  const t = performance.now();
  const { reports } = await seedReportHistory(deps.db, deps.town, {
    from: FIRST_MONTH,
    months: MONTHS,
    perMonth: Math.ceil(REPORTS / MONTHS),
    seed: 11, // not the demo seed's history (its ids would collide)
    now: deps.now(),
  });
  console.log(`seeded ${reports.toLocaleString('en')} reports in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return reports;
}

export async function benchDashboard(runtime: LocalRuntime): Promise<{ p95: number }> {
  const { deps, db } = runtime;
  const call = (input: Record<string, unknown>, openid: string) =>
    dispatch(FUNCTIONS.admin, { action: 'stats', ...input }, openid, deps) as Promise<Envelope>;
  const department = deps.town.departments.find((d) => d.code !== deps.town.safetyOffice.code)!;
  const year = deps.now().getFullYear();
  const month = `${year}-${String(deps.now().getMonth() + 1).padStart(2, '0')}`;
  const quarter = `${year}-Q${Math.floor(deps.now().getMonth() / 3) + 1}`;
  const cases: { label: string; input: Record<string, unknown>; openid: string }[] = [
    { label: `town, month ${month}`, input: { period: { kind: 'month', key: month } }, openid: 'admin-demo' },
    { label: `town, quarter ${quarter}`, input: { period: { kind: 'quarter', key: quarter } }, openid: 'admin-demo' },
    { label: `town, year ${year}`, input: { period: { kind: 'year', key: String(year) } }, openid: 'admin-demo' },
    {
      label: `${department.name}, month`,
      input: { period: { kind: 'month', key: month } },
      openid: `staff-${department.code}`,
    },
    {
      label: `${department.name}, year`,
      input: { period: { kind: 'year', key: String(year) } },
      openid: `staff-${department.code}`,
    },
  ];

  console.log(`\n== admin.stats (数据看板), ${RUNS} calls per case ==`);
  const all: number[] = [];
  for (const c of cases) {
    const times: number[] = [];
    let cold = 0;
    let total = 0;
    let ops = { reads: 0, writes: 0 };
    for (let i = 0; i <= RUNS; i++) {
      db.resetStats();
      const t = performance.now();
      const res = await call(c.input, c.openid);
      const ms = performance.now() - t;
      if (!res.ok) throw new Error(`admin.stats (${c.label}) failed: ${JSON.stringify(res.error)}`);
      if (i === 0) {
        cold = ms;
        total = (res.data as { reports?: { total?: number } }).reports?.total ?? 0;
        ops = db.stats();
      } else times.push(ms);
    }
    all.push(...times);
    const s = stats(times);
    console.log(
      `${c.label.padEnd(24)} reports ${String(total).padStart(6)}  reads ${String(ops.reads).padStart(2)}  first ${fmt(cold)}  p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  max ${fmt(s.max)} ms`,
    );
  }
  const s = stats(all);
  console.log(
    `admin.stats, every call          p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  max ${fmt(s.max)} ms   p95 ≤ ${BUDGET_P95_MS} ms ${s.p95 <= BUDGET_P95_MS ? 'ok' : 'OVER'}`,
  );
  return { p95: s.p95 };
}

// Alone: a fresh local engine with the demo seed and the report history.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  (async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-bench-dashboard-'));
    const runtime = openLocalRuntime(dataDir, { quiet: true });
    await seedDemoData(runtime.deps);
    console.log(`== dashboard over ${REPORTS.toLocaleString('en')} reports ==`);
    await seedDashboardReports(runtime);
    await benchDashboard(runtime);
    // `npm run bench` times the workbook in bench.ts already; BENCH_MONTHLY=1 times it here over this history.
    if (process.env.BENCH_MONTHLY === '1') await benchMonthly(runtime);
    runtime.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
