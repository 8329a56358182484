// `trainingio` (issue 9): the question bank as an .xlsx for 安委办 — export, and import with every row checked
// against the Question schema. A file with any wrong row imports nothing and answers every row's errors
// (第 12 行：答案 E 不在选项中). Its own function because exceljs (~1 MB) would burst the 200 KB bundles.
// The file travels as base64 both ways (the 209 questions of today are 57 KB): see the README (issue 9).
import { TOPIC_NAMES } from '../../../types/training';
import {
  ExportQuestionsInput,
  ImportQuestionsInput,
  MAX_SHEET_BYTES,
  type ExportedSheet,
  type ImportResult,
  type SheetRowError,
} from '../../../types/training-admin';
import { action, defineFunction } from '../action';
import { addAudit } from '../audit';
import { AppError } from '../errors';
import { isoTown } from '../time';
import {
  assertBankReady,
  bankQuestions,
  changeStamps,
  editorOf,
  nextQuestionId,
  questionOf,
  writeQuestion,
} from '../training/bank-admin';
import { readHeader, rowToQuestion, sameQuestion, type SheetQuestion } from '../training/question-sheet';
import { readSheetRows, writeQuestionsXlsx } from '../training/xlsx';
import { runTransaction } from '../transaction';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Row errors answered at most (a wholly wrong file would otherwise answer thousands). */
export const MAX_ROW_ERRORS = 200;

export const trainingioFunction = defineFunction('trainingio', {
  /** The bank (or one topic) as an .xlsx, retired questions included (状态 停用). */
  exportQuestions: action({
    input: ExportQuestionsInput,
    async run(ctx, { topic }): Promise<ExportedSheet> {
      const at = isoTown(ctx.now());
      await assertBankReady(ctx.db);
      const questions = (await bankQuestions(ctx.db, topic)).map(questionOf);
      const bytes = await writeQuestionsXlsx(questions);
      return {
        fileName: `题库-${topic ? TOPIC_NAMES[topic] : '全部'}-${at.slice(0, 10).replace(/-/g, '')}.xlsx`,
        mime: XLSX_MIME,
        base64: bytes.toString('base64'),
        count: questions.length,
      };
    },
  }),

  /**
   * Reads an .xlsx, checks every row, and writes only when every row is right: new rows (编号 empty or unknown)
   * are created, changed rows raise their version, identical rows are left alone (export → import changes
   * nothing). `dryRun` checks only. Audited (one entry per import that wrote something).
   */
  importQuestions: action({
    input: ImportQuestionsInput,
    async run(ctx, { base64, dryRun = false, fileName }): Promise<ImportResult> {
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length > MAX_SHEET_BYTES) throw new AppError('INVALID_INPUT', '文件过大（上限 2 MB）');
      const rows = await readSheetRows(bytes);
      const header = readHeader(rows[0] ?? []);
      const result = (errors: SheetRowError[], counts: Partial<ImportResult> = {}): ImportResult => ({
        ok: errors.length === 0,
        dryRun,
        rows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        ...counts,
        errors: errors.slice(0, MAX_ROW_ERRORS),
      });
      if ('errors' in header) return result(header.errors);

      const errors: SheetRowError[] = [];
      const parsed: { row: number; q: Omit<SheetQuestion, 'id'> & { id: string | null } }[] = [];
      const firstRowOf = new Map<string, number>();
      for (let i = 1; i < rows.length; i++) {
        const row = i + 1;
        if (rows[i].every((c) => c.trim() === '')) continue;
        // A repeated 编号 is told whatever else the first row has wrong.
        const id = (rows[i][header.columns.get('编号') ?? 0] ?? '').trim();
        const first = id ? firstRowOf.get(id) : undefined;
        if (first !== undefined) {
          errors.push({ row, column: '编号', message: `第 ${row} 行：编号 ${id} 与第 ${first} 行重复` });
          continue;
        }
        if (id) firstRowOf.set(id, row);
        const r = rowToQuestion(rows[i], header.columns, row);
        if ('errors' in r) errors.push(...r.errors);
        else parsed.push({ row, q: r.question });
      }
      const count = parsed.length + new Set(errors.map((e) => e.row)).size;
      if (count === 0 && errors.length === 0) {
        return result([{ row: 2, message: '第 2 行：表格里没有题目' }]);
      }
      if (errors.length)
        return result(
          errors.sort((a, b) => a.row - b.row),
          { rows: count },
        );

      const at = isoTown(ctx.now());
      await assertBankReady(ctx.db);
      const stored = new Map((await bankQuestions(ctx.db)).map((d) => [d._id, d]));
      const taken = new Set(stored.keys());
      const plan = parsed.map(({ q }) => {
        const id = q.id ?? nextQuestionId(q.topic, taken);
        taken.add(id);
        const full: SheetQuestion = { ...q, id };
        const old = stored.get(id);
        const change = !old ? 'created' : sameQuestion(questionOf(old), full) ? 'unchanged' : 'updated';
        return { q: full, change };
      });
      const counts = {
        rows: plan.length,
        created: plan.filter((p) => p.change === 'created').length,
        updated: plan.filter((p) => p.change === 'updated').length,
        unchanged: plan.filter((p) => p.change === 'unchanged').length,
      };
      if (dryRun) return result([], counts);

      // Each question in its own transaction (a CloudBase transaction is for a few documents, not a bank):
      // every row was checked above, so a write here fails only on the database; importing the same file
      // again finishes the job (identical rows are skipped).
      const editor = editorOf(ctx);
      const written: string[] = [];
      const toWrite = plan.filter((p) => p.change !== 'unchanged');
      // One stamp per question, each after the last (bank-cache.ts sees every change).
      const stamps = await changeStamps(ctx.db, ctx.now(), toWrite.length);
      for (const [i, p] of toWrite.entries()) {
        const { change } = await runTransaction(ctx.db, (tx) =>
          writeQuestion(tx, p.q, editor, stamps[i], { upsert: true }),
        );
        if (change !== 'unchanged') written.push(p.q.id);
      }
      if (written.length) {
        await runTransaction(ctx.db, (tx) =>
          addAudit(tx, {
            actor: editor.openid,
            actorRoles: editor.roles,
            action: 'trainingio.importQuestions',
            targetType: 'question',
            targetId: fileName || 'xlsx',
            detail: { ...counts, ids: written.slice(0, 500) },
            at,
          }),
        );
      }
      return result([], counts);
    },
  }),
});
