import { z } from 'zod';
import { action, defineFunction } from '../action';
import { sweepOverdue, type SweepResult } from '../sweep';

/** Runs on the timer trigger (cloudfunctions/scheduler/config.json); 安委办 admins may also run it by hand. */
export const schedulerFunction = defineFunction('scheduler', {
  sweep: action({
    input: z.object({}).strict(),
    run: (ctx): Promise<SweepResult> => sweepOverdue(ctx),
  }),
});
