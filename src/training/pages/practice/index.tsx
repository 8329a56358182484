import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { TOPIC_NAMES, TRAINING_TOPICS, TrainingTopic, type PracticeFeedback } from '../../../../types/training';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { a11y, Button, Chip, ChipGroup } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { goTo } from '../../../services/navigate';
import { QuestionView, type ShownQuestion } from '../../components/QuestionView';
import { answerText, PAGES, sourceText } from '../../training';
import '../../training.css';

/** Where the question stands in the 错题本 after this answer, in words. */
export function wrongBookNote(f: PracticeFeedback, fromWrongBook: boolean): string | null {
  if (f.inWrongBook) {
    const left = Math.max(1, 2 - f.streak);
    return f.correct ? `再答对 ${left} 次即可移出错题本` : '已记入错题本，连续答对 2 次即可移出';
  }
  return fromWrongBook && f.correct ? '已移出错题本' : null;
}

export default function PracticePage() {
  const params = useRouter().params;
  const wrongBook = params.wrongBook === '1';
  const initial = TrainingTopic.safeParse(params.topic);
  const [topic, setTopic] = useState<TrainingTopic | undefined>(initial.success ? initial.data : undefined);
  const [round, setRound] = useState(0);
  const question = useRemote(
    () => api.training.practice({ ...(topic ? { topic } : {}), ...(wrongBook ? { wrongBook: true } : {}) }),
    [topic, round, wrongBook],
  );
  const [chosen, setChosen] = useState<string[]>([]);
  const [feedback, setFeedback] = useState<PracticeFeedback>();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string>();

  const q = question.data;
  // Only the fields a question shows are passed on.
  const shown: ShownQuestion | undefined = q
    ? { type: q.type, stem: q.stem, options: q.options.map((o) => ({ key: o.key, text: o.text })) }
    : undefined;

  const next = () => {
    setChosen([]);
    setFeedback(undefined);
    setError(undefined);
    setRound((r) => r + 1);
  };

  const check = async () => {
    if (!q || chosen.length === 0) return;
    setChecking(true);
    setError(undefined);
    try {
      setFeedback(await api.training.practiceAnswer(q.questionId, chosen));
    } catch (e) {
      setError(asCloudError(e, '提交失败，请重试').message);
    } finally {
      setChecking(false);
    }
  };

  const note = feedback ? wrongBookNote(feedback, wrongBook) : null;
  return (
    <Shell className="training practice" title={wrongBook ? '练习错题' : '练习'}>
      {!wrongBook && (
        <View className="training-section practice__topics">
          <Text className="training-section__title">选择主题</Text>
          <ChipGroup label="练习主题">
            <Chip
              active={!topic}
              label="全部"
              onClick={() => {
                setTopic(undefined);
                next();
              }}
            />
            {TRAINING_TOPICS.map((t) => (
              <Chip
                key={t}
                active={topic === t}
                label={TOPIC_NAMES[t]}
                onClick={() => {
                  setTopic(t);
                  next();
                }}
              />
            ))}
          </ChipGroup>
        </View>
      )}
      <View className="training-section practice__question">
        {q && shown ? (
          <>
            <QuestionView
              question={shown}
              chosen={chosen}
              onChoose={setChosen}
              disabled={!!feedback || checking}
              right={feedback?.answer}
            />
            {error && (
              <Text className="training-message training-message--error" {...a11y({ role: 'alert' })}>
                {error}
              </Text>
            )}
            {feedback ? (
              <View className="practice__feedback" {...a11y({ role: 'status' })}>
                <Text
                  className={`feedback__verdict ${feedback.correct ? 'feedback__verdict--right' : 'feedback__verdict--wrong'}`}
                >
                  {feedback.correct ? '回答正确' : '回答错误'}
                </Text>
                <Text className="training-label">正确答案</Text>
                <Text className="training-text">{answerText(q.type, feedback.answer, shown.options)}</Text>
                <Text className="training-label">解析</Text>
                <Text className="training-text">{feedback.explanation}</Text>
                <Text className="training-hint">出处：{sourceText(feedback.source)}</Text>
                {note && <Text className="training-message training-message--info practice__wrong-book">{note}</Text>}
                <View className="training-actions">
                  <Button kind="primary" className="practice__next" onClick={next}>
                    下一题
                  </Button>
                </View>
              </View>
            ) : (
              <View className="training-actions">
                <Button
                  kind="primary"
                  className="practice__check"
                  disabled={chosen.length === 0}
                  loading={checking}
                  loadingText="正在判断…"
                  onClick={() => void check()}
                >
                  {chosen.length === 0 ? '请先选择答案' : '确定'}
                </Button>
              </View>
            )}
          </>
        ) : (
          <>
            <PageState
              loading={question.loading}
              error={question.error}
              empty={question.data === null}
              emptyText={wrongBook ? '错题本是空的，没有要练的错题' : '这个主题暂时没有题目'}
              onRetry={question.reload}
            />
            {question.data === null && wrongBook && (
              <View className="training-actions">
                <Button onClick={() => void goTo(PAGES.practice(), { replace: true })}>去做普通练习</Button>
              </View>
            )}
          </>
        )}
      </View>
    </Shell>
  );
}
