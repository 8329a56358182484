import { Text } from '@tarojs/components';
import { STATUS_LABELS, type TipoffStatus } from '../../types/tipoff';
import './StatusTag.css';

export function StatusTag({ status }: { status: TipoffStatus }) {
  return <Text className={`status-tag status-tag--${status}`}>{STATUS_LABELS[status]}</Text>;
}
