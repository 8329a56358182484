import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';

/**
 * A number that grows each time the page comes back into view (not on its first show, which the
 * initial load already covers): put it in a loader's deps to refresh what may have changed meanwhile.
 */
export function useReshown(): number {
  const [count, setCount] = useState(0);
  const first = useRef(true);
  useDidShow(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setCount((n) => n + 1);
  });
  return count;
}
