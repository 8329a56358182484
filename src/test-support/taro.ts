// A jest stand-in for @tarojs/taro: in-memory storage and spies for navigation and network.
import { useEffect } from 'react';

const storage = new Map<string, unknown>();

const Taro = {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value)))),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  clearStorageSync: () => storage.clear(),
  request: jest.fn(),
  uploadFile: jest.fn(),
  navigateTo: jest.fn(),
  redirectTo: jest.fn(),
  showToast: jest.fn(),
  chooseLocation: jest.fn(),
  makePhoneCall: jest.fn(),
  cloud: { init: jest.fn(), callFunction: jest.fn(), uploadFile: jest.fn() },
};

export function useDidShow(fn: () => void) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, []);
}

export default Taro;
