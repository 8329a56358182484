/**
 * Accessibility attributes for Taro components, per platform.
 * - h5: Taro's React wrappers write string/boolean props as dashed attributes on the custom element, so
 *   `role` and `aria-*` reach the DOM as written (ariaRole would become an invalid `aria-role` there).
 * - weapp: WeChat reads `aria-role`, `aria-label`, `aria-checked`, `aria-selected`, `aria-disabled`; Taro's
 *   template only renders attributes it knows, so @tarojs/plugin-inject (config/index.ts) registers them for
 *   View/Text/Button/Image/Input/Textarea in both the template and the runtime's attribute table.
 */
export interface A11y {
  role?: string;
  label?: string;
  checked?: boolean;
  selected?: boolean;
  disabled?: boolean;
  busy?: boolean;
}

export function a11y({ role, label, checked, selected, disabled, busy }: A11y): Record<string, string> {
  const out: Record<string, string> = {};
  const weapp = process.env.TARO_ENV === 'weapp';
  if (role) out[weapp ? 'ariaRole' : 'role'] = role;
  if (label) out[weapp ? 'ariaLabel' : 'aria-label'] = label;
  if (checked !== undefined) out[weapp ? 'ariaChecked' : 'aria-checked'] = String(checked);
  if (selected !== undefined) out[weapp ? 'ariaSelected' : 'aria-selected'] = String(selected);
  if (disabled) out[weapp ? 'ariaDisabled' : 'aria-disabled'] = 'true';
  if (busy) out[weapp ? 'ariaBusy' : 'aria-busy'] = 'true';
  return out;
}

/**
 * Keyboard access for a tappable View (chip, card, link row): on h5 it joins the Tab order and Enter or Space
 * activates it like a tap; weapp has no keyboard, so there it is the plain onClick. Spread it after `a11y()`.
 */
export function pressable(onPress: (() => void) | undefined): {
  onClick?: () => void;
  tabIndex?: number;
  onKeyDown?: (e: { key: string; preventDefault(): void; stopPropagation(): void }) => void;
} {
  if (!onPress) return {};
  if (process.env.TARO_ENV === 'weapp') return { onClick: onPress };
  return {
    onClick: onPress,
    tabIndex: 0,
    onKeyDown: (e) => {
      if (e.key !== 'Enter' && e.key !== ' ' && e.key !== 'Spacebar') return;
      e.preventDefault(); // Space would scroll the page
      e.stopPropagation(); // a card around this one must not open too
      onPress();
    },
  };
}
