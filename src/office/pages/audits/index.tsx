import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  AUDIT_GROUP_LABELS,
  AUDIT_GROUPS,
  AUDIT_MAX_DAYS,
  type AdminAuditsInput,
  type AuditEntry,
  type AuditGroup,
} from '../../../../types/audit-log';
import { ListFooter } from '../../../components/ListFooter';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { DatePicker } from '../../../components/ui/DatePicker';
import { Field } from '../../../components/ui/Field';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { formatTime, townToday } from '../../../services/format';
import '../../../components/Form.css';
import '../../office.css';
import './index.css';

const ROLES = ['admin', 'leader'] as const;

interface Filters {
  /** A name typed, or a personId taken from a row (then `actorName` says whose). */
  actor?: string;
  actorName?: string;
  target?: string;
  group?: AuditGroup;
  from?: string;
  to?: string;
}

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** The date range's problem in words, or undefined (the server checks the same). */
export function rangeProblem(from?: string, to?: string): string | undefined {
  if (!from || !to) return undefined;
  if (from > to) return '结束日期不能早于开始日期';
  if (dayNumber(to) - dayNumber(from) + 1 > AUDIT_MAX_DAYS) return `一次最多查询 ${AUDIT_MAX_DAYS} 天`;
  return undefined;
}

function Row({ e, onActor, onTarget }: { e: AuditEntry; onActor: () => void; onTarget: () => void }) {
  const target = e.target.no ?? e.target.id;
  return (
    <View className={`office-card audit-row ${e.identityRead ? 'audit-row--identity' : ''}`}>
      <View className="office-card__row">
        <Text className="audit-row__who">{e.actor.name}</Text>
        <Text className="audit-row__line audit-row__at">{formatTime(e.at)}</Text>
      </View>
      {e.identityRead && <Badge tone="warning">敏感操作</Badge>}
      <Text className="audit-row__what">{e.actionLabel}</Text>
      <Text className="audit-row__line audit-row__target">
        {e.target.typeLabel}
        {target ? `：${target}` : ''}
      </Text>
      {e.reason && <Text className="audit-row__line audit-row__reason">查看原因：{e.reason}</Text>}
      <View className="office-card__actions">
        {e.actor.personId && (
          <Button inline className="audit-row__filter" onClick={onActor}>
            只看此人
          </Button>
        )}
        {target && (
          <Button inline className="audit-row__filter" onClick={onTarget}>
            只看此{e.target.no ? '案件' : '记录'}
          </Button>
        )}
      </View>
    </View>
  );
}

function Audits() {
  const today = townToday();
  const firstYear = Number(today.slice(0, 4)) - 2;
  const [draft, setDraft] = useState<Filters>({});
  const [applied, setApplied] = useState<Filters>({});
  const problem = rangeProblem(draft.from, draft.to);

  const query: AdminAuditsInput = {
    ...(applied.actor ? { actor: applied.actor } : {}),
    ...(applied.target ? { target: applied.target } : {}),
    ...(applied.group ? { group: applied.group } : {}),
    ...(applied.from ? { from: applied.from } : {}),
    ...(applied.to ? { to: applied.to } : {}),
  };
  const list = usePaged<AuditEntry>(
    (page) => api.admin.audits({ ...query, page, pageSize: 20 }),
    [applied.actor, applied.target, applied.group, applied.from, applied.to],
  );
  const apply = (next: Filters) => {
    setDraft(next);
    if (!rangeProblem(next.from, next.to)) setApplied(next);
  };
  const trimmed = (s?: string) => s?.trim() || undefined;
  const any = Object.values(applied).some(Boolean);

  return (
    <View className="office-section office-audits">
      <Text className="office-section__title">操作日志</Text>
      <Text className="audit-row__line">
        记录谁在何时做了什么。查看举报人身份的记录以醒目颜色标出。不选日期时显示最近 30 天。
      </Text>
      <Text className="office-filter-label">操作类别</Text>
      <ChipGroup label="按操作类别查看">
        <Chip active={!draft.group} label="全部" onClick={() => apply({ ...draft, group: undefined })} />
        {AUDIT_GROUPS.map((g) => (
          <Chip
            key={g}
            className={`audits-group audits-group--${g}`}
            active={draft.group === g}
            label={AUDIT_GROUP_LABELS[g]}
            onClick={() => apply({ ...draft, group: g })}
          />
        ))}
      </ChipGroup>
      <Field label="人员姓名" id="audits-actor" hint={draft.actorName ? `正在只看：${draft.actorName}` : undefined}>
        {(control) => (
          <Input
            className="form-input"
            value={draft.actorName ? draft.actorName : (draft.actor ?? '')}
            maxlength={40}
            placeholder="输入完整姓名，例如：城建办 张工"
            onInput={(ev) => setDraft({ ...draft, actor: ev.detail.value, actorName: undefined })}
            {...control}
          />
        )}
      </Field>
      <Field label="案件编号" id="audits-target">
        {(control) => (
          <Input
            className="form-input"
            value={draft.target ?? ''}
            maxlength={64}
            placeholder="举报编号 MX-… 或台账编号 ZD-…"
            onInput={(ev) => setDraft({ ...draft, target: ev.detail.value })}
            {...control}
          />
        )}
      </Field>
      <View className="audits-dates">
        <Field label="开始日期" id="audits-from">
          <DatePicker
            label="开始日期"
            value={draft.from ?? ''}
            start={`${firstYear}-01-01`}
            years={3}
            placeholder="最近 30 天"
            onChange={(from) => setDraft({ ...draft, from })}
          />
        </Field>
        <Field label="结束日期" id="audits-to" error={problem}>
          <DatePicker
            label="结束日期"
            value={draft.to ?? ''}
            start={`${firstYear}-01-01`}
            years={3}
            placeholder="今天"
            onChange={(to) => setDraft({ ...draft, to })}
          />
        </Field>
      </View>
      <View className="office-card__actions audits-apply">
        <Button
          className="audits-search"
          disabled={!!problem}
          onClick={() =>
            apply({
              ...draft,
              actor: draft.actorName ? draft.actor : trimmed(draft.actor),
              target: trimmed(draft.target),
            })
          }
        >
          查询
        </Button>
        {any && (
          <Button className="audits-clear" onClick={() => apply({})}>
            清除条件
          </Button>
        )}
      </View>

      {list.items.length === 0 ? (
        list.error ? (
          <ErrorState message={list.error.message} onRetry={list.reload} />
        ) : list.loading ? (
          <Loading />
        ) : (
          <Empty text={any ? '没有符合条件的操作记录' : '最近 30 天没有操作记录'} />
        )
      ) : (
        <>
          <Text className="office-total">共 {list.total} 条</Text>
          {list.items.map((e) => (
            <Row
              key={e.id}
              e={e}
              onActor={() => apply({ ...applied, actor: e.actor.personId, actorName: e.actor.name })}
              onTarget={() => apply({ ...applied, target: e.target.no ?? e.target.id })}
            />
          ))}
          <ListFooter list={list} />
        </>
      )}
    </View>
  );
}

/** 操作日志: 安委办 and leaders read who did what, when, on which record; identity reads stand out. */
export default function OfficeAuditsPage() {
  return (
    <RoleGate roles={ROLES} who="office">
      <Shell className="office">
        <Audits />
      </Shell>
    </RoleGate>
  );
}
