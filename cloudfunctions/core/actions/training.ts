// 安全培训 (issue 9, DESIGN.md §7): lessons, quizzes drawn per attempt, answers saved as the worker goes, scored
// on the server, reviewed only after submit; practice with immediate feedback, the 错题本, certificates, a
// manager's assignments. Answer keys stay on the server until the attempt is over: the paper with its keys is
// stored on the attempt, and every answer before submit is made by withoutAnswers().
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Page } from '../../../types';
import {
  AssignInput,
  AttemptIdInput,
  HistoryInput,
  PracticeAnswerInput,
  PracticeInput,
  QuizInput,
  SaveAnswerInput,
  StartInput,
  SubmitAttemptInput,
  TOPIC_NAMES,
  TrainingTopic,
  VerifyCertificateInput,
  WrongBookInput,
  type AttemptResult,
  type AttemptSummary,
  type AttemptView,
  type Certificate,
  type Lesson,
  type LessonSummary,
  type LessonView,
  type PracticeFeedback,
  type PaperQuestion,
  type QuestionStat,
  type QuizProgress,
  type QuizSummary,
  type WrongBookItem,
} from '../../../types/training';
import { action, defineFunction, type ActionContext } from '../action';
import { addAudit } from '../audit';
import type { Database, Transaction } from '../db';
import { findEnterprise } from '../enterprises';
import { conflict, forbidden, notFound } from '../errors';
import { newTrackingCode } from '../ids';
import { limitAction } from '../rate-limit';
import { personId } from '../roles';
import { fetchAll, fetchPage, txExists, txFind, txGet } from '../store';
import { isoTown } from '../time';
import { loadLessons } from '../training-bank';
import { cachedActiveQuestions } from '../training/bank-cache';
import { activeQuestions, ensureBank, QUESTIONS, type QuestionDoc } from '../training/bank-store';
import { acceptsSubmission, attemptDeadline, quizWindowState, townDay } from '../training/deadline';
import { contestRound, counterKey } from '../training/contest';
import { drawPaper, NotEnoughQuestions, withoutAnswers, type PaperEntry } from '../training/paper';
import { isCorrect, normaliseAnswer, scoreAttempt } from '../training/scoring';
import { questionStatistics, type AttemptMarks } from '../training/stats';
import { runTransaction } from '../transaction';
import {
  ASSIGNMENTS,
  ATTEMPT_COUNTERS,
  ATTEMPTS,
  CERTIFICATES,
  CLEARED_AFTER,
  LESSON_PROGRESS,
  QUIZZES,
  WRONG_BOOKS,
  type AssignmentDoc,
  type AttemptDoc,
  type AttemptStatus,
  type CertificateDoc,
  type CounterDoc,
  type QuizDoc,
  type WrongBookDoc,
  type WrongEntry,
} from '../training/docs';
import { bankAdminActions } from './training-bank-admin';
import { hasAnyRole, USERS, type UserDoc } from '../users';
import { CONTEST_INDEXES, contestActions } from './training-contest';
import { officeQuizActions } from './training-office';

export * from '../training/docs';
export { remindAssignments } from '../training/reminders';

export const TRAINING_INDEXES: Record<string, string[][]> = {
  [QUIZZES]: [['closesOn', '_id']],
  [ATTEMPTS]: [
    ['person', 'startedAt', '_id'],
    ['quizId', 'status'],
    ['quizId', 'enterpriseId'],
    ...CONTEST_INDEXES.attempts,
  ],
  // user.deleteMe takes the name off a deleted person's certificates (core/privacy.ts).
  [CERTIFICATES]: [['attemptId']],
  [ASSIGNMENTS]: [
    ['enterpriseId', 'dueOn'],
    ['dueOn', '_id'],
  ],
};

const rand = (n: number) => randomInt(n);
const me = (ctx: ActionContext) => personId(ctx.openid, ctx.reporterKeySecret);
const nameOf = (user: UserDoc) => user.displayName ?? '学员';
/** Per person and quiz; a contest's per day too (training/contest.ts): each day is a new round. */
const counterId = counterKey;

/** Whether the quiz is meant for this person at all (its audience). */
export function inAudience(quiz: Pick<QuizDoc, 'audience' | 'enterpriseId'>, user: UserDoc): boolean {
  switch (quiz.audience) {
    case 'everyone':
      return true;
    case 'workers':
      return hasAnyRole(user, ['worker', 'safetyManager']);
    case 'managers':
      return hasAnyRole(user, ['safetyManager']);
    case 'enterprise':
      return !!user.enterpriseId && user.enterpriseId === quiz.enterpriseId;
  }
}

function attemptView(doc: AttemptDoc, status: AttemptStatus = doc.status): AttemptView {
  return {
    id: doc._id,
    quizId: doc.quizId,
    quizTitle: doc.quizTitle,
    startedAt: doc.startedAt,
    deadline: isoTown(new Date(doc.deadlineMs)),
    status,
    questions: withoutAnswers(doc.paper),
    saved: { ...doc.saved },
  };
}

function resultOf(doc: AttemptDoc): AttemptResult {
  return {
    id: doc._id,
    quizId: doc.quizId,
    quizTitle: doc.quizTitle,
    score: doc.score ?? 0,
    total: doc.total ?? doc.paper.length,
    scorePercent: doc.scorePercent ?? 0,
    passPercent: doc.passPercent,
    passed: !!doc.passed,
    submittedAt: doc.submittedAt ?? doc.startedAt,
    review: doc.paper.map((p) => {
      const given = doc.saved[String(p.n)] ?? [];
      return {
        n: p.n,
        questionId: p.questionId,
        type: p.type,
        topic: p.topic,
        stem: p.stem,
        options: p.options,
        given,
        answer: p.answer,
        correct: isCorrect(p, given),
        explanation: p.explanation,
        source: p.source,
      };
    }),
    ...(doc.certificateCode ? { certificateCode: doc.certificateCode } : {}),
  };
}

/** The attempt of this caller, or NOT_FOUND — someone else's attempt is indistinguishable from none. */
async function ownAttempt(tx: Transaction, ctx: ActionContext, attemptId: string): Promise<AttemptDoc> {
  const missing = notFound('没有找到这次答题');
  // One read (txFind), not txExists + txGet: save and submit are the hot path (bench).
  const doc = await txFind<AttemptDoc>(tx, ATTEMPTS, attemptId);
  if (!doc || doc.person !== me(ctx)) throw missing;
  return doc;
}

/**
 * Closes an attempt: scores what was saved, issues a certificate when passed, updates the 错题本. `expired`:
 * the time ran out and the saved answers were handed in for the worker (nothing answered is lost).
 */
async function finish(
  tx: Transaction,
  doc: AttemptDoc,
  status: 'submitted' | 'expired',
  at: string,
): Promise<AttemptDoc> {
  const s = scoreAttempt(doc.paper, doc.saved, doc.passPercent);
  let certificateCode: string | undefined;
  if (s.passed) {
    certificateCode = newTrackingCode(12);
    const cert: Omit<CertificateDoc, '_id'> = {
      name: doc.name ?? '学员',
      quizTitle: doc.quizTitle,
      scorePercent: s.scorePercent,
      passedOn: at.slice(0, 10),
      issuer: '庙行镇安全生产委员会办公室',
      attemptId: doc._id,
    };
    await tx
      .collection(CERTIFICATES)
      .doc(certificateCode)
      .set({ data: { ...cert } });
  }
  const set = {
    status,
    score: s.score,
    total: s.total,
    scorePercent: s.scorePercent,
    passed: s.passed,
    submittedAt: at,
    ...(certificateCode ? { certificateCode } : {}),
  };
  await tx.collection(ATTEMPTS).doc(doc._id).update({ data: set });
  await tx
    .collection(ATTEMPT_COUNTERS)
    .doc(counterId(doc.quizId, doc.person, doc.day))
    .update({ data: { openAttemptId: null } });
  await recordAnswers(
    tx,
    doc.person,
    doc.paper.map((p) => ({ questionId: p.questionId, topic: p.topic, correct: s.correct[p.n] })),
    at,
  );
  return { ...doc, ...set };
}

/** The 错题本 is one document per person: a wrong answer enters (or resets) a question, two right ones clear it. */
async function recordAnswers(
  tx: Transaction,
  person: string,
  answers: { questionId: string; topic: TrainingTopic; correct: boolean }[],
  at: string,
): Promise<Record<string, WrongEntry>> {
  const exists = await txExists(tx, WRONG_BOOKS, person);
  const items = exists ? { ...(await txGet<WrongBookDoc>(tx, WRONG_BOOKS, person)).items } : {};
  let changed = false;
  for (const a of answers) {
    const entry = items[a.questionId];
    if (!a.correct) {
      items[a.questionId] = { topic: a.topic, streak: 0, wrong: (entry?.wrong ?? 0) + 1, at };
      changed = true;
    } else if (entry) {
      const streak = entry.streak + 1;
      if (streak >= CLEARED_AFTER) delete items[a.questionId];
      else items[a.questionId] = { ...entry, streak, at };
      changed = true;
    }
  }
  if (changed) {
    await tx.collection(WRONG_BOOKS).doc(person).set({ data: { items } });
  }
  return items;
}

async function quizById(db: Database, id: string): Promise<QuizDoc> {
  const { data } = await db.collection<QuizDoc>(QUIZZES).where({ _id: id }).limit(1).get();
  if (!data[0]) throw notFound('没有找到这份试卷');
  return data[0];
}

function lessonsByTopic(): Map<TrainingTopic, Lesson> {
  return new Map(loadLessons().map((l) => [l.topic, l]));
}

export const trainingFunction = defineFunction('training', {
  /** 安委办's question bank: questions, saveQuestion, retireQuestion (training-bank-admin.ts). */
  ...bankAdminActions,
  /** 安全生产月 leaderboards and 安委办 coverage (training-contest.ts). */
  ...contestActions,
  /** 安委办's list of every quiz (training-office.ts). */
  ...officeQuizActions,

  /** The lessons, with the caller's progress and the campaign that features them this month. */
  lessons: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<LessonSummary[]> {
      const person = me(ctx);
      const { data } = await ctx.db
        .collection<{ read: Record<string, string[]> }>(LESSON_PROGRESS)
        .where({ _id: person })
        .limit(1)
        .get();
      const read = data[0]?.read ?? {};
      const month = Number(townDay(ctx.now().getTime()).slice(5, 7));
      return [...lessonsByTopic().values()].map((l) => ({
        topic: l.topic,
        topicName: TOPIC_NAMES[l.topic],
        title: l.title,
        intro: l.intro,
        sections: l.sections.length,
        read: (read[l.topic] ?? []).filter((id) => l.sections.some((s) => s.id === id)).length,
        featured: l.featuredMonths.includes(month),
      }));
    },
  }),

  lesson: action({
    input: z.object({ topic: TrainingTopic }).strict(),
    async run(ctx, { topic }): Promise<LessonView> {
      const lesson = lessonsByTopic().get(topic);
      if (!lesson) throw notFound('该主题暂无课程');
      const { data } = await ctx.db
        .collection<{ read: Record<string, string[]> }>(LESSON_PROGRESS)
        .where({ _id: me(ctx) })
        .limit(1)
        .get();
      return { ...lesson, topicName: TOPIC_NAMES[topic], readSections: data[0]?.read?.[topic] ?? [] };
    },
  }),

  lessonRead: action({
    input: z.object({ topic: TrainingTopic, sectionId: z.string().regex(/^[a-z0-9-]{2,40}$/) }).strict(),
    async run(ctx, { topic, sectionId }) {
      const lesson = lessonsByTopic().get(topic);
      if (!lesson?.sections.some((s) => s.id === sectionId)) throw notFound('没有找到这一节');
      const person = me(ctx);
      return runTransaction(ctx.db, async (tx) => {
        const exists = await txExists(tx, LESSON_PROGRESS, person);
        const read = exists ? (await txGet<{ read: Record<string, string[]> }>(tx, LESSON_PROGRESS, person)).read : {};
        const list = read[topic] ?? [];
        if (!list.includes(sectionId)) {
          await tx
            .collection(LESSON_PROGRESS)
            .doc(person)
            .set({ data: { read: { ...read, [topic]: [...list, sectionId] } } });
        }
        return {
          topic,
          read: list.includes(sectionId) ? list.length : list.length + 1,
          sections: lesson.sections.length,
        };
      });
    },
  }),

  /** 安委办 (any audience) or a safety manager (their own enterprise only) sets a quiz. */
  quizCreate: action({
    input: QuizInput,
    async run(ctx, input): Promise<{ id: string }> {
      const { user } = ctx;
      const officer = hasAnyRole(user, ['admin']);
      if (!officer) {
        if (input.audience !== 'enterprise' || !user.enterpriseId || input.enterpriseId !== user.enterpriseId) {
          throw forbidden('企业安全管理人员只能为本企业设置考试');
        }
      }
      if (input.enterpriseId && !(await findEnterprise(ctx.db, input.enterpriseId))) throw notFound('没有找到该企业');
      const at = isoTown(ctx.now());
      await ensureBank(ctx.db, at);
      const bank = await activeQuestions(
        ctx.db,
        input.draw.map((d) => d.topic),
      );
      for (const d of input.draw) {
        const available = bank.filter((q) => q.topic === d.topic).length;
        if (available < d.count) {
          throw conflict(`“${TOPIC_NAMES[d.topic]}”题库只有 ${available} 道题，不足 ${d.count} 道`);
        }
      }
      const doc: Omit<QuizDoc, '_id'> = {
        ...input,
        kind: input.kind ?? 'exam',
        questionCount: input.draw.reduce((s, d) => s + d.count, 0),
        createdByName: user.displayName ?? '镇安委办',
        createdAt: at,
      };
      const { _id } = await ctx.db.collection(QUIZZES).add({ data: doc });
      await runTransaction(ctx.db, (tx) =>
        addAudit(tx, {
          actor: user._id,
          actorRoles: user.roles,
          action: 'training.quizCreate',
          targetType: 'quiz',
          targetId: String(_id),
          detail: { title: input.title, audience: input.audience, draw: input.draw },
          at,
        }),
      );
      return { id: String(_id) };
    },
  }),

  /** The quizzes meant for the caller that are open or coming (and closed ones they took). */
  quizzes: action({
    input: z.object({}).strict(),
    async run(ctx): Promise<QuizSummary[]> {
      const _ = ctx.db.command;
      const nowMs = ctx.now().getTime();
      const today = townDay(nowMs);
      const person = me(ctx);
      const { data: quizzes } = await ctx.db
        .collection<QuizDoc>(QUIZZES)
        .where({ closesOn: _.gte(today) })
        .orderBy('closesOn', 'asc')
        .orderBy('_id', 'asc')
        .limit(100)
        .get();
      const mine = quizzes.filter((q) => inAudience(q, ctx.user));
      if (mine.length === 0) return [];
      const ids = mine.map((q) => q._id);
      const cidOf = (q: QuizDoc) => counterId(q._id, person, q.kind === 'contest' ? today : undefined);
      const [{ data: counters }, attempts, assignments] = await Promise.all([
        ctx.db
          .collection<CounterDoc>(ATTEMPT_COUNTERS)
          .where({ _id: _.in(mine.map(cidOf)) })
          .limit(100)
          .get(),
        fetchAll(
          ctx.db
            .collection<AttemptDoc>(ATTEMPTS)
            .where({ person, quizId: _.in(ids), status: _.neq('open') })
            .field({ quizId: true, scorePercent: true, passed: true }),
        ),
        ctx.user.enterpriseId
          ? ctx.db
              .collection<AssignmentDoc>(ASSIGNMENTS)
              .where({ enterpriseId: ctx.user.enterpriseId, dueOn: _.gte(today) })
              .limit(100)
              .get()
              .then((r) => r.data)
          : Promise.resolve([] as AssignmentDoc[]),
      ]);
      return mine.map((q): QuizSummary => {
        const counter = counters.find((c) => c._id === cidOf(q));
        const done = attempts.filter((a) => a.quizId === q._id);
        const used = counter?.used ?? 0;
        const window = quizWindowState(nowMs, q.opensOn, q.closesOn);
        const exhausted = q.attemptsAllowed > 0 && used >= q.attemptsAllowed && !counter?.openAttemptId;
        const best = done.reduce<number | null>((b, a) => Math.max(b ?? 0, a.scorePercent ?? 0), null);
        const due = assignments.find((a) => a.quizId === q._id);
        return {
          id: q._id,
          title: q.title,
          kind: q.kind,
          questionCount: q.questionCount,
          passPercent: q.passPercent,
          timeLimitMinutes: q.timeLimitMinutes,
          attemptsAllowed: q.attemptsAllowed,
          attemptsUsed: used,
          opensOn: q.opensOn,
          closesOn: q.closesOn,
          state: window !== 'open' ? window : exhausted ? 'exhausted' : 'open',
          bestScorePercent: best,
          passed: done.some((a) => a.passed),
          ...(counter?.openAttemptId ? { openAttemptId: counter.openAttemptId } : {}),
          ...(due ? { dueOn: due.dueOn } : {}),
        };
      });
    },
  }),

  /**
   * Starts (or resumes) an attempt. The attempt counter is one document per person and quiz, read and written
   * in the same transaction as the new attempt, whose id carries the attempt's number: two taps at once make
   * one attempt, and the limit holds however many calls race.
   */
  start: action({
    input: StartInput,
    async run(ctx, { quizId }): Promise<AttemptView> {
      await limitAction(ctx, 'quizStart');
      const now = ctx.now();
      const nowMs = now.getTime();
      const at = isoTown(now);
      const quiz = await quizById(ctx.db, quizId);
      if (!inAudience(quiz, ctx.user)) throw forbidden('这份试卷不面向您');
      const window = quizWindowState(nowMs, quiz.opensOn, quiz.closesOn);
      if (window === 'upcoming') throw conflict(`考试将于 ${quiz.opensOn} 开始`);
      if (window === 'closed') throw conflict(`考试已于 ${quiz.closesOn} 结束`);
      await ensureBank(ctx.db, at);
      // Drawn before the transaction (a transaction cannot query); used only if a new attempt is made.
      let paper: PaperEntry[];
      try {
        paper = drawPaper(
          // This instance's copy of the topics while the bank is unchanged (bank-cache.ts: one small read).
          await cachedActiveQuestions(
            ctx.db,
            quiz.draw.map((d) => d.topic),
            nowMs,
          ),
          quiz.draw,
          rand,
        );
      } catch (e) {
        if (e instanceof NotEnoughQuestions) throw conflict('题库题目不足，请联系镇安委办');
        throw e;
      }
      const person = me(ctx);
      return runTransaction(ctx.db, async (tx) => {
        // A contest: one round a day, its attempts counted per day and ending by 24:00 of the day.
        const day = quiz.kind === 'contest' ? townDay(nowMs) : undefined;
        const cid = counterId(quizId, person, day);
        const counter: CounterDoc = (await txFind<CounterDoc>(tx, ATTEMPT_COUNTERS, cid)) ?? {
          _id: cid,
          used: 0,
          openAttemptId: null,
        };
        if (counter.openAttemptId) {
          const open = await txGet<AttemptDoc>(tx, ATTEMPTS, counter.openAttemptId);
          if (open.status === 'open' && acceptsSubmission(nowMs, open.deadlineMs)) return attemptView(open);
          if (open.status === 'open') await finish(tx, open, 'expired', at);
        }
        if (quiz.attemptsAllowed > 0 && counter.used >= quiz.attemptsAllowed) {
          throw conflict(`这份试卷最多可作答 ${quiz.attemptsAllowed} 次，您已用完`);
        }
        const seq = counter.used + 1;
        const doc: AttemptDoc = {
          // A contest round's attempt: `<quiz>_<person>_<round>-<n>` (round = days since the contest opened),
          // short enough for the 64-character id of the inputs.
          _id: day ? `${quizId}_${person}_${contestRound(quiz.opensOn, day)}-${seq}` : `${quizId}_${person}_${seq}`,
          quizId,
          quizTitle: quiz.title,
          person,
          ...(ctx.user.enterpriseId ? { enterpriseId: ctx.user.enterpriseId } : {}),
          ...(ctx.user.displayName ? { name: ctx.user.displayName } : {}),
          seq,
          ...(day ? { day } : {}),
          paper,
          saved: {},
          passPercent: quiz.passPercent,
          startedAt: at,
          deadlineMs: attemptDeadline(nowMs, quiz.timeLimitMinutes, day ?? quiz.closesOn),
          status: 'open',
        };
        const { _id, ...data } = doc;
        await tx.collection(ATTEMPTS).doc(_id).set({ data });
        await tx
          .collection(ATTEMPT_COUNTERS)
          .doc(cid)
          .set({ data: { used: seq, openAttemptId: _id } });
        return attemptView(doc);
      });
    },
  }),

  /** Saves one answer as the worker goes: a dropped connection loses nothing. */
  save: action({
    input: SaveAnswerInput,
    async run(ctx, { attemptId, n, answer }): Promise<{ n: number; saved: string[] }> {
      const nowMs = ctx.now().getTime();
      return runTransaction(ctx.db, async (tx) => {
        const doc = await ownAttempt(tx, ctx, attemptId);
        if (doc.status !== 'open') throw conflict('本次答题已交卷，不能再修改答案');
        if (!acceptsSubmission(nowMs, doc.deadlineMs)) throw conflict('答题时间已到，不能再修改答案');
        const entry = doc.paper.find((p) => p.n === n);
        if (!entry) throw notFound('没有这道题');
        const keys = normaliseAnswer(answer);
        if (keys.some((k) => !entry.options.some((o) => o.key === k))) throw conflict('所选答案不在选项中');
        if (entry.type !== 'multiple' && keys.length > 1) throw conflict('这道题只能选一个答案');
        await tx
          .collection(ATTEMPTS)
          .doc(attemptId)
          .update({ data: { [`saved.${n}`]: keys } });
        return { n, saved: keys };
      });
    },
  }),

  /** Hands the attempt in: scored on the server from the saved answers; once only, the owner only, in time. */
  submit: action({
    input: SubmitAttemptInput,
    async run(ctx, { attemptId }): Promise<AttemptResult> {
      const nowMs = ctx.now().getTime();
      const at = isoTown(ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        const doc = await ownAttempt(tx, ctx, attemptId);
        if (doc.status !== 'open') throw conflict('本次答题已经交卷');
        if (!acceptsSubmission(nowMs, doc.deadlineMs)) {
          throw conflict('已超过答题时间，不能再交卷；您保存的答案已自动交卷，可在答题记录中查看');
        }
        return resultOf(await finish(tx, doc, 'submitted', at));
      });
    },
  }),

  /** The score, the right answers and the explanations — only once the attempt is over. */
  review: action({
    input: AttemptIdInput,
    async run(ctx, { attemptId }): Promise<AttemptResult> {
      const nowMs = ctx.now().getTime();
      const at = isoTown(ctx.now());
      return runTransaction(ctx.db, async (tx) => {
        let doc = await ownAttempt(tx, ctx, attemptId);
        if (doc.status === 'open') {
          if (acceptsSubmission(nowMs, doc.deadlineMs)) throw conflict('交卷后才能查看答案和解析');
          doc = await finish(tx, doc, 'expired', at);
        }
        return resultOf(doc);
      });
    },
  }),

  /** The caller's attempts, newest first (no papers). */
  history: action({
    input: HistoryInput,
    async run(ctx, { page, pageSize }): Promise<Page<AttemptSummary>> {
      const query = ctx.db.collection<AttemptDoc>(ATTEMPTS).where({ person: me(ctx) });
      const { data, total } = await fetchPage(query, { page, pageSize }, [['startedAt', 'desc']]);
      const nowMs = ctx.now().getTime();
      return {
        items: data.map((a) => ({
          id: a._id,
          quizId: a.quizId,
          quizTitle: a.quizTitle,
          startedAt: a.startedAt,
          // An open attempt past its grace is shown as over: review hands it in.
          status: a.status === 'open' && !acceptsSubmission(nowMs, a.deadlineMs) ? ('expired' as const) : a.status,
          scorePercent: a.scorePercent ?? null,
          passed: a.passed ?? null,
          certificateCode: a.certificateCode ?? null,
        })),
        total,
        page,
        pageSize,
      };
    },
  }),

  /** One practice question (a topic, or the 错题本), without its answer. */
  practice: action({
    input: PracticeInput,
    async run(ctx, input): Promise<PaperQuestion | null> {
      await ensureBank(ctx.db, isoTown(ctx.now()));
      let pool: QuestionDoc[];
      if (input.wrongBook) {
        const { data } = await ctx.db
          .collection<WrongBookDoc>(WRONG_BOOKS)
          .where({ _id: me(ctx) })
          .limit(1)
          .get();
        const ids = Object.keys(data[0]?.items ?? {}).filter(
          (id) => !input.topic || data[0].items[id].topic === input.topic,
        );
        if (ids.length === 0) return null;
        const pick = ids[rand(ids.length)];
        const { data: qs } = await ctx.db.collection<QuestionDoc>(QUESTIONS).where({ _id: pick }).limit(1).get();
        pool = qs.filter((q) => !q.retired);
      } else {
        pool = await activeQuestions(ctx.db, input.topic ? [input.topic] : [...TrainingTopic.options]);
      }
      if (pool.length === 0) return null;
      const q = pool[rand(pool.length)];
      // Practice shows the bank's own keys (no relabelling): the answer is checked against the bank.
      return {
        n: 1,
        questionId: q._id,
        type: q.type,
        topic: q.topic,
        stem: q.stem,
        options: q.options.map((o) => ({ ...o })),
      };
    },
  }),

  /** Immediate feedback on a practice answer; it feeds the 错题本 like an exam answer does. */
  practiceAnswer: action({
    input: PracticeAnswerInput,
    async run(ctx, { questionId, answer }): Promise<PracticeFeedback> {
      const { data } = await ctx.db.collection<QuestionDoc>(QUESTIONS).where({ _id: questionId }).limit(1).get();
      const q = data[0];
      if (!q) throw notFound('没有找到这道题');
      const correct = isCorrect(q, answer);
      const person = me(ctx);
      const items = await runTransaction(ctx.db, (tx) =>
        recordAnswers(tx, person, [{ questionId, topic: q.topic, correct }], isoTown(ctx.now())),
      );
      return {
        correct,
        answer: [...q.answer].sort(),
        explanation: q.explanation,
        source: q.source,
        inWrongBook: questionId in items,
        streak: items[questionId]?.streak ?? 0,
      };
    },
  }),

  /** The 错题本: questions answered wrong and not yet answered right twice in a row. */
  wrongBook: action({
    input: WrongBookInput,
    async run(ctx, { page, pageSize, topic }): Promise<Page<WrongBookItem>> {
      const _ = ctx.db.command;
      const { data } = await ctx.db
        .collection<WrongBookDoc>(WRONG_BOOKS)
        .where({ _id: me(ctx) })
        .limit(1)
        .get();
      const entries = Object.entries(data[0]?.items ?? {})
        .filter(([, e]) => !topic || e.topic === topic)
        .sort(([a, x], [b, y]) => (x.at === y.at ? a.localeCompare(b) : y.at.localeCompare(x.at)));
      const slice = entries.slice((page - 1) * pageSize, page * pageSize);
      const ids = slice.map(([id]) => id);
      const { data: qs } = ids.length
        ? await ctx.db
            .collection<QuestionDoc>(QUESTIONS)
            .where({ _id: _.in(ids) })
            .limit(100)
            .get()
        : { data: [] as QuestionDoc[] };
      const byId = new Map(qs.map((q) => [q._id, q]));
      return {
        items: slice
          .filter(([id]) => byId.has(id))
          .map(([id, e]) => {
            const q = byId.get(id) as QuestionDoc;
            return {
              questionId: id,
              topic: e.topic,
              topicName: TOPIC_NAMES[e.topic],
              type: q.type,
              stem: q.stem,
              options: q.options,
              answer: [...q.answer].sort(),
              explanation: q.explanation,
              source: q.source,
              wrong: e.wrong,
              streak: e.streak,
              at: e.at,
            };
          }),
        total: entries.length,
        page,
        pageSize,
      };
    },
  }),

  /** Anyone may check a certificate by its code. */
  verifyCertificate: action({
    input: VerifyCertificateInput,
    async run(ctx, { code }): Promise<Certificate> {
      const { data } = await ctx.db.collection<CertificateDoc>(CERTIFICATES).where({ _id: code }).limit(1).get();
      if (!data[0]) throw notFound('证书编号不存在，请核对后重试');
      const { name, quizTitle, scorePercent, passedOn, issuer } = data[0];
      return { code, name, quizTitle, scorePercent, passedOn, issuer };
    },
  }),

  /** A safety manager assigns a quiz to their enterprise's workers with a due date. */
  assign: action({
    input: AssignInput,
    async run(ctx, { quizId, dueOn }): Promise<{ id: string; dueOn: string }> {
      const enterpriseId = ctx.user.enterpriseId;
      if (!enterpriseId) throw forbidden('您尚未关联企业');
      const quiz = await quizById(ctx.db, quizId);
      if (quiz.audience === 'enterprise' && quiz.enterpriseId !== enterpriseId) throw forbidden('这份试卷不属于本企业');
      if (quiz.audience === 'managers') throw conflict('这份试卷只面向安全管理人员，不能布置给从业人员');
      const today = townDay(ctx.now().getTime());
      if (dueOn < today) throw conflict('截止日期不能早于今天');
      if (dueOn > quiz.closesOn) throw conflict(`截止日期不能晚于考试结束日期 ${quiz.closesOn}`);
      const at = isoTown(ctx.now());
      const id = `${quizId}_${enterpriseId}`;
      const doc: Omit<AssignmentDoc, '_id'> = {
        quizId,
        quizTitle: quiz.title,
        enterpriseId,
        dueOn,
        byName: nameOf(ctx.user),
        at,
      };
      await runTransaction(ctx.db, async (tx) => {
        await tx.collection(ASSIGNMENTS).doc(id).set({ data: doc });
        await addAudit(tx, {
          actor: ctx.user._id,
          actorRoles: ctx.user.roles,
          action: 'training.assign',
          targetType: 'quiz',
          targetId: quizId,
          detail: { enterpriseId, dueOn },
          at,
        });
      });
      return { id, dueOn };
    },
  }),

  /** Completion and pass per worker of the caller's enterprise (安委办: any enterprise). */
  progress: action({
    input: z.object({ quizId: z.string().min(1).max(64), enterpriseId: z.string().min(1).max(64).optional() }).strict(),
    async run(ctx, input): Promise<QuizProgress> {
      const officer = hasAnyRole(ctx.user, ['admin', 'leader']);
      const enterpriseId = officer ? (input.enterpriseId ?? ctx.user.enterpriseId) : ctx.user.enterpriseId;
      if (!enterpriseId) throw forbidden('您尚未关联企业');
      if (!officer && input.enterpriseId && input.enterpriseId !== enterpriseId) throw forbidden('只能查看本企业');
      const quiz = await quizById(ctx.db, input.quizId);
      const [workers, attempts, { data: assigned }] = await Promise.all([
        fetchAll(ctx.db.collection<UserDoc>(USERS).where({ enterpriseId })),
        fetchAll(
          ctx.db
            .collection<AttemptDoc>(ATTEMPTS)
            .where({ quizId: quiz._id, enterpriseId })
            .field({ person: true, status: true, scorePercent: true, passed: true, submittedAt: true }),
        ),
        ctx.db
          .collection<AssignmentDoc>(ASSIGNMENTS)
          .where({ _id: `${quiz._id}_${enterpriseId}` })
          .limit(1)
          .get(),
      ]);
      const people = workers
        .filter((w) => hasAnyRole(w, ['worker', 'safetyManager']))
        .map((w) => {
          const pid = personId(w._id, ctx.reporterKeySecret);
          const mine = attempts.filter((a) => a.person === pid && a.status !== 'open');
          return {
            personId: pid,
            name: w.displayName ?? '未填写姓名',
            attempts: mine.length,
            bestScorePercent: mine.reduce<number | null>((b, a) => Math.max(b ?? 0, a.scorePercent ?? 0), null),
            passed: mine.some((a) => a.passed),
            lastAt:
              mine
                .map((a) => a.submittedAt ?? '')
                .sort()
                .pop() ?? null,
          };
        })
        .sort((a, b) => Number(a.passed) - Number(b.passed) || a.name.localeCompare(b.name, 'zh'));
      const done = people.filter((p) => p.attempts > 0).length;
      const passed = people.filter((p) => p.passed).length;
      return {
        quizId: quiz._id,
        quizTitle: quiz.title,
        dueOn: assigned[0]?.dueOn ?? null,
        workers: people.length,
        completionPercent: people.length ? Math.round((done * 100) / people.length) : 0,
        passPercent: people.length ? Math.round((passed * 100) / people.length) : 0,
        people,
      };
    },
  }),

  /** 安委办: per-question facility and discrimination over the quiz's finished attempts. */
  stats: action({
    input: z.object({ quizId: z.string().min(1).max(64) }).strict(),
    async run(ctx, { quizId }): Promise<{ attempts: number; questions: QuestionStat[] }> {
      const _ = ctx.db.command;
      const quiz = await quizById(ctx.db, quizId);
      // 1,000 finished attempts at most: enough for stable indices, bounded work per call.
      const data = await fetchAll(
        ctx.db
          .collection<AttemptDoc>(ATTEMPTS)
          .where({ quizId: quiz._id, status: _.in(['submitted', 'expired']) })
          .field({ paper: true, saved: true }),
      );
      const marks: AttemptMarks[] = data.map((a) =>
        Object.fromEntries(a.paper.map((p) => [p.questionId, isCorrect(p, a.saved[String(p.n)]) ? 1 : 0])),
      );
      const stems = new Map(data.flatMap((a) => a.paper.map((p) => [p.questionId, p.stem] as const)));
      return {
        attempts: data.length,
        questions: questionStatistics(marks).map((s) => ({ ...s, stem: stems.get(s.questionId) ?? '' })),
      };
    },
  }),
});

/** Enterprise names for the office's views (kept here so the training pages need one call). */
export async function enterpriseName(db: Database, id: string): Promise<string | null> {
  return (await findEnterprise(db, id))?.name ?? null;
}
