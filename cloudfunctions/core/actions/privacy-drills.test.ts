// Issue 10 × issue 8: user.deleteMe and a person's drill check-ins. The check-ins stay in the drill's headcount
// (the drill's record), but without the person's name and without their personId; another person's are untouched;
// a second run (a retry after a crash) finds nothing; user.myData counts the person's own check-ins.
import { drillSample } from '../../../local-engine/action-samples';
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { DRILL_CHECKINS } from '../drills/docs';
import { DELETED_NAME, forgetDrillCheckins, KEPT_ON_DELETION } from '../privacy';
import { personId } from '../roles';

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Checkin = { _id: string; drillId: string; person: string; name: string; byHand: boolean; expected: boolean };

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const db = () => env.runtime.db;
const pidOf = (openid: string) => personId(openid, env.runtime.deps.reporterKeySecret);
const HERE = { latitude: 31.33185, longitude: 121.4447, accuracy: 10 };
const drill = (action: string, input: Record<string, unknown>, openid = 'manager-demo') =>
  env.call('drill', action, input, openid);

async function plan(): Promise<string> {
  return ok(await drill('create', drillSample())).id as string;
}
async function checkin(drillId: string, openid: string) {
  const { token } = ok(await drill('qr', { drillId }));
  ok(await drill('checkin', { token, ...HERE }, openid));
}
const checkinsOf = async (drillId: string) =>
  (await db().collection(DRILL_CHECKINS).where({ drillId }).limit(100).get()).data as Checkin[];
const headcount = async (drillId: string) => ok(await drill('detail', { drillId })).checkedIn as number;

describe('user.deleteMe and drill check-ins', () => {
  it('takes the name and the personId off the person’s check-ins, keeps the headcount, leaves others alone', async () => {
    const worker = 'worker-demo';
    const pid = pidOf(worker);
    const a = await plan();
    const b = await plan();
    await checkin(a, worker);
    await checkin(a, 'resident-demo');
    // In b the worker is added by hand as a bound member (their personId), beside a stranger without an account.
    ok(await drill('addByHand', { drillId: b, name: '从业人员', memberId: pid }));
    ok(await drill('addByHand', { drillId: b, name: '张师傅', note: '未带手机' }));
    expect(ok(await env.call('user', 'myData', {}, worker)).drillCheckins).toBe(2);
    expect(ok(await env.call('user', 'myData', {}, 'resident-demo')).drillCheckins).toBe(1);
    const residentBefore = (await checkinsOf(a)).find((c) => c.person === pidOf('resident-demo'));
    const strangerBefore = (await checkinsOf(b)).find((c) => c.name === '张师傅');
    expect([await headcount(a), await headcount(b)]).toEqual([2, 2]);

    const result = ok(await env.call('user', 'deleteMe', { confirm: '删除' }, worker));
    expect(result.kept).toEqual(expect.arrayContaining([expect.stringMatching(/应急演练的签到记录/)]));
    expect(KEPT_ON_DELETION.some((k) => /演练/.test(k))).toBe(true);

    // The headcount is unchanged; the check-in is still there, marked as it was (by phone / by hand, expected).
    expect([await headcount(a), await headcount(b)]).toEqual([2, 2]);
    const inA = await checkinsOf(a);
    const gone = inA.find((c) => c.name === DELETED_NAME);
    expect(gone).toMatchObject({ drillId: a, byHand: false, expected: true });
    expect((await checkinsOf(b)).find((c) => c.name === DELETED_NAME)).toMatchObject({ byHand: true, expected: true });
    // Nothing carries the person's id or name any more: not the person field, not the _id.
    const everything = JSON.stringify([...inA, ...(await checkinsOf(b))]);
    expect(everything).not.toContain(pid);
    expect(everything).not.toContain('从业人员');
    expect((await db().collection(DRILL_CHECKINS).where({ person: pid }).count()).total).toBe(0);
    // Another person's check-in and the by-hand stranger are exactly as before.
    expect(inA.find((c) => c.person === pidOf('resident-demo'))).toEqual(residentBefore);
    expect((await checkinsOf(b)).find((c) => c.name === '张师傅')).toEqual(strangerBefore);
    // The manager's list shows the entry under the deleted wording.
    const list = ok(await drill('participants', { drillId: a }));
    expect(list.checkedIn.map((p: { name: string }) => p.name)).toContain(DELETED_NAME);

    // A second run (a retry after a crash) finds nothing and writes nothing.
    const digest = await env.digest();
    expect(await forgetDrillCheckins(db(), pid)).toBe(0);
    expect(await env.digest()).toBe(digest);

    // Back as a new user (a resident now): none of the old check-ins is theirs; the enterprise's workers drill
    // they once checked in to is no longer theirs to read either.
    ok(await env.call('user', 'login', {}, worker));
    expect(ok(await env.call('user', 'myData', {}, worker)).drillCheckins).toBe(0);
    expect((await drill('detail', { drillId: a }, worker)).error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finishes after a crash: check-ins already unlinked stay so, the rest are handled, and the count holds', async () => {
    const worker = 'worker-demo';
    const pid = pidOf(worker);
    const ids = [await plan(), await plan(), await plan()];
    for (const id of ids) await checkin(id, worker);
    // The crash: deleteMe got as far as the check-ins and stopped before the account went; then it runs again.
    expect(await forgetDrillCheckins(db(), pid)).toBe(3);
    for (const id of ids) await checkin(id, 'resident-demo');
    ok(await env.call('user', 'deleteMe', { confirm: '删除' }, worker));
    for (const id of ids) {
      const list = await checkinsOf(id);
      expect(list).toHaveLength(2);
      expect(list.filter((c) => c.name === DELETED_NAME)).toHaveLength(1);
    }
  });
});
