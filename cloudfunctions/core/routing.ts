import type { Area, RoutingRule } from '../../types';
import type { Town } from './town';

export interface RoutingDecision {
  departmentId: string;
  coDepartmentIds: string[];
  /** The rule that matched, or null when the report went to the safety office for triage. */
  ruleId: string | null;
  reason: string;
}

export interface RoutingInput {
  categoryId: string;
  area: Area;
  description: string;
}

function matches(rule: RoutingRule, input: RoutingInput): boolean {
  if (rule.categoryIds && !rule.categoryIds.includes(input.categoryId)) return false;
  if (rule.areaIds && !rule.areaIds.includes(input.area.id)) return false;
  if (rule.areaKinds && !rule.areaKinds.includes(input.area.kind)) return false;
  if (rule.keywords && !rule.keywords.some((k) => input.description.includes(k))) return false;
  return true;
}

/** First matching rule wins (rules are ordered data); no match goes to 安委办 triage. */
export function routeTipoff(input: RoutingInput, town: Town): RoutingDecision {
  const rule = town.routing.rules.find((r) => matches(r, input));
  if (!rule) {
    return {
      departmentId: town.routing.fallback.departmentCode,
      coDepartmentIds: [],
      ruleId: null,
      reason: town.routing.fallback.reason,
    };
  }
  const dept = town.department(rule.departmentCode);
  const category = town.category(input.categoryId);
  const co = rule.coDepartmentCodes ?? [];
  const coNames = co.map((c) => town.department(c)?.name ?? c);
  const reason =
    `规则 ${rule.id}「${rule.name}」：${category?.name ?? input.categoryId} → ${dept?.name ?? rule.departmentCode}` +
    (coNames.length ? `，协办 ${coNames.join('、')}` : '');
  return { departmentId: rule.departmentCode, coDepartmentIds: co, ruleId: rule.id, reason };
}
