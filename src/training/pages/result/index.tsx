import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReviewItem } from '../../../../types/training';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { Badge, Button } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { goBack, goTo } from '../../../services/navigate';
import { answerText, PAGES, sourceText, TYPE_LABEL } from '../../training';
import '../../training.css';
import './index.css';

function ReviewCard({ item, position }: { item: ReviewItem; position: number }) {
  return (
    <View className={`training-card review ${item.correct ? 'review--right' : 'review--wrong'}`}>
      <View className="training-card__row">
        <Text className="review__no">
          第 {position} 题 · {TYPE_LABEL[item.type]}
        </Text>
        <Badge tone={item.correct ? 'success' : 'danger'}>{item.correct ? '答对' : '答错'}</Badge>
      </View>
      <Text className="training-text review__stem">{item.stem}</Text>
      <Text className="training-label">您的答案</Text>
      <Text className={`training-text review__given ${item.correct ? '' : 'review__given--wrong'}`}>
        {answerText(item.type, item.given, item.options)}
      </Text>
      {!item.correct && (
        <>
          <Text className="training-label">正确答案</Text>
          <Text className="training-text review__answer">{answerText(item.type, item.answer, item.options)}</Text>
        </>
      )}
      <Text className="training-label">解析</Text>
      <Text className="training-text">{item.explanation}</Text>
      <Text className="training-hint">出处：{sourceText(item.source)}</Text>
    </View>
  );
}

export default function ResultPage() {
  const attemptId = useRouter().params.attemptId ?? '';
  const result = useRemote(() => api.training.review(attemptId), [attemptId]);
  const r = result.data;
  // The pass mark the attempt was judged by (kept on the attempt, also after the quiz closed).
  const pass = r?.passPercent;

  if (!r) {
    return (
      <Shell className="training result">
        <PageState loading={result.loading} error={result.error} onRetry={result.reload} />
      </Shell>
    );
  }
  const wrong = r.review.filter((i) => !i.correct).length;
  return (
    <Shell className="training result">
      <View className={`training-section result__score ${r.passed ? 'result__score--pass' : 'result__score--fail'}`}>
        <Text className="result__title">{r.quizTitle}</Text>
        <Text className="result__number">{r.scorePercent} 分</Text>
        <Text className="result__verdict">{r.passed ? '考试通过' : '未通过'}</Text>
        <Text className="training-text">
          答对 {r.score} 题，共 {r.total} 题{pass !== undefined ? `；${pass} 分及格` : ''}
        </Text>
        <Text className="training-hint">交卷时间：{formatTime(r.submittedAt)}</Text>
      </View>

      {r.passed && r.certificateCode && (
        <View className="training-section result__certificate">
          <Text className="training-section__title">合格证书</Text>
          <Text className="training-text">证书编号：</Text>
          <Text className="result__code">{r.certificateCode}</Text>
          <Text className="training-hint">任何人凭这个编号都能在“证书查询”中核验。</Text>
          <View className="training-actions">
            <Button
              className="result__open-certificate"
              onClick={() => void goTo(PAGES.certificate(r.certificateCode))}
            >
              查看证书
            </Button>
          </View>
        </View>
      )}

      <View className="training-section result__review">
        <Text className="training-section__title">逐题解析</Text>
        <Text className="training-hint">
          {wrong > 0 ? `答错的 ${wrong} 题已加入错题本，可以在错题本里反复练习。` : '全部答对，真棒！'}
        </Text>
        {r.review.map((item, i) => (
          <ReviewCard key={item.n} item={item} position={i + 1} />
        ))}
      </View>

      <View className="training-section">
        <View className="training-actions">
          {wrong > 0 && (
            <Button kind="primary" onClick={() => void goTo(PAGES.wrongBook)}>
              去错题本
            </Button>
          )}
          <Button onClick={() => void goBack()}>返回</Button>
        </View>
      </View>
    </Shell>
  );
}
