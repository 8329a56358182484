import { Input, Text } from '@tarojs/components';
import { Field } from './ui/Field';
import './Form.css';

/** A tappable choice (category, area, yes/no): the shared ui Chip, a radio (or checkbox) with its state. */
export { Chip, ChipGroup } from './ui/Chip';

export function FieldError({ message }: { message?: string }) {
  return message ? <Text className="field-error">{message}</Text> : null;
}

/**
 * For a Button's `disabled`: on h5 `disabled={false}` still writes a `disabled="false"` attribute, which
 * Taro's button CSS greys out (and hides light text); leaving the prop off when enabled avoids that.
 */
export const disabledIf = (off: boolean): true | undefined => (off ? true : undefined);

/** A labelled one-line text input (label tied to the input) with its error underneath. */
export function TextField({
  label,
  value,
  onInput,
  placeholder,
  maxlength,
  error,
  required = false,
  className = '',
}: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder: string;
  maxlength: number;
  error?: string;
  required?: boolean;
  className?: string;
}) {
  return (
    <Field label={label} required={required} error={error}>
      {(control) => (
        <Input
          className={`form-input ${className}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
          {...control}
        />
      )}
    </Field>
  );
}
