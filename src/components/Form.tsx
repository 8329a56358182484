import { Input, Text, View } from '@tarojs/components';
import './Form.css';

/** A tappable choice (category, area, yes/no): a plain View so browser tests click it by its text. */
export function Chip({
  active,
  label,
  onClick,
  className = '',
}: {
  active: boolean;
  label: string;
  onClick: () => void;
  className?: string;
}) {
  return (
    <View className={`chip ${active ? 'chip--active' : ''} ${className}`} onClick={onClick}>
      {label}
    </View>
  );
}

export function FieldError({ message }: { message?: string }) {
  return message ? <Text className="field-error">{message}</Text> : null;
}

/**
 * For a Button's `disabled`: on h5 `disabled={false}` still writes a `disabled="false"` attribute, which
 * Taro's button CSS greys out (and hides light text); leaving the prop off when enabled avoids that.
 */
export const disabledIf = (off: boolean): true | undefined => (off ? true : undefined);

/** A labelled one-line text input with its error underneath. */
export function TextField({
  label,
  value,
  onInput,
  placeholder,
  maxlength,
  error,
  className = '',
}: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder: string;
  maxlength: number;
  error?: string;
  className?: string;
}) {
  return (
    <View>
      <Text className="form-label">{label}</Text>
      <Input
        className={`form-input ${className}`}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      <FieldError message={error} />
    </View>
  );
}
