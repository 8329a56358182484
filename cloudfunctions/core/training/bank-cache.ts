// The active questions per topic, kept per function instance (issue 9, bench: training.start p95 ≤ 30 ms).
// Every start drew from a fresh read of whole topics (64+ full questions); now each call makes one small read —
// the bank's newest change (updatedAt, id, version, retired of the last edited question) — and reads the
// topics again only when that changed. An edit, a retirement or an import sets updatedAt, so it is seen at the
// next start; two changes within the same second to different questions could hide the second one, so an entry
// is also dropped after BANK_CACHE_TTL_MS whatever the check says. Drawing never mutates the list.
import type { TrainingTopic } from '../../../types/training';
import type { Database } from '../db';
import { activeQuestions, QUESTIONS, type QuestionDoc } from './bank-store';

export const BANK_CACHE_TTL_MS = 60_000;

/** Serves the version check (newest change first). */
export const BANK_CACHE_INDEX = ['updatedAt', '_id'];

interface Entry {
  key: string;
  loadedMs: number;
  byTopic: Map<TrainingTopic, QuestionDoc[]>;
}
const cache = new WeakMap<object, Entry>();

/** The bank's version: its newest change. One read of one small document. */
export async function bankVersion(db: Database): Promise<string> {
  const { data } = await db
    .collection<QuestionDoc>(QUESTIONS)
    .orderBy('updatedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(1)
    .field({ updatedAt: true, version: true, retired: true })
    .get();
  const d = data[0];
  return d ? `${d.updatedAt}|${d._id}|${d.version}|${d.retired}` : 'empty';
}

/** activeQuestions(db, topics), from this instance's copy while the bank has not changed. */
export async function cachedActiveQuestions(
  db: Database,
  topics: readonly TrainingTopic[],
  nowMs: number,
): Promise<QuestionDoc[]> {
  const key = await bankVersion(db);
  const cached = cache.get(db);
  const fresh = cached && cached.key === key && nowMs >= cached.loadedMs && nowMs - cached.loadedMs < BANK_CACHE_TTL_MS;
  const entry: Entry = fresh ? cached : { key, loadedMs: nowMs, byTopic: new Map() };
  if (!fresh) cache.set(db, entry);
  const wanted = [...new Set(topics)];
  const missing = wanted.filter((t) => !entry.byTopic.has(t));
  if (missing.length > 0) {
    const read = await activeQuestions(db, missing);
    for (const t of missing)
      entry.byTopic.set(
        t,
        read.filter((q) => q.topic === t),
      );
  }
  return wanted.flatMap((t) => entry.byTopic.get(t) ?? []);
}
