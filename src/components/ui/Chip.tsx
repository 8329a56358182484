import { View } from '@tarojs/components';
import { a11y, pressable } from './a11y';
import './ui.css';

/**
 * A tappable choice, at least 44 px high. `multi` chips are checkboxes, the others radios of a ChipGroup;
 * both expose their state as aria-checked. A plain View, so browser tests still click it by its text; on h5 it
 * is in the Tab order and Enter or Space toggles it.
 */
export function Chip({
  active,
  label,
  onClick,
  multi = false,
  disabled = false,
  className = '',
}: {
  active: boolean;
  label: string;
  onClick: () => void;
  multi?: boolean;
  disabled?: boolean;
  className?: string;
}) {
  const cls = [
    'chip',
    'ui-chip',
    active ? 'chip--active ui-chip--active' : '',
    disabled ? 'ui-chip--disabled' : '',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={cls}
      {...a11y({ role: multi ? 'checkbox' : 'radio', checked: active, disabled })}
      {...pressable(disabled ? undefined : onClick)}
    >
      {label}
    </View>
  );
}

/** A row of chips read as one group (radiogroup, or group for multi-select), named by `label`. */
export function ChipGroup({
  label,
  multi = false,
  className = '',
  children,
}: React.PropsWithChildren<{ label: string; multi?: boolean; className?: string }>) {
  return (
    <View className={`chips ui-chips ${className}`} {...a11y({ role: multi ? 'group' : 'radiogroup', label })}>
      {children}
    </View>
  );
}
