// `drill.compliance` (issue 10, DESIGN.md §7): 安委办's list of enterprises by the state of one duty —
// flagged (overdue or never done), due soon, or all. One indexed query on the enterprise's `<kind>DueOn`
// (duty-store.ts keeps it with each closed drill / self-inspection), never a scan of the drills themselves.
import dayjs from 'dayjs';
import type { Page } from '../../../types';
import { ComplianceListInput, type DutyKind, type EnterpriseDuties } from '../../../types/inspection';
import { action, type ActionContext } from '../action';
import { DUTY_REMIND_DAYS } from '../duties';
import { dutyFields } from '../duty-store';
import { ENTERPRISES, type EnterpriseDoc } from '../enterprises';
import { fetchPage } from '../store';
import { toDuties, townToday } from './enterprise-duties';

export type ComplianceFilter = 'flagged' | 'dueSoon' | 'all';

/**
 * The where of one filter, on active enterprises. Never done = the due field absent (`_.exists(false)`, which
 * MongoDB — CloudBase's database — answers from the field's index, as it indexes a missing field as null).
 * Overdue from the day after the due date; due soon from today to DUTY_REMIND_DAYS ahead (duties.ts).
 */
export function complianceWhere(
  db: ActionContext['db'],
  kind: DutyKind,
  filter: ComplianceFilter,
  today: string,
): Record<string, unknown> {
  const _ = db.command;
  const due = dutyFields(kind).dueOn;
  if (filter === 'all') return { status: 'active' };
  if (filter === 'dueSoon') {
    const until = dayjs(today).add(DUTY_REMIND_DAYS[kind], 'day').format('YYYY-MM-DD');
    return { status: 'active', [due]: _.and(_.gte(today), _.lte(until)) };
  }
  return _.or([
    { status: 'active', [due]: _.exists(false) },
    { status: 'active', [due]: _.lt(today) },
  ]);
}

export const complianceActions = {
  /**
   * Enterprises by one duty's state, most urgent first: never done, then the longest overdue, then the
   * nearest due date (the due field ascending: a missing one sorts first), `_id` breaking ties.
   */
  compliance: action({
    input: ComplianceListInput,
    async run(ctx, { kind, filter = 'flagged', page = 1, pageSize = 20 }): Promise<Page<EnterpriseDuties>> {
      const today = townToday(ctx.now());
      const query = ctx.db.collection<EnterpriseDoc>(ENTERPRISES).where(complianceWhere(ctx.db, kind, filter, today));
      const { data, total } = await fetchPage(query, { page, pageSize }, [[dutyFields(kind).dueOn, 'asc']]);
      return { items: data.map((d) => toDuties(ctx, d, today)), total, page, pageSize };
    },
  }),
};
