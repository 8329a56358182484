import { Text, View } from '@tarojs/components';
import { RESIDENT_STATUS_LABELS, STATUS_LABELS, type TimelineEntry } from '../../types/tipoff';
import { formatTime } from '../services/format';
import './Timeline.css';

export type TimelineRow = TimelineEntry & { departmentName?: string; by?: string };

/** A report's steps, newest last, each with its time, department, public note and (staff only) who. */
/** `resident`: the words residents see (已办结, not 已销号). */
export function Timeline({ entries, resident = false }: { entries: TimelineRow[]; resident?: boolean }) {
  const labels = resident ? RESIDENT_STATUS_LABELS : STATUS_LABELS;
  return (
    <View className="timeline">
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className="timeline__item">
          <Text className="timeline__status">{labels[e.to]}</Text>
          <Text className="timeline__time">{formatTime(e.at)}</Text>
          {(e.departmentName || e.by) && (
            <Text className="timeline__who">
              {e.departmentName}
              {e.departmentName && e.by ? ' · ' : ''}
              {e.by}
            </Text>
          )}
          {e.note && <Text className="timeline__note">{e.note}</Text>}
        </View>
      ))}
    </View>
  );
}
