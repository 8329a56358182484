import { ZodError, type z } from 'zod';
import type { Envelope } from '../../types';
import type { CoreDeps } from './deps';
import { accessRule, NO_ROW, ROLE_DENIED } from './access';
import { AppError, forbidden, invalidInput } from './errors';
import { assertSafeInput } from './safe-input';
import { findUser, hasAnyRole, newResident, type UserDoc } from './users';
import { isoTown } from './time';
import { loadTown } from './town-store';

export interface ActionContext extends CoreDeps {
  openid: string;
  /** Loaded from the database on every call: roles are never taken from the client. */
  user: UserDoc;
  /** True when this call created the user record (first visit). */
  isNewUser: boolean;
}

/** Who may call an action is not here but in access.ts, the one role × action table. */
export interface ActionDef<S extends z.ZodTypeAny = z.ZodTypeAny, R = unknown> {
  input: S;
  run(ctx: ActionContext, input: z.output<S>): Promise<R>;
}

export function action<S extends z.ZodTypeAny, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def;
}

/** The function's name on a table of actions: dispatch needs it to find the rows of access.ts. */
export const FUNCTION_NAME: unique symbol = Symbol('functionName');

/** A cloud function is a table of named actions. */
export type FunctionDef = Record<string, ActionDef> & { readonly [FUNCTION_NAME]?: string };

/** Names a function's action table (not enumerable: the keys stay the action names). */
export function defineFunction(name: string, actions: Record<string, ActionDef>): FunctionDef {
  return Object.defineProperty(actions, FUNCTION_NAME, { value: name, enumerable: false }) as FunctionDef;
}

/** Keys the platform adds to `event` that are not the caller's input. */
const PLATFORM_KEYS = new Set(['action', 'userInfo', 'tcbContext']);

function splitEvent(event: unknown): { action: unknown; input: Record<string, unknown> } {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return { action: undefined, input: {} };
  // No prototype: a key can only ever be a key (see safe-input.ts for why `__proto__` is refused anyway).
  const input: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(event)) if (!PLATFORM_KEYS.has(k)) input[k] = v;
  return { action: (event as Record<string, unknown>).action, input };
}

/**
 * Runs one call: identity → action lookup → role check (access.ts) → input validation → the action.
 * Roles come before the input, so a refused caller learns nothing about an action's input and is
 * refused whatever they send. Every failure becomes an `{ ok: false }` envelope; nothing is written
 * before validation passes.
 */
export async function dispatch(
  fn: FunctionDef,
  event: unknown,
  openid: string | undefined,
  deps: CoreDeps,
): Promise<Envelope<unknown>> {
  const result = await answer(fn, event, openid, deps);
  deps.onDispatch?.({ fn: fn[FUNCTION_NAME], event, openid, result });
  return result;
}

async function answer(
  fn: FunctionDef,
  event: unknown,
  openid: string | undefined,
  deps: CoreDeps,
): Promise<Envelope<unknown>> {
  try {
    if (!openid) throw new AppError('UNAUTHENTICATED', '请先登录微信后再操作');
    const { action: name, input } = splitEvent(event);
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(fn, name)) {
      throw new AppError('NOT_FOUND', typeof name === 'string' ? `未知操作：${name}` : '缺少 action 参数');
    }
    const def = fn[name];
    // Fail closed: an unnamed function or an action without a row in the table is nobody's to call.
    const fnName = fn[FUNCTION_NAME];
    const rule = fnName === undefined ? undefined : accessRule(fnName, name);
    if (!rule) throw forbidden(NO_ROW);

    let user = await findUser(deps.db, openid);
    const isNewUser = !user;
    // Unknown callers are residents; the record itself is created by user.login, not on every read.
    user ??= newResident(openid, isoTown(deps.now()));
    if (!hasAnyRole(user, rule.roles)) throw forbidden(ROLE_DENIED);

    assertSafeInput(input);
    const parsed = def.input.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error);

    // The town under its current config versions (town-store.ts; deps.town is the shipped seed and fallback).
    const town = await loadTown(deps.db, deps.town);
    const data = await def.run({ ...deps, town, openid, user, isNewUser }, parsed.data);
    return { ok: true, data };
  } catch (err) {
    if (err instanceof AppError) {
      return {
        ok: false,
        error: {
          code: err.code,
          message: err.message,
          ...(err.issues ? { issues: err.issues } : {}),
          ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
        },
      };
    }
    if (err instanceof ZodError) {
      const e = invalidInput(err);
      return { ok: false, error: { code: e.code, message: e.message, issues: e.issues } };
    }
    deps.log?.('internal error', err);
    return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } };
  }
}
