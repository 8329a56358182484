// The production runtime: WeChat CloudBase. Only this file touches wx-server-sdk.
import * as cloud from 'wx-server-sdk';
import { STATUS_LABELS, type TipoffStatus } from '../../types/tipoff';
import { dispatch, type FunctionDef } from '../core/action';
import type { Database } from '../core/db';
import type { CoreDeps, StatusChangedEvent } from '../core/deps';
import { openIdentity, REPORTER_IDENTITIES, type ReporterIdentityDoc } from '../core/identity';
import { systemClock } from '../core/time';
import { defaultTown } from '../core/town';

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in (typed as a symbol, accepted at run time).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const log = (message: string, detail?: unknown) => console.error(message, detail);

/** security.msgSecCheck v2: anything but `pass` is refused (the reporter is asked to rephrase). */
async function msgSecCheck(content: string, openid: string): Promise<boolean> {
  try {
    const res = await cloud.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content });
    return res?.result?.suggest === 'pass';
  } catch (e) {
    // The check itself failing (a platform outage) must not lose a report: it is logged and the text accepted.
    log('msgSecCheck failed', e);
    return true;
  }
}

/** Subscribe message on each status change, when the reporter consented (template id in SUBSCRIBE_TMPL_STATUS). */
async function sendStatusMessage(db: Database, secret: string, event: StatusChangedEvent): Promise<void> {
  const template = process.env.SUBSCRIBE_TMPL_STATUS;
  if (!template) return;
  const { data } = await db
    .collection<ReporterIdentityDoc>(REPORTER_IDENTITIES)
    .where({ _id: event.tipoffId })
    .limit(1)
    .get();
  if (!data[0]) return;
  // Only the platform uses the openid, to address the message; no person reads it.
  const { openid } = openIdentity(data[0].sealed, event.tipoffId, secret);
  await cloud.openapi.subscribeMessage
    .send({
      touser: openid,
      templateId: template,
      page: `pages/tipoff/detail/index?id=${event.tipoffId}`,
      data: {
        character_string1: { value: event.no },
        // A phrase field takes at most 5 characters: the status label fits, a cut title would not read.
        phrase2: { value: STATUS_LABELS[event.status as TipoffStatus] ?? '状态更新' },
        thing3: { value: event.body.slice(0, 20) },
        time4: { value: event.at.slice(0, 16).replace('T', ' ') },
      },
    })
    // No consent left (43101) is normal: the in-app message is already written.
    .catch((e: unknown) => log('subscribeMessage.send failed', e));
}

function productionDeps(): CoreDeps | null {
  const secret = process.env.REPORTER_KEY_SECRET;
  if (!secret) return null;
  const db = cloud.database() as unknown as Database;
  return {
    db,
    now: systemClock,
    town: defaultTown(),
    reporterKeySecret: secret,
    log,
    contentCheck: msgSecCheck,
    notifier: { statusChanged: (event) => sendStatusMessage(db, secret, event) },
  };
}

const MISCONFIGURED = {
  ok: false,
  error: { code: 'INTERNAL', message: '服务未配置完成（缺少 REPORTER_KEY_SECRET）' },
} as const;

/** The calling user's openid; empty for the platform's own triggers (timers). */
export const callerOpenid = (): string | undefined => cloud.getWXContext().OPENID || undefined;

/** Wraps a function table as the `main` that CloudBase calls. */
export function cloudMain(fn: FunctionDef) {
  return async (event: unknown) => {
    const deps = productionDeps();
    if (!deps) return MISCONFIGURED;
    const { OPENID } = cloud.getWXContext();
    return dispatch(fn, event, OPENID, deps);
  };
}

/** Wraps a timer job: no caller identity, the platform's clock. */
export function timerMain<R>(job: (deps: CoreDeps) => Promise<R>) {
  return async (_event: unknown) => {
    const deps = productionDeps();
    if (!deps) return MISCONFIGURED;
    return job(deps);
  };
}
