import { useDidHide, useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';

/**
 * A number that grows each time the page comes back into view after it was hidden (another page opened above it, a
 * tab switched): put it in a loader's deps to refresh what may have changed meanwhile. Counted from a hide, not by
 * skipping the first show: a component that mounts after the page's first show (under RoleGate, once the session is
 * known — on h5 always) never sees that show, so skipping it skipped the first return instead.
 */
export function useReshown(): number {
  const [count, setCount] = useState(0);
  const wasHidden = useRef(false);
  useDidHide(() => {
    wasHidden.current = true;
  });
  useDidShow(() => {
    if (!wasHidden.current) return;
    wasHidden.current = false;
    setCount((n) => n + 1);
  });
  return count;
}
