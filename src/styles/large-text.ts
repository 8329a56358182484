// 适老化: large-text mode. The resident chooses 跟随微信 / 标准 / 大字 in 我的 (stored locally); "跟随微信"
// (the default) turns it on when WeChat's own font size is large. Every page's root (Shell) then carries the
// `ui-large-text` class, which scales the type scale in tokens.css (body 17 → 22 px) and the tap targets.
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

export type LargeTextPref = 'auto' | 'on' | 'off';

export const LARGE_TEXT_KEY = 'mx.ui.largeText';
export const LARGE_TEXT_CLASS = 'ui-large-text';
/** WeChat's standard font size is 17 px; its larger settings start above that. */
export const LARGE_SYSTEM_FONT_PX = 20;

export function readLargeTextPref(): LargeTextPref {
  try {
    const v = Taro.getStorageSync(LARGE_TEXT_KEY) as unknown;
    return v === 'on' || v === 'off' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

/**
 * Whether WeChat's font size is set large. `getAppBaseInfo().fontSizeSetting` (base library 2.23.4+, px) with
 * `fontSizeScaleFactor`; older clients: `getSystemInfoSync().fontSizeSetting`. On h5 neither exists: false.
 */
export function systemFontIsLarge(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    type Info = { fontSizeSetting?: number; fontSizeScaleFactor?: number };
    const t = Taro as unknown as { getAppBaseInfo?: () => Info; getSystemInfoSync?: () => Info };
    const info: Info = t.getAppBaseInfo?.() ?? t.getSystemInfoSync?.() ?? {};
    if (typeof info.fontSizeSetting === 'number' && info.fontSizeSetting >= LARGE_SYSTEM_FONT_PX) return true;
    return typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor >= 1.15;
  } catch {
    return false;
  }
}

export function largeTextOn(pref: LargeTextPref = readLargeTextPref(), system = systemFontIsLarge): boolean {
  return pref === 'on' || (pref === 'auto' && system());
}

const listeners = new Set<() => void>();

export function setLargeTextPref(pref: LargeTextPref): void {
  if (pref === 'auto') Taro.removeStorageSync(LARGE_TEXT_KEY);
  else Taro.setStorageSync(LARGE_TEXT_KEY, pref);
  listeners.forEach((fn) => fn());
}

/** The current preference and whether large text is on; every mounted page follows a change at once. */
export function useLargeText(): { pref: LargeTextPref; on: boolean; set: (p: LargeTextPref) => void } {
  const [pref, setPref] = useState(readLargeTextPref);
  useEffect(() => {
    const fn = () => setPref(readLargeTextPref());
    listeners.add(fn);
    return () => void listeners.delete(fn);
  }, []);
  return { pref, on: largeTextOn(pref), set: setLargeTextPref };
}
