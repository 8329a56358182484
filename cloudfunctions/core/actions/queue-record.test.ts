// queue.record (issue 11, every channel in one loop): a report received elsewhere is routed and worked like one
// filed in the mini-program; the same outside number is recorded once; the contact stays sealed.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { AUDITS } from '../audit';
import { uploadScope } from '../files';
import { reporterKey } from '../ids';
import { openIdentity, REPORTER_IDENTITIES } from '../identity';
import { RATE_LIMITS } from '../rate-limit';
import { TIPOFFS } from '../tipoffs';
import { rewardIdFor } from './reward';

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
let seq = 0;
const recording = (overrides: Record<string, unknown> = {}) => ({
  requestId: `rec-test-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
  channel: 'hotline12345',
  externalNo: 'GD2026-0001',
  categoryId: 'gas-facility',
  areaId: 'gk5',
  description: '燃气管道接口锈蚀，有异味',
  location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
  ...overrides,
});
const record = (input: Record<string, unknown>, openid = 'staff-XF') => env.call('queue', 'record', input, openid);
const stored = async (id: string) =>
  (await env.runtime.db.collection(TIPOFFS).doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('queue.record: routed and worked like an app report', () => {
  it('goes where the same app report goes, whoever records it, with the channel and number on the case', async () => {
    const app = ok(await env.call('tipoff', 'submit', validSubmission(), 'resident-demo'));
    // 消防 staff record a gas report: it goes to 城建 by the rules, not to the recorder's department.
    const rec = ok(await record(recording({ externalNo: ' gd 2026-0001 ' })));
    expect(rec).toMatchObject({
      status: 'assigned',
      channel: 'hotline12345',
      externalNo: 'GD2026-0001',
      departmentId: app.departmentId,
      departmentName: app.departmentName,
    });
    expect(rec).not.toHaveProperty('trackingCode');
    const [a, r] = [await stored(app.id), await stored(rec.id)];
    for (const key of ['departmentId', 'coDepartmentIds', 'routing', 'dueAt', 'deadlines', 'status'])
      expect(r[key]).toEqual(a[key]);
    expect(r.no).toMatch(/^MX-2026-\d{6}$/);
    expect(r.channel).toBe('hotline12345');
    expect(a.channel).toBeUndefined(); // absent = app
    expect(r.timeline[0]).toMatchObject({ to: 'submitted', note: '12345 热线转来（编号 GD2026-0001）' });

    // The recorder's department cannot open it; 城建 sees it in its queue with the channel, and works it.
    expect((await env.call('queue', 'detail', { id: rec.id }, 'staff-XF')).error?.code).toBe('FORBIDDEN');
    const detail = ok(await env.call('queue', 'detail', { id: rec.id }, 'staff-CJ'));
    // No contact given: 匿名, as an anonymous app report.
    expect(detail).toMatchObject({ channel: 'hotline12345', externalNo: 'GD2026-0001', reporter: '匿名' });
    expect(detail.allowedSteps).toContain('accept');
    expect(ok(await env.call('queue', 'detail', { id: app.id }, 'staff-CJ')).channel).toBe('app');
    ok(await env.call('queue', 'act', { step: 'accept', id: rec.id }, 'staff-CJ'));
    expect((await stored(rec.id)).status).toBe('accepted');

    // The audit names the recorder's action and the channel, never the contact.
    const audits = (await env.runtime.db.collection(AUDITS).where({ action: 'tipoff.record' }).get()).data;
    expect(audits).toEqual([
      expect.objectContaining({
        actor: 'staff-XF',
        targetId: rec.id,
        detail: expect.objectContaining({ channel: 'hotline12345', externalNo: 'GD2026-0001' }),
      }),
    ]);
  });

  it('filters the queue list and counts by channel (absent = app)', async () => {
    const counts = async (channel: string) =>
      ok(await env.call('queue', 'counts', { channel, scope: 'town' }, 'admin-demo')).tabs.toAccept as number;
    // The demo seed files app reports too: count from where it stands.
    const appBefore = await counts('app');
    expect(await counts('letter')).toBe(0);
    ok(await env.call('tipoff', 'submit', validSubmission(), 'resident-demo'));
    ok(await record(recording()));
    ok(await record(recording({ channel: 'letter', externalNo: undefined })));
    const list = async (channel?: string) =>
      ok(await env.call('queue', 'list', { tab: 'toAccept', ...(channel ? { channel } : {}) }, 'staff-CJ')).items as {
        channel: string;
      }[];
    const channels = async (channel?: string) => [...new Set((await list(channel)).map((i) => i.channel))].sort();
    expect(await channels()).toEqual(['app', 'hotline12345', 'letter']);
    expect(await channels('app')).toEqual(['app']);
    expect((await list('hotline12345')).map((i) => i.channel)).toEqual(['hotline12345']);
    expect(await list('visit')).toEqual([]);
    expect(await counts('app')).toBe(appBefore + 1);
    expect(await counts('letter')).toBe(1);
    expect(await counts('suishenpai')).toBe(0);
  });
});

describe('queue.record: the same outside case once', () => {
  it('refuses a second recording of the same number on the channel, naming the case; a retry answers the first', async () => {
    const input = recording({ externalNo: 'GD20260777' });
    const first = ok(await record(input));
    // The same request again (a retry): the same case, nothing new.
    expect(ok(await record(input))).toEqual(first);
    const before = await env.digest();
    for (const [who, externalNo] of [
      ['staff-XF', 'gd20260777'],
      ['staff-CJ', 'GD 2026 0777'.replace(/ /g, '')],
      ['admin-demo', 'ＧＤ20260777'], // full-width letters
    ]) {
      const res = await record(recording({ externalNo }), who);
      expect(res.error).toMatchObject({ code: 'CONFLICT' });
      expect(res.error.message).toContain(first.no);
      expect(res.error.message).toContain('12345 工单号');
    }
    expect(await env.digest()).toBe(before);
    // The same number on another channel is another system's case.
    expect(ok(await record(recording({ channel: 'suishenpai', externalNo: 'GD20260777' }))).no).not.toBe(first.no);
  });

  it('needs the number for 12345 / 随申拍 / 社区通, not for a phone call, letter or visit', async () => {
    for (const channel of ['hotline12345', 'suishenpai', 'shequtong']) {
      const res = await record(recording({ channel, externalNo: undefined }));
      expect(res.error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(JSON.stringify(res.error)).toContain('externalNo');
    }
    for (const channel of ['phone', 'letter', 'visit'])
      expect(ok(await record(recording({ channel, externalNo: undefined }))).channel).toBe(channel);
    expect((await record(recording({ externalNo: '工单一号' }))).error?.code).toBe('INVALID_INPUT');
    expect((await record(recording({ channel: 'app' }))).error?.code).toBe('INVALID_INPUT');
  });

  it('takes only photos the recorder uploaded for this recording', async () => {
    const input = recording();
    const mine = await env.upload('staff-XF', uploadScope.report(input.requestId));
    const theirs = await env.upload('staff-CJ', uploadScope.report(input.requestId));
    expect((await record({ ...input, photos: [theirs] })).error?.code).toBe('INVALID_INPUT');
    const rec = ok(await record({ ...input, photos: [mine] }));
    expect((await stored(rec.id)).photos).toEqual([mine]);
  });
});

describe('queue.record: rate-limited per person', () => {
  it('past 60 in an hour the next is RATE_LIMITED and writes nothing; a retry of a recorded one still answers', async () => {
    const first = recording();
    const done = ok(await record(first));
    // Fill this hour's counter up to the limit (as 59 more recordings would).
    const { data } = await env.runtime.db.collection(RATE_LIMITS).where({ bucket: 'record' }).get();
    const hour = (data as { _id: string; windowSeconds: number }[]).find((d) => d.windowSeconds === 3600);
    expect(hour).toBeDefined();
    await env.runtime.db
      .collection(RATE_LIMITS)
      .doc(hour!._id)
      .update({ data: { count: 60 } });
    const before = await env.digest();
    expect((await record(recording({ externalNo: 'GD-LIMIT-2' }))).error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await env.digest()).toBe(before);
    expect(ok(await record(first))).toEqual(done);
    // Another staff member is not affected.
    ok(await record(recording({ externalNo: 'GD-LIMIT-3' }), 'staff-CJ'));
  });
});

describe('queue.record: who may record', () => {
  it('refuses a resident, a leader (who reads only) and an enterprise manager, and writes nothing', async () => {
    await env.runtime.db
      .collection('users')
      .doc('leader-only')
      .set({ data: { roles: ['leader'], displayName: '分管领导', createdAt: '2026-11-28T10:00:00+08:00' } });
    const before = await env.digest();
    for (const who of ['resident-demo', 'leader-only', 'manager-demo']) {
      expect((await record(recording(), who)).error?.code).toBe('FORBIDDEN');
    }
    expect(await env.digest()).toBe(before);
    for (const who of ['staff-CJ', 'head-CJ', 'admin-demo'])
      ok(await record(recording({ channel: 'phone', externalNo: undefined }), who));
  });
});

describe('queue.record: the identity walk', () => {
  it('seals the contact, links the report to no account, and shows the contact only on the audited reward path', async () => {
    const contact = { name: '王秀英', phone: '021-56781234' };
    const rec = ok(await record(recording({ contact })));
    const doc = await stored(rec.id);
    const secret = env.runtime.deps.reporterKeySecret;
    // No account's key: not the recorder's, nor any seeded person's.
    for (const who of ['staff-XF', 'resident-demo', 'admin-demo', ''])
      expect(doc.reporterKey).not.toBe(reporterKey(who, secret));
    expect(ok(await env.call('tipoff', 'mine', {}, 'staff-XF')).items).toEqual([]);
    expect((await env.call('tipoff', 'detail', { id: rec.id }, 'staff-XF')).error?.code).toBe('NOT_FOUND');

    const sealed = (await env.runtime.db.collection(REPORTER_IDENTITIES).doc(rec.id).get()).data as { sealed: string };
    expect(JSON.stringify(sealed)).not.toMatch(/王秀英|56781234/);
    expect(openIdentity(sealed.sealed, rec.id, secret)).toEqual({ name: '王秀英', phone: '02156781234' });

    // The departments see 实名（信息保密）, never the contact, nor who recorded it as the reporter.
    const seen = JSON.stringify([
      doc,
      ok(await env.call('queue', 'detail', { id: rec.id }, 'staff-CJ')),
      ok(await env.call('queue', 'list', { tab: 'toAccept' }, 'staff-CJ')),
      ok(await env.call('queue', 'detail', { id: rec.id }, 'admin-demo')),
      (await env.runtime.db.collection(AUDITS).get()).data,
    ]);
    expect(seen).not.toMatch(/王秀英|56781234/);

    // Founded → the reward case (named); the office reads the contact only after approval, and the read is audited.
    ok(await env.call('queue', 'act', { step: 'accept', id: rec.id }, 'staff-CJ'));
    ok(await env.call('queue', 'act', { step: 'verify', id: rec.id, founded: true, note: '现场属实' }, 'staff-CJ'));
    const rewardId = rewardIdFor(rec.id);
    const reason = '电话联系领奖人';
    expect((await env.call('reward', 'identity', { rewardId, reason }, 'admin-demo')).error?.code).toBe('CONFLICT');
    ok(
      await env.call(
        'reward',
        'decide',
        { reportId: rec.id, approved: true, amount: 5000, basis: '12345 转来属实' },
        'admin-demo',
      ),
    );
    ok(await env.call('reward', 'approve', { rewardId, approved: true }, 'leader-demo'));
    expect(ok(await env.call('reward', 'identity', { rewardId, reason }, 'admin-demo'))).toMatchObject({
      source: 'report',
      name: '王秀英',
      phone: '02156781234',
    });
    expect((await env.call('reward', 'identity', { rewardId, reason }, 'staff-CJ')).error?.code).toBe('FORBIDDEN');
  });

  it('records an anonymous outside report (no contact) as 匿名', async () => {
    const rec = ok(await record(recording({ channel: 'letter', externalNo: undefined })));
    const doc = await stored(rec.id);
    expect(doc.anonymous).toBe(true);
    expect(ok(await env.call('queue', 'detail', { id: rec.id }, 'staff-CJ')).reporter).toBe('匿名');
    const sealed = (await env.runtime.db.collection(REPORTER_IDENTITIES).doc(rec.id).get()).data as { sealed: string };
    expect(openIdentity(sealed.sealed, rec.id, env.runtime.deps.reporterKeySecret)).toEqual({});
  });
});
