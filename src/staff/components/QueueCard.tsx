import { Text, View } from '@tarojs/components';
import type { QueueItem } from '../../../types';
import { StatusTag } from '../../components/StatusTag';
import { Badge } from '../../components/ui';
import { countdown } from '../countdown';
import { formatTime } from '../../services/format';
import { escalationLabel } from '../escalation';
import './QueueCard.css';

/** One report in the department's queue; the current step's deadline reads as a countdown in colour. */
export function QueueCard({ item, onClick, now }: { item: QueueItem; onClick?: () => void; now?: Date }) {
  const escalation = escalationLabel(item.escalationLevel);
  const left = item.dueAt ? countdown(item.dueAt, now, item.overdue) : null;
  return (
    <View className={`queue__item ${item.overdue ? 'queue__item--overdue' : ''}`} onClick={onClick}>
      <View className="queue__row">
        <Text className="queue__no">{item.no}</Text>
        <StatusTag status={item.status} />
      </View>
      <Text className="queue__title">
        {item.major ? <Text className="queue__major">【重大】</Text> : null}
        {!item.major && item.suspectedMajor ? <Text className="queue__major">【疑似重大】</Text> : null}
        {item.categoryName} · {item.areaName}
      </Text>
      <Text className="queue__desc">{item.description}</Text>
      <View className="queue__due-row">
        {left && (
          <Badge
            tone={left.tone}
            className={`queue__countdown queue__countdown--${left.tone} ${left.tone === 'danger' ? 'queue__overdue' : ''}`}
          >
            {left.text}
          </Badge>
        )}
        {!left && item.overdue && (
          <Badge tone="danger" className="queue__overdue">
            已超期
          </Badge>
        )}
        {item.dueAt && <Text className="queue__due">期限：{formatTime(item.dueAt)}</Text>}
        {escalation && (
          <Badge tone="danger" className="queue__escalation">
            {escalation}
          </Badge>
        )}
        {/* The content check could not run for this report: staff read it knowing that. */}
        {item.moderation === 'unchecked' && (
          <Badge tone="warning" className="queue__unchecked">
            未审核
          </Badge>
        )}
        {item.photoFlagged && (
          <Badge tone="warning" className="queue__flagged">
            照片已屏蔽
          </Badge>
        )}
        {item.followers > 0 && <Text className="queue__followers">附议 {item.followers} 人</Text>}
      </View>
      <Text className="queue__meta">地址：{item.address}</Text>
      <Text className="queue__meta">举报人：{item.reporter}</Text>
      <Text className="queue__meta">分派依据：{item.routing.reason}</Text>
      <Text className="queue__meta">提交时间：{formatTime(item.createdAt)}</Text>
    </View>
  );
}
