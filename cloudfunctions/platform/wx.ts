// The production runtime: WeChat CloudBase. Only this file touches wx-server-sdk.
import * as cloud from 'wx-server-sdk';
import { STATUS_LABELS, type TipoffStatus } from '../../types/tipoff';
import { dispatch, type FunctionDef } from '../core/action';
import type { Database } from '../core/db';
import type { CoreDeps, NotifyOutcome, StatusChangedEvent } from '../core/deps';
import { isOwnCloudFile, notOwnedFile, uploadKey, type FileAccess } from '../core/files';
import { openIdentity, REPORTER_IDENTITIES, type ReporterIdentityDoc } from '../core/identity';
import { handleMediaCheckEvent, type ContentVerdict, type MediaChecker } from '../core/media';
import { fromIntegrationRequest, open311Fail, type Open311HttpResponse } from '../core/open311';
import { serveOpen311 } from '../core/open311-serve';
import { systemClock } from '../core/time';
import { defaultTown } from '../core/town';
import { loadTown } from '../core/town-store';

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in (typed as a symbol, accepted at run time).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const log = (message: string, detail?: unknown) => console.error(message, detail);

/**
 * msgSecCheck / mediaCheckAsync scene 3 (论坛): a tip-off is a post the author writes for others to read
 * (staff, and residents nearby who see its description before filing the same hazard). Not 1 (资料, a
 * profile), 2 (评论, a reply to someone else's content) or 4 (社交日志, a personal feed entry).
 */
export const PUBLIC_POST_SCENE = 3;

/** How long a photo URL handed to a client works; the image check may fetch later, so its URL lives longer. */
const URL_MAX_AGE_SECONDS = 600;
const CHECK_URL_MAX_AGE_SECONDS = 3600;
/** getTempFileURL takes at most 50 files per call. */
const TEMP_URL_BATCH = 50;

/** security.msgSecCheck v2: `pass` files, `risky`/`review` ask the reporter to rephrase, a failure is `unchecked`. */
export async function msgSecCheck(content: string, openid: string): Promise<ContentVerdict> {
  try {
    const res = await cloud.openapi.security.msgSecCheck({ openid, scene: PUBLIC_POST_SCENE, version: 2, content });
    const suggest = res?.result?.suggest;
    if (suggest === 'pass') return 'pass';
    if (suggest === 'risky' || suggest === 'review') return 'reject';
    log('msgSecCheck: no verdict in the answer', res);
    return 'unchecked';
  } catch (e) {
    // 87014: the v1-style "risky content" error. Anything else (-604101 permission missing, an outage)
    // means the text was not checked: the report is filed, marked, and 安委办 told (core/media.ts).
    if ((e as { errCode?: number })?.errCode === 87014) return 'reject';
    log('msgSecCheck failed', e);
    return 'unchecked';
  }
}

/** The environment this function runs in (getWXContext().ENV is TCB_ENV || SCF_NAMESPACE in wx-server-sdk 4). */
export function currentEnv(): string {
  return cloud.getWXContext().ENV || process.env.TCB_ENV || process.env.SCF_NAMESPACE || '';
}

async function tempUrls(fileIds: string[], maxAge: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const unique = [...new Set(fileIds)];
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) {
    const res = await cloud.getTempFileURL({
      fileList: unique.slice(i, i + TEMP_URL_BATCH).map((fileID) => ({ fileID, maxAge })),
    });
    for (const f of res?.fileList ?? []) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
  }
  return out;
}

/**
 * Files on CloudBase storage: the client uploads to `tipoff/<uploadKey>/<random>.<ext>`, the folder key of one
 * submission (user.uploadKey), so the path itself says which submission of whom it belongs to; the file must
 * also exist in this environment.
 */
export function cloudFiles(secret: string): FileAccess {
  return {
    async assertOwned(openid, fileIds, scope, field = 'photos') {
      const unique = [...new Set(fileIds)];
      if (unique.length === 0) return;
      const env = currentEnv();
      const key = uploadKey(openid, secret, scope);
      if (!unique.every((id) => isOwnCloudFile(id, env, key))) throw notOwnedFile(field);
      const found = await tempUrls(unique, 60);
      if (unique.some((id) => !found[id])) throw notOwnedFile(field);
    },
    urls: (fileIds) => tempUrls(fileIds, URL_MAX_AGE_SECONDS),
    // Server-written files (the monthly workbook): `reports/…` with a random part; clients upload only under
    // `tipoff/<uploadKey>/`, and the storage rules keep every file private (read through temp URLs only).
    async store(cloudPath, bytes) {
      const res = await cloud.uploadFile({ cloudPath, fileContent: bytes });
      if (!res?.fileID) throw new Error(`uploadFile: no fileID for ${cloudPath}`);
      return res.fileID;
    },
  };
}

/** security.mediaCheckAsync v2 for one image; its result arrives at the `mediacheck` function. */
export function cloudMediaChecker(): MediaChecker {
  return {
    async request({ fileId, openid }) {
      // A URL of its own, longer-lived: WeChat fetches the image some time after the request.
      const url = (await tempUrls([fileId], CHECK_URL_MAX_AGE_SECONDS))[fileId];
      if (!url) throw new Error(`mediaCheckAsync: no temp URL for ${fileId}`);
      const res = await cloud.openapi.security.mediaCheckAsync({
        mediaUrl: url,
        mediaType: 2,
        version: 2,
        scene: PUBLIC_POST_SCENE,
        openid,
      });
      // The cloud call answers `traceId`; the HTTPS API `trace_id`.
      const traceId = res?.traceId ?? res?.trace_id;
      if (typeof traceId !== 'string' || !traceId) throw new Error('mediaCheckAsync: no trace id in the answer');
      return traceId;
    },
  };
}

/** A subscribe message `thing` field takes at most 20 characters. */
const thing = (text: string) => Array.from(text).slice(0, 20).join('');

/** The subscribe message's fields for a status change (template id in SUBSCRIBE_TMPL_STATUS). */
export function statusMessageData(event: StatusChangedEvent) {
  return {
    character_string1: { value: event.no },
    // A phrase field takes at most 5 characters: the status label fits, a cut title would not read.
    phrase2: { value: STATUS_LABELS[event.status as TipoffStatus] ?? '状态更新' },
    // The step's title (e.g. 已责令整改), which fits; the body starts with the case number and would be cut.
    thing3: { value: thing(event.title) },
    time4: { value: event.at.slice(0, 16).replace('T', ' ') },
  };
}

/** WeChat's answer when the user has no subscription left for the template (or refused it). */
export const NO_CONSENT_ERRCODE = 43101;

/** Why a subscribeMessage.send failed, for the case's record: 43101 is no consent, anything else a failure. */
export function sendFailure(e: unknown): Extract<NotifyOutcome, { result: 'failed' }> {
  const raw = (e as { errCode?: unknown } | null)?.errCode;
  const errCode =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
  return {
    result: 'failed',
    reason: errCode === NO_CONSENT_ERRCODE ? 'no-consent' : 'failed',
    ...(errCode !== undefined ? { errCode } : {}),
  };
}

/**
 * The subscribe message on each status change, when the reporter consented (template id in
 * SUBSCRIBE_TMPL_STATUS). Says what became of it: the core records a failure on the case (core/notify.ts),
 * without the openid. 43101 (no consent left) is normal: the in-app message is already written.
 */
export function statusNotifier(db: Database, secret: string): NonNullable<CoreDeps['notifier']> {
  return {
    async statusChanged(event: StatusChangedEvent): Promise<NotifyOutcome> {
      const template = process.env.SUBSCRIBE_TMPL_STATUS;
      if (!template) return { result: 'skipped' };
      const { data } = await db
        .collection<ReporterIdentityDoc>(REPORTER_IDENTITIES)
        .where({ _id: event.tipoffId })
        .limit(1)
        .get();
      if (!data[0]) return { result: 'skipped' };
      // Only the platform uses the openid, to address the message; no person reads it.
      const { openid } = openIdentity(data[0].sealed, event.tipoffId, secret);
      // A report recorded from another channel (queue.record) has nobody in the app to tell.
      if (!openid) return { result: 'skipped' };
      try {
        await cloud.openapi.subscribeMessage.send({
          touser: openid,
          templateId: template,
          page: `pages/tipoff/detail/index?id=${event.tipoffId}`,
          data: statusMessageData(event),
        });
        return { result: 'sent' };
      } catch (e) {
        const failure = sendFailure(e);
        if (failure.reason !== 'no-consent') log('subscribeMessage.send failed', e);
        return failure;
      }
    },
  };
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
    files: cloudFiles(secret),
    media: cloudMediaChecker(),
    notifier: statusNotifier(db, secret),
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
    // The SLA and names as 安委办 keeps them now (core/town-store.ts), as dispatch gives every action.
    return job({ ...deps, town: await loadTown(deps.db, deps.town) });
  };
}

/** Callers that are people: a mini-program, DevTools, or the HTTP API (getWXContext().SOURCE, first hop). */
const PERSON_SOURCES = new Set(['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_http']);

/**
 * The 消息推送 entry for security.mediaCheckAsync results (`Event: 'wxa_media_check'`). A push carries the
 * user's openid in FromUserName (and may in the context), so the caller's identity cannot tell it apart;
 * the call's source can: a mini-program's callFunction is `wx_client` and also brings `userInfo`.
 */
export function mediaCheckMain() {
  return async (event: unknown) => {
    const { SOURCE } = cloud.getWXContext();
    const firstHop = String(SOURCE ?? '').split(',')[0];
    const fromPerson =
      PERSON_SOURCES.has(firstHop) || (!!event && typeof event === 'object' && 'userInfo' in (event as object));
    if (fromPerson) return { ok: false, error: { code: 'FORBIDDEN', message: '无权进行此操作' } };
    const deps = productionDeps();
    if (!deps) return MISCONFIGURED;
    const outcome = await handleMediaCheckEvent(deps, event);
    if (!outcome.handled) log('media check push not applied', outcome.reason);
    // The push expects `success`; anything else makes WeChat send it again.
    return 'success';
  };
}

/**
 * The Open311 export behind CloudBase HTTP access (云函数 HTTP 访问服务, path `/open311`): the platform hands
 * the 集成请求 `{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }` and turns the
 * 集成响应 `{ statusCode, headers, body, isBase64Encoded }` back into HTTP. No caller identity is read: the data
 * is public (core/open311.ts says what that is).
 */
export function open311Main() {
  return async (event: unknown) => {
    const reply = (r: Open311HttpResponse) => ({
      statusCode: r.status,
      headers: r.headers,
      body: r.body,
      isBase64Encoded: false,
    });
    const req = fromIntegrationRequest(event);
    if (!req) return reply(open311Fail(400, '请通过 HTTP 访问 /open311/v2/…'));
    const deps = productionDeps();
    if (!deps) return reply(open311Fail(500, '服务未配置完成'));
    try {
      return reply(await serveOpen311(deps, req));
    } catch (e) {
      log('open311 failed', e);
      return reply(open311Fail(500, '服务暂时不可用，请稍后重试'));
    }
  };
}
