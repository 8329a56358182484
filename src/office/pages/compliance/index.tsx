import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { DutyKind, EnterpriseDuties } from '../../../../types/inspection';
import { ListFooter } from '../../../components/ListFooter';
import { OFFICE_ROLES, RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge, Chip, ChipGroup, Empty, ErrorState, Loading } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { dutyDate, dutyTone, dutyWords } from '../../../services/duty-words';
import '../../office.css';

type Filter = 'flagged' | 'dueSoon' | 'all';

const KINDS: { id: DutyKind; label: string; rule: string }[] = [
  { id: 'drill', label: '演练', rule: '应急演练：每年至少一次，高危行业每半年一次。' },
  { id: 'inspection', label: '自查', rule: '重大隐患自查：每季度至少一次，高危行业每月一次。' },
];
const FILTERS: { id: Filter; label: string }[] = [
  { id: 'flagged', label: '需关注' },
  { id: 'dueSoon', label: '即将到期' },
  { id: 'all', label: '全部' },
];
const EMPTY: Record<Filter, string> = {
  flagged: '没有超期或尚无记录的企业。',
  dueSoon: '近期没有即将到期的企业。',
  all: '还没有已登记的企业。',
};
const LAST_LABEL: Record<DutyKind, string> = { drill: '上次演练', inspection: '上次自查' };

function Row({ e, kind }: { e: EnterpriseDuties; kind: DutyKind }) {
  const s = e[kind];
  return (
    <View className="office-card compliance-row">
      <View className="office-card__row">
        <Text className="office-card__title">{e.enterpriseName}</Text>
        <Badge tone={dutyTone(s)} className="compliance-row__state">
          {dutyWords(s)}
        </Badge>
      </View>
      {e.highRisk && <Badge tone="danger">高危</Badge>}
      <Text className="office-card__meta">
        {e.industryName} · {e.areaName}
      </Text>
      <Text className="office-card__meta">
        {LAST_LABEL[kind]}：{s.lastOn ? dutyDate(s.lastOn) : '尚无记录'}
      </Text>
      <Text className="office-card__meta">
        {s.dueOn ? `应在此前完成：${dutyDate(s.dueOn)}` : '还没有记录，应尽快完成'}
      </Text>
    </View>
  );
}

function Compliance() {
  const [kind, setKind] = useState<DutyKind>('drill');
  const [filter, setFilter] = useState<Filter>('flagged');
  const list = usePaged<EnterpriseDuties>(
    (page) => api.drill.compliance({ kind, filter, page, pageSize: 20 }),
    [kind, filter],
  );
  return (
    <View className="office-section compliance">
      <Text className="office-section__title">演练与自查</Text>
      <ChipGroup label="选择事项">
        {KINDS.map((k) => (
          <Chip key={k.id} active={kind === k.id} label={k.label} onClick={() => setKind(k.id)} />
        ))}
      </ChipGroup>
      <Text className="office-card__meta">{KINDS.find((k) => k.id === kind)!.rule}</Text>
      <Text className="office-filter-label">显示</Text>
      <ChipGroup label="按情况筛选">
        {FILTERS.map((f) => (
          <Chip key={f.id} active={filter === f.id} label={f.label} onClick={() => setFilter(f.id)} />
        ))}
      </ChipGroup>
      {list.items.length === 0 ? (
        list.error ? (
          <ErrorState message={list.error.message} onRetry={list.reload} />
        ) : list.loading ? (
          <Loading />
        ) : (
          <Empty text={EMPTY[filter]} />
        )
      ) : (
        <>
          <Text className="office-total">共 {list.total} 家</Text>
          {list.items.map((e) => (
            <Row key={e.enterpriseId} e={e} kind={kind} />
          ))}
          <ListFooter list={list} />
        </>
      )}
    </View>
  );
}

/** 安委办：演练与自查 — enterprises by their drill or self-inspection duty: flagged, due soon, all. */
export default function OfficeCompliancePage() {
  return (
    <RoleGate roles={OFFICE_ROLES} who="office">
      <Shell className="office">
        <Compliance />
      </Shell>
    </RoleGate>
  );
}
