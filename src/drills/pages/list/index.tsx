import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LoginResult } from '../../../../types';
import { DRILL_STATUS_LABELS, DRILL_STATUSES, type DrillStatus, type DrillSummary } from '../../../../types/drill';
import { ListFooter } from '../../../components/ListFooter';
import { Badge, Button, Chip, ChipGroup, Empty, ErrorState, Loading, a11y, pressable } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { goTo } from '../../../services/navigate';
import { DrillGate } from '../../components/DrillGate';
import {
  ALL_ROLES,
  CHECKIN_URL,
  PLAN_URL,
  STATUS_TONES,
  detailUrl,
  headcountText,
  windowText,
} from '../../components/words';

type Scope = 'manage' | 'join' | 'all';

/** The tabs a person's roles give: 我组织的 (managers, 安委办), 全部 (安委办, leaders), 可参加的 (everyone). */
export function tabsFor(roles: LoginResult['roles']): { id: Scope; label: string }[] {
  const has = (r: LoginResult['roles'][number]) => roles.includes(r);
  const out: { id: Scope; label: string }[] = [];
  if (has('safetyManager') || has('admin')) out.push({ id: 'manage', label: '我组织的' });
  if (has('admin') || has('leader')) out.push({ id: 'all', label: '全部' });
  out.push({ id: 'join', label: '可参加的' });
  return out;
}

const EMPTY_WORDS: Record<Scope, string> = {
  manage: '还没有组织过演练。点上面的“计划新演练”开始。',
  join: '现在没有您可以参加的演练。演练开始前，组织者会通知您。',
  all: '全镇还没有演练记录。',
};

function DrillCard({ d }: { d: DrillSummary }) {
  return (
    <View
      className="drills__section drills__card drill-card"
      {...a11y({ role: 'link' })}
      {...pressable(() => void goTo(detailUrl(d.id)))}
    >
      <Text className="drills__title">{d.title}</Text>
      <View className="drills__badges">
        <Badge tone={STATUS_TONES[d.status]}>{d.statusLabel}</Badge>
        <Badge tone="neutral">{d.typeLabel}</Badge>
        {d.audience === 'open' && <Badge tone="primary">公开</Badge>}
        {d.myCheckinAt && <Badge tone="success">我已签到</Badge>}
      </View>
      <Text className="drills__line">时间：{windowText(d)}</Text>
      <Text className="drills__meta">
        {d.organizer} · 集合点：{d.location.address}
      </Text>
      {d.status !== 'planned' && d.status !== 'cancelled' && (
        <Text className="drills__meta">{headcountText(d.checkedIn, d.expectedCount, d.audience === 'open')}</Text>
      )}
      <Text className="drills__meta">查看详情 ›</Text>
    </View>
  );
}

function DrillList({ session }: { session: LoginResult }) {
  const tabs = tabsFor(session.roles);
  const [scope, setScope] = useState<Scope>(tabs[0].id);
  const [status, setStatus] = useState<DrillStatus>();
  const reshown = useReshown();
  const list = usePaged<DrillSummary>((page) => api.drill.list({ scope, status, page }), [scope, status, reshown]);
  const canPlan =
    session.roles.includes('admin') || (session.roles.includes('safetyManager') && !!session.enterpriseId);
  return (
    <View className="drill-list">
      {canPlan && (
        <View className="drills__section">
          <Text className="drills__line">
            {session.roles.includes('admin')
              ? '为居民组织全镇的公开演练，现场用二维码签到。'
              : '每年至少组织一次疏散演练（高危行业每半年一次），现场用二维码签到。'}
          </Text>
          <View className="drills__actions">
            <Button kind="primary" className="drill-list__plan" onClick={() => void goTo(PLAN_URL)}>
              计划新演练
            </Button>
          </View>
        </View>
      )}
      {scope === 'join' && (
        <View className="drills__section">
          <Text className="drills__line">到了演练现场，扫组织者手机上的二维码签到。</Text>
          <View className="drills__actions">
            <Button className="drill-list__checkin" onClick={() => void goTo(CHECKIN_URL)}>
              扫码签到
            </Button>
          </View>
        </View>
      )}
      {tabs.length > 1 && (
        <ChipGroup label="演练范围" className="drills__tabs drill-list__tabs">
          {tabs.map((t) => (
            <Chip key={t.id} active={scope === t.id} label={t.label} onClick={() => setScope(t.id)} />
          ))}
        </ChipGroup>
      )}
      {scope !== 'join' && (
        <ChipGroup label="演练状态" className="drills__tabs drill-list__status">
          <Chip active={!status} label="全部状态" onClick={() => setStatus(undefined)} />
          {DRILL_STATUSES.map((s) => (
            <Chip key={s} active={status === s} label={DRILL_STATUS_LABELS[s]} onClick={() => setStatus(s)} />
          ))}
        </ChipGroup>
      )}
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.error ? (
        <ErrorState message={list.error.message} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty text={status ? `没有“${DRILL_STATUS_LABELS[status]}”的演练。` : EMPTY_WORDS[scope]} />
      ) : (
        <>
          <Text className="drills__notice drill-list__total">共 {list.total} 场演练</Text>
          {list.items.map((d) => (
            <DrillCard key={d.id} d={d} />
          ))}
          <ListFooter list={list} />
        </>
      )}
    </View>
  );
}

/** 应急演练: the drills a person organises (managers, 安委办), all of them (安委办, leaders), or may join. */
export default function DrillListPage() {
  return <DrillGate roles={ALL_ROLES}>{(session) => <DrillList session={session} />}</DrillGate>;
}
