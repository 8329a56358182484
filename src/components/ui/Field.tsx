import { Text, View } from '@tarojs/components';
import { useId, type ReactNode } from 'react';
import './ui.css';

/** Props to spread on the Input/Textarea/Picker a Field labels. */
export interface ControlProps {
  /** h5: attributes for the inner native <input>/<textarea> (Taro forwards nativeProps there). */
  nativeProps?: Record<string, string>;
  /** weapp: WeChat reads aria-label on input/textarea. */
  ariaLabel?: string;
}

/**
 * A form field: a visible label (with * 必填 when required) tied to the control — the control's accessible
 * name comes from the label, not from a placeholder — then the control, a hint and the error message.
 * Children may be a function receiving the ControlProps to spread on the control.
 */
export function Field({
  label,
  required = false,
  error,
  hint,
  id,
  className = '',
  labelClassName = 'form-label',
  children,
}: {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  /** Stable id for the control (defaults to a generated one). */
  id?: string;
  className?: string;
  /** The label's look (defaults to the shared form label). */
  labelClassName?: string;
  children: ReactNode | ((control: ControlProps) => ReactNode);
}) {
  const auto = `ui-field-${useId().replace(/:/g, '')}`;
  const controlId = id ?? auto;
  const labelId = `${controlId}-label`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const control: ControlProps =
    process.env.TARO_ENV === 'weapp'
      ? { ariaLabel: required ? `${label}，必填` : label }
      : {
          nativeProps: {
            id: controlId,
            'aria-labelledby': labelId,
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
            ...(required ? { 'aria-required': 'true' } : {}),
            ...(error ? { 'aria-invalid': 'true' } : {}),
          },
        };
  return (
    <View className={`ui-field ${error ? 'ui-field--error' : ''} ${className}`}>
      <Text className={`ui-field__label ${labelClassName}`} id={labelId}>
        {label}
        {required && (
          <Text className="ui-field__required" aria-hidden="true">
            {' '}
            *
          </Text>
        )}
      </Text>
      {hint && (
        <Text className="ui-field__hint form-hint" id={hintId}>
          {hint}
        </Text>
      )}
      {typeof children === 'function' ? children(control) : children}
      {error && (
        <Text className="ui-field__error field-error" id={errorId}>
          {error}
        </Text>
      )}
    </View>
  );
}
