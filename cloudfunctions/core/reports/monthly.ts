// 月度报表 (issue 11): what the monthly workbook holds, gathered for one report cycle (types/monthly.ts
// monthlyCycle: the 23rd of the month before through the 22nd). The figures come from the dashboard's own
// aggregates (core/stats.ts computeStats with the cycle's range), so the workbook and the dashboard never
// disagree; the lists are bounded indexed queries. Nothing here names a person who reported: no reporter, key,
// openid, phone, contact, description or address — a case is its number, category, 居民区/村 and department.
import type { Database } from '../db';
import type { Town } from '../town';
import type { DashboardStats, StatsPeriod } from '../../../types/stats';
import { OPEN_STATUSES, STATUS_LABELS, type TipoffStatus } from '../../../types/tipoff';
import { LEDGER_STATUS_LABELS } from '../../../types/ledger';
import { REWARD_STATUS_LABELS, type RewardStatus } from '../../../types/reward';
import { ESCALATION_LABELS, ESCALATION_STEPS } from '../../../types/queue';
import type { MonthlyCycle } from '../../../types/monthly';
import { LEDGER, type LedgerDoc } from '../ledger';
import { TIPOFFS, type TipoffDoc } from '../tipoffs';
import { REWARDS, type RewardDoc } from '../actions/reward';
import { fetchAll } from '../store';
import { isoTown } from '../time';

/** The dashboard's aggregate, called with the cycle's own range (core/stats.ts). */
export type ComputeStats = (
  db: Database,
  town: Town,
  args: {
    range: { from: string; to: string };
    period: StatsPeriod & { label: string };
    departmentId: string | null;
    now: Date;
  },
) => Promise<DashboardStats>;

/** Each list holds at most this many rows, read 100 at a time (a town has far fewer open major hazards or overdue cases). */
export const MONTHLY_LIST_LIMIT = 1000;

export interface LedgerRow {
  no: string;
  title: string;
  enterprise: string;
  category: string;
  department: string;
  source: string;
  createdAt: string;
  deadline: string;
  status: string;
  closedAt: string;
  /** 本期新增 / 本期销号 / 持续整改 */
  inCycle: string;
}

export interface OverdueRow {
  no: string;
  category: string;
  area: string;
  department: string;
  status: string;
  createdAt: string;
  dueAt: string;
  /** Whole calendar days past the deadline at generation (0 = not overdue, only escalated). */
  daysOverdue: number;
  escalation: string;
}

export interface RewardRow {
  no: string;
  department: string;
  major: string;
  status: string;
  amountYuan: number | null;
  decidedAt: string;
  paidAt: string;
}

export interface MonthlyData {
  cycle: MonthlyCycle;
  generatedAt: string;
  stats: DashboardStats;
  ledger: LedgerRow[];
  overdue: OverdueRow[];
  rewards: RewardRow[];
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** [start, end) of a cycle as stored ISO strings (+08:00 compares as text). */
export const cycleBounds = (cycle: Pick<MonthlyCycle, 'from' | 'to'>) => ({
  start: `${cycle.from}T00:00:00+08:00`,
  end: `${nextDay(cycle.to)}T00:00:00+08:00`,
});

const day = (iso?: string | null) => (iso ? iso.slice(0, 10) : '');
const minute = (iso?: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');
const LEDGER_SOURCE: Record<string, string> = { selfReport: '企业自查', inspection: '检查发现', tipoff: '群众举报' };
const OPEN_LEDGER = ['open', 'rectifying', 'rectified'] as const;

async function ledgerRows(db: Database, town: Town, start: string, end: string): Promise<LedgerRow[]> {
  const _ = db.command;
  const col = db.collection<LedgerDoc>(LEDGER);
  // Still open (entered before the cycle ended), and closed within the cycle.
  const [open, closed] = await Promise.all([
    fetchAll(col.where({ status: _.in([...OPEN_LEDGER]), createdAt: _.lt(end) }), MONTHLY_LIST_LIMIT),
    fetchAll(col.where({ status: 'closed', closedAt: _.and(_.gte(start), _.lt(end)) }), MONTHLY_LIST_LIMIT),
  ]);
  return [...open, ...closed]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))
    .map((d) => ({
      no: d.no,
      title: d.title,
      enterprise: d.enterpriseName ?? '',
      category: town.category(d.categoryId)?.name ?? d.categoryId,
      department: town.department(d.departmentId)?.name ?? d.departmentId,
      source: LEDGER_SOURCE[d.source] ?? d.source,
      createdAt: day(d.createdAt),
      deadline: d.deadline ?? '',
      status: LEDGER_STATUS_LABELS[d.status],
      closedAt: d.status === 'closed' ? day(d.closedAt) : '',
      inCycle:
        d.status === 'closed' ? '本期销号' : d.createdAt >= start ? '本期新增' : '持续整改',
    }));
}

const levelLabel = (level: number) =>
  level >= 1 ? ESCALATION_LABELS[ESCALATION_STEPS[Math.min(level, ESCALATION_STEPS.length) - 1]] : '';

async function overdueRows(db: Database, town: Town, now: Date): Promise<OverdueRow[]> {
  const _ = db.command;
  const at = isoTown(now);
  const col = db.collection<TipoffDoc>(TIPOFFS);
  const open = _.in([...OPEN_STATUSES]);
  // Open past the deadline now, and open under 督办 (escalated) whatever the deadline.
  const [late, escalated] = await Promise.all([
    fetchAll(col.where({ status: open, dueAt: _.lt(at) }), MONTHLY_LIST_LIMIT),
    fetchAll(col.where({ status: open, escalationLevel: _.gte(1) }), MONTHLY_LIST_LIMIT),
  ]);
  const byId = new Map<string, TipoffDoc>();
  for (const t of [...late, ...escalated]) byId.set(t._id, t);
  return [...byId.values()]
    .map((t) => {
      const overdueMs = t.dueAt && t.dueAt < at ? now.getTime() - Date.parse(t.dueAt) : 0;
      return {
        no: t.no,
        category: town.category(t.categoryId)?.name ?? t.categoryId,
        area: town.area(t.areaId)?.name ?? t.areaId,
        department: town.department(t.departmentId)?.name ?? t.departmentId,
        status: STATUS_LABELS[t.status as TipoffStatus] ?? t.status,
        createdAt: minute(t.createdAt as string),
        dueAt: minute(t.dueAt),
        daysOverdue: overdueMs > 0 ? Math.ceil(overdueMs / 86_400_000) : 0,
        escalation: levelLabel(t.escalationLevel ?? 0),
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.no.localeCompare(b.no));
}

const DECIDED: RewardStatus[] = ['decided', 'approved', 'paid', 'refused'];

async function rewardRows(db: Database, town: Town, start: string, end: string): Promise<RewardRow[]> {
  const _ = db.command;
  const data = await fetchAll(
    db.collection<RewardDoc>(REWARDS).where({ status: _.in(DECIDED), createdAt: _.lt(end) }),
    MONTHLY_LIST_LIMIT,
  );
  const inCycle = (at?: string) => !!at && at >= start && at < end;
  return data
    .map((r) => {
      const decided = r.history.find((h) => h.to === 'decided' || h.to === 'refused');
      const paid = r.history.find((h) => h.to === 'paid');
      return { r, decidedAt: decided?.at, paidAt: r.paidAt ?? paid?.at };
    })
    .filter(({ decidedAt, paidAt }) => inCycle(decidedAt) || inCycle(paidAt))
    .sort((a, b) => (a.decidedAt ?? '').localeCompare(b.decidedAt ?? '') || a.r._id.localeCompare(b.r._id))
    .map(({ r, decidedAt, paidAt }) => ({
      no: r.tipoffNo,
      department: town.department(r.departmentId)?.name ?? r.departmentId,
      major: r.major ? '是' : '否',
      status: REWARD_STATUS_LABELS[r.status],
      amountYuan: r.amountFen === null || r.status === 'refused' ? null : r.amountFen / 100,
      decidedAt: day(decidedAt),
      paidAt: day(paidAt),
    }));
}

/** Everything the workbook of one cycle shows, read at `now`. */
export async function gatherMonthly(
  db: Database,
  town: Town,
  cycle: MonthlyCycle,
  now: Date,
  computeStats: ComputeStats,
): Promise<MonthlyData> {
  const { start, end } = cycleBounds(cycle);
  const [stats, ledger, overdue, rewards] = await Promise.all([
    computeStats(db, town, {
      range: { from: cycle.from, to: cycle.to },
      period: { kind: 'month', key: cycle.month, label: cycle.label },
      departmentId: null,
      now,
    }),
    ledgerRows(db, town, start, end),
    overdueRows(db, town, now),
    rewardRows(db, town, start, end),
  ]);
  return { cycle, generatedAt: isoTown(now), stats, ledger, overdue, rewards };
}
