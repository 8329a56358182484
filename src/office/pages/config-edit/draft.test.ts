import type { Department, RoutingTable, SlaPolicy } from '../../../../types/town';
import { namesOf } from '../../components/town-config';
import { SEED, seedView } from '../config/config-fixtures';
import { checkDraft, describeChange, issuePlace } from './draft';

const names = namesOf({
  departments: seedView('departments'),
  areas: seedView('areas'),
  categories: seedView('categories'),
});
const sla = SEED.sla as SlaPolicy;
const routing = SEED.routing as RoutingTable;

test('the seed passes every check', () => {
  for (const key of ['departments', 'areas', 'categories', 'routing', 'sla', 'blockedWords'] as const)
    expect(checkDraft(key, SEED[key])).toEqual([]);
});

test('SLA: whole days ≥ 1, escalation never earlier than the step before, a radius > 0', () => {
  const bad: SlaPolicy = {
    ...sla,
    acceptWorkingDays: 0,
    closeDays: 1.5,
    duplicateRadiusMeters: NaN,
    escalation: sla.escalation.map((e, i) => (i === 2 ? { ...e, overdueWorkingDays: 2 } : e)),
  };
  expect(checkDraft('sla', bad)).toEqual([
    { path: 'acceptWorkingDays', message: '请填写不小于 1 的整数' },
    { path: 'closeDays', message: '请填写不小于 1 的整数' },
    { path: 'escalation.2.overdueWorkingDays', message: '约谈不能早于通报' },
    { path: 'duplicateRadiusMeters', message: '请填写大于 0 的米数' },
  ]);
  expect(issuePlace('sla', bad, 'escalation.2.overdueWorkingDays')).toBe('约谈：');
  expect(issuePlace('sla', bad, 'verifyMajorWorkingDays')).toBe('重大隐患核查时限：');
});

test('departments: a taken code or name, and the safety office kept', () => {
  const deps = SEED.departments as Department[];
  const next = [...deps.filter((d) => !d.safetyOffice), { code: 'CJ', name: '应急', fullName: '另一个' }];
  const issues = checkDraft('departments', next);
  expect(issues).toContainEqual({ path: `${next.length - 1}.code`, message: '代码 CJ 已被其他部门使用' });
  expect(issues).toContainEqual({ path: `${next.length - 1}.name`, message: '已有名为“应急”的部门' });
  expect(issues).toContainEqual({ path: '', message: '必须保留镇安委办' });
});

test('the change in words: SLA numbers, removed rules and a new fallback', () => {
  expect(describeChange('sla', sla, { ...sla, closeDays: 45 }, names)).toEqual(['整改销号期限：60 → 45 天']);
  const next: RoutingTable = {
    ...routing,
    rules: routing.rules.slice(1),
    fallback: { departmentCode: 'YJ', reason: '转应急' },
  };
  expect(describeChange('routing', routing, next, names)).toEqual(['删除规则：燃气', '都不符合时：交 应急（转应急）']);
  expect(describeChange('routing', routing, routing, names)).toEqual([]);
  // The editor rebuilds every rule with its own key order (id, name, departmentCode, categoryIds…): only the rule
  // whose 主办部门 changed is named (the confirmation listed all sixteen before).
  const rebuilt = (r: RoutingTable['rules'][number]) => {
    const { id, name, departmentCode, ...rest } = r;
    return { id, name, departmentCode, ...rest };
  };
  const moved: RoutingTable = {
    ...routing,
    fallback: { reason: routing.fallback.reason, departmentCode: routing.fallback.departmentCode },
    rules: routing.rules.map((r) => rebuilt(r.id === 'R06' ? { ...r, departmentCode: 'CJ' } : r)),
  };
  expect(describeChange('routing', routing, moved, names)).toEqual(['修改规则：电梯与特种设备']);
  expect(issuePlace('routing', next, 'rules.0.departmentCode')).toBe('规则 1「液化气关键词」：');
  expect(issuePlace('routing', next, 'fallback.reason')).toBe('都不符合时：');
});
