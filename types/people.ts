import { z } from 'zod';
import { Paging } from './common';
import { CleanText } from './text';
import type { LoginResult, Role } from './user';

/**
 * What an invite code grants (DESIGN.md §4 `people.invite`). Each grant maps to the roles a person then holds:
 * staff → staff; head → staff + head; admin (安委办 经办人) → staff + admin; leader → staff + head + admin + leader;
 * safetyManager → worker + safetyManager; worker → worker. `resident` is never granted: everybody is one.
 */
export const INVITE_ROLES = ['staff', 'head', 'admin', 'leader', 'safetyManager', 'worker'] as const;
export const InviteRole = z.enum(INVITE_ROLES);
export type InviteRole = z.infer<typeof InviteRole>;

export const INVITE_ROLE_LABELS: Record<InviteRole, string> = {
  staff: '部门工作人员',
  head: '部门负责人',
  admin: '镇安委办 经办人',
  leader: '镇安委办 领导',
  safetyManager: '企业安全管理人员',
  worker: '企业从业人员',
};

/** Plain words for every role a person can hold (我的 page, people list). */
export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  worker: '企业从业人员',
  safetyManager: '企业安全管理人员',
  staff: '部门工作人员',
  head: '部门负责人',
  admin: '镇安委办 经办人',
  leader: '镇安委办 领导',
};

/**
 * An invite code as typed: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
 * `ABCD-EFGH`. Spaces, dashes and lower case are accepted and normalised, so a code read aloud still works.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const InviteCode = z
  .string()
  .max(32, '邀请码格式不对')
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${INVITE_ALPHABET}]{8}$`), '邀请码是 8 位字母和数字，请核对'));

export const PersonName = CleanText(1, 20, { min: '请填写姓名', max: '姓名不超过 20 字' }, { singleLine: true });

export const InviteInput = z
  .object({
    role: InviteRole,
    /** staff / head: the department (a head may only give their own). */
    departmentId: z.string().min(1).max(64).optional(),
    /** worker: required; safetyManager: optional (without one, the manager registers a new enterprise). */
    enterpriseId: z.string().min(1).max(64).optional(),
    /** How many people may use it: 1 for one person, more for a notice board. */
    uses: z.number().int('次数应为整数').min(1, '至少 1 次').max(500, '最多 500 次'),
    expiresInDays: z.number().int('天数应为整数').min(1, '至少 1 天').max(90, '最长 90 天'),
    /** A note for the issuer's own list ("张三", "三车间公告栏"). */
    note: CleanText(0, 40, { min: '', max: '备注不超过 40 字' }, { singleLine: true }).optional(),
  })
  .strict();
export type InviteInput = z.input<typeof InviteInput>;

export interface InviteResult {
  id: string;
  /** The code in clear, shown once: only its hash is stored. Formatted `ABCD-EFGH`. */
  code: string;
  expiresAt: string;
}

export type InviteState = 'active' | 'expired' | 'usedUp' | 'revoked';
export const INVITE_STATE_LABELS: Record<InviteState, string> = {
  active: '可使用',
  expired: '已过期',
  usedUp: '已用完',
  revoked: '已作废',
};

/** An invite as its issuer (or 安委办) lists it: never the code itself, only its last two characters. */
export interface InviteSummary {
  id: string;
  role: InviteRole;
  roleLabel: string;
  departmentId?: string;
  departmentName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  codeHint: string;
  uses: number;
  used: number;
  state: InviteState;
  note?: string;
  createdAt: string;
  expiresAt: string;
  createdByName: string;
}

export const InvitesInput = Paging.extend({
  state: z.enum(['active', 'expired', 'usedUp', 'revoked']).optional(),
}).strict();
export const RevokeInviteInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const BindInput = z
  .object({
    code: InviteCode,
    /** The name the department or enterprise will see (required for every role but a resident). */
    name: PersonName,
  })
  .strict();
export type BindInput = z.input<typeof BindInput>;

/** `user.bind`: the login result after the grant, or a join waiting for the enterprise's manager. */
export type BindResult = LoginResult & { granted: InviteRole; pending?: boolean; message: string };

export const PeopleListInput = Paging.extend({
  role: z.enum(['worker', 'safetyManager', 'staff', 'head', 'admin', 'leader']).optional(),
  departmentId: z.string().min(1).max(64).optional(),
  enterpriseId: z.string().min(1).max(64).optional(),
}).strict();

/** A person as 安委办 lists them: an opaque id, never the openid's raw form in the UI. */
export interface PersonSummary {
  id: string;
  name: string;
  roles: Role[];
  roleLabels: string[];
  departmentId?: string;
  departmentName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  since: string;
}

/** Take one role away (the person keeps `resident`); their next call already runs without it. */
export const RevokeRoleInput = z
  .object({
    id: z.string().min(1).max(64),
    role: z.enum(['worker', 'safetyManager', 'staff', 'head', 'admin', 'leader']),
    reason: CleanText(2, 100, { min: '请填写原因', max: '原因不超过 100 字' }, { singleLine: true }),
  })
  .strict();
