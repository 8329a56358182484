// In-app messages (both modes). Addressed by reporter key, not openid, so the message store holds no identity.
import type { Message } from '../../types';
import type { Database, Transaction } from './db';
import type { CoreDeps } from './deps';

export const MESSAGES = 'messages';
export const FOLLOWS = 'follows';

export interface MessageDoc {
  _id?: string;
  /** Reporter key of a reporter or follower, or `dept:<CODE>` for a department's staff. */
  recipient: string;
  title: string;
  body: string;
  tipoffId?: string;
  tipoffNo?: string;
  read: boolean;
  createdAt: string;
}

export interface FollowDoc {
  _id: string; // `${tipoffId}_${reporterKey}`
  tipoffId: string;
  reporterKey: string;
  createdAt: string;
}

export const MESSAGE_INDEXES = [
  ['recipient', 'createdAt'],
  ['recipient', 'read'],
];
export const FOLLOW_INDEXES = [['tipoffId']];

export const followId = (tipoffId: string, key: string) => `${tipoffId}_${key}`;
const DEPARTMENT_PREFIX = 'dept:';
export const departmentRecipient = (code: string) => `${DEPARTMENT_PREFIX}${code}`;

export function toMessage(doc: MessageDoc & { _id: string }): Message {
  return {
    id: doc._id,
    title: doc.title,
    body: doc.body,
    ...(doc.tipoffId ? { tipoffId: doc.tipoffId } : {}),
    ...(doc.tipoffNo ? { tipoffNo: doc.tipoffNo } : {}),
    read: doc.read,
    createdAt: doc.createdAt,
    audience: doc.recipient.startsWith(DEPARTMENT_PREFIX) ? 'department' : 'reporter',
  };
}

/** Inside the step's transaction: the reporter's message is written with the step, or not at all. */
export async function addMessage(tx: Transaction | Database, message: MessageDoc): Promise<void> {
  await tx.collection(MESSAGES).add({ data: { ...message } });
}

/** After the step: tell everyone who 附议'd (followed) the report, page by page within CloudBase's limit. */
export async function notifyFollowers(
  deps: Pick<CoreDeps, 'db'>,
  tipoff: { _id: string; no: string },
  text: { title: string; body: string },
  at: string,
): Promise<number> {
  let sent = 0;
  for (let skip = 0; ; skip += 100) {
    const { data } = await deps.db
      .collection<FollowDoc>(FOLLOWS)
      .where({ tipoffId: tipoff._id })
      .orderBy('createdAt', 'asc')
      .skip(skip)
      .limit(100)
      .get();
    for (const f of data) {
      await addMessage(deps.db, {
        recipient: f.reporterKey,
        title: text.title,
        body: text.body,
        tipoffId: tipoff._id,
        tipoffNo: tipoff.no,
        read: false,
        createdAt: at,
      });
      sent++;
    }
    if (data.length < 100) return sent;
  }
}
