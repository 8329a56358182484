// 安全生产月 contest leaderboards and 安委办's training coverage (issue 9), spread into the `training` function.
// Only types come from ./training (no import cycle: training.ts imports this module).
import {
  CoverageInput,
  LeaderboardInput,
  type Coverage,
  type CoverageRow,
  type Leaderboard,
  type LeaderboardRow,
} from '../../../types/training';
import { action, type ActionContext } from '../action';
import { ENTERPRISES, type EnterpriseDoc } from '../enterprises';
import { conflict, notFound } from '../errors';
import { townIndustries } from '../industries';
import { personId } from '../roles';
import { fetchAll } from '../store';
import { isoTown } from '../time';
import { percentOf, rankGroups, rankPeople, timeTaken, type RoundAttempt } from '../training/contest';
import { townDay } from '../training/deadline';
import { hasAnyRole, USERS, type UserDoc } from '../users';
import type { AttemptDoc, QuizDoc } from './training';

// The collections of ./training (named again here so this module needs no value from it).
const QUIZZES = 'quizzes';
const ATTEMPTS = 'attempts';

/** One leaderboard reads at most this many handed-in attempts of the day (100 a read). */
export const LEADERBOARD_MAX_ATTEMPTS = 2000;
/** Rows a board shows; the caller's own row comes besides when lower. */
export const LEADERBOARD_ROWS = 50;
/** Coverage reads at most: enterprises, linked users, handed-in attempts (100 a read). */
export const COVERAGE_MAX_ENTERPRISES = 1000;
export const COVERAGE_MAX_USERS = 5000;
export const COVERAGE_MAX_ATTEMPTS = 5000;

export const CONTEST_INDEXES = {
  attempts: [
    ['quizId', 'day', 'status', '_id'],
    ['quizId', 'status', '_id'],
    ['status', '_id'],
    // training.quizzes reads the caller's own attempts in _id pages: without this the engine may walk a whole
    // quiz's attempts by ['quizId', 'status', '_id'] (bench: 0.3–1.3 s with 10,000 stored).
    ['person', '_id'],
  ],
};

const ANONYMOUS = '匿名学员';
const DONE = ['submitted', 'expired'];

async function quizById(ctx: ActionContext, id: string): Promise<QuizDoc> {
  const { data } = await ctx.db.collection<QuizDoc>(QUIZZES).where({ _id: id }).limit(1).get();
  if (!data[0]) throw notFound('没有找到这份试卷');
  return data[0];
}

/** The enterprises of these ids, by id (100 ids a read). */
async function enterprisesById(ctx: ActionContext, ids: string[]): Promise<Map<string, EnterpriseDoc>> {
  const _ = ctx.db.command;
  const out = new Map<string, EnterpriseDoc>();
  for (let i = 0; i < ids.length; i += 100) {
    const { data } = await ctx.db
      .collection<EnterpriseDoc>(ENTERPRISES)
      .where({ _id: _.in(ids.slice(i, i + 100)) })
      .limit(100)
      .get();
    for (const e of data) out.set(e._id, e);
  }
  return out;
}

const ms = (iso: string) => Date.parse(iso);

export const contestActions = {
  /**
   * A contest round's leaderboard. Each person's best attempt of the day counts (score, then less time, then
   * handed in earlier); an enterprise or an area (the 居民区/村 of the person's enterprise — people have no area
   * of their own) by the mean of its people's best scores, then more people, then less time.
   */
  leaderboard: action({
    input: LeaderboardInput,
    async run(ctx, { quizId, day: asked, by }): Promise<Leaderboard> {
      const _ = ctx.db.command;
      const quiz = await quizById(ctx, quizId);
      if (quiz.kind !== 'contest') throw conflict('这份试卷不是竞赛，没有排行榜');
      const today = townDay(ctx.now().getTime());
      // Default: today's round; before the contest its first day, after it the last.
      const day = asked ?? (today < quiz.opensOn ? quiz.opensOn : today > quiz.closesOn ? quiz.closesOn : today);
      if (day < quiz.opensOn || day > quiz.closesOn) {
        throw conflict(`竞赛时间为 ${quiz.opensOn} 至 ${quiz.closesOn}，该日没有比赛`);
      }
      const docs = await fetchAll(
        ctx.db
          .collection<AttemptDoc>(ATTEMPTS)
          .where({ quizId, day, status: _.in(DONE) })
          .field({
            person: true,
            name: true,
            enterpriseId: true,
            scorePercent: true,
            startedAt: true,
            submittedAt: true,
            deadlineMs: true,
          }),
        LEADERBOARD_MAX_ATTEMPTS,
      );
      const round: RoundAttempt[] = docs.map((a) => {
        const finishedMs = ms(a.submittedAt ?? a.startedAt);
        return {
          person: a.person,
          ...(a.name ? { name: a.name } : {}),
          ...(a.enterpriseId ? { enterpriseId: a.enterpriseId } : {}),
          scorePercent: a.scorePercent ?? 0,
          tookMs: timeTaken(ms(a.startedAt), finishedMs, a.deadlineMs),
          finishedMs,
        };
      });
      const people = rankPeople(round);
      const mePid = personId(ctx.openid, ctx.reporterKeySecret);
      const myEnterprise = ctx.user.enterpriseId;
      let rows: LeaderboardRow[];
      if (by === 'person') {
        rows = people.map((p) => ({
          rank: p.rank,
          name: p.name ?? ANONYMOUS,
          scorePercent: p.scorePercent,
          tookSeconds: Math.round(p.tookMs / 1000),
          finishedAt: isoTown(new Date(p.finishedMs)),
          isMine: p.person === mePid,
        }));
      } else {
        const ids = [...new Set(people.flatMap((p) => (p.enterpriseId ? [p.enterpriseId] : [])))];
        const enterprises = await enterprisesById(ctx, myEnterprise ? [...new Set([...ids, myEnterprise])] : ids);
        const areaOf = (id?: string) => (id ? enterprises.get(id)?.areaId : undefined);
        const groups = rankGroups(people, (p) =>
          by === 'enterprise'
            ? p.enterpriseId && enterprises.has(p.enterpriseId)
              ? p.enterpriseId
              : undefined
            : areaOf(p.enterpriseId),
        );
        const mine = by === 'enterprise' ? myEnterprise : areaOf(myEnterprise);
        rows = groups.map((g) => ({
          rank: g.rank,
          name: by === 'enterprise' ? (enterprises.get(g.key)?.name ?? g.key) : (ctx.town.area(g.key)?.name ?? g.key),
          scorePercent: g.averagePercent,
          tookSeconds: Math.round(g.averageTookMs / 1000),
          participants: g.participants,
          isMine: !!mine && g.key === mine,
        }));
      }
      const top = rows.slice(0, LEADERBOARD_ROWS);
      const mine = top.some((r) => r.isMine) ? null : (rows.find((r) => r.isMine) ?? null);
      return {
        quizId,
        quizTitle: quiz.title,
        day,
        by,
        opensOn: quiz.opensOn,
        closesOn: quiz.closesOn,
        participants: people.length,
        rows: top,
        mine,
        truncated: docs.length >= LEADERBOARD_MAX_ATTEMPTS,
      };
    },
  }),

  /**
   * 安委办: how far training reaches, per enterprise and per industry — the workers and safety managers linked to
   * each active enterprise, how many handed in an attempt (of the quiz, or of any quiz) and how many passed.
   */
  coverage: action({
    input: CoverageInput,
    async run(ctx, { quizId }): Promise<Coverage> {
      const _ = ctx.db.command;
      const quiz = quizId ? await quizById(ctx, quizId) : null;
      const [enterprises, users, attempts] = await Promise.all([
        fetchAll(
          ctx.db
            .collection<EnterpriseDoc>(ENTERPRISES)
            .where({ status: 'active' })
            .field({ name: true, industry: true }),
          COVERAGE_MAX_ENTERPRISES,
        ),
        fetchAll(
          ctx.db
            .collection<UserDoc>(USERS)
            .where({ enterpriseId: _.exists(true) })
            .field({ enterpriseId: true, roles: true }),
          COVERAGE_MAX_USERS,
        ),
        fetchAll(
          ctx.db
            .collection<AttemptDoc>(ATTEMPTS)
            .where(quiz ? { quizId: quiz._id, status: _.in(DONE) } : { status: _.in(DONE) })
            .field({ person: true, passed: true }),
          COVERAGE_MAX_ATTEMPTS,
        ),
      ]);
      const took = new Set(attempts.map((a) => a.person));
      const passed = new Set(attempts.filter((a) => a.passed).map((a) => a.person));
      const counts = new Map<string, { workers: number; took: number; passed: number }>(
        enterprises.map((e) => [e._id, { workers: 0, took: 0, passed: 0 }]),
      );
      for (const u of users) {
        const c = u.enterpriseId ? counts.get(u.enterpriseId) : undefined;
        if (!c || !hasAnyRole(u, ['worker', 'safetyManager'])) continue;
        const pid = personId(u._id, ctx.reporterKeySecret);
        c.workers++;
        if (took.has(pid)) c.took++;
        if (passed.has(pid)) c.passed++;
      }
      const row = (c: { workers: number; took: number; passed: number }): CoverageRow => ({
        ...c,
        coveragePercent: percentOf(c.took, c.workers),
        passRatePercent: percentOf(c.passed, c.took),
      });
      const industryName = (id: string) => townIndustries().get(id)?.name ?? id;
      const perEnterprise = enterprises
        .map((e) => ({
          enterpriseId: e._id,
          name: e.name,
          industry: e.industry,
          industryName: industryName(e.industry),
          ...row(counts.get(e._id) ?? { workers: 0, took: 0, passed: 0 }),
        }))
        .sort(
          (a, b) =>
            (a.coveragePercent ?? -1) - (b.coveragePercent ?? -1) ||
            b.workers - a.workers ||
            a.name.localeCompare(b.name, 'zh'),
        );
      const byIndustry = new Map<string, { workers: number; took: number; passed: number; enterprises: number }>();
      for (const e of perEnterprise) {
        const s = byIndustry.get(e.industry) ?? { workers: 0, took: 0, passed: 0, enterprises: 0 };
        s.workers += e.workers;
        s.took += e.took;
        s.passed += e.passed;
        s.enterprises++;
        byIndustry.set(e.industry, s);
      }
      const all = perEnterprise.reduce(
        (s, e) => ({ workers: s.workers + e.workers, took: s.took + e.took, passed: s.passed + e.passed }),
        { workers: 0, took: 0, passed: 0 },
      );
      return {
        quizId: quiz?._id ?? null,
        quizTitle: quiz?.title ?? null,
        enterprises: perEnterprise,
        industries: [...byIndustry.entries()]
          .map(([industry, { enterprises: n, ...c }]) => ({
            industry,
            industryName: industryName(industry),
            enterprises: n,
            ...row(c),
          }))
          .sort((a, b) => (a.coveragePercent ?? -1) - (b.coveragePercent ?? -1) || b.workers - a.workers),
        total: row(all),
        truncated:
          enterprises.length >= COVERAGE_MAX_ENTERPRISES ||
          users.length >= COVERAGE_MAX_USERS ||
          attempts.length >= COVERAGE_MAX_ATTEMPTS,
      };
    },
  }),
};
