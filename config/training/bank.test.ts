// The question bank and the lessons (issue 9): every file under config/training/ parses with the schemas of
// types/training.ts, and the bank as a whole is fit to draw exam papers from. A failure names the file, the
// question or the shortfall.
import fs from 'node:fs';
import path from 'node:path';
import {
  loadLessons,
  loadQuestionBank,
  missingTrainingFiles,
  parseQuestionFile,
  TOPIC_ID_PREFIX,
} from '../../cloudfunctions/core/training-bank';
import { Lesson, TOPIC_NAMES, TRAINING_TOPICS, type Question, type TrainingTopic } from '../../types/training';

const QUESTIONS_DIR = path.join(__dirname, 'questions');
const LESSONS_DIR = path.join(__dirname, 'lessons');
const MIN_TOTAL = 150;
const minFor = (topic: TrainingTopic) => (topic === 'major-hazard' ? 30 : 20);

const jsonFiles = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const isTopic = (name: string): name is TrainingTopic => (TRAINING_TOPICS as readonly string[]).includes(name);

/** The questions of each file on disk (a file that does not parse fails its own test and counts as empty). */
const byTopic = new Map<TrainingTopic, Question[]>();
for (const file of jsonFiles(QUESTIONS_DIR)) {
  const topic = path.basename(file, '.json');
  if (!isTopic(topic)) continue;
  try {
    byTopic.set(topic, parseQuestionFile(topic, readJson(path.join(QUESTIONS_DIR, file))));
  } catch {
    byTopic.set(topic, []);
  }
}
const all = [...byTopic.values()].flat();

describe('config/training/questions/*.json', () => {
  it('every file is named after a topic', () => {
    const strangers = jsonFiles(QUESTIONS_DIR).filter((f) => !isTopic(path.basename(f, '.json')));
    expect(strangers).toEqual([]);
  });

  it.each(jsonFiles(QUESTIONS_DIR).filter((f) => isTopic(path.basename(f, '.json'))))(
    '%s parses with QuestionFile, its topic is its name and every id has the topic prefix',
    (file) => {
      const topic = path.basename(file, '.json') as TrainingTopic;
      expect(() => parseQuestionFile(topic, readJson(path.join(QUESTIONS_DIR, file)))).not.toThrow();
    },
  );

  it('every topic has a question file', () => {
    expect(TRAINING_TOPICS.filter((t) => !byTopic.has(t)).map((t) => `${t}.json（${TOPIC_NAMES[t]}）`)).toEqual([]);
  });

  it('ids are unique across the bank', () => {
    const seen = new Set<string>();
    const dupes = all.filter((q) => (seen.has(q.id) ? true : (seen.add(q.id), false))).map((q) => q.id);
    expect(dupes).toEqual([]);
  });

  it('no two questions share a stem', () => {
    const norm = (s: string) => s.replace(/\s+/g, '');
    const first = new Map<string, string>();
    const dupes: string[] = [];
    for (const q of all) {
      const other = first.get(norm(q.stem));
      if (other) dupes.push(`${q.id} 与 ${other} 题干相同`);
      else first.set(norm(q.stem), q.id);
    }
    expect(dupes).toEqual([]);
  });

  it('every answer is one of the options, and no two options of a question read the same', () => {
    const problems: string[] = [];
    for (const q of all) {
      const keys = q.options.map((o) => o.key);
      for (const a of q.answer) if (!keys.includes(a)) problems.push(`${q.id}: 答案 ${a} 不在选项中`);
      const texts = q.options.map((o) => o.text.trim());
      if (new Set(texts).size !== texts.length) problems.push(`${q.id}: 选项文字重复`);
    }
    expect(problems).toEqual([]);
  });

  it('every question names its source document and article', () => {
    const without = all.filter((q) => !q.source?.doc.trim() || !q.source?.article.trim()).map((q) => q.id);
    expect(without).toEqual([]);
  });

  it(`the bank has at least ${MIN_TOTAL} questions, at least 20 per topic and 30 for 判定标准`, () => {
    const missing: string[] = [];
    for (const t of TRAINING_TOPICS) {
      const n = byTopic.get(t)?.length ?? 0;
      if (n < minFor(t)) missing.push(`${t}（${TOPIC_NAMES[t]}）：${n} 题，还差 ${minFor(t) - n} 题`);
    }
    if (all.length < MIN_TOTAL) missing.push(`全库 ${all.length} 题，还差 ${MIN_TOTAL - all.length} 题`);
    expect(missing).toEqual([]);
  });

  it('true/false answers are not all 正确 (nor all 错误) within a topic', () => {
    const lopsided: string[] = [];
    for (const [t, qs] of byTopic) {
      const judge = qs.filter((q) => q.type === 'judge');
      if (judge.length === 0) continue;
      const trues = judge.filter((q) => q.answer[0] === 'T').length;
      if (trues === 0 || trues === judge.length)
        lopsided.push(`${t}: ${judge.length} 道判断题的答案全为 ${trues ? 'T' : 'F'}`);
    }
    expect(lopsided).toEqual([]);
  });

  it('each topic mixes the three types', () => {
    const gaps: string[] = [];
    for (const [t, qs] of byTopic) {
      for (const type of ['single', 'multiple', 'judge'] as const) {
        if (!qs.some((q) => q.type === type)) gaps.push(`${t}: 没有 ${type} 题`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

describe('config/training/lessons/*.json', () => {
  it.each(jsonFiles(LESSONS_DIR))('%s parses with Lesson and its topic is its name', (file) => {
    const lesson = Lesson.parse(readJson(path.join(LESSONS_DIR, file)));
    expect(lesson.topic).toBe(path.basename(file, '.json'));
    const ids = lesson.sections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every topic has a lesson', () => {
    const have = new Set(jsonFiles(LESSONS_DIR).map((f) => path.basename(f, '.json')));
    expect(TRAINING_TOPICS.filter((t) => !have.has(t)).map((t) => `${t}.json（${TOPIC_NAMES[t]}）`)).toEqual([]);
  });

  it('the 判定标准 lesson walks through at least five articles, each with its shop-floor meaning and an example', () => {
    const file = path.join(LESSONS_DIR, 'major-hazard.json');
    const lesson = Lesson.parse(readJson(file));
    expect(lesson.sections.length).toBeGreaterThanOrEqual(5);
    expect(lesson.sections.filter((s) => !s.meaning || !s.example).map((s) => s.id)).toEqual([]);
    expect(lesson.featuredMonths).toContain(6);
  });
});

describe('the loader (cloudfunctions/core/training-bank.ts)', () => {
  it('finds every topic’s question file and lesson', () => {
    expect(missingTrainingFiles()).toEqual({ questions: [], lessons: [] });
  });

  it('returns exactly the questions on disk, in topic order, and a lesson per file', () => {
    const loaded = loadQuestionBank();
    const onDisk = TRAINING_TOPICS.flatMap((t) => byTopic.get(t) ?? []);
    expect(loaded.map((q) => q.id)).toEqual(onDisk.map((q) => q.id));
    expect(loadLessons().map((l) => l.topic)).toEqual(
      TRAINING_TOPICS.filter((t) => fs.existsSync(path.join(LESSONS_DIR, `${t}.json`))),
    );
  });

  it('refuses a file whose ids do not carry the topic prefix, or whose topic is not its name', () => {
    const good = loadQuestionBank().find((q) => q.topic === 'major-hazard');
    if (!good) return;
    expect(() =>
      parseQuestionFile('major-hazard', { topic: 'major-hazard', questions: [{ ...good, id: 'law-999' }] }),
    ).toThrow(/应以 mh- 开头/);
    expect(() => parseQuestionFile('law', { topic: 'major-hazard', questions: [good] })).toThrow(/topic 应为 law/);
    expect(TOPIC_ID_PREFIX['major-hazard']).toBe('mh');
  });
});
