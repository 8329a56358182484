import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { QueueItem, TipoffStatus } from '../../../../types';
import { Chip } from '../../../components/Form';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { QueueCard } from '../../components/QueueCard';
import { QueueFilters, type Filters } from './QueueFilters';
import { useReshown } from '../../../hooks/useReshown';
import './index.css';

// "全部" is every open case (the server's default); the ended states have their own tabs.
const TABS: { status?: TipoffStatus; label: string }[] = [
  { label: '全部' },
  { status: 'assigned', label: '待受理' },
  { status: 'accepted', label: '已受理' },
  { status: 'verified', label: '核查属实' },
  { status: 'rectifying', label: '整改中' },
  { status: 'rectified', label: '待销号' },
  { status: 'closed', label: '已销号' },
  { status: 'unfounded', label: '不属实' },
  { status: 'rejected', label: '已驳回' },
  { status: 'merged', label: '已合并' },
];

const PAGE_SIZE = 20;

export default function QueuePage() {
  const session = useSession();
  const [tab, setTab] = useState(0);
  const [overdue, setOverdue] = useState(false);
  const [major, setMajor] = useState(false);
  const [filters, setFilters] = useState<Filters>({});
  const shown = useReshown();

  const counts = useRemote(() => api.queue.counts(), [shown]);
  const { status } = TABS[tab];
  const queue = usePaged<QueueItem>(
    (page) =>
      api.queue.list({
        page,
        pageSize: PAGE_SIZE,
        ...(status ? { status } : {}),
        ...(overdue ? { overdue } : {}),
        ...(major ? { major } : {}),
        ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
        ...(filters.areaId ? { areaId: filters.areaId } : {}),
      }),
    [status, overdue, major, filters.categoryId, filters.areaId, shown],
  );

  const countOf = (t: (typeof TABS)[number]) =>
    counts.data ? (t.status ? (counts.data.byStatus[t.status] ?? 0) : counts.data.open) : undefined;

  return (
    <Shell className="queue">
      <View className="queue__header">
        <Text className="queue__dept">
          {session.data?.departmentName ? `部门：${session.data.departmentName}` : '部门待办'}
        </Text>
        <Text className="queue__ledger-link" onClick={() => Taro.navigateTo({ url: '/staff/pages/ledger/index' })}>
          重大隐患台账 ›
        </Text>
      </View>
      <ScrollView className="queue__tabs" scrollX>
        {TABS.map((t, i) => {
          const n = countOf(t);
          return (
            <View
              key={t.label}
              className={`queue__tab ${i === tab ? 'queue__tab--active' : ''}`}
              onClick={() => setTab(i)}
            >
              {t.label}
              {n !== undefined ? ` ${n}` : ''}
            </View>
          );
        })}
      </ScrollView>
      <View className="queue__toggles">
        <Chip
          className="queue__toggle queue__toggle-overdue"
          active={overdue}
          label={`超期${counts.data ? ` ${counts.data.overdue}` : ''}`}
          onClick={() => setOverdue(!overdue)}
        />
        <Chip
          className="queue__toggle queue__toggle-major"
          active={major}
          label={`重大${counts.data ? ` ${counts.data.major}` : ''}`}
          onClick={() => setMajor(!major)}
        />
        <QueueFilters value={filters} onChange={setFilters} />
      </View>
      {queue.loaded && <Text className="queue__total">共 {queue.total} 件，按期限先后排列</Text>}
      {queue.items.length > 0 ? (
        <View className="queue__list">
          {queue.items.map((item) => (
            <QueueCard
              key={item.id}
              item={item}
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
