import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TOPIC_NAMES, TRAINING_TOPICS, type TrainingTopic, type WrongBookItem } from '../../../../types/training';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { Badge, Button, Chip, ChipGroup } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { goTo } from '../../../services/navigate';
import { answerText, PAGES, sourceText, TYPE_LABEL } from '../../training';
import '../../training.css';

function WrongCard({ item }: { item: WrongBookItem }) {
  return (
    <View className="training-card wrong-item">
      <View className="training-card__row">
        <Text className="training-hint">
          {item.topicName} · {TYPE_LABEL[item.type]}
        </Text>
        <Badge tone="danger">答错 {item.wrong} 次</Badge>
      </View>
      <Text className="training-text">{item.stem}</Text>
      <Text className="training-label">正确答案</Text>
      <Text className="training-text">{answerText(item.type, item.answer, item.options)}</Text>
      <Text className="training-label">解析</Text>
      <Text className="training-text">{item.explanation}</Text>
      <Text className="training-hint">出处：{sourceText(item.source)}</Text>
      {item.streak > 0 && (
        <Text className="training-message training-message--info">
          已连续答对 {item.streak} 次，再答对 1 次即可移出
        </Text>
      )}
    </View>
  );
}

export default function WrongBookPage() {
  const shown = useReshown();
  const [topic, setTopic] = useState<TrainingTopic>();
  const list = usePaged<WrongBookItem>(
    (page) => api.training.wrongBook({ page, pageSize: 20, ...(topic ? { topic } : {}) }),
    [topic, shown],
  );
  return (
    <Shell className="training wrong-book">
      <View className="training-section">
        <Text className="training-section__title">错题本</Text>
        <Text className="training-hint">考试和练习中答错的题会记在这里；同一道题连续答对 2 次就会移出。</Text>
        <ChipGroup label="按主题查看">
          <Chip active={!topic} label="全部" onClick={() => setTopic(undefined)} />
          {TRAINING_TOPICS.map((t) => (
            <Chip key={t} active={topic === t} label={TOPIC_NAMES[t]} onClick={() => setTopic(t)} />
          ))}
        </ChipGroup>
        {list.items.length > 0 && (
          <View className="training-actions">
            <Button
              kind="primary"
              className="wrong-book__practice"
              onClick={() => void goTo(PAGES.practice({ wrongBook: true, ...(topic ? { topic } : {}) }))}
            >
              练习错题（共 {list.total} 题）
            </Button>
          </View>
        )}
      </View>
      <View className="training-section">
        {list.items.length > 0 ? (
          <>
            {list.items.map((i) => (
              <WrongCard key={i.questionId} item={i} />
            ))}
            <ListFooter list={list} />
          </>
        ) : (
          <PageState
            loading={list.loading}
            error={list.error}
            empty={list.loaded}
            emptyText={topic ? '这个主题没有错题' : '还没有错题，继续保持！'}
            onRetry={list.reload}
          />
        )}
      </View>
    </Shell>
  );
}
