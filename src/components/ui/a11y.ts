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
