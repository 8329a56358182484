// 安全生产月 contest board (issue 9): today's round by person, enterprise or area, the caller's own row marked,
// and the way into today's round. The server ranks (best score, then less time, then the earlier hand-in).
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Leaderboard, LeaderboardRow } from '../../../../types/training';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { Button, Chip, ChipGroup } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { formatChineseDate } from '../../../components/ui/DatePicker';
import { goTo } from '../../../services/navigate';
import { PAGES } from '../../training';
import '../../training.css';
import './index.css';

type By = Leaderboard['by'];
const BOARDS: { by: By; label: string }[] = [
  { by: 'person', label: '个人' },
  { by: 'enterprise', label: '企业' },
  { by: 'area', label: '居民区/村' },
];

/** 125 s → 2 分 05 秒: how long the attempt (or a group's mean) took. */
export function tookText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`;
}

function Row({ row, by }: { row: LeaderboardRow; by: By }) {
  return (
    <View className={`training-card contest-row ${row.isMine ? 'contest-row--mine' : ''}`}>
      <Text className="contest-row__rank">第 {row.rank} 名</Text>
      <View className="contest-row__body">
        <Text className="training-card__title">
          {row.name}
          {row.isMine ? (by === 'person' ? '（我）' : '（我所在）') : ''}
        </Text>
        <Text className="training-card__meta">
          {by === 'person' ? '' : '平均 '}
          {row.scorePercent} 分 · 用时 {tookText(row.tookSeconds)}
          {row.participants !== undefined ? ` · ${row.participants} 人参加` : ''}
        </Text>
      </View>
    </View>
  );
}

export default function ContestPage() {
  const quizId = useRouter().params.id ?? '';
  const shown = useReshown();
  const [by, setBy] = useState<By>('person');
  const board = useRemote(() => api.training.leaderboard({ quizId, by }), [quizId, by, shown]);
  const b = board.data;

  return (
    <Shell className="training contest">
      <View className="training-section">
        <Text className="training-section__title">{b?.quizTitle ?? '知识竞赛'}</Text>
        {b && (
          <Text className="training-hint">
            {formatChineseDate(b.day)}这一轮 · 每天一轮，每人每天可答一次 · 共 {b.participants} 人参加
          </Text>
        )}
        <ChipGroup label="排行方式" className="contest-boards">
          {BOARDS.map((x) => (
            <Chip key={x.by} active={by === x.by} label={x.label} onClick={() => setBy(x.by)} />
          ))}
        </ChipGroup>
        <Button kind="primary" className="contest-play" onClick={() => void goTo(PAGES.quiz(quizId))}>
          参加今天这一轮
        </Button>
      </View>
      <View className="training-section">
        <Text className="training-section__title">排行榜</Text>
        {b && b.rows.length > 0 ? (
          <>
            {b.rows.map((row) => (
              <Row key={`${row.rank}-${row.name}`} row={row} by={by} />
            ))}
            {b.mine && (
              <>
                <Text className="training-hint">我的名次</Text>
                <Row row={b.mine} by={by} />
              </>
            )}
            {b.truncated && <Text className="training-hint">参加人数较多，排行按最先交卷的答卷统计。</Text>}
          </>
        ) : (
          <PageState
            loading={board.loading}
            error={board.error}
            empty={!!b}
            emptyText={by === 'person' ? '今天还没有人交卷，来做第一个吧' : '今天还没有可排名的单位'}
            onRetry={board.reload}
          />
        )}
      </View>
    </Shell>
  );
}
