import { Text, View } from '@tarojs/components';
import type { QuestionType } from '../../../types/training';
import { a11y, groupA11y, pressable } from '../../components/ui';
import { keyLabel, TYPE_HINT, TYPE_LABEL } from '../training';

/** What a question shows: never its answer (the page passes only these fields). */
export interface ShownQuestion {
  type: QuestionType;
  stem: string;
  options: { key: string; text: string }[];
}

/** The next choice after tapping `key`: one for 单选/判断, toggled for 多选 (kept in A–F order). */
export function toggle(type: QuestionType, chosen: readonly string[], key: string): string[] {
  if (type !== 'multiple') return [key];
  const next = chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key];
  return next.sort();
}

/**
 * One question with big option rows (radio or checkbox). `right` (after an answer: practice feedback) colours
 * the right options green and a wrong choice red.
 */
export function QuestionView({
  question,
  chosen,
  onChoose,
  disabled = false,
  right,
  number,
}: {
  question: ShownQuestion;
  chosen: readonly string[];
  onChoose: (keys: string[]) => void;
  disabled?: boolean;
  right?: readonly string[];
  /** "第 3 题" before the stem. */
  number?: string;
}) {
  const multi = question.type === 'multiple';
  return (
    <View className="question">
      <View>
        <Text className="question__type">{TYPE_LABEL[question.type]}</Text>
      </View>
      <Text className="question__hint">{TYPE_HINT[question.type]}</Text>
      <Text className="question__stem">
        {number ? `${number}　` : ''}
        {question.stem}
      </Text>
      <View className="question__options" {...groupA11y(multi ? 'group' : 'radiogroup', question.stem)}>
        {question.options.map((o) => {
          const on = chosen.includes(o.key);
          const mark = right ? (right.includes(o.key) ? 'option--right' : on ? 'option--wrong' : '') : '';
          const label = question.type === 'judge' ? keyLabel('judge', o.key) : o.text;
          return (
            <View
              key={o.key}
              className={`option ${multi ? 'option--multi' : ''} ${on ? 'option--chosen' : ''} ${mark}`}
              {...a11y({ role: multi ? 'checkbox' : 'radio', checked: on, disabled, label })}
              {...pressable(disabled ? undefined : () => onChoose(toggle(question.type, chosen, o.key)))}
            >
              <Text className="option__key">{question.type === 'judge' ? (o.key === 'T' ? '✓' : '✗') : o.key}</Text>
              <Text className="option__text">{label}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
