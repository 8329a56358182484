import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { TipoffStatus } from '../../../../types/tipoff';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { StatusTag } from '../../../components/StatusTag';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import './index.css';

const TABS: { status?: TipoffStatus; label: string }[] = [
  { label: '全部' },
  { status: 'assigned', label: '待受理' },
  { status: 'accepted', label: '已受理' },
  { status: 'rectifying', label: '整改中' },
  { status: 'closed', label: '已销号' },
];

export default function QueuePage() {
  const session = useSession();
  const [tab, setTab] = useState(0);
  const [shown, setShown] = useState(0);
  useDidShow(() => setShown((n) => n + 1));
  const queue = useRemote(() => api.queue.list({ status: TABS[tab].status, page: 1, pageSize: 20 }), [tab, shown]);

  return (
    <Shell className="queue">
      <View className="queue__header">
        <Text className="queue__dept">
          {session.data?.departmentCode ? `部门：${session.data.departmentCode}` : '部门待办'}
        </Text>
        {queue.data && <Text className="queue__total">共 {queue.data.total} 件</Text>}
      </View>
      <View className="queue__tabs">
        {TABS.map((t, i) => (
          <View
            key={t.label}
            className={`queue__tab ${i === tab ? 'queue__tab--active' : ''}`}
            onClick={() => setTab(i)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {queue.data && queue.data.items.length > 0 ? (
        <View className="queue__list">
          {queue.data.items.map((item) => (
            <View key={item.id} className="queue__item">
              <View className="queue__row">
                <Text className="queue__no">{item.no}</Text>
                <StatusTag status={item.status} />
              </View>
              <Text className="queue__title">
                {item.suspectedMajor ? '【疑似重大】' : ''}
                {item.categoryName} · {item.areaName}
              </Text>
              <Text className="queue__desc">{item.description}</Text>
              <Text className="queue__meta">地址：{item.address}</Text>
              <Text className="queue__meta">举报人：{item.reporter}</Text>
              <Text className="queue__meta">分派依据：{item.routing.reason}</Text>
              <Text className="queue__meta">提交时间：{item.createdAt.slice(0, 16).replace('T', ' ')}</Text>
            </View>
          ))}
        </View>
      ) : (
        <PageState
          loading={queue.loading}
          error={queue.error}
          empty={!!queue.data}
          emptyText="暂无待办举报"
          onRetry={queue.reload}
        />
      )}
    </Shell>
  );
}
