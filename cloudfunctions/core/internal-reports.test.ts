// The internal reports' pure rules, each on its boundary (the actions and the hourly job through the engine:
// actions/internal-reports.test.ts). These run for every mutant of internal-reports.ts (jest.core.config.js).
//
// Mutants Stryker leaves alive here, and why no test can tell them apart:
// - deadlineProblem without `.slice(0, 10)` on the last day: a valid YYYY-MM-DD compares with the full ISO
//   string of the same day exactly as with its date (a prefix sorts first), so the 60th day is still taken.
// - tipoffLocation's fallback `address: ''`: only the point's latitude and longitude are used.
// - escalateInternalReports: `if (todo.length === 0) break` and `if (todo.length < ESCALATION_BATCH) break` each
//   stand in for the other (with one gone the other ends the loop, one empty query later); the job's `due`
//   recheck and `if (filed)` differ only when a report changes between the job's query and its transaction
//   (another instance accepting or escalating it in that instant), which the in-transaction checks cover.
// - afterTipoffFiled's `{ textNotice: false }` as `{}`: an absent flag is false too.
// - escalateInternalReport's checks inside the transaction (escalated → unchanged, fixed → CONFLICT, the
//   `内部报告` of a vanished one) repeat the ones on the first read: they differ only when the report changes
//   between that read and the transaction, the race they exist for (actions/internal-reports.test.ts files
//   two escalations at once); in one process the first read always sees what the transaction sees. Likewise the
//   catch that answers with a concurrent escalation: the local engine runs the two transactions one after the
//   other, so the second meets `escalated` inside its transaction and never reaches the catch.
import { createDatabase } from '../../local-engine/database';
import { AUDITS } from './audit';
import type { CoreDeps } from './deps';
import { ENTERPRISES, type EnterpriseDoc } from './enterprises';
import { holidaysFrom, LIBRARY_ONLY } from './holidays';
import { openIdentity, REPORTER_IDENTITIES, sealIdentity } from './identity';
import { tipoffIdFor } from './ids';
import { INDEXES } from './indexes';
import {
  ACCEPT_WORKING_DAYS,
  acceptByFor,
  deadlineProblem,
  enterpriseNameOf,
  enterpriseRecipient,
  ESCALATION_BATCH,
  ESCALATION_MAX_BATCHES,
  escalateInternalReport,
  escalateInternalReports,
  INTERNAL_REPORTS,
  escalationTipoffId,
  fixDueAt,
  internalFileIds,
  INTERNAL_REPORT_INDEXES,
  internalReportNo,
  managerRecipients,
  MAX_FIX_DAYS,
  OPEN_INTERNAL,
  toInternalView,
  type InternalReportDoc,
} from './internal-reports';
import { MESSAGES } from './messages';
import { TIPOFFS, type TipoffDoc } from './tipoffs';
import { defaultTown } from './town';

const library = { holidays: LIBRARY_ONLY };
const acceptBy = (filed: string, town = library) => acceptByFor(new Date(filed), town);

describe('acceptBy: the end of the 2nd working day after filing (town time)', () => {
  it('is two working days', () => {
    expect(ACCEPT_WORKING_DAYS).toBe(2);
  });

  it('filed on a Friday, at any hour: the end of Tuesday', () => {
    expect(acceptBy('2026-12-04T00:00:00+08:00')).toBe('2026-12-08T23:59:59+08:00');
    expect(acceptBy('2026-12-04T10:00:00+08:00')).toBe('2026-12-08T23:59:59+08:00');
    expect(acceptBy('2026-12-04T23:59:59+08:00')).toBe('2026-12-08T23:59:59+08:00');
  });

  it('filed at the weekend: Monday is the 1st working day; filed Monday: the end of Wednesday', () => {
    expect(acceptBy('2026-12-05T00:00:00+08:00')).toBe('2026-12-08T23:59:59+08:00');
    expect(acceptBy('2026-12-06T23:59:59+08:00')).toBe('2026-12-08T23:59:59+08:00');
    expect(acceptBy('2026-12-07T00:00:00+08:00')).toBe('2026-12-09T23:59:59+08:00');
  });

  it('reads the day in town time: 16:00 UTC is already the next day in the town', () => {
    expect(acceptBy('2026-12-06T15:59:59Z')).toBe('2026-12-08T23:59:59+08:00'); // Sunday 23:59:59 in town
    expect(acceptBy('2026-12-06T16:00:00Z')).toBe('2026-12-09T23:59:59+08:00'); // Monday 00:00 in town
  });

  it('skips the National Day holiday (chinese-days) and counts its make-up Saturday', () => {
    // 10-01…10-07 off; Thu 10-08 and Fri 10-09 are the two working days.
    expect(acceptBy('2026-09-30T10:00:00+08:00')).toBe('2026-10-09T23:59:59+08:00');
    // Fri 10-09 filed: Sat 10-10 is worked in lieu (1st), Mon 10-12 the 2nd.
    expect(acceptBy('2026-10-09T10:00:00+08:00')).toBe('2026-10-12T23:59:59+08:00');
    expect(acceptBy('2026-09-28T10:00:00+08:00')).toBe('2026-09-30T23:59:59+08:00');
  });

  it('takes the town’s own holidays.json over the library (a day off, a make-up day)', () => {
    const off = { holidays: holidaysFrom({ years: { '2026': { off: ['2026-12-07'], workdays: [] } } }) };
    expect(acceptBy('2026-12-04T10:00:00+08:00', off)).toBe('2026-12-09T23:59:59+08:00');
    const worked = { holidays: holidaysFrom({ years: { '2026': { off: [], workdays: ['2026-12-05'] } } }) };
    expect(acceptBy('2026-12-04T10:00:00+08:00', worked)).toBe('2026-12-07T23:59:59+08:00');
    expect(acceptBy('2026-12-04T10:00:00+08:00', defaultTown())).toBe('2026-12-08T23:59:59+08:00');
  });
});

describe('deadlineProblem: the manager’s fix date', () => {
  // 2026-12-05 00:30 in the town (still the 4th in UTC).
  const now = new Date('2026-12-04T16:30:00Z');

  it('takes today (town time) up to exactly 60 days on', () => {
    expect(MAX_FIX_DAYS).toBe(60);
    expect(deadlineProblem('2026-12-05', now)).toBeNull();
    expect(deadlineProblem('2027-02-03', now)).toBeNull(); // 12-05 + 60 days
  });

  it('refuses yesterday (town time) and the 61st day', () => {
    expect(deadlineProblem('2026-12-04', now)).toBe('整改期限不能早于今天');
    expect(deadlineProblem('2027-02-04', now)).toBe('整改期限不能超过 60 天');
  });

  it('refuses what is not a real date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-12-5', 'abc', '', '2026-12-05T00:00']) {
      expect([bad, deadlineProblem(bad, now)]).toEqual([bad, '整改期限不是有效日期']);
    }
  });

  it('counts 60 days across a month and a year end from the town’s today', () => {
    const june = new Date('2026-06-30T23:59:59+08:00');
    expect(deadlineProblem('2026-08-29', june)).toBeNull();
    expect(deadlineProblem('2026-08-30', june)).toBe('整改期限不能超过 60 天');
    expect(deadlineProblem('2026-06-29', june)).toBe('整改期限不能早于今天');
  });

  it('goes to the town after the end of the fix day', () => {
    expect(fixDueAt('2026-12-31')).toBe('2026-12-31T23:59:59+08:00');
  });
});

describe('numbers, ids and recipients', () => {
  it('numbers NB-year-six digits', () => {
    expect(internalReportNo(2026, 1)).toBe('NB-2026-000001');
    expect(internalReportNo(2027, 123456)).toBe('NB-2027-123456');
    expect(internalReportNo(2027, 1234567)).toBe('NB-2027-1234567');
  });

  it('files one fixed tip-off id per report', () => {
    expect(escalationTipoffId({ _id: 'r1', reporterKey: 'k1' })).toBe(tipoffIdFor('k1', 'internal-r1'));
    expect(escalationTipoffId({ _id: 'r1', reporterKey: 'k1' })).not.toBe(
      escalationTipoffId({ _id: 'r2', reporterKey: 'k1' }),
    );
  });

  it('sends enterprise notices to its safety managers only, of their own enterprise', () => {
    expect(enterpriseRecipient('E1')).toBe('enterprise:E1');
    expect(managerRecipients({ roles: ['resident', 'worker', 'safetyManager'], enterpriseId: 'E1' })).toEqual([
      'enterprise:E1',
    ]);
    expect(managerRecipients({ roles: ['resident', 'worker'], enterpriseId: 'E1' })).toEqual([]);
    expect(managerRecipients({ roles: ['resident', 'worker', 'safetyManager'] })).toEqual([]);
    expect(managerRecipients({ roles: ['resident', 'worker', 'safetyManager'], enterpriseId: '' })).toEqual([]);
  });

  it('keeps open the submitted and accepted reports, and indexes every query the actions and the job make', () => {
    expect(OPEN_INTERNAL).toEqual(['submitted', 'accepted']);
    expect(INTERNAL_REPORT_INDEXES).toEqual([
      ['enterpriseId', 'createdAt', '_id'],
      ['enterpriseId', 'status', 'createdAt', '_id'],
      ['reporterKey', 'createdAt', '_id'],
      ['status', 'dueAt', '_id'],
    ]);
  });
});

describe('toInternalView', () => {
  const town = defaultTown();
  const category = town.categories[0];
  const doc: InternalReportDoc = {
    _id: 'r1',
    no: 'NB-2026-000001',
    enterpriseId: 'E1',
    reporterKey: 'key-1',
    sealedReporter: 'sealed',
    anonymous: true,
    reporterName: '张小工',
    categoryId: category.id,
    description: '消防通道堆放纸箱',
    photos: ['f1', 'f2', 'gone'],
    status: 'submitted',
    acceptBy: '2026-12-08T23:59:59+08:00',
    dueAt: '2026-12-08T23:59:59+08:00',
    timeline: [{ at: '2026-12-04T10:00:00+08:00', text: '提交报告', by: 'worker' }],
    createdAt: '2026-12-04T10:00:00+08:00',
    updatedAt: '2026-12-04T10:00:00+08:00',
  };
  const ctx = { town, enterpriseName: '示范企业', urls: { f1: 'u1', f2: 'u2', e1: 'ue1' } as Record<string, string> };

  it('shows the manager an anonymous report without who reported it, their key or `mine`', () => {
    expect(toInternalView(doc, ctx, 'manager').photoUrls).toStrictEqual(['u1', 'u2']); // no hole for a gone file
    expect(toInternalView(doc, ctx, 'manager')).toEqual({
      id: 'r1',
      no: 'NB-2026-000001',
      enterpriseId: 'E1',
      enterpriseName: '示范企业',
      categoryId: category.id,
      categoryName: category.name,
      description: '消防通道堆放纸箱',
      photoUrls: ['u1', 'u2'],
      anonymous: true,
      status: 'submitted',
      statusLabel: '待企业受理',
      acceptBy: '2026-12-08T23:59:59+08:00',
      timeline: [{ at: '2026-12-04T10:00:00+08:00', text: '提交报告' }],
      createdAt: '2026-12-04T10:00:00+08:00',
    });
  });

  it('shows the name of a named report; the reporter sees `mine`', () => {
    const named = { ...doc, anonymous: false };
    expect(toInternalView(named, ctx, 'manager').reporterName).toBe('张小工');
    expect(toInternalView(named, ctx, 'reporter')).toMatchObject({ reporterName: '张小工', mine: true });
    expect(toInternalView(doc, ctx, 'reporter')).not.toHaveProperty('reporterName');
    expect(toInternalView({ ...named, reporterName: undefined }, ctx, 'manager')).not.toHaveProperty('reporterName');
  });

  it('adds place, deadline and evidence when there are some; an unknown category shows its id', () => {
    const view = toInternalView(
      { ...doc, place: '二号仓库', deadline: '2026-12-20', evidence: ['e1', 'gone'], categoryId: 'nope' },
      ctx,
      'manager',
    );
    expect(view).toMatchObject({
      place: '二号仓库',
      deadline: '2026-12-20',
      evidenceUrls: ['ue1'],
      categoryName: 'nope',
    });
    expect(view.evidenceUrls).toStrictEqual(['ue1']);
    expect(toInternalView({ ...doc, place: '' }, ctx, 'manager')).not.toHaveProperty('place');
    expect(toInternalView(doc, ctx, 'manager')).not.toHaveProperty('evidenceUrls');
    expect(toInternalView(doc, ctx, 'manager')).not.toHaveProperty('deadline');
  });

  it('shows the escalation to both, the tip-off id only to the reporter', () => {
    const escalated: InternalReportDoc = {
      ...doc,
      status: 'escalated',
      escalation: { reason: 'notAccepted', at: '2026-12-09T00:00:00+08:00', tipoffId: 't1', tipoffNo: 'X-1' },
    };
    const base = {
      reason: 'notAccepted',
      reasonLabel: '企业 2 个工作日内未受理，自动转报镇里',
      at: '2026-12-09T00:00:00+08:00',
      tipoffNo: 'X-1',
    };
    expect(toInternalView(escalated, ctx, 'manager').escalation).toEqual(base);
    expect(toInternalView(escalated, ctx, 'reporter').escalation).toEqual({ ...base, tipoffId: 't1' });
    expect(toInternalView(escalated, ctx, 'manager').statusLabel).toBe('已转报镇里');
  });

  it('lists the photos and the evidence a view shows', () => {
    expect(internalFileIds(doc)).toEqual(['f1', 'f2', 'gone']);
    expect(internalFileIds({ ...doc, evidence: ['e1'] })).toEqual(['f1', 'f2', 'gone', 'e1']);
  });
});

describe('escalation to the town (in memory)', () => {
  const SECRET = 'k'.repeat(32);
  type Db = ReturnType<typeof createDatabase>;
  let db: Db;
  let clock: Date;
  let logged: string[];
  let details: unknown[];
  const deps = (): Pick<CoreDeps, 'db' | 'town' | 'now' | 'reporterKeySecret' | 'log' | 'media'> => ({
    db,
    town: defaultTown(),
    now: () => clock,
    reporterKeySecret: SECRET,
    log: (message, detail) => {
      logged.push(message);
      details.push(detail);
    },
  });
  const enterprise: EnterpriseDoc = {
    _id: 'E1',
    name: '示范企业',
    creditCode: '91310113MA1GK0DEMT',
    industry: 'retail',
    highRisk: false,
    areaId: 'gk5',
    address: '示范路 1 号',
    contact: { name: '王', phone: '13800000001' },
    workerCount: 3,
    status: 'active',
    managerOpenids: ['m1'],
    createdBy: 'a1',
    createdAt: '2026-11-01T10:00:00+08:00',
  };
  let seq = 0;
  async function file(extra: Partial<InternalReportDoc> = {}): Promise<string> {
    const _id = `r${String(++seq).padStart(3, '0')}`;
    const doc: InternalReportDoc = {
      _id,
      no: `NB-2026-${String(seq).padStart(6, '0')}`,
      enterpriseId: 'E1',
      reporterKey: `key-${_id}`,
      sealedReporter: sealIdentity({ openid: `w-${_id}`, name: '张小工' }, _id, SECRET),
      anonymous: true,
      categoryId: 'fire-passage',
      description: '消防通道堆放纸箱',
      photos: [],
      status: 'submitted',
      acceptBy: '2026-12-08T23:59:59+08:00',
      dueAt: '2026-12-08T23:59:59+08:00',
      timeline: [{ at: '2026-12-04T10:00:00+08:00', text: '提交报告', by: 'worker' }],
      createdAt: '2026-12-04T10:00:00+08:00',
      updatedAt: '2026-12-04T10:00:00+08:00',
      ...extra,
    };
    await db.collection(INTERNAL_REPORTS).add({ data: { ...doc } });
    return _id;
  }
  const get = async (id: string) =>
    (await db.collection(INTERNAL_REPORTS).doc(id).get()).data as unknown as InternalReportDoc;
  const all = async <T>(collection: string) =>
    (await db.collection(collection).limit(100).get()).data as unknown as T[];

  beforeEach(async () => {
    db = createDatabase({ file: ':memory:', indexes: INDEXES });
    clock = new Date('2026-12-09T00:00:30+08:00');
    logged = [];
    details = [];
    await db.collection(ENTERPRISES).add({ data: { ...enterprise } });
  });
  afterEach(() => db.close());

  it('files one tip-off with the report’s history first, seals the reporter, and tells both sides', async () => {
    const id = await file({ place: '二号仓库', anonymous: false, reporterName: '张小工' });
    const { doc, filed } = await escalateInternalReport(deps(), id, 'workerChose', {
      by: 'worker',
      openid: 'w-r',
      roles: ['resident', 'worker'],
      note: '企业不理',
    });
    expect(filed).toBe(true);
    const tipoffId = tipoffIdFor(`key-${id}`, `internal-${id}`);
    const [tipoff] = await all<TipoffDoc>(TIPOFFS);
    expect(tipoff).toMatchObject({
      _id: tipoffId,
      reporterKey: `key-${id}`,
      categoryId: 'fire-passage',
      areaId: 'gk5',
      anonymous: false,
      description: '【企业内部报告转报】消防通道堆放纸箱（位置：二号仓库）',
      location: { address: '示范企业（示范路 1 号）' },
      suspectedMajor: false,
    });
    expect(tipoff.timeline.slice(0, 2)).toEqual([
      { at: '2026-12-04T10:00:00+08:00', from: null, to: 'submitted', note: `企业内部报告 ${doc.no}：提交报告` },
      {
        at: '2026-12-09T00:00:30+08:00',
        from: null,
        to: 'submitted',
        note: `企业内部报告 ${doc.no}：报告人将此报告转报镇里：企业不理`,
      },
    ]);
    const [sealed] = await all<{ _id: string; sealed: string }>(REPORTER_IDENTITIES);
    expect(openIdentity(sealed.sealed, tipoffId, SECRET)).toEqual({ openid: `w-${id}`, name: '张小工' });

    const stored = await get(id);
    expect(stored).toEqual(doc);
    expect(stored).toMatchObject({
      status: 'escalated',
      dueAt: null,
      updatedAt: '2026-12-09T00:00:30+08:00',
      escalation: { reason: 'workerChose', at: '2026-12-09T00:00:30+08:00', tipoffId, tipoffNo: tipoff.no },
    });
    expect(stored.timeline.at(-1)).toEqual({
      at: '2026-12-09T00:00:30+08:00',
      text: `报告人将此报告转报镇里：企业不理（镇里编号 ${tipoff.no}）`,
      by: 'worker',
    });
    const messages = await all<Record<string, unknown>>(MESSAGES);
    const body = `内部报告 ${doc.no}：报告人转报镇里，镇里编号 ${tipoff.no}。`;
    expect(messages.find((m) => m.recipient === `key-${id}`)).toMatchObject({
      title: '内部报告已转报镇里',
      body,
      read: false,
      tipoffId,
      tipoffNo: tipoff.no,
    });
    const toManagers = messages.find((m) => m.recipient === 'enterprise:E1');
    expect(toManagers).toMatchObject({ title: '内部报告已转报镇里', body });
    expect(toManagers).not.toHaveProperty('tipoffId');
    expect(await all(AUDITS)).toEqual([
      expect.objectContaining({
        actor: 'w-r',
        actorRoles: ['resident', 'worker'],
        action: 'internalReport.escalate',
        targetType: 'internalReport',
        targetId: id,
        from: 'submitted',
        to: 'escalated',
        detail: { reason: 'workerChose', tipoffId, tipoffNo: tipoff.no },
      }),
    ]);

    // Again: the same escalation, unchanged, nothing filed.
    const again = await escalateInternalReport(deps(), id, 'notAccepted', { by: 'system' });
    expect(again).toEqual({ doc: stored, filed: false });
    expect(await all(TIPOFFS)).toHaveLength(1);
  });

  it('words each reason, places it at the area centre without a point, and audits the system as system', async () => {
    await db
      .collection(ENTERPRISES)
      .doc('E1')
      .update({ data: { address: '' } });
    const id = await file({ moderation: 'unchecked' });
    await escalateInternalReport(deps(), id, 'notAccepted', { by: 'system', openid: 'ignored' });
    const [tipoff] = await all<TipoffDoc>(TIPOFFS);
    const area = defaultTown().area('gk5')!;
    expect(tipoff.location).toMatchObject({
      latitude: area.latitude,
      longitude: area.longitude,
      address: `示范企业（${area.name}）`,
    });
    expect(tipoff.description).toBe('【企业内部报告转报】消防通道堆放纸箱');
    expect(tipoff.anonymous).toBe(true);
    expect(tipoff.moderation).toBe('unchecked');
    expect(tipoff.timeline[1].note).toBe(
      '企业内部报告 NB-2026-' + id.slice(1).padStart(6, '0') + '：企业 2 个工作日内未受理，已自动转报镇里',
    );
    expect(await all(AUDITS)).toEqual([expect.objectContaining({ actor: 'system', actorRoles: [] })]);
    const texts: Record<string, string> = {
      managerEscalated: '企业将此报告转报镇里',
      notFixed: '企业未在承诺期限内整改，已自动转报镇里',
    };
    for (const [reason, text] of Object.entries(texts)) {
      const other = await file({ status: 'accepted' });
      await escalateInternalReport(deps(), other, reason as 'notFixed', { by: 'manager' });
      expect((await get(other)).timeline.at(-1)?.text).toMatch(new RegExp(`^${text}（镇里编号 `));
    }
    expect((await all<{ actor: string }>(AUDITS)).map((a) => a.actor)).toEqual(['system', 'manager', 'manager']);
  });

  it('falls back to the town’s first area for an enterprise in an unknown one, and cuts the address at 120', async () => {
    await db
      .collection(ENTERPRISES)
      .doc('E1')
      .update({ data: { areaId: 'gone', name: '长'.repeat(130) } });
    await escalateInternalReport(deps(), await file(), 'workerChose', { by: 'worker' });
    const [tipoff] = await all<TipoffDoc>(TIPOFFS);
    expect(tipoff.areaId).toBe(defaultTown().areas[0].id);
    expect(tipoff.location.address).toBe('长'.repeat(120));
  });

  it('uses the enterprise’s own point when it has one', async () => {
    await db
      .collection(ENTERPRISES)
      .doc('E1')
      .update({ data: { location: { latitude: 31.33, longitude: 121.44, address: '门口' } } });
    await escalateInternalReport(deps(), await file(), 'workerChose', { by: 'worker' });
    const [tipoff] = await all<TipoffDoc>(TIPOFFS);
    expect(tipoff.location).toEqual({ latitude: 31.33, longitude: 121.44, address: '示范企业（示范路 1 号）' });
  });

  it('refuses a fixed report, a missing one and a missing enterprise; skips one no longer due', async () => {
    const fixed = await file({ status: 'fixed', dueAt: null });
    await expect(escalateInternalReport(deps(), fixed, 'workerChose', { by: 'worker' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '这条报告已整改完成，不能再转报镇里',
    });
    await expect(escalateInternalReport(deps(), 'nope', 'workerChose', { by: 'worker' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '没有找到这条内部报告',
    });
    const orphan = await file({ enterpriseId: 'E9' });
    await expect(escalateInternalReport(deps(), orphan, 'workerChose', { by: 'worker' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '报告所属企业不存在',
    });
    const open = await file({ photos: ['cloud://f1'] });
    const res = await escalateInternalReport(deps(), open, 'notAccepted', { by: 'system', due: () => false });
    expect(logged).toEqual([]); // nothing filed: no photo checks either
    expect(res.filed).toBe(false);
    expect(res.doc.status).toBe('submitted');
    expect(await all(TIPOFFS)).toHaveLength(0);
    expect(await all(MESSAGES)).toHaveLength(0);
  });

  it('the hourly job: past acceptBy or the fix day, not at it; counts each reason; a rerun files none', async () => {
    clock = new Date('2026-12-08T23:59:59+08:00');
    const late = await file(); // due exactly now: not yet
    const notFixed = await file({ status: 'accepted', dueAt: '2026-12-08T23:59:58+08:00', deadline: '2026-12-08' });
    const notAccepted = await file({ dueAt: '2026-12-08T10:00:00+08:00' });
    const fixed = await file({ status: 'fixed', dueAt: '2026-12-01T00:00:00+08:00' });
    await file({ status: 'escalated', dueAt: null });
    expect(await escalateInternalReports(deps())).toEqual({
      at: '2026-12-08T23:59:59+08:00',
      notAccepted: 1,
      notFixed: 1,
      failed: 0,
    });
    expect((await get(notFixed)).escalation?.reason).toBe('notFixed');
    expect((await get(notAccepted)).escalation?.reason).toBe('notAccepted');
    expect((await get(late)).status).toBe('submitted');
    expect((await get(fixed)).status).toBe('fixed');
    clock = new Date('2026-12-09T00:00:00+08:00');
    expect(await escalateInternalReports(deps())).toMatchObject({ notAccepted: 1, notFixed: 0, failed: 0 });
    expect(await escalateInternalReports(deps())).toMatchObject({ notAccepted: 0, notFixed: 0, failed: 0 });
    expect(await all(TIPOFFS)).toHaveLength(3);
    const audits = await all<{ actor: string; targetId: string }>(AUDITS);
    expect(audits.map((a) => a.actor)).toEqual(['system', 'system', 'system']);
    expect((await get(notFixed)).timeline.at(-1)?.by).toBe('system');
  });

  it('the hourly job logs and skips a report that fails, and goes on past it', async () => {
    const orphan = await file({ enterpriseId: 'E9', dueAt: '2026-12-01T00:00:00+08:00' });
    const ok = await file({ dueAt: '2026-12-02T00:00:00+08:00' });
    expect(await escalateInternalReports(deps())).toMatchObject({ notAccepted: 1, failed: 1 });
    expect(logged).toEqual(['internal report escalation failed']);
    expect(details).toEqual([{ id: orphan, error: expect.objectContaining({ code: 'NOT_FOUND' }) }]);
    // Without a log the job goes on just the same.
    await file({ enterpriseId: 'E9', dueAt: '2026-12-01T00:00:00+08:00' });
    expect(await escalateInternalReports({ ...deps(), log: undefined })).toMatchObject({ failed: 2, notAccepted: 0 });
    expect((await get(orphan)).status).toBe('submitted');
    expect((await get(ok)).status).toBe('escalated');
  });

  it('the hourly job works in batches of 50 and reads past the failed ones', async () => {
    expect([ESCALATION_BATCH, ESCALATION_MAX_BATCHES]).toEqual([50, 10]);
    // 3 failing reports first (oldest due), then 52 good ones: two batches, the 2nd reads past the 3.
    for (let i = 0; i < 3; i++) await file({ enterpriseId: 'E9', dueAt: `2026-12-01T00:00:0${i}+08:00` });
    for (let i = 0; i < 52; i++) await file({ dueAt: `2026-12-02T00:${String(i).padStart(2, '0')}:00+08:00` });
    expect(await escalateInternalReports(deps())).toMatchObject({ notAccepted: 52, failed: 3 });
    expect(await all(TIPOFFS)).toHaveLength(52);
  }, 60000);

  it('answers an escalated report unchanged and refuses a fixed one before looking for its enterprise', async () => {
    const escalated = await file({ status: 'escalated', dueAt: null, enterpriseId: 'E9' });
    const stored = await get(escalated);
    expect(await escalateInternalReport(deps(), escalated, 'workerChose', { by: 'worker' })).toEqual({
      doc: stored,
      filed: false,
    });
    const fixed = await file({ status: 'fixed', dueAt: null, enterpriseId: 'E9' });
    await expect(escalateInternalReport(deps(), fixed, 'workerChose', { by: 'worker' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('lets a failed filing through when the report did not go to the town after all', async () => {
    const id = await file();
    // A tip-off already holds the fixed id (not this report's escalation): the add fails, the report stays.
    await db.collection(TIPOFFS).add({ data: { _id: tipoffIdFor(`key-${id}`, `internal-${id}`) } });
    await expect(escalateInternalReport(deps(), id, 'workerChose', { by: 'worker' })).rejects.toBeDefined();
    expect((await get(id)).status).toBe('submitted');
    expect(await all(MESSAGES)).toHaveLength(0);
  });

  it('checks the photos only after filing, once, and sends no text notice (the report was checked when made)', async () => {
    const id = await file({ photos: ['cloud://f1'], moderation: 'unchecked' });
    await escalateInternalReport(deps(), id, 'workerChose', { by: 'worker' });
    expect(logged).toEqual(['moderation unavailable (photo)']);
    const [tipoff] = await all<TipoffDoc>(TIPOFFS);
    expect(tipoff.moderation).toBe('unchecked');
    await escalateInternalReport(deps(), id, 'workerChose', { by: 'worker' });
    expect(logged).toHaveLength(1);
  });

  it('two escalations at once file one tip-off; the second answers with the first', async () => {
    const id = await file();
    const [a, b] = await Promise.all([
      escalateInternalReport(deps(), id, 'workerChose', { by: 'worker' }),
      escalateInternalReport(deps(), id, 'managerEscalated', { by: 'manager' }),
    ]);
    expect([a.filed, b.filed].sort()).toEqual([false, true]);
    expect(a.doc.escalation).toEqual(b.doc.escalation);
    expect(await all(TIPOFFS)).toHaveLength(1);
  });

  it('the hourly job stops after 10 batches of 50, leaving out the ones it skipped, oldest due first', async () => {
    // A store that always has 50 more overdue reports, each gone by the time it is read: every one fails.
    const queries: { where: Record<string, unknown>; order: string[]; limit?: number }[] = [];
    let next = 0;
    const chain = (q: (typeof queries)[number]) => ({
      orderBy(field: string, dir: string) {
        q.order.push(`${field} ${dir}`);
        return this;
      },
      limit(n: number) {
        q.limit = n;
        return this;
      },
      async get() {
        if (!('status' in q.where)) return { data: [] };
        return { data: Array.from({ length: q.limit ?? 0 }, () => ({ _id: `x${++next}`, status: 'submitted' })) };
      },
    });
    const fake = {
      command: db.command,
      collection: () => ({
        where(where: Record<string, unknown>) {
          const q = { where, order: [] as string[] };
          if ('status' in where) queries.push(q);
          return chain(q);
        },
      }),
    } as unknown as CoreDeps['db'];
    expect(await escalateInternalReports({ ...deps(), db: fake })).toEqual({
      at: '2026-12-09T00:00:30+08:00',
      notAccepted: 0,
      notFixed: 0,
      failed: 500,
    });
    expect(logged).toHaveLength(500);
    expect(queries).toHaveLength(10);
    expect(queries[0]).toEqual({
      where: { status: db.command.in(['submitted', 'accepted']), dueAt: db.command.lt('2026-12-09T00:00:30+08:00') },
      order: ['dueAt asc', '_id asc'],
      limit: 50,
    });
    expect(queries[1].where._id).toEqual(db.command.nin(Array.from({ length: 50 }, (_, i) => `x${i + 1}`)));
  });

  it('names the enterprise, or shows its id when it is gone', async () => {
    expect(await enterpriseNameOf(deps(), 'E1')).toBe('示范企业');
    expect(await enterpriseNameOf(deps(), 'E9')).toBe('E9');
  });
});
