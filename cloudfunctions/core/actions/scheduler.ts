import { z } from 'zod';
import { action, defineFunction } from '../action';
import type { CoreDeps } from '../deps';
import { escalateInternalReports, type InternalEscalationResult } from '../internal-reports';
import { sweepOverdue, type SweepResult } from '../sweep';

/** The sweep's result as before, with the internal reports sent to the town beside it. */
export type HourlyResult = SweepResult & { internalReports: InternalEscalationResult };

/** The hourly timer's work: the SLA sweep of tip-offs, then internal reports the enterprise let lapse. */
export async function runHourlyJobs(
  deps: Pick<CoreDeps, 'db' | 'town' | 'now' | 'reporterKeySecret' | 'log' | 'media'>,
): Promise<HourlyResult> {
  const sweep = await sweepOverdue(deps);
  const internalReports = await escalateInternalReports(deps);
  return { ...sweep, internalReports };
}

/** Runs on the timer trigger (cloudfunctions/scheduler/config.json); 安委办 admins may also run it by hand. */
export const schedulerFunction = defineFunction('scheduler', {
  sweep: action({
    input: z.object({}).strict(),
    run: (ctx): Promise<HourlyResult> => runHourlyJobs(ctx),
  }),
});
