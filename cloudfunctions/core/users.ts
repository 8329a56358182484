import type { Role } from '../../types';
import type { Database } from './db';

export interface UserDoc {
  _id: string; // the openid
  roles: Role[];
  /** The name given when binding an invite code: what the department or enterprise sees. */
  displayName?: string;
  /** HMAC of the openid (roles.ts personId): the id people lists carry instead of the openid. */
  personId?: string;
  departmentId?: string;
  enterpriseId?: string;
  /** When the person first gained a role beyond resident (kept while any remains): the people list's order. */
  since?: string;
  /** The privacy notice version the person agreed to, and when (user.consent; issue 8). */
  privacyConsent?: { version: number; at: string };
  createdAt: string;
}

export const USERS = 'users';

/**
 * people.revoke finds a person by personId; people.list lists those holding a role (`since` set), newest first,
 * by department or enterprise. `roles` is an array (the local engine indexes scalars only): the role filter is
 * checked on the rows these indexes return.
 */
export const USER_INDEXES: string[][] = [
  ['personId'],
  ['since', '_id'],
  ['departmentId', 'since', '_id'],
  ['enterpriseId', 'since', '_id'],
  // training.coverage: everyone linked to an enterprise, in _id pages.
  ['enterpriseId', '_id'],
  // admin.audits: the log filtered by a person's name.
  ['displayName'],
];

export async function findUser(db: Database, openid: string): Promise<UserDoc | null> {
  const { data } = await db.collection<UserDoc>(USERS).where({ _id: openid }).limit(1).get();
  return data[0] ?? null;
}

/** Anyone who opens the mini-program is a resident until an invite code grants more. */
export function newResident(openid: string, createdAt: string): UserDoc {
  return { _id: openid, roles: ['resident'], createdAt };
}

export function hasAnyRole(user: Pick<UserDoc, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
