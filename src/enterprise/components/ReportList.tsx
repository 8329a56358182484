import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InternalReport, InternalStatus } from '../../../types';
import type { BadgeTone } from '../../components/ui';
import { Badge, a11y } from '../../components/ui';
import { formatDate, formatTime } from '../../services/format';

export const STATUS_TONE: Record<InternalStatus, BadgeTone> = {
  submitted: 'warning',
  accepted: 'info',
  fixed: 'success',
  escalated: 'danger',
};

/** One internal report in a list: status, category, place, the start of the description; opens the detail. */
export function ReportRow({ r, who }: { r: InternalReport; who: 'manager' | 'worker' }) {
  const open = () =>
    void Taro.navigateTo({ url: `/enterprise/pages/report-detail/index?id=${encodeURIComponent(r.id)}` });
  return (
    <View className="ent__item report-row" onClick={open} {...a11y({ role: 'link' })}>
      <View className="ent__row ent__row--between">
        <Text className="ent__line">{r.categoryName}</Text>
        <Badge tone={STATUS_TONE[r.status]}>{r.statusLabel}</Badge>
      </View>
      <Text className="ent__line report-row__desc">
        {r.description.length > 40 ? `${r.description.slice(0, 40)}…` : r.description}
      </Text>
      <Text className="ent__meta">
        {r.place ? `${r.place} · ` : ''}
        {who === 'manager' ? (r.anonymous ? '匿名报告 · ' : r.reporterName ? `${r.reporterName} · ` : '') : ''}
        {formatTime(r.createdAt)}
      </Text>
      {r.status === 'submitted' && (
        <Text className="ent__meta">请在 {formatDate(r.acceptBy)} 前受理，否则自动转报镇里</Text>
      )}
      {r.status === 'accepted' && r.deadline && <Text className="ent__meta">整改期限 {formatDate(r.deadline)}</Text>}
      <Text className="ent__link ent__meta">查看详情 ›</Text>
    </View>
  );
}
