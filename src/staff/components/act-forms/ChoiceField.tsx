import type { ReactNode } from 'react';
import { ChipGroup } from '../../../components/ui';
import { Field } from '../../../components/ui/Field';

/**
 * A chip picker as a form field, like the text fields: the visible label (with * 必填 when required) names the
 * group, its error sits under it (and scrolls into view with the others), and the group reads as required/invalid.
 */
export function ChoiceField({
  label,
  required = false,
  error,
  hint,
  className = '',
  groupClassName = '',
  multi = false,
  children,
}: {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  className?: string;
  groupClassName?: string;
  multi?: boolean;
  children: ReactNode;
}) {
  return (
    <Field label={label} required={required} error={error} hint={hint} className={`act-form__choice ${className}`}>
      {(control) => (
        <ChipGroup label={label} multi={multi} className={groupClassName} control={control}>
          {children}
        </ChipGroup>
      )}
    </Field>
  );
}
