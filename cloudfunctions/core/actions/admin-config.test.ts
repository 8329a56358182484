// 系统配置 (issue 11): admin.config / setConfig / route. A new routing rule sends a NEW report to the new department
// while an OLD report keeps its department, reason and deadlines; later steps of the old report use the SLA it was
// filed under; stale bases, unknown names and removals still in use are refused in Chinese; history newest first
// with display names; the loaded town is dropped at once after a change.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';
import { coverage, type ObservedQuery } from '../../../scripts/index-coverage';
import { AUDITS } from '../audit';
import { blockedWordIn } from '../blocked-words';
import { GEO_INDEXES, INDEXES } from '../indexes';
import { TIPOFFS } from '../tipoffs';
import { defaultTown } from '../town';
import { CONFIG } from '../town-config';
import { loadTown, TOWN_CACHE_MS, townData } from '../town-store';

let env: TestEnv;
const queries = new Map<string, ObservedQuery>();
beforeEach(async () => {
  env = await openTestEnv({
    onQuery: (q) => queries.set(JSON.stringify([q.collection, q.op, q.where, q.orderBy]), q),
  });
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const seed = townData(defaultTown());
const config = (key: string, openid = 'admin-demo', version?: number) =>
  env.call('admin', 'config', { key, ...(version ? { version } : {}) }, openid);
const set = (key: string, data: unknown, baseVersion = 1, openid = 'admin-demo', note = '按镇里新分工调整') =>
  env.call('admin', 'setConfig', { key, data, baseVersion, note }, openid);
const submit = async (overrides: Record<string, unknown> = {}) =>
  ok(await env.call('tipoff', 'submit', validSubmission(overrides))) as { id: string; no: string };
const stored = async (id: string) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (await env.runtime.db.collection(TIPOFFS).doc(id).get()).data as Record<string, any>;

/** R01 (燃气 → 城建) now sends gas reports to 应急, with 城管 helping. */
const gasToYJ = () => ({
  ...seed.routing,
  rules: seed.routing.rules.map((r) =>
    r.id === 'R01' ? { ...r, departmentCode: 'YJ', coDepartmentCodes: ['CG'], name: '燃气（应急牵头）' } : r,
  ),
});

describe('admin.config', () => {
  it('reads the seeded version 1 with its history, by 初始配置; admin and leader may, staff may not', async () => {
    const view = ok(await config('routing'));
    expect(view).toMatchObject({ key: 'routing', label: '分派规则', version: 1, current: true, by: '初始配置' });
    expect(view.data).toEqual(seed.routing);
    expect(view.history).toEqual([expect.objectContaining({ version: 1, by: '初始配置' })]);
    expect(ok(await config('blockedWords', 'leader-demo')).data.words).toContain('办证');
    expect((await config('routing', 'staff-CJ')).error.code).toBe('FORBIDDEN');
    expect((await config('routing', 'admin-demo', 7)).error.code).toBe('NOT_FOUND');
  });

  it('keeps every version: history newest first with display names (never an openid); an old version read-only', async () => {
    ok(await set('blockedWords', { words: ['办证', '高利贷'] }, 1));
    ok(await set('blockedWords', { words: ['办证', '高利贷', '套路贷'] }, 2, 'admin-demo', '再加一个词'));
    const view = ok(await config('blockedWords'));
    expect(view.version).toBe(3);
    expect(view.history.map((h: { version: number }) => h.version)).toEqual([3, 2, 1]);
    expect(view.history[0]).toMatchObject({ by: '镇安委办 经办人', note: '再加一个词' });
    expect(view.history[2].by).toBe('初始配置');
    expect(JSON.stringify(view)).not.toContain('admin-demo');
    const old = ok(await config('blockedWords', 'admin-demo', 2));
    expect(old).toMatchObject({ version: 2, current: false, data: { words: ['办证', '高利贷'] } });
  });
});

describe('admin.setConfig', () => {
  it('routes a NEW report under the new rule while an OLD one keeps its department, reason and deadlines', async () => {
    const old = await submit();
    const before = await stored(old.id);
    expect(before).toMatchObject({ departmentId: 'CJ', townVersions: { routing: 1, sla: 1, categories: 1 } });

    const view = ok(await set('routing', gasToYJ()));
    expect(view).toMatchObject({ version: 2, current: true, by: '镇安委办 经办人', note: '按镇里新分工调整' });

    const fresh = await stored((await submit()).id);
    expect(fresh).toMatchObject({ departmentId: 'YJ', coDepartmentIds: ['CG'], townVersions: { routing: 2, sla: 1 } });
    expect(fresh.routing.reason).toContain('燃气（应急牵头）');
    const after = await stored(old.id);
    expect(after.departmentId).toBe('CJ');
    expect(after.routing).toEqual(before.routing);
    expect(after.deadlines).toEqual(before.deadlines);
    expect(after.dueAt).toBe(before.dueAt);

    const audit = (await env.runtime.db.collection(AUDITS).where({ action: 'config.set' }).get()).data;
    expect(audit).toEqual([
      expect.objectContaining({ targetType: 'config', targetId: 'routing', from: '1', to: '2', actor: 'admin-demo' }),
    ]);
  });

  it('a later step of an old report uses the SLA version it was filed under; a new report the new one', async () => {
    const old = await submit();
    ok(await set('sla', { ...seed.sla, verifyWorkingDays: 10 }, 1, 'admin-demo', '核查时限放宽'));
    const fresh = await submit();
    // Saturday 2026-11-28 10:00: 5 working days → Fri 12-04; 10 working days → Fri 12-11.
    ok(await env.call('queue', 'act', { id: old.id, step: 'accept', note: '' }, 'staff-CJ'));
    ok(await env.call('queue', 'act', { id: fresh.id, step: 'accept', note: '' }, 'staff-CJ'));
    expect((await stored(old.id)).deadlines.verifyBy.slice(0, 10)).toBe('2026-12-04');
    expect((await stored(fresh.id)).deadlines.verifyBy.slice(0, 10)).toBe('2026-12-11');
    expect((await stored(fresh.id)).townVersions.sla).toBe(2);
  });

  it('refuses a stale base version with CONFLICT and writes nothing', async () => {
    ok(await set('blockedWords', { words: ['办证'] }, 1));
    const digest = await env.digest({ except: ['rateLimits'] });
    const res = await set('blockedWords', { words: ['赌博'] }, 1);
    expect(res.error.code).toBe('CONFLICT');
    expect(res.error.message).toContain('已被他人修改');
    expect(await env.digest({ except: ['rateLimits'] })).toBe(digest);
  });

  it('refuses data that fails the schema, with the field path under data', async () => {
    const res = await set('sla', { ...seed.sla, acceptWorkingDays: 0 });
    expect(res.error.code).toBe('INVALID_INPUT');
    expect(res.error.issues[0].path).toBe('data.acceptWorkingDays');
  });

  it('refuses a rule naming an unknown department, category or area, naming it in Chinese', async () => {
    const routing = {
      ...seed.routing,
      rules: [...seed.routing.rules, { id: 'R99', name: '新规则', categoryIds: ['nope'], departmentCode: 'ZZ' }],
    };
    const res = await set('routing', routing);
    expect(res.error.code).toBe('INVALID_INPUT');
    const i = seed.routing.rules.length;
    expect(res.error.issues).toEqual(
      expect.arrayContaining([
        { path: `data.rules.${i}.departmentCode`, message: '规则「新规则」的主办部门 ZZ 不存在' },
        { path: `data.rules.${i}.categoryIds.0`, message: '规则「新规则」的类别 nope 不存在' },
      ]),
    );
  });

  it('refuses removing a department still routed to or staffed, a category with open reports, an area in a rule', async () => {
    const noCJ = seed.departments.filter((d) => d.code !== 'CJ');
    const dept = await set('departments', noCJ);
    expect(dept.error.code).toBe('INVALID_INPUT');
    const messages = dept.error.issues.map((i: { message: string }) => i.message);
    expect(messages).toContain('部门「城建」仍在分派规则「燃气」中，请先修改分派规则');
    const staff = (await env.runtime.db.collection('users').where({ departmentId: 'CJ' }).count()).total;
    expect(staff).toBeGreaterThan(0);
    expect(messages).toContain(`部门「城建」还有 ${staff} 名工作人员，不能删除`);

    await submit({ categoryId: 'other', description: '路边有个井盖松动了' });
    // `other` is in rule R02 too: take it out of the rule first, then the open report still holds it.
    const routing = {
      ...seed.routing,
      rules: seed.routing.rules.map((r) =>
        r.categoryIds?.includes('other') ? { ...r, categoryIds: r.categoryIds.filter((c) => c !== 'other') } : r,
      ),
    };
    ok(await set('routing', routing));
    const cat = await set(
      'categories',
      seed.categories.filter((c) => c.id !== 'other'),
    );
    expect(cat.error.code).toBe('INVALID_INPUT');
    const name = seed.categories.find((c) => c.id === 'other')?.name;
    expect(cat.error.message).toBe(`不能保存：类别「${name}」还有 1 件未办结的举报，不能删除`);

    const ruledArea = seed.routing.rules.flatMap((r) => r.areaIds ?? [])[0];
    if (ruledArea) {
      const area = await set(
        'areas',
        seed.areas.filter((a) => a.id !== ruledArea),
      );
      expect(area.error.code).toBe('INVALID_INPUT');
    }
  });

  it('only 安委办 admins set; a leader may read and test but not set', async () => {
    await env.runtime.db
      .collection('users')
      .doc('leader-only')
      .set({ data: { roles: ['leader'], displayName: '镇领导', createdAt: '2026-11-01T09:00:00+08:00' } });
    expect((await config('sla', 'leader-only')).ok).toBe(true);
    expect((await env.call('admin', 'route', { categoryId: 'gas-bottle', areaId: 'gk5' }, 'leader-only')).ok).toBe(
      true,
    );
    expect((await set('blockedWords', { words: ['办证'] }, 1, 'leader-only')).error.code).toBe('FORBIDDEN');
    expect((await set('blockedWords', { words: ['办证'] }, 1, 'head-CJ')).error.code).toBe('FORBIDDEN');
  });
});

describe('the loaded town', () => {
  it('is dropped at once by setConfig (the tester answers under the new rule), cached otherwise', async () => {
    const route = { categoryId: 'gas-facility', areaId: 'gk5', description: '' };
    expect(ok(await env.call('admin', 'route', route, 'staff-YJ'))).toMatchObject({
      departmentId: 'CJ',
      departmentName: '城建',
      ruleId: 'R01',
      routingVersion: 1,
    });
    ok(await set('routing', gasToYJ()));
    expect(ok(await env.call('admin', 'route', route, 'staff-YJ'))).toMatchObject({
      departmentId: 'YJ',
      coDepartments: [{ id: 'CG', name: '城管' }],
      ruleName: '燃气（应急牵头）',
      routingVersion: 2,
    });
    // A change written by another instance (here: straight into the database) shows only after TOWN_CACHE_MS.
    const town = await loadTown(env.runtime.db, env.runtime.deps.town);
    await env.runtime.db
      .collection(CONFIG)
      .doc('routing')
      .update({ data: { version: 3 } });
    expect(await loadTown(env.runtime.db, env.runtime.deps.town)).toBe(town);
    expect(TOWN_CACHE_MS).toBeLessThanOrEqual(60_000);
  });

  it('the tester refuses an unknown category or area', async () => {
    const res = await env.call('admin', 'route', { categoryId: 'nope', areaId: 'gk5' }, 'staff-CJ');
    expect(res.error).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'categoryId', message: '没有这个隐患类别' }],
    });
    expect((await env.call('admin', 'route', { categoryId: 'nope', areaId: 'gk5' })).error.code).toBe('FORBIDDEN');
  });
});

describe('blocked words', () => {
  it("the town's own words refuse a report as the content check does, once 安委办 adds them (folded forms too)", async () => {
    const text = { description: '小区门口有人放套路贷传单，还堵住消防通道' };
    expect((await env.call('tipoff', 'submit', validSubmission(text))).ok).toBe(true);
    const words = ok(await config('blockedWords')).data.words as string[];
    ok(await set('blockedWords', { words: [...words, '套路贷'] }, 1, 'admin-demo', '增加套路贷'));
    const digest = await env.digest({ except: ['rateLimits'] });
    for (const description of ['小区门口有人放套路贷传单，还堵住消防通道', '门口有人放 套 路\u200b贷 的传单']) {
      const res = await env.call('tipoff', 'submit', validSubmission({ description }));
      expect(res.error).toMatchObject({ code: 'INVALID_INPUT', message: '输入有误：内容含有不当信息，请修改后再提交' });
    }
    expect(await env.digest({ except: ['rateLimits'] })).toBe(digest);
  });

  it('blockedWordIn folds both sides and finds nothing in clean text', () => {
    const town = { blockedWords: ['ＢＯＣＡＩ', '办证'] };
    expect(blockedWordIn('有人在搞 bocai', town)).toBe('bocai');
    expect(blockedWordIn('办 证', town)).toBe('办证');
    expect(blockedWordIn('楼道堆放杂物', town)).toBeNull();
  });
});

describe('index coverage', () => {
  it('every query admin-config makes is served by an index', async () => {
    queries.clear();
    await config('routing');
    await set(
      'departments',
      seed.departments.filter((d) => d.code !== 'SHSY'),
    );
    const missing = [...queries.values()].filter(
      (q) => !coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []).covered,
    );
    expect(missing).toEqual([]);
  });
});
