// The question bank as 安委办 edits it (issue 9): reads, the version rule, the office's view. Shared by the
// `training` actions (training-bank-admin.ts) and the `trainingio` function. Deliberately does not import
// bank-store.ts's ensureBank: that bundles config/training (~280 KB), which `trainingio` must not carry.
import { TOPIC_NAMES, TRAINING_TOPICS, type TrainingTopic } from '../../../types/training';
import { TOPIC_PREFIX, type BankQuestionView } from '../../../types/training-admin';
import type { ActionContext } from '../action';
import type { Database, Transaction } from '../db';
import { conflict, notFound } from '../errors';
import { personId } from '../roles';
import { fetchAll, txFind } from '../store';
import { toTownTime } from '../time';
import type { QuestionDoc } from './bank-store';
import { sameQuestion, type SheetQuestion } from './question-sheet';

/** bank-store.ts QUESTIONS (equal by test), named here so this file does not pull in the bundled bank. */
export const QUESTIONS = 'questions';

/** What the office stores beside the lead's QuestionDoc: the editor's name (a personId is in updatedBy). */
export type StoredQuestion = QuestionDoc & { updatedByName?: string };

/** The most questions one bank holds (every read is 100 per get). */
export const MAX_BANK = 5000;

const TOPIC_ORDER = new Map<TrainingTopic, number>(TRAINING_TOPICS.map((t, i) => [t, i]));
export const byTopicThenId = (a: { topic: TrainingTopic; _id: string }, b: { topic: TrainingTopic; _id: string }) =>
  (TOPIC_ORDER.get(a.topic) ?? 0) - (TOPIC_ORDER.get(b.topic) ?? 0) || a._id.localeCompare(b._id);

/** The whole bank, or one topic's, in topic then id order. */
export async function bankQuestions(db: Database, topic?: TrainingTopic): Promise<StoredQuestion[]> {
  const query = topic
    ? db.collection<StoredQuestion>(QUESTIONS).where({ topic })
    : db.collection<StoredQuestion>(QUESTIONS).where({});
  return (await fetchAll(query, MAX_BANK)).sort(byTopicThenId);
}

/** The question part of a stored document (what the schema, the sheet and the version compare). */
export function questionOf(d: StoredQuestion): SheetQuestion {
  return {
    id: d._id,
    topic: d.topic,
    type: d.type,
    stem: d.stem,
    options: d.options.map((o) => ({ key: o.key, text: o.text })),
    answer: [...d.answer],
    explanation: d.explanation,
    source: { doc: d.source.doc, article: d.source.article },
    difficulty: d.difficulty ?? 2,
    retired: Boolean(d.retired),
  };
}

export const toView = (d: StoredQuestion): BankQuestionView => {
  const { retired, ...q } = questionOf(d);
  return {
    ...q,
    version: d.version,
    retired,
    updatedAt: d.updatedAt,
    updatedByName: d.updatedBy === 'seed' ? '初始题库' : (d.updatedByName ?? '安委办'),
  };
};

/** The next free `<prefix>-<nnn>` of a topic, given the ids already taken. */
export function nextQuestionId(topic: TrainingTopic, taken: Iterable<string>): string {
  const prefix = TOPIC_PREFIX[topic];
  let max = 0;
  for (const id of taken) {
    const m = new RegExp(`^${prefix}-(\\d{3})$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  if (max >= 999) throw conflict(`主题“${TOPIC_NAMES[topic]}”的编号已用完`);
  return `${prefix}-${String(max + 1).padStart(3, '0')}`;
}

export interface Editor {
  person: string;
  name: string;
  roles: string[];
  openid: string;
}
export const editorOf = (ctx: ActionContext): Editor => ({
  person: personId(ctx.openid, ctx.reporterKeySecret),
  name: ctx.user.displayName ?? '安委办',
  roles: ctx.user.roles,
  openid: ctx.user._id,
});

/**
 * Writes one question in a transaction: a new one at version 1, a changed one at the stored version + 1, an
 * unchanged one not at all. `expectVersion` (an edit from the form) refuses a question someone changed since.
 */
export async function writeQuestion(
  tx: Transaction,
  q: SheetQuestion,
  editor: Editor,
  at: string,
  mode: { create: true } | { create: false; expectVersion?: number } | { upsert: true },
): Promise<{ doc: StoredQuestion; change: 'created' | 'updated' | 'unchanged' }> {
  const old = await txFind<StoredQuestion>(tx, QUESTIONS, q.id);
  if ('create' in mode && mode.create && old) throw conflict(`编号 ${q.id} 已存在，请换一个编号`);
  if ('create' in mode && !mode.create) {
    if (!old) throw notFound('没有找到这道题');
    if (mode.expectVersion !== undefined && old.version !== mode.expectVersion) {
      throw conflict('这道题刚被别人修改过，请刷新后再改');
    }
  }
  if (old && sameQuestion(questionOf(old), q)) return { doc: old, change: 'unchanged' };
  const { id, retired, ...rest } = q;
  const data = {
    ...rest,
    id,
    version: old ? old.version + 1 : 1,
    retired,
    updatedAt: at,
    updatedBy: editor.person,
    updatedByName: editor.name,
  };
  await tx.collection(QUESTIONS).doc(id).set({ data });
  return { doc: { ...data, _id: id }, change: old ? 'updated' : 'created' };
}

/** trainingio cannot seed the bank (it does not carry it): the office opens 题库管理 (training.questions) first. */
export async function assertBankReady(db: Database): Promise<void> {
  const { total } = await db.collection(QUESTIONS).count();
  if (total === 0) throw conflict('题库尚未准备好：请先打开“题库管理”，再导入或导出');
}

/**
 * `n` change stamps for the bank's updatedAt, strictly increasing and all after the bank's newest change
 * (millisecond ISO +08:00, which sorts as text with the seed's second-precision stamps). bank-cache.ts tells a
 * changed bank by its newest updatedAt: two changes in the same second (a frozen test clock, an import, a quick
 * retire-then-restore) would otherwise look like one, and a retired question could still be drawn.
 */
export async function changeStamps(db: Database, now: Date, n = 1): Promise<string[]> {
  const { data } = await db
    .collection<{ updatedAt: string }>(QUESTIONS)
    .orderBy('updatedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(1)
    .field({ updatedAt: true })
    .get();
  const newest = data[0]?.updatedAt;
  const newestMs = newest ? Date.parse(newest) : Number.NaN;
  let ms = now.getTime();
  if (Number.isFinite(newestMs) && ms <= newestMs) ms = newestMs + 1;
  return Array.from({ length: n }, (_, i) => toTownTime(new Date(ms + i)).format('YYYY-MM-DDTHH:mm:ss.SSSZ'));
}
