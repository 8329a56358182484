// 安委办's dashboard figures (issue 11, admin.stats; the monthly workbook reads the same through computeStats).
// Every figure comes from aggregate pipelines in the database — never by reading every report into memory:
//
//   tipoffs  1. trend × status: $match period → $group {t: day or month of createdAt, s: status}: count,
//               founded, unfounded, overdue (a few hundred rows at most);
//            2. breakdowns:     $match period → $group {a: area, c: category, d: department, ch: channel}:
//               count, founded, closed, overdue (≤ areas × categories × channels rows; paged past 10,000);
//            3–5. durations:    $match period → $group the value of hours.<milestone>: count (one value
//               histogram per milestone, which the median and p90 are read from; the null row — no value — dropped).
//            All five start with the same $match, so the local engine reads the period's reports once for them.
//            All five are [$match, $group] with $sum of 1 / of a $cond, keys of paths, $ifNull and $substr: the
//            local engine's compiled fast path (local-engine/database/fast-group.ts) serves them.
//   ledger   $match year → $group status: count, overdue.
//   rewards  decided: $match status → $unwind history → $match a 核定 step in the period → $group case → $group;
//            paid: $match status paid, paidAt in the period → $group.
//   training active enterprises, their workers and safety managers, and the people who passed: three small
//            pipelines joined here by personId (the join key is not in one collection).
//   drills   four counts on the enterprises' drill due date (drill-compliance's queries).
//
// Pure parts (periods, nearest-rank percentiles, rates, trend slots) live in stats-rules.ts (re-exported here).
import dayjs from 'dayjs';
import { CHANNEL_LABELS, type TipoffChannel } from '../../types/channels';
import type { DashboardStats, StatsPeriodKind, StatsRow } from '../../types/stats';
import { OPEN_STATUSES, STATUS_LABELS, TIPOFF_STATUSES, type TipoffStatus } from '../../types/tipoff';
import type { Aggregate, Database } from './db';
import { DUTY_REMIND_DAYS } from './duties';
import { dutyFields } from './duty-store';
import { ENTERPRISES } from './enterprises';
import { LEDGER } from './ledger';
import { createdWithin, durationStats, rate, trendSlots } from './stats-rules';
import { isoTown } from './time';
import { TIPOFFS } from './tipoffs';
import type { Town } from './town';
import { USERS } from './users';

const REWARDS = 'rewards';
const ATTEMPTS = 'attempts';

export {
  createdWithin,
  currentMonth,
  durationStats,
  hoursBetween,
  nearestRank,
  nextDay,
  periodRange,
  rate,
  trendSlots,
} from './stats-rules';

// ---------- pipelines ----------

/** Rows per aggregate read: CloudBase returns 20 without a limit stage and at most 10,000 with one. */
export const AGGREGATE_PAGE = 10_000;

/**
 * Every row of a pipeline: one read with a limit; only when it comes back full, again in pages in a stable
 * order (by _id) until a short page.
 */
async function allRows(build: () => Aggregate): Promise<Record<string, unknown>[]> {
  const { list } = await build().limit(AGGREGATE_PAGE).end();
  if (list.length < AGGREGATE_PAGE) return list;
  const out: Record<string, unknown>[] = [];
  for (let skip = 0; ; skip += AGGREGATE_PAGE) {
    const page = (await build().sort({ _id: 1 }).skip(skip).limit(AGGREGATE_PAGE).end()).list;
    out.push(...page);
    if (page.length < AGGREGATE_PAGE) return out;
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const cond = (test: unknown) => ({ $cond: [test, 1, 0] });

/** Open now and past its deadline (progress.ts isOverdue: a deadline, an open status, due before now). */
const overdueTest = (nowIso: string) => ({
  $and: [{ $in: ['$status', [...OPEN_STATUSES]] }, { $gt: ['$dueAt', ''] }, { $lt: ['$dueAt', nowIso] }],
});

export interface StatsOptions {
  /** Town dates, both inclusive: the reports filed within (the workbook passes its own 23rd-to-22nd cycle). */
  range: { from: string; to: string };
  /** How the figures are labelled; `kind` also picks the trend's slots (days for a month, months otherwise). */
  period: { kind: StatsPeriodKind; key: string; label: string };
  /** null: the whole town. A department's share leaves rewards, training and drills out (null). */
  departmentId: string | null;
  now: Date;
}

type Counts = { total: number; founded: number; closed: number; overdue: number };
const zero = (): Counts => ({ total: 0, founded: 0, closed: 0, overdue: 0 });

function rowsOf(map: Map<string, Counts>, label: (id: string) => string): StatsRow[] {
  return [...map.entries()]
    .map(([id, c]) => ({ id, label: label(id), ...c }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'zh'));
}

/** Everything the dashboard shows for one range and scope. */
export async function computeStats(db: Database, town: Town, opts: StatsOptions): Promise<DashboardStats> {
  const _ = db.command;
  const { range, period, departmentId, now } = opts;
  const nowIso = isoTown(now);
  const today = nowIso.slice(0, 10);
  const { start, end } = createdWithin(range);
  const scoped = departmentId ? { departmentId } : {};
  const inPeriod = { ...scoped, createdAt: _.and(_.gte(start), _.lt(end)) };
  const tipoffs = () => db.collection(TIPOFFS).aggregate().match(inPeriod);
  const slotLength = period.kind === 'month' ? 10 : 7;

  const [trendRows, breakdownRows, durationRows, majorHazards, rewards, training, drills] = await Promise.all([
    allRows(() =>
      tipoffs().group({
        _id: { t: { $substr: ['$createdAt', 0, slotLength] }, s: '$status' },
        n: { $sum: 1 },
        founded: { $sum: cond({ $eq: ['$verification.founded', true] }) },
        unfounded: { $sum: cond({ $eq: ['$verification.founded', false] }) },
        overdue: { $sum: cond(overdueTest(nowIso)) },
      }),
    ),
    allRows(() =>
      tipoffs().group({
        _id: { a: '$areaId', c: '$categoryId', d: '$departmentId', ch: { $ifNull: ['$channel', 'app'] } },
        n: { $sum: 1 },
        founded: { $sum: cond({ $eq: ['$verification.founded', true] }) },
        closed: { $sum: cond({ $eq: ['$status', 'closed'] }) },
        overdue: { $sum: cond(overdueTest(nowIso)) },
      }),
    ),
    // One histogram per milestone, over the same $match as the others (the engine shares their scan; a
    // condition on `hours` there would make it test every report again): the reports without the value
    // (filed before the durations were stored, or not there yet) come back as one null row, dropped below.
    Promise.all(
      (['toAccept', 'toVerify', 'toClose'] as const).map((k) =>
        allRows(() => tipoffs().group({ _id: `$hours.${k}`, n: { $sum: 1 } })),
      ),
    ),
    majorHazardStats(db, Number(range.to.slice(0, 4)), departmentId, today),
    departmentId ? null : rewardStats(db, start, end),
    departmentId ? null : trainingStats(db),
    departmentId ? null : drillStats(db, today),
  ]);

  // Status and trend
  const byStatusCount = new Map<TipoffStatus, number>();
  const slots = trendSlots(period.kind, range).map((s) => ({ ...s, total: 0, closed: 0 }));
  const slotOf = new Map(slots.map((s) => [s.key, s]));
  let total = 0;
  let founded = 0;
  let unfounded = 0;
  let overdue = 0;
  for (const row of trendRows) {
    const id = row._id as { t: string; s: TipoffStatus };
    const n = num(row.n);
    total += n;
    founded += num(row.founded);
    unfounded += num(row.unfounded);
    overdue += num(row.overdue);
    byStatusCount.set(id.s, (byStatusCount.get(id.s) ?? 0) + n);
    const slot = slotOf.get(id.t);
    if (slot) {
      slot.total += n;
      if (id.s === 'closed') slot.closed += n;
    }
  }
  const count = (s: TipoffStatus) => byStatusCount.get(s) ?? 0;
  const closed = count('closed');
  const open = OPEN_STATUSES.reduce((n, s) => n + count(s), 0);

  // Breakdowns
  const byArea = new Map<string, Counts>();
  const byGroup = new Map<string, Counts>();
  const byDept = new Map<string, Counts>();
  const byChannel = new Map<string, Counts>();
  const add = (map: Map<string, Counts>, key: string, row: Record<string, unknown>) => {
    const c = map.get(key) ?? zero();
    c.total += num(row.n);
    c.founded += num(row.founded);
    c.closed += num(row.closed);
    c.overdue += num(row.overdue);
    map.set(key, c);
  };
  for (const row of breakdownRows) {
    const id = row._id as { a: string; c: string; d: string; ch: string };
    add(byArea, id.a, row);
    add(byGroup, town.category(id.c)?.group ?? '其他', row);
    add(byDept, id.d, row);
    add(byChannel, id.ch, row);
  }

  // Durations
  const histogram = (rows: Record<string, unknown>[]): [number, number][] =>
    rows.filter((row) => typeof row._id === 'number' && row._id >= 0).map((row) => [row._id as number, num(row.n)]);
  const [toAccept, toVerify, toClose] = durationRows.map(histogram);

  const { from, to } = range;
  return {
    period: { kind: period.kind, key: period.key, label: period.label, from, to },
    scope: {
      departmentId,
      label: departmentId ? (town.department(departmentId)?.name ?? departmentId) : '全镇',
    },
    generatedAt: nowIso,
    reports: {
      total,
      byStatus: TIPOFF_STATUSES.filter((s) => count(s) > 0).map((s) => ({
        status: s,
        label: STATUS_LABELS[s],
        count: count(s),
      })),
      byCategoryGroup: rowsOf(byGroup, (g) => g),
      byArea: rowsOf(byArea, (id) => town.area(id)?.name ?? id),
      byDepartment: rowsOf(byDept, (code) => town.department(code)?.name ?? code),
      byChannel: rowsOf(byChannel, (ch) => CHANNEL_LABELS[ch as TipoffChannel] ?? ch),
      trend: slots,
      verified: founded + unfounded,
      founded,
      foundedRate: rate(founded, founded + unfounded),
      closed,
      closedRate: rate(closed, founded),
      open,
      overdue,
      overdueRate: rate(overdue, open),
      hours: { toAccept: durationStats(toAccept), toVerify: durationStats(toVerify), toClose: durationStats(toClose) },
    },
    majorHazards,
    rewards,
    training,
    drills,
  };
}

/** The ledger's entries created in `year` (every source): found, closed, open, open past their deadline. */
async function majorHazardStats(
  db: Database,
  year: number,
  departmentId: string | null,
  today: string,
): Promise<DashboardStats['majorHazards']> {
  const _ = db.command;
  const { list } = await db
    .collection(LEDGER)
    .aggregate()
    .match({
      ...(departmentId ? { departmentId } : {}),
      createdAt: _.and(_.gte(`${year}-01-01T00:00:00+08:00`), _.lt(`${year + 1}-01-01T00:00:00+08:00`)),
    })
    .group({
      _id: '$status',
      n: { $sum: 1 },
      overdue: {
        $sum: cond({
          $and: [{ $ne: ['$status', 'closed'] }, { $gt: ['$deadline', ''] }, { $lt: ['$deadline', today] }],
        }),
      },
    })
    .limit(100)
    .end();
  let found = 0;
  let closed = 0;
  let overdue = 0;
  for (const row of list) {
    found += num(row.n);
    if (row._id === 'closed') closed += num(row.n);
    overdue += num(row.overdue);
  }
  return { year, found, closed, open: found - closed, overdue };
}

/** Reward cases decided (a 核定 step within the period; counted once) and paid within the period, in fen. */
async function rewardStats(db: Database, start: string, end: string): Promise<NonNullable<DashboardStats['rewards']>> {
  const _ = db.command;
  const [decided, paid] = await Promise.all([
    db
      .collection(REWARDS)
      .aggregate()
      .match({ status: _.in(['decided', 'approved', 'paid']) })
      .project({ amountFen: 1, history: 1 })
      .unwind('$history')
      .match({ 'history.to': 'decided', 'history.at': _.and(_.gte(start), _.lt(end)) })
      .group({ _id: '$_id', amountFen: { $max: '$amountFen' } })
      .group({ _id: null, n: { $sum: 1 }, fen: { $sum: '$amountFen' } })
      .limit(1)
      .end(),
    db
      .collection(REWARDS)
      .aggregate()
      .match({ status: 'paid', paidAt: _.and(_.gte(start), _.lt(end)) })
      .group({ _id: null, n: { $sum: 1 }, fen: { $sum: '$amountFen' } })
      .limit(1)
      .end(),
  ]);
  const [d] = decided.list;
  const [p] = paid.list;
  return { decided: num(d?.n), decidedFen: num(d?.fen), paid: num(p?.n), paidFen: num(p?.fen) };
}

/**
 * Workers and safety managers of active enterprises, and how many of them passed a quiz at least once
 * (training.coverage's figures, town-wide). The people are matched by personId (stored on each user).
 */
async function trainingStats(db: Database): Promise<NonNullable<DashboardStats['training']>> {
  const _ = db.command;
  const [enterprises, people, passed] = await Promise.all([
    allRows(() => db.collection(ENTERPRISES).aggregate().match({ status: 'active' }).project({ _id: 1 })),
    allRows(() =>
      db
        .collection(USERS)
        .aggregate()
        .match({ enterpriseId: _.exists(true), roles: _.in(['worker', 'safetyManager']) })
        .project({ enterpriseId: 1, personId: 1 }),
    ),
    allRows(() =>
      db
        .collection(ATTEMPTS)
        .aggregate()
        .match({ passed: true, status: _.in(['submitted', 'expired']) })
        .group({ _id: '$person' }),
    ),
  ]);
  const active = new Set(enterprises.map((e) => e._id));
  const passedPeople = new Set(passed.map((p) => p._id));
  let count = 0;
  let trained = 0;
  for (const p of people) {
    if (!active.has(p.enterpriseId)) continue;
    count++;
    if (typeof p.personId === 'string' && passedPeople.has(p.personId)) trained++;
  }
  return { people: count, trained, coverage: rate(trained, count) };
}

/** Active enterprises by the drill duty's state today (duties.ts dutyStatus; drill-compliance's queries). */
async function drillStats(db: Database, today: string): Promise<NonNullable<DashboardStats['drills']>> {
  const _ = db.command;
  const due = dutyFields('drill').dueOn;
  const until = dayjs(today).add(DUTY_REMIND_DAYS.drill, 'day').format('YYYY-MM-DD');
  const enterprises = db.collection(ENTERPRISES);
  const [all, never, overdue, dueSoon] = await Promise.all([
    enterprises.where({ status: 'active' }).count(),
    enterprises.where({ status: 'active', [due]: _.exists(false) }).count(),
    enterprises.where({ status: 'active', [due]: _.lt(today) }).count(),
    enterprises.where({ status: 'active', [due]: _.and(_.gte(today), _.lte(until)) }).count(),
  ]);
  return {
    enterprises: all.total,
    ok: all.total - never.total - overdue.total - dueSoon.total,
    dueSoon: dueSoon.total,
    overdue: overdue.total,
    never: never.total,
  };
}
