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

async function stored(id: string) {
  return (await env.runtime.db.collection('tipoffs').doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** From 已受理 to 待销号, as 城建 staff. */
async function driveToRectified(id: string) {
  expect(
    (await act('staff-CJ', { step: 'verify', id, founded: true, note: '现场核实管道锈蚀', major: false })).ok,
  ).toBe(true);
  expect(
    (
      await act('staff-CJ', {
        step: 'order',
        id,
        deadline: '2026-12-10',
        measures: '更换锈蚀管段',
        responsibleUnit: '共康五村物业',
      })
    ).ok,
  ).toBe(true);
  const evidence = [await env.upload('staff-CJ', uploadScope.rectify(id))];
  expect((await act('staff-CJ', { step: 'rectified', id, evidence, note: '已更换' })).ok).toBe(true);
}

describe('queue.act — the closed loop', () => {
  it('walks 受理 → 核查 → 整改 → 销号 with deadlines, timeline, audit and the reporter told at each step', async () => {
    const { id } = await submit();
    let doc = await stored(id);
    expect(doc.deadlines.acceptBy).toBe('2026-11-30T23:59:59+08:00'); // Saturday filing → Monday evening
    expect(doc.dueAt).toBe(doc.deadlines.acceptBy);

    await act('staff-CJ', { step: 'accept', id });
    doc = await stored(id);
    expect(doc.status).toBe('accepted');
    expect(doc.deadlines.verifyBy).toBe('2026-12-04T23:59:59+08:00'); // 5 working days
    expect(doc.deadlines.closeBy).toBe('2027-01-27T23:59:59+08:00'); // 60 days

    await driveToRectified(id);
    // The one who recorded the fix cannot sign it off; a plain staff member cannot either.
    expect(await act('staff-CJ', { step: 'signoff', id, approved: true, note: '复核通过' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    const signed = await act('head-CJ', { step: 'signoff', id, approved: true, note: '复核通过' });
    expect(signed).toEqual({ ok: true, data: { id, status: 'closed' } });

    doc = await stored(id);
    expect(doc.timeline.map((e: { to: string }) => e.to)).toEqual([
      'submitted',
      'assigned',
      'accepted',
      'verified',
      'rectifying',
      'rectified',
      'closed',
    ]);
    // One audit entry per step (the order is the timeline's, checked above: the steps share one clock second
    // here, and a query without orderBy promises no order).
    const audits = await env.runtime.db.collection('audits').where({ targetId: id }).get();
    expect(audits.data.map((a) => a.action).sort()).toEqual(
      ['tipoff.accept', 'tipoff.verify', 'tipoff.order', 'tipoff.rectified', 'tipoff.signoff'].sort(),
    );
    const messages = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'resident-demo');
    expect(messages.data.items.map((m: { title: string }) => m.title)).toEqual(
      expect.arrayContaining(['举报已受理', '核查结果：属实', '已责令整改', '整改已完成', '已销号']),
    );
    // The reporter sees 已销号 with department names and no staff names, and may rate once.
    const detail = await env.call('tipoff', 'detail', { id }, 'resident-demo');
    expect(detail.data).toMatchObject({ status: 'closed', canRate: true });
    expect(JSON.stringify(detail.data)).not.toMatch(/staff-CJ|head-CJ|工作人员|负责人/);
    expect(await env.call('tipoff', 'rate', { id, score: 5, comment: '处理很快' })).toEqual({
      ok: true,
      data: { score: 5 },
    });
    expect(await env.call('tipoff', 'rate', { id, score: 1 })).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('a sent-back fix returns to 整改中 and a suspected major hazard gets 3 working days to verify', async () => {
    const { id } = await submit({ suspectedMajor: true });
    await act('staff-CJ', { step: 'accept', id });
    expect((await stored(id)).deadlines.verifyBy).toBe('2026-12-02T23:59:59+08:00');
    await act('staff-CJ', { step: 'verify', id, founded: true, note: '属实', major: true });
    await act('staff-CJ', {
      step: 'order',
      id,
      deadline: '2026-12-10',
      measures: '停用并更换',
      responsibleUnit: '物业',
    });
    await act('staff-CJ', {
      step: 'rectified',
      id,
      evidence: [await env.upload('staff-CJ', uploadScope.rectify(id))],
      note: '已处理',
    });
    expect(await act('head-CJ', { step: 'signoff', id, approved: false, note: '阀门未更换' })).toMatchObject({
      data: { status: 'rectifying' },
    });
  });

  it('a wrong state is CONFLICT and a wrong department is FORBIDDEN, and neither writes anything', async () => {
    const { id } = await submit();
    const before = JSON.stringify(await stored(id));
    const audits = (await env.runtime.db.collection('audits').count()).total;
    expect(
      await act('staff-CJ', { step: 'order', id, deadline: '2026-12-10', measures: '整改', responsibleUnit: '物业' }),
    ).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await act('staff-XF', { step: 'accept', id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await act('resident-demo', { step: 'accept', id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await act('staff-CJ', { step: 'accept', id: 'nope' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await act('staff-CJ', { step: 'explode', id })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(await stored(id))).toBe(before);
    expect((await env.runtime.db.collection('audits').count()).total).toBe(audits);
  });

  it('verifying unfounded ends the case with the reason, open to rating', async () => {
    const { id } = await submit();
    await act('staff-CJ', { step: 'accept', id });
    expect(await act('staff-CJ', { step: 'verify', id, founded: false, note: '现场未发现异常' })).toMatchObject({
      data: { status: 'unfounded' },
    });
    expect((await env.call('tipoff', 'detail', { id })).data).toMatchObject({ canRate: true });
  });

  it("order deadlines must be real dates between today and the case's 办结期限", async () => {
    const { id } = await submit();
    await act('staff-CJ', { step: 'accept', id });
    await act('staff-CJ', { step: 'verify', id, founded: true, note: '属实' });
    for (const deadline of ['2026-02-31', '2026-13-45', '9999-12-31', '2027-06-01']) {
      const res = await act('staff-CJ', { step: 'order', id, deadline, measures: '整改', responsibleUnit: '物业' });
      expect([deadline, res.error?.code, res.error?.issues?.[0]?.path]).toEqual([
        deadline,
        'INVALID_INPUT',
        'deadline',
      ]);
    }
    expect((await stored(id)).status).toBe('verified');
  });

  it('order deadlines cannot be in the past', async () => {
    const { id } = await submit();
    await act('staff-CJ', { step: 'accept', id });
    await act('staff-CJ', { step: 'verify', id, founded: true, note: '属实' });
    const res = await act('staff-CJ', {
      step: 'order',
      id,
      deadline: '2026-11-01',
      measures: '整改',
      responsibleUnit: '物业',
    });
    expect(res).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [{ path: 'deadline' }] } });
  });
});

describe('transfer, merge, reject, extend', () => {
  it('a transfer moves the case to the new department; a second transfer lands at 安委办', async () => {
    const { id } = await submit();
    await act('staff-CJ', { step: 'transfer', id, toDepartmentId: 'SCS', reason: '属于特种设备' });
    let doc = await stored(id);
    expect(doc).toMatchObject({ departmentId: 'SCS', status: 'assigned', transferCount: 1 });
    expect(
      (await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'staff-CJ')).data.items.map(
        (i: { id: string }) => i.id,
      ),
    ).not.toContain(id);
    expect(
      (await env.call('queue', 'list', { page: 1, pageSize: 50 }, 'staff-SCS')).data.items.map(
        (i: { id: string }) => i.id,
      ),
    ).toContain(id);

    await act('staff-SCS', { step: 'transfer', id, toDepartmentId: 'YJ', reason: '不属于本部门' });
    doc = await stored(id);
    expect(doc).toMatchObject({ departmentId: 'AWB', transferCount: 2 });
    expect(doc.routing.reason).toContain('多次转办');

    expect(doc.coDepartmentIds).toEqual([]);
    // 安委办 assigns it; its decision is final.
    await act('admin-demo', { step: 'transfer', id, toDepartmentId: 'GJHB', reason: '经协调由规建环保办理' });
    expect((await stored(id)).departmentId).toBe('GJHB');
  });

  it('a duplicate merges into the earlier open report; its reporter follows the earlier one', async () => {
    const first = await submit({}, 'resident-demo');
    env.clock.advance(60_000);
    const dup = await submit({}, 'worker-demo');
    expect(await act('staff-CJ', { step: 'merge', id: first.id, intoId: dup.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await act('staff-CJ', { step: 'merge', id: dup.id, intoId: first.id })).toMatchObject({
      data: { status: 'merged' },
    });
    expect((await stored(first.id)).followers).toBe(1);
    expect((await env.call('tipoff', 'detail', { id: dup.id }, 'worker-demo')).data).toMatchObject({
      status: 'merged',
      mergedIntoNo: first.no,
    });

    // The duplicate's reporter hears about the earlier case's progress.
    await act('staff-CJ', { step: 'accept', id: first.id });
    const msgs = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'worker-demo');
    expect(
      msgs.data.items.some(
        (m: { tipoffId: string; title: string }) => m.tipoffId === first.id && m.title === '举报已受理',
      ),
    ).toBe(true);
  });

  it("a department cannot merge into another department's report; 安委办 can", async () => {
    const cj = await submit();
    env.clock.advance(60_000);
    const xf = await submit({ categoryId: 'fire-facility', description: '楼道灭火器过期失效' });
    // Another department's case answers exactly as a missing one: no probing, no case number.
    const foreign = await act('staff-XF', { step: 'merge', id: xf.id, intoId: cj.id });
    const missing = await act('staff-XF', { step: 'merge', id: xf.id, intoId: 'no-such-report' });
    expect(foreign).toEqual(missing);
    expect(foreign).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '要合并到的举报不存在或不属于本部门（跨部门合并请由镇安委办办理）' },
    });
    expect(JSON.stringify(foreign)).not.toContain(cj.no);
    expect((await stored(cj.id)).followers).toBe(0);
    expect(await act('admin-demo', { step: 'merge', id: xf.id, intoId: cj.id })).toMatchObject({
      data: { status: 'merged' },
    });
    // The same reporter's duplicate adds no follower to their own report.
    expect((await stored(cj.id)).followers).toBe(0);
  });

  it('reject ends the case with a reason; extend adds 30 days once', async () => {
    const a = await submit();
    expect(await act('staff-CJ', { step: 'reject', id: a.id, reason: '重复恶意举报' })).toMatchObject({
      data: { status: 'rejected' },
    });
    const b = await submit();
    await act('staff-CJ', { step: 'accept', id: b.id });
    const closeBy = (await stored(b.id)).deadlines.closeBy;
    await act('staff-CJ', { step: 'extend', id: b.id, reason: '需协调多方' });
    expect((await stored(b.id)).deadlines.closeBy).toBe('2027-02-26T23:59:59+08:00');
    expect(closeBy).toBe('2027-01-27T23:59:59+08:00');
    expect(await act('staff-CJ', { step: 'extend', id: b.id, reason: '再次延期' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });
});

describe('major-hazard ledger', () => {
  it('a founded major hazard enters the ledger and follows the case to sign-off', async () => {
    const { id, no } = await submit({ suspectedMajor: true });
    await act('staff-CJ', { step: 'accept', id });
    await act('staff-CJ', { step: 'verify', id, founded: true, note: '燃气管道严重锈蚀，属重大隐患', major: true });
    let ledger = await env.call('admin', 'ledger', { page: 1, pageSize: 20 }, 'staff-CJ');
    expect(ledger.data.items).toHaveLength(1);
    expect(ledger.data.items[0]).toMatchObject({
      source: 'tipoff',
      tipoffNo: no,
      status: 'open',
      departmentName: '城建',
    });
    await act('staff-CJ', {
      step: 'order',
      id,
      deadline: '2026-12-20',
      measures: '更换管段',
      responsibleUnit: '燃气公司',
    });
    await act('staff-CJ', {
      step: 'rectified',
      id,
      evidence: [await env.upload('staff-CJ', uploadScope.rectify(id))],
      note: '已更换',
    });
    await act('head-CJ', { step: 'signoff', id, approved: true, note: '复核通过' });
    ledger = await env.call('admin', 'ledger', { page: 1, pageSize: 20 }, 'staff-CJ');
    expect(ledger.data.items[0]).toMatchObject({ status: 'closed', deadline: '2026-12-20' });
    expect(ledger.data.items[0].progress.length).toBe(4);
    // Other departments do not see it; 安委办 does.
    expect((await env.call('admin', 'ledger', { page: 1, pageSize: 20 }, 'staff-XF')).data.total).toBe(0);
    expect((await env.call('admin', 'ledger', { page: 1, pageSize: 20 }, 'admin-demo')).data.total).toBe(1);
  });

  it('staff enter self-reports and inspection findings; only a head closes them', async () => {
    const created = await env.call(
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
      'staff-YJ',
    );
    expect(created.data).toMatchObject({
      source: 'inspection',
      status: 'rectifying',
      no: expect.stringMatching(/^ZD-2026-\d{4}$/),
    });
    const close = async (openid: string) => ({
      id: created.data.id,
      note: '已加装防静电接地，复查合格',
      close: true,
      evidence: [await env.upload(openid, uploadScope.ledger(created.data.id))],
    });
    expect(await env.call('admin', 'ledgerProgress', await close('staff-YJ'), 'staff-YJ')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.call('admin', 'ledgerProgress', await close('head-YJ'), 'head-YJ')).toMatchObject({
      data: { status: 'closed' },
    });
    expect(await env.call('admin', 'ledgerCreate', { source: 'tipoff' }, 'staff-YJ')).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await env.call('admin', 'ledger', {}, 'resident-demo')).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('scheduler sweep: deadlines and the escalation ladder', () => {
  it('marks overdue cases and climbs 函告 → 通报 → 约谈 → 曝光, each step once, reminding the department', async () => {
    // Filed Saturday 11-28 like the three seeded samples: all due Monday 2026-11-30 evening.
    const { id } = await submit();
    const sweep = () => env.call('scheduler', 'sweep', {}, 'admin-demo');

    expect((await sweep()).data.escalated).toEqual({ notice: 0, bulletin: 0, summons: 0, exposure: 0 });
    env.clock.advance(3 * DAY); // Tuesday 12-01: overdue
    expect((await sweep()).data.escalated).toMatchObject({ notice: 4, bulletin: 0 });
    expect((await sweep()).data.escalated).toMatchObject({ notice: 0 }); // recorded once
    const item = (
      await env.call('queue', 'list', { page: 1, pageSize: 50, overdue: true }, 'staff-CJ')
    ).data.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ overdue: true, escalationLevel: 1 });

    env.clock.advance(3 * DAY); // Friday 12-04: 4 working days overdue
    expect((await sweep()).data.escalated).toMatchObject({ bulletin: 4, summons: 0 });
    env.clock.advance(14 * DAY);
    expect((await sweep()).data.escalated).toMatchObject({ summons: 4, exposure: 4 });
    const doc = await stored(id);
    expect(doc.escalations.map((e: { step: string }) => e.step)).toEqual(['notice', 'bulletin', 'summons', 'exposure']);

    const staffMessages = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'staff-CJ');
    expect(staffMessages.data.items).toContainEqual(
      expect.objectContaining({ title: '超期督办提醒', audience: 'department' }),
    );
    const residentMessages = await env.call('user', 'messages', { page: 1, pageSize: 20 }, 'resident-demo');
    expect(residentMessages.data.items.every((m: { audience: string }) => m.audience === 'reporter')).toBe(true);
    // Only 安委办 admins may run it by hand.
    expect(await env.call('scheduler', 'sweep', {}, 'staff-CJ')).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('a case that moves on in time is not escalated', async () => {
    const { id } = await submit();
    await act('staff-CJ', { step: 'accept', id });
    env.clock.advance(3 * DAY);
    const res = await env.call('scheduler', 'sweep', {}, 'admin-demo');
    expect(res.data.escalated.notice).toBe(3); // the three seeded samples, not this one
    expect((await stored(id)).escalationLevel).toBe(0);
  });
});

describe('reporters: nearby duplicates, 附议, tracking code, content check', () => {
  it('shows open reports of the same category within 250 m and lets the user follow instead', async () => {
    const first = await submit({ location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' } });
    await submit({
      categoryId: 'elevator',
      location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
    });
    await submit({ location: { latitude: 31.3418, longitude: 121.4447, address: '远处' } }); // ~1.1 km north
    const near = await env.call(
      'tipoff',
      'nearby',
      { latitude: 31.332, longitude: 121.4449, categoryId: 'gas-facility' },
      'worker-demo',
    );
    expect(near.data.map((n: { id: string }) => n.id)).toEqual([first.id]);
    expect(near.data[0].distanceMeters).toBe(50); // ~25 m, told to 50 m

    expect(await env.call('tipoff', 'follow', { id: first.id }, 'worker-demo')).toEqual({
      ok: true,
      data: { followers: 1, already: false, no: expect.stringMatching(/^MX-2026-/) },
    });
    expect(await env.call('tipoff', 'follow', { id: first.id }, 'worker-demo')).toEqual({
      ok: true,
      data: { followers: 1, already: true, no: expect.stringMatching(/^MX-2026-/) },
    });
    expect((await stored(first.id)).followers).toBe(1);
    // A follower reads the case (not rate it); a stranger still cannot.
    expect((await env.call('tipoff', 'detail', { id: first.id }, 'worker-demo')).data).toMatchObject({
      id: first.id,
      view: 'follower',
    });
    // Nor does the follower get the reporter's tracking code (which would let them rate or claim).
    const followerView = (await env.call('tipoff', 'detail', { id: first.id }, 'worker-demo')).data;
    expect(followerView.trackingCode).toBeUndefined();
    expect(await env.call('tipoff', 'detail', { id: first.id }, 'manager-demo')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('an anonymous reporter tracks and rates by tracking code alone', async () => {
    const { id, trackingCode } = await submit();
    const tracked = await env.call('tipoff', 'track', { trackingCode: trackingCode.toLowerCase() }, 'someone-else');
    expect(tracked.data).toMatchObject({ id, status: 'assigned', canRate: false });
    expect(await env.call('tipoff', 'track', { trackingCode: 'ZZZZZZZZZZ' }, 'someone-else')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await env.call('tipoff', 'detail', { id }, 'someone-else')).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await act('staff-CJ', { step: 'reject', id, reason: '不属于安全隐患' });
    expect(await env.call('tipoff', 'rate', { trackingCode, score: 3 }, 'someone-else')).toEqual({
      ok: true,
      data: { score: 3 },
    });
  });

  it('text that fails the content check is refused and nothing is stored', async () => {
    const before = await env.snapshot();
    const res = await env.call('tipoff', 'submit', validSubmission({ description: '楼下有人刻章办证，请处理' }));
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'description' }] } });
    expect(await env.snapshot()).toEqual(before);
  });
});

describe('queue filters and counts', () => {
  it('filters by status, category, area, overdue and major, sorts by deadline, and counts per tab', async () => {
    const a = await submit();
    env.clock.advance(DAY);
    const b = await submit({ suspectedMajor: true, areaId: 'gk2' });
    await act('staff-CJ', { step: 'accept', id: b.id });
    const list = (q: Record<string, unknown>) => env.call('queue', 'list', { page: 1, pageSize: 20, ...q }, 'staff-CJ');
    expect((await list({ status: 'accepted' })).data.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect((await list({ major: true })).data.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect((await list({ areaId: 'gk2' })).data.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect((await list({ categoryId: 'elevator' })).data.total).toBe(0);
    const all = (await list({})).data.items.map((i: { id: string }) => i.id);
    expect(all.indexOf(a.id)).toBeLessThan(all.indexOf(b.id)); // earlier deadline first
    const counts = await env.call('queue', 'counts', {}, 'staff-CJ');
    expect(counts.data).toMatchObject({ byStatus: { assigned: 1, accepted: 1 }, open: 2, major: 1 });
    const detail = await env.call('queue', 'detail', { id: b.id }, 'staff-CJ');
    expect(detail.data.allowedSteps).toEqual(['verify', 'transfer', 'merge', 'reject', 'extend']);
    expect(await env.call('queue', 'detail', { id: b.id }, 'staff-XF')).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('整改前后对比: the reporter sees the rectification photos once the case is closed', () => {
  it('not while the fix waits for sign-off, then beside the original on detail and track', async () => {
    const { id, trackingCode } = await submit();
    await act('staff-CJ', { step: 'accept', id });
    await driveToRectified(id);
    const before = await env.call('tipoff', 'detail', { id });
    expect(before.ok).toBe(true);
    expect(before.data.evidenceUrls).toBeUndefined();

    expect((await act('head-CJ', { step: 'signoff', id, approved: true, note: '复核通过' })).ok).toBe(true);
    const after = await env.call('tipoff', 'detail', { id });
    expect(after.data.evidenceUrls).toHaveLength(1);
    // Residents read 办结, never the staff term 销号, also in the notes the steps compose.
    expect(JSON.stringify(after.data.timeline)).toContain('已办结');
    expect(JSON.stringify(after.data.timeline)).not.toContain('销号');
    expect(after.data.evidenceUrls[0]).toMatch(/^\/storage\/local-[0-9a-f]{32}-[0-9a-f]{32}\.png\?exp=\d+&sig=/);
    const tracked = await env.call('tipoff', 'track', { trackingCode });
    expect(tracked.data.evidenceUrls).toEqual([expect.stringMatching(/^\/storage\/local-/)]);
  });
});
