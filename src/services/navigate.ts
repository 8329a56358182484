import Taro from '@tarojs/taro';

/** The weapp tab bar's pages (app.config.ts `tabBar`): 首页 · 随手拍 · 我的. */
export const HOME = '/pages/index/index';
export const TAB_PAGES = [HOME, '/pages/report/index', '/pages/mine/index'] as const;
/** The staff queue already filtered to 超期 (the queue page reads `?overdue=1`). */
export const OVERDUE_QUEUE = '/staff/pages/queue/index?overdue=1';

const pathOf = (url: string) => `/${url.split('?')[0].replace(/^\/+/, '')}`;

/** Whether `url` (with or without a leading slash or query) is one of the tab pages. */
export const isTabPage = (url: string) => (TAB_PAGES as readonly string[]).includes(pathOf(url));

/**
 * Opens `url` the way the platform needs: on weapp a tab page only opens with `switchTab` (navigateTo and
 * redirectTo to it fail, and it takes no query); on h5 there is no tab bar, so every page is pushed and the
 * title bar's 返回 comes back. Everything else is `navigateTo`, or `redirectTo` with `replace` (a finished step such
 * as a filed report, which 返回 should not show again).
 */
export function goTo(url: string, { replace = false }: { replace?: boolean } = {}): Promise<unknown> {
  if (process.env.TARO_ENV !== 'h5' && isTabPage(url)) return Taro.switchTab({ url: pathOf(url) });
  return replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
}

/** 首页 from anywhere: the tab on weapp; on h5 a fresh start at the home page (the stack is dropped). */
export function goHome(): Promise<unknown> {
  if (process.env.TARO_ENV !== 'h5') return Taro.switchTab({ url: HOME });
  return Taro.reLaunch({ url: HOME });
}

/** 返回: the previous page when there is one in this app, otherwise 首页 (a page opened from a link or a reload). */
export function goBack(): Promise<unknown> {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack().catch(() => goHome());
  return goHome();
}
