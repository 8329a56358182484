// The question bank in the database (issue 9): seeded once from config/training/ (bundled with the function),
// then 安委办 edits, retires and imports questions there. An edit raises the question's version; attempts keep
// the paper they were given, so past attempts never change.
import type { Question, TrainingTopic } from '../../../types/training';
import type { Database } from '../db';
import { loadQuestionBank } from '../training-bank';
import { fetchAll } from '../store';
import type { BankQuestion } from './paper';

export const QUESTIONS = 'questions';

export interface QuestionDoc extends BankQuestion {
  _id: string;
  retired: boolean;
  updatedAt: string;
  updatedBy: string;
}

/** Drawing reads the active questions of a topic; the office lists a topic's questions. */
export const QUESTION_INDEXES: string[][] = [
  ['topic', 'retired'],
  ['topic', '_id'],
  // bank-cache.ts: the newest change, the version check of each instance's copy.
  ['updatedAt', '_id'],
];

export const toQuestionDoc = (q: Question, at: string, by = 'seed', version = 1): QuestionDoc => ({
  ...q,
  _id: q.id,
  version,
  retired: false,
  updatedAt: at,
  updatedBy: by,
});

/** Databases this instance has seen seeded (per database, so tests with fresh ones start clean). */
const seeded = new WeakSet<object>();

/**
 * Fills an empty bank from the bundled files: fixed ids, so two instances seeding at once write the same
 * documents. Checked once per function instance.
 */
export async function ensureBank(db: Database, at: string): Promise<void> {
  if (seeded.has(db)) return;
  const { total } = await db.collection(QUESTIONS).count();
  if (total === 0) {
    for (const q of loadQuestionBank()) {
      await db
        .collection(QUESTIONS)
        .doc(q.id)
        .set({ data: stripId(toQuestionDoc(q, at)) });
    }
  }
  seeded.add(db);
}

const stripId = ({ _id, ...rest }: QuestionDoc) => rest;

/** The active questions of these topics, 100 per read (CloudBase's limit in a function). */
export async function activeQuestions(db: Database, topics: readonly TrainingTopic[]): Promise<QuestionDoc[]> {
  const lists = await Promise.all(
    [...new Set(topics)].map(async (topic) => {
      return fetchAll(db.collection<QuestionDoc>(QUESTIONS).where({ topic, retired: false }));
    }),
  );
  return lists.flat();
}
