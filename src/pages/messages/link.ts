import type { Message } from '../../../types';
import { OVERDUE_QUEUE } from '../../services/navigate';
export { OVERDUE_QUEUE };

const MINE = '/pages/mine/index';
const DESK = '/enterprise/pages/desk/index';
const ENTERPRISE_LEDGER = '/enterprise/pages/ledger/index';
export const STAFF_LEDGER_TO_REVIEW = '/staff/pages/ledger/index?status=rectified';
const q = (id: string) => encodeURIComponent(id);
const staffCase = (id: string) => `/staff/pages/detail/index?id=${q(id)}`;
const reporterCase = (id: string) => `/pages/tipoff/detail/index?id=${q(id)}`;

type Linked = Pick<Message, 'audience' | 'tipoffId' | 'title' | 'kind' | 'internalReportId'>;

/**
 * Where a message opens, by its `kind`:
 * - `overdueReminder` (the scheduler's 超期督办提醒 to a department): the staff queue filtered to 超期;
 * - `leaderNotice` (函告/通报/约谈/曝光 to 安委办 and leaders): that case in the staff detail;
 * - `case`: the report (the reporter's view; the staff view for a department's message);
 * - `internalReport`: that internal report (its managers and the worker who filed it may open it);
 * - `enterprise` (registration approved or refused): the manager's desk; `enterpriseJoin`: 我的, with the new role;
 * - `ledger`: a department's ledger at 待审核 (an enterprise asks for 销号), or the enterprise's 隐患台账.
 * Messages written before `kind` existed follow the title rule (`legacyLink`).
 */
export function messageLink(m: Linked): string | undefined {
  switch (m.kind) {
    case 'overdueReminder':
      return OVERDUE_QUEUE;
    case 'leaderNotice':
      return m.tipoffId ? staffCase(m.tipoffId) : OVERDUE_QUEUE;
    case 'case':
      if (!m.tipoffId) return undefined;
      return m.audience === 'department' ? staffCase(m.tipoffId) : reporterCase(m.tipoffId);
    case 'internalReport':
      if (m.internalReportId) return `/enterprise/pages/report-detail/index?id=${q(m.internalReportId)}`;
      return m.tipoffId ? reporterCase(m.tipoffId) : undefined;
    case 'enterprise':
      return DESK;
    case 'enterpriseJoin':
      return MINE;
    case 'ledger':
      return m.audience === 'department' ? STAFF_LEDGER_TO_REVIEW : ENTERPRISE_LEDGER;
    default:
      return legacyLink(m);
  }
}

/**
 * The rule for messages without a kind. A reporter's message opens the report. For staff and leaders: a notice
 * about one case opens that case; a department message titled 超期… (the scheduler's reminder) the queue filtered
 * to 超期; any other department message the queue.
 */
function legacyLink(m: Linked): string | undefined {
  if (m.audience === 'department') {
    if (m.tipoffId) return staffCase(m.tipoffId);
    return m.title.startsWith('超期') ? OVERDUE_QUEUE : '/staff/pages/queue/index';
  }
  return m.tipoffId ? reporterCase(m.tipoffId) : undefined;
}
