// Issue 12, the server side: ledger 销号 needs evidence, 催办, progress in words without rule codes or
// coordinates for residents, the four-tab staff queue (town-wide for 安委办 and leaders), merge candidates.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { uploadScope } from '../files';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

const DAY = 86_400_000;
const act = (openid: string, input: Record<string, unknown>) => env.call('queue', 'act', input, openid);

async function submit(overrides: Record<string, unknown> = {}, openid = 'resident-demo') {
  const res = await env.call('tipoff', 'submit', validSubmission(overrides), openid);
  expect(res.ok).toBe(true);
  return res.data as { id: string; no: string; trackingCode: string };
}

async function newLedgerEntry(openid = 'staff-YJ') {
  const res = await env.call(
    'admin',
    'ledgerCreate',
    {
      source: 'inspection',
      title: '粉尘除尘系统未接地',
      description: '检查发现除尘系统未设置防静电接地',
      categoryId: 'dust',
      enterpriseName: '庙行示范精密制造有限公司',
      address: '野桥村工业园 8 号',
      deadline: '2026-12-31',
    },
    openid,
  );
  expect(res.ok).toBe(true);
  return res.data.id as string;
}

describe('admin.ledgerProgress: 销号 needs evidence', () => {
  it('refuses "已清理" without a photo, a short note, and someone else’s photo; writes nothing', async () => {
    const id = await newLedgerEntry();
    const photo = await env.upload('head-YJ', uploadScope.ledger(id));
    const foreign = await env.upload('staff-YJ', uploadScope.ledger(id));
    const before = await env.digest();
    const refused = await env.call('admin', 'ledgerProgress', { id, note: '已清理', close: true }, 'head-YJ');
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(refused.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['evidence', 'note']);
    expect(
      await env.call('admin', 'ledgerProgress', { id, note: '已清理', close: true, evidence: [photo] }, 'head-YJ'),
    ).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [{ path: 'note' }] } });
    expect(
      await env.call(
        'admin',
        'ledgerProgress',
        { id, note: '已加装防静电接地，复查合格', close: true, evidence: [foreign] },
        'head-YJ',
      ),
    ).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [{ path: 'evidence' }] } });
    expect(await env.digest()).toBe(before);
  });

  it('closes with a photo and a real note at once (evidence-based, not time-based) and shows the photo', async () => {
    const id = await newLedgerEntry();
    const photo = await env.upload('head-YJ', uploadScope.ledger(id));
    const closed = await env.call(
      'admin',
      'ledgerProgress',
      { id, note: '已加装防静电接地，复查合格', close: true, evidence: [photo] },
      'head-YJ',
    );
    expect(closed).toMatchObject({ ok: true, data: { status: 'closed' } });
    const last = closed.data.progress[closed.data.progress.length - 1];
    expect(last).toMatchObject({ note: '复核销号：已加装防静电接地，复查合格', evidenceUrls: [expect.any(String)] });
    const listed = await env.call('admin', 'ledger', { page: 1, pageSize: 20 }, 'staff-YJ');
    expect(listed.data.items[0].progress.at(-1).evidenceUrls).toHaveLength(1);
    // A progress note still needs no photo.
    const other = await newLedgerEntry();
    expect(await env.call('admin', 'ledgerProgress', { id: other, note: '已责令停用' }, 'staff-YJ')).toMatchObject({
      ok: true,
    });
  });
});

describe('tipoff.urge (催办)', () => {
  it('only past the deadline, once per Beijing day; reminds the department, audits, adds a public entry', async () => {
    const { id, no, trackingCode } = await submit();
    expect(await env.call('tipoff', 'urge', { id })).toMatchObject({
      error: { code: 'CONFLICT', message: '尚未超期，暂不能催办' },
    });
    expect((await env.call('tipoff', 'detail', { id })).data).toMatchObject({ canUrge: false });

    env.clock.advance(3 * DAY); // Tuesday 12-01 10:00: the accept deadline (Monday evening) passed
    const detail = (await env.call('tipoff', 'detail', { id })).data;
    expect(detail).toMatchObject({ canUrge: true, progress: { overdue: true } });
    expect(detail.progress.text).toContain('已超期');

    expect(await env.call('tipoff', 'urge', { id })).toEqual({
      ok: true,
      data: { id, no, urgedOn: '2026-12-01', urgeCount: 1 },
    });
    expect(await env.call('tipoff', 'urge', { trackingCode }, 'someone-else')).toMatchObject({
      error: { code: 'CONFLICT', message: '今天已经催办过了' },
    });
    expect((await env.call('tipoff', 'detail', { id })).data).toMatchObject({ canUrge: false, urgedOn: '2026-12-01' });

    const staffMessages = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'staff-CJ');
    expect(staffMessages.data.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: '举报人催办', tipoffNo: no, audience: 'department' })]),
    );
    const audits = await env.runtime.db.collection('audits').where({ targetId: id, action: 'tipoff.urge' }).get();
    expect(audits.data).toHaveLength(1);
    expect(JSON.stringify(audits.data)).not.toContain('resident-demo');
    const timeline = (await env.call('tipoff', 'track', { trackingCode }, 'someone-else')).data.timeline;
    expect(timeline.at(-1)).toMatchObject({ note: '举报人催办', from: 'assigned', to: 'assigned' });

    // The next calendar day in Beijing (16:01 UTC is 00:01 the next day there), by tracking code.
    env.clock.now = new Date('2026-12-01T16:01:00Z');
    expect(await env.call('tipoff', 'urge', { trackingCode }, 'someone-else')).toMatchObject({
      data: { urgedOn: '2026-12-02', urgeCount: 2 },
    });
  });

  it('someone else’s report is NOT_FOUND, an ended one CONFLICT', async () => {
    const { id } = await submit();
    env.clock.advance(3 * DAY);
    expect(await env.call('tipoff', 'urge', { id }, 'resident-other')).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await act('staff-CJ', { step: 'reject', id, reason: '不属于安全隐患' });
    expect(await env.call('tipoff', 'urge', { id })).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('resident views: progress in words, no rule codes, coordinates or GCJ-02', () => {
  // Word-bounded: a tracking code such as "S94Z7FBR22" is not a rule code.
  const FORBIDDEN = /\bR\d\d\b|GCJ|latitude|longitude|规则/;
  /** Every key and string value of a response. */
  const walk = (v: unknown, out: string[] = []): string[] => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, out));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        walk(x, out);
      }
    return out;
  };

  it('detail, mine, track and the follower view carry progress and none of it; staff keep routing and points', async () => {
    const { id, trackingCode } = await submit({ categoryId: 'construction-site', description: '工地脚手架松动' });
    await env.call('tipoff', 'follow', { id }, 'resident-f');
    const views = [
      await env.call('tipoff', 'detail', { id }),
      await env.call('tipoff', 'mine', { page: 1, pageSize: 20 }),
      await env.call('tipoff', 'track', { trackingCode }, 'someone-else'),
      await env.call('tipoff', 'detail', { id }, 'resident-f'),
    ];
    for (const view of views) {
      expect(view.ok).toBe(true);
      expect(walk(view.data).filter((s) => FORBIDDEN.test(s))).toEqual([]);
    }
    expect(views[0].data.progress).toEqual({
      text: '已分派至城建办理，预计 11 月 30 日前受理',
      expectedBy: '2026-11-30',
      overdue: false,
    });
    const mine = views[1].data.items.find((i: { id: string }) => i.id === id);
    expect(mine.progress.text).toBe('已分派至城建办理，预计 11 月 30 日前受理');
    expect(views[0].data.timeline[1].note).toBe('已分派至城建办理');

    const staff = await env.call('queue', 'detail', { id }, 'staff-CJ');
    expect(staff.data.routing.reason).toMatch(/规则 R03/);
    expect(staff.data).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
    expect(staff.data.timeline[1].note).toMatch(/规则 R03/);
  });

  it('a closed report reads 已办结', async () => {
    const { id } = await submit();
    await act('staff-CJ', { step: 'reject', id, reason: '不属于安全隐患' });
    expect((await env.call('tipoff', 'detail', { id })).data.progress.text).toBe('未予受理');
  });
});

describe('staff queue: four tabs, filters, town scope, categories, merge candidates, next step', () => {
  it('counts per tab follow the filters, and list takes a tab', async () => {
    const a = await submit({ categoryId: 'gas-facility' });
    await submit({ categoryId: 'construction-site', description: '工地围挡倒塌' }, 'resident-b');
    const c = await submit({ categoryId: 'gas-facility' }, 'resident-c');
    await act('staff-CJ', { step: 'accept', id: a.id });
    await act('staff-CJ', { step: 'reject', id: c.id, reason: '不属于安全隐患' });

    const all = await env.call('queue', 'counts', {}, 'staff-CJ');
    const seeded = all.data.tabs.toAccept - 1; // the seeded demo reports routed to 城建
    expect(all.data).toMatchObject({ tabs: { inProgress: 1, toSignOff: 0, ended: 1 }, scope: 'department' });
    const gas = await env.call('queue', 'counts', { categoryId: 'construction-site' }, 'staff-CJ');
    expect(gas.data.tabs).toEqual({ toAccept: 1, inProgress: 0, toSignOff: 0, ended: 0 });
    expect(seeded).toBeGreaterThanOrEqual(0);

    const ended = await env.call('queue', 'list', { tab: 'ended', page: 1, pageSize: 20 }, 'staff-CJ');
    expect(ended.data.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const inProgress = await env.call('queue', 'list', { tab: 'inProgress', page: 1, pageSize: 20 }, 'staff-CJ');
    expect(inProgress.data.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(
      await env.call('queue', 'list', { tab: 'ended', status: 'closed', page: 1, pageSize: 20 }, 'staff-CJ'),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });

    // Overdue: only open tabs can have any.
    env.clock.advance(3 * DAY);
    const overdue = await env.call('queue', 'counts', { overdue: true }, 'staff-CJ');
    expect(overdue.data.tabs.ended).toBe(0);
    expect(overdue.data.tabs.toAccept).toBe(all.data.tabs.toAccept);
  });

  it('lists only the categories the department handles', async () => {
    const cj = (await env.call('queue', 'counts', {}, 'staff-CJ')).data.categories.map((c: { id: string }) => c.id);
    expect(cj).toEqual(expect.arrayContaining(['gas-facility', 'construction-site']));
    expect(cj).not.toContain('elevator');
    const town = (await env.call('queue', 'counts', { scope: 'town' }, 'admin-demo')).data.categories;
    expect(town.map((c: { id: string }) => c.id)).toContain('elevator');
  });

  it('安委办 and leaders see the town-wide queue, overdue first; others may not; leaders only read', async () => {
    const cj = await submit();
    const scs = await submit({ categoryId: 'elevator', description: '电梯运行有异响' }, 'resident-b');
    await act('staff-CJ', { step: 'accept', id: cj.id }); // not overdue for days; scs is overdue after 3 days
    env.clock.advance(3 * DAY);

    const town = await env.call('queue', 'list', { scope: 'town', page: 1, pageSize: 50 }, 'leader-demo');
    const ids = town.data.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([cj.id, scs.id]));
    const flags = town.data.items.map((i: { overdue: boolean }) => i.overdue);
    expect(flags.indexOf(false)).toBeGreaterThan(flags.lastIndexOf(true)); // overdue first
    // Each card of the town-wide queue names the department the case is with.
    const byId = (id: string) => town.data.items.find((i: { id: string }) => i.id === id);
    expect(byId(cj.id).departmentName).toBe('城建');
    expect(byId(scs.id).departmentName).toBe('市场监管所');
    expect(await env.call('queue', 'counts', { scope: 'town' }, 'admin-demo')).toMatchObject({
      data: { scope: 'town' },
    });
    for (const who of ['staff-CJ', 'head-CJ'])
      expect(await env.call('queue', 'list', { scope: 'town', page: 1, pageSize: 20 }, who)).toMatchObject({
        error: { code: 'FORBIDDEN' },
      });
    // Department scoping is kept for others.
    const own = await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'staff-CJ');
    expect(own.data.items.map((i: { id: string }) => i.id)).not.toContain(scs.id);

    // A leader who is only a leader (no department, no staff role) reads but takes no step.
    await env.runtime.db
      .collection('users')
      .doc('leader-only')
      .set({ data: { roles: ['leader'], displayName: '分管领导', createdAt: '2026-11-28T10:00:00+08:00' } });
    const read = await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'leader-only');
    expect(read.data.items.map((i: { id: string }) => i.id)).toContain(scs.id);
    expect((await env.call('queue', 'detail', { id: scs.id }, 'leader-only')).data).toMatchObject({
      allowedSteps: [],
      nextStepHint: expect.stringContaining('待市场监管所受理'),
    });
    expect(await act('leader-only', { step: 'accept', id: scs.id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('merge candidates: open, same category, nearby, in scope, not itself; the target lists what was merged', async () => {
    const first = await submit();
    const second = await submit({}, 'resident-b');
    await submit({ categoryId: 'construction-site', description: '工地围挡倒塌' }, 'resident-c');
    const far = await submit(
      { location: { latitude: 31.336, longitude: 121.4447, address: '共康五村北侧' } },
      'resident-d',
    );
    const candidates = await env.call('queue', 'mergeCandidates', { id: second.id }, 'staff-CJ');
    const ids = candidates.data.map((c: { id: string }) => c.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(second.id);
    expect(ids).not.toContain(far.id);
    expect(candidates.data.find((c: { id: string }) => c.id === first.id)).toMatchObject({
      canMergeInto: true,
      categoryName: expect.any(String),
    });
    expect(await env.call('queue', 'mergeCandidates', { id: second.id }, 'staff-XF')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });

    await act('staff-CJ', { step: 'merge', id: second.id, intoId: first.id });
    const target = await env.call('queue', 'detail', { id: first.id }, 'staff-CJ');
    expect(target.data.mergedFrom).toEqual([{ id: second.id, no: second.no }]);
  });

  it('after 整改完成 the detail says 待负责人复核销号 to staff and 待您复核销号 to the head', async () => {
    const { id } = await submit();
    await act('staff-CJ', { step: 'accept', id });
    await act('staff-CJ', { step: 'verify', id, founded: true, note: '现场核实管道锈蚀', major: false });
    await act('staff-CJ', {
      step: 'order',
      id,
      deadline: '2026-12-10',
      measures: '更换锈蚀管段',
      responsibleUnit: '共康五村物业',
    });
    await act('staff-CJ', {
      step: 'rectified',
      id,
      evidence: [await env.upload('staff-CJ', uploadScope.rectify(id))],
      note: '已更换',
    });
    expect((await env.call('queue', 'detail', { id }, 'staff-CJ')).data.nextStepHint).toMatch(/^待负责人复核销号/);
    expect((await env.call('queue', 'detail', { id }, 'head-CJ')).data.nextStepHint).toMatch(/^待您复核销号/);
  });
});
