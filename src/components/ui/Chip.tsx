import { View } from '@tarojs/components';
import { a11y, pressable } from './a11y';
import type { ControlProps } from './Field';
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

/**
 * The accessibility attributes of a group of choices (`radiogroup` or `group`) named by `label`; inside a Field,
 * pass its `control` so the group is named by the Field's visible label and gets its required/invalid state and
 * error (h5: aria-labelledby/-required/-invalid/-describedby; weapp: the Field's "label，必填" as aria-label).
 */
export function groupA11y(role: 'radiogroup' | 'group', label: string, control?: ControlProps): Record<string, string> {
  if (control?.nativeProps) {
    const { id: _id, ...aria } = control.nativeProps;
    return { ...a11y({ role }), ...aria };
  }
  return a11y({ role, label: control?.ariaLabel ?? label });
}

/** A row of chips read as one group (radiogroup, or group for multi-select), named by `label` (or its Field). */
export function ChipGroup({
  label,
  multi = false,
  className = '',
  control,
  children,
}: React.PropsWithChildren<{ label: string; multi?: boolean; className?: string; control?: ControlProps }>) {
  return (
    <View className={`chips ui-chips ${className}`} {...groupA11y(multi ? 'group' : 'radiogroup', label, control)}>
      {children}
    </View>
  );
}
