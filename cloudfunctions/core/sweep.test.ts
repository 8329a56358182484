import { createDatabase } from '../../local-engine/database';
import type { AuditDoc } from './audit';
import type { CoreDeps } from './deps';
import { INDEXES } from './indexes';
import type { MessageDoc } from './messages';
import { sweepOverdue, warnMissingHolidays } from './sweep';
import type { TipoffDoc } from './tipoffs';
import { buildTown, defaultTown, type Town } from './town';

type Db = ReturnType<typeof createDatabase>;
let db: Db;
let clock: Date;
const deps = (town: Town = defaultTown()): Pick<CoreDeps, 'db' | 'town' | 'now'> => ({ db, town, now: () => clock });

beforeEach(() => {
  db = createDatabase({ file: ':memory:', indexes: INDEXES });
  clock = new Date('2026-03-09T09:00:00+08:00'); // a Monday
});
afterEach(() => db.close());

let seq = 0;
async function addCase(extra: Partial<TipoffDoc>): Promise<string> {
  const _id = `t${++seq}`;
  await db.collection('tipoffs').add({
    data: {
      _id,
      no: `MX-2026-${String(seq).padStart(6, '0')}`,
      status: 'accepted',
      departmentId: 'CJ',
      dueAt: null,
      escalationLevel: 0,
      escalations: [],
      ...extra,
    },
  });
  return _id;
}
const get = async (id: string) => (await db.collection('tipoffs').doc(id).get()).data as unknown as TipoffDoc;
const all = async <T>(collection: string) => (await db.collection(collection).limit(100).get()).data as unknown as T[];

describe('sweepOverdue: the escalation ladder (函告 0, 通报 3, 约谈 5, 曝光 10 working days overdue)', () => {
  it('函告 once a deadline has passed, not at the deadline itself', async () => {
    clock = new Date('2026-03-04T23:59:59+08:00');
    const atDeadline = await addCase({ dueAt: '2026-03-04T23:59:59+08:00' });
    const justPast = await addCase({ dueAt: '2026-03-04T23:59:58+08:00' });
    const res = await sweepOverdue(deps());
    expect(res.escalated).toEqual({ notice: 1, bulletin: 0, summons: 0, exposure: 0 });
    expect((await get(atDeadline)).escalationLevel).toBe(0);
    expect(await get(justPast)).toMatchObject({
      escalationLevel: 1,
      escalations: [{ level: 1, step: 'notice', at: '2026-03-04T23:59:59+08:00' }],
    });
  });

  it('通报 at exactly 3 working days overdue, not at 2', async () => {
    // Monday 03-09: Thu 03-05, Fri 03-06 and Mon 03-09 have passed since Wednesday's deadline.
    const three = await addCase({ dueAt: '2026-03-04T23:59:59+08:00', escalationLevel: 1 });
    const two = await addCase({ dueAt: '2026-03-05T23:59:59+08:00', escalationLevel: 1 });
    const res = await sweepOverdue(deps());
    expect(res.escalated).toEqual({ notice: 0, bulletin: 1, summons: 0, exposure: 0 });
    expect((await get(three)).escalationLevel).toBe(2);
    expect(await get(two)).toMatchObject({ escalationLevel: 1, escalations: [] });
  });

  it('a weekend is no working day: on Saturday, Wednesday’s deadline is 2 working days overdue', async () => {
    clock = new Date('2026-03-07T09:00:00+08:00');
    const id = await addCase({ dueAt: '2026-03-04T23:59:59+08:00', escalationLevel: 1 });
    expect((await sweepOverdue(deps())).escalated.bulletin).toBe(0);
    expect((await get(id)).escalationLevel).toBe(1);
  });

  it('climbs every rung due in one sweep, in order, and never takes a rung twice', async () => {
    clock = new Date('2026-03-20T09:00:00+08:00'); // 12 working days after 03-04
    const id = await addCase({ dueAt: '2026-03-04T23:59:59+08:00' });
    const res = await sweepOverdue(deps());
    expect(res.escalated).toEqual({ notice: 1, bulletin: 1, summons: 1, exposure: 1 });
    const doc = await get(id);
    expect(doc.escalationLevel).toBe(4);
    expect(doc.escalations).toEqual(
      ['notice', 'bulletin', 'summons', 'exposure'].map((step, i) => ({
        level: i + 1,
        step,
        at: '2026-03-20T09:00:00+08:00',
      })),
    );
    const again = await sweepOverdue(deps());
    expect(again.escalated).toEqual({ notice: 0, bulletin: 0, summons: 0, exposure: 0 });
    expect((await get(id)).escalations).toHaveLength(4);
  });

  it('a case already at a rung gets only the rungs above it', async () => {
    clock = new Date('2026-03-13T09:00:00+08:00'); // 7 working days after 03-04
    const id = await addCase({ dueAt: '2026-03-04T23:59:59+08:00', escalationLevel: 2 });
    const res = await sweepOverdue(deps());
    expect(res.escalated).toEqual({ notice: 0, bulletin: 0, summons: 1, exposure: 0 });
    expect((await get(id)).escalations).toEqual([{ level: 3, step: 'summons', at: '2026-03-13T09:00:00+08:00' }]);
  });

  it('only open cases: closed, merged, rejected and unfounded ones are left alone', async () => {
    const due = '2026-03-04T23:59:59+08:00';
    const open = [];
    for (const status of ['assigned', 'accepted', 'verified', 'rectifying', 'rectified'] as const)
      open.push(await addCase({ status, dueAt: due }));
    const ended = [];
    for (const status of ['closed', 'merged', 'rejected', 'unfounded'] as const)
      ended.push(await addCase({ status, dueAt: due }));
    const res = await sweepOverdue(deps());
    expect(res.escalated).toEqual({ notice: 5, bulletin: 5, summons: 0, exposure: 0 });
    for (const id of open) expect((await get(id)).escalationLevel).toBe(2);
    for (const id of ended) expect((await get(id)).escalationLevel).toBe(0);
  });
});

describe('sweepOverdue: what it writes besides the cases', () => {
  it('reminds each department once with its counts per step, and audits each rung', async () => {
    await addCase({ dueAt: '2026-03-04T23:59:59+08:00' }); // CJ: 函告 + 通报
    await addCase({ dueAt: '2026-03-08T23:59:59+08:00' }); // CJ: 函告
    await addCase({ dueAt: '2026-03-08T23:59:59+08:00', departmentId: 'XF' }); // XF: 函告
    await addCase({ dueAt: '2026-03-09T23:59:59+08:00', departmentId: 'YJ' }); // YJ: not yet due
    const res = await sweepOverdue(deps());
    expect(res).toEqual({
      at: '2026-03-09T09:00:00+08:00',
      escalated: { notice: 3, bulletin: 1, summons: 0, exposure: 0 },
      departmentsReminded: 2,
      leaderNotices: 4,
      holidaysMissing: null,
    });

    const messages = (await all<MessageDoc>('messages'))
      .filter((m) => m.recipient.startsWith('dept:'))
      .map(({ recipient, title, body, kind, read, createdAt }) => ({
        recipient,
        title,
        body,
        kind,
        read,
        createdAt,
      }));
    expect(messages.sort((a, b) => a.recipient.localeCompare(b.recipient))).toEqual([
      {
        recipient: 'dept:CJ',
        title: '超期督办提醒',
        body: '本部门有举报超过办理期限：函告 2 件，通报 1 件。请尽快处理。',
        kind: 'overdueReminder',
        read: false,
        createdAt: '2026-03-09T09:00:00+08:00',
      },
      {
        recipient: 'dept:XF',
        title: '超期督办提醒',
        body: '本部门有举报超过办理期限：函告 1 件。请尽快处理。',
        kind: 'overdueReminder',
        read: false,
        createdAt: '2026-03-09T09:00:00+08:00',
      },
    ]);

    const audits = (await all<AuditDoc & { _id: string }>('audits')).map(({ _id, ...a }) => a);
    expect(audits.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      {
        actor: 'scheduler',
        actorRoles: [],
        action: 'tipoff.escalate.bulletin',
        targetType: 'system',
        targetId: 'tipoffs',
        detail: { count: 1, departments: { CJ: 1 } },
        at: '2026-03-09T09:00:00+08:00',
      },
      {
        actor: 'scheduler',
        actorRoles: [],
        action: 'tipoff.escalate.notice',
        targetType: 'system',
        targetId: 'tipoffs',
        detail: { count: 3, departments: { CJ: 2, XF: 1 } },
        at: '2026-03-09T09:00:00+08:00',
      },
    ]);
  });

  it('writes nothing when nothing is overdue', async () => {
    await addCase({ dueAt: '2026-03-09T23:59:59+08:00' });
    await addCase({ dueAt: null });
    const res = await sweepOverdue(deps());
    expect(res).toMatchObject({
      escalated: { notice: 0, bulletin: 0, summons: 0, exposure: 0 },
      departmentsReminded: 0,
      leaderNotices: 0,
    });
    expect(await all('messages')).toEqual([]);
    expect(await all('audits')).toEqual([]);
  });
});

describe('sweepOverdue: 函告/通报/约谈/曝光 notices to leaders and 安委办', () => {
  const notices = async () =>
    (await all<MessageDoc & { _id: string }>('messages'))
      .filter((m) => m.recipient === 'role:leader')
      .sort((a, b) => a._id.localeCompare(b._id));

  it('函告 the day a deadline has passed, not the day before; says case, department, rung and how overdue', async () => {
    clock = new Date('2026-03-05T09:00:00+08:00'); // Thursday
    await addCase({ dueAt: '2026-03-05T23:59:59+08:00' }); // due today: not yet
    const res = await sweepOverdue(deps());
    expect(res.leaderNotices).toBe(0);
    expect(await notices()).toEqual([]);

    clock = new Date('2026-03-06T09:00:00+08:00'); // Friday: passed, 1 working day overdue
    expect((await sweepOverdue(deps())).leaderNotices).toBe(1);
    expect(await notices()).toEqual([
      {
        _id: 'escalation-t' + seq + '-1',
        recipient: 'role:leader',
        title: '超期函告',
        body: `函告：城建 MX-2026-${String(seq).padStart(6, '0')} 超期 1 个工作日。`,
        tipoffId: `t${seq}`,
        tipoffNo: `MX-2026-${String(seq).padStart(6, '0')}`,
        kind: 'leaderNotice',
        read: false,
        createdAt: '2026-03-06T09:00:00+08:00',
      },
    ]);
  });

  it('函告 within the deadline day reads "已过办理期限" (not a whole working day yet)', async () => {
    clock = new Date('2026-03-09T18:00:00+08:00');
    await addCase({ dueAt: '2026-03-09T12:00:00+08:00', departmentId: 'XF' });
    await sweepOverdue(deps());
    const [notice] = await notices();
    expect(notice.body).toBe(
      `函告：${defaultTown().department('XF')?.name} MX-2026-${String(seq).padStart(6, '0')} 已过办理期限。`,
    );
  });

  it('通报 at exactly 3 working days overdue, not at 2; the department code stands in for an unknown department', async () => {
    const three = await addCase({ dueAt: '2026-03-04T23:59:59+08:00', escalationLevel: 1, departmentId: 'ZZ' });
    await addCase({ dueAt: '2026-03-05T23:59:59+08:00', escalationLevel: 1 });
    const res = await sweepOverdue(deps());
    expect(res.leaderNotices).toBe(1);
    expect(await notices()).toMatchObject([
      {
        _id: `escalation-${three}-2`,
        title: '超期通报',
        body: `通报：ZZ MX-2026-${three.slice(1).padStart(6, '0')} 超期 3 个工作日。`,
        tipoffId: three,
      },
    ]);
  });

  it('one notice per rung reached, in one batch per rung; a rerun sends nothing twice', async () => {
    clock = new Date('2026-03-20T09:00:00+08:00'); // 12 working days after 03-04
    const a = await addCase({ dueAt: '2026-03-04T23:59:59+08:00' });
    const b = await addCase({ dueAt: '2026-03-18T23:59:59+08:00', departmentId: 'XF' }); // 2 working days
    expect((await sweepOverdue(deps())).leaderNotices).toBe(5);
    const ids = (await notices()).map((m) => m._id);
    expect(ids).toEqual(
      [1, 2, 3, 4]
        .map((l) => `escalation-${a}-${l}`)
        .concat(`escalation-${b}-1`)
        .sort(),
    );
    expect((await notices()).map((m) => m.title)).toEqual(
      expect.arrayContaining(['超期函告', '超期通报', '超期约谈', '超期曝光']),
    );
    expect((await sweepOverdue(deps())).leaderNotices).toBe(0);
    expect(await notices()).toHaveLength(5);
  });

  it('every notice says what it is (kind leaderNotice, with its case) and every reminder is an overdueReminder', async () => {
    clock = new Date('2026-03-09T18:00:00+08:00');
    await addCase({ dueAt: '2026-03-04T23:59:59+08:00' });
    await addCase({ dueAt: '2026-02-20T23:59:59+08:00', escalationLevel: 1, departmentId: 'XF' });
    await sweepOverdue(deps());
    const written = await all<MessageDoc>('messages');
    expect(written.length).toBeGreaterThanOrEqual(4);
    for (const m of written) {
      if (m.recipient === 'role:leader')
        expect(m).toMatchObject({ kind: 'leaderNotice', tipoffId: expect.any(String) });
      else if (m.recipient.startsWith('dept:') && m.title === '超期督办提醒') expect(m.kind).toBe('overdueReminder');
    }
    expect(
      written
        .filter((m) => m.kind === 'overdueReminder')
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(['dept:CJ', 'dept:XF']);
  });

  it('a sweep cut short after the notices: the rerun moves the cases up and skips the notices already written', async () => {
    const id = await addCase({ dueAt: '2026-03-04T23:59:59+08:00', escalationLevel: 1 });
    await db.collection('messages').add({
      data: {
        _id: `escalation-${id}-2`,
        recipient: 'role:leader',
        title: '超期通报',
        body: '',
        read: false,
        createdAt: '',
      },
    });
    const res = await sweepOverdue(deps());
    expect(res).toMatchObject({ leaderNotices: 0, escalated: { bulletin: 1 } });
    expect((await get(id)).escalationLevel).toBe(2);
    expect(await notices()).toHaveLength(1);
  });

  it('more than a hundred cases on a rung: every one is told, the written ones checked a hundred at a time', async () => {
    clock = new Date('2026-03-09T18:00:00+08:00');
    const ids = [];
    for (let i = 0; i < 130; i++) ids.push(await addCase({ dueAt: '2026-03-09T12:00:00+08:00' }));
    // Notices of the first page and of the second already there (a cut-short sweep).
    for (const id of [ids[0], ids[105]])
      await db.collection('messages').add({
        data: { _id: `escalation-${id}-1`, recipient: 'role:leader', title: '', body: '', read: false, createdAt: '' },
      });
    expect((await sweepOverdue(deps())).leaderNotices).toBe(128);
    const { total } = await db.collection('messages').where({ recipient: 'role:leader' }).count();
    expect(total).toBe(130);
  });
});

describe('sweepOverdue: what the leaders’ notices read', () => {
  /** The database with each query's projection and each messages read recorded. */
  function recording() {
    const projections: unknown[] = [];
    const fields: unknown[] = [];
    let messageReads = 0;
    const wrap = (target: object, collection: string): unknown =>
      new Proxy(target, {
        get(t, prop) {
          const value = Reflect.get(t, prop) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (prop === 'project') projections.push(args[0]);
            if (prop === 'field' && collection === 'messages') fields.push(args[0]);
            if (prop === 'get' && collection === 'messages') messageReads++;
            const out = (value as (...a: unknown[]) => unknown).apply(t, args);
            return out && typeof out === 'object' && !(out instanceof Promise) ? wrap(out as object, collection) : out;
          };
        },
      });
    const recorded = new Proxy(db, {
      get(t, prop) {
        if (prop === 'collection') return (name: string) => wrap(t.collection(name), name);
        return Reflect.get(t, prop);
      },
    });
    return { db: recorded as Db, projections, fields, reads: () => messageReads };
  }

  it('reads only what a notice says of each case, and only the ids of notices already written', async () => {
    await addCase({ dueAt: '2026-03-04T23:59:59+08:00' });
    const rec = recording();
    await sweepOverdue({ db: rec.db, town: defaultTown(), now: () => clock });
    expect(rec.projections).toEqual([
      { _id: 1, no: 1, departmentId: 1, dueAt: 1 },
      { _id: 1, no: 1, departmentId: 1, dueAt: 1 },
    ]);
    expect(rec.fields).toEqual([{ _id: true }, { _id: true }]);
  });

  it('exactly a hundred cases on a rung: one read for the notices already written', async () => {
    clock = new Date('2026-03-09T18:00:00+08:00');
    for (let i = 0; i < 100; i++) await addCase({ dueAt: '2026-03-09T12:00:00+08:00' });
    const rec = recording();
    expect((await sweepOverdue({ db: rec.db, town: defaultTown(), now: () => clock })).leaderNotices).toBe(100);
    expect(rec.reads()).toBe(1);
  });

  it('a rerun after every notice of 130 cases was written (the cases not yet moved up) writes none again', async () => {
    clock = new Date('2026-03-09T18:00:00+08:00');
    const ids = [];
    for (let i = 0; i < 130; i++) ids.push(await addCase({ dueAt: '2026-03-09T12:00:00+08:00' }));
    for (const id of ids)
      await db.collection('messages').add({
        data: { _id: `escalation-${id}-1`, recipient: 'role:leader', title: '', body: '', read: false, createdAt: '' },
      });
    expect((await sweepOverdue(deps())).leaderNotices).toBe(0);
    const { total } = await db.collection('messages').where({ recipient: 'role:leader' }).count();
    expect(total).toBe(130);
    expect((await get(ids[129])).escalationLevel).toBe(1);
  });
});

describe('the holiday warning to 安委办', () => {
  const awbMessages = async () =>
    (await all<MessageDoc>('messages')).filter((m) => m.recipient === 'dept:AWB' && m.title.includes('节假日'));

  it('from 1 November when next year is missing: not on 31 October, and only once', async () => {
    clock = new Date('2026-10-31T23:59:59+08:00');
    expect((await sweepOverdue(deps())).holidaysMissing).toBeNull();
    expect(await awbMessages()).toEqual([]);

    clock = new Date('2026-11-01T00:00:00+08:00');
    expect((await sweepOverdue(deps())).holidaysMissing).toBe(2027);
    const [message, ...rest] = await awbMessages();
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      _id: 'holidays-missing-2027',
      recipient: 'dept:AWB',
      title: '2027 年节假日安排未录入',
      read: false,
      createdAt: '2026-11-01T00:00:00+08:00',
    });
    expect(message.body).toContain('2027');

    clock = new Date('2026-11-02T10:00:00+08:00');
    expect(await warnMissingHolidays(deps())).toBe(2027);
    await sweepOverdue(deps());
    expect(await awbMessages()).toHaveLength(1);
  });

  it('not when the town data has next year', async () => {
    const base = defaultTown();
    const town = buildTown({
      areas: base.areas,
      categories: base.categories,
      departments: base.departments,
      routing: base.routing,
      sla: base.sla,
      holidays: { years: { '2027': { off: ['2027-01-01'], workdays: [] } } },
    });
    clock = new Date('2026-11-01T09:00:00+08:00');
    expect(await warnMissingHolidays(deps(town))).toBeNull();
    expect((await sweepOverdue(deps(town))).holidaysMissing).toBeNull();
    expect(await all('messages')).toEqual([]);
  });
});
