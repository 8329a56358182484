// A jest stand-in for @tarojs/taro: in-memory storage and spies for navigation, media, location and network.
import { useEffect } from 'react';

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
  chooseLocation: jest.fn(),
  getLocation: jest.fn(),
  makePhoneCall: jest.fn(() => Promise.resolve()),
  chooseImage: jest.fn(),
  compressImage: jest.fn(),
  previewImage: jest.fn(() => Promise.resolve()),
  setClipboardData: jest.fn(() => Promise.resolve()),
  requestSubscribeMessage: jest.fn(() => Promise.resolve({})),
  cloud: { init: jest.fn(), callFunction: jest.fn(), uploadFile: jest.fn() },
};

/** Sets what `useRouter().params` answers in the next render. */
export function setRouterParams(params: Record<string, string>) {
  routerParams = params;
}

export function useRouter() {
  return { params: routerParams, path: '' };
}

export function useDidShow(fn: () => void) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, []);
}

export default Taro;
