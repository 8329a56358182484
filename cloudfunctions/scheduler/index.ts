import { schedulerFunction } from '../core/actions/scheduler';
import { sweepOverdue } from '../core/sweep';
import { callerOpenid, cloudMain, timerMain } from '../platform/wx';

const byAction = cloudMain(schedulerFunction);
const byTimer = timerMain(sweepOverdue);

/**
 * The timer trigger (config.json) sweeps. Anything a user sends (even `{Type: 'Timer'}`) carries an OPENID
 * and goes through dispatch, where only 安委办 admins may run the sweep by hand.
 */
export const main = (event: { Type?: string }) =>
  event?.Type === 'Timer' && !callerOpenid() ? byTimer(event) : byAction(event);
