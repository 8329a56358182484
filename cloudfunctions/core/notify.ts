// The reporter's push (subscribe message) after a step, and the record of one that did not arrive: staff see on
// the case who was not told (queue.detail notifyFailures), as FixMyStreet records send failures. The record
// holds when, which status, why and WeChat's errCode: never the reporter's openid or key.
import type { NotifyFailure, TipoffStatus } from '../../types';
import type { CoreDeps, StatusChangedEvent } from './deps';
import { TIPOFFS } from './tipoffs';

/** Sends the push; a failure (or a notifier that throws) is appended to the case's notifyFailures. Never throws. */
export async function notifyReporter(
  deps: Pick<CoreDeps, 'db' | 'log' | 'notifier'>,
  event: StatusChangedEvent & { status: TipoffStatus },
): Promise<void> {
  if (!deps.notifier) return;
  let failure: NotifyFailure | null = null;
  try {
    const outcome = await deps.notifier.statusChanged(event);
    if (outcome?.result === 'failed') {
      failure = {
        at: event.at,
        status: event.status,
        reason: outcome.reason,
        ...(outcome.errCode !== undefined ? { errCode: outcome.errCode } : {}),
      };
    }
  } catch (e) {
    deps.log?.('subscribe message failed', e);
    failure = { at: event.at, status: event.status, reason: 'failed' };
  }
  if (!failure) return;
  try {
    await deps.db
      .collection(TIPOFFS)
      .doc(event.tipoffId)
      .update({ data: { notifyFailures: deps.db.command.push(failure) } });
  } catch (e) {
    deps.log?.('notify failure not recorded', e);
  }
}
