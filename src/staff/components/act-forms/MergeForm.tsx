import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { QueueItem } from '../../../../types';
import { FieldError } from '../../../components/Form';
import { PageState } from '../../../components/PageState';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { FormButtons } from './FormButtons';
import { NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/** Earlier open reports of this department, same category first: the candidates to merge into. */
export function mergeCandidates(report: Pick<QueueItem, 'id' | 'createdAt' | 'categoryId'>, items: QueueItem[]) {
  return (
    items
      // Same rule as the server: not later than this one (times are to the second).
      .filter((i) => i.id !== report.id && i.createdAt <= report.createdAt)
      .sort((a, b) => Number(b.categoryId === report.categoryId) - Number(a.categoryId === report.categoryId))
  );
}

/** 合并: this report duplicates an earlier open one; its reporter then follows that one. */
export function MergeForm({ report, running, issues, onSubmit, onCancel }: StepFormProps) {
  // One page of the department's open cases (the queue's own order, soonest deadline first) is enough to pick from.
  const open = useRemote(() => api.queue.list({ page: 1, pageSize: 50 }), []);
  const [into, setInto] = useState<string>();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string>();
  const candidates = open.data ? mergeCandidates(report, open.data.items) : [];

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
      <Text className="form-label">合并到更早的同一隐患举报</Text>
      {open.data ? (
        candidates.length > 0 ? (
          <View className="act-form__candidates">
            {candidates.map((c) => (
              <View
                key={c.id}
                className={`act-form__candidate ${into === c.id ? 'act-form__candidate--active' : ''}`}
                onClick={() => setInto(c.id)}
              >
                <Text className="act-form__candidate-no">
                  {into === c.id ? '✓ ' : ''}
                  {c.no}
                </Text>
                <Text className="act-form__candidate-text">
                  {c.categoryName} · {c.address}
                </Text>
                <Text className="act-form__candidate-text">{c.description}</Text>
                <Text className="act-form__candidate-time">{formatTime(c.createdAt)}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className="form-hint">本部门没有比这条更早的在办举报，无法合并。</Text>
        )
      ) : (
        <PageState loading={open.loading} error={open.error} onRetry={open.reload} />
      )}
      <FieldError message={missing ?? issues.intoId} />
      <NoteField label="说明（选填）" value={note} onInput={setNote} placeholder="合并说明" error={issues.note} />
      <FormButtons label="确认合并" running={running} onCancel={onCancel} onSubmit={submit} />
    </View>
  );
}
