// The monthly workbook's gathering and writing in one module that `admin` and `scheduler` load only when they
// write a workbook: scripts/build-functions.mjs bundles it as its own file beside the function's index.js
// (LAZY_MODULES), so the figures, the lists and the sheet layout are not parsed on every cold start and the
// index.js bundles stay under their 200 KB. exceljs itself is an installed dependency (monthly-xlsx.ts).
import type { MonthlyCycle } from '../../../types/monthly';
import type { Database } from '../db';
import { computeStats } from '../stats';
import type { Town } from '../town';
import { gatherMonthly } from './monthly';
import { writeMonthlyXlsx } from './monthly-xlsx';

/** The cycle's workbook as read at `now`: its bytes and the generation time written into it. */
export async function buildMonthlyWorkbook(
  db: Database,
  town: Town,
  cycle: MonthlyCycle,
  now: Date,
): Promise<{ bytes: Buffer; generatedAt: string }> {
  const data = await gatherMonthly(db, town, cycle, now, computeStats);
  return { bytes: await writeMonthlyXlsx(data), generatedAt: data.generatedAt };
}
