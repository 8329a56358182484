// The question bank as spreadsheet rows (issue 9): one question per row, the columns 安委办 reads and writes in
// Excel. Pure: exceljs stays in xlsx.ts (the `trainingio` function only). Every row is checked with the
// Question schema, and every problem is told as 第 12 行：答案 E 不在选项中.
import { Question, TOPIC_NAMES, TRAINING_TOPICS, type QuestionType, type TrainingTopic } from '../../../types/training';
import { QUESTION_TYPE_NAMES, type SheetRowError } from '../../../types/training-admin';

export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const SHEET_COLUMNS = [
  '编号',
  '主题',
  '题型',
  '题干',
  ...OPTION_LETTERS.map((l) => `选项${l}`),
  '答案',
  '解析',
  '出处文件',
  '出处条款',
  '难度',
  '状态',
] as const;

export const SHEET_NAME = '题库';
export const MAX_SHEET_ROWS = 2000;
const ACTIVE = '在用';
const RETIRED = '停用';
const TRUE_WORDS = new Set(['正确', '对', '√', 'T', '是']);
const FALSE_WORDS = new Set(['错误', '错', '×', 'F', '否']);

/** A bank question with its state, as a row is written and read. */
export type SheetQuestion = Question & { retired: boolean };

/** One question as a row, in SHEET_COLUMNS order. */
export function questionToRow(q: SheetQuestion): (string | number)[] {
  const choice = q.type !== 'judge';
  const options = OPTION_LETTERS.map((l) => (choice ? (q.options.find((o) => o.key === l)?.text ?? '') : ''));
  const answer = choice ? [...q.answer].sort().join('') : q.answer[0] === 'T' ? '正确' : '错误';
  return [
    q.id,
    TOPIC_NAMES[q.topic],
    QUESTION_TYPE_NAMES[q.type],
    q.stem,
    ...options,
    answer,
    q.explanation,
    q.source.doc,
    q.source.article,
    q.difficulty,
    q.retired ? RETIRED : ACTIVE,
  ];
}

const TOPIC_BY_WORD = new Map<string, TrainingTopic>([
  ...TRAINING_TOPICS.map((t) => [t, t] as const),
  ...TRAINING_TOPICS.map((t) => [TOPIC_NAMES[t], t] as const),
]);
const TYPE_BY_WORD = new Map<string, QuestionType>([
  ['单选', 'single'],
  ['单选题', 'single'],
  ['single', 'single'],
  ['多选', 'multiple'],
  ['多选题', 'multiple'],
  ['multiple', 'multiple'],
  ['判断', 'judge'],
  ['判断题', 'judge'],
  ['judge', 'judge'],
]);

const FIELD_COLUMN: Record<string, string> = {
  id: '编号',
  topic: '主题',
  type: '题型',
  stem: '题干',
  options: '选项',
  answer: '答案',
  explanation: '解析',
  'source.doc': '出处文件',
  'source.article': '出处条款',
  source: '出处',
  difficulty: '难度',
};

const rowError = (row: number, message: string, column?: string): SheetRowError => ({
  row,
  ...(column ? { column } : {}),
  message: `第 ${row} 行：${message}`,
});

/** Where each column is in the header row (by name, so a reordered sheet still reads), or the header's errors. */
export function readHeader(header: string[]): { columns: Map<string, number> } | { errors: SheetRowError[] } {
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim();
    if (name && !columns.has(name)) columns.set(name, i);
  });
  const missing = SHEET_COLUMNS.filter((c) => c !== '难度' && c !== '状态' && !columns.has(c));
  if (missing.length) {
    return { errors: [rowError(1, `表头缺少列：${missing.join('、')}（请用“导出 Excel”得到的表格填写）`)] };
  }
  return { columns };
}

/**
 * One data row as a question (id may be empty: a new question, numbered on import), or its errors.
 * `cells` are the cell texts of the row in sheet order; `columns` from readHeader.
 */
export function rowToQuestion(
  cells: string[],
  columns: Map<string, number>,
  row: number,
): { question: Omit<SheetQuestion, 'id'> & { id: string | null } } | { errors: SheetRowError[] } {
  const cell = (name: string) => {
    const i = columns.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const errors: SheetRowError[] = [];
  const id = cell('编号') || null;

  const topicWord = cell('主题');
  const topic = TOPIC_BY_WORD.get(topicWord);
  if (!topic) {
    errors.push(
      rowError(
        row,
        topicWord
          ? `主题“${topicWord}”不认识，应为 ${TRAINING_TOPICS.map((t) => TOPIC_NAMES[t]).join('、')} 之一`
          : '主题必填',
        '主题',
      ),
    );
  }
  const typeWord = cell('题型');
  const type = TYPE_BY_WORD.get(typeWord);
  if (!type) errors.push(rowError(row, typeWord ? `题型“${typeWord}”应为单选、多选或判断` : '题型必填', '题型'));

  const optionCells = OPTION_LETTERS.map((l) => ({ key: l as string, text: cell(`选项${l}`) }));
  let options: { key: string; text: string }[] = [];
  let answer: string[] = [];
  const answerWord = cell('答案');
  if (type === 'judge') {
    const filled = optionCells.filter((o) => o.text).map((o) => o.key);
    if (filled.length) {
      errors.push(rowError(row, `判断题不填选项（选项 ${filled.join('、')} 应为空），答案写“正确”或“错误”`, '选项'));
    }
    options = [
      { key: 'T', text: '正确' },
      { key: 'F', text: '错误' },
    ];
    if (TRUE_WORDS.has(answerWord.toUpperCase())) answer = ['T'];
    else if (FALSE_WORDS.has(answerWord.toUpperCase())) answer = ['F'];
    else
      errors.push(rowError(row, answerWord ? `判断题的答案写“正确”或“错误”，不是“${answerWord}”` : '答案必填', '答案'));
  } else if (type) {
    const last = optionCells.map((o) => Boolean(o.text)).lastIndexOf(true);
    const gap = optionCells.slice(0, last + 1).find((o) => !o.text);
    if (gap)
      errors.push(rowError(row, `选项 ${gap.key} 为空，但后面还有选项：请按 A、B、C… 连续填写`, `选项${gap.key}`));
    options = optionCells.filter((o) => o.text);
    const letters = answerWord.toUpperCase().replace(/[\s,，、;；]/g, '');
    if (!letters) errors.push(rowError(row, '答案必填', '答案'));
    else if (!/^[A-Z]+$/.test(letters)) {
      errors.push(rowError(row, `答案“${answerWord}”应为选项字母，如 A 或 ABD`, '答案'));
    } else answer = [...letters];
  }

  const difficultyWord = cell('难度');
  const difficulty =
    difficultyWord === ''
      ? 2
      : (({ 易: 1, 中: 2, 难: 3 } as Record<string, number>)[difficultyWord] ?? Number(difficultyWord));
  const statusWord = cell('状态');
  if (statusWord && statusWord !== ACTIVE && statusWord !== RETIRED) {
    errors.push(rowError(row, `状态“${statusWord}”应为“${ACTIVE}”或“${RETIRED}”`, '状态'));
  }
  if (errors.length || !topic || !type) return { errors };

  const doc = cell('出处文件');
  const article = cell('出处条款');
  const candidate = {
    // A placeholder of the right form for a new question, so the schema checks everything else.
    id: id ?? 'new-000',
    topic,
    type,
    stem: cell('题干'),
    options,
    answer,
    explanation: cell('解析'),
    source: { ...(doc ? { doc } : {}), ...(article ? { article } : {}) },
    difficulty,
  };
  const parsed = Question.safeParse(candidate);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p) => typeof p === 'string').join('.');
      const column = FIELD_COLUMN[path] ?? FIELD_COLUMN[String(issue.path[0])] ?? '';
      const own = issue.code === 'custom' || (column !== '' && issue.message.includes(column));
      const text = own ? issue.message : `${column}${issue.message}`;
      if (seen.has(text)) continue;
      seen.add(text);
      errors.push(rowError(row, text, column || undefined));
    }
    return { errors };
  }
  return { question: { ...parsed.data, id, retired: statusWord === RETIRED } };
}

/** Whether a row says something different from the stored question (the version rises only then). */
export function sameQuestion(a: SheetQuestion, b: SheetQuestion): boolean {
  return JSON.stringify(questionToRow(a)) === JSON.stringify(questionToRow(b));
}
