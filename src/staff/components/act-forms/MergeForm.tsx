import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { STATUS_LABELS } from '../../../../types';
import { PageState } from '../../../components/PageState';
import { a11y, groupA11y, pressable } from '../../../components/ui';
import { Field } from '../../../components/ui/Field';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { FormButtons } from './FormButtons';
import { edited, NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/**
 * 合并: this report duplicates another open one nearby of the same category (`queue.mergeCandidates`, nearest
 * first); its reporter then follows that one. The chosen candidate is marked; those the server would refuse say why.
 */
export function MergeForm({ report, running, issues, onSubmit, onCancel, onEdit }: StepFormProps) {
  const found = useRemote(() => api.queue.mergeCandidates(report.id), [report.id]);
  const [into, setInto] = useState<string>();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string>();
  const candidates = found.data ?? [];

  const submit = () => {
    if (!into) {
      setMissing('请选择要合并到的举报');
      return;
    }
    setMissing(undefined);
    onSubmit({ step: 'merge', intoId: into, ...(note.trim() ? { note: note.trim() } : {}) });
  };

  return (
    <View className="act-form act-form--merge">
      <Field label="合并到附近同类的在办举报" required error={missing ?? issues.intoId} className="act-form__choice">
        {(control) =>
          found.data ? (
            candidates.length > 0 ? (
              <View className="act-form__candidates" {...groupA11y('radiogroup', '合并到', control)}>
                {candidates.map((c) => {
                  const chosen = into === c.id;
                  return (
                    <View
                      key={c.id}
                      className={`act-form__candidate ${chosen ? 'act-form__candidate--active' : ''} ${
                        c.canMergeInto ? '' : 'act-form__candidate--disabled'
                      }`}
                      {...a11y({ role: 'radio', checked: chosen, disabled: !c.canMergeInto })}
                      {...pressable(
                        c.canMergeInto
                          ? () => {
                              setInto(c.id);
                              setMissing(undefined);
                              onEdit?.('intoId');
                            }
                          : undefined,
                      )}
                    >
                      <Text className="act-form__candidate-no">
                        {chosen ? '✓ 已选 ' : ''}
                        {c.no}
                      </Text>
                      <Text className="act-form__candidate-text">
                        {STATUS_LABELS[c.status] ?? c.status} · 相距约 {c.distanceMeters} 米 · {c.departmentName}
                        {c.followers > 0 ? ` · 附议 ${c.followers} 人` : ''}
                      </Text>
                      <Text className="act-form__candidate-text">
                        {c.categoryName} · {c.areaName} · {c.address}
                      </Text>
                      <Text className="act-form__candidate-text">{c.description}</Text>
                      <Text className="act-form__candidate-time">{formatTime(c.createdAt)}</Text>
                      {!c.canMergeInto && c.whyNot && <Text className="act-form__candidate-why">{c.whyNot}</Text>}
                    </View>
                  );
                })}
              </View>
            ) : (
              <Text className="form-hint">附近没有同类的在办举报，无法合并。</Text>
            )
          ) : (
            <PageState loading={found.loading} error={found.error} onRetry={found.reload} />
          )
        }
      </Field>
      <NoteField
        label="说明（选填）"
        value={note}
        onInput={edited(setNote, 'note', onEdit)}
        placeholder="合并说明"
        error={issues.note}
      />
      <FormButtons label="合并…" danger running={running} onCancel={onCancel} onSubmit={submit} />
    </View>
  );
}
