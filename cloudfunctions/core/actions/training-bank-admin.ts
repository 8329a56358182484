// 安委办's question bank (issue 9): list, create / edit, retire / restore, spread into the `training` function.
// An edit raises the question's version and keeps its id; a retired question is never drawn again. Attempts
// keep the paper they were given (core/training/paper.ts PaperEntry), so neither changes a past attempt.
import { z } from 'zod';
import type { Page } from '../../../types';
import { Question } from '../../../types/training';
import {
  QuestionsInput,
  RetireQuestionInput,
  SaveQuestionInput,
  type BankQuestionView,
} from '../../../types/training-admin';
import { action } from '../action';
import { addAudit } from '../audit';
import { AppError, invalidInput, notFound } from '../errors';
import { txFind } from '../store';
import { isoTown } from '../time';
import {
  bankQuestions,
  changeStamps,
  editorOf,
  nextQuestionId,
  QUESTIONS,
  toView,
  writeQuestion,
  type StoredQuestion,
} from '../training/bank-admin';
import { ensureBank } from '../training/bank-store';
import type { SheetQuestion } from '../training/question-sheet';
import { runTransaction } from '../transaction';

const issuesFor = (error: z.ZodError) =>
  invalidInput(new z.ZodError(error.issues.map((i) => ({ ...i, path: ['question', ...i.path] }))));

export const bankAdminActions = {
  /** The bank for 安委办 and leaders: by topic, active or retired, searched by words of the stem or the id. */
  questions: action({
    input: QuestionsInput,
    async run(ctx, input): Promise<Page<BankQuestionView>> {
      await ensureBank(ctx.db, isoTown(ctx.now()));
      const words = input.q?.toLowerCase();
      const rows = (await bankQuestions(ctx.db, input.topic)).filter(
        (d) =>
          (input.retired === undefined || Boolean(d.retired) === input.retired) &&
          (!words || d._id.includes(words) || d.stem.toLowerCase().includes(words)),
      );
      const start = (input.page - 1) * input.pageSize;
      return {
        items: rows.slice(start, start + input.pageSize).map(toView),
        total: rows.length,
        page: input.page,
        pageSize: input.pageSize,
      };
    },
  }),

  /**
   * Creates a question (no `version`; without an id it gets the next of its topic) or edits one (`version` =
   * the one edited): the version rises, the id stays; a retired question stays retired. Audited.
   */
  saveQuestion: action({
    input: SaveQuestionInput,
    async run(ctx, { question, version }): Promise<BankQuestionView> {
      const at = isoTown(ctx.now());
      await ensureBank(ctx.db, at);
      const raw = (question && typeof question === 'object' ? question : {}) as Record<string, unknown>;
      const given = typeof raw.id === 'string' && raw.id !== '' ? raw.id : null;
      if (version !== undefined && !given) {
        throw new AppError('INVALID_INPUT', '输入有误：修改题目须带编号', [{ path: 'question.id', message: '必填' }]);
      }
      const parsed = Question.safeParse({ ...raw, id: given ?? 'new-000' });
      if (!parsed.success) throw issuesFor(parsed.error);
      const editor = editorOf(ctx);
      const id =
        given ??
        nextQuestionId(
          parsed.data.topic,
          (await bankQuestions(ctx.db, parsed.data.topic)).map((d) => d._id),
        );
      const [stamp] = await changeStamps(ctx.db, ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const old = await txFind<StoredQuestion>(tx, QUESTIONS, id);
        const q: SheetQuestion = { ...parsed.data, id, retired: Boolean(old?.retired) };
        const { doc, change } = await writeQuestion(
          tx,
          q,
          editor,
          stamp,
          version === undefined ? { create: true } : { create: false, expectVersion: version },
        );
        if (change !== 'unchanged') {
          await addAudit(tx, {
            actor: editor.openid,
            actorRoles: editor.roles,
            action: 'training.saveQuestion',
            targetType: 'question',
            targetId: id,
            ...(old ? { from: `v${old.version}` } : {}),
            to: `v${doc.version}`,
            detail: { topic: q.topic, change },
            at,
          });
        }
        return toView(doc);
      });
    },
  }),

  /** Retires (never drawn again) or restores a question; its version and past attempts stay as they are. */
  retireQuestion: action({
    input: RetireQuestionInput,
    async run(ctx, { id, retired }): Promise<BankQuestionView> {
      const at = isoTown(ctx.now());
      await ensureBank(ctx.db, at);
      const editor = editorOf(ctx);
      const [stamp] = await changeStamps(ctx.db, ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const old = await txFind<StoredQuestion>(tx, QUESTIONS, id);
        if (!old) throw notFound('没有找到这道题');
        if (Boolean(old.retired) === retired) return toView(old);
        const patch = { retired, updatedAt: stamp, updatedBy: editor.person, updatedByName: editor.name };
        await tx.collection(QUESTIONS).doc(id).update({ data: patch });
        await addAudit(tx, {
          actor: editor.openid,
          actorRoles: editor.roles,
          action: 'training.retireQuestion',
          targetType: 'question',
          targetId: id,
          from: old.retired ? 'retired' : 'active',
          to: retired ? 'retired' : 'active',
          at,
        });
        return toView({ ...old, ...patch });
      });
    },
  }),
};
