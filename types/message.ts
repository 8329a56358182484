import { Paging } from './common';

/** An in-app message (both modes); on weapp a subscribe message is also sent when the user has consented. */
export interface Message {
  id: string;
  title: string;
  body: string;
  tipoffId?: string;
  tipoffNo?: string;
  read: boolean;
  createdAt: string;
  /** `department`: a reminder to the caller's department (open it in the staff queue, not as a reporter). */
  audience: 'reporter' | 'department';
}

export const MessagesInput = Paging.strict();
