import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '../../../components/Form';
import { townToday } from '../../../services/format';
import { DateInput } from '../DateInput';
import { FormButtons } from './FormButtons';
import { NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/** 下达整改: deadline, measures and the unit responsible for the fix. */
export function OrderForm({ running, issues, onSubmit, onCancel }: StepFormProps) {
  const [deadline, setDeadline] = useState('');
  const [measures, setMeasures] = useState('');
  const [unit, setUnit] = useState('');
  const [missing, setMissing] = useState<string>();
  const today = townToday();

  const submit = () => {
    if (!deadline) {
      setMissing('请选择整改期限');
      return;
    }
    setMissing(undefined);
    onSubmit({ step: 'order', deadline, measures: measures.trim(), responsibleUnit: unit.trim() });
  };

  return (
    <View className="act-form act-form--order">
      <Text className="form-label">整改期限</Text>
      <DateInput
        className="act-form__deadline"
        label="整改期限"
        value={deadline}
        start={today}
        onChange={setDeadline}
      />
      <FieldError message={missing ?? issues.deadline} />
      <NoteField
        label="整改措施"
        value={measures}
        onInput={setMeasures}
        placeholder="责令采取的整改措施"
        error={issues.measures}
      />
      <Text className="form-label">整改责任单位</Text>
      <Input
        className="form-input act-form__unit"
        value={unit}
        maxlength={60}
        placeholder="如：某某物业公司"
        onInput={(e) => setUnit(e.detail.value)}
      />
      <FieldError message={issues.responsibleUnit} />
      <FormButtons label="下达整改" running={running} onCancel={onCancel} onSubmit={submit} />
    </View>
  );
}
