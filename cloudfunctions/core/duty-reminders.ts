// The scheduler's duty reminders (issue 10): an enterprise's managers are told when its evacuation drill or
// its self-inspection of major hazards is due soon (DUTY_REMIND_DAYS ahead), overdue, or has never been done.
// One message per enterprise × duty × due date × state, under a fixed id: running twice (the hourly timer, a
// second scheduler instance, 安委办 by hand) tells nobody twice. Its own module so the scheduler bundles only this.
import dayjs from 'dayjs';
import type { DutyKind, DutyState } from '../../types/inspection';
import type { CoreDeps } from './deps';
import { daysBetween, DUTY_REMIND_DAYS } from './duties';
import { dutyFields } from './duty-store';
import { ENTERPRISES, type EnterpriseDoc } from './enterprises';
import { enterpriseRecipient } from './internal-reports';
import { MESSAGES, type MessageDoc } from './messages';
import { txExists } from './store';
import { isoTown } from './time';
import { runTransaction } from './transaction';

/** Messages written per run at most (the rest next hour). */
export const DUTY_REMIND_BATCH = 100;
/** Enterprises read per query and run at most (pages of 100). */
export const DUTY_REMIND_SCAN = 2000;
const PAGE = 100;

type RemindState = Exclude<DutyState, 'ok'>;
const KINDS: readonly DutyKind[] = ['drill', 'inspection'];
const STATES: readonly RemindState[] = ['dueSoon', 'overdue', 'never'];

/** The fixed message id: one per enterprise, duty, due date (none when never done) and state. */
export const dutyMessageId = (enterpriseId: string, kind: DutyKind, due: string | null, state: RemindState) =>
  `duty_${kind}_${enterpriseId}_${due ?? 'none'}_${state}`;

const WHAT: Record<DutyKind, { name: string; rule: string; where: string }> = {
  drill: { name: '应急演练', rule: '每年至少组织一次（高危行业每半年一次）', where: '“应急演练”' },
  inspection: { name: '重大隐患自查', rule: '每季度至少一次（高危行业每月一次）', where: '“重大隐患自查”' },
};

/** The message's words, in plain Chinese. */
export function dutyMessageText(
  doc: Pick<EnterpriseDoc, 'name'>,
  kind: DutyKind,
  state: RemindState,
  due: string | null,
  daysLeft: number | null,
): { title: string; body: string } {
  const w = WHAT[kind];
  if (state === 'never') {
    return {
      title: `尚无${w.name}记录`,
      body: `“${doc.name}”尚无${w.name}记录。按规定${w.rule}，请尽快在${w.where}中完成并记录。`,
    };
  }
  if (state === 'overdue') {
    return {
      title: `${w.name}已超期`,
      body: `“${doc.name}”的${w.name}应在 ${due} 前完成，现已超期。请尽快在${w.where}中完成并记录。`,
    };
  }
  return {
    title: `${w.name}即将到期`,
    body: `“${doc.name}”的下次${w.name}须在 ${due} 前完成（${daysLeft === 0 ? '今天到期' : `还有 ${daysLeft} 天`}），请及早安排。`,
  };
}

function whereOf(deps: Pick<CoreDeps, 'db'>, kind: DutyKind, state: RemindState, today: string) {
  const _ = deps.db.command;
  const due = dutyFields(kind).dueOn;
  if (state === 'never') return { status: 'active', [due]: _.exists(false) };
  if (state === 'overdue') return { status: 'active', [due]: _.lt(today) };
  const until = dayjs(today).add(DUTY_REMIND_DAYS[kind], 'day').format('YYYY-MM-DD');
  return { status: 'active', [due]: _.and(_.gte(today), _.lte(until)) };
}

/**
 * Tells the managers of active enterprises (the `enterprise:<id>` recipient every manager of it reads) about
 * each duty due soon, overdue or never done, once per state and due date. Returns how many messages it wrote.
 * Bounded: at most DUTY_REMIND_BATCH messages and DUTY_REMIND_SCAN enterprises per query a run; the ones
 * already told cost one read per page (their ids looked up together), not a write.
 */
export async function remindDuties(deps: Pick<CoreDeps, 'db' | 'now'>): Promise<number> {
  const _ = deps.db.command;
  const today = isoTown(deps.now()).slice(0, 10);
  const at = isoTown(deps.now());
  let written = 0;
  for (const kind of KINDS) {
    for (const state of STATES) {
      const base = whereOf(deps, kind, state, today);
      for (let after: string | null = null, read = 0; read < DUTY_REMIND_SCAN; ) {
        if (written >= DUTY_REMIND_BATCH) return written;
        const { data }: { data: EnterpriseDoc[] } = await deps.db
          .collection<EnterpriseDoc>(ENTERPRISES)
          .where(after === null ? base : { ...base, _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(PAGE)
          .get();
        if (data.length === 0) break;
        read += data.length;
        after = data[data.length - 1]._id;
        const due = data.map((doc) => {
          // The stored due date decides the state (the query matched on it) and names the message.
          const dueOn = doc[dutyFields(kind).dueOn] ?? null;
          return { doc, dueOn, id: dutyMessageId(doc._id, kind, dueOn, state) };
        });
        const { data: existing } = await deps.db
          .collection<MessageDoc & { _id: string }>(MESSAGES)
          .where({ _id: _.in(due.map((d) => d.id)) })
          .field({ _id: true })
          .limit(PAGE)
          .get();
        const told = new Set(existing.map((m) => m._id));
        for (const d of due) {
          if (told.has(d.id)) continue;
          if (written >= DUTY_REMIND_BATCH) return written;
          const daysLeft = d.dueOn ? daysBetween(today, d.dueOn) : null;
          const message: MessageDoc = {
            recipient: enterpriseRecipient(d.doc._id),
            ...dutyMessageText(d.doc, kind, state, d.dueOn, daysLeft),
            kind: 'enterprise',
            read: false,
            createdAt: at,
          };
          const wrote = await runTransaction(deps.db, async (tx) => {
            if (await txExists(tx, MESSAGES, d.id)) return false;
            await tx
              .collection(MESSAGES)
              .doc(d.id)
              .set({ data: { ...message } });
            return true;
          });
          if (wrote) written++;
        }
        if (data.length < PAGE) break;
      }
    }
  }
  return written;
}
