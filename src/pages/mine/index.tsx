import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { PageState } from '../../components/PageState';
import { Shell } from '../../components/Shell';
import { StatusTag } from '../../components/StatusTag';
import { Timeline } from '../../components/Timeline';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import './index.css';

export default function MinePage() {
  const [shown, setShown] = useState(0);
  // Reload whenever the page comes back into view: a status may have changed meanwhile.
  useDidShow(() => setShown((n) => n + 1));
  const mine = useRemote(() => api.tipoff.mine(1, 20), [shown]);
  const [open, setOpen] = useState<string>();

  return (
    <Shell className="mine">
      {mine.data && mine.data.items.length > 0 ? (
        <View className="mine__list">
          <Text className="mine__total">共 {mine.data.total} 条举报</Text>
          {mine.data.items.map((t) => (
            <View key={t.id} className="mine__item" onClick={() => setOpen(open === t.id ? undefined : t.id)}>
              <View className="mine__row">
                <Text className="mine__no">{t.no}</Text>
                <StatusTag status={t.status} />
              </View>
              <Text className="mine__title">
                {t.categoryName} · {t.areaName}
              </Text>
              <Text className="mine__desc">{t.description}</Text>
              <Text className="mine__meta">
                {t.departmentName} · 查询码 {t.trackingCode}
              </Text>
              {open === t.id && <Timeline entries={t.timeline} />}
            </View>
          ))}
        </View>
      ) : (
        <PageState
          loading={mine.loading && !mine.data}
          error={mine.error}
          empty={!!mine.data}
          emptyText="您还没有举报过隐患"
          onRetry={mine.reload}
        />
      )}
      {mine.data && mine.data.items.length === 0 && (
        <View className="mine__cta">
          <Button onClick={() => Taro.navigateTo({ url: '/pages/report/index' })}>去举报隐患</Button>
        </View>
      )}
    </Shell>
  );
}
