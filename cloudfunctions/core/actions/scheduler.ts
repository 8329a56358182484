import { z } from 'zod';
import { action, defineFunction } from '../action';
import type { CoreDeps } from '../deps';
import { escalateInternalReports, type InternalEscalationResult } from '../internal-reports';
import { eraseExpiredIdentities, type RetentionResult } from '../privacy';
import { sweepOverdue, type SweepResult } from '../sweep';
import { remindAssignments } from '../training/reminders';
import { remindDuties } from '../duty-reminders';
import { cleanRateLimits } from '../rate-limit-cleanup';
import { prepareDueMonthly, type MonthlyJobResult } from '../reports/monthly-store';

/** The sweep's result as before, with the internal reports sent to the town and the identities erased beside it. */
export type HourlyResult = SweepResult & {
  internalReports: InternalEscalationResult;
  retention: RetentionResult;
  /** Workers reminded of a quiz their enterprise assigned, due within three days (once a day each). */
  trainingReminders: number;
  /** Messages to enterprises' managers about a drill or self-inspection due soon, overdue or never done. */
  dutyReminders: number;
  /** Rate-limit counters removed because their window ended (rate-limit-cleanup.ts; at most 1000 a run). */
  rateLimitsRemoved: number;
  /** From the 23rd on: this month's workbook, written once (a failure is retried next hour); null before. */
  monthlyReport: MonthlyJobResult;
};

/**
 * The hourly timer's work: the SLA sweep of tip-offs, then internal reports the enterprise let lapse, then the
 * retention of sealed reporter identities.
 */
export async function runHourlyJobs(
  deps: Pick<CoreDeps, 'db' | 'town' | 'now' | 'reporterKeySecret' | 'log' | 'media' | 'files'>,
): Promise<HourlyResult> {
  const sweep = await sweepOverdue(deps);
  const internalReports = await escalateInternalReports(deps);
  // Sealed identities past their retention (privacy.ts): at most RETENTION_BATCH a run, the rest next hour.
  const retention = await eraseExpiredIdentities(deps);
  // Training assignments due soon (training.ts): each worker who has not passed, once a day.
  const trainingReminders = await remindAssignments(deps);
  const dutyReminders = await remindDuties(deps);
  const rateLimitsRemoved = (await cleanRateLimits(deps)).removed;
  // 月度报表 (issue 11): last, so a slow or failing workbook never holds up the sweep and the reminders.
  const monthlyReport = await prepareDueMonthly(deps);
  return { ...sweep, internalReports, retention, trainingReminders, dutyReminders, rateLimitsRemoved, monthlyReport };
}

/** Runs on the timer trigger (cloudfunctions/scheduler/config.json); 安委办 admins may also run it by hand. */
export const schedulerFunction = defineFunction('scheduler', {
  sweep: action({
    input: z.object({}).strict(),
    run: (ctx): Promise<HourlyResult> => runHourlyJobs(ctx),
  }),
});
