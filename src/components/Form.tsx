import { Text, View } from '@tarojs/components';
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
