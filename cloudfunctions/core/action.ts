import { ZodError, type z } from 'zod';
import type { Envelope, Role } from '../../types';
import type { CoreDeps } from './deps';
import { AppError, forbidden, invalidInput } from './errors';
import { findUser, hasAnyRole, newResident, type UserDoc } from './users';
import { isoTown } from './time';

export interface ActionContext extends CoreDeps {
  openid: string;
  /** Loaded from the database on every call: roles are never taken from the client. */
  user: UserDoc;
  /** True when this call created the user record (first visit). */
  isNewUser: boolean;
}

export interface ActionDef<S extends z.ZodTypeAny = z.ZodTypeAny, R = unknown> {
  input: S;
  /** Roles allowed to call; omitted means any signed-in user. */
  roles?: readonly Role[];
  run(ctx: ActionContext, input: z.output<S>): Promise<R>;
}

export function action<S extends z.ZodTypeAny, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def;
}

/** A cloud function is a table of named actions. */
export type FunctionDef = Record<string, ActionDef>;

/** Keys the platform adds to `event` that are not the caller's input. */
const PLATFORM_KEYS = new Set(['action', 'userInfo', 'tcbContext']);

function splitEvent(event: unknown): { action: unknown; input: Record<string, unknown> } {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return { action: undefined, input: {} };
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) if (!PLATFORM_KEYS.has(k)) input[k] = v;
  return { action: (event as Record<string, unknown>).action, input };
}

/**
 * Runs one call: identity → action lookup → input validation → role check → the action.
 * Every failure becomes an `{ ok: false }` envelope; nothing is written before validation passes.
 */
export async function dispatch(
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
    const parsed = def.input.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error);

    let user = await findUser(deps.db, openid);
    const isNewUser = !user;
    // Unknown callers are residents; the record itself is created by user.login, not on every read.
    user ??= newResident(openid, isoTown(deps.now()));
    if (def.roles && !hasAnyRole(user, def.roles)) throw forbidden();

    const data = await def.run({ ...deps, openid, user, isNewUser }, parsed.data);
    return { ok: true, data };
  } catch (err) {
    if (err instanceof AppError) {
      return {
        ok: false,
        error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) },
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
