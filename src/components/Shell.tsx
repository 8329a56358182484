import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { IdentityBar } from './IdentityBar';

/** Every page's frame: in local h5 mode the identity switcher sits on top. */
export function Shell({ children, className = '' }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={`shell ${className}`}>
      {process.env.TARO_ENV === 'h5' && <IdentityBar />}
      {children}
    </View>
  );
}
