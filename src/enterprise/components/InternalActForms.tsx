import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { uploadScope, type InternalActInput } from '../../../types';
import { FieldError } from '../../components/Form';
import { PhotoUploader } from '../../components/PhotoUploader';
import { ButtonPair, Field } from '../../components/ui';
import { DatePicker } from '../../components/ui/DatePicker';
import { evidenceProblem, usePhotoUploads } from '../../hooks/usePhotoUploads';
import { townToday } from '../../services/format';

type Issues = Record<string, string>;
interface FormProps {
  id: string;
  running: boolean;
  issues: Issues;
  onSubmit: (input: InternalActInput) => void;
  onCancel: () => void;
}

function Note({
  label,
  value,
  onInput,
  placeholder,
  error,
  required = false,
  id,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder: string;
  error?: string;
  required?: boolean;
  id: string;
}) {
  return (
    <Field label={label} required={required} id={id} error={error}>
      {(control) => (
        <Textarea
          className="form-textarea internal-form__note"
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

/** 受理: the enterprise's own deadline for the fix (after it the report goes to the town) and a note. */
export function InternalAcceptForm({ id, running, issues, onSubmit, onCancel }: FormProps) {
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string>();
  const submit = () => {
    if (!deadline) return setMissing('请选择整改期限');
    setMissing(undefined);
    onSubmit({ id, step: 'accept', deadline, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <View className="ent__form internal-form internal-form--accept">
      <Field
        label="整改期限"
        required
        id="internal-deadline"
        hint="到期仍未整改完成，报告会自动转报镇里"
        error={missing ?? issues.deadline}
      >
        <DatePicker
          className="internal-form__deadline"
          label="整改期限"
          value={deadline}
          start={townToday()}
          onChange={(d) => {
            setDeadline(d);
            setMissing(undefined);
          }}
        />
      </Field>
      <Note
        id="internal-accept-note"
        label="说明（选填）"
        value={note}
        onInput={setNote}
        placeholder="如：已安排车间主任处理"
        error={issues.note}
      />
      <ButtonPair
        primary="确认受理"
        onPrimary={submit}
        onCancel={onCancel}
        loading={running}
        loadingText="提交中…"
        primaryClassName="internal-form__submit"
      />
    </View>
  );
}

/** 整改完成: photos of the fixed place (at least one) and what was done. */
export function InternalFixedForm({ id, running, issues, onSubmit, onCancel }: FormProps) {
  // The report's own evidence folder: linked to none of the manager's other uploads.
  const photos = usePhotoUploads(uploadScope.fix(id));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Issues>({});
  const submit = () => {
    const found: Issues = {};
    const evidence = evidenceProblem(photos, '请上传整改后的照片');
    if (evidence) found.evidence = evidence;
    if (note.trim().length < 2) found.note = '请说明整改情况';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({ id, step: 'fixed', evidence: photos.fileIDs, note: note.trim() });
  };
  return (
    <View className="ent__form internal-form internal-form--fixed">
      <Text className="ent__group-label">
        整改后照片<Text className="ui-field__required"> *</Text>
      </Text>
      <Text className="ent__hint">至少 1 张，拍下整改后的现场</Text>
      <PhotoUploader photos={photos} className="internal-form__evidence" />
      <FieldError message={errors.evidence ?? issues.evidence} />
      <Note
        id="internal-fixed-note"
        required
        label="整改情况"
        value={note}
        onInput={setNote}
        placeholder="做了哪些整改"
        error={errors.note ?? issues.note}
      />
      <ButtonPair
        primary="提交整改完成"
        onPrimary={submit}
        onCancel={onCancel}
        loading={running}
        loadingText="提交中…"
        primaryClassName="internal-form__submit"
      />
    </View>
  );
}

/** 转报镇里: the reason; the page asks for confirmation before it goes. */
export function InternalEscalateForm({ running, issues, onSubmit, onCancel, id }: FormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    if (reason.trim().length < 2) return setError('请填写转报原因');
    setError(undefined);
    onSubmit({ id, step: 'escalate', reason: reason.trim() });
  };
  return (
    <View className="ent__form internal-form internal-form--escalate">
      <Note
        id="internal-escalate-reason"
        required
        label="转报原因"
        value={reason}
        onInput={setReason}
        placeholder="如：需要镇里协调处理"
        error={error ?? issues.reason}
      />
      <ButtonPair
        primary="转报镇里…"
        primaryKind="danger"
        onPrimary={submit}
        onCancel={onCancel}
        loading={running}
        loadingText="提交中…"
        primaryClassName="internal-form__submit"
      />
    </View>
  );
}
