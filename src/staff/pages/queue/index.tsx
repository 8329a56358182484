import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  QUEUE_TABS,
  QUEUE_TAB_LABELS,
  type QueueCountsInput,
  type QueueItem,
  type QueueScope,
  type QueueTab,
} from '../../../../types';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { RoleGate, STAFF_ROLES } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge, Chip, a11y, pressable } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { useReshown } from '../../../hooks/useReshown';
import { useSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { QueueCard } from '../../components/QueueCard';
import { QueueFilters, type Filters } from './QueueFilters';
import './index.css';

const PAGE_SIZE = 20;

/**
 * The staff queue: four tabs (待受理 · 办理中 · 待销号 · 已办结) whose counts follow the active filters
 * (超期, 重大, category, area, and 全镇 for 安委办 and leaders). `?overdue=1` opens it already filtered
 * (from an overdue notice); `?tab=` picks the tab.
 */
/** Only for those with department work: anyone else sees 无权访问 with a way home (RoleGate). */
export default function QueuePage() {
  return (
    <RoleGate roles={STAFF_ROLES}>
      <QueuePageBody />
    </RoleGate>
  );
}

function QueuePageBody() {
  const session = useSession();
  const params = useRouter().params;
  const [tab, setTab] = useState<QueueTab>(
    QUEUE_TABS.includes(params.tab as QueueTab) ? (params.tab as QueueTab) : 'toAccept',
  );
  const [overdue, setOverdue] = useState(params.overdue === '1');
  const [major, setMajor] = useState(false);
  const [filters, setFilters] = useState<Filters>({});
  const [town, setTown] = useState(false);
  const shown = useReshown();

  const roles = session.data?.roles ?? [];
  const mayTown = roles.includes('admin') || roles.includes('leader');
  // queue.record: department staff, heads and 安委办 (a leader only reads).
  const mayRecord = roles.some((r) => r === 'staff' || r === 'head' || r === 'admin');
  const scope: QueueScope | undefined = mayTown && town ? 'town' : undefined;

  // What the list and the tab counts share.
  const active: QueueCountsInput = {
    ...(scope ? { scope } : {}),
    ...(overdue ? { overdue } : {}),
    ...(major ? { major } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
    ...(filters.areaId ? { areaId: filters.areaId } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
  };
  const deps = [scope, overdue, major, filters.categoryId, filters.areaId, filters.channel, shown];
  const counts = useRemote(() => api.queue.counts(active), deps);
  const queue = usePaged<QueueItem>(
    (page) => api.queue.list({ page, pageSize: PAGE_SIZE, tab, ...active }),
    [tab, ...deps],
  );
  const c = counts.data;
  // The page's title follows the scope: 全镇待办 when every department's cases are shown.
  const title = scope ? '全镇待办' : '部门待办';
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);

  return (
    <Shell className="queue" title={title}>
      <View className="queue__header">
        <View className="queue__heading">
          <Text className="queue__dept">
            {scope ? '全镇待办' : session.data?.departmentName ? `部门：${session.data.departmentName}` : '部门待办'}
          </Text>
          {c && (
            <View className="queue__badges">
              <Badge tone="primary" className="queue__badge-open">
                待办 {c.open}
              </Badge>
              <Badge tone={c.overdue > 0 ? 'danger' : 'neutral'} className="queue__badge-overdue">
                超期 {c.overdue}
              </Badge>
            </View>
          )}
        </View>
        <Text
          className="queue__ledger-link"
          {...a11y({ role: 'link' })}
          {...pressable(() => void Taro.navigateTo({ url: '/staff/pages/ledger/index' }))}
        >
          重大隐患台账 ›
        </Text>
        {mayRecord && (
          <Text
            className="queue__ledger-link queue__record-link"
            {...a11y({ role: 'link' })}
            {...pressable(() => void Taro.navigateTo({ url: '/staff/pages/record/index' }))}
          >
            登记外部来源 ›
          </Text>
        )}
      </View>
      {mayTown && (
        <View className="queue__scope" {...a11y({ role: 'radiogroup', label: '范围' })}>
          <Chip className="queue__scope-dept" active={!town} label="本部门" onClick={() => setTown(false)} />
          <Chip className="queue__scope-town" active={town} label="全镇" onClick={() => setTown(true)} />
        </View>
      )}
      <View className="queue__tabs" {...a11y({ role: 'tablist' })}>
        {QUEUE_TABS.map((t) => (
          <View
            key={t}
            className={`queue__tab queue__tab-${t} ${t === tab ? 'queue__tab--active' : ''}`}
            {...a11y({ role: 'tab', selected: t === tab })}
            {...pressable(() => setTab(t))}
          >
            {QUEUE_TAB_LABELS[t]}
            {c ? ` ${c.tabs[t]}` : ''}
          </View>
        ))}
      </View>
      <View className="queue__toggles">
        <Chip
          multi
          className="queue__toggle queue__toggle-overdue"
          active={overdue}
          label="只看超期"
          onClick={() => setOverdue(!overdue)}
        />
        <Chip
          multi
          className="queue__toggle queue__toggle-major"
          active={major}
          label="只看重大"
          onClick={() => setMajor(!major)}
        />
        <QueueFilters value={filters} categories={c?.categories} onChange={setFilters} />
      </View>
      {queue.loaded && (
        <Text className="queue__total">
          共 {queue.total} 件{tab === 'ended' ? '' : '，按期限先后排列'}
        </Text>
      )}
      {queue.items.length > 0 ? (
        <View className="queue__list">
          {queue.items.map((item) => (
            <QueueCard
              key={item.id}
              item={item}
              showDepartment={!!scope}
              onClick={() => Taro.navigateTo({ url: `/staff/pages/detail/index?id=${encodeURIComponent(item.id)}` })}
            />
          ))}
          <ListFooter list={queue} className="queue__more" />
        </View>
      ) : (
        <PageState
          loading={queue.loading}
          error={queue.error}
          empty={queue.loaded}
          emptyText="暂无符合条件的举报"
          onRetry={queue.reload}
        />
      )}
    </Shell>
  );
}
