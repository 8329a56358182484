import { Text, View } from '@tarojs/components';
import type { ExposureItem } from '../../../../types/exposure';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { Badge } from '../../../components/ui/Badge';
import { a11y } from '../../../components/ui/a11y';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { formatDate } from '../../../services/format';
import '../../resident.css';
import './index.css';

/** Who or where the hazard is: the enterprise when known, else the category in its 居民区/村. */
export const exposureHeading = (item: Pick<ExposureItem, 'enterpriseName' | 'categoryName' | 'areaName'>) =>
  item.enterpriseName ?? (item.areaName ? `${item.areaName} · ${item.categoryName}` : item.categoryName);

function ExposureCard({ item }: { item: ExposureItem }) {
  const heading = exposureHeading(item);
  return (
    <View
      className="resident-card exposure-card"
      {...a11y({ role: 'article', label: `${item.kindLabel}：${heading}` })}
    >
      <View className="resident-card__row">
        <Badge tone={item.kind === 'overdue' ? 'danger' : 'warning'} className="exposure-card__kind">
          {item.kindLabel}
        </Badge>
        <Badge tone={item.resolved ? 'success' : 'info'} className="exposure-card__status">
          {item.statusLabel}
        </Badge>
      </View>
      <Text className="exposure-card__title">{heading}</Text>
      {item.title && <Text className="resident-text exposure-card__hazard-name">隐患：{item.title}</Text>}
      {item.description && <Text className="resident-text exposure-card__text">{item.description}</Text>}
      {item.enterpriseName && <Text className="resident-text">类别：{item.categoryName}</Text>}
      {item.enterpriseName && item.areaName && <Text className="resident-text">所在：{item.areaName}</Text>}
      {item.departmentName && <Text className="resident-text">负责部门：{item.departmentName}</Text>}
      <Text className="resident-text exposure-card__deadline">
        整改期限：{item.deadline ? formatDate(item.deadline) : '未定'}
      </Text>
      {item.note && <Text className="resident-text exposure-card__note">督办要求：{item.note}</Text>}
      <Text className="resident-card__meta">
        公布于 {formatDate(item.publishedAt)} · 编号 {item.no}
      </Text>
    </View>
  );
}

/** 曝光台 (seed §24): what the town publishes — overdue reports and major hazards under 挂牌督办. */
export default function ExposurePage() {
  const list = usePaged<ExposureItem>((page) => api.exposure.board(page, 20), []);
  return (
    <Shell className="resident exposure">
      <View className="resident-section">
        <Text className="resident-section__title">曝光台</Text>
        <Text className="resident-text">
          超过期限仍未整改的举报隐患，和镇安委办挂牌督办的重大事故隐患，在这里集中公布，接受大家监督。
        </Text>
        <Text className="resident-hint">举报人信息依法保密，从不在此公布。整改完成后会标明“已销号”。</Text>
      </View>
      <View className="resident-section">
        {list.items.length === 0 ? (
          <PageState
            loading={list.loading}
            error={list.error}
            empty
            emptyText="目前没有曝光的隐患"
            onRetry={list.reload}
          />
        ) : (
          <>
            <Text className="resident-hint exposure-total">共 {list.total} 条</Text>
            {list.items.map((item) => (
              <ExposureCard key={item.id} item={item} />
            ))}
            <ListFooter list={list} />
          </>
        )}
      </View>
    </Shell>
  );
}
