import { schedulerFunction } from '../core/actions/scheduler';
import { sweepOverdue } from '../core/sweep';
import { cloudMain, timerMain } from '../platform/wx';

const byAction = cloudMain(schedulerFunction);
const byTimer = timerMain(sweepOverdue);

/** The timer trigger (config.json) sweeps; a call with an action (安委办 admin, by hand) goes through dispatch. */
export const main = (event: { Type?: string; action?: string }) =>
  event?.Type === 'Timer' ? byTimer(event) : byAction(event);
