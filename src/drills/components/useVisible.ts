import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * Whether the page is on screen: false after WeChat hides it (another page, the app in the background) and, on
 * h5, while the browser tab is hidden. Polling stops while it is false.
 */
export function useVisible(): boolean {
  const [shown, setShown] = useState(true);
  const [tabVisible, setTabVisible] = useState(() =>
    typeof document === 'undefined' ? true : document.visibilityState !== 'hidden',
  );
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  useEffect(() => {
    if (typeof document === 'undefined' || !document.addEventListener) return;
    const on = () => setTabVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);
  return shown && tabVisible;
}
