// The scheduler's SLA sweep: overdue cases climb the ladder 函告 → 通报 → 约谈 → 曝光 (seed §13),
// each step recorded once per case, and each department is reminded of what went overdue.
import { ESCALATION_LABELS, type EscalationStep } from '../../types';
import { addAudit } from './audit';
import { publishOverdue } from './exposure';
import { overdueCutoff, workingDaysOverdue } from './calendar';
import type { CoreDeps } from './deps';
import { missingNextYear } from './holidays';
import { addMessage, departmentRecipient, LEADERS_RECIPIENT, MESSAGES, type MessageDoc } from './messages';
import { txExists } from './store';
import { isoTown } from './time';
import { runTransaction } from './transaction';
import { OPEN_STATUSES, TIPOFFS, type TipoffDoc } from './tipoffs';
import type { Town } from './town';

export interface SweepResult {
  at: string;
  /** Cases that reached each step in this sweep. */
  escalated: Record<EscalationStep, number>;
  departmentsReminded: number;
  /** Notices to leaders and 安委办 written in this sweep (one per case and rung reached). */
  leaderNotices: number;
  /** Next year, when its holiday arrangement is missing (安委办 is told once), else null. */
  holidaysMissing: number | null;
}

export async function sweepOverdue(deps: Pick<CoreDeps, 'db' | 'town' | 'now'>): Promise<SweepResult> {
  const { db, town } = deps;
  const _ = db.command;
  const now = deps.now();
  const at = isoTown(now);
  const escalated = { notice: 0, bulletin: 0, summons: 0, exposure: 0 };
  const reminders = new Map<string, string[]>();
  let leaderNotices = 0;

  for (const [index, rung] of town.sla.escalation.entries()) {
    const level = index + 1;
    const cutoff = isoTown(overdueCutoff(now, rung.overdueWorkingDays, town.holidays));
    // Only cases below this rung: a case never gets the same step twice, and rungs are taken in order.
    const due = {
      status: _.in(OPEN_STATUSES),
      dueAt: rung.overdueWorkingDays === 0 ? _.lt(cutoff) : _.lte(cutoff),
      escalationLevel: _.lt(level),
    };
    const { list } = await db
      .collection(TIPOFFS)
      .aggregate()
      .match(due)
      .group({ _id: '$departmentId', n: { $sum: 1 } })
      .limit(1000) // aggregate() returns 20 rows by default: one per department, however many there are
      .end();
    if (list.length === 0) continue;

    // Leaders and 安委办 are told of each case, before the cases move up: a sweep cut short after the notices
    // leaves the cases due, and the rerun finds their notices already written (fixed ids) and writes the rest.
    leaderNotices += await noticeLeaders(deps, due, level, rung.step, at);
    // 曝光 puts each case on the public 曝光台 (exposure.ts), the same way: before the cases move up, fixed ids.
    if (rung.step === 'exposure') await publishOverdue(db, due, at, NOTICE_CAP);
    // One multi-document update per rung, however many cases: the sweep stays within a function's time limit.
    const res = await db
      .collection(TIPOFFS)
      .where(due)
      .update({ data: { escalationLevel: level, escalations: _.push({ level, step: rung.step, at }) } });
    escalated[rung.step] = res.stats.updated;
    for (const row of list) {
      const lines = reminders.get(row._id as string) ?? [];
      lines.push(`${ESCALATION_LABELS[rung.step]} ${row.n} 件`);
      reminders.set(row._id as string, lines);
    }
    await addAudit(db, {
      actor: 'scheduler',
      actorRoles: [],
      action: `tipoff.escalate.${rung.step}`,
      targetType: 'system',
      targetId: TIPOFFS,
      detail: { count: res.stats.updated, departments: Object.fromEntries(list.map((r) => [r._id as string, r.n])) },
      at,
    });
  }

  // Every department's reminder in one batch add: the writes do not grow with the departments reminded.
  if (reminders.size > 0) {
    await db.collection(MESSAGES).add({
      data: [...reminders].map(
        ([departmentId, lines]) =>
          ({
            recipient: departmentRecipient(departmentId),
            title: '超期督办提醒',
            body: `本部门有举报超过办理期限：${lines.join('，')}。请尽快处理。`,
            kind: 'overdueReminder',
            read: false,
            createdAt: at,
          }) satisfies MessageDoc,
      ),
    });
  }
  const holidaysMissing = await warnMissingHolidays(deps);
  return { at, escalated, departmentsReminded: reminders.size, leaderNotices, holidaysMissing };
}

/** A case past a rung's cut-off: its deadline is set. */
type DueCase = Pick<TipoffDoc, '_id' | 'no' | 'departmentId'> & { dueAt: string };
/** Cases read per rung for the notices; the update takes every due case however many there are. */
export const NOTICE_CAP = 1000;
/** CloudBase returns at most 100 documents per get(). */
const ID_PAGE = 100;
export const escalationNoticeId = (tipoffId: string, level: number) => `escalation-${tipoffId}-${level}`;

/** "函告：城建 MX-2026-000012 超期 3 个工作日". */
export function escalationNoticeText(
  town: Pick<Town, 'department' | 'holidays'>,
  doc: DueCase,
  step: EscalationStep,
  now: Date,
): string {
  const department = town.department(doc.departmentId)?.name ?? doc.departmentId;
  const days = workingDaysOverdue(new Date(doc.dueAt), now, town.holidays);
  const overdue = days === 0 ? '已过办理期限' : `超期 ${days} 个工作日`;
  return `${ESCALATION_LABELS[step]}：${department} ${doc.no} ${overdue}`;
}

/** One notice per case reaching this rung, in one batch add; those already written (a rerun) are skipped. */
async function noticeLeaders(
  deps: Pick<CoreDeps, 'db' | 'town' | 'now'>,
  due: Record<string, unknown>,
  level: number,
  step: EscalationStep,
  at: string,
): Promise<number> {
  const { db } = deps;
  const _ = db.command;
  const { list } = await db
    .collection(TIPOFFS)
    .aggregate()
    .match(due)
    .project({ _id: 1, no: 1, departmentId: 1, dueAt: 1 })
    .limit(NOTICE_CAP)
    .end();
  const cases = list as unknown as DueCase[];
  const written = new Set<string>();
  for (let i = 0; i < cases.length; i += ID_PAGE) {
    const ids = cases.slice(i, i + ID_PAGE).map((c) => escalationNoticeId(c._id, level));
    const { data } = await db
      .collection(MESSAGES)
      .where({ _id: _.in(ids) })
      .field({ _id: true })
      .limit(ID_PAGE)
      .get();
    for (const m of data as { _id: string }[]) written.add(m._id);
  }
  const now = deps.now();
  const notices = cases
    .filter((c) => !written.has(escalationNoticeId(c._id, level)))
    .map(
      (c) =>
        ({
          _id: escalationNoticeId(c._id, level),
          recipient: LEADERS_RECIPIENT,
          title: `超期${ESCALATION_LABELS[step]}`,
          body: `${escalationNoticeText(deps.town, c, step, now)}。`,
          tipoffId: c._id,
          tipoffNo: c.no,
          kind: 'leaderNotice',
          read: false,
          createdAt: at,
        }) satisfies MessageDoc,
    );
  if (notices.length > 0) await db.collection(MESSAGES).add({ data: notices });
  return notices.length;
}

/**
 * From 1 November, while next year's holiday arrangement is in neither the library nor config/town/holidays.json,
 * 安委办 is told once a year (a fixed message id): without it every deadline counts 春节 and 国庆 as working days.
 */
export async function warnMissingHolidays(deps: Pick<CoreDeps, 'db' | 'town' | 'now'>): Promise<number | null> {
  const now = deps.now();
  const year = missingNextYear(now, deps.town.holidays);
  if (year === null) return null;
  const id = `holidays-missing-${year}`;
  await runTransaction(deps.db, async (tx) => {
    if (await txExists(tx, MESSAGES, id)) return;
    await addMessage(tx, {
      _id: id,
      recipient: departmentRecipient(deps.town.safetyOffice.code),
      title: `${year} 年节假日安排未录入`,
      // Stryker disable next-line StringLiteral: wording
      body: `系统尚无 ${year} 年法定节假日和调休安排，办理期限将把节假日按工作日计算。国务院办公厅发布通知后，请在节假日配置中录入 ${year} 年的放假和调休上班日期。`,
      read: false,
      createdAt: isoTown(now),
    });
  });
  return year;
}
