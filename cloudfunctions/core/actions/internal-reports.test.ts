// Issue 7 内部隐患报告: a worker reports to their enterprise first; the manager never learns who reported
// anonymously; a report the manager lets lapse goes to the town by itself as a normal tip-off.
import areasFile from '../../../config/town/areas.json';
import categoriesFile from '../../../config/town/categories.json';
import departmentsFile from '../../../config/town/departments.json';
import routingFile from '../../../config/town/routing.json';
import slaFile from '../../../config/town/sla.json';
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { ENTERPRISES } from '../enterprises';
import { uploadScope } from '../files';
import { TIMERS } from '../functions';
import { reporterKey } from '../ids';
import { REPORTER_IDENTITIES } from '../identity';
import { acceptByFor, escalateInternalReport, INTERNAL_REPORTS } from '../internal-reports';
import { buildTown } from '../town';
import { USERS } from '../users';

/** The identifying parts of a photo URL's path (folder, file name): what could link two reports. */
const idParts = (url: string) =>
  url
    .split('?')[0]
    .split(/[/.-]/)
    .filter((p) => p.length >= 16);

const WORKER = 'worker-demo';
const MANAGER = 'manager-demo';
const WORKER_NAME = '张小工';
const DAY = 86400_000;

let env: TestEnv;

/** ENT-DEMO in the register's shape, active, managed by manager-demo (whatever the seed holds). */
async function enterprise(id: string, fields: Record<string, unknown> = {}) {
  await env.runtime.db
    .collection(ENTERPRISES)
    .doc(id)
    .set({
      data: {
        name: id === 'ENT-DEMO' ? '庙行示范精密制造有限公司' : '另一家企业',
        creditCode: '91310113MA1GK0DEMT',
        industry: 'trade-dust',
        highRisk: true,
        areaId: 'yq',
        address: '庙行镇示范路 88 号',
        contact: { name: '王安全', phone: '13800000001' },
        workerCount: 120,
        status: 'active',
        managerOpenids: [MANAGER],
        createdBy: 'admin-demo',
        createdAt: '2026-11-01T10:00:00+08:00',
        ...fields,
      },
    });
}

async function open(start: string) {
  env = await openTestEnv({ start });
  await enterprise('ENT-DEMO');
  await env.runtime.db
    .collection(USERS)
    .doc(WORKER)
    .update({ data: { displayName: WORKER_NAME } });
}
afterEach(async () => {
  await env.runtime.mediaCheck.settled();
  env.close();
});

let seq = 0;
async function report(overrides: Record<string, unknown> = {}, openid = WORKER) {
  const res = await env.call(
    'enterprise',
    'report',
    {
      requestId: `nb-test-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
      categoryId: 'fire-passage',
      description: '一号车间消防通道堆满纸箱',
      place: '一号车间',
      photos: [],
      anonymous: true,
      ...overrides,
    },
    openid,
  );
  expect(res).toMatchObject({ ok: true });
  return res.data as { id: string; no: string };
}
const stored = async (id: string) =>
  (await env.runtime.db.collection(INTERNAL_REPORTS).doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const hourly = () => TIMERS.scheduler(env.runtime.deps) as Promise<{ internalReports: Record<string, number> }>;
const tipoffsOf = async (openid: string) =>
  (await env.call('tipoff', 'mine', { page: 1, pageSize: 50 }, openid)).data.items as { id: string; no: string }[];
const at = (iso: string) => {
  env.clock.now = new Date(iso);
};

describe('filing and the manager’s view', () => {
  beforeEach(() => open('2026-11-27T10:00:00+08:00'));

  it('an anonymous report reaches the managers without anything that names the reporter', async () => {
    const photo = await env.upload(WORKER, uploadScope.report('nb-anon-photo-1'));
    const { id, no } = await report({ requestId: 'nb-anon-photo-1', photos: [photo] });
    expect(no).toMatch(/^NB-2026-\d{6}$/);
    const key = reporterKey(WORKER, env.runtime.deps.reporterKeySecret);

    const seen: unknown[] = [];
    const list = await env.call('enterprise', 'reports', { page: 1, pageSize: 20 }, MANAGER);
    expect(list.data.items[0]).toMatchObject({ id, no, anonymous: true, status: 'submitted', place: '一号车间' });
    expect(list.data.items[0].photoUrls).toHaveLength(1);
    expect(list.data.items[0]).not.toHaveProperty('mine');
    seen.push(list);
    const detail = await env.call('enterprise', 'reportDetail', { id }, MANAGER);
    expect(detail.data.acceptBy).toBe('2026-12-01T23:59:59+08:00'); // Friday → Monday, Tuesday
    seen.push(detail);
    const messages = await env.call('user', 'messages', { page: 1, pageSize: 20 }, MANAGER);
    expect(messages.data.items.map((m: { title: string }) => m.title)).toContain('收到内部隐患报告');
    seen.push(messages);
    // The message says what it is about: the client opens this report by its id, not by the title.
    expect(messages.data.items.find((m: { title: string }) => m.title === '收到内部隐患报告')).toMatchObject({
      kind: 'internalReport',
      internalReportId: id,
    });
    seen.push(await env.call('enterprise', 'act', { id, step: 'accept', deadline: '2026-12-04' }, MANAGER));
    seen.push(await env.call('enterprise', 'act', { id, step: 'escalate', reason: '需要镇里协调' }, MANAGER));
    seen.push(await env.call('enterprise', 'reports', { page: 1, pageSize: 20, status: 'escalated' }, MANAGER));
    seen.push(await env.call('user', 'messages', { page: 1, pageSize: 20 }, MANAGER));
    for (const res of seen) {
      expect(res).toMatchObject({ ok: true });
      const text = JSON.stringify(res);
      for (const secret of [WORKER, key, WORKER_NAME]) expect(text).not.toContain(secret);
      expect(text).not.toContain(`"${photo}"`); // photos only as short-lived URLs, never the fileID
      expect(text).not.toContain('"mine"');
      expect(text).not.toContain('reporterName');
    }
    // The stored report holds no openid either.
    expect(JSON.stringify(await stored(id))).not.toContain(WORKER);

    // The worker sees their own, marked mine, with the town's number.
    const mine = await env.call('enterprise', 'myReports', { page: 1, pageSize: 20 }, WORKER);
    expect(mine.data.items[0]).toMatchObject({ id, mine: true, status: 'escalated' });
    expect(mine.data.items[0].escalation).toMatchObject({ reason: 'managerEscalated', tipoffId: expect.any(String) });
  });

  it('the photo URLs of an anonymous report share no folder with the same worker’s named report', async () => {
    const named = await env.upload(WORKER, uploadScope.report('nb-named-photo'));
    const anonymous = await env.upload(WORKER, uploadScope.report('nb-anon-photo'));
    const a = await report({ requestId: 'nb-named-photo', anonymous: false, photos: [named] });
    const b = await report({ requestId: 'nb-anon-photo', anonymous: true, photos: [anonymous] });
    const urlsOf = async (id: string) =>
      (await env.call('enterprise', 'reportDetail', { id }, MANAGER)).data.photoUrls as string[];
    const namedParts = (await urlsOf(a.id)).flatMap(idParts);
    const anonymousParts = (await urlsOf(b.id)).flatMap(idParts);
    expect(namedParts.length).toBeGreaterThan(0);
    expect(anonymousParts.length).toBeGreaterThan(0);
    expect(anonymousParts.filter((p) => namedParts.includes(p))).toEqual([]);
    // Nor does either path carry the openid or the reporter key.
    const key = reporterKey(WORKER, env.runtime.deps.reporterKeySecret);
    for (const p of [...namedParts, ...anonymousParts]) expect([WORKER, key]).not.toContain(p);
    // A photo of the named report cannot be named in another report of the same worker.
    const reused = await env.call(
      'enterprise',
      'report',
      {
        requestId: 'nb-reuse-photo',
        categoryId: 'fire-passage',
        description: '消防通道堵塞了',
        photos: [named],
        anonymous: true,
      },
      WORKER,
    );
    expect(reused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a named report shows the name to the manager; retries file once; who may report', async () => {
    const requestId = 'nb-same-request-1';
    const a = await report({ anonymous: false, requestId });
    const b = await report({ anonymous: false, requestId });
    expect(b).toEqual(a);
    expect((await env.call('enterprise', 'reportDetail', { id: a.id }, MANAGER)).data.reporterName).toBe(WORKER_NAME);
    // Not a worker of an enterprise.
    expect(
      await env.call(
        'enterprise',
        'report',
        { requestId: 'nb-resident-1', categoryId: 'fire-passage', description: '消防通道堵塞了', anonymous: true },
        'resident-demo',
      ),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // Someone else's photo.
    const other = await env.upload('resident-demo', uploadScope.report('nb-photo-1'));
    const refused = await env.call(
      'enterprise',
      'report',
      {
        requestId: 'nb-photo-1',
        categoryId: 'fire-passage',
        description: '消防通道堵塞了',
        photos: [other],
        anonymous: true,
      },
      WORKER,
    );
    expect(refused).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    // A stranger and another enterprise's manager see nothing.
    expect(await env.call('enterprise', 'reportDetail', { id: a.id }, 'resident-demo')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    await env.runtime.db
      .collection(USERS)
      .doc('manager-2')
      .set({
        data: {
          roles: ['resident', 'worker', 'safetyManager'],
          enterpriseId: 'ENT-2',
          createdAt: '2026-11-01T10:00:00+08:00',
        },
      });
    await enterprise('ENT-2', { managerOpenids: ['manager-2'] });
    expect(await env.call('enterprise', 'reportDetail', { id: a.id }, 'manager-2')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await env.call('enterprise', 'act', { id: a.id, step: 'accept', deadline: '2026-12-04' }, 'manager-2'),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect((await env.call('enterprise', 'reports', { page: 1, pageSize: 20 }, 'manager-2')).data.total).toBe(0);
  });

  it('an enterprise that is not active takes no reports; a removed worker still sees their own', async () => {
    const { id } = await report();
    await enterprise('ENT-DEMO', { status: 'closed' });
    expect(
      await env.call(
        'enterprise',
        'report',
        { requestId: 'nb-closed-1', categoryId: 'fire-passage', description: '消防通道堵塞了', anonymous: true },
        WORKER,
      ),
    ).toMatchObject({ error: { code: 'CONFLICT' } });
    await env.runtime.db
      .collection(USERS)
      .doc(WORKER)
      .update({ data: { roles: ['resident'], enterpriseId: env.runtime.db.command.remove() } });
    await enterprise('ENT-DEMO');
    expect(
      await env.call(
        'enterprise',
        'report',
        { requestId: 'nb-removed-1', categoryId: 'fire-passage', description: '消防通道堵塞了', anonymous: true },
        WORKER,
      ),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const mine = await env.call('enterprise', 'myReports', { page: 1, pageSize: 20 }, WORKER);
    expect(mine.data.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await env.call('enterprise', 'reportDetail', { id }, WORKER)).data).toMatchObject({ id, mine: true });
  });

  it('accept takes a date from today up to 60 days; fixed needs the manager’s own photos and closes it', async () => {
    const { id } = await report();
    const accept = (deadline: string) => env.call('enterprise', 'act', { id, step: 'accept', deadline }, MANAGER);
    expect(await accept('2026-11-26')).toMatchObject({ error: { code: 'INVALID_INPUT' } }); // yesterday
    expect(await accept('2027-01-27')).toMatchObject({ error: { code: 'INVALID_INPUT' } }); // 61 days
    expect(await accept('2026-02-30')).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await accept('2026-11-27')).toMatchObject({
      ok: true,
      data: { status: 'accepted', deadline: '2026-11-27' },
    });
    expect(await accept('2027-01-26')).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('正在整改') },
    });

    const workerPhoto = await env.upload(WORKER, uploadScope.fix(id));
    const fixed = { id, step: 'fixed', note: '纸箱已清走，通道畅通' };
    expect(await env.call('enterprise', 'act', { ...fixed, evidence: [workerPhoto] }, MANAGER)).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    const evidence = await env.upload(MANAGER, uploadScope.fix(id));
    const done = await env.call('enterprise', 'act', { ...fixed, evidence: [evidence] }, MANAGER);
    expect(done.data).toMatchObject({ status: 'fixed', statusLabel: '已整改' });
    expect(done.data.evidenceUrls).toHaveLength(1);
    expect(await env.call('enterprise', 'toTown', { id }, WORKER)).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await env.call('enterprise', 'act', { id, step: 'escalate', reason: '再看看' }, MANAGER)).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    // Nothing reaches the town afterwards, however long.
    env.clock.advance(30 * DAY);
    await hourly();
    expect(await tipoffsOf(WORKER)).toHaveLength(0);
  });

  it('the worker sends it to the town: a normal tip-off with its history, in their 我的, anonymous', async () => {
    const photo = await env.upload(WORKER, uploadScope.report('nb-to-town-1'));
    const { id, no } = await report({ requestId: 'nb-to-town-1', photos: [photo] });
    const before = (await tipoffsOf(WORKER)).length;
    const res = await env.call('enterprise', 'toTown', { id }, WORKER);
    expect(res.data).toMatchObject({
      status: 'escalated',
      escalation: { reason: 'workerChose', tipoffNo: expect.stringMatching(/^MX-2026-/) },
    });
    const tipoffId = res.data.escalation.tipoffId;
    const mine = await tipoffsOf(WORKER);
    expect(mine).toHaveLength(before + 1);
    const detail = await env.call('tipoff', 'detail', { id: tipoffId }, WORKER);
    expect(detail.data.description).toMatch(/^【企业内部报告转报】一号车间消防通道堆满纸箱（位置：一号车间）/);
    expect(detail.data.photoUrls).toHaveLength(1);
    expect(detail.data.address).toContain('庙行示范精密制造有限公司');
    const notes = detail.data.timeline.map((e: { note?: string }) => e.note ?? '');
    expect(notes[0]).toBe(`企业内部报告 ${no}：匿名提交内部报告`);
    expect(notes.some((n: string) => n.includes('报告人将此报告转报镇里'))).toBe(true);
    const tipoff = (await env.runtime.db.collection('tipoffs').doc(tipoffId).get()).data as Record<string, unknown>;
    expect(tipoff).toMatchObject({ anonymous: true, status: 'assigned', areaId: 'yq' });
    expect(JSON.stringify(tipoff)).not.toContain(WORKER);
    expect((await env.runtime.db.collection(REPORTER_IDENTITIES).where({ _id: tipoffId }).count()).total).toBe(1);
    // Twice is once.
    expect((await env.call('enterprise', 'toTown', { id }, WORKER)).error.code).toBe('CONFLICT');
    expect(await tipoffsOf(WORKER)).toHaveLength(before + 1);
  });

  it('two escalations at once file one tip-off', async () => {
    const { id } = await report();
    const deps = env.runtime.deps;
    const results = await Promise.all([
      escalateInternalReport(deps, id, 'workerChose', { by: 'worker' }),
      escalateInternalReport(deps, id, 'managerEscalated', { by: 'manager' }),
      escalateInternalReport(deps, id, 'notAccepted', { by: 'system' }),
    ]);
    expect(results.filter((r) => r.filed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.doc.escalation?.tipoffId)).size).toBe(1);
    expect(await tipoffsOf(WORKER)).toHaveLength(1);
  });

  it('安委办 and leaders see counts per enterprise, never the content', async () => {
    const a = await report();
    await report();
    await report({ anonymous: false });
    await env.call('enterprise', 'toTown', { id: a.id }, WORKER);
    const res = await env.call('enterprise', 'reportStats', {}, 'admin-demo');
    expect(res.data).toEqual([
      {
        enterpriseId: 'ENT-DEMO',
        enterpriseName: '庙行示范精密制造有限公司',
        total: 3,
        open: 2,
        fixed: 0,
        escalated: 1,
      },
    ]);
    expect((await env.call('enterprise', 'reportStats', {}, 'leader-demo')).ok).toBe(true);
    expect(await env.call('enterprise', 'reportStats', {}, MANAGER)).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('going to the town by itself (the hourly job)', () => {
  it('submitted Friday: not at the end of the 2nd working day, after it yes — exactly one tip-off', async () => {
    await open('2026-11-27T16:00:00+08:00'); // Friday
    const { id } = await report();
    at('2026-12-01T23:59:00+08:00'); // Tuesday evening, the 2nd working day
    expect((await hourly()).internalReports).toMatchObject({ notAccepted: 0 });
    expect((await stored(id)).status).toBe('submitted');
    at('2026-12-02T00:00:30+08:00');
    expect((await hourly()).internalReports).toMatchObject({ notAccepted: 1, failed: 0 });
    expect((await hourly()).internalReports).toMatchObject({ notAccepted: 0 });
    const doc = await stored(id);
    expect(doc).toMatchObject({ status: 'escalated', escalation: { reason: 'notAccepted' } });
    expect(await tipoffsOf(WORKER)).toHaveLength(1);
    // 安委办 by hand runs both jobs and sees both results.
    const byHand = await env.call('scheduler', 'sweep', {}, 'admin-demo');
    expect(byHand.data).toMatchObject({ escalated: expect.any(Object), internalReports: { notAccepted: 0 } });
    const msgs = await env.call('user', 'messages', { page: 1, pageSize: 20 }, WORKER);
    expect(msgs.data.items.map((m: { title: string }) => m.title)).toContain('内部报告已转报镇里');
    expect(msgs.data.items.find((m: { title: string }) => m.title === '内部报告已转报镇里')).toMatchObject({
      kind: 'internalReport',
      internalReportId: id,
      tipoffId: expect.any(String),
    });
    const told = await env.call('user', 'messages', { page: 1, pageSize: 20 }, MANAGER);
    const managerNotice = told.data.items.find((m: { title: string }) => m.title === '内部报告已转报镇里');
    expect(managerNotice).toMatchObject({ kind: 'internalReport', internalReportId: id });
    expect(managerNotice).not.toHaveProperty('tipoffId'); // the manager never gets the tip-off's id
  });

  it('accepted: goes after the end of the manager’s own deadline day (notFixed)', async () => {
    await open('2026-11-27T10:00:00+08:00');
    const { id } = await report();
    expect((await env.call('enterprise', 'act', { id, step: 'accept', deadline: '2026-12-07' }, MANAGER)).ok).toBe(
      true,
    );
    at('2026-12-07T23:59:00+08:00'); // weeks past acceptBy, but accepted: the deadline counts now
    expect((await hourly()).internalReports).toMatchObject({ notAccepted: 0, notFixed: 0 });
    at('2026-12-08T00:00:30+08:00');
    expect((await hourly()).internalReports).toMatchObject({ notFixed: 1 });
    expect(await stored(id)).toMatchObject({ status: 'escalated', escalation: { reason: 'notFixed' } });
  });

  it('counts working days over the National Day holiday (chinese-days) and the town’s own holidays.json', async () => {
    await open('2026-09-30T10:00:00+08:00');
    const { id } = await report();
    // 10-01…10-07 off: the 2 working days are 10-08 and 10-09.
    expect((await stored(id)).acceptBy).toBe('2026-10-09T23:59:59+08:00');
    at('2026-10-09T23:00:00+08:00');
    expect((await hourly()).internalReports.notAccepted).toBe(0);
    at('2026-10-10T00:30:00+08:00');
    expect((await hourly()).internalReports.notAccepted).toBe(1);

    // A day the town's file declares off (config/town/holidays.json format) is not a working day either.
    const base = {
      areas: areasFile.areas,
      categories: categoriesFile,
      departments: departmentsFile,
      routing: routingFile,
      sla: slaFile,
    };
    const friday = new Date('2026-11-27T10:00:00+08:00');
    expect(acceptByFor(friday, buildTown(base))).toBe('2026-12-01T23:59:59+08:00');
    const town = buildTown({ ...base, holidays: { years: { '2026': { off: ['2026-11-30'], workdays: [] } } } });
    expect(acceptByFor(friday, town)).toBe('2026-12-02T23:59:59+08:00');
  });
});
