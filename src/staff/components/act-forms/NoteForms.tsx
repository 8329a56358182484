import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '../../../components/ui/Field';
import { FormButtons } from './FormButtons';
import type { StepFormProps } from './types';

/** A labelled note (label tied to the textarea, * when required, the error under it). */
function NoteField({
  label,
  value,
  onInput,
  placeholder,
  error,
  required = false,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder: string;
  error?: string;
  required?: boolean;
}) {
  return (
    <Field label={label} required={required} error={error}>
      {(control) => (
        <Textarea
          className="form-textarea act-form__note"
          value={value}
          maxlength={500}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
          {...control}
        />
      )}
    </Field>
  );
}

/** The form's setter that also clears the field's error once it is edited. */
export function edited<T>(set: (v: T) => void, field: string, onEdit?: (field: string) => void) {
  return (v: T) => {
    set(v);
    onEdit?.(field);
  };
}

/** 受理: an optional note for the reporter. */
export function AcceptForm({ running, issues, onSubmit, onCancel, onEdit }: StepFormProps) {
  const [note, setNote] = useState('');
  return (
    <View className="act-form act-form--accept">
      <NoteField
        label="受理说明（选填）"
        value={note}
        onInput={edited(setNote, 'note', onEdit)}
        placeholder="不填则告知举报人：已受理，将在期限内核查"
        error={issues.note}
      />
      <FormButtons
        label="确认受理"
        running={running}
        onCancel={onCancel}
        onSubmit={() => onSubmit({ step: 'accept', ...(note.trim() ? { note: note.trim() } : {}) })}
      />
    </View>
  );
}

/** 驳回 (spam, not a hazard) and 延期 (once, +30 days): both need a reason the reporter is told. */
export function ReasonForm({
  step,
  running,
  issues,
  onSubmit,
  onCancel,
  onEdit,
}: StepFormProps & { step: 'reject' | 'extend' }) {
  const [reason, setReason] = useState('');
  const reject = step === 'reject';
  return (
    <View className={`act-form act-form--${step}`}>
      <NoteField
        label={reject ? '驳回理由' : '延期原因'}
        required
        value={reason}
        onInput={edited(setReason, 'reason', onEdit)}
        placeholder={reject ? '如：重复举报、非安全隐患、信息不实（将告知举报人）' : '延期原因将告知举报人'}
        error={issues.reason}
      />
      {!reject && <Text className="form-hint">办结期限只能延长一次。</Text>}
      <FormButtons
        label={reject ? '驳回…' : '确认延期'}
        danger={reject}
        running={running}
        onCancel={onCancel}
        onSubmit={() => onSubmit({ step, reason: reason.trim() })}
      />
    </View>
  );
}

export { NoteField };
