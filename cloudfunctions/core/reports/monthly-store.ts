// The stored monthly workbooks (issue 11): one `monthlyReports` document per report month (`_id` = `2026-11`)
// naming the file in storage, its generation time and who wrote it. Written by 安委办 (admin.monthly) or by the
// hourly scheduler from the 23rd on (prepareDueMonthly); generating again replaces the document (the old file
// stays in storage, unreferenced).
import { randomBytes } from 'node:crypto';
import {
  defaultReportMonth,
  MONTHLY_DUE_DAY,
  MONTHLY_SHEETS,
  monthlyCycle,
  monthlyFileName,
  type MonthlyReportView,
} from '../../../types/monthly';
import { addAudit } from '../audit';
import { townDate } from '../calendar';
import type { CoreDeps } from '../deps';
import { findById, txFind } from '../store';
import { isoTown } from '../time';
import { runTransaction } from '../transaction';

export const MONTHLY_REPORTS = 'monthlyReports';
/** admin.monthlyList: newest month first. */
export const MONTHLY_REPORT_INDEXES: string[][] = [['month']];
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Who the scheduler's workbooks are by. */
export const SCHEDULER_BY = '系统（每月23日自动生成）';

export type MonthlyReportDoc = Omit<MonthlyReportView, 'url'> & {
  _id: string;
  /** The openid of the 安委办 officer who generated it, or `scheduler`; never in a response. */
  actor: string;
};

type Deps = Pick<CoreDeps, 'db' | 'town' | 'now' | 'files'>;

export const toMonthlyView = (d: MonthlyReportDoc, urls: Record<string, string>): MonthlyReportView => {
  const { _id, actor, ...view } = d;
  void _id;
  void actor;
  return { ...view, ...(urls[d.fileID] ? { url: urls[d.fileID] } : {}) };
};

export const findMonthly = (db: Deps['db'], month: string) =>
  findById<MonthlyReportDoc>(db, MONTHLY_REPORTS, month);

/**
 * The month's workbook: the stored one, or (none stored, or `regenerate`) a new one gathered now, written,
 * stored, and recorded with an audit entry. When two write the same month at once, the first recorded wins
 * (unless regenerating) and both answer it.
 */
export async function prepareMonthly(
  deps: Deps,
  args: { month: string; by: string; actor: string; actorRoles: string[]; regenerate?: boolean },
): Promise<{ doc: MonthlyReportDoc; created: boolean }> {
  if (!args.regenerate) {
    const stored = await findMonthly(deps.db, args.month);
    if (stored) return { doc: stored, created: false };
  }
  const now = deps.now();
  const cycle = monthlyCycle(args.month);
  // Loaded only here (a file of its own beside the function's bundle: build-functions.mjs LAZY_MODULES).
  const { buildMonthlyWorkbook } = await import('./monthly-report');
  const { bytes, generatedAt } = await buildMonthlyWorkbook(deps.db, deps.town, cycle, now);
  const fileID = await deps.files.store(
    `reports/monthly/${args.month}-${randomBytes(12).toString('hex')}.xlsx`,
    bytes,
    XLSX_MIME,
  );
  const doc: MonthlyReportDoc = {
    _id: args.month,
    ...cycle,
    generatedAt,
    by: args.by,
    actor: args.actor,
    fileID,
    fileName: monthlyFileName(cycle.label),
    sizeBytes: bytes.length,
    sheets: [...MONTHLY_SHEETS],
  };
  return runTransaction(deps.db, async (tx) => {
    const raced = await txFind<MonthlyReportDoc>(tx, MONTHLY_REPORTS, args.month);
    if (raced && !args.regenerate) return { doc: raced, created: false };
    const { _id, ...data } = doc;
    await tx.collection(MONTHLY_REPORTS).doc(_id).set({ data });
    await addAudit(tx, {
      actor: args.actor,
      actorRoles: args.actorRoles,
      action: raced ? 'monthly.regenerate' : 'monthly.generate',
      targetType: 'system',
      targetId: `monthly_${args.month}`,
      detail: { month: args.month, sizeBytes: bytes.length },
      at: isoTown(now),
    });
    return { doc, created: true };
  });
}

export type MonthlyJobResult = { month: string; result: 'created' | 'exists' | 'failed' } | null;

/**
 * The scheduler's part (hourly): from the 23rd (town date) on, this month's workbook once. Before the 23rd
 * nothing; a failure is logged and the next hour tries again; once stored, nothing more.
 */
export async function prepareDueMonthly(deps: Deps & Pick<CoreDeps, 'log'>): Promise<MonthlyJobResult> {
  const today = townDate(deps.now());
  if (Number(today.slice(8, 10)) < MONTHLY_DUE_DAY) return null;
  const month = defaultReportMonth(today);
  try {
    const { created } = await prepareMonthly(
      deps,
      { month, by: SCHEDULER_BY, actor: 'scheduler', actorRoles: [] },
    );
    return { month, result: created ? 'created' : 'exists' };
  } catch (e) {
    deps.log?.('monthly report: generation failed, retried next hour', e);
    return { month, result: 'failed' };
  }
}
