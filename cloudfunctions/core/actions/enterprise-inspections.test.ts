// Issue 10 企业自查: a 不符合 on a major line enters the ledger as 企业自查 for the enterprise; the enterprise
// fixes it and asks for the 销号; the department closes it or sends it back.
/* eslint-disable @typescript-eslint/no-explicit-any -- the engine returns untyped documents and results */
import categoriesFile from '../../../config/town/categories.json';
import departmentsFile from '../../../config/town/departments.json';
import { openTestEnv, type TestEnv } from '../../../local-engine/test-support';
import { CHECKLISTS, checklistsFor, INSPECTIONS } from '../checklists';
import { ENTERPRISES } from '../enterprises';
import { uploadScope } from '../files';
import { townIndustries } from '../industries';
import { enterpriseRecipient } from '../internal-reports';
import { LEDGER } from '../ledger';
import { MESSAGES } from '../messages';
import { setConfig } from '../town-config';
import { runTransaction } from '../transaction';
import { USERS } from '../users';

const MANAGER = 'manager-demo';
const WORKER = 'worker-demo';
const LINES = checklistsFor(CHECKLISTS.seed, 'trade-dust').flatMap((l) => l.items);
const MAJOR = LINES.find((i) => i.major)!;
const MINOR = LINES.find((i) => !i.major)!;

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv({ start: '2026-11-28T10:00:00+08:00' });
  // ENT-DEMO: 工贸（涉爆粉尘）, active, managed by manager-demo (as the demo seed has it).
  await env.runtime.db
    .collection(ENTERPRISES)
    .doc('ENT-DEMO')
    .update({ data: { status: 'active', industry: 'trade-dust', highRisk: true } });
});
afterEach(async () => {
  await env.runtime.mediaCheck.settled();
  env.close();
});

let seq = 0;
/** A whole form: every line 符合 except those given. */
async function form(fails: { id: string; result?: 'fail' | 'na' }[] = [], openid = MANAGER) {
  const requestId = `si-test-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
  const items = [];
  for (const line of LINES) {
    const f = fails.find((x) => x.id === line.id);
    if (f && (f.result ?? 'fail') === 'fail') {
      const photo = await env.upload(openid, uploadScope.inspect(requestId));
      items.push({ id: line.id, result: 'fail', note: '现场发现不符合', photos: [photo] });
    } else items.push({ id: line.id, result: f?.result ?? 'ok' });
  }
  return { requestId, version: 1, leaderName: '王安全', items };
}

const ledgerOf = async (enterpriseId = 'ENT-DEMO') =>
  (await env.runtime.db.collection(LEDGER).where({ enterpriseId }).get()).data as any[];

describe('enterprise.selfInspect', () => {
  it('lists the checklists of the industry and of every enterprise', async () => {
    const res = await env.call('enterprise', 'checklist', {}, MANAGER);
    expect(res.ok).toBe(true);
    expect(res.data.version).toBe(1);
    const ids = res.data.sections.flatMap((s: any) => s.items.map((i: any) => i.id));
    expect(ids).toEqual(LINES.map((l) => l.id));
    expect(res.data.sections.some((s: any) => s.id === 'fire')).toBe(true);
  });

  it('one 不符合 on a major line → one 企业自查 ledger entry for the enterprise, its managers told, duty done', async () => {
    const input = await form([{ id: MAJOR.id }]);
    const res = await env.call('enterprise', 'selfInspect', input, MANAGER);
    expect(res.ok).toBe(true);
    expect(res.data.ledgerIds).toHaveLength(1);
    expect(res.data.failed).toBe(1);
    const [entry] = await ledgerOf();
    expect(entry).toMatchObject({
      source: 'selfReport',
      enterpriseId: 'ENT-DEMO',
      departmentId: 'YJ',
      status: 'rectifying',
      deadline: '2026-12-28',
      inspectionId: res.data.id,
    });
    const msgs = (
      await env.runtime.db
        .collection(MESSAGES)
        .where({ recipient: enterpriseRecipient('ENT-DEMO') })
        .get()
    ).data as any[];
    expect(msgs.filter((m) => m.kind === 'ledger' && m.body.includes(entry.no))).toHaveLength(1);
    const ent = (await env.runtime.db.collection(ENTERPRISES).doc('ENT-DEMO').get()).data as any;
    expect(ent.inspectionLastOn).toBe('2026-11-28');
    expect(ent.inspectionDueOn).toBeDefined();
    // The manager's own list shows it as 企业自查; the history shows the inspection.
    const list = await env.call('enterprise', 'ledger', { page: 1, pageSize: 20 }, MANAGER);
    expect(list.data.items.map((e: any) => e.id)).toEqual(res.data.ledgerIds);
    const hist = await env.call('enterprise', 'inspections', { page: 1, pageSize: 20 }, MANAGER);
    expect(hist.data.items[0]).toMatchObject({ id: res.data.id, majorFails: 1, ledgerNos: [entry.no] });
    const detail = await env.call('enterprise', 'inspection', { id: res.data.id }, MANAGER);
    const failed = detail.data.items.find((i: any) => i.id === MAJOR.id);
    expect(failed).toMatchObject({ result: 'fail', resultLabel: '不符合', ledgerNo: entry.no });
    expect(failed.photoUrls).toHaveLength(1);
    expect(JSON.stringify(detail.data)).not.toContain(MANAGER);
  });

  it('files a fire-list line under 其他火灾隐患 and a dust-list line under the industry’s category', async () => {
    const fire = CHECKLISTS.seed.checklists.find((l) => l.id === 'fire')!.items.find((i) => i.major)!;
    const dust = CHECKLISTS.seed.checklists.find((l) => l.id === 'dust')!.items.find((i) => i.major)!;
    const res = await env.call('enterprise', 'selfInspect', await form([{ id: fire.id }, { id: dust.id }]), MANAGER);
    expect(res.ok).toBe(true);
    const byTitle = new Map((await ledgerOf()).map((e) => [e.description.split('\n')[0], e.categoryId]));
    expect(byTitle.get(`消防安全（所有企业）：${fire.text}`)).toBe('fire-other');
    expect([...byTitle.values()].sort()).toEqual(['dust', 'fire-other']);
  });

  it('a 不符合 on a non-major line opens no ledger entry', async () => {
    const res = await env.call('enterprise', 'selfInspect', await form([{ id: MINOR.id }]), MANAGER);
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({ ledgerIds: [], failed: 1 });
    expect(await ledgerOf()).toHaveLength(0);
  });

  it('a retry with the same requestId files once', async () => {
    const input = await form([{ id: MAJOR.id }]);
    const [a, b] = await Promise.all([
      env.call('enterprise', 'selfInspect', input, MANAGER),
      env.call('enterprise', 'selfInspect', input, MANAGER),
    ]);
    const c = await env.call('enterprise', 'selfInspect', input, MANAGER);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    expect(new Set([a.data.id, b.data.id, c.data.id]).size).toBe(1);
    expect(await ledgerOf()).toHaveLength(1);
    expect((await env.runtime.db.collection(INSPECTIONS).count()).total).toBe(1);
  });

  describe('refused, nothing written', () => {
    const refused = async (input: Record<string, unknown>, openid: string, code: string) => {
      const before = await env.digest({ except: ['rateLimits'] });
      const res = await env.call('enterprise', 'selfInspect', input, openid);
      expect(res.ok).toBe(false);
      expect(res.error.code).toBe(code);
      expect(await env.digest({ except: ['rateLimits'] })).toBe(before);
      return res.error;
    };

    it('a line left out', async () => {
      const input = await form();
      const err = await refused({ ...input, items: input.items.slice(1) }, MANAGER, 'INVALID_INPUT');
      expect(err.message).toContain('1 项未填写');
    });
    it('a line given twice', async () => {
      const input = await form();
      await refused({ ...input, items: [...input.items, input.items[0]] }, MANAGER, 'INVALID_INPUT');
    });
    it('an unknown line', async () => {
      const input = await form();
      await refused(
        { ...input, items: [...input.items, { id: 'no-such-line', result: 'ok' }] },
        MANAGER,
        'INVALID_INPUT',
      );
    });
    it('an old version', async () => {
      await runTransaction(env.runtime.db, (tx) => setConfig(tx, CHECKLISTS, CHECKLISTS.seed, 'admin-demo', 'x'));
      const err = await refused(await form(), MANAGER, 'CONFLICT');
      expect(err.message).toContain('检查表已更新');
    });
    it('another enterprise’s manager', async () => {
      await env.runtime.db
        .collection(USERS)
        .doc('manager-other')
        .set({
          data: {
            roles: ['resident', 'safetyManager'],
            enterpriseId: 'ENT-DEMO-2',
            createdAt: '2026-11-01T10:00:00+08:00',
          },
        });
      await env.runtime.db
        .collection(ENTERPRISES)
        .doc('ENT-DEMO-2')
        .update({ data: { status: 'active' } });
      // Its form names ENT-DEMO's lines (retail has only the `*` list): it cannot file for ENT-DEMO.
      await refused(await form([], 'manager-other'), 'manager-other', 'INVALID_INPUT');
      expect(await ledgerOf()).toHaveLength(0);
      const other = await env.call(
        'enterprise',
        'inspections',
        { enterpriseId: 'ENT-DEMO', page: 1, pageSize: 5 },
        'manager-other',
      );
      expect(other.error.code).toBe('FORBIDDEN');
    });
    it('a worker', async () => {
      await refused(await form([], WORKER), WORKER, 'FORBIDDEN');
    });
    it('photos from another form', async () => {
      const input = await form([{ id: MAJOR.id }]);
      const stray = await env.upload(MANAGER, uploadScope.inspect('another-form-1'));
      const items = input.items.map((i) => (i.id === MAJOR.id ? { ...i, photos: [stray] } : i));
      await refused({ ...input, items }, MANAGER, 'INVALID_INPUT');
    });
  });

  it('another enterprise’s inspection looks missing; 安委办 reads any', async () => {
    const res = await env.call('enterprise', 'selfInspect', await form(), MANAGER);
    await env.runtime.db
      .collection(USERS)
      .doc('manager-other')
      .set({ data: { roles: ['resident', 'safetyManager'], enterpriseId: 'ENT-DEMO-2', createdAt: 'x' } });
    const other = await env.call('enterprise', 'inspection', { id: res.data.id }, 'manager-other');
    expect(other.error.code).toBe('NOT_FOUND');
    const office = await env.call('enterprise', 'inspection', { id: res.data.id }, 'admin-demo');
    expect(office.ok).toBe(true);
  });
});

describe('the enterprise fixes, the department reviews', () => {
  async function entry(): Promise<string> {
    const res = await env.call('enterprise', 'selfInspect', await form([{ id: MAJOR.id }]), MANAGER);
    return res.data.ledgerIds[0];
  }
  async function done(id: string) {
    const photo = await env.upload(MANAGER, uploadScope.ledger(id));
    return env.call(
      'enterprise',
      'ledgerProgress',
      { id, note: '已更换防爆电机并清理积尘', done: true, evidence: [photo] },
      MANAGER,
    );
  }
  const admin = async (input: Record<string, unknown>) => {
    const photo = input.close ? [await env.upload('admin-demo', uploadScope.ledger(String(input.id)))] : undefined;
    return env.call('admin', 'ledgerProgress', { ...input, ...(photo ? { evidence: photo } : {}) }, 'admin-demo');
  };

  it('done → rectified → the department closes; the enterprise is told', async () => {
    const id = await entry();
    const res = await done(id);
    expect(res.ok).toBe(true);
    expect(res.data.status).toBe('rectified');
    expect(res.data.enterpriseId).toBe('ENT-DEMO');
    const again = await done(id);
    expect(again.error.code).toBe('CONFLICT');
    const closed = await admin({ id, note: '现场复查，防爆电机已更换合格', close: true });
    expect(closed.ok).toBe(true);
    expect(closed.data.status).toBe('closed');
    const msgs = (
      await env.runtime.db
        .collection(MESSAGES)
        .where({ recipient: enterpriseRecipient('ENT-DEMO') })
        .get()
    ).data as any[];
    expect(msgs.map((m) => m.title)).toContain('隐患已销号');
    const late = await env.call('enterprise', 'ledgerProgress', { id, note: '补充说明' }, MANAGER);
    expect(late.error.code).toBe('CONFLICT');
  });

  it('the department sends a rectified entry back: rectifying again, with the note', async () => {
    const id = await entry();
    await done(id);
    const back = await admin({ id, note: '积尘未清理干净' });
    expect(back.ok).toBe(true);
    expect(back.data.status).toBe('rectifying');
    expect(back.data.progress.at(-1).note).toBe('退回整改：积尘未清理干净');
    expect((await done(id)).data.status).toBe('rectified');
  });

  it('another enterprise’s manager cannot see or answer the entry', async () => {
    const id = await entry();
    await env.runtime.db
      .collection(USERS)
      .doc('manager-other')
      .set({ data: { roles: ['resident', 'safetyManager'], enterpriseId: 'ENT-DEMO-2', createdAt: 'x' } });
    const res = await env.call('enterprise', 'ledgerProgress', { id, note: '已整改' }, 'manager-other');
    expect(res.error.code).toBe('NOT_FOUND');
    const list = await env.call('enterprise', 'ledger', { page: 1, pageSize: 20 }, 'manager-other');
    expect(list.data.items).toHaveLength(0);
  });

  it('a department entry naming an enterprise: kept with its id and name, its managers told', async () => {
    const res = await env.call(
      'admin',
      'ledgerCreate',
      {
        source: 'inspection',
        title: '粉尘除尘系统未接地',
        description: '检查发现除尘器未做防静电接地',
        categoryId: 'dust',
        enterpriseName: '随便写的名字',
        enterpriseId: 'ENT-DEMO',
        address: '庙行镇示范路 88 号',
        deadline: '2026-12-20',
      },
      'staff-CJ',
    );
    expect(res.ok).toBe(true);
    expect(res.data.enterpriseId).toBe('ENT-DEMO');
    expect(res.data.enterpriseName).not.toBe('随便写的名字');
    const msgs = (
      await env.runtime.db
        .collection(MESSAGES)
        .where({ recipient: enterpriseRecipient('ENT-DEMO') })
        .get()
    ).data as any[];
    expect(msgs.some((m) => m.kind === 'ledger' && m.body.includes(res.data.no))).toBe(true);
    const missing = await env.call(
      'admin',
      'ledgerCreate',
      {
        source: 'inspection',
        title: '粉尘除尘系统未接地',
        description: '检查发现除尘器未做防静电接地',
        categoryId: 'dust',
        enterpriseName: '某企业',
        enterpriseId: 'NO-SUCH',
        address: '庙行镇示范路 88 号',
        deadline: '2026-12-20',
      },
      'staff-CJ',
    );
    expect(missing.error.code).toBe('INVALID_INPUT');
  });
});

describe('the industry → department map (config/town/industries.json)', () => {
  it('names real departments and categories', () => {
    const depts = new Set(departmentsFile.map((d) => d.code));
    const cats = new Set(categoriesFile.map((c) => c.id));
    for (const i of townIndustries().list) {
      if (i.departmentId) expect(depts.has(i.departmentId)).toBe(true);
      if (i.categoryId) expect(cats.has(i.categoryId)).toBe(true);
    }
  });
});
