// The scheduler's reminders of assigned quizzes (issue 9): its own module so the scheduler bundles this, not the
// whole training function.
import type { ActionContext } from '../action';
import { reporterKey } from '../ids';
import { addMessage } from '../messages';
import { personId } from '../roles';
import { fetchAll, txGet } from '../store';
import { isoTown } from '../time';
import { runTransaction } from '../transaction';
import { hasAnyRole, USERS, type UserDoc } from '../users';
import { townDay } from './deadline';
import { ASSIGNMENTS, ATTEMPTS, REMIND_DAYS_BEFORE, type AssignmentDoc, type AttemptDoc } from './docs';

/**
 * The scheduler's reminder: workers of an enterprise with an assignment due within REMIND_DAYS_BEFORE days who
 * have not passed get one message a day. Returns how many were told.
 */
export async function remindAssignments(
  deps: Pick<ActionContext, 'db' | 'now' | 'reporterKeySecret'>,
): Promise<number> {
  const _ = deps.db.command;
  const nowMs = deps.now().getTime();
  const today = townDay(nowMs);
  const until = townDay(nowMs + REMIND_DAYS_BEFORE * 86_400_000);
  const at = isoTown(deps.now());
  const { data: due } = await deps.db
    .collection<AssignmentDoc>(ASSIGNMENTS)
    .where({ dueOn: _.and(_.gte(today), _.lte(until)) })
    .orderBy('dueOn', 'asc')
    .orderBy('_id', 'asc')
    .limit(100)
    .get();
  let told = 0;
  for (const a of due.filter((d) => d.remindedOn !== today)) {
    const [workers, passed] = await Promise.all([
      fetchAll(deps.db.collection<UserDoc>(USERS).where({ enterpriseId: a.enterpriseId })),
      fetchAll(
        deps.db
          .collection<AttemptDoc>(ATTEMPTS)
          .where({ quizId: a.quizId, enterpriseId: a.enterpriseId, passed: true })
          .field({ person: true }),
      ),
    ]);
    const passedPeople = new Set(passed.map((p) => p.person));
    await runTransaction(deps.db, async (tx) => {
      const fresh = await txGet<AssignmentDoc>(tx, ASSIGNMENTS, a._id);
      if (fresh.remindedOn === today) return;
      for (const w of workers) {
        if (!hasAnyRole(w, ['worker'])) continue;
        if (passedPeople.has(personId(w._id, deps.reporterKeySecret))) continue;
        await addMessage(tx, {
          recipient: reporterKey(w._id, deps.reporterKeySecret),
          title: `培训考试提醒：${a.quizTitle}`,
          body: `企业布置的考试“${a.quizTitle}”须在 ${a.dueOn} 前完成，请在“安全培训”中作答。`,
          read: false,
          createdAt: at,
        });
        told++;
      }
      await tx
        .collection(ASSIGNMENTS)
        .doc(a._id)
        .update({ data: { remindedOn: today } });
    });
  }
  return told;
}
