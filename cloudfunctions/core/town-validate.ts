// admin.setConfig's checks against the rest of the town (issue 11): a new version of one key must leave a town
// that still works — every rule names known departments, categories and areas; nothing still in use disappears.
// Pure: what is "in use" by records (open reports, staff) is counted by the caller and passed in.
import type { ValidationIssue } from '../../types';
import type { TownConfigKey } from '../../types/town-config';
import type { TownConfigData } from './town-store';

/** Records that still name a department, area or category (counted by the caller for the removed ones). */
export interface InUse {
  openReports: {
    departments: Record<string, number>;
    areas: Record<string, number>;
    categories: Record<string, number>;
  };
  staff: Record<string, number>;
  /** Registered enterprises (any state) in a removed 居民区/村. */
  enterprises?: Record<string, number>;
}

const dupes = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

/** Department codes, area ids and category ids `next` no longer has (what the caller counts records of). */
export function removedItems(key: TownConfigKey, before: TownConfigData, next: TownConfigData) {
  const gone = <T>(a: T[], b: T[], id: (t: T) => string) => {
    const kept = new Set(b.map(id));
    return a.map(id).filter((x) => !kept.has(x));
  };
  return {
    departments: key === 'departments' ? gone(before.departments, next.departments, (d) => d.code) : [],
    areas: key === 'areas' ? gone(before.areas, next.areas, (a) => a.id) : [],
    categories: key === 'categories' ? gone(before.categories, next.categories, (c) => c.id) : [],
  };
}

/**
 * The problems of changing `key` from `before` to `next` (the whole town data after the change), in Chinese,
 * each with the path of the field in `data` it concerns. Empty = the change may be saved.
 */
export function townChangeIssues(
  key: TownConfigKey,
  before: TownConfigData,
  next: TownConfigData,
  inUse: InUse,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: path ? `data.${path}` : 'data', message });
  const dept = new Map(next.departments.map((d) => [d.code, d]));
  const deptName = (code: string) =>
    before.departments.find((d) => d.code === code)?.name ?? dept.get(code)?.name ?? code;
  const areaIds = new Set(next.areas.map((a) => a.id));
  const categoryIds = new Set(next.categories.map((c) => c.id));
  const removed = removedItems(key, before, next);

  if (key === 'departments') {
    for (const code of new Set(dupes(next.departments.map((d) => d.code)))) add('', `部门代码 ${code} 重复`);
    for (const name of new Set(dupes(next.departments.map((d) => d.name)))) add('', `部门名称「${name}」重复`);
    const offices = next.departments.filter((d) => d.safetyOffice);
    if (offices.length !== 1) add('', '必须有且只有一个部门是镇安委办');
    const oldOffice = before.departments.find((d) => d.safetyOffice);
    if (oldOffice && offices.length === 1 && offices[0].code !== oldOffice.code)
      add('', `镇安委办（${oldOffice.name}）不能改为其他部门`);
    for (const code of removed.departments) {
      const name = deptName(code);
      const rules = next.routing.rules.filter((r) => r.departmentCode === code || r.coDepartmentCodes?.includes(code));
      for (const r of rules) add('', `部门「${name}」仍在分派规则「${r.name}」中，请先修改分派规则`);
      if (next.routing.fallback.departmentCode === code)
        add('', `部门「${name}」是无规则时的兜底部门，请先修改分派规则`);
      const open = inUse.openReports.departments[code] ?? 0;
      if (open) add('', `部门「${name}」还有 ${open} 件未办结的举报，不能删除`);
      const staff = inUse.staff[code] ?? 0;
      if (staff) add('', `部门「${name}」还有 ${staff} 名工作人员，不能删除`);
    }
  }

  if (key === 'areas') {
    for (const id of new Set(dupes(next.areas.map((a) => a.id)))) add('', `居民区/村代码 ${id} 重复`);
    for (const name of new Set(dupes(next.areas.map((a) => a.name)))) add('', `居民区/村名称「${name}」重复`);
    if (!next.areas.length) add('', '至少要有一个居民区或村');
    for (const id of removed.areas) {
      const name = before.areas.find((a) => a.id === id)?.name ?? id;
      for (const r of next.routing.rules.filter((r) => r.areaIds?.includes(id)))
        add('', `「${name}」仍在分派规则「${r.name}」中，请先修改分派规则`);
      const open = inUse.openReports.areas[id] ?? 0;
      if (open) add('', `「${name}」还有 ${open} 件未办结的举报，不能删除`);
      const enterprises = inUse.enterprises?.[id] ?? 0;
      if (enterprises) add('', `「${name}」还有 ${enterprises} 家企业登记在此，请先修改企业所在区域`);
    }
  }

  if (key === 'categories') {
    for (const id of new Set(dupes(next.categories.map((c) => c.id)))) add('', `类别代码 ${id} 重复`);
    for (const name of new Set(dupes(next.categories.map((c) => c.name)))) add('', `类别名称「${name}」重复`);
    if (!next.categories.length) add('', '至少要有一个隐患类别');
    for (const id of removed.categories) {
      const name = before.categories.find((c) => c.id === id)?.name ?? id;
      for (const r of next.routing.rules.filter((r) => r.categoryIds?.includes(id)))
        add('', `类别「${name}」仍在分派规则「${r.name}」中，请先修改分派规则`);
      const open = inUse.openReports.categories[id] ?? 0;
      if (open) add('', `类别「${name}」还有 ${open} 件未办结的举报，不能删除`);
    }
  }

  if (key === 'routing') {
    const { rules, fallback } = next.routing;
    for (const id of new Set(dupes(rules.map((r) => r.id)))) add('rules', `规则编号 ${id} 重复`);
    if (!dept.has(fallback.departmentCode))
      add('fallback.departmentCode', `兜底部门 ${fallback.departmentCode} 不存在`);
    rules.forEach((r, i) => {
      if (!dept.has(r.departmentCode))
        add(`rules.${i}.departmentCode`, `规则「${r.name}」的主办部门 ${r.departmentCode} 不存在`);
      (r.coDepartmentCodes ?? []).forEach((c, j) => {
        if (!dept.has(c)) add(`rules.${i}.coDepartmentCodes.${j}`, `规则「${r.name}」的协办部门 ${c} 不存在`);
        else if (c === r.departmentCode)
          add(`rules.${i}.coDepartmentCodes.${j}`, `规则「${r.name}」的协办部门不能是主办部门`);
      });
      (r.categoryIds ?? []).forEach((c, j) => {
        if (!categoryIds.has(c)) add(`rules.${i}.categoryIds.${j}`, `规则「${r.name}」的类别 ${c} 不存在`);
      });
      (r.areaIds ?? []).forEach((a, j) => {
        if (!areaIds.has(a)) add(`rules.${i}.areaIds.${j}`, `规则「${r.name}」的居民区/村 ${a} 不存在`);
      });
      const empty = (x?: unknown[]) => !x || x.length === 0;
      if (empty(r.categoryIds) && empty(r.areaIds) && empty(r.areaKinds) && empty(r.keywords))
        add(`rules.${i}`, `规则「${r.name}」没有任何条件，会收走所有举报`);
    });
  }

  if (key === 'sla') {
    const steps = next.sla.escalation.map((e) => e.step).join(',');
    if (steps !== 'notice,bulletin,summons,exposure') add('escalation', '督办顺序必须是 函告、通报、约谈、曝光');
    next.sla.escalation.forEach((e, i) => {
      const prev = next.sla.escalation[i - 1];
      if (prev && e.overdueWorkingDays < prev.overdueWorkingDays)
        add(`escalation.${i}.overdueWorkingDays`, '后一级督办的超期天数不能少于前一级');
    });
  }

  if (key === 'blockedWords') {
    for (const w of new Set(dupes(next.blockedWords.words))) add('words', `屏蔽词「${w}」重复`);
  }
  return issues;
}
