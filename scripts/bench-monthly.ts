// The monthly workbook's generation time (issue 11: `npm run bench` prints it). benchMonthly(runtime) is called
// by the dashboard bench over its 100,000 reports (engine11's scripts/bench-dashboard.ts); run alone
// (`npx tsx scripts/bench-monthly.ts`) it builds its own store with stats-seed's seedReportHistory
// (BENCH_REPORTS, default 100,000, spread over 2024-01 … 2026-11). Measured, never typed in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultReportMonth, monthlyCycle } from '../types/monthly';
import { townDate } from '../cloudfunctions/core/calendar';
import { prepareMonthly } from '../cloudfunctions/core/reports/monthly-store';
import { buildMonthlyWorkbook } from '../cloudfunctions/core/reports/monthly-report';
import { openLocalRuntime, type LocalRuntime } from '../local-engine/runtime';
import { seedDemoData } from '../local-engine/seed';
import { seedReportHistory } from '../local-engine/stats-seed';

const RUNS = Number(process.env.BENCH_MONTHLY_RUNS ?? 5);
/** What the office would call slow for a button press (admin's timeout is 20 s). */
const BUDGET_MS = 5000;

const fmt = (n: number) => n.toFixed(0).padStart(7);

/** Generates the latest closed cycle's workbook RUNS times (gather + write + store) and prints the times. */
export async function benchMonthly(runtime: LocalRuntime): Promise<{ p50: number; max: number; bytes: number }> {
  const { deps } = runtime;
  const month = defaultReportMonth(townDate(deps.now()));
  const cycle = monthlyCycle(month);
  const whole: number[] = [];
  const build: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const wb = await buildMonthlyWorkbook(deps.db, deps.town, cycle, deps.now());
    build.push(performance.now() - t);
    t = performance.now();
    const { doc } = await prepareMonthly(deps, {
      month,
      by: 'bench',
      actor: 'bench',
      actorRoles: ['admin'],
      regenerate: true,
    });
    whole.push(performance.now() - t);
    bytes = doc.sizeBytes;
    void wb;
  }
  const sorted = [...whole].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)];
  const max = sorted[sorted.length - 1];
  const b = [...build].sort((a, c) => a - c);
  console.log(`== monthly workbook (${cycle.label}, ${cycle.from} … ${cycle.to}), ${RUNS} runs ==`);
  console.log(`gather + write (ms)          p50 ${fmt(b[Math.floor(b.length / 2)])}  max ${fmt(b[b.length - 1])}`);
  console.log(
    `gather + write + store (ms)  p50 ${fmt(p50)}  max ${fmt(max)}  budget ${BUDGET_MS}  ${max <= BUDGET_MS ? 'ok' : 'OVER'}`,
  );
  console.log(`workbook size                ${(bytes / 1024).toFixed(1)} KB`);
  return { p50, max, bytes };
}

async function main() {
  const reports = Number(process.env.BENCH_REPORTS ?? 100000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-bench-monthly-'));
  const runtime = openLocalRuntime(dataDir, { quiet: true });
  try {
    await seedDemoData(runtime.deps);
    const months = 35;
    const t = performance.now();
    const seeded = await seedReportHistory(runtime.db, runtime.deps.town, {
      from: '2024-01-01',
      months,
      perMonth: Math.ceil(reports / months),
      seed: 7,
      now: runtime.deps.now(),
    });
    console.log(
      `seeded ${seeded.reports} reports, ${seeded.ledger} ledger entries in ${(performance.now() - t).toFixed(0)} ms`,
    );
    await benchMonthly(runtime);
  } finally {
    runtime.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
