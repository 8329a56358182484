// The question bank and the lessons as shipped in config/training/ (issue 9): one file per topic, bundled into the
// function like config/town/*.json, validated with the schemas of types/training.ts (config/training/bank.test.ts
// checks the whole bank). The database copy (training/bank-store.ts) is seeded from here.
import { Lesson, Question, QuestionFile, TRAINING_TOPICS, type TrainingTopic } from '../../types/training';

/* eslint-disable @typescript-eslint/no-require-imports -- literal paths, so the bundler includes each file */
/** config/training/questions/<topic>.json, one literal require per topic. */
const QUESTION_FILES: Record<TrainingTopic, () => unknown> = {
  'major-hazard': () => require('../../config/training/questions/major-hazard.json'),
  fire: () => require('../../config/training/questions/fire.json'),
  gas: () => require('../../config/training/questions/gas.json'),
  welding: () => require('../../config/training/questions/welding.json'),
  hazchem: () => require('../../config/training/questions/hazchem.json'),
  'confined-space': () => require('../../config/training/questions/confined-space.json'),
  evacuation: () => require('../../config/training/questions/evacuation.json'),
  law: () => require('../../config/training/questions/law.json'),
};

/** config/training/lessons/<topic>.json. */
const LESSON_FILES: Record<TrainingTopic, () => unknown> = {
  'major-hazard': () => require('../../config/training/lessons/major-hazard.json'),
  fire: () => require('../../config/training/lessons/fire.json'),
  gas: () => require('../../config/training/lessons/gas.json'),
  welding: () => require('../../config/training/lessons/welding.json'),
  hazchem: () => require('../../config/training/lessons/hazchem.json'),
  'confined-space': () => require('../../config/training/lessons/confined-space.json'),
  evacuation: () => require('../../config/training/lessons/evacuation.json'),
  law: () => require('../../config/training/lessons/law.json'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

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
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
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
