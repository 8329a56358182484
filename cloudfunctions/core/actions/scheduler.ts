import { z } from 'zod';
import { action, type FunctionDef } from '../action';
import { sweepOverdue, type SweepResult } from '../sweep';

/** Runs on the timer trigger (cloudfunctions/scheduler/config.json); 安委办 admins may also run it by hand. */
export const schedulerFunction: FunctionDef = {
  sweep: action({
    input: z.object({}).strict(),
    roles: ['admin'],
    run: (ctx): Promise<SweepResult> => sweepOverdue(ctx),
  }),
};
