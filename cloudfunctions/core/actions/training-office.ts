// 安委办's list of quizzes (issue 9): every quiz whatever its audience, newest window first, for the office's
// 培训考核 page (statistics and coverage per quiz). Spread into the `training` function.
import { z } from 'zod';
import type { OfficeQuiz } from '../../../types/training-office';
import { action } from '../action';
import { ENTERPRISES, type EnterpriseDoc } from '../enterprises';
import { townDay } from '../training/deadline';
import type { QuizDoc } from './training';

const QUIZZES = 'quizzes';
/** The office page lists quizzes that closed at most this many days ago (and every open or coming one). */
export const QUIZ_LIST_DAYS_BACK = 400;
/** One read: the newest quizzes by closing day. */
export const QUIZ_LIST_MAX = 100;

export const officeQuizActions = {
  quizList: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<OfficeQuiz[]> {
      const _ = ctx.db.command;
      const since = townDay(ctx.now().getTime() - QUIZ_LIST_DAYS_BACK * 86_400_000);
      const { data } = await ctx.db
        .collection<QuizDoc>(QUIZZES)
        .where({ closesOn: _.gte(since) })
        .orderBy('closesOn', 'desc')
        .orderBy('_id', 'desc')
        .limit(QUIZ_LIST_MAX)
        .get();
      const ids = [...new Set(data.flatMap((q) => (q.enterpriseId ? [q.enterpriseId] : [])))];
      const names = new Map<string, string>();
      if (ids.length > 0) {
        const { data: firms } = await ctx.db
          .collection<EnterpriseDoc>(ENTERPRISES)
          .where({ _id: _.in(ids) })
          .field({ name: true })
          .limit(100)
          .get();
        for (const e of firms) names.set(e._id, e.name);
      }
      return data.map((q) => ({
        id: q._id,
        title: q.title,
        kind: q.kind,
        audience: q.audience,
        enterpriseName: q.enterpriseId ? (names.get(q.enterpriseId) ?? '已注销的企业') : null,
        draw: q.draw,
        questionCount: q.questionCount,
        passPercent: q.passPercent,
        timeLimitMinutes: q.timeLimitMinutes,
        attemptsAllowed: q.attemptsAllowed,
        opensOn: q.opensOn,
        closesOn: q.closesOn,
        createdByName: q.createdByName,
        createdAt: q.createdAt,
      }));
    },
  }),
};
