import Taro from '@tarojs/taro';
import { goBack, goHome, goTo, isTabPage } from './navigate';

const taro = Taro as unknown as Record<string, jest.Mock>;
const env = process.env.TARO_ENV;
const setEnv = (v: string | undefined) => {
  const vars = process.env as Record<string, string | undefined>;
  if (v === undefined) delete vars.TARO_ENV;
  else vars.TARO_ENV = v;
};

beforeEach(() => {
  jest.clearAllMocks();
  setEnv('weapp');
});
afterAll(() => setEnv(env));

test('the tab pages are 首页 · 随手拍 · 我的, with or without a leading slash or query', () => {
  expect(isTabPage('/pages/index/index')).toBe(true);
  expect(isTabPage('pages/report/index')).toBe(true);
  expect(isTabPage('/pages/mine/index?from=done')).toBe(true);
  expect(isTabPage('/pages/messages/index')).toBe(false);
  expect(isTabPage('/staff/pages/queue/index')).toBe(false);
});

test('weapp: a tab page opens with switchTab (without a query), every other page with navigateTo', async () => {
  await goTo('/pages/report/index');
  expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' });
  await goTo('pages/mine/index?x=1');
  expect(taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/mine/index' });
  await goTo('/staff/pages/queue/index?overdue=1');
  expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/queue/index?overdue=1' });
  expect(taro.navigateTo).toHaveBeenCalledTimes(1);
  expect(taro.redirectTo).not.toHaveBeenCalled();
});

test('h5 (no tab bar): every page is pushed, so 返回 comes back; `replace` takes the place of a finished step', async () => {
  setEnv('h5');
  await goTo('/pages/mine/index');
  expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  await goTo('/pages/mine/index', { replace: true });
  expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  expect(taro.switchTab).not.toHaveBeenCalled();
});

test('weapp: `replace` still opens a tab page with switchTab', async () => {
  await goTo('/pages/mine/index', { replace: true });
  expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  expect(taro.redirectTo).not.toHaveBeenCalled();
});

test('返回: the previous page when there is one, else 首页 (switchTab on weapp, reLaunch on h5)', async () => {
  taro.getCurrentPages.mockReturnValueOnce([{}, {}]);
  await goBack();
  expect(taro.navigateBack).toHaveBeenCalled();
  expect(taro.switchTab).not.toHaveBeenCalled();

  taro.getCurrentPages.mockReturnValueOnce([{}]);
  await goBack();
  expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });

  setEnv('h5');
  taro.getCurrentPages.mockReturnValueOnce([{}]);
  await goBack();
  expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  await goHome();
  expect(taro.reLaunch).toHaveBeenCalledTimes(2);
});

test('a back that fails (the stack was lost) still lands on 首页', async () => {
  taro.getCurrentPages.mockReturnValueOnce([{}, {}]);
  taro.navigateBack.mockRejectedValueOnce(new Error('navigateBack:fail'));
  await goBack();
  expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
});

test('no code opens a tab page with navigateTo, redirectTo or reLaunch (they fail on weapp): use goTo()', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  const root = path.join(__dirname, '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk(root);
  const bad = /(navigateTo|redirectTo|reLaunch)\(\s*\{\s*url:\s*['"`]\/?pages\/(index|report|mine)\/index/;
  const offenders = files.filter((f) => bad.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f));
  expect(offenders).toEqual([]);
  expect(files.length).toBeGreaterThan(20);
});
