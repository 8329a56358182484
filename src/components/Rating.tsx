import { Text, Textarea, View } from '@tarojs/components';
import { a11y } from './ui/a11y';
import { Button } from './ui/Button';
import { Field } from './ui/Field';
import { useState } from 'react';
import { asCloudError } from '../services/errors';
import { formatTime } from '../services/format';
import './Rating.css';

const SCORE_LABELS = ['', '很不满意', '不满意', '一般', '满意', '很满意'];

function Stars({ score, onPick }: { score: number; onPick?: (n: number) => void }) {
  return (
    <View
      className="rating__stars"
      {...a11y(
        onPick
          ? { role: 'radiogroup', label: '满意度' }
          : { role: 'img', label: `${score} 星，${SCORE_LABELS[score]}` },
      )}
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          className={`rating__star rating__star-${n} ${n <= score ? 'rating__star--on' : ''}`}
          onClick={onPick ? () => onPick(n) : undefined}
          {...(onPick ? a11y({ role: 'radio', label: `${n} 星，${SCORE_LABELS[n]}`, checked: n === score }) : {})}
        >
          {n <= score ? '★' : '☆'}
        </Text>
      ))}
      {score > 0 && <Text className="rating__label">{SCORE_LABELS[score]}</Text>}
    </View>
  );
}

/** A given rating, read-only. */
export function RatingView({ rating }: { rating: { score: number; comment?: string; at: string } }) {
  return (
    <View className="rating rating--done">
      <Text className="rating__title">您的评价</Text>
      <Stars score={rating.score} />
      {rating.comment && <Text className="rating__comment">{rating.comment}</Text>}
      <Text className="rating__time">{formatTime(rating.at)}</Text>
    </View>
  );
}

/** 1–5 stars and an optional comment; the comment survives a failed send. */
export function RatingForm({ onSubmit }: { onSubmit: (score: number, comment?: string) => Promise<void> }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  const send = async () => {
    if (sending) return;
    if (score < 1) {
      setError('请选择 1–5 星');
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      await onSubmit(score, comment.trim() || undefined);
    } catch (e) {
      setError(asCloudError(e, '评价提交失败，请重试').message);
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="rating rating--form">
      <Text className="rating__title">对处理结果满意吗？</Text>
      <Stars
        score={score}
        onPick={(n) => {
          setScore(n);
          setError(undefined);
        }}
      />
      <Field label="评价内容（选填）" labelClassName="rating__label">
        {(control) => (
          <Textarea
            className="form-textarea rating__input"
            value={comment}
            maxlength={200}
            placeholder="说说处理得怎么样（200 字以内）"
            onInput={(e) => setComment(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      {error && <Text className="rating__error">{error}</Text>}
      <Button kind="primary" className="rating__submit" loading={sending} loadingText="提交中…" onClick={send}>
        提交评价
      </Button>
    </View>
  );
}
