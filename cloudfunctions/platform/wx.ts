// The production runtime: WeChat CloudBase. Only this file touches wx-server-sdk.
import * as cloud from 'wx-server-sdk';
import { dispatch, type FunctionDef } from '../core/action';
import type { Database } from '../core/db';
import { systemClock } from '../core/time';
import { defaultTown } from '../core/town';

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in (typed as a symbol, accepted at run time).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** Wraps a function table as the `main` that CloudBase calls. */
export function cloudMain(fn: FunctionDef) {
  return async (event: unknown) => {
    const { OPENID } = cloud.getWXContext();
    const secret = process.env.REPORTER_KEY_SECRET;
    if (!secret) {
      return { ok: false, error: { code: 'INTERNAL', message: '服务未配置完成（缺少 REPORTER_KEY_SECRET）' } };
    }
    return dispatch(fn, event, OPENID, {
      db: cloud.database() as unknown as Database,
      now: systemClock,
      town: defaultTown(),
      reporterKeySecret: secret,
      log: (message, detail) => console.error(message, detail),
    });
  };
}
