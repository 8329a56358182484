// Where the two duties' dates live (issue 10): on the enterprise document, so 安委办's list of overdue
// enterprises is one indexed query (`drillDueOn < today`) rather than a scan of every drill. Written in the
// same transaction as the drill's close or the self-inspection that did the duty.
import type { DutyKind } from '../../types/inspection';
import type { Transaction } from './db';
import { dueOn, periodMonths } from './duties';
import { ENTERPRISES, type EnterpriseDoc } from './enterprises';
import { txGet } from './store';

/** The enterprise fields of one duty: `<kind>LastOn`, `<kind>DueOn` (absent until the first time it is done). */
export const dutyFields = (kind: DutyKind) =>
  ({ lastOn: `${kind}LastOn`, dueOn: `${kind}DueOn` }) as const satisfies Record<string, keyof EnterpriseDoc>;

/** Records the duty as done on `date` (town date); an earlier date than the one on record changes nothing. */
export async function markDutyDone(tx: Transaction, enterpriseId: string, kind: DutyKind, date: string): Promise<void> {
  const doc = await txGet<EnterpriseDoc>(tx, ENTERPRISES, enterpriseId, '企业');
  const f = dutyFields(kind);
  const last = doc[f.lastOn];
  if (last && last >= date) return;
  await tx
    .collection(ENTERPRISES)
    .doc(enterpriseId)
    .update({ data: { [f.lastOn]: date, [f.dueOn]: dueOn(date, periodMonths(kind, doc.highRisk)) } });
}
