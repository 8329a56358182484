import Taro from '@tarojs/taro';

/** Subscribe messages exist only on weapp, and only when the status template is configured at build time. */
export function canAskSubscription(): boolean {
  return process.env.TARO_ENV === 'weapp' && !!process.env.TARO_APP_TMPL_STATUS;
}

/**
 * Asks for one status-change notification. Must run from a tap, before any other await.
 * A refusal or failure is fine: the in-app message list still gets every change.
 */
export async function askStatusSubscription(): Promise<void> {
  if (!canAskSubscription()) return;
  try {
    const option = { tmplIds: [process.env.TARO_APP_TMPL_STATUS as string] };
    await Taro.requestSubscribeMessage(option as Parameters<typeof Taro.requestSubscribeMessage>[0]);
  } catch {
    // refused or unsupported: never block the user
  }
}
