import type { LoginResult } from '../../types';
import { api } from '../services/api';
import { useRemote } from './useRemote';

let session: Promise<LoginResult> | undefined;

/** Signs in once per app launch (user.login) and shares the result between pages. */
export function loadSession(): Promise<LoginResult> {
  session ??= api.user.login().catch((e) => {
    session = undefined; // a failed login is retried on the next call
    throw e;
  });
  return session;
}

export function resetSession() {
  session = undefined;
}

export function useSession() {
  return useRemote(loadSession, []);
}

export const isStaff = (s: LoginResult | undefined) =>
  !!s?.roles.some((r) => r === 'staff' || r === 'head' || r === 'admin');
