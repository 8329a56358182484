import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { a11y } from './a11y';
import { Button } from './Button';
import './ui.css';

/** Nothing to show yet, said kindly, with an optional next step underneath (children). */
export function Empty({
  text = '暂无内容',
  className = '',
  children,
}: PropsWithChildren<{ text?: string; className?: string }>) {
  return (
    <View className={`ui-state ui-state--empty page-state page-state--empty ${className}`}>
      <Text className="ui-state__text">{text}</Text>
      {children}
    </View>
  );
}

/** Loading: a spinner and words, announced politely to screen readers. */
export function Loading({ text = '加载中…', className = '' }: { text?: string; className?: string }) {
  return (
    <View
      className={`ui-state ui-state--loading page-state page-state--loading ${className}`}
      {...a11y({ role: 'status', busy: true })}
    >
      <View className="ui-state__spinner" />
      <Text className="ui-state__text">{text}</Text>
    </View>
  );
}

/** A failure in plain words with 重试. */
export function ErrorState({
  message,
  onRetry,
  className = '',
}: {
  message: string;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <View className={`ui-state ui-state--error page-state page-state--error ${className}`} {...a11y({ role: 'alert' })}>
      <Text className="ui-state__text page-state__message">{message}</Text>
      {onRetry && (
        <Button inline className="page-state__retry" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}
