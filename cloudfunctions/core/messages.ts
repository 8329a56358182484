// In-app messages (both modes). Addressed by reporter key, not openid, so the message store holds no identity.
import type { Message, MessageKind } from '../../types';
import type { Database, Transaction } from './db';
import type { CoreDeps } from './deps';

export const MESSAGES = 'messages';
export const FOLLOWS = 'follows';

export interface MessageDoc {
  _id?: string;
  /**
   * Reporter key of a reporter or follower, `dept:<CODE>` for a department's staff, or `role:leader` for the
   * town's leaders and 安委办 (the overdue ladder's 函告/通报/约谈/曝光 notices).
   */
  recipient: string;
  title: string;
  body: string;
  tipoffId?: string;
  tipoffNo?: string;
  /** What it is about: the client opens the page by this, not by the title. */
  kind?: MessageKind;
  /** With `kind: 'internalReport'`: the report's id (never the tip-off's or the reporter's). */
  internalReportId?: string;
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
  ['recipient', 'createdAt', '_id'], // the message list: createdAt desc, _id desc
  ['recipient', 'read'],
];
// The fan-out's where tipoffId, order by _id (keyset paging).
export const FOLLOW_INDEXES = [
  ['tipoffId', '_id'],
  ['reporterKey'], // user.deleteMe removes the person's follows
];

export const followId = (tipoffId: string, key: string) => `${tipoffId}_${key}`;
const DEPARTMENT_PREFIX = 'dept:';
export const departmentRecipient = (code: string) => `${DEPARTMENT_PREFIX}${code}`;
/** Read by leaders, admins and 安委办's staff (user.messages): one message each, however many read it. */
export const LEADERS_RECIPIENT = 'role:leader';

export function toMessage(doc: MessageDoc & { _id: string }): Message {
  return {
    id: doc._id,
    title: doc.title,
    body: doc.body,
    ...(doc.tipoffId ? { tipoffId: doc.tipoffId } : {}),
    ...(doc.tipoffNo ? { tipoffNo: doc.tipoffNo } : {}),
    ...(doc.kind ? { kind: doc.kind } : {}),
    ...(doc.internalReportId ? { internalReportId: doc.internalReportId } : {}),
    read: doc.read,
    createdAt: doc.createdAt,
    audience:
      doc.recipient.startsWith(DEPARTMENT_PREFIX) || doc.recipient === LEADERS_RECIPIENT ? 'department' : 'reporter',
  };
}

/** Inside the step's transaction: the reporter's message is written with the step, or not at all. */
export async function addMessage(tx: Transaction | Database, message: MessageDoc): Promise<void> {
  await tx.collection(MESSAGES).add({ data: { ...message } });
}

/** Followers read, and messages written, per request: CloudBase's cap on one get(). */
export const FAN_OUT_PAGE = 100;

/**
 * After the step: tell everyone who 附议'd (followed) the report. Requests grow with the followers in
 * pages, not one per follower: each page of 100 follows is read in one query and its messages written
 * in one batch add, so 200 followers cost 3 reads and 2 writes (it was 200 writes, one at a time).
 * Paged by `_id` (unique, `${tipoffId}_${key}`) from the last one seen, not by skip: a follow arriving
 * meanwhile cannot shift a page and make someone get the message twice or not at all.
 */
export async function notifyFollowers(
  deps: Pick<CoreDeps, 'db'>,
  tipoff: { _id: string; no: string },
  text: { title: string; body: string },
  at: string,
): Promise<number> {
  const _ = deps.db.command;
  let sent = 0;
  for (let after: string | null = null; ; ) {
    const { data }: { data: FollowDoc[] } = await deps.db
      .collection<FollowDoc>(FOLLOWS)
      .where(after === null ? { tipoffId: tipoff._id } : { tipoffId: tipoff._id, _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(FAN_OUT_PAGE)
      .field({ _id: true, reporterKey: true })
      .get();
    if (data.length === 0) return sent;
    const messages = data.map(
      (f) =>
        ({
          recipient: f.reporterKey,
          title: text.title,
          body: text.body,
          tipoffId: tipoff._id,
          tipoffNo: tipoff.no,
          kind: 'case',
          read: false,
          createdAt: at,
        }) satisfies MessageDoc,
    );
    await deps.db.collection(MESSAGES).add({ data: messages });
    sent += data.length;
    if (data.length < FAN_OUT_PAGE) return sent;
    after = data[data.length - 1]._id;
  }
}
