// A jest stand-in for @tarojs/taro: in-memory storage and spies for navigation, media, location and network.
import { useEffect, useRef } from 'react';

const storage = new Map<string, unknown>();
let routerParams: Record<string, string> = {};

const Taro = {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value)))),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  clearStorageSync: () => storage.clear(),
  request: jest.fn(),
  uploadFile: jest.fn(),
  navigateTo: jest.fn(),
  redirectTo: jest.fn(),
  navigateBack: jest.fn(() => Promise.resolve()),
  switchTab: jest.fn(() => Promise.resolve()),
  reLaunch: jest.fn(() => Promise.resolve()),
  getCurrentPages: jest.fn((): unknown[] => [{}]),
  getCurrentInstance: jest.fn((): { page?: { config?: Record<string, unknown> } } => ({})),
  showToast: jest.fn(),
  setNavigationBarTitle: jest.fn(() => Promise.resolve()),
  chooseLocation: jest.fn(),
  getLocation: jest.fn(),
  makePhoneCall: jest.fn(() => Promise.resolve()),
  chooseImage: jest.fn(),
  compressImage: jest.fn(),
  previewImage: jest.fn(() => Promise.resolve()),
  setClipboardData: jest.fn(() => Promise.resolve()),
  requestSubscribeMessage: jest.fn(() => Promise.resolve({})),
  scanCode: jest.fn(),
  cloud: { init: jest.fn(), callFunction: jest.fn(), uploadFile: jest.fn() },
};

/** Sets what `useRouter().params` answers in the next render. */
export function setRouterParams(params: Record<string, string>) {
  routerParams = params;
}

export function useRouter() {
  return { params: routerParams, path: '' };
}

const shownAgain = new Set<() => void>();

/** Runs on mount like the page's first show; `showPagesAgain()` runs it again (the page came back into view). */
export function useDidShow(fn: () => void) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const run = () => latest.current();
    shownAgain.add(run);
    run();
    return () => void shownAgain.delete(run);
  }, []);
}

const hidden = new Set<() => void>();

/** Runs when `showPagesAgain()` first hides the pages (another page or tab covered them). */
export function useDidHide(fn: () => void) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const run = () => latest.current();
    hidden.add(run);
    return () => void hidden.delete(run);
  }, []);
}

/**
 * Every mounted page hidden and shown again (useDidHide, then useDidShow), as when a tab is switched back to or
 * the page above is closed (wrap in act()).
 */
export function showPagesAgain() {
  for (const run of [...hidden]) run();
  for (const run of [...shownAgain]) run();
}

export default Taro;
