// 曝光台 (issue 11, seed §24): a report reaching 曝光 (level 4) is published by the sweep, level 3 is not; 安委办
// puts a major hazard under 挂牌督办 and takes items off with a reason; a withdrawn item leaves the board but stays in
// 安委办's list; a closed case stays on the board with its status; no answer ever names a person.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { auditActionLabel } from '../../../types/audit-log';
import { uploadScope } from '../../../types/user';
import { exposureItem, ledgerDescription, publicText, type ExposureDoc } from '../exposure';
import { defaultTown } from '../town';

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
let env: TestEnv;
/** Every answer of the exposure function in this test, scanned for identity at the end of each test. */
let answers: unknown[];
beforeEach(async () => {
  env = await openTestEnv();
  answers = [];
});
afterEach(() => env.close());

const DAY = 86_400_000;
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const exposure = async (action: string, input: Record<string, unknown> = {}, openid = 'resident-demo') => {
  const res = (await env.call('exposure', action, input, openid)) as Res;
  answers.push(res);
  return res;
};
const board = async (openid = 'resident-demo') => ok(await exposure('board', { page: 1, pageSize: 20 }, openid));
const manage = async (input: Record<string, unknown> = {}) => ok(await exposure('manage', input, 'admin-demo'));
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
const sweep = async () => ok(await env.call('scheduler', 'sweep', {}, 'admin-demo'));
const tipoff = async (id: string) =>
  (await env.runtime.db.collection('tipoffs').doc(id).get()).data as { escalationLevel: number; reporterKey: string };

/** The reporter's own words, with what must never be published. */
const DESCRIPTION = '我是王建国，电话13812345678，12号楼楼道堆放杂物堵塞消防通道，物业李师傅不管';
const CONTACT = { name: '王建国', phone: '13812345678' };

async function fileReport() {
  const input = validSubmission({ description: DESCRIPTION, anonymous: false, contact: CONTACT });
  return ok(await env.call('tipoff', 'submit', input, 'resident-demo')) as { id: string; no: string };
}

/** No reporter, contact, key, address, coordinates, photo or staff name in any answer collected. */
async function expectNoIdentity(extra: string[] = []) {
  const text = JSON.stringify(answers);
  for (const secret of [
    'resident-demo',
    'staff-CJ',
    'admin-demo',
    CONTACT.name,
    CONTACT.phone,
    '共康五村 3 号楼',
    '31.3318',
    '121.4447',
    'reporterKey',
    'trackingCode',
    'openid',
    ...extra,
  ])
    expect([secret, text.includes(secret)]).toEqual([secret, false]);
}

describe('the sweep publishes at 曝光', () => {
  it('level 3 (约谈) is not on the board; level 4 (曝光) is, cleaned, for everyone signed in', async () => {
    const filed = await fileReport();
    env.clock.advance(10 * DAY);
    await sweep();
    expect((await tipoff(filed.id)).escalationLevel).toBe(3);
    expect(ids(await board())).not.toContain(`tipoff_${filed.id}`);

    env.clock.advance(10 * DAY);
    await sweep();
    const doc = await tipoff(filed.id);
    expect(doc.escalationLevel).toBe(4);
    const onBoard = await board();
    const items = [onBoard.items.find((i: { id: string }) => i.id === `tipoff_${filed.id}`)];
    expect(items[0]).toMatchObject({
      id: `tipoff_${filed.id}`,
      kind: 'overdue',
      kindLabel: '超期曝光',
      no: filed.no,
      categoryName: '燃气管道/设施隐患',
      areaName: '共康五村',
      resolved: false,
    });
    expect(items[0].enterpriseName).toBeUndefined();
    expect(items[0].description).toContain('堵塞消防通道');
    expect(items[0].description).not.toMatch(/王建国|138|12号|李师傅/);
    expect(items[0].deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A worker, staff and leaders read the same board.
    for (const who of ['worker-demo', 'staff-CJ', 'leader-demo']) expect(ids(await board(who))).toEqual(ids(onBoard));

    // A rerun of the sweep writes nothing twice.
    await sweep();
    expect((await board()).total).toBe(onBoard.total);
    await expectNoIdentity([doc.reporterKey]);
  });

  it('a closed case stays on the board with its status; only 安委办 takes it off, with a reason', async () => {
    const filed = await fileReport();
    env.clock.advance(20 * DAY);
    await sweep();
    await env.runtime.db
      .collection('tipoffs')
      .doc(filed.id)
      .update({ data: { status: 'closed' } });
    const id = `tipoff_${filed.id}`;
    const item = (await board()).items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ no: filed.no, statusLabel: '已销号', resolved: true });

    for (const who of ['head-CJ', 'staff-CJ', 'resident-demo'])
      expect((await exposure('withdraw', { id, reason: '已整改到位，复查合格' }, who)).error.code).toBe('FORBIDDEN');
    expect((await exposure('withdraw', { id, reason: '已整改' }, 'admin-demo')).error.code).toBe('INVALID_INPUT');
    expect((await exposure('withdraw', { id, reason: '    ' }, 'admin-demo')).error.code).toBe('INVALID_INPUT');
    expect(ids(await board())).toContain(id);

    env.clock.advance(60_000);
    ok(await exposure('withdraw', { id, reason: '已整改到位，复查合格' }, 'admin-demo'));
    expect(ids(await board())).not.toContain(id);
    expect((await exposure('withdraw', { id, reason: '已整改到位，复查合格' }, 'admin-demo')).error.code).toBe(
      'CONFLICT',
    );

    const all = await manage();
    expect(all.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      id,
      withdrawn: true,
      withdrawReason: '已整改到位，复查合格',
      withdrawnBy: '镇安委办 经办人',
      statusLabel: '已销号',
    });
    expect(
      all.items
        .find((i: { id: string }) => i.id === id)
        .history.map((h: { what: string; by: string }) => [h.what, h.by]),
    ).toEqual([
      ['published', '系统（超期自动曝光）'],
      ['withdrawn', '镇安委办 经办人'],
    ]);
    expect(ids(await manage({ state: 'listed' }))).not.toContain(id);
    expect(ids(await manage({ state: 'withdrawn' }))).toEqual([id]);
    // leader-demo (a leader, also holding 安委办's roles in the demo) reads it; the table keeps leaders read-only.
    expect((await exposure('manage', {}, 'leader-demo')).ok).toBe(true);
    for (const who of ['staff-CJ', 'resident-demo', 'head-CJ'])
      expect((await exposure('manage', {}, who)).error.code).toBe('FORBIDDEN');

    // The sweep never puts back what 安委办 took off; the decision is in the audit trail.
    env.clock.advance(DAY);
    await env.runtime.db
      .collection('tipoffs')
      .doc(filed.id)
      .update({ data: { status: 'assigned', escalationLevel: 3, escalations: [] } });
    await sweep();
    expect(ids(await board())).not.toContain(id);
    const audits = await env.runtime.db.collection('audits').where({ action: 'exposure.withdraw' }).get();
    expect(audits.data).toHaveLength(1);
    expect(audits.data[0]).toMatchObject({ targetType: 'tipoff', targetId: filed.id });
    // 操作日志 names the decision in words.
    expect(auditActionLabel('exposure.withdraw')).toBe('从曝光台撤下');
    expect(auditActionLabel('exposure.supervise')).toBe('挂牌督办（上曝光台）');
    await expectNoIdentity();
  });
});

describe('挂牌督办', () => {
  async function ledgerEntry() {
    const input = {
      source: 'inspection',
      title: '配电箱门损坏',
      description: '配电箱门损坏，带电部位外露，联系人张三13900001111',
      categoryId: 'fire-other',
      enterpriseName: '共康便民超市',
      address: '共康五村 3 号楼底商',
      deadline: '2026-12-10',
    };
    return ok(await env.call('admin', 'ledgerCreate', input, 'staff-CJ')) as { id: string; no: string };
  }

  it('an open major hazard is offered, listed with its note, and cannot be listed twice', async () => {
    const entry = await ledgerEntry();
    const before = await manage();
    expect(before.candidates.map((c: { ledgerId: string }) => c.ledgerId)).toContain(entry.id);
    expect(before.candidates.find((c: { ledgerId: string }) => c.ledgerId === entry.id)).toMatchObject({
      no: entry.no,
      enterpriseName: '共康便民超市',
      departmentName: '城建',
      deadline: '2026-12-10',
      statusLabel: '整改中',
    });

    const note = '限期 12 月 10 日前完成整改，镇安委办挂牌督办';
    for (const who of ['head-CJ', 'staff-CJ', 'resident-demo'])
      expect((await exposure('supervise', { ledgerId: entry.id, note }, who)).error.code).toBe('FORBIDDEN');
    expect((await exposure('supervise', { ledgerId: 'nope', note }, 'admin-demo')).error.code).toBe('NOT_FOUND');
    const listed = ok(await exposure('supervise', { ledgerId: entry.id, note }, 'admin-demo'));
    expect(listed).toMatchObject({
      id: `ledger_${entry.id}`,
      kind: 'supervised',
      kindLabel: '挂牌督办',
      no: entry.no,
      enterpriseName: '共康便民超市',
      title: '配电箱门损坏',
      deadline: '2026-12-10',
      statusLabel: '整改中',
      note,
    });
    expect(listed.description).not.toMatch(/13900001111|张三/);
    expect((await exposure('supervise', { ledgerId: entry.id, note }, 'admin-demo')).error.code).toBe('CONFLICT');
    expect(ids(await board())).toContain(`ledger_${entry.id}`);
    expect((await manage()).candidates.map((c: { ledgerId: string }) => c.ledgerId)).not.toContain(entry.id);

    // 销号 does not take it off: it reads 已销号 until 安委办 decides.
    const photo = await env.upload('admin-demo', uploadScope.ledger(entry.id));
    ok(
      await env.call(
        'admin',
        'ledgerProgress',
        { id: entry.id, note: '已更换配电箱门，复查合格', close: true, evidence: [photo] },
        'admin-demo',
      ),
    );
    expect((await board()).items.find((i: { id: string }) => i.id === `ledger_${entry.id}`)).toMatchObject({
      statusLabel: '已销号',
      resolved: true,
    });
    expect((await manage()).candidates.map((c: { ledgerId: string }) => c.ledgerId)).not.toContain(entry.id);
    await expectNoIdentity(['13900001111', '底商']);
  });

  it('a withdrawn hazard may be listed again, keeping its history; a closed one may not be listed', async () => {
    const entry = await ledgerEntry();
    const id = `ledger_${entry.id}`;
    ok(await exposure('supervise', { ledgerId: entry.id, note: '挂牌督办，限期整改' }, 'admin-demo'));
    env.clock.advance(60_000);
    ok(await exposure('withdraw', { id, reason: '督办单位已提交整改方案' }, 'admin-demo'));
    expect((await manage()).candidates.map((c: { ledgerId: string }) => c.ledgerId)).toContain(entry.id);
    env.clock.advance(60_000);
    ok(await exposure('supervise', { ledgerId: entry.id, note: '整改方案未落实，重新挂牌' }, 'admin-demo'));
    const item = (await manage()).items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ id, withdrawn: false, note: '整改方案未落实，重新挂牌' });
    expect(item.history.map((h: { what: string }) => h.what)).toEqual(['published', 'withdrawn', 'published']);

    const other = await ledgerEntry();
    const photo = await env.upload('admin-demo', uploadScope.ledger(other.id));
    ok(
      await env.call(
        'admin',
        'ledgerProgress',
        { id: other.id, note: '已更换配电箱门，复查合格', close: true, evidence: [photo] },
        'admin-demo',
      ),
    );
    const res = await exposure('supervise', { ledgerId: other.id, note: '挂牌督办' }, 'admin-demo');
    expect(res.error).toMatchObject({ code: 'CONFLICT', message: '该隐患已销号，不能再挂牌督办' });
    await expectNoIdentity();
  });
});

describe('publicText', () => {
  it('keeps the town case numbers and masks phones, ID and house numbers and names around them', () => {
    expect(publicText('违规改建/群租（MX-2026-000012）')).toBe('违规改建/群租（MX-2026-000012）');
    expect(publicText('见台账 ZD-2026-0003，联系王先生13812345678，5号楼')).toBe(
      '见台账 ZD-2026-0003，联系某先生***，*号楼',
    );
    expect(publicText('MX-2026-000001 与 MX-2026-000002 同一处')).toBe('MX-2026-000001 与 MX-2026-000002 同一处');
  });

  it('keeps the standards a basis names (the board showed 《重大火灾隐患判定方法》（GB ***）), still masking a phone', () => {
    expect(publicText('依据：《重大火灾隐患判定方法》（GB 35181）第6.7条')).toBe(
      '依据：《重大火灾隐患判定方法》（GB 35181）第6.7条',
    );
    expect(publicText('GB/T 29639-2020、AQ 3013、DB31/T 1080，电话13812345678')).toBe(
      'GB/T 29639-2020、AQ 3013、DB31/T 1080，电话***',
    );
  });
});

describe('exposureItem (pure)', () => {
  const town = defaultTown();
  const base: ExposureDoc = {
    _id: 'tipoff_t1',
    kind: 'overdue',
    tipoffId: 't1',
    no: 'MX-2026-000001',
    listed: true,
    publishedAt: '2026-11-28T10:00:00+08:00',
    history: [],
    updatedAt: '2026-11-28T10:00:00+08:00',
  };
  it('hides the text the content check could not look at, and says 已办结 for a case that is gone', () => {
    const tipoff = {
      _id: 't1',
      no: 'MX-2026-000001',
      status: 'accepted' as const,
      categoryId: 'gas-facility',
      areaId: 'gk5',
      description: '有异味',
      departmentId: 'CJ',
      dueAt: '2026-12-01T23:59:59+08:00',
      moderation: 'unchecked' as const,
    };
    expect(exposureItem(base, { tipoff }, town)).toMatchObject({ description: '', deadline: '2026-12-01' });
    expect(exposureItem(base, {}, town)).toMatchObject({ statusLabel: '已办结', resolved: true, no: base.no });
  });

  it("a self-inspection's entry shows its basis only: not the title again, not the enterprise's own note", () => {
    const description =
      '消防安全（所有企业）：疏散通道堵塞\n依据：GB 35181 第 6.1 条\n企业说明：王经理说下周清理，电话 13912345678';
    expect(ledgerDescription({ description, inspectionId: 'i1' })).toBe('依据：GB 35181 第 6.1 条');
    // Entered by a department (no inspection): the whole description, as written.
    expect(ledgerDescription({ description })).toBe(description);
  });
});
