import { Input, View } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '../../../components/ui/Field';
import { townToday } from '../../../services/format';
import { DateInput } from '../DateInput';
import { FormButtons } from './FormButtons';
import { edited, NoteField } from './NoteForms';
import type { StepFormProps } from './types';

/** 下达整改: deadline, measures and the unit responsible for the fix. */
export function OrderForm({ running, issues, onSubmit, onCancel, onEdit }: StepFormProps) {
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
      <Field label="整改期限" required error={missing ?? issues.deadline}>
        <DateInput
          className="act-form__deadline"
          label="整改期限"
          value={deadline}
          start={today}
          onChange={(d) => {
            setDeadline(d);
            setMissing(undefined);
            onEdit?.('deadline');
          }}
        />
      </Field>
      <NoteField
        label="整改措施"
        required
        value={measures}
        onInput={edited(setMeasures, 'measures', onEdit)}
        placeholder="责令采取的整改措施"
        error={issues.measures}
      />
      <Field label="整改责任单位" required error={issues.responsibleUnit}>
        {(control) => (
          <Input
            className="form-input act-form__unit"
            value={unit}
            maxlength={60}
            placeholder="如：某某物业公司"
            onInput={(e) => edited(setUnit, 'responsibleUnit', onEdit)(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      <FormButtons label="下达整改" running={running} onCancel={onCancel} onSubmit={submit} />
    </View>
  );
}
