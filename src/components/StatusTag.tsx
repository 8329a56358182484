import { Text } from '@tarojs/components';
import { RESIDENT_STATUS_LABELS, STATUS_LABELS, type TipoffStatus } from '../../types/tipoff';
import './StatusTag.css';

/** A status label; `resident` uses the words residents see (已办结, not the staff term 已销号). */
export function StatusTag({ status, resident = false }: { status: TipoffStatus; resident?: boolean }) {
  const labels = resident ? RESIDENT_STATUS_LABELS : STATUS_LABELS;
  return <Text className={`status-tag status-tag--${status}`}>{labels[status]}</Text>;
}
