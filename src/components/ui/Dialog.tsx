import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { a11y } from './a11y';
import { ButtonPair } from './Button';
import './ui.css';

/**
 * A confirmation for an irreversible step: a title, the consequence in plain words
 * ("驳回后将告知举报人，无法撤销"), optional content (a note field), and 取消 beside the action.
 * Rendered in the page (not Taro.showModal) so it can hold inputs, carry roles and be tested.
 */
export function Dialog({
  open,
  title,
  consequence,
  confirmText = '确定',
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
  className = '',
  children,
}: PropsWithChildren<{
  open: boolean;
  title: string;
  consequence?: string;
  confirmText?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  className?: string;
}>) {
  if (!open) return null;
  return (
    <View className={`ui-dialog ${className}`}>
      <View className="ui-dialog__mask" onClick={busy ? undefined : onCancel} />
      <View className="ui-dialog__box" {...a11y({ role: 'alertdialog', label: title })}>
        <Text className="ui-dialog__title">{title}</Text>
        {consequence && <Text className="ui-dialog__consequence">{consequence}</Text>}
        {children}
        <ButtonPair
          className="ui-dialog__buttons"
          primary={confirmText}
          primaryKind={danger ? 'danger' : 'primary'}
          primaryClassName="ui-dialog__confirm"
          cancelClassName="ui-dialog__cancel"
          loading={busy}
          onPrimary={onConfirm}
          onCancel={onCancel}
        />
      </View>
    </View>
  );
}
