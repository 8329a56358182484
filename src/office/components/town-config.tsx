// 系统配置 (issue 11): the town's data as people read it — plain words, names instead of codes — shared by the
// overview (office/pages/config) and the editors (office/pages/config-edit).
import { Text, View } from '@tarojs/components';
import type { ValidationIssue } from '../../../types';
import type { Area, AreaKind, Category, Department, RoutingRule, RoutingTable, SlaPolicy } from '../../../types/town';
import type { BlockedWords, ConfigView, TownConfigKey } from '../../../types/town-config';
import { formatTime } from '../../services/format';

export const KIND_WORDS: Record<AreaKind, string> = { community: '居民区', village: '村' };

export type EscalationStep = SlaPolicy['escalation'][number]['step'];
export const STEP_WORDS: Record<EscalationStep, string> = {
  notice: '函告',
  bulletin: '通报',
  summons: '约谈',
  exposure: '曝光',
};

/** What each key's data means, one line under its title. */
export const KEY_HINTS: Record<TownConfigKey, string> = {
  departments: '接收和办理举报的部门',
  areas: '举报时选择的居民区和村',
  categories: '举报时选择的隐患类别',
  routing: '哪类举报交给哪个部门办理',
  sla: '受理、核查、整改的期限和超期督办',
  blockedWords: '举报文字中不允许出现的词',
};

// The server's data per key. areas may come wrapped ({source, areas}) as in config/town/areas.json: read both,
// and write back in the shape it came in.
export const departmentsOf = (data: unknown): Department[] => (Array.isArray(data) ? (data as Department[]) : []);
export const categoriesOf = (data: unknown): Category[] => (Array.isArray(data) ? (data as Category[]) : []);
export function areasOf(data: unknown): Area[] {
  if (Array.isArray(data)) return data as Area[];
  const wrapped = (data as { areas?: unknown } | null)?.areas;
  return Array.isArray(wrapped) ? (wrapped as Area[]) : [];
}
export function withAreas(original: unknown, areas: Area[]): unknown {
  return Array.isArray(original) || !original || typeof original !== 'object' ? areas : { ...original, areas };
}
export const routingOf = (data: unknown): RoutingTable => {
  const t = (data ?? {}) as Partial<RoutingTable>;
  return { ...t, fallback: t.fallback ?? { departmentCode: '', reason: '' }, rules: t.rules ?? [] } as RoutingTable;
};
export const wordsOf = (data: unknown): string[] => ((data as BlockedWords | null)?.words ?? []).slice();

/** 第 3 版 · 王敏 · 2026-11-20 09:30 · 新增共康九村 — or 初始配置 for the seeded files. */
export function versionLine(v: { version: number; by: string; at: string; note?: string }) {
  return [`第 ${v.version} 版`, v.by, formatTime(v.at), v.note].filter(Boolean).join(' · ');
}

/** Names for codes and ids, so nobody reads `CJ` or `gas-smell`. */
export interface TownNames {
  departments: Department[];
  areas: Area[];
  categories: Category[];
}
export const deptName = (names: TownNames, code: string) =>
  names.departments.find((d) => d.code === code)?.name ?? `（已删除的部门 ${code}）`;
export function namesOf(views: Partial<Record<TownConfigKey, ConfigView>>): TownNames {
  return {
    departments: departmentsOf(views.departments?.data),
    areas: areasOf(views.areas?.data),
    categories: categoriesOf(views.categories?.data),
  };
}

const categoryName = (names: TownNames, id: string) => names.categories.find((c) => c.id === id)?.name ?? id;
const areaName = (names: TownNames, id: string) => names.areas.find((a) => a.id === id)?.name ?? id;

/** One rule in a sentence: 类别：燃气泄漏/异味、…；区域：…；含关键词：…；→ 城建 办理，协办：消防救援. */
export function ruleConditions(rule: RoutingRule, names: TownNames): string[] {
  const parts: string[] = [];
  if (rule.categoryIds?.length) parts.push(`类别：${rule.categoryIds.map((id) => categoryName(names, id)).join('、')}`);
  if (rule.areaIds?.length) parts.push(`区域：${rule.areaIds.map((id) => areaName(names, id)).join('、')}`);
  if (rule.areaKinds?.length) parts.push(`区域类型：${rule.areaKinds.map((k) => KIND_WORDS[k]).join('、')}`);
  if (rule.keywords?.length) parts.push(`描述含：${rule.keywords.join('、')}`);
  if (parts.length === 0) parts.push('所有举报');
  return parts;
}
export function ruleTarget(rule: RoutingRule, names: TownNames): string {
  const co = rule.coDepartmentCodes?.length
    ? `，协办：${rule.coDepartmentCodes.map((c) => deptName(names, c)).join('、')}`
    : '';
  return `交 ${deptName(names, rule.departmentCode)} 办理${co}`;
}

/** `data.rules[2].name` / `rules.2.name` → `rules.2.name` (what the editors match on). */
export function issuePath(issue: ValidationIssue): string {
  return issue.path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\.?data\.?/, '')
    .replace(/^\./, '');
}
/** The issues under `prefix` (`3` → item 3; `rules.2` → rule 2), their messages. */
export function issuesAt(issues: ValidationIssue[], prefix: string): string[] {
  return issues
    .filter((i) => {
      const p = issuePath(i);
      return p === prefix || p.startsWith(`${prefix}.`);
    })
    .map((i) => i.message);
}

const Line = ({ children, className = '' }: React.PropsWithChildren<{ className?: string }>) => (
  <Text className={`config-line ${className}`}>{children}</Text>
);

/** A version's data, read-only, in plain words. */
export function ConfigSummary({
  configKey,
  data,
  names,
}: {
  configKey: TownConfigKey;
  data: unknown;
  names: TownNames;
}) {
  switch (configKey) {
    case 'departments':
      return (
        <View className="config-summary">
          {departmentsOf(data).map((d) => (
            <Line key={d.code}>
              {d.name}（{d.fullName}）{d.safetyOffice ? ' · 安委办' : ''}
            </Line>
          ))}
        </View>
      );
    case 'areas': {
      const areas = areasOf(data);
      return (
        <View className="config-summary">
          {(['community', 'village'] as const).map((kind) => {
            const list = areas.filter((a) => a.kind === kind);
            return list.length ? (
              <Line key={kind}>
                {KIND_WORDS[kind]}（{list.length} 个）：{list.map((a) => a.name).join('、')}
              </Line>
            ) : null;
          })}
        </View>
      );
    }
    case 'categories': {
      const categories = categoriesOf(data);
      const groups = [...new Set(categories.map((c) => c.group))];
      return (
        <View className="config-summary">
          {groups.map((g) => (
            <Line key={g}>
              {g}：
              {categories
                .filter((c) => c.group === g)
                .map((c) => `${c.name}${c.emergency ? '（紧急）' : ''}`)
                .join('、')}
            </Line>
          ))}
        </View>
      );
    }
    case 'routing': {
      const table = routingOf(data);
      return (
        <View className="config-summary">
          {table.rules.map((r, i) => (
            <Line key={r.id}>
              {i + 1}. {r.name}：{ruleConditions(r, names).join('；')} → {ruleTarget(r, names)}
            </Line>
          ))}
          <Line>
            都不符合时：交 {deptName(names, table.fallback.departmentCode)}（{table.fallback.reason}）
          </Line>
        </View>
      );
    }
    case 'sla': {
      const s = data as SlaPolicy | null;
      if (!s) return null;
      return (
        <View className="config-summary">
          <Line>受理：举报后 {s.acceptWorkingDays} 个工作日内</Line>
          <Line>
            核查：受理后 {s.verifyWorkingDays} 个工作日内（重大隐患 {s.verifyMajorWorkingDays} 个工作日）
          </Line>
          <Line>
            整改销号：查实后 {s.closeDays} 天内，可延期 {s.extendDays} 天
          </Line>
          <Line>
            超期督办：
            {(s.escalation ?? [])
              .map((e) => `${STEP_WORDS[e.step]}（超期 ${e.overdueWorkingDays} 个工作日）`)
              .join(' → ')}
          </Line>
          <Line>重复举报：{s.duplicateRadiusMeters} 米内同类未办结的举报视为重复</Line>
        </View>
      );
    }
    case 'blockedWords': {
      const words = wordsOf(data);
      return (
        <View className="config-summary">
          <Line>共 {words.length} 个词</Line>
          <Line>{words.join('、')}</Line>
        </View>
      );
    }
  }
}
