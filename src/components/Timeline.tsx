import { Text, View } from '@tarojs/components';
import { STATUS_LABELS, type TimelineEntry } from '../../types/tipoff';
import './Timeline.css';

/** A report's steps, newest last, each with its time and public note. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className="timeline">
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className="timeline__item">
          <Text className="timeline__status">{STATUS_LABELS[e.to]}</Text>
          <Text className="timeline__time">{e.at.slice(0, 16).replace('T', ' ')}</Text>
          {e.note && <Text className="timeline__note">{e.note}</Text>}
        </View>
      ))}
    </View>
  );
}
