// Issue 8, personal information: the notice and consent, consent before a report, a person's own data, deletion,
// and the retention job that erases sealed identities of reports ended without a reward.
import { drillSample } from '../../../local-engine/action-samples';
import { openTestEnv, validSubmission, wrongAnswerTo, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { DRILL_CHECKINS } from '../drills/docs';
import type { Database } from '../db';
import { openIdentity, REPORTER_IDENTITIES } from '../identity';
import { reporterKey } from '../ids';
import { addMessage, FOLLOWS, MESSAGES } from '../messages';
import { deleteAccount, DELETED_NAME, eraseExpiredIdentities, PRIVACY_NOTICE, yearsBefore } from '../privacy';
import { personId } from '../roles';
import { ATTEMPTS, LESSON_PROGRESS, WRONG_BOOKS } from '../training/docs';
import { TIPOFFS } from '../tipoffs';
import { USERS } from '../users';
import { REWARDS, rewardIdFor } from './reward';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const db = () => env.runtime.db;
const keyOf = (openid: string) => reporterKey(openid, env.runtime.deps.reporterKeySecret);
const NAMED = (name: string, phone: string) => ({ anonymous: false, contact: { name, phone } });
const file = async (openid: string, submit: Record<string, unknown> = {}) =>
  ok(await env.call('tipoff', 'submit', validSubmission(submit), openid)).id as string;
const doc = async (collection: string, id: string) =>
  (await db().collection(collection).where({ _id: id }).get()).data[0] as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
const identityOf = async (tipoffId: string) => {
  const sealed = await doc(REPORTER_IDENTITIES, tipoffId);
  return sealed ? openIdentity(sealed.sealed, tipoffId, env.runtime.deps.reporterKeySecret) : null;
};
/** A reward case in `status` on the report (the flow itself is tested in reward.test.ts). */
async function rewardIn(tipoffId: string, status: string, reporter: string) {
  await db()
    .collection(REWARDS)
    .doc(rewardIdFor(tipoffId))
    .set({
      data: {
        tipoffId,
        tipoffNo: (await doc(TIPOFFS, tipoffId))?.no,
        reporterKey: keyOf(reporter),
        departmentId: 'CJ',
        major: false,
        anonymous: false,
        status,
        fineFen: null,
        amountFen: status === 'refused' ? null : 20000,
        basis: null,
        reporterNote: '',
        history: [],
        createdAt: '2026-11-28T10:00:00+08:00',
        updatedAt: '2026-11-28T10:00:00+08:00',
      },
    });
}
async function messageTo(openid: string) {
  await addMessage(db(), {
    recipient: keyOf(openid),
    title: '举报进展',
    body: '已受理',
    read: false,
    createdAt: '2026-11-28T10:00:00+08:00',
  });
}
const messagesOf = async (openid: string) =>
  (
    await db()
      .collection(MESSAGES)
      .where({ recipient: keyOf(openid) })
      .count()
  ).total;

/** The notice in force (config/town/privacy.json): a new version of the notice is a change to that file only. */
const CURRENT = PRIVACY_NOTICE.seed.version;

describe('the notice and consent', () => {
  it('user.privacy gives the notice and no consent yet; consent to an old version is refused, to the current one stored', async () => {
    const state = ok(await env.call('user', 'privacy', {}, 'new-person'));
    expect(state).toMatchObject({ consentedVersion: null, consentedAt: null });
    expect(state.notice).toMatchObject({ version: CURRENT, retention: { identityYearsWithoutReward: 3 } });
    expect(ok(await env.call('user', 'login', {}, 'new-person'))).toMatchObject({
      privacyVersion: CURRENT,
      privacyConsent: null,
    });

    const before = await env.digest();
    // The version before (the page was opened before an update) and one not published yet: both refused.
    for (const version of [CURRENT - 1, CURRENT + 1].filter((v) => v >= 1))
      expect((await env.call('user', 'consent', { version }, 'new-person')).error).toEqual({
        code: 'CONFLICT',
        message: '说明已更新，请重新阅读',
      });
    expect(await env.digest()).toBe(before);

    ok(await env.call('user', 'consent', { version: CURRENT }, 'new-person'));
    expect(ok(await env.call('user', 'privacy', {}, 'new-person'))).toMatchObject({
      consentedVersion: CURRENT,
      consentedAt: '2026-11-28T10:00:00+08:00',
    });
    expect(ok(await env.call('user', 'login', {}, 'new-person'))).toMatchObject({
      privacyVersion: CURRENT,
      privacyConsent: CURRENT,
    });
    // Audited under the reporterKey: the audit log never carries the openid.
    const audits = (await db().collection(AUDITS).where({ action: 'user.consent' }).get()).data;
    expect(audits).toEqual([expect.objectContaining({ actor: keyOf('new-person'), to: String(CURRENT) })]);
    expect(JSON.stringify(audits)).not.toContain('new-person');
  });

  it('consent of a first-time caller creates the resident record with it; roles of a staff member are kept', async () => {
    ok(await env.call('user', 'consent', { version: CURRENT }, 'staff-CJ'));
    expect(await doc(USERS, 'staff-CJ')).toMatchObject({
      roles: expect.arrayContaining(['staff']),
      departmentId: 'CJ',
      privacyConsent: { version: CURRENT },
    });
  });
});

describe('what the notice says is kept is what is kept', () => {
  it('a drill check-in keeps the time, name, distance and accuracy — not where the phone was (the notice says so)', async () => {
    const sections = Object.fromEntries(PRIVACY_NOTICE.seed.sections.map((s) => [s.heading, s.body]));
    expect(sections['我们收集哪些信息']).toMatch(/签到的时间、您的姓名、您离集合点有多少米，以及手机定位准不准/);
    expect(sections['我们收集哪些信息']).toMatch(/具体位置（经纬度）不保存/);

    const drillId = ok(await env.call('drill', 'create', drillSample(), 'manager-demo')).id as string;
    const { token } = ok(await env.call('drill', 'qr', { drillId }, 'manager-demo'));
    const at = { latitude: 31.33185, longitude: 121.4447, accuracy: 12.4 };
    ok(await env.call('drill', 'checkin', { token, ...at }, 'worker-demo'));
    const { data } = await db().collection(DRILL_CHECKINS).where({ drillId }).get();
    expect(data).toHaveLength(1);
    const { _id, drillId: _d, person: _p, expected: _e, byHand: _b, ...kept } = data[0] as Record<string, unknown>;
    expect(Object.keys(kept).sort()).toEqual(['accuracy', 'at', 'distanceM', 'name']);
    expect(kept).toMatchObject({ at: '2026-11-28T10:00:00+08:00', accuracy: 12 });
    expect(JSON.stringify(data[0])).not.toMatch(/31\.33|121\.44|latitude|longitude/);
  });
});

describe('tipoff.submit names the notice version agreed to', () => {
  it('refuses another version with CONFLICT and records nothing; a missing one is invalid input', async () => {
    const before = await env.digest();
    for (const privacyVersion of [CURRENT - 1, CURRENT + 1].filter((v) => v >= 1)) {
      const res = await env.call('tipoff', 'submit', validSubmission({ privacyVersion }), 'reporter-v');
      expect(res.error).toEqual({ code: 'CONFLICT', message: '请先阅读并同意最新的《个人信息保护说明》' });
    }
    const { privacyVersion: _v, ...without } = validSubmission();
    expect((await env.call('tipoff', 'submit', without, 'reporter-v')).error?.code).toBe('INVALID_INPUT');
    expect(await env.digest()).toBe(before);
  });

  it('keeps the agreed version on the report as evidence', async () => {
    const id = await file('reporter-v');
    expect(await doc(TIPOFFS, id)).toMatchObject({ privacyVersion: CURRENT });
  });
});

describe('user.myData', () => {
  it("shows the caller's own account, reports with their own contact, messages and rewards — nobody else's", async () => {
    ok(await env.call('user', 'consent', { version: CURRENT }, 'me-1'));
    const named = await file('me-1', NAMED('李四', '13800138000'));
    await file('me-1');
    const theirs = await file('other-1', NAMED('王五', '13900139000'));
    await rewardIn(named, 'paid', 'me-1');
    await rewardIn(theirs, 'paid', 'other-1');
    await messageTo('me-1');

    const mine = ok(await env.call('user', 'myData', {}, 'me-1'));
    expect(mine.account).toMatchObject({ roles: ['resident'], roleNames: ['居民'] });
    expect(mine.consent).toEqual({ version: CURRENT, at: '2026-11-28T10:00:00+08:00' });
    expect(mine.reports).toHaveLength(2);
    expect(mine.reports.filter((r: { contact?: unknown }) => r.contact)).toEqual([
      expect.objectContaining({ anonymous: false, contact: { name: '李四', phone: '13800138000' } }),
    ]);
    expect(mine.messages).toBe(1);
    expect(mine.rewards).toEqual([expect.objectContaining({ statusLabel: '已发放', amountFen: 20000 })]);
    expect(mine.keptOnDeletion.length).toBeGreaterThan(0);
    expect(JSON.stringify(mine)).not.toMatch(/王五|13900139000|me-1|other-1/);
  });

  it('names the department and enterprise of a work account', async () => {
    const staff = ok(await env.call('user', 'myData', {}, 'staff-CJ'));
    expect(staff.account.departmentName).toBeTruthy();
    expect(staff.account.roleNames).toContain('部门工作人员');
    const worker = ok(await env.call('user', 'myData', {}, 'worker-demo'));
    expect(worker.account.enterpriseName).toBeTruthy();
  });
});

describe('user.deleteMe', () => {
  it('named contacts become anonymous, a paid reward keeps its identity, messages and account go, others untouched', async () => {
    ok(await env.call('user', 'consent', { version: CURRENT }, 'del-a'));
    const named = await file('del-a', NAMED('李四', '13800138000'));
    const anon = await file('del-a');
    const paid = await file('del-a', NAMED('李四', '13800138000'));
    await rewardIn(paid, 'paid', 'del-a');
    const open = await file('del-a', NAMED('李四', '13800138000'));
    await rewardIn(open, 'open', 'del-a');
    await messageTo('del-a');
    ok(await env.call('tipoff', 'follow', { id: await file('other-b') }, 'del-a'));
    const theirs = await file('other-b', NAMED('王五', '13900139000'));
    await messageTo('other-b');

    expect((await env.call('user', 'deleteMe', { confirm: '删' }, 'del-a')).error?.code).toBe('INVALID_INPUT');
    const res = ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'del-a'));
    expect(res.reportsMadeAnonymous).toBe(2); // `named` and `open`; `paid` stays named for its payment record
    expect(res.messagesDeleted).toBeGreaterThanOrEqual(1);
    expect(res.kept[0]).toContain('1 条举报的奖励已经核定或发放');

    expect(await doc(REPORTER_IDENTITIES, named)).toBeUndefined();
    expect(await doc(REPORTER_IDENTITIES, anon)).toBeUndefined();
    expect(await doc(REPORTER_IDENTITIES, open)).toBeUndefined();
    expect(await identityOf(paid)).toMatchObject({ name: '李四', phone: '13800138000' });
    for (const id of [named, anon, paid, open]) {
      const t = await doc(TIPOFFS, id);
      expect(t?.reporterKey).not.toBe(keyOf('del-a'));
      expect(t?.reporterDeletedAt).toBe('2026-11-28T10:00:00+08:00');
    }
    expect(await doc(TIPOFFS, named)).toMatchObject({ anonymous: true });
    expect(await doc(TIPOFFS, paid)).toMatchObject({ anonymous: false });
    expect(await doc(REWARDS, rewardIdFor(open))).toMatchObject({ anonymous: true });
    expect(await messagesOf('del-a')).toBe(0);
    expect(
      (
        await db()
          .collection(FOLLOWS)
          .where({ reporterKey: keyOf('del-a') })
          .count()
      ).total,
    ).toBe(0);
    expect(await doc(USERS, 'del-a')).toBeUndefined();

    // The same WeChat account no longer sees them as its own.
    expect(ok(await env.call('tipoff', 'mine', { page: 1, pageSize: 20 }, 'del-a')).total).toBe(0);
    expect((await env.call('tipoff', 'detail', { id: named }, 'del-a')).error?.code).toBe('NOT_FOUND');
    const after = ok(await env.call('user', 'myData', {}, 'del-a'));
    expect(after).toMatchObject({ reports: [], rewards: [], messages: 0, consent: { version: null } });

    // Someone else's data untouched.
    expect(await identityOf(theirs)).toMatchObject({ openid: 'other-b', name: '王五' });
    expect(await doc(TIPOFFS, theirs)).toMatchObject({ reporterKey: keyOf('other-b'), anonymous: false });
    expect(await messagesOf('other-b')).toBe(1);

    // Audited under the reporterKey, never the openid.
    const audits = (await db().collection(AUDITS).where({ action: 'user.deleteMe' }).get()).data;
    expect(audits).toEqual([expect.objectContaining({ actor: keyOf('del-a'), targetId: keyOf('del-a') })]);
    expect(JSON.stringify(audits)).not.toContain('del-a');
  });

  it('a retry after a crash mid-way finishes the job', async () => {
    const a = await file('del-c', NAMED('赵六', '13700137000'));
    const b = await file('del-c', NAMED('赵六', '13700137000'));
    await messageTo('del-c');
    ok(await env.call('user', 'login', {}, 'del-c'));
    // The messages step fails (a timeout): reports are done, messages and the account are not.
    const real = db();
    const crashing = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver);
        return (name: string) => {
          if (name === MESSAGES) throw new Error('network timeout');
          return target.collection(name);
        };
      },
    }) as Database;
    await expect(deleteAccount({ ...env.runtime.deps, db: crashing }, 'del-c', ['resident'])).rejects.toThrow(
      'network timeout',
    );
    expect(await doc(REPORTER_IDENTITIES, a)).toBeUndefined();
    expect(await doc(USERS, 'del-c')).toBeDefined();
    expect(await messagesOf('del-c')).toBe(1);

    const res = ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'del-c'));
    expect(res).toMatchObject({ reportsMadeAnonymous: 0, messagesDeleted: 1 });
    expect(await doc(REPORTER_IDENTITIES, b)).toBeUndefined();
    expect(await messagesOf('del-c')).toBe(0);
    expect(await doc(USERS, 'del-c')).toBeUndefined();
    // Once more: nothing left to do, still fine.
    expect(ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'del-c'))).toMatchObject({
      reportsMadeAnonymous: 0,
      messagesDeleted: 0,
    });
  });

  it('is refused to a work account, which writes nothing; a worker leaves the enterprise', async () => {
    for (const openid of ['staff-CJ', 'head-CJ', 'admin-demo', 'leader-demo', 'manager-demo']) {
      const before = await env.digest();
      expect((await env.call('user', 'deleteMe', { confirm: '删除' }, openid)).error).toEqual({
        code: 'FORBIDDEN',
        message: '工作账号请先联系发放人撤销角色，之后才能删除个人信息',
      });
      expect(await env.digest()).toBe(before);
    }
    ok(await env.call('user', 'deleteMe', { confirm: '删除' }, 'worker-demo'));
    expect(await doc(USERS, 'worker-demo')).toBeUndefined();
    expect(ok(await env.call('user', 'login', {}, 'worker-demo')).roles).toEqual(['resident']);
  });

  it('training: the 错题本 and reading progress go; attempts and certificates keep the score without the name', async () => {
    const quiz = ok(
      await env.call(
        'training',
        'quizCreate',
        {
          title: '燃气安全测验',
          draw: [{ topic: 'gas', count: 2 }],
          passPercent: 50,
          timeLimitMinutes: 10,
          attemptsAllowed: 0,
          opensOn: '2026-11-01',
          closesOn: '2026-12-31',
          audience: 'everyone',
        },
        'admin-demo',
      ),
    );
    const person = 'trainee-x';
    const attempt = ok(await env.call('training', 'start', { quizId: quiz.id }, person));
    const stored = (await db().collection(ATTEMPTS).where({ _id: attempt.id }).get()).data[0] as {
      paper: { n: number; answer: string[]; options: { key: string }[] }[];
    };
    // First right, second wrong: a pass at 50 % (a certificate) and a 错题本 entry.
    ok(await env.call('training', 'save', { attemptId: attempt.id, n: 1, answer: stored.paper[0].answer }, person));
    const second = stored.paper[1];

    ok(await env.call('training', 'save', { attemptId: attempt.id, n: 2, answer: wrongAnswerTo(second) }, person));
    const result = ok(await env.call('training', 'submit', { attemptId: attempt.id }, person));
    expect(result.certificateCode).toBeDefined();
    ok(await env.call('training', 'lessonRead', { topic: 'fire', sectionId: 'duty' }, person));
    const pid = personId(person, env.runtime.deps.reporterKeySecret);
    expect(await doc(WRONG_BOOKS, pid)).toBeDefined();

    ok(await env.call('user', 'deleteMe', { confirm: '删除' }, person));
    expect(await doc(WRONG_BOOKS, pid)).toBeUndefined();
    expect(await doc(LESSON_PROGRESS, pid)).toBeUndefined();
    expect(await doc(ATTEMPTS, attempt.id)).toMatchObject({ name: DELETED_NAME, scorePercent: 50, passed: true });
    const cert = ok(await env.call('training', 'verifyCertificate', { code: result.certificateCode }, 'stranger'));
    expect(cert).toMatchObject({ name: DELETED_NAME, scorePercent: 50 });
  });
});

describe('retention: sealed identities of reports ended without a reward', () => {
  /** Ends a report (closed, or `status`) at `at`: the last timeline step and the last update. */
  async function endAt(id: string, at: string, status = 'closed') {
    const t = await doc(TIPOFFS, id);
    await db()
      .collection(TIPOFFS)
      .doc(id)
      .update({
        data: { status, updatedAt: at, dueAt: null, timeline: [...t!.timeline, { at, from: 'rectified', to: status }] },
      });
  }
  const NOW = '2029-12-01T10:00:00+08:00';
  const CUTOFF = '2026-12-01T10:00:00+08:00'; // exactly 3 years before NOW

  it('erases at exactly 3 years, keeps a day short of it, keeps a paid reward, erases a refused one', async () => {
    const atBoundary = await file('ret-a', NAMED('李四', '13800138000'));
    const dayShort = await file('ret-b', NAMED('李四', '13800138000'));
    const paid = await file('ret-c', NAMED('李四', '13800138000'));
    const refused = await file('ret-d', NAMED('李四', '13800138000'));
    const rejected = await file('ret-e');
    const stillOpen = await file('ret-f', NAMED('李四', '13800138000'));
    await endAt(atBoundary, CUTOFF);
    await endAt(dayShort, '2026-12-02T10:00:00+08:00');
    await endAt(paid, '2026-11-29T10:00:00+08:00');
    await rewardIn(paid, 'paid', 'ret-c');
    await endAt(refused, '2026-11-29T10:00:00+08:00');
    await rewardIn(refused, 'refused', 'ret-d');
    await endAt(rejected, '2026-11-29T10:00:00+08:00', 'rejected');

    env.clock.now = new Date(NOW);
    expect(yearsBefore(env.clock.now, 3)).toBe(CUTOFF);
    const run = ok(await env.call('scheduler', 'sweep', {}, 'admin-demo'));
    expect(run.retention).toEqual({ erased: 3, kept: 1, cutoff: CUTOFF });

    for (const id of [atBoundary, refused, rejected]) {
      expect(await doc(REPORTER_IDENTITIES, id)).toBeUndefined();
      expect(await doc(TIPOFFS, id)).toMatchObject({ identityRetention: 'erased', identityErasedAt: NOW });
    }
    expect(await identityOf(dayShort)).toMatchObject({ name: '李四' });
    expect(await identityOf(paid)).toMatchObject({ name: '李四' });
    expect(await identityOf(stillOpen)).toMatchObject({ name: '李四' });
    expect(await doc(TIPOFFS, paid)).toMatchObject({ identityRetention: 'keptForReward' });

    const audits = (await db().collection(AUDITS).where({ action: 'privacy.retention.erase' }).get()).data;
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actor: 'system', targetType: 'reporterIdentity' });

    // A day later the one a day short is due; the rest are not looked at again.
    env.clock.advance(86_400_000);
    expect(await eraseExpiredIdentities(env.runtime.deps)).toMatchObject({ erased: 1, kept: 0 });
    expect(await doc(REPORTER_IDENTITIES, dayShort)).toBeUndefined();
  });

  it('takes at most the cap per run; the next run takes the rest', async () => {
    const ids = [await file('cap-a'), await file('cap-b'), await file('cap-c')];
    for (const id of ids) await endAt(id, '2025-01-01T10:00:00+08:00');
    env.clock.now = new Date(NOW);
    expect((await eraseExpiredIdentities(env.runtime.deps, 2)).erased).toBe(2);
    expect((await eraseExpiredIdentities(env.runtime.deps, 2)).erased).toBe(1);
    expect((await eraseExpiredIdentities(env.runtime.deps, 2)).erased).toBe(0);
  });

  it('29 February less 3 years is 28 February', () => {
    expect(yearsBefore(new Date('2028-02-29T12:00:00+08:00'), 3)).toBe('2025-02-28T12:00:00+08:00');
  });
});
