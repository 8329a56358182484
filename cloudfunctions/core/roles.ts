import { createHmac } from 'node:crypto';
import type { InviteRole, Role } from '../../types';
import { conflict } from './errors';
import type { UserDoc } from './users';

/** The roles each invite grant brings (types/people.ts INVITE_ROLES); `resident` is everyone's already. */
export const GRANTED_ROLES: Record<InviteRole, readonly Role[]> = {
  staff: ['staff'],
  head: ['staff', 'head'],
  admin: ['staff', 'admin'],
  leader: ['staff', 'head', 'admin', 'leader'],
  safetyManager: ['worker', 'safetyManager'],
  worker: ['worker'],
};

/** Taking a role away also takes what stands on it (a head without `staff` would be nonsense). */
export const REVOKED_WITH: Record<Exclude<Role, 'resident'>, readonly Role[]> = {
  staff: ['staff', 'head', 'admin', 'leader'],
  head: ['head', 'leader'],
  admin: ['admin', 'leader'],
  leader: ['leader'],
  worker: ['worker', 'safetyManager'],
  safetyManager: ['safetyManager'],
};

export interface RoleGrant {
  role: InviteRole;
  departmentId?: string;
  enterpriseId?: string;
}

const DEPARTMENT_ROLES: readonly Role[] = ['staff', 'head', 'admin', 'leader'];
const ENTERPRISE_ROLES: readonly Role[] = ['worker', 'safetyManager'];

/**
 * The user after a grant (pure: the caller writes it). A person belongs to one department and one
 * enterprise at most: a grant for another one is refused until 安委办 (or the enterprise) removes the old
 * role; a grant the person already holds is refused too, so a used code is not wasted silently.
 */
export function applyGrant(user: UserDoc, grant: RoleGrant): UserDoc {
  const adds = GRANTED_ROLES[grant.role];
  if (grant.departmentId && user.departmentId && user.departmentId !== grant.departmentId) {
    throw conflict('您已是其他部门的人员，请先由镇安委办解除原身份');
  }
  if (grant.enterpriseId && user.enterpriseId && user.enterpriseId !== grant.enterpriseId) {
    throw conflict('您已是其他企业的人员，请先由原企业或镇安委办解除');
  }
  if (adds.every((r) => user.roles.includes(r))) throw conflict('您已拥有该身份，无需重复绑定');
  // Being an enterprise's safety manager means being listed among its managers (a manager code for it, or
  // registering it): a free manager code (for registering a new enterprise) must not make a worker the manager
  // of the enterprise they work in, nor may a holder of one join an enterprise as a worker and so manage it.
  if (grant.role === 'safetyManager' && !grant.enterpriseId && user.enterpriseId) {
    throw conflict(
      '您已是企业的人员，不能用登记新企业的邀请码；如需成为本企业安全管理人员，请向镇安委办索取本企业的邀请码',
    );
  }
  if (grant.role === 'worker' && user.roles.includes('safetyManager') && !user.enterpriseId) {
    throw conflict('您持有登记新企业的安全管理人员身份，不能再以从业人员加入企业；请先登记企业或由镇安委办解除该身份');
  }
  const roles = [...new Set<Role>(['resident', ...user.roles, ...adds])];
  return {
    ...user,
    roles,
    ...(grant.departmentId ? { departmentId: grant.departmentId } : {}),
    ...(grant.enterpriseId ? { enterpriseId: grant.enterpriseId } : {}),
  };
}

/** The user after losing `role` (and what stands on it); the department or enterprise goes with its last role. */
export function removeRole(user: UserDoc, role: Exclude<Role, 'resident'>): UserDoc {
  const gone = REVOKED_WITH[role];
  const roles = user.roles.filter((r) => !gone.includes(r));
  const next: UserDoc = { ...user, roles: roles.includes('resident') ? roles : ['resident', ...roles] };
  if (!roles.some((r) => DEPARTMENT_ROLES.includes(r))) delete next.departmentId;
  if (!roles.some((r) => ENTERPRISE_ROLES.includes(r))) delete next.enterpriseId;
  return next;
}

/**
 * The id a person is listed under (people list, an enterprise's workers): an HMAC of the openid, so lists and
 * the app never carry an openid, and one person has one id everywhere. Stored on the user doc as `personId`.
 */
export function personId(openid: string, secret: string): string {
  return 'p' + createHmac('sha256', secret).update(`person:${openid}`).digest('hex').slice(0, 23);
}
