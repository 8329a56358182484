import { View } from '@tarojs/components';
import { useState } from 'react';
import { Chip } from '../../../components/ui';
import { ChoiceField } from './ChoiceField';
import { FormButtons } from './FormButtons';
import { edited, NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/** 复核销号: approve (closed) or send back to rectification. */
export function SignoffForm({ running, issues, onSubmit, onCancel, onEdit }: StepFormProps) {
  const [approved, setApproved] = useState<boolean>();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string>();

  const choose = (value: boolean) => {
    setApproved(value);
    setMissing(undefined);
    onEdit?.('approved');
  };

  const submit = () => {
    if (approved === undefined) {
      setMissing('请选择复核结果');
      return;
    }
    setMissing(undefined);
    onSubmit({ step: 'signoff', approved, note: note.trim() });
  };

  return (
    <View className="act-form act-form--signoff">
      <ChoiceField label="复核结果" required error={missing ?? issues.approved} groupClassName="act-form__result">
        <Chip className="act-form__approve" active={approved === true} label="通过销号" onClick={() => choose(true)} />
        <Chip
          className="act-form__send-back"
          active={approved === false}
          label="退回整改"
          onClick={() => choose(false)}
        />
      </ChoiceField>
      <NoteField
        label="复核意见"
        required
        value={note}
        onInput={edited(setNote, 'note', onEdit)}
        placeholder={approved === false ? '退回的原因和要求' : '现场复核情况'}
        error={issues.note}
      />
      <FormButtons
        label={approved === false ? '退回整改' : '销号…'}
        running={running}
        onCancel={onCancel}
        onSubmit={submit}
      />
    </View>
  );
}
