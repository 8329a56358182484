import { View } from '@tarojs/components';
import { useState } from 'react';
import { Chip } from '../../../components/ui';
import { PageState } from '../../../components/PageState';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { ChoiceField } from './ChoiceField';
import { FormButtons } from './FormButtons';
import { edited, NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/** 转办: to another department with a reason; with none chosen, 镇安委办 decides. */
export function TransferForm({ report, running, issues, onSubmit, onCancel, onEdit }: StepFormProps) {
  const options = useRemote(() => api.tipoff.options(), []);
  const [to, setTo] = useState<string>();
  const [reason, setReason] = useState('');
  const departments = (options.data?.departments ?? []).filter((d) => d.id !== report.departmentId);

  return (
    <View className="act-form act-form--transfer">
      {options.data ? (
        <ChoiceField
          label="转至部门（选填）"
          hint="不选择部门则交镇安委办协调；同一举报第二次转办将自动交镇安委办。"
          error={issues.toDepartmentId}
          groupClassName="act-form__departments"
        >
          {departments.map((d) => (
            <Chip
              key={d.id}
              active={to === d.id}
              label={d.name}
              onClick={() => {
                setTo(to === d.id ? undefined : d.id);
                onEdit?.('toDepartmentId');
              }}
            />
          ))}
        </ChoiceField>
      ) : (
        <PageState loading={options.loading} error={options.error} onRetry={options.reload} />
      )}
      <NoteField
        label="转办理由"
        required
        value={reason}
        onInput={edited(setReason, 'reason', onEdit)}
        placeholder="为什么不属于本部门职责"
        error={issues.reason}
      />
      <FormButtons
        label="转办…"
        danger
        running={running}
        onCancel={onCancel}
        onSubmit={() => onSubmit({ step: 'transfer', reason: reason.trim(), ...(to ? { toDepartmentId: to } : {}) })}
      />
    </View>
  );
}
