// The question bank and the lessons as shipped in config/training/ (issue 9): one file per topic, validated with the
// schemas of types/training.ts (config/training/bank.test.ts checks the whole bank). The database copy
// (training/bank-store.ts) is seeded from here; lessons are read from here, once per function instance.
import fs from 'node:fs';
import path from 'node:path';
import { Lesson, Question, QuestionFile, TRAINING_TOPICS, type TrainingTopic } from '../../types/training';

/**
 * Where the shipped files are. Deployed, the build copies config/training/ beside the bundle as
 * `training-data/` (scripts/build-functions.mjs DATA_DIRS): about 300 KB of JSON that must not be parsed at every
 * cold start of every function that imports this module — it is read only when lessons are asked for or an empty
 * bank is seeded. From source (tests, the local engine) it is the repository's config/training/.
 */
function trainingDir(): string {
  const shipped = path.join(__dirname, 'training-data');
  return fs.existsSync(shipped) ? shipped : path.resolve(__dirname, '../../config/training');
}

const readJson = (kind: 'questions' | 'lessons', topic: TrainingTopic) => (): unknown =>
  JSON.parse(fs.readFileSync(path.join(trainingDir(), kind, `${topic}.json`), 'utf8'));

/** config/training/questions/<topic>.json. */
const QUESTION_FILES = Object.fromEntries(TRAINING_TOPICS.map((t) => [t, readJson('questions', t)])) as Record<
  TrainingTopic,
  () => unknown
>;
/** config/training/lessons/<topic>.json. */
const LESSON_FILES = Object.fromEntries(TRAINING_TOPICS.map((t) => [t, readJson('lessons', t)])) as Record<
  TrainingTopic,
  () => unknown
>;

/** Id prefix of each topic's questions (`mh-001`). */
export const TOPIC_ID_PREFIX: Record<TrainingTopic, string> = {
  'major-hazard': 'mh',
  fire: 'fi',
  gas: 'gas',
  welding: 'wd',
  hazchem: 'hc',
  'confined-space': 'cs',
  evacuation: 'ev',
  law: 'law',
};

/** The file's content, or undefined while a topic's file is not written yet (the bank test names it). */
function readOptional(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Topics without a question file / without a lesson (empty once the bank is complete). */
export function missingTrainingFiles(): { questions: TrainingTopic[]; lessons: TrainingTopic[] } {
  return {
    questions: TRAINING_TOPICS.filter((t) => readOptional(QUESTION_FILES[t]) === undefined),
    lessons: TRAINING_TOPICS.filter((t) => readOptional(LESSON_FILES[t]) === undefined),
  };
}

/** Parses one topic's question file: its topic, every id's prefix, the schema. Throws with the file named. */
export function parseQuestionFile(topic: TrainingTopic, raw: unknown): Question[] {
  const where = `config/training/questions/${topic}.json`;
  const parsed = QuestionFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${where}: ${first.path.join('.')} ${first.message}`);
  }
  if (parsed.data.topic !== topic) throw new Error(`${where}: topic 应为 ${topic}，实为 ${parsed.data.topic}`);
  for (const q of parsed.data.questions) {
    if (q.topic !== topic) throw new Error(`${where}: ${q.id} 的 topic 为 ${q.topic}`);
    if (!q.id.startsWith(`${TOPIC_ID_PREFIX[topic]}-`)) {
      throw new Error(`${where}: 题目编号 ${q.id} 应以 ${TOPIC_ID_PREFIX[topic]}- 开头`);
    }
  }
  return parsed.data.questions;
}

let bank: Question[] | undefined;
/** Every question of the shipped bank, in topic order; ids unique across the bank. Validated once. */
export function loadQuestionBank(): Question[] {
  if (bank) return bank;
  const all: Question[] = [];
  const seen = new Set<string>();
  for (const topic of TRAINING_TOPICS) {
    const raw = readOptional(QUESTION_FILES[topic]);
    if (raw === undefined) continue;
    for (const q of parseQuestionFile(topic, raw)) {
      if (seen.has(q.id)) throw new Error(`题目编号 ${q.id} 重复`);
      seen.add(q.id);
      all.push(q);
    }
  }
  bank = all;
  return all;
}

let lessons: Lesson[] | undefined;
/** The lessons, in topic order, each validated; a lesson's file name is its topic. */
export function loadLessons(): Lesson[] {
  if (lessons) return lessons;
  const all: Lesson[] = [];
  for (const topic of TRAINING_TOPICS) {
    const raw = readOptional(LESSON_FILES[topic]);
    if (raw === undefined) continue;
    const parsed = Lesson.safeParse(raw);
    const where = `config/training/lessons/${topic}.json`;
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`${where}: ${first.path.join('.')} ${first.message}`);
    }
    if (parsed.data.topic !== topic) throw new Error(`${where}: topic 应为 ${topic}，实为 ${parsed.data.topic}`);
    all.push(parsed.data);
  }
  lessons = all;
  return all;
}
