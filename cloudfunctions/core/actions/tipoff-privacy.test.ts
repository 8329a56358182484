// Issue 6 §2: what strangers, followers, reporters and staff see of a report; which files an input may
// name; moderation that never silently turns off; flagged photos hidden from everyone.
import { openTestEnv, TINY_PNG, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { RISKY_MARKER } from '../../../local-engine/media-check';
import { AUDITS } from '../audit';
import { uploadScope } from '../files';
import { MEDIA_CHECKS } from '../media';
import { MESSAGES } from '../messages';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(async () => {
  await env.runtime.mediaCheck.settled();
  env.close();
});

const EXACT = { latitude: 31.3318, longitude: 121.4447, address: '共康五村 7 号楼 302 室' };

async function submit(overrides: Record<string, unknown> = {}, openid = 'resident-demo') {
  const res = await env.call('tipoff', 'submit', validSubmission(overrides), openid);
  expect(res).toMatchObject({ ok: true });
  return res.data as { id: string; no: string; trackingCode: string };
}

const stored = async (id: string) =>
  (await env.runtime.db.collection('tipoffs').doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A PNG whose bytes carry the local stand-in checker's marker (a tEXt-like tail after IEND). */
const RISKY_PNG = Buffer.concat([TINY_PNG, Buffer.from(RISKY_MARKER)]);

describe('nearby and follow: a stranger learns only what recognises the hazard', () => {
  it('nearby needs a category and a location', async () => {
    for (const input of [
      { latitude: 31.332, longitude: 121.4449 },
      { categoryId: 'gas-facility' },
      { latitude: 31.332, longitude: 121.4449, categoryId: '' },
    ]) {
      expect(await env.call('tipoff', 'nearby', input, 'worker-demo')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
  });

  it('nearby answers category, cut description, status, area, distance to 50 m, followers, time — nothing else', async () => {
    const photo = await env.upload('resident-demo', uploadScope.report('req-nearby-1'));
    const { id } = await submit({
      requestId: 'req-nearby-1',
      location: EXACT,
      photos: [photo],
      description: '燃气管道接口锈蚀，有异味' + '很'.repeat(80),
    });
    const near = await env.call(
      'tipoff',
      'nearby',
      { latitude: 31.3321, longitude: 121.4447, categoryId: 'gas-facility' },
      'worker-demo',
    );
    expect(near.ok).toBe(true);
    const item = near.data.find((n: { id: string }) => n.id === id);
    expect(Object.keys(item).sort()).toEqual(
      [
        'areaName',
        'categoryName',
        'createdAt',
        'description',
        'distanceMeters',
        'followers',
        'id',
        'mine',
        'status',
      ].sort(),
    );
    expect(item.mine).toBe(false);
    expect(item.distanceMeters % 50).toBe(0);
    expect(item.description.length).toBeLessThanOrEqual(61);
    const text = JSON.stringify(near.data);
    for (const secret of ['302 室', '31.3318', '121.4447', photo, 'MX-2026-']) expect(text).not.toContain(secret);
  });

  it('nearby marks the caller’s own reports (mine), and only theirs', async () => {
    const { id } = await submit({ location: EXACT });
    const near = (who: string) =>
      env.call('tipoff', 'nearby', { latitude: 31.3321, longitude: 121.4447, categoryId: 'gas-facility' }, who);
    const own = await near('resident-demo');
    expect(own.data.find((n: { id: string }) => n.id === id)).toMatchObject({ mine: true });
    expect((await env.call('tipoff', 'follow', { id }, 'worker-demo')).ok).toBe(true);
    // Following is not filing: the follower's answer says mine: false.
    const theirs = await near('worker-demo');
    expect(theirs.data.find((n: { id: string }) => n.id === id)).toMatchObject({ mine: false });
  });

  it('a follower reads status and public notes, never photos, address, coordinates or the tracking code', async () => {
    const photo = await env.upload('resident-demo', uploadScope.report('req-follow-1'));
    const { id, trackingCode } = await submit({ requestId: 'req-follow-1', location: EXACT, photos: [photo] });
    // A stranger (not following) gets the same answer as for a missing report.
    expect(await env.call('tipoff', 'detail', { id }, 'worker-demo')).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await env.call('tipoff', 'follow', { id }, 'worker-demo')).ok).toBe(true);
    await env.call('queue', 'act', { step: 'accept', id, note: '已受理，安排核查' }, 'staff-CJ');

    const view = await env.call('tipoff', 'detail', { id }, 'worker-demo');
    expect(view.data).toMatchObject({ view: 'follower', id, status: 'accepted', categoryName: expect.any(String) });
    expect(view.data.timeline.map((e: { note?: string }) => e.note)).toContain('已受理，安排核查');
    const text = JSON.stringify(view.data);
    for (const secret of ['302 室', '31.3318', '121.4447', photo, trackingCode, '/storage/']) {
      expect(text).not.toContain(secret);
    }
    for (const key of ['photoUrls', 'address', 'latitude', 'longitude', 'trackingCode', 'canRate']) {
      expect(view.data).not.toHaveProperty(key);
    }

    // The reporter, by contrast, sees their own photos through short-lived URLs.
    const own = await env.call('tipoff', 'detail', { id }, 'resident-demo');
    expect(own.data).toMatchObject({ view: 'reporter', address: EXACT.address, trackingCode });
    expect(own.data.photoUrls).toEqual([
      expect.stringMatching(/^\/storage\/local-[0-9a-f]{32}-[0-9a-f]{32}\.png\?exp=\d+&sig=/),
    ]);
  });
});

describe('file ids in inputs are files this environment stored for this caller', () => {
  const forged = [
    'https://attacker.example/pixel.gif',
    '../../etc/passwd',
    'cloud://other-env-1a2b.6f74-other-env-1a2b-1250000000/tipoff/abc/x.jpg',
    'local-00000000000000000000000000000000.png', // well-formed, never uploaded
  ];

  it.each(forged)('submit refuses %s and writes nothing', async (fileId) => {
    const before = await env.snapshot(['tipoffs', 'reporterIdentities', 'counters', MEDIA_CHECKS]);
    const res = await env.call('tipoff', 'submit', validSubmission({ photos: [fileId] }));
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'photos' }] } });
    expect(await env.snapshot(['tipoffs', 'reporterIdentities', 'counters', MEDIA_CHECKS])).toEqual(before);
  });

  it("another user's upload and one's own from another report are refused; this report's is accepted", async () => {
    const requestId = 'req-own-photo-1';
    const theirs = await env.upload('worker-demo', uploadScope.report(requestId));
    const mine = await env.upload('resident-demo', uploadScope.report(requestId));
    const otherReport = await env.upload('resident-demo', uploadScope.report('req-own-photo-2'));
    const before = await env.snapshot(['tipoffs', 'reporterIdentities']);
    for (const photos of [
      [mine, theirs],
      [mine, otherReport],
    ]) {
      expect(await env.call('tipoff', 'submit', validSubmission({ requestId, photos }))).toMatchObject({
        error: { code: 'INVALID_INPUT', issues: [{ path: 'photos' }] },
      });
    }
    expect(await env.snapshot(['tipoffs', 'reporterIdentities'])).toEqual(before);
    expect((await env.call('tipoff', 'submit', validSubmission({ requestId, photos: [mine] }))).ok).toBe(true);
  });

  it('two reports of one person keep their photos in folders a department cannot link', async () => {
    const named = await env.upload('resident-demo', uploadScope.report('req-named-1'));
    const anonymous = await env.upload('resident-demo', uploadScope.report('req-anon-1'));
    const a = await submit({
      requestId: 'req-named-1',
      anonymous: false,
      contact: { name: '李四', phone: '13800138000' },
      photos: [named],
    });
    const b = await submit({ requestId: 'req-anon-1', anonymous: true, photos: [anonymous] });
    const parts = async (id: string) => {
      const detail = await env.call('queue', 'detail', { id }, 'staff-CJ');
      expect(detail.data.photoUrls).toHaveLength(1);
      return (detail.data.photoUrls as string[]).flatMap((u) =>
        u
          .split('?')[0]
          .split(/[/.-]/)
          .filter((p) => p.length >= 16),
      );
    };
    const namedParts = await parts(a.id);
    const anonymousParts = await parts(b.id);
    expect(namedParts.length).toBeGreaterThan(0);
    expect(anonymousParts.filter((p) => namedParts.includes(p))).toEqual([]);
  });

  it('rectification evidence must be the staff member’s own upload', async () => {
    const { id } = await submit();
    await env.call('queue', 'act', { step: 'accept', id }, 'staff-CJ');
    await env.call('queue', 'act', { step: 'verify', id, founded: true, note: '属实' }, 'staff-CJ');
    await env.call(
      'queue',
      'act',
      { step: 'order', id, deadline: '2026-12-10', measures: '更换管段', responsibleUnit: '物业公司' },
      'staff-CJ',
    );
    const residents = await env.upload('resident-demo', uploadScope.rectify(id));
    for (const evidence of [[residents], ['https://attacker.example/pixel.gif']]) {
      expect(
        await env.call('queue', 'act', { step: 'rectified', id, evidence, note: '已整改' }, 'staff-CJ'),
      ).toMatchObject({
        error: { code: 'INVALID_INPUT', issues: [{ path: 'evidence' }] },
      });
    }
    expect((await stored(id)).status).toBe('rectifying');
    const own = await env.upload('staff-CJ', uploadScope.rectify(id));
    expect(
      (await env.call('queue', 'act', { step: 'rectified', id, evidence: [own], note: '已整改' }, 'staff-CJ')).ok,
    ).toBe(true);
    const detail = await env.call('queue', 'detail', { id }, 'staff-CJ');
    expect(detail.data.rectification.evidenceUrls).toEqual([expect.stringMatching(/^\/storage\/.+\?exp=\d+&sig=/)]);
    expect(JSON.stringify(detail.data)).not.toContain(`"${own}"`);
  });
});

describe('moderation never turns itself off', () => {
  it('a text the check could not run on is filed, marked 未审核, and 安委办 is told once a day', async () => {
    env.runtime.deps.contentCheck = async () => 'unchecked';
    const a = await submit();
    const b = await submit();
    expect((await stored(a.id)).moderation).toBe('unchecked');
    const list = await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'staff-CJ');
    expect(list.data.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({ moderation: 'unchecked' });
    expect((await env.call('queue', 'detail', { id: b.id }, 'staff-CJ')).data.moderation).toBe('unchecked');

    const notices = async () =>
      (await env.runtime.db.collection(MESSAGES).where({ recipient: 'dept:AWB', title: '内容安全检测未生效' }).get())
        .data;
    expect(await notices()).toHaveLength(1);
    env.clock.advance(86_400_000);
    await submit();
    expect(await notices()).toHaveLength(2);
    // 安委办 reads it in their messages.
    const msgs = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'admin-demo');
    expect(msgs.data.items.map((m: { title: string }) => m.title)).toContain('内容安全检测未生效');
  });

  it('a checked report is not marked; a rejected text is refused', async () => {
    const { id } = await submit();
    expect((await stored(id)).moderation).toBeUndefined();
    expect((await env.call('queue', 'detail', { id }, 'staff-CJ')).data.moderation).toBe('checked');
    env.runtime.deps.contentCheck = async () => 'reject';
    expect(await env.call('tipoff', 'submit', validSubmission())).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('a photo check that cannot be requested marks the report 未审核 too', async () => {
    env.runtime.deps.media = {
      request: async () => {
        throw Object.assign(new Error('api unauthorized'), { errCode: -604101 });
      },
    };
    const photos = [await env.upload('resident-demo', uploadScope.report('req-unchecked-1'))];
    const { id } = await submit({ requestId: 'req-unchecked-1', photos });
    expect((await stored(id)).moderation).toBe('unchecked');
  });
});

describe('photos are checked; a risky one is hidden from everyone and the case flagged', () => {
  it('after the push, the marked photo is gone from the reporter and staff views, kept for the audit', async () => {
    const good = await env.upload('resident-demo', uploadScope.report('req-risky-1'));
    const bad = await env.upload('resident-demo', uploadScope.report('req-risky-1'), RISKY_PNG);
    const { id, trackingCode } = await submit({ requestId: 'req-risky-1', photos: [good, bad] });
    const checks = (await env.runtime.db.collection(MEDIA_CHECKS).where({ tipoffId: id }).get()).data;
    expect(checks.map((c) => c.fileId).sort()).toEqual([good, bad].sort());

    // Before the result arrives, both are shown.
    expect((await env.call('queue', 'detail', { id }, 'staff-CJ')).data.photoUrls).toHaveLength(2);
    await env.runtime.mediaCheck.settled();

    const staff = (await env.call('queue', 'detail', { id }, 'staff-CJ')).data;
    expect(staff.photoUrls).toEqual([expect.stringContaining(good)]);
    expect(staff.photoFlagged).toBe(true);
    expect(JSON.stringify(staff)).not.toContain(bad);
    const list = await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'staff-CJ');
    expect(list.data.items.find((i: { id: string }) => i.id === id)).toMatchObject({ photoFlagged: true });

    for (const view of [
      (await env.call('tipoff', 'detail', { id })).data,
      (await env.call('tipoff', 'track', { trackingCode }, 'someone-else')).data,
    ]) {
      expect(view.photoUrls).toEqual([expect.stringContaining(good)]);
      expect(JSON.stringify(view)).not.toContain(bad);
    }

    const doc = await stored(id);
    expect(doc.photos).toEqual([good]);
    expect(doc.hiddenPhotos).toEqual([expect.objectContaining({ fileId: bad, label: '20002' })]);
    const audit = (await env.runtime.db.collection(AUDITS).where({ targetId: id, action: 'tipoff.photoHidden' }).get())
      .data;
    expect(audit).toHaveLength(1);
    const told = (await env.runtime.db.collection(MESSAGES).where({ recipient: 'dept:CJ', tipoffId: id }).get()).data;
    expect(told.map((m) => m.title)).toContain('举报照片已屏蔽');
    expect(told.find((m) => m.title === '举报照片已屏蔽')).toMatchObject({ kind: 'case' }); // opens the staff case
  });

  it('a repeated push changes nothing; an unknown trace or another event is ignored', async () => {
    const { handleMediaCheckEvent } = await import('../media');
    const bad = await env.upload('resident-demo', uploadScope.report('req-risky-2'), RISKY_PNG);
    const { id } = await submit({ requestId: 'req-risky-2', photos: [bad] });
    await env.runtime.mediaCheck.settled();
    const [check] = (await env.runtime.db.collection(MEDIA_CHECKS).where({ tipoffId: id }).get()).data;
    const push = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: check._id,
      result: { suggest: 'risky', label: 20002 },
    };
    expect(await handleMediaCheckEvent(env.runtime.deps, push)).toMatchObject({ handled: true, hidden: false });
    expect((await stored(id)).hiddenPhotos).toHaveLength(1);
    expect(await handleMediaCheckEvent(env.runtime.deps, { ...push, trace_id: 'nope' })).toMatchObject({
      handled: false,
      reason: 'unknown-trace',
    });
    expect(await handleMediaCheckEvent(env.runtime.deps, { action: 'submit' })).toMatchObject({ handled: false });
  });

  it('the push is not an action anyone can call', async () => {
    const { FUNCTIONS } = await import('../functions');
    expect(Object.keys(FUNCTIONS)).not.toContain('mediacheck');
    for (const fn of Object.values(FUNCTIONS)) expect(Object.keys(fn)).not.toContain('wxa_media_check');
  });
});
