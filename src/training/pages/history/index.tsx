import { Text, View } from '@tarojs/components';
import type { AttemptSummary } from '../../../../types/training';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { a11y, Badge, pressable, type BadgeTone } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { goTo } from '../../../services/navigate';
import { PAGES } from '../../training';
import '../../training.css';

function statusOf(a: AttemptSummary): { text: string; tone: BadgeTone } {
  if (a.status === 'open') return { text: '答题中', tone: 'warning' };
  if (a.passed) return { text: '通过', tone: 'success' };
  return { text: a.status === 'expired' ? '超时自动交卷 · 未通过' : '未通过', tone: 'danger' };
}

function AttemptRow({ a }: { a: AttemptSummary }) {
  const s = statusOf(a);
  const open = () => void goTo(a.status === 'open' ? PAGES.quiz(a.quizId) : PAGES.result(a.id));
  return (
    <View className="training-card history-item" {...a11y({ role: 'link' })} {...pressable(open)}>
      <View className="training-card__row">
        <Text className="training-card__title">{a.quizTitle}</Text>
        <Badge tone={s.tone}>{a.status === 'expired' && a.passed ? '超时自动交卷 · 通过' : s.text}</Badge>
      </View>
      <Text className="training-card__meta">开始于 {formatTime(a.startedAt)}</Text>
      <Text className="training-card__meta">
        {a.status === 'open'
          ? '还没交卷，点此继续答题 ›'
          : `${a.scorePercent === null ? '成绩待出' : `${a.scorePercent} 分`} · 查看解析 ›`}
      </Text>
      {a.certificateCode && <Text className="training-card__meta">证书编号 {a.certificateCode}</Text>}
    </View>
  );
}

export default function HistoryPage() {
  const shown = useReshown();
  const list = usePaged<AttemptSummary>((page) => api.training.history(page, 20), [shown]);
  return (
    <Shell className="training history">
      <View className="training-section">
        <Text className="training-section__title">答题记录</Text>
        {list.items.length > 0 ? (
          <>
            {list.items.map((a) => (
              <AttemptRow key={a.id} a={a} />
            ))}
            <ListFooter list={list} />
          </>
        ) : (
          <PageState
            loading={list.loading}
            error={list.error}
            empty={list.loaded}
            emptyText="还没有参加过考试"
            onRetry={list.reload}
          />
        )}
      </View>
    </Shell>
  );
}
