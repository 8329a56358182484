// Invite codes (issue 7): the only way a person gains a role. Pure rules here; the actions in actions/people.ts
// and actions/user.ts (bind) read and write the documents.
import { createHmac, randomInt } from 'node:crypto';
import { INVITE_ALPHABET, INVITE_ROLE_LABELS, type InviteRole, type InviteState, type Role } from '../../types';
import type { EnterpriseDoc } from './enterprises';
import { AppError, conflict, forbidden, notFound } from './errors';
import type { RoleGrant } from './roles';

export const INVITES = 'invites';

/** bind finds a code by its hash; people.invites lists the issuer's (or, for 安委办, all, by status) newest first. */
export const INVITE_INDEXES: string[][] = [
  ['codeHash'],
  ['createdBy', 'createdAt', '_id'],
  ['status', 'createdAt', '_id'],
  ['createdAt', '_id'],
];

/**
 * Where an invite stands for queries (the invites list filters on it): `open` until it is revoked or its
 * last use is taken. Expiry is a matter of time, so it is never stored: `inviteState` adds it.
 */
export type InviteStatus = 'open' | 'revoked' | 'usedUp';

export interface InviteDoc {
  _id: string;
  /** HMAC of the normalised code (inviteCodeHash): the code itself is never stored. */
  codeHash: string;
  role: InviteRole;
  departmentId?: string;
  enterpriseId?: string;
  uses: number;
  used: number;
  status: InviteStatus;
  expiresAt: string;
  revokedAt?: string;
  /** The openid of who revoked it (server side only). */
  revokedBy?: string;
  note?: string;
  /** The code's last two characters, so an issuer can tell their codes apart. */
  codeHint: string;
  /** The issuer's openid (server side only: lists show createdByName). */
  createdBy: string;
  createdByName: string;
  createdAt: string;
}

/**
 * Guessing: 8 characters of a 31-letter alphabet are 31^8 ≈ 8.5 × 10^11 codes. `user.bind` counts every attempt,
 * wrong ones included, at 10 an hour and 20 a day per WeChat identity (config/town/limits.json `bind`). With
 * even 1 000 codes active at once, one guess hits one of them with odds 1000 / 8.5e11 ≈ 1.2 × 10^-9, so a day's
 * 20 guesses ≈ 2.3 × 10^-8, and a year of them from one identity ≈ 8.6 × 10^-6; a million identities guessing
 * for a year would still expect under 9 hits among a thousand codes that each expire within 90 days.
 */
export const INVITE_CODE_LENGTH = 8;

/** A fresh code: 8 characters of INVITE_ALPHABET from the crypto random source, normalised (no dash). */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/** `ABCDEFGH` → `ABCD-EFGH`: how a code is shown and read aloud. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The stored form of a normalised code (types/people.ts InviteCode): an HMAC with its own label. */
export function inviteCodeHash(code: string, secret: string): string {
  return createHmac('sha256', secret).update(`invite:${code}`).digest('hex');
}

/**
 * Where an invite stands at `now`: revoked, then used up, then expired (from the instant `expiresAt` on),
 * else active.
 */
export function inviteState(
  invite: Pick<InviteDoc, 'revokedAt' | 'uses' | 'used' | 'expiresAt'>,
  now: Date,
): InviteState {
  if (invite.revokedAt) return 'revoked';
  if (invite.used >= invite.uses) return 'usedUp';
  if (now.getTime() >= new Date(invite.expiresAt).getTime()) return 'expired';
  return 'active';
}

/** What a person binding a code that is no longer active is told (user.bind). */
export function bindRefusal(state: Exclude<InviteState, 'active'>): AppError {
  switch (state) {
    case 'expired':
      return new AppError('EXPIRED', '邀请码已过期，请联系发放人重新获取');
    case 'usedUp':
      return conflict('邀请码已被使用完，请联系发放人重新获取');
    case 'revoked':
      return conflict('邀请码已作废');
  }
}

export const WRONG_CODE = '邀请码不正确，请核对后重试';

/** Who is issuing: their roles and their own department and enterprise, from the database. */
export interface Issuer {
  roles: readonly Role[];
  departmentId?: string;
  enterpriseId?: string;
}

export interface IssueRequest {
  role: InviteRole;
  departmentId?: string;
  enterpriseId?: string;
}

/** What the rules need to look up: the town's departments and the named enterprise (null when none or missing). */
export interface IssueLookups {
  departmentExists(code: string): boolean;
  safetyOfficeCode: string;
  enterprise: Pick<EnterpriseDoc, '_id' | 'status'> | null;
}

const invalid = (message: string) => new AppError('INVALID_INPUT', message);

/**
 * Who may issue what (issue 7): 安委办 (admin; leaders are admins too) any code for any department or
 * enterprise; a department head only `staff` codes for their own department; an enterprise's safety manager
 * only `worker` codes for their own enterprise, and only once 安委办 has approved it. Returns the grant the
 * code will carry (the department or enterprise filled in where the issuer's own is implied), or throws.
 */
export function checkIssue(issuer: Issuer, req: IssueRequest, lookups: IssueLookups): RoleGrant {
  const label = INVITE_ROLE_LABELS[req.role];
  if (issuer.roles.includes('admin')) return grantFor(req, lookups);

  if (issuer.roles.includes('head') && req.role === 'staff') {
    if (!issuer.departmentId) throw forbidden('您尚未归属部门，不能发放邀请码');
    if (req.enterpriseId) throw invalid('部门工作人员邀请码不能指定企业');
    if (req.departmentId && req.departmentId !== issuer.departmentId) {
      throw forbidden('部门负责人只能为本部门发放工作人员邀请码');
    }
    return grantFor({ ...req, departmentId: issuer.departmentId }, lookups);
  }

  if (issuer.roles.includes('safetyManager') && req.role === 'worker') {
    if (!issuer.enterpriseId) throw forbidden('您尚未归属企业，不能发放邀请码');
    if (req.departmentId) throw invalid('从业人员邀请码不能指定部门');
    if (req.enterpriseId && req.enterpriseId !== issuer.enterpriseId) {
      throw forbidden('企业安全管理人员只能为本企业发放从业人员邀请码');
    }
    if (lookups.enterprise?._id !== issuer.enterpriseId || lookups.enterprise.status !== 'active') {
      throw forbidden('本企业尚未通过镇安委办审核（或已关闭），暂不能发放邀请码');
    }
    return grantFor({ ...req, enterpriseId: issuer.enterpriseId }, lookups);
  }

  if (issuer.roles.includes('head')) throw forbidden(`部门负责人只能发放部门工作人员邀请码，不能发放“${label}”`);
  if (issuer.roles.includes('safetyManager')) {
    throw forbidden(`企业安全管理人员只能发放本企业从业人员邀请码，不能发放“${label}”`);
  }
  throw forbidden('您的身份不能发放邀请码');
}

/** The grant a code of `req.role` carries, with its department or enterprise checked. */
function grantFor(req: IssueRequest, lookups: IssueLookups): RoleGrant {
  switch (req.role) {
    case 'staff':
    case 'head': {
      if (req.enterpriseId) throw invalid('部门人员邀请码不能指定企业');
      if (!req.departmentId) throw invalid('请选择部门');
      if (!lookups.departmentExists(req.departmentId)) throw invalid('部门不存在，请重新选择');
      return { role: req.role, departmentId: req.departmentId };
    }
    case 'admin':
    case 'leader': {
      if (req.enterpriseId) throw invalid('镇安委办人员邀请码不能指定企业');
      if (req.departmentId && req.departmentId !== lookups.safetyOfficeCode) {
        throw invalid('镇安委办人员邀请码只属于镇安委办，不能指定其他部门');
      }
      return { role: req.role, departmentId: lookups.safetyOfficeCode };
    }
    case 'safetyManager': {
      if (req.departmentId) throw invalid('企业人员邀请码不能指定部门');
      if (!req.enterpriseId) return { role: 'safetyManager' };
      if (lookups.enterprise?._id !== req.enterpriseId) throw notFound('企业不存在');
      // A pending registration already has its manager (who registered it); more come once it is approved.
      if (lookups.enterprise.status !== 'active') throw conflict(ENTERPRISE_NOT_ACTIVE);
      return { role: 'safetyManager', enterpriseId: req.enterpriseId };
    }
    case 'worker': {
      if (req.departmentId) throw invalid('企业人员邀请码不能指定部门');
      if (!req.enterpriseId) throw invalid('请选择企业');
      if (lookups.enterprise?._id !== req.enterpriseId) throw notFound('企业不存在');
      if (lookups.enterprise.status !== 'active') throw conflict(ENTERPRISE_NOT_ACTIVE);
      return { role: 'worker', enterpriseId: req.enterpriseId };
    }
  }
}

const ENTERPRISE_NOT_ACTIVE = '该企业尚未通过审核或已注销，不能发放企业人员邀请码';

/**
 * Whether the person who issued `invite` could still issue it now (user.bind checks this when the code is used):
 * a code dies with its issuer's right to issue it — a head moved out of the department, a manager taken off the
 * enterprise, an officer whose role was revoked, an enterprise no longer active.
 */
export function issuerStillEntitled(
  issuer: Issuer | null,
  invite: Pick<InviteDoc, 'role' | 'departmentId' | 'enterpriseId'>,
  lookups: IssueLookups,
): boolean {
  if (!issuer) return false;
  try {
    checkIssue(
      issuer,
      {
        role: invite.role,
        ...(invite.departmentId ? { departmentId: invite.departmentId } : {}),
        ...(invite.enterpriseId ? { enterpriseId: invite.enterpriseId } : {}),
      },
      lookups,
    );
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

/** A multi-use worker code (a notice-board QR) makes a join request for the manager; a single-use one grants. */
export function waitsForManager(invite: Pick<InviteDoc, 'role' | 'uses'>): boolean {
  return invite.role === 'worker' && invite.uses > 1;
}
