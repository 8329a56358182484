import { Button as TaroButton, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { a11y } from './a11y';
import './ui.css';

export type ButtonKind = 'primary' | 'default' | 'danger';

export interface ButtonProps {
  kind?: ButtonKind;
  /** Shows a spinner and `loadingText`, and ignores taps. Taro's own `loading` prop misbehaves on h5. */
  loading?: boolean;
  loadingText?: string;
  disabled?: boolean;
  /** `inline` buttons size to their text (still ≥ 44 px high); the default fills the row. */
  inline?: boolean;
  className?: string;
  ariaLabel?: string;
  onClick?: () => void;
  /** weapp open-type (e.g. 'contact'); passed straight through. */
  openType?: 'contact' | 'share' | 'feedback';
}

/**
 * The one button: primary (the page's main action, blue), default (secondary, outlined) or danger
 * (irreversible steps — pair it with Dialog). Never use Taro's `disabled={false}`: on h5 it writes a
 * `disabled="false"` attribute that greys the button out; the prop is left off when enabled.
 */
export function Button({
  kind = 'default',
  loading = false,
  loadingText,
  disabled = false,
  inline = false,
  className = '',
  ariaLabel,
  onClick,
  openType,
  children,
}: PropsWithChildren<ButtonProps>) {
  const off = disabled || loading;
  const cls = [
    'ui-button',
    `ui-button--${kind}`,
    inline ? 'ui-button--inline' : '',
    loading ? 'ui-button--loading' : '',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <TaroButton
      className={cls}
      disabled={off ? true : undefined}
      openType={openType}
      onClick={off ? undefined : onClick}
      {...a11y({ role: 'button', label: ariaLabel, disabled: off, busy: loading })}
    >
      {loading && <View className="ui-button__spinner" />}
      {loading && loadingText ? loadingText : children}
    </TaroButton>
  );
}

/**
 * A form's two buttons: 取消 beside the main action, the main action wider and taller, both top-aligned
 * (so a longer label wrapping never shifts 取消 down).
 */
export function ButtonPair({
  primary,
  onPrimary,
  primaryKind = 'primary',
  cancel = '取消',
  onCancel,
  loading,
  loadingText,
  disabled,
  className = '',
  primaryClassName = '',
  cancelClassName = '',
}: {
  primary: string;
  onPrimary: () => void;
  primaryKind?: 'primary' | 'danger';
  cancel?: string;
  onCancel: () => void;
  loading?: boolean;
  loadingText?: string;
  disabled?: boolean;
  className?: string;
  primaryClassName?: string;
  cancelClassName?: string;
}) {
  return (
    <View className={`ui-button-pair ${className}`}>
      <Button className={`ui-button-pair__cancel ${cancelClassName}`} disabled={loading} onClick={onCancel}>
        {cancel}
      </Button>
      <Button
        kind={primaryKind}
        className={`ui-button-pair__primary ${primaryClassName}`}
        loading={loading}
        loadingText={loadingText}
        disabled={disabled}
        onClick={onPrimary}
      >
        {primary}
      </Button>
    </View>
  );
}
