// 修改配置 (issue 11): one structured editor per key — no JSON for people. Each keeps its own rows (strings while
// typing, whether a row is new) and reports the key's data up on every change; issues arrive on the data's paths.
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { ValidationIssue } from '../../../../types';
import type {
  Area,
  AreaKind,
  Category,
  Department,
  RoutingRule,
  RoutingTable,
  SlaPolicy,
} from '../../../../types/town';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { Field } from '../../../components/ui/Field';
import { a11y } from '../../../components/ui/a11y';
import {
  areasOf,
  categoriesOf,
  departmentsOf,
  issuesAt,
  KIND_WORDS,
  routingOf,
  ruleConditions,
  ruleTarget,
  STEP_WORDS,
  withAreas,
  wordsOf,
  type TownNames,
} from '../../components/town-config';

export interface EditorProps {
  initial: unknown;
  onChange: (data: unknown) => void;
  issues: ValidationIssue[];
  names: TownNames;
}

type Row<T> = { uid: number; isNew: boolean; value: T };
let uidSeq = 0;
const rowsOf = <T,>(items: T[]): Row<T>[] => items.map((value) => ({ uid: ++uidSeq, isNew: false, value }));

/** Rows state that reports `toData(rows)` up whenever it changes. */
function useRows<T>(items: T[], toData: (rows: Row<T>[]) => unknown, onChange: (d: unknown) => void) {
  const [rows, setRows] = useState(() => rowsOf(items));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    onChange(toData(rows));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows]);
  const update = (uid: number, patch: Partial<T>) =>
    setRows((rs) => rs.map((r) => (r.uid === uid ? { ...r, value: { ...r.value, ...patch } } : r)));
  const remove = (uid: number) => setRows((rs) => rs.filter((r) => r.uid !== uid));
  const add = (value: T) => {
    const uid = ++uidSeq;
    setRows((rs) => [...rs, { uid, isNew: true, value }]);
    return uid;
  };
  const move = (uid: number, by: -1 | 1) =>
    setRows((rs) => {
      const i = rs.findIndex((r) => r.uid === uid);
      const j = i + by;
      if (i < 0 || j < 0 || j >= rs.length) return rs;
      const next = rs.slice();
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  return { rows, update, remove, add, move };
}

/** The first id `prefix-n` (or `prefixn`) not taken. */
function freshId(taken: string[], prefix: string, sep = '-'): string {
  for (let n = taken.length + 1; ; n++) {
    const id = `${prefix}${sep}${n}`;
    if (!taken.includes(id)) return id;
  }
}

/** A number typed as text: empty or not a number is NaN (the check names it), never 0. */
const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

function TextInput({
  label,
  value,
  onInput,
  error,
  hint,
  type = 'text',
  maxlength = 40,
  className = '',
  required = true,
  placeholder,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'digit' | 'number';
  maxlength?: number;
  className?: string;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <Field label={label} required={required} error={error} hint={hint} className={className}>
      {(control) => (
        <Input
          className="form-input"
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
          {...control}
        />
      )}
    </Field>
  );
}

const first = (issues: ValidationIssue[], path: string) => issuesAt(issues, path)[0];
/** Issues on the item itself (`3`), not on one of its fields. */
const itemIssues = (issues: ValidationIssue[], path: string, fields: string[]) =>
  issuesAt(issues, path).filter((m) => !fields.some((f) => issuesAt(issues, `${path}.${f}`).includes(m)));

/** One editable item (a department, an area, a category, a rule): a group named by its title, marked new or in error. */
function ItemCard({
  title,
  isNew,
  hasError,
  children,
}: React.PropsWithChildren<{ title: string; isNew: boolean; hasError: boolean }>) {
  const cls = ['config-edit__item', isNew ? 'config-edit__item--new' : '', hasError ? 'config-edit__item--error' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={cls} {...a11y({ role: 'group', label: title })}>
      <Text className="config-edit__item-title">
        {title}
        {isNew ? '（新增）' : ''}
      </Text>
      {children}
    </View>
  );
}

function ItemErrors({ messages }: { messages: string[] }) {
  return (
    <>
      {messages.map((m) => (
        <Text key={m} className="office-error" {...a11y({ role: 'alert' })}>
          {m}
        </Text>
      ))}
    </>
  );
}

function ItemButtons({
  name,
  onUp,
  onDown,
  onRemove,
  onEdit,
  editing,
}: {
  name: string;
  onUp?: () => void;
  onDown?: () => void;
  onRemove?: () => void;
  onEdit?: () => void;
  editing?: boolean;
}) {
  return (
    <View className="office-card__actions">
      {onEdit && (
        <Button
          inline
          kind={editing ? 'primary' : 'default'}
          ariaLabel={`${editing ? '完成' : '编辑'}：${name}`}
          onClick={onEdit}
        >
          {editing ? '完成' : '编辑'}
        </Button>
      )}
      {onUp && (
        <Button inline ariaLabel={`上移：${name}`} onClick={onUp}>
          上移
        </Button>
      )}
      {onDown && (
        <Button inline ariaLabel={`下移：${name}`} onClick={onDown}>
          下移
        </Button>
      )}
      {onRemove && (
        <Button inline kind="danger" ariaLabel={`删除：${name}`} onClick={onRemove}>
          删除
        </Button>
      )}
    </View>
  );
}

// ——— 部门 ———

export function DepartmentsEditor({ initial, onChange, issues }: EditorProps) {
  const { rows, update, remove, add } = useRows<Department>(
    departmentsOf(initial),
    (rs) => rs.map((r) => r.value),
    onChange,
  );
  return (
    <View>
      {rows.map((r, i) => {
        const d = r.value;
        const title = d.name.trim() || '新部门';
        const mine = issuesAt(issues, String(i));
        return (
          <ItemCard key={r.uid} title={title} isNew={r.isNew} hasError={mine.length > 0}>
            {r.isNew ? (
              <TextInput
                label="代码（2 至 6 个大写字母，保存后不能再改）"
                value={d.code}
                maxlength={6}
                error={first(issues, `${i}.code`)}
                onInput={(v) => update(r.uid, { code: v.toUpperCase().replace(/[^A-Z]/g, '') })}
              />
            ) : (
              <Text className="config-edit__readonly">代码：{d.code}（不能修改）</Text>
            )}
            <TextInput
              label="简称"
              value={d.name}
              maxlength={20}
              error={first(issues, `${i}.name`)}
              onInput={(v) => update(r.uid, { name: v })}
            />
            <TextInput
              label="全称"
              value={d.fullName}
              maxlength={40}
              error={first(issues, `${i}.fullName`)}
              onInput={(v) => update(r.uid, { fullName: v })}
            />
            <ItemErrors messages={itemIssues(issues, String(i), ['code', 'name', 'fullName'])} />
            {d.safetyOffice ? (
              <Text className="config-edit__readonly">镇安委办负责分拨无人认领的举报，不能删除</Text>
            ) : (
              <ItemButtons name={title} onRemove={() => remove(r.uid)} />
            )}
          </ItemCard>
        );
      })}
      <Button className="config-edit__add" onClick={() => add({ code: '', name: '', fullName: '' })}>
        新增部门
      </Button>
    </View>
  );
}

// ——— 居民区和村 ———

type AreaRow = Omit<Area, 'latitude' | 'longitude'> & { latitude: string; longitude: string };

export function AreasEditor({ initial, onChange, issues }: EditorProps) {
  const toArea = (a: AreaRow): Area => ({
    ...a,
    name: a.name.trim(),
    latitude: num(a.latitude),
    longitude: num(a.longitude),
  });
  const { rows, update, remove, add } = useRows<AreaRow>(
    areasOf(initial).map((a) => ({ ...a, latitude: String(a.latitude), longitude: String(a.longitude) })),
    (rs) =>
      withAreas(
        initial,
        rs.map((r) => toArea(r.value)),
      ),
    onChange,
  );
  const weapp = process.env.TARO_ENV === 'weapp';
  const pick = async (r: Row<AreaRow>) => {
    try {
      const at = await Taro.chooseLocation({
        latitude: num(r.value.latitude) || undefined,
        longitude: num(r.value.longitude) || undefined,
      } as Taro.chooseLocation.Option);
      update(r.uid, { latitude: at.latitude.toFixed(4), longitude: at.longitude.toFixed(4) });
    } catch {
      // cancelled: keep what was typed
    }
  };
  const ids = rows.map((r) => r.value.id);
  return (
    <View>
      {rows.map((r, i) => {
        const a = r.value;
        const title = a.name.trim() || '新的居民区或村';
        const mine = issuesAt(issues, String(i));
        return (
          <ItemCard key={r.uid} title={title} isNew={r.isNew} hasError={mine.length > 0}>
            <TextInput
              label="名称"
              value={a.name}
              maxlength={20}
              error={first(issues, `${i}.name`)}
              onInput={(v) => update(r.uid, { name: v })}
            />
            <Text className="office-filter-label">类型</Text>
            <ChipGroup label={`${title}的类型`}>
              {(['community', 'village'] as AreaKind[]).map((k) => (
                <Chip key={k} active={a.kind === k} label={KIND_WORDS[k]} onClick={() => update(r.uid, { kind: k })} />
              ))}
            </ChipGroup>
            <View className="config-edit__row">
              <TextInput
                label="纬度"
                type="digit"
                value={a.latitude}
                maxlength={12}
                error={first(issues, `${i}.latitude`)}
                onInput={(v) => update(r.uid, { latitude: v })}
              />
              <TextInput
                label="经度"
                type="digit"
                value={a.longitude}
                maxlength={12}
                error={first(issues, `${i}.longitude`)}
                onInput={(v) => update(r.uid, { longitude: v })}
              />
            </View>
            <Text className="office-card__meta">区域中心的位置，举报人没有选点时用它</Text>
            <ItemErrors messages={itemIssues(issues, String(i), ['name', 'latitude', 'longitude', 'kind'])} />
            <View className="office-card__actions">
              {weapp && (
                <Button inline onClick={() => void pick(r)}>
                  在地图上选点
                </Button>
              )}
              <Button inline kind="danger" ariaLabel={`删除：${title}`} onClick={() => remove(r.uid)}>
                删除
              </Button>
            </View>
          </ItemCard>
        );
      })}
      <Button
        className="config-edit__add"
        onClick={() => add({ id: freshId(ids, 'area'), name: '', kind: 'community', latitude: '', longitude: '' })}
      >
        新增居民区或村
      </Button>
    </View>
  );
}

// ——— 隐患类别 ———

export function CategoriesEditor({ initial, onChange, issues }: EditorProps) {
  const { rows, update, remove, add } = useRows<Category>(
    categoriesOf(initial),
    (rs) => rs.map((r) => ({ ...r.value, name: r.value.name.trim(), group: r.value.group.trim() })),
    onChange,
  );
  const [newGroup, setNewGroup] = useState<Record<number, boolean>>({});
  const groups = [...new Set(rows.map((r) => r.value.group.trim()).filter(Boolean))];
  const ids = rows.map((r) => r.value.id);
  return (
    <View>
      {rows.map((r, i) => {
        const c = r.value;
        const title = c.name.trim() || '新类别';
        const mine = issuesAt(issues, String(i));
        const typing = newGroup[r.uid] ?? false;
        return (
          <ItemCard key={r.uid} title={title} isNew={r.isNew} hasError={mine.length > 0}>
            <TextInput
              label="类别名称"
              value={c.name}
              maxlength={30}
              error={first(issues, `${i}.name`)}
              onInput={(v) => update(r.uid, { name: v })}
            />
            <Text className="office-filter-label">分组（举报时按分组列出）</Text>
            <ChipGroup label={`${title}的分组`}>
              {groups.map((g) => (
                <Chip
                  key={g}
                  active={!typing && c.group.trim() === g}
                  label={g}
                  onClick={() => {
                    setNewGroup((n) => ({ ...n, [r.uid]: false }));
                    update(r.uid, { group: g });
                  }}
                />
              ))}
              <Chip
                active={typing}
                label="新分组…"
                onClick={() => {
                  setNewGroup((n) => ({ ...n, [r.uid]: true }));
                  update(r.uid, { group: '' });
                }}
              />
            </ChipGroup>
            {typing && (
              <TextInput
                label="新分组名称"
                value={c.group}
                maxlength={20}
                error={first(issues, `${i}.group`)}
                onInput={(v) => update(r.uid, { group: v })}
              />
            )}
            {!typing && first(issues, `${i}.group`) && (
              <Text className="office-error">{first(issues, `${i}.group`)}</Text>
            )}
            <ChipGroup label={`${title}是否紧急`} multi>
              <Chip
                multi
                active={c.emergency}
                label={`${c.emergency ? '✓ ' : ''}紧急（举报时先提示举报人拨打求助电话）`}
                onClick={() => update(r.uid, { emergency: !c.emergency })}
              />
            </ChipGroup>
            <ItemErrors messages={itemIssues(issues, String(i), ['name', 'group', 'emergency'])} />
            <ItemButtons name={title} onRemove={() => remove(r.uid)} />
          </ItemCard>
        );
      })}
      <Button
        className="config-edit__add"
        onClick={() => add({ id: freshId(ids, 'cat'), name: '', group: groups[0] ?? '', emergency: false })}
      >
        新增类别
      </Button>
    </View>
  );
}

// ——— 分派规则 ———

type RuleRow = RoutingRule & { keywordsText: string };
const splitWords = (s: string) =>
  s
    .split(/[、，,；;\s]+/)
    .map((w) => w.trim())
    .filter(Boolean);

function toRule({ keywordsText, ...r }: RuleRow): RoutingRule {
  const keywords = splitWords(keywordsText);
  const out: RoutingRule = { id: r.id, name: r.name.trim(), departmentCode: r.departmentCode };
  if (r.categoryIds?.length) out.categoryIds = r.categoryIds;
  if (r.areaIds?.length) out.areaIds = r.areaIds;
  if (r.areaKinds?.length) out.areaKinds = r.areaKinds;
  if (keywords.length) out.keywords = keywords;
  if (r.coDepartmentCodes?.length) out.coDepartmentCodes = r.coDepartmentCodes;
  return out;
}
const toggle = <T,>(list: T[] | undefined, v: T) =>
  (list ?? []).includes(v) ? (list ?? []).filter((x) => x !== v) : [...(list ?? []), v];

function RuleForm({
  rule,
  index,
  issues,
  names,
  update,
}: {
  rule: RuleRow;
  index: number;
  issues: ValidationIssue[];
  names: TownNames;
  update: (patch: Partial<RuleRow>) => void;
}) {
  const at = `rules.${index}`;
  const groups = [...new Set(names.categories.map((c) => c.group))];
  const depts = names.departments;
  return (
    <View className="config-edit__rule-form">
      <TextInput
        label="规则名称"
        value={rule.name}
        maxlength={30}
        error={first(issues, `${at}.name`)}
        onInput={(v) => update({ name: v })}
      />
      <Text className="office-filter-label">隐患类别（可多选；不选 = 不看类别）</Text>
      {groups.map((g) => (
        <ChipGroup key={g} label={`隐患类别：${g}`} multi>
          {names.categories
            .filter((c) => c.group === g)
            .map((c) => (
              <Chip
                key={c.id}
                multi
                active={!!rule.categoryIds?.includes(c.id)}
                label={c.name}
                onClick={() => update({ categoryIds: toggle(rule.categoryIds, c.id) })}
              />
            ))}
        </ChipGroup>
      ))}
      {first(issues, `${at}.categoryIds`) && <Text className="office-error">{first(issues, `${at}.categoryIds`)}</Text>}
      <Text className="office-filter-label">区域类型（可多选；不选 = 不限）</Text>
      <ChipGroup label="区域类型" multi>
        {(['community', 'village'] as AreaKind[]).map((k) => (
          <Chip
            key={k}
            multi
            active={!!rule.areaKinds?.includes(k)}
            label={KIND_WORDS[k]}
            onClick={() => update({ areaKinds: toggle(rule.areaKinds, k) })}
          />
        ))}
      </ChipGroup>
      <Text className="office-filter-label">具体的居民区或村（可多选；不选 = 不限）</Text>
      <ChipGroup label="具体的居民区或村" multi>
        {names.areas.map((a) => (
          <Chip
            key={a.id}
            multi
            active={!!rule.areaIds?.includes(a.id)}
            label={a.name}
            onClick={() => update({ areaIds: toggle(rule.areaIds, a.id) })}
          />
        ))}
      </ChipGroup>
      <TextInput
        label="描述中含有的关键词（可不填）"
        hint="用顿号或空格分开，例如：液化气、煤气罐；含任意一个即符合"
        required={false}
        value={rule.keywordsText}
        maxlength={200}
        error={first(issues, `${at}.keywords`)}
        onInput={(v) => update({ keywordsText: v })}
      />
      <Field label="主办部门" required error={first(issues, `${at}.departmentCode`)}>
        {(control) => (
          <ChipGroup label="主办部门" control={control}>
            {depts.map((d) => (
              <Chip
                key={d.code}
                active={rule.departmentCode === d.code}
                label={d.name}
                onClick={() =>
                  update({
                    departmentCode: d.code,
                    coDepartmentCodes: (rule.coDepartmentCodes ?? []).filter((c) => c !== d.code),
                  })
                }
              />
            ))}
          </ChipGroup>
        )}
      </Field>
      <Text className="office-filter-label">协办部门（可多选，可不选）</Text>
      <ChipGroup label="协办部门" multi>
        {depts
          .filter((d) => d.code !== rule.departmentCode)
          .map((d) => (
            <Chip
              key={d.code}
              multi
              active={!!rule.coDepartmentCodes?.includes(d.code)}
              label={d.name}
              onClick={() => update({ coDepartmentCodes: toggle(rule.coDepartmentCodes, d.code) })}
            />
          ))}
      </ChipGroup>
      {first(issues, `${at}.coDepartmentCodes`) && (
        <Text className="office-error">{first(issues, `${at}.coDepartmentCodes`)}</Text>
      )}
    </View>
  );
}

export function RoutingEditor({ initial, onChange, issues, names }: EditorProps) {
  const table = routingOf(initial);
  const [fallback, setFallback] = useState(table.fallback);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  const rulesRef = useRef<RoutingRule[]>(table.rules);
  const emit = (rules: RoutingRule[], fb: RoutingTable['fallback']) =>
    onChange({ ...table, fallback: fb, rules } satisfies RoutingTable);
  const { rows, update, remove, add, move } = useRows<RuleRow>(
    table.rules.map((r) => ({ ...r, keywordsText: (r.keywords ?? []).join('、') })),
    (rs) => {
      rulesRef.current = rs.map((r) => toRule(r.value));
      return { ...table, fallback: fallbackRef.current, rules: rulesRef.current };
    },
    onChange,
  );
  const [editing, setEditing] = useState<number>();
  const setFb = (patch: Partial<RoutingTable['fallback']>) => {
    const next = { ...fallback, ...patch };
    setFallback(next);
    emit(rulesRef.current, next);
  };
  const ids = rows.map((r) => r.value.id);
  return (
    <View>
      <Text className="office-card__meta">
        从上到下逐条比对，用第一条符合的规则；一条规则里的类别、区域、关键词都要符合。
      </Text>
      {rows.map((r, i) => {
        const rule = toRule(r.value);
        const title = `${i + 1}. ${rule.name || '新规则'}`;
        const mine = issuesAt(issues, `rules.${i}`);
        const open = editing === r.uid || (mine.length > 0 && editing === undefined);
        return (
          <ItemCard key={r.uid} title={title} isNew={r.isNew} hasError={mine.length > 0}>
            {ruleConditions(rule, names).map((c) => (
              <Text key={c} className="config-line">
                {c}
              </Text>
            ))}
            <Text className="config-line">{rule.departmentCode ? ruleTarget(rule, names) : '还没有选主办部门'}</Text>
            {open ? (
              <RuleForm rule={r.value} index={i} issues={issues} names={names} update={(p) => update(r.uid, p)} />
            ) : (
              <ItemErrors messages={mine} />
            )}
            <ItemButtons
              name={title}
              editing={open}
              onEdit={() => setEditing(open ? -1 : r.uid)}
              onUp={i > 0 ? () => move(r.uid, -1) : undefined}
              onDown={i < rows.length - 1 ? () => move(r.uid, 1) : undefined}
              onRemove={() => remove(r.uid)}
            />
          </ItemCard>
        );
      })}
      <Button
        className="config-edit__add"
        onClick={() => {
          const id = freshId(ids, 'R', '');
          setEditing(add({ id, name: '', departmentCode: '', keywordsText: '' }));
        }}
      >
        新增规则
      </Button>
      <View className="config-edit__item" {...a11y({ role: 'group', label: '都不符合时' })}>
        <Text className="config-edit__item-title">都不符合任何规则时</Text>
        <Field label="交给" required error={first(issues, 'fallback.departmentCode')}>
          {(control) => (
            <ChipGroup label="都不符合时交给" control={control}>
              {names.departments.map((d) => (
                <Chip
                  key={d.code}
                  active={fallback.departmentCode === d.code}
                  label={d.name}
                  onClick={() => setFb({ departmentCode: d.code })}
                />
              ))}
            </ChipGroup>
          )}
        </Field>
        <TextInput
          label="理由（举报记录里会写上）"
          value={fallback.reason}
          maxlength={60}
          error={first(issues, 'fallback.reason')}
          onInput={(v) => setFb({ reason: v })}
        />
      </View>
    </View>
  );
}

// ——— 办理时限 ———

type SlaNumberKey =
  | 'acceptWorkingDays'
  | 'verifyWorkingDays'
  | 'verifyMajorWorkingDays'
  | 'closeDays'
  | 'extendDays'
  | 'duplicateRadiusMeters';
const SLA_FIELDS: { k: SlaNumberKey; label: string; hint: string }[] = [
  { k: 'acceptWorkingDays', label: '受理时限（个工作日）', hint: '举报提交后，责任部门要在这么多个工作日内受理' },
  { k: 'verifyWorkingDays', label: '核查时限（个工作日）', hint: '受理后，要在这么多个工作日内核查是否属实' },
  { k: 'verifyMajorWorkingDays', label: '重大隐患核查时限（个工作日）', hint: '可能是重大事故隐患的，核查要更快' },
  { k: 'closeDays', label: '整改销号期限（天）', hint: '查实后，要在这么多天（含周末和节假日）内整改完毕并销号' },
  { k: 'extendDays', label: '延期（天）', hint: '整改确有困难的，可以延期这么多天' },
  { k: 'duplicateRadiusMeters', label: '重复举报范围（米）', hint: '这个距离内同类、未办结的举报，提示可能是重复举报' },
];
const STEP_HINTS: Record<SlaPolicy['escalation'][number]['step'], string> = {
  notice: '超过办理期限后，向责任部门发函告知',
  bulletin: '在全镇通报',
  summons: '约谈责任部门负责人',
  exposure: '在曝光台公开',
};

export function SlaEditor({ initial, onChange, issues }: EditorProps) {
  const sla = initial as SlaPolicy;
  const [text, setText] = useState<Record<SlaNumberKey, string>>(
    () => Object.fromEntries(SLA_FIELDS.map(({ k }) => [k, String(sla[k])])) as Record<SlaNumberKey, string>,
  );
  const [steps, setSteps] = useState(() => sla.escalation.map((e) => String(e.overdueWorkingDays)));
  const first2 = useRef(true);
  useEffect(() => {
    if (first2.current) {
      first2.current = false;
      return;
    }
    const next: SlaPolicy = {
      ...sla,
      ...(Object.fromEntries(SLA_FIELDS.map(({ k }) => [k, num(text[k])])) as Record<SlaNumberKey, number>),
      escalation: sla.escalation.map((e, i) => ({ ...e, overdueWorkingDays: num(steps[i]) })),
    };
    onChange(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, steps]);
  return (
    <View>
      <View className="config-edit__item">
        <Text className="config-edit__item-title">办理期限</Text>
        {SLA_FIELDS.map(({ k, label, hint }) => (
          <TextInput
            key={k}
            label={label}
            hint={hint}
            type="number"
            maxlength={5}
            value={text[k]}
            error={first(issues, k)}
            onInput={(v) => setText((t) => ({ ...t, [k]: v }))}
          />
        ))}
      </View>
      <View className="config-edit__item">
        <Text className="config-edit__item-title">超期督办</Text>
        <Text className="office-card__meta">超过办理期限后第几个工作日起采取这一步（0 = 一超期就采取）</Text>
        {sla.escalation.map((e, i) => (
          <TextInput
            key={e.step}
            label={`${STEP_WORDS[e.step]}：超期几个工作日起`}
            hint={STEP_HINTS[e.step]}
            type="number"
            maxlength={3}
            value={steps[i]}
            error={first(issues, `escalation.${i}`)}
            onInput={(v) => setSteps((s) => s.map((x, j) => (j === i ? v : x)))}
          />
        ))}
      </View>
    </View>
  );
}

// ——— 屏蔽词 ———

export function BlockedWordsEditor({ initial, onChange, issues }: EditorProps) {
  const [text, setText] = useState(() => wordsOf(initial).join('\n'));
  const lines = text
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);
  const words = [...new Set(lines)];
  const dup = lines.length - words.length;
  const firstRun = useRef(true);
  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    onChange({ ...((initial as object) ?? {}), words });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return (
    <View className="config-edit__item">
      <Field
        label="屏蔽词（每行一个）"
        hint="举报的文字里有这些词时不能提交，会提示举报人修改"
        error={issuesAt(issues, 'words')[0]}
      >
        {(control) => (
          <Textarea
            className="form-textarea config-edit__words"
            value={text}
            maxlength={40000}
            autoHeight
            onInput={(e) => setText(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      <Text className="config-edit__count" {...a11y({ role: 'status' })}>
        共 {words.length} 个词{dup > 0 ? `（去掉了 ${dup} 个重复的）` : ''}
      </Text>
    </View>
  );
}

export const EDITORS = {
  departments: DepartmentsEditor,
  areas: AreasEditor,
  categories: CategoriesEditor,
  routing: RoutingEditor,
  sla: SlaEditor,
  blockedWords: BlockedWordsEditor,
} satisfies Record<string, (p: EditorProps) => JSX.Element>;
