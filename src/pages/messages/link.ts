import type { Message } from '../../../types';
import { OVERDUE_QUEUE } from '../../services/navigate';
export { OVERDUE_QUEUE };

/**
 * Where a message opens. A reporter's message opens the report. For staff and leaders: a notice about one case
 * (the overdue ladder's 函告/通报 to 安委办 and leaders) opens that case; the scheduler's department reminder
 * (titled 超期督办提醒, no case) opens the queue filtered to 超期; any other department message the queue.
 */
export function messageLink(m: Pick<Message, 'audience' | 'tipoffId' | 'title'>): string | undefined {
  if (m.audience === 'department') {
    if (m.tipoffId) return `/staff/pages/detail/index?id=${encodeURIComponent(m.tipoffId)}`;
    return m.title.startsWith('超期') ? OVERDUE_QUEUE : '/staff/pages/queue/index';
  }
  return m.tipoffId ? `/pages/tipoff/detail/index?id=${encodeURIComponent(m.tipoffId)}` : undefined;
}
