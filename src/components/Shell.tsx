import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { IdentityBar } from './IdentityBar';
import { TitleBar } from './TitleBar';
import { LARGE_TEXT_CLASS, useLargeText } from '../styles/large-text';

/**
 * Every page's frame: in local h5 mode the identity switcher sits on top, then (h5 only, not on 首页) a title bar
 * with 返回 — weapp has WeChat's own navigation bar and the tab bar. In large-text mode (适老化) the
 * root carries `ui-large-text`, which scales the type scale of tokens.css for everything inside.
 */
export function Shell({
  children,
  className = '',
  title,
}: PropsWithChildren<{
  className?: string;
  /** Overrides the title bar's title from the page config (a page whose title follows its state). */
  title?: string;
}>) {
  const large = useLargeText().on;
  return (
    <View className={`shell ${large ? LARGE_TEXT_CLASS : ''} ${className}`}>
      {process.env.TARO_ENV === 'h5' && <IdentityBar />}
      {process.env.TARO_ENV === 'h5' && <TitleBar title={title} />}
      {children}
    </View>
  );
}
