// admin.setConfig's checks on a small town: each key's own rules (duplicates, the one safety office, escalation
// order, rules without conditions) and what a removal leaves behind (rules, the fallback, open reports, staff).
// Every issue is checked in full (path and words): the words are what 安委办 reads to fix the change.
import { defaultTown } from './town';
import type { TownConfigData } from './town-store';
import { townData } from './town-store';
import { removedItems, townChangeIssues, type InUse } from './town-validate';

const base = (): TownConfigData => ({
  departments: [
    { code: 'AWB', name: '镇安委办', fullName: '庙行镇安全生产委员会办公室', safetyOffice: true },
    { code: 'YJ', name: '应急', fullName: '镇应急管理部门' },
    { code: 'CJ', name: '城建', fullName: '镇城市建设管理部门' },
    { code: 'XF', name: '消防救援', fullName: '庙行消防救援站' },
  ],
  areas: [
    { id: 'a1', name: '一村', kind: 'village', latitude: 31.3, longitude: 121.4 },
    { id: 'a2', name: '二居', kind: 'community', latitude: 31.31, longitude: 121.41 },
  ],
  categories: [
    { id: 'gas', name: '燃气', group: '燃气', emergency: true },
    { id: 'fire', name: '消防', group: '消防', emergency: false },
  ],
  routing: {
    fallback: { departmentCode: 'AWB', reason: '无匹配规则' },
    rules: [
      { id: 'R1', name: '燃气', categoryIds: ['gas'], departmentCode: 'CJ' },
      { id: 'R2', name: '一村消防', categoryIds: ['fire'], areaIds: ['a1'], departmentCode: 'XF' },
    ],
  },
  sla: {
    acceptWorkingDays: 1,
    verifyWorkingDays: 5,
    verifyMajorWorkingDays: 3,
    closeDays: 60,
    extendDays: 30,
    escalation: [
      { step: 'notice', overdueWorkingDays: 0 },
      { step: 'bulletin', overdueWorkingDays: 3 },
      { step: 'summons', overdueWorkingDays: 5 },
      { step: 'exposure', overdueWorkingDays: 10 },
    ],
    duplicateRadiusMeters: 250,
  },
  blockedWords: { words: ['甲', '乙'] },
});

const none = (): InUse => ({ openReports: { departments: {}, areas: {}, categories: {} }, staff: {} });
const issue = (path: string, message: string) => ({ path, message });

describe('removedItems', () => {
  it('lists only the ids of the changed key that the new version no longer has', () => {
    const before = base();
    const next = base();
    next.departments = [before.departments[0], before.departments[2], { ...before.departments[1], code: 'YJJ' }];
    next.areas = [before.areas[1]];
    next.categories = [before.categories[0]];
    expect(removedItems('departments', before, next)).toEqual({ departments: ['YJ', 'XF'], areas: [], categories: [] });
    expect(removedItems('areas', before, next)).toEqual({ departments: [], areas: ['a1'], categories: [] });
    expect(removedItems('categories', before, next)).toEqual({ departments: [], areas: [], categories: ['fire'] });
    expect(removedItems('routing', before, next)).toEqual({ departments: [], areas: [], categories: [] });
    expect(removedItems('departments', before, base())).toEqual({ departments: [], areas: [], categories: [] });
  });
});

describe('townChangeIssues', () => {
  it('has nothing to say about an unchanged town, for every key (the shipped town too)', () => {
    for (const key of ['departments', 'areas', 'categories', 'routing', 'sla', 'blockedWords'] as const) {
      expect(townChangeIssues(key, base(), base(), none())).toEqual([]);
      const seed = townData(defaultTown());
      expect(townChangeIssues(key, seed, seed, none())).toEqual([]);
    }
  });

  describe('departments', () => {
    it('refuses a duplicate code or name once each, however often it repeats', () => {
      const next = base();
      const yj = next.departments[1];
      next.departments.push({ ...yj }, { ...yj }, { ...next.departments[2], code: 'CJJ' });
      expect(townChangeIssues('departments', base(), next, none())).toEqual([
        issue('data', '部门代码 YJ 重复'),
        issue('data', '部门名称「应急」重复'),
        issue('data', '部门名称「城建」重复'),
      ]);
    });

    it('wants exactly one safety office, and the same one', () => {
      const noOffice = base();
      noOffice.departments[0] = { ...noOffice.departments[0], safetyOffice: false };
      expect(townChangeIssues('departments', base(), noOffice, none())).toEqual([
        issue('data', '必须有且只有一个部门是镇安委办'),
      ]);
      const two = base();
      two.departments[1] = { ...two.departments[1], safetyOffice: true };
      expect(townChangeIssues('departments', base(), two, none())).toEqual([
        issue('data', '必须有且只有一个部门是镇安委办'),
      ]);
      const moved = base();
      moved.departments[0] = { ...moved.departments[0], safetyOffice: undefined };
      moved.departments[1] = { ...moved.departments[1], safetyOffice: true };
      expect(townChangeIssues('departments', base(), moved, none())).toEqual([
        issue('data', '镇安委办（镇安委办）不能改为其他部门'),
      ]);
      // Two, the new one listed first: only the count is wrong (not a change of office).
      const twoFirst = base();
      twoFirst.departments = [
        { ...twoFirst.departments[1], safetyOffice: true },
        ...twoFirst.departments.filter((d) => d.code !== 'YJ'),
      ];
      expect(townChangeIssues('departments', base(), twoFirst, none())).toEqual([
        issue('data', '必须有且只有一个部门是镇安委办'),
      ]);
      // A town that had none yet may name one.
      const before = base();
      before.departments[0] = { ...before.departments[0], safetyOffice: undefined };
      expect(townChangeIssues('departments', before, base(), none())).toEqual([]);
    });

    it('keeps a department still named by a rule (main or co), the fallback, open reports or staff', () => {
      const before = base();
      before.routing.rules.push({
        id: 'R3',
        name: '协办',
        categoryIds: ['fire'],
        departmentCode: 'YJ',
        coDepartmentCodes: ['XF'],
      });
      const next = structuredClone(before);
      next.departments = next.departments.filter((d) => d.code !== 'XF' && d.code !== 'AWB');
      next.departments[0] = { ...next.departments[0], safetyOffice: true };
      const inUse = none();
      inUse.openReports.departments = { XF: 2, YJ: 9 };
      inUse.staff = { XF: 3, AWB: 0 };
      expect(townChangeIssues('departments', before, next, inUse)).toEqual([
        issue('data', '镇安委办（镇安委办）不能改为其他部门'),
        issue('data', '部门「镇安委办」是无规则时的兜底部门，请先修改分派规则'),
        issue('data', '部门「消防救援」仍在分派规则「一村消防」中，请先修改分派规则'),
        issue('data', '部门「消防救援」仍在分派规则「协办」中，请先修改分派规则'),
        issue('data', '部门「消防救援」还有 2 件未办结的举报，不能删除'),
        issue('data', '部门「消防救援」还有 3 名工作人员，不能删除'),
      ]);
    });

    it('lets an unused department go, and names a renamed one by its old name', () => {
      const next = base();
      next.departments = next.departments.filter((d) => d.code !== 'YJ');
      expect(townChangeIssues('departments', base(), next, none())).toEqual([]);
      const renamed = base();
      renamed.departments[3] = { ...renamed.departments[3], code: 'XFJ', name: '消防站' };
      const inUse = none();
      inUse.staff = { XF: 1 };
      expect(townChangeIssues('departments', base(), renamed, inUse)).toEqual([
        issue('data', '部门「消防救援」仍在分派规则「一村消防」中，请先修改分派规则'),
        issue('data', '部门「消防救援」还有 1 名工作人员，不能删除'),
      ]);
    });
  });

  describe('areas', () => {
    it('refuses duplicates and an empty list', () => {
      const next = base();
      next.areas.push({ ...next.areas[0] }, { ...next.areas[1], id: 'a3' });
      expect(townChangeIssues('areas', base(), next, none())).toEqual([
        issue('data', '居民区/村代码 a1 重复'),
        issue('data', '居民区/村名称「一村」重复'),
        issue('data', '居民区/村名称「二居」重复'),
      ]);
      const empty = base();
      empty.routing.rules = [empty.routing.rules[0]];
      empty.areas = [];
      expect(townChangeIssues('areas', base(), empty, none())).toEqual([issue('data', '至少要有一个居民区或村')]);
    });

    it('keeps an area still in a rule or with open reports, by its old name', () => {
      const next = base();
      next.areas = [next.areas[1]];
      const inUse = none();
      inUse.openReports.areas = { a1: 4, a2: 7 };
      expect(townChangeIssues('areas', base(), next, inUse)).toEqual([
        issue('data', '「一村」仍在分派规则「一村消防」中，请先修改分派规则'),
        issue('data', '「一村」还有 4 件未办结的举报，不能删除'),
      ]);
      const free = base();
      free.areas = [free.areas[0]];
      expect(townChangeIssues('areas', base(), free, none())).toEqual([]);
      // The second area, by its own name.
      const inUse2 = none();
      inUse2.openReports.areas = { a2: 2 };
      expect(townChangeIssues('areas', base(), free, inUse2)).toEqual([
        issue('data', '「二居」还有 2 件未办结的举报，不能删除'),
      ]);
    });
  });

  describe('categories', () => {
    it('refuses duplicates and an empty list', () => {
      const next = base();
      next.categories.push({ ...next.categories[1] }, { ...next.categories[0], id: 'gas2' });
      expect(townChangeIssues('categories', base(), next, none())).toEqual([
        issue('data', '类别代码 fire 重复'),
        issue('data', '类别名称「消防」重复'),
        issue('data', '类别名称「燃气」重复'),
      ]);
      const empty = base();
      empty.routing.rules = [];
      empty.categories = [];
      expect(townChangeIssues('categories', base(), empty, none())).toEqual([issue('data', '至少要有一个隐患类别')]);
    });

    it('keeps a category still in a rule or with open reports, by its old name', () => {
      const next = base();
      next.categories = [next.categories[1]];
      const inUse = none();
      inUse.openReports.categories = { gas: 1, fire: 5 };
      expect(townChangeIssues('categories', base(), next, inUse)).toEqual([
        issue('data', '类别「燃气」仍在分派规则「燃气」中，请先修改分派规则'),
        issue('data', '类别「燃气」还有 1 件未办结的举报，不能删除'),
      ]);
    });
  });

  it('names the second category by its own name, and passes over rules without categories', () => {
    const before = base();
    before.routing.rules.push({ id: 'R3', name: '关键词', keywords: ['钢瓶'], departmentCode: 'YJ' });
    const next = structuredClone(before);
    next.categories = [next.categories[0]];
    next.routing.rules = next.routing.rules.filter((r) => r.id !== 'R2');
    const inUse = none();
    inUse.openReports.categories = { fire: 6 };
    expect(townChangeIssues('categories', before, next, inUse)).toEqual([
      issue('data', '类别「消防」还有 6 件未办结的举报，不能删除'),
    ]);
  });

  describe('routing', () => {
    it('names every unknown department, category and area by its path', () => {
      const next = base();
      next.routing.fallback = { departmentCode: 'ZZ', reason: 'x' };
      next.routing.rules = [
        { id: 'R1', name: '甲', categoryIds: ['gas', 'nope'], departmentCode: 'QQ', coDepartmentCodes: ['YJ', 'WW'] },
        { id: 'R1', name: '乙', areaIds: ['a2', 'a9'], departmentCode: 'YJ', coDepartmentCodes: ['YJ'] },
      ];
      expect(townChangeIssues('routing', base(), next, none())).toEqual([
        issue('data.rules', '规则编号 R1 重复'),
        issue('data.fallback.departmentCode', '兜底部门 ZZ 不存在'),
        issue('data.rules.0.departmentCode', '规则「甲」的主办部门 QQ 不存在'),
        issue('data.rules.0.coDepartmentCodes.1', '规则「甲」的协办部门 WW 不存在'),
        issue('data.rules.0.categoryIds.1', '规则「甲」的类别 nope 不存在'),
        issue('data.rules.1.coDepartmentCodes.0', '规则「乙」的协办部门不能是主办部门'),
        issue('data.rules.1.areaIds.1', '规则「乙」的居民区/村 a9 不存在'),
      ]);
    });

    it('refuses a rule without any condition (it would take every report); one condition of any kind is enough', () => {
      const rule = { id: 'R9', name: '全收', departmentCode: 'YJ' };
      for (const bare of [rule, { ...rule, categoryIds: [], areaIds: [], areaKinds: [], keywords: [] }]) {
        const next = base();
        next.routing.rules = [bare];
        expect(townChangeIssues('routing', base(), next, none())).toEqual([
          issue('data.rules.0', '规则「全收」没有任何条件，会收走所有举报'),
        ]);
      }
      for (const cond of [
        { categoryIds: ['gas'] },
        { areaIds: ['a1'] },
        { areaKinds: ['village' as const] },
        { keywords: ['钢瓶'] },
      ]) {
        const next = base();
        next.routing.rules = [{ ...rule, ...cond }];
        expect(townChangeIssues('routing', base(), next, none())).toEqual([]);
      }
    });
  });

  describe('sla', () => {
    it('wants the four steps in order and never fewer days than the step before (equal is fine)', () => {
      const swapped = base();
      swapped.sla.escalation = [
        swapped.sla.escalation[1],
        swapped.sla.escalation[0],
        swapped.sla.escalation[2],
        swapped.sla.escalation[3],
      ];
      expect(townChangeIssues('sla', base(), swapped, none())).toEqual([
        issue('data.escalation', '督办顺序必须是 函告、通报、约谈、曝光'),
        issue('data.escalation.1.overdueWorkingDays', '后一级督办的超期天数不能少于前一级'),
      ]);
      const equal = base();
      equal.sla.escalation = equal.sla.escalation.map((e) => ({ ...e, overdueWorkingDays: 2 }));
      expect(townChangeIssues('sla', base(), equal, none())).toEqual([]);
      const less = base();
      less.sla.escalation[3] = { step: 'exposure', overdueWorkingDays: 4 };
      expect(townChangeIssues('sla', base(), less, none())).toEqual([
        issue('data.escalation.3.overdueWorkingDays', '后一级督办的超期天数不能少于前一级'),
      ]);
    });
  });

  describe('blockedWords', () => {
    it('names a repeated word once', () => {
      const next = base();
      next.blockedWords.words = ['甲', '乙', '甲', '甲'];
      expect(townChangeIssues('blockedWords', base(), next, none())).toEqual([issue('data.words', '屏蔽词「甲」重复')]);
    });
  });

  it('checks only the key being changed', () => {
    const broken = base();
    broken.blockedWords.words = ['甲', '甲'];
    broken.sla.escalation = [...broken.sla.escalation].reverse();
    broken.routing.rules = [{ id: 'R9', name: '全收', departmentCode: 'QQ' }];
    broken.categories.push({ ...broken.categories[0] });
    broken.areas.push({ ...broken.areas[0] });
    broken.departments.push({ ...broken.departments[1] });
    expect(townChangeIssues('departments', base(), broken, none()).map((i) => i.message)).toEqual([
      '部门代码 YJ 重复',
      '部门名称「应急」重复',
    ]);
    expect(townChangeIssues('areas', base(), broken, none()).map((i) => i.message)).toEqual([
      '居民区/村代码 a1 重复',
      '居民区/村名称「一村」重复',
    ]);
    expect(townChangeIssues('categories', base(), broken, none()).map((i) => i.message)).toEqual([
      '类别代码 gas 重复',
      '类别名称「燃气」重复',
    ]);
    expect(townChangeIssues('blockedWords', base(), broken, none())).toHaveLength(1);
  });
});
