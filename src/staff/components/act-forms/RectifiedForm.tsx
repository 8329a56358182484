import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '../../../components/Form';
import { PhotoUploader } from '../../../components/PhotoUploader';
import { uploadScope } from '../../../../types';
import { evidenceProblem, usePhotoUploads } from '../../../hooks/usePhotoUploads';
import { FormButtons } from './FormButtons';
import { edited, NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/** 整改完成: photos of the fixed site (at least one) and a note. */
export function RectifiedForm({ report, running, issues, onSubmit, onCancel, onEdit }: StepFormProps) {
  // The case's own evidence folder: linked to none of this staff member's other uploads.
  const photos = usePhotoUploads(uploadScope.rectify(report.id));
  const [note, setNote] = useState('');
  const [photoError, setPhotoError] = useState<string>();

  const submit = () => {
    const problem = evidenceProblem(photos, '请上传整改后照片');
    if (problem) return setPhotoError(problem);
    setPhotoError(undefined);
    onSubmit({ step: 'rectified', evidence: photos.fileIDs, note: note.trim() });
  };

  return (
    <View className="act-form act-form--rectified">
      <Text className="form-label">整改后照片（至少 1 张）</Text>
      <PhotoUploader photos={photos} className="act-form__evidence" />
      <FieldError message={photoError ?? issues.evidence} />
      <NoteField
        label="整改情况"
        required
        value={note}
        onInput={edited(setNote, 'note', onEdit)}
        placeholder="整改完成情况说明"
        error={issues.note}
      />
      <FormButtons label="提交整改完成" running={running} onCancel={onCancel} onSubmit={submit} />
    </View>
  );
}
