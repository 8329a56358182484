// Issue 10 compliance: 安委办's list of enterprises by one duty, each enterprise's own due dates, the due dates
// following a change of the high-risk flag, and the scheduler's reminders (once per state and due date).
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { dueOn } from '../duties';
import { DUTY_REMIND_BATCH, dutyMessageId, remindDuties } from '../duty-reminders';
import { ENTERPRISES, type EnterpriseDoc } from '../enterprises';
import { enterpriseRecipient } from '../internal-reports';
import { MESSAGES } from '../messages';
import { runHourlyJobs } from './scheduler';

// The test clock starts at 2026-11-28 10:00 (+08:00): "today" below.
let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
  // The demo enterprises: both duties just done (ok), so they stay out of the lists below unless asked.
  for (const id of ['ENT-DEMO', 'ENT-DEMO-2']) await setDuties(id, { drill: '2026-11-01', inspection: '2026-11-20' });
});
afterEach(() => env.close());

async function setDuties(id: string, last: { drill?: string; inspection?: string }) {
  const doc = (await env.runtime.db.collection<EnterpriseDoc>(ENTERPRISES).doc(id).get()).data as EnterpriseDoc;
  const data: Record<string, string> = {};
  if (last.drill)
    Object.assign(data, { drillLastOn: last.drill, drillDueOn: dueOn(last.drill, doc.highRisk ? 6 : 12) });
  if (last.inspection) {
    Object.assign(data, {
      inspectionLastOn: last.inspection,
      inspectionDueOn: dueOn(last.inspection, doc.highRisk ? 1 : 3),
    });
  }
  await env.runtime.db.collection(ENTERPRISES).doc(id).update({ data });
}

/** An active, not high-risk enterprise with the given last drill (none: never). */
async function enterprise(id: string, drillLastOn?: string, extra: Partial<EnterpriseDoc> = {}) {
  const doc: Omit<EnterpriseDoc, '_id'> = {
    name: `企业${id}`,
    creditCode: `CODE-${id}`,
    industry: 'retail',
    highRisk: false,
    areaId: 'gk5',
    address: '庙行镇样例路 1 号',
    contact: { name: '张三', phone: '13800138000' },
    workerCount: 5,
    status: 'active',
    managerOpenids: [],
    createdBy: 'admin-demo',
    createdAt: '2026-01-01T09:00:00+08:00',
    // Self-inspections all fine, so only the drill is in question.
    inspectionLastOn: '2026-11-20',
    inspectionDueOn: '2027-02-20',
    ...(drillLastOn ? { drillLastOn, drillDueOn: dueOn(drillLastOn, 12)! } : {}),
    ...extra,
  };
  await env.runtime.db.collection(ENTERPRISES).doc(id).set({ data: doc });
}

const ids = (res: { ok: boolean; data?: { items: { enterpriseId: string }[] } }) => {
  expect(res.ok).toBe(true);
  return res.data!.items.map((r) => r.enterpriseId);
};

async function boundaryRegister() {
  await enterprise('E-NEVER');
  await enterprise('E-LATE-40', '2025-10-19'); // due 2026-10-19: 40 days overdue
  await enterprise('E-LATE-1', '2025-11-27'); // due yesterday: overdue by one day
  await enterprise('E-TODAY', '2025-11-28'); // due today: still in time (due soon, 0 days left)
  await enterprise('E-30', '2025-12-28'); // due in 30 days: due soon
  await enterprise('E-31', '2025-12-29'); // due in 31 days: ok
  await enterprise('E-PENDING', undefined, { status: 'pending' });
  await enterprise('E-CLOSED', '2024-01-01', { status: 'closed' });
}

describe('drill.compliance', () => {
  it('flags the never-done first, then the longest overdue; due soon is today to 30 days; only active ones', async () => {
    await boundaryRegister();
    const flagged = await env.call('drill', 'compliance', { kind: 'drill', filter: 'flagged' }, 'admin-demo');
    expect(ids(flagged)).toEqual(['E-NEVER', 'E-LATE-40', 'E-LATE-1']);
    expect(flagged.data.total).toBe(3);
    const [never, late] = flagged.data.items;
    expect(never.drill).toMatchObject({ state: 'never', lastOn: null, dueOn: null, daysLeft: null });
    expect(late.drill).toMatchObject({ state: 'overdue', dueOn: '2026-10-19', daysLeft: -40, periodMonths: 12 });
    expect(late).toMatchObject({ enterpriseName: '企业E-LATE-40', highRisk: false, industryName: expect.any(String) });

    const soon = await env.call('drill', 'compliance', { kind: 'drill', filter: 'dueSoon' }, 'leader-demo');
    expect(ids(soon)).toEqual(['E-TODAY', 'E-30']);
    expect(soon.data.items.map((r: { drill: { daysLeft: number } }) => r.drill.daysLeft)).toEqual([0, 30]);

    const all = await env.call('drill', 'compliance', { kind: 'drill', filter: 'all', pageSize: 50 }, 'admin-demo');
    expect(ids(all)).toEqual([
      'E-NEVER',
      'E-LATE-40',
      'E-LATE-1',
      'E-TODAY',
      'E-30',
      'E-31',
      'ENT-DEMO', // high-risk: 2026-11-01 + 6 months
      'ENT-DEMO-2',
    ]);
    expect(all.data.items.find((r: { enterpriseId: string }) => r.enterpriseId === 'ENT-DEMO').drill).toMatchObject({
      state: 'ok',
      dueOn: '2027-05-01',
      periodMonths: 6,
    });
  });

  it('pages with a stable order and a total; the default filter is flagged', async () => {
    for (let i = 0; i < 5; i++) await enterprise(`E-N${i}`);
    const one = await env.call('drill', 'compliance', { kind: 'drill', page: 1, pageSize: 2 }, 'admin-demo');
    const two = await env.call('drill', 'compliance', { kind: 'drill', page: 2, pageSize: 2 }, 'admin-demo');
    const three = await env.call('drill', 'compliance', { kind: 'drill', page: 3, pageSize: 2 }, 'admin-demo');
    expect([...ids(one), ...ids(two), ...ids(three)]).toEqual(['E-N0', 'E-N1', 'E-N2', 'E-N3', 'E-N4']);
    expect(one.data).toMatchObject({ total: 5, page: 1, pageSize: 2 });
  });

  it('lists self-inspections by their own dates', async () => {
    await enterprise('E-INSP', '2026-11-01', { inspectionLastOn: '2026-08-27', inspectionDueOn: '2026-11-27' });
    const flagged = await env.call('drill', 'compliance', { kind: 'inspection' }, 'admin-demo');
    expect(ids(flagged)).toEqual(['E-INSP']);
    expect(flagged.data.items[0].inspection).toMatchObject({ state: 'overdue', daysLeft: -1, periodMonths: 3 });
    expect(ids(await env.call('drill', 'compliance', { kind: 'drill' }, 'admin-demo'))).toEqual([]);
  });

  it('is 安委办 and leaders only, and refuses bad input', async () => {
    for (const who of ['manager-demo', 'worker-demo', 'resident-demo', 'staff-CJ']) {
      expect((await env.call('drill', 'compliance', { kind: 'drill' }, who)).error.code).toBe('FORBIDDEN');
    }
    for (const bad of [{}, { kind: 'fire' }, { kind: 'drill', filter: 'late' }, { kind: 'drill', pageSize: 51 }]) {
      expect((await env.call('drill', 'compliance', bad, 'admin-demo')).error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('enterprise.duties', () => {
  it("gives a manager and a worker their own enterprise's duties, 安委办 and leaders any", async () => {
    const mine = await env.call('enterprise', 'duties', {}, 'manager-demo');
    expect(mine.data).toMatchObject({
      enterpriseId: 'ENT-DEMO',
      highRisk: true,
      drill: { state: 'ok', lastOn: '2026-11-01', dueOn: '2027-05-01', daysLeft: 154, periodMonths: 6 },
      inspection: { state: 'ok', lastOn: '2026-11-20', dueOn: '2026-12-20', daysLeft: 22, periodMonths: 1 },
    });
    expect((await env.call('enterprise', 'duties', {}, 'worker-demo')).data.enterpriseId).toBe('ENT-DEMO');
    expect((await env.call('enterprise', 'duties', { id: 'ENT-DEMO-2' }, 'manager-demo')).error.code).toBe('FORBIDDEN');
    const other = await env.call('enterprise', 'duties', { id: 'ENT-DEMO-2' }, 'leader-demo');
    expect(other.data).toMatchObject({ enterpriseId: 'ENT-DEMO-2', drill: { periodMonths: 12 } });
    expect((await env.call('enterprise', 'duties', {}, 'admin-demo')).error.code).toBe('NOT_FOUND');
    expect((await env.call('enterprise', 'duties', { id: 'ENT-NONE' }, 'admin-demo')).error.code).toBe('NOT_FOUND');
    expect((await env.call('enterprise', 'duties', {}, 'resident-demo')).error.code).toBe('FORBIDDEN');
  });

  it('shows a duty never done as never, with no dates', async () => {
    await env.runtime.db
      .collection(ENTERPRISES)
      .doc('ENT-DEMO')
      .update({ data: { drillLastOn: env.runtime.db.command.remove(), drillDueOn: env.runtime.db.command.remove() } });
    const mine = await env.call('enterprise', 'duties', {}, 'manager-demo');
    expect(mine.data.drill).toEqual({
      kind: 'drill',
      state: 'never',
      lastOn: null,
      dueOn: null,
      daysLeft: null,
      periodMonths: 6,
    });
  });
});

describe('the due dates follow the high-risk flag', () => {
  const stored = async (id: string) =>
    (await env.runtime.db.collection<EnterpriseDoc>(ENTERPRISES).doc(id).get()).data as EnterpriseDoc;

  it('安委办 setting or clearing it moves both due dates in the same write; a duty never done stays absent', async () => {
    await enterprise('E-FLAG', '2026-06-01', { inspectionLastOn: '2026-10-15', inspectionDueOn: '2027-01-15' });
    const set = await env.call(
      'enterprise',
      'setHighRisk',
      { id: 'E-FLAG', highRisk: true, reason: '存放大量可燃物' },
      'admin-demo',
    );
    expect(set.ok).toBe(true);
    expect(await stored('E-FLAG')).toMatchObject({
      highRisk: true,
      drillDueOn: '2026-12-01',
      inspectionDueOn: '2026-11-15',
    });
    // Now overdue for self-inspection (monthly), and flagged so.
    expect(ids(await env.call('drill', 'compliance', { kind: 'inspection' }, 'admin-demo'))).toEqual(['E-FLAG']);
    await env.call(
      'enterprise',
      'setHighRisk',
      { id: 'E-FLAG', highRisk: false, reason: '可燃物已清运' },
      'admin-demo',
    );
    expect(await stored('E-FLAG')).toMatchObject({
      highRisk: false,
      drillDueOn: '2027-06-01',
      inspectionDueOn: '2027-01-15',
    });

    await enterprise('E-FRESH');
    await env.call(
      'enterprise',
      'setHighRisk',
      { id: 'E-FRESH', highRisk: true, reason: '存放大量可燃物' },
      'admin-demo',
    );
    const fresh = await stored('E-FRESH');
    expect(fresh.highRisk).toBe(true);
    expect(fresh.drillDueOn).toBeUndefined();
  });

  it('an industry change that changes the flag (no override) moves them too', async () => {
    const before = await stored('ENT-DEMO-2'); // retail, not high-risk, drill 2026-11-01
    expect(before.drillDueOn).toBe('2027-11-01');
    const res = await env.call('enterprise', 'update', { id: 'ENT-DEMO-2', industry: 'trade-dust' }, 'admin-demo');
    expect(res.ok).toBe(true);
    expect(await stored('ENT-DEMO-2')).toMatchObject({
      highRisk: true,
      drillDueOn: '2027-05-01',
      inspectionDueOn: '2026-12-20',
    });
  });
});

describe('the scheduler reminds managers of duties', () => {
  const duty = async () =>
    (await env.runtime.db.collection(MESSAGES).where({ kind: 'enterprise' }).limit(100).get()).data.filter((m) =>
      String(m._id).startsWith('duty_'),
    );

  it('due in 30 days, overdue and never are told once each; 31 days is not, until the next day', async () => {
    await boundaryRegister();
    const first = await runHourlyJobs(env.runtime.deps);
    const sent = (await duty()).map((m) => m._id).sort();
    expect(sent).toEqual(
      [
        dutyMessageId('E-30', 'drill', '2026-12-28', 'dueSoon'),
        dutyMessageId('E-LATE-1', 'drill', '2026-11-27', 'overdue'),
        dutyMessageId('E-LATE-40', 'drill', '2026-10-19', 'overdue'),
        dutyMessageId('E-NEVER', 'drill', null, 'never'),
        dutyMessageId('E-TODAY', 'drill', '2026-11-28', 'dueSoon'),
        // ENT-DEMO (high-risk) self-inspection due 2026-12-20: within the 7 days? no — 22 days, not told.
      ].sort(),
    );
    expect(first.dutyReminders).toBe(5);
    const soon = (await duty()).find((m) => m._id === dutyMessageId('E-30', 'drill', '2026-12-28', 'dueSoon'))!;
    expect(soon).toMatchObject({
      recipient: enterpriseRecipient('E-30'),
      kind: 'enterprise',
      read: false,
      title: '应急演练即将到期',
    });
    expect(soon.body).toContain('2026-12-28');
    expect(soon.body).toContain('还有 30 天');

    // Twice in a day (and again an hour later): nobody is told twice.
    expect(await remindDuties(env.runtime.deps)).toBe(0);
    env.clock.advance(3_600_000);
    expect((await runHourlyJobs(env.runtime.deps)).dutyReminders).toBe(0);

    // The next day E-31 is 30 days out (told), E-TODAY turns overdue (told as such).
    env.clock.advance(86_400_000);
    expect(await remindDuties(env.runtime.deps)).toBe(2);
    const ids2 = (await duty()).map((m) => m._id);
    expect(ids2).toContain(dutyMessageId('E-31', 'drill', '2026-12-29', 'dueSoon'));
    expect(ids2).toContain(dutyMessageId('E-TODAY', 'drill', '2026-11-28', 'overdue'));
  });

  it("the enterprise's managers read them", async () => {
    await env.runtime.db
      .collection(ENTERPRISES)
      .doc('ENT-DEMO')
      .update({ data: { drillLastOn: env.runtime.db.command.remove(), drillDueOn: env.runtime.db.command.remove() } });
    await remindDuties(env.runtime.deps);
    const res = await env.call('user', 'messages', { page: 1, pageSize: 50 }, 'manager-demo');
    expect(res.ok).toBe(true);
    const msg = res.data.items.find((m: { title: string }) => m.title === '尚无应急演练记录');
    expect(msg).toMatchObject({ kind: 'enterprise' });
    expect(msg.body).toContain('庙行示范精密制造有限公司');
    const other = await env.call('user', 'messages', { page: 1, pageSize: 50 }, 'resident-demo');
    expect(other.data.items.some((m: { title: string }) => m.title === '尚无应急演练记录')).toBe(false);
  });

  it('writes at most a batch a run and finishes the rest on the next', async () => {
    const n = DUTY_REMIND_BATCH + 5;
    const docs = Array.from({ length: n }, (_, i) => `E-B${String(i).padStart(3, '0')}`);
    for (const id of docs) await enterprise(id);
    expect(await remindDuties(env.runtime.deps)).toBe(DUTY_REMIND_BATCH);
    expect(await remindDuties(env.runtime.deps)).toBe(5);
    expect(await remindDuties(env.runtime.deps)).toBe(0);
    expect((await duty()).length).toBeGreaterThanOrEqual(100);
  });
});
