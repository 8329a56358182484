import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Chip, ChipGroup } from '../../../components/ui';
import { ChoiceField } from './ChoiceField';
import { FormButtons } from './FormButtons';
import { edited, NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/** 核查: founded or not, what was found, and whether it is a major hazard (it then enters the ledger). */
export function VerifyForm({ report, running, issues, onSubmit, onCancel, onEdit }: StepFormProps) {
  const [founded, setFounded] = useState<boolean>();
  const [note, setNote] = useState('');
  const [major, setMajor] = useState(report.suspectedMajor);
  const [alreadyKnown, setAlreadyKnown] = useState(false);
  const [missing, setMissing] = useState<string>();

  // A choice clears its error at once (like a text field once edited).
  const choose = (value: boolean) => {
    setFounded(value);
    setMissing(undefined);
    onEdit?.('founded');
  };

  const submit = () => {
    if (founded === undefined) {
      setMissing('请选择核查结果');
      return;
    }
    setMissing(undefined);
    onSubmit(
      founded
        ? { step: 'verify', founded, note: note.trim(), major, ...(alreadyKnown ? { alreadyKnown } : {}) }
        : { step: 'verify', founded, note: note.trim() },
    );
  };

  return (
    <View className="act-form act-form--verify">
      <ChoiceField label="核查结果" required error={missing ?? issues.founded} groupClassName="act-form__result">
        <Chip className="act-form__founded" active={founded === true} label="属实" onClick={() => choose(true)} />
        <Chip className="act-form__unfounded" active={founded === false} label="不属实" onClick={() => choose(false)} />
      </ChoiceField>
      {founded && (
        <ChipGroup label="隐患等级" multi>
          <Chip
            className="act-form__major"
            multi
            active={major}
            label={major ? '✓ 认定为重大事故隐患' : '认定为重大事故隐患'}
            onClick={() => setMajor(!major)}
          />
        </ChipGroup>
      )}
      {founded && major && <Text className="form-hint">认定为重大事故隐患后将自动登记入重大隐患台账。</Text>}
      {founded && (
        <ChipGroup label="是否此前已发现" multi>
          <Chip
            className="act-form__already-known"
            multi
            active={alreadyKnown}
            label={alreadyKnown ? '✓ 本部门此前已发现并正在处理' : '本部门此前已发现并正在处理'}
            onClick={() => setAlreadyKnown(!alreadyKnown)}
          />
        </ChipGroup>
      )}
      {founded && alreadyKnown && (
        <Text className="form-hint act-form__already-known-hint">选择后，本举报仍按属实办理，但不予举报奖励。</Text>
      )}
      <NoteField
        label="核查说明"
        required
        value={note}
        onInput={edited(setNote, 'note', onEdit)}
        placeholder={founded === false ? '说明不属实的理由（将告知举报人）' : '现场核查情况'}
        error={issues.note}
      />
      <FormButtons label="提交核查结果" running={running} onCancel={onCancel} onSubmit={submit} />
    </View>
  );
}
