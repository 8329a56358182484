import { Paging } from './common';

/**
 * What a message is about, so the client opens the right page without matching titles (messages written before
 * this field have none: the client falls back to the title rule).
 * - `overdueReminder`: the scheduler's 超期督办提醒 to a department (opens the queue filtered to 超期);
 * - `leaderNotice`: the overdue ladder's 函告/通报/约谈/曝光 notice about one case to 安委办 and leaders;
 * - `case`: a step on a report, to its reporter or followers;
 * - `internalReport`: an internal report (内部隐患报告) to its enterprise's managers or to the worker who filed it;
 * - `enterprise`: 安委办's decision on an enterprise's registration, to its managers (opens the desk);
 * - `enterpriseJoin`: a manager's decision on a worker's join request, to the worker (opens 我的);
 * - `ledger`: a 重大事故隐患台账 entry — to an enterprise's managers (列入台账 / 退回 / 销号: opens its 隐患台账) or to
 *   the department (企业申请销号: opens its ledger at 待审核).
 */
export const MESSAGE_KINDS = [
  'overdueReminder',
  'leaderNotice',
  'case',
  'internalReport',
  'enterprise',
  'enterpriseJoin',
  'ledger',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** An in-app message (both modes); on weapp a subscribe message is also sent when the user has consented. */
export interface Message {
  id: string;
  title: string;
  body: string;
  tipoffId?: string;
  tipoffNo?: string;
  /** What the message is about (absent on messages written before it existed). */
  kind?: MessageKind;
  /** The internal report a `kind: 'internalReport'` message is about (its managers and its worker may open it). */
  internalReportId?: string;
  read: boolean;
  createdAt: string;
  /** `department`: a reminder to the caller's department (open it in the staff queue, not as a reporter). */
  audience: 'reporter' | 'department';
}

export const MessagesInput = Paging.strict();
