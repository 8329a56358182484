// 修改配置 (issue 11): the checks a draft passes before it is sent (in Chinese, on the field they concern — the server
// checks again, against the whole town), and the change in plain words for the confirmation dialog.
import type { ZodTypeAny } from 'zod';
import { z } from 'zod';
import type { ValidationIssue } from '../../../../types';
import { Area, Category, Department, RoutingTable, SlaPolicy } from '../../../../types/town';
import type { RoutingRule } from '../../../../types/town';
import { BlockedWords, type TownConfigKey } from '../../../../types/town-config';
import {
  areasOf,
  categoriesOf,
  deptName,
  departmentsOf,
  routingOf,
  STEP_WORDS,
  wordsOf,
  type TownNames,
} from '../../components/town-config';

const SCHEMAS: Record<TownConfigKey, ZodTypeAny> = {
  departments: z.array(Department),
  areas: z.array(Area),
  categories: z.array(Category),
  routing: RoutingTable,
  sla: SlaPolicy,
  blockedWords: BlockedWords,
};

const issue = (path: (string | number)[], message: string): ValidationIssue => ({ path: path.join('.'), message });
const blank = (s: string | undefined) => !s || !s.trim();
const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;

/** Everything wrong with a draft, each on its field's path (`3.name`, `rules.2.departmentCode`, `words`). */
export function checkDraft(key: TownConfigKey, data: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  switch (key) {
    case 'departments': {
      const seen = new Set<string>();
      const names = new Set<string>();
      departmentsOf(data).forEach((d, i) => {
        if (!blank(d.name) && names.has(d.name.trim()))
          out.push(issue([i, 'name'], `已有名为“${d.name.trim()}”的部门`));
        names.add(d.name.trim());
        if (!/^[A-Z]{2,6}$/.test(d.code)) out.push(issue([i, 'code'], '代码请填 2 至 6 个大写英文字母，例如 AQ'));
        else if (seen.has(d.code)) out.push(issue([i, 'code'], `代码 ${d.code} 已被其他部门使用`));
        seen.add(d.code);
        if (blank(d.name)) out.push(issue([i, 'name'], '请填写部门简称'));
        if (blank(d.fullName)) out.push(issue([i, 'fullName'], '请填写部门全称'));
      });
      if (!departmentsOf(data).some((d) => d.safetyOffice)) out.push(issue([], '必须保留镇安委办'));
      break;
    }
    case 'areas': {
      const names = new Set<string>();
      areasOf(data).forEach((a, i) => {
        if (blank(a.name)) out.push(issue([i, 'name'], '请填写名称'));
        else if (names.has(a.name.trim())) out.push(issue([i, 'name'], `已有名为“${a.name.trim()}”的居民区或村`));
        names.add(a.name.trim());
        if (!Number.isFinite(a.latitude) || a.latitude < -90 || a.latitude > 90)
          out.push(issue([i, 'latitude'], '请填写纬度，例如 31.3302'));
        if (!Number.isFinite(a.longitude) || a.longitude < -180 || a.longitude > 180)
          out.push(issue([i, 'longitude'], '请填写经度，例如 121.4426'));
      });
      break;
    }
    case 'categories': {
      const names = new Set<string>();
      categoriesOf(data).forEach((c, i) => {
        if (blank(c.name)) out.push(issue([i, 'name'], '请填写类别名称'));
        else if (names.has(c.name.trim())) out.push(issue([i, 'name'], `已有名为“${c.name.trim()}”的类别`));
        names.add(c.name.trim());
        if (blank(c.group)) out.push(issue([i, 'group'], '请选择或填写分组'));
      });
      break;
    }
    case 'routing': {
      const table = routingOf(data);
      table.rules.forEach((r, i) => {
        if (blank(r.name)) out.push(issue(['rules', i, 'name'], '请填写规则名称'));
        if (blank(r.departmentCode)) out.push(issue(['rules', i, 'departmentCode'], '请选择主办部门'));
        if (!r.categoryIds?.length && !r.areaIds?.length && !r.areaKinds?.length && !r.keywords?.length)
          out.push(
            issue(['rules', i, 'categoryIds'], '请至少选择一个类别、区域或关键词，否则所有举报都会按这条规则分派'),
          );
      });
      if (blank(table.fallback.departmentCode)) out.push(issue(['fallback', 'departmentCode'], '请选择部门'));
      if (blank(table.fallback.reason)) out.push(issue(['fallback', 'reason'], '请填写理由'));
      break;
    }
    case 'sla': {
      const s = data as SlaPolicy;
      for (const k of [
        'acceptWorkingDays',
        'verifyWorkingDays',
        'verifyMajorWorkingDays',
        'closeDays',
        'extendDays',
      ] as const)
        if (!whole(s[k], 1)) out.push(issue([k], '请填写不小于 1 的整数'));
      s.escalation.forEach((e, i) => {
        if (!whole(e.overdueWorkingDays, 0))
          out.push(issue(['escalation', i, 'overdueWorkingDays'], '请填写 0 或正整数'));
        else if (i > 0 && e.overdueWorkingDays < s.escalation[i - 1].overdueWorkingDays)
          out.push(
            issue(
              ['escalation', i, 'overdueWorkingDays'],
              `${STEP_WORDS[e.step]}不能早于${STEP_WORDS[s.escalation[i - 1].step]}`,
            ),
          );
      });
      if (!(Number.isFinite(s.duplicateRadiusMeters) && s.duplicateRadiusMeters > 0))
        out.push(issue(['duplicateRadiusMeters'], '请填写大于 0 的米数'));
      break;
    }
    case 'blockedWords': {
      const words = wordsOf(data);
      const long = words.filter((w) => w.length > 20);
      if (long.length) out.push(issue(['words'], `每个词最多 20 个字：${long.slice(0, 3).join('、')}`));
      if (words.length > 2000) out.push(issue(['words'], `最多 2000 个词，现在有 ${words.length} 个`));
      break;
    }
  }
  if (out.length === 0 && !SCHEMAS[key].safeParse(data).success) out.push(issue([], '内容有误，请检查后再保存'));
  return out;
}

const list = (items: string[]) => items.join('、');

/** JSON with object keys sorted: the editors rebuild items in their own key order (toRule), which is no change. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );

function diffBy<T>(before: T[], after: T[], id: (t: T) => string, label: (t: T) => string, what: string): string[] {
  const old = new Map(before.map((t) => [id(t), t]));
  const now = new Map(after.map((t) => [id(t), t]));
  const added = after.filter((t) => !old.has(id(t))).map(label);
  const removed = before.filter((t) => !now.has(id(t))).map(label);
  const changed = after
    .filter((t) => old.has(id(t)) && canonical(old.get(id(t))) !== canonical(t))
    .map((t) => {
      const was = label(old.get(id(t)) as T);
      return was === label(t) ? label(t) : `${was} → ${label(t)}`;
    });
  const lines: string[] = [];
  if (added.length) lines.push(`新增${what}：${list(added)}`);
  if (removed.length) lines.push(`删除${what}：${list(removed)}`);
  if (changed.length) lines.push(`修改${what}：${list(changed)}`);
  return lines;
}

const SLA_WORDS: [keyof SlaPolicy, string, string][] = [
  ['acceptWorkingDays', '受理时限', '个工作日'],
  ['verifyWorkingDays', '核查时限', '个工作日'],
  ['verifyMajorWorkingDays', '重大隐患核查时限', '个工作日'],
  ['closeDays', '整改销号期限', '天'],
  ['extendDays', '延期', '天'],
  ['duplicateRadiusMeters', '重复举报范围', '米'],
];

/** The change in plain words, one line each; empty = nothing changed. */
export function describeChange(key: TownConfigKey, before: unknown, after: unknown, names: TownNames): string[] {
  switch (key) {
    case 'departments':
      return diffBy(
        departmentsOf(before),
        departmentsOf(after),
        (d) => d.code,
        (d) => d.name,
        '部门',
      );
    case 'areas':
      return diffBy(
        areasOf(before),
        areasOf(after),
        (a) => a.id,
        (a) => a.name,
        '',
      );
    case 'categories':
      return diffBy(
        categoriesOf(before),
        categoriesOf(after),
        (c) => c.id,
        (c) => c.name,
        '类别',
      );
    case 'routing': {
      const b = routingOf(before);
      const a = routingOf(after);
      const lines = diffBy<RoutingRule>(
        b.rules,
        a.rules,
        (r) => r.id,
        (r) => r.name,
        '规则',
      );
      const order = (rules: RoutingRule[], ids: Set<string>) => rules.filter((r) => ids.has(r.id)).map((r) => r.id);
      const both = new Set(a.rules.map((r) => r.id).filter((id) => b.rules.some((r) => r.id === id)));
      if (order(b.rules, both).join() !== order(a.rules, both).join()) lines.push('调整了规则的先后顺序');
      if (canonical(b.fallback) !== canonical(a.fallback))
        lines.push(`都不符合时：交 ${deptName(names, a.fallback.departmentCode)}（${a.fallback.reason}）`);
      return lines;
    }
    case 'sla': {
      const b = before as SlaPolicy;
      const a = after as SlaPolicy;
      const lines = SLA_WORDS.filter(([k]) => b[k] !== a[k]).map(
        ([k, label, unit]) => `${label}：${String(b[k])} → ${String(a[k])} ${unit}`,
      );
      a.escalation.forEach((e, i) => {
        const was = b.escalation[i]?.overdueWorkingDays;
        if (was !== e.overdueWorkingDays)
          lines.push(`${STEP_WORDS[e.step]}：超期 ${was} → ${e.overdueWorkingDays} 个工作日`);
      });
      return lines;
    }
    case 'blockedWords': {
      const b = new Set(wordsOf(before));
      const a = new Set(wordsOf(after));
      const lines: string[] = [];
      const added = [...a].filter((w) => !b.has(w));
      const removed = [...b].filter((w) => !a.has(w));
      if (added.length) lines.push(`新增 ${added.length} 个词：${list(added)}`);
      if (removed.length) lines.push(`删除 ${removed.length} 个词：${list(removed)}`);
      return lines;
    }
  }
}

/** Where an issue is, for the list by the save button: `城建：`, `规则 2「液化气关键词」：`, `受理时限：`. */
export function issuePlace(key: TownConfigKey, data: unknown, path: string): string {
  const parts = path.split('.');
  const at = (list: { name?: string }[], i: number) => {
    const name = list[i]?.name?.trim();
    return name ? `${name}：` : `第 ${i + 1} 项：`;
  };
  const index = Number(parts[0]);
  switch (key) {
    case 'departments':
      return parts[0] && Number.isInteger(index) ? at(departmentsOf(data), index) : '';
    case 'areas':
      return parts[0] && Number.isInteger(index) ? at(areasOf(data), index) : '';
    case 'categories':
      return parts[0] && Number.isInteger(index) ? at(categoriesOf(data), index) : '';
    case 'routing': {
      const rules = routingOf(data).rules;
      if (parts[0] === 'rules' && parts[1] !== undefined) {
        const i = Number(parts[1]);
        return `规则 ${i + 1}${rules[i]?.name ? `「${rules[i].name}」` : ''}：`;
      }
      return parts[0] === 'fallback' ? '都不符合时：' : '';
    }
    case 'sla': {
      if (parts[0] === 'escalation') {
        const step = (data as SlaPolicy).escalation?.[Number(parts[1])]?.step;
        return step ? `${STEP_WORDS[step]}：` : '';
      }
      const field = SLA_WORDS.find(([k]) => k === parts[0]);
      return field ? `${field[1]}：` : parts[0] === 'verifyMajorWorkingDays' ? '重大隐患核查时限：' : '';
    }
    case 'blockedWords':
      return '';
  }
}
