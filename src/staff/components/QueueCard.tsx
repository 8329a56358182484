import { Text, View } from '@tarojs/components';
import type { QueueItem } from '../../../types';
import { channelText } from '../../../types/channels';
import { StatusTag } from '../../components/StatusTag';
import { a11y, pressable } from '../../components/ui/a11y';
import { formatTime } from '../../services/format';
import { CaseBadges } from './CaseBadges';
import './QueueCard.css';

/**
 * One report in the department's queue; the current step's deadline reads as a countdown in colour. In the
 * 全镇 queue (`showDepartment`) the card also names the department the case is with — in a department's own
 * queue that is always the reader's department, so it is left out there.
 */
export function QueueCard({
  item,
  onClick,
  now,
  showDepartment = false,
}: {
  item: QueueItem;
  onClick?: () => void;
  now?: Date;
  showDepartment?: boolean;
}) {
  return (
    <View
      className={`queue__item ${item.overdue ? 'queue__item--overdue' : ''}`}
      {...(onClick ? a11y({ role: 'link' }) : {})}
      {...pressable(onClick)}
    >
      <View className="queue__row">
        <Text className="queue__no">{item.no}</Text>
        <StatusTag status={item.status} />
      </View>
      <Text className="queue__title">
        {item.major ? <Text className="queue__major">【重大】</Text> : null}
        {!item.major && item.suspectedMajor ? <Text className="queue__major">【疑似重大】</Text> : null}
        {item.categoryName} · {item.areaName}
      </Text>
      {showDepartment && <Text className="queue__meta queue__department">承办部门：{item.departmentName}</Text>}
      <Text className="queue__desc">{item.description}</Text>
      <View className="queue__due-row">
        <CaseBadges item={item} prefix="queue" dueLabel="期限：" now={now} />
        {item.followers > 0 && <Text className="queue__followers">附议 {item.followers} 人</Text>}
      </View>
      <Text className="queue__meta">地址：{item.address}</Text>
      <Text className="queue__meta">举报人：{item.reporter}</Text>
      {/* Reports from the mini-program are the rule: only an outside channel is named on the card. */}
      {item.channel && item.channel !== 'app' && (
        <Text className="queue__meta queue__channel">来源：{channelText(item.channel, item.externalNo)}</Text>
      )}
      <Text className="queue__meta">分派依据：{item.routing.reason}</Text>
      <Text className="queue__meta">提交时间：{formatTime(item.createdAt)}</Text>
    </View>
  );
}
