// The enterprise desk's card of its two duties (issue 10): when the next evacuation drill and the next
// self-inspection of major hazards are due, in plain words.
import { Text, View } from '@tarojs/components';
import type { DutyStatus } from '../../../types/inspection';
import { Badge, Button } from '../../components/ui';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { dutyDate, dutyTone, dutyWords } from '../../services/duty-words';

const NAMES = { drill: '下次应急演练', inspection: '下次重大隐患自查' } as const;

function Line({ s }: { s: DutyStatus }) {
  const when = s.dueOn ? `${dutyDate(s.dueOn)}前` : '尚无记录，请尽快完成';
  return (
    <View className={`duties__line duties__line--${s.kind}`}>
      <View className="ent__row ent__row--between">
        <Text className="ent__line">{NAMES[s.kind]}</Text>
        <Badge tone={dutyTone(s)}>{dutyWords(s)}</Badge>
      </View>
      <Text className="ent__meta">{when}</Text>
    </View>
  );
}

export function DutiesCard({ reshown }: { reshown?: unknown }) {
  // Promise.resolve().then: a failure of any kind shows in the card, never breaks the desk.
  const duties = useRemote(() => Promise.resolve().then(() => api.enterprise.duties()), [reshown]);
  return (
    <View className="ent__section desk__duties">
      <Text className="ent__subtitle">演练与自查</Text>
      {duties.data ? (
        <>
          <Line s={duties.data.drill} />
          <Line s={duties.data.inspection} />
          <Text className="ent__meta">
            {duties.data.highRisk
              ? '高危行业：每半年至少演练一次，每月至少自查一次。'
              : '每年至少演练一次，每季度至少自查一次。'}
          </Text>
        </>
      ) : duties.error ? (
        <View>
          <Text className="ent__meta">到期时间暂时没有加载出来。</Text>
          <Button inline onClick={duties.reload}>
            重试
          </Button>
        </View>
      ) : (
        <Text className="ent__meta">正在加载到期时间…</Text>
      )}
    </View>
  );
}
