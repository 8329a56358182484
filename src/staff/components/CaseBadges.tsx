import { Text } from '@tarojs/components';
import type { QueueItem } from '../../../types';
import { Badge } from '../../components/ui';
import { formatTime } from '../../services/format';
import { countdown } from '../countdown';
import { escalationLabel } from '../escalation';

type Marked = Pick<QueueItem, 'dueAt' | 'overdue' | 'escalationLevel' | 'moderation' | 'photoFlagged'>;

/**
 * A case's marks, the same on its queue card and its detail page: the current step's deadline as a countdown
 * in colour (or 已超期), the deadline itself, the escalation, 未审核 and 照片已屏蔽. `prefix` is the block
 * of the page's class names (`queue`, `detail`).
 */
export function CaseBadges({
  item,
  prefix,
  dueLabel,
  now,
}: {
  item: Marked;
  prefix: string;
  /** Words before the deadline ("期限："). */
  dueLabel: string;
  now?: Date;
}) {
  const escalation = escalationLabel(item.escalationLevel);
  const left = item.dueAt ? countdown(item.dueAt, now, item.overdue) : null;
  return (
    <>
      {left && (
        <Badge
          tone={left.tone}
          className={`${prefix}__countdown ${prefix}__countdown--${left.tone} ${left.tone === 'danger' ? `${prefix}__overdue` : ''}`}
        >
          {left.text}
        </Badge>
      )}
      {!left && item.overdue && (
        <Badge tone="danger" className={`${prefix}__overdue`}>
          已超期
        </Badge>
      )}
      {item.dueAt && (
        <Text className={`${prefix}__due`}>
          {dueLabel}
          {formatTime(item.dueAt)}
        </Text>
      )}
      {escalation && (
        <Badge tone="danger" className={`${prefix}__escalation`}>
          {escalation}
        </Badge>
      )}
      {/* The content check could not run for this report: staff read it knowing that. */}
      {item.moderation === 'unchecked' && (
        <Badge tone="warning" className={`${prefix}__unchecked`}>
          未审核
        </Badge>
      )}
      {item.photoFlagged && (
        <Badge tone="warning" className={`${prefix}__flagged`}>
          照片已屏蔽
        </Badge>
      )}
    </>
  );
}
