// Each invite rule on its own boundary, with the words a person is shown (invites.test.ts has the overview).
import { createHmac } from 'node:crypto';
import { INVITE_ALPHABET } from '../../types';
import {
  checkIssue,
  formatInviteCode,
  INVITE_CODE_LENGTH,
  INVITE_INDEXES,
  inviteCodeHash,
  INVITES,
  inviteState,
  issuerStillEntitled,
  newInviteCode,
  waitsForManager,
  WRONG_CODE,
  type IssueLookups,
  type Issuer,
  type IssueRequest,
} from './invites';

const admin: Issuer = { roles: ['resident', 'staff', 'admin'], departmentId: 'AWB' };
const head: Issuer = { roles: ['resident', 'staff', 'head'], departmentId: 'CJ' };
const manager: Issuer = { roles: ['resident', 'worker', 'safetyManager'], enterpriseId: 'E1' };
const lookups = (enterprise: IssueLookups['enterprise'] = { _id: 'E1', status: 'active' }): IssueLookups => ({
  departmentExists: (c) => ['AWB', 'CJ', 'XF'].includes(c),
  safetyOfficeCode: 'AWB',
  enterprise,
});
/** The code and the words of what checkIssue throws, or the grant. */
const refusal = (issuer: Issuer, req: IssueRequest, l: IssueLookups = lookups()) => {
  try {
    return checkIssue(issuer, req, l);
  } catch (e) {
    const { code, message } = e as { code: string; message: string };
    return { code, message };
  }
};

describe('the stored form', () => {
  it('keeps codes in the invites collection, found by hash, listed newest first', () => {
    expect(INVITES).toBe('invites');
    expect(INVITE_INDEXES).toEqual([
      ['codeHash'],
      ['createdBy', 'createdAt', '_id'],
      ['status', 'createdAt', '_id'],
      ['createdAt', '_id'],
    ]);
  });

  it('hashes "invite:" and the code with the secret (codes already issued must still be found)', () => {
    expect(inviteCodeHash('ABCDEFGH', 's1')).toBe(createHmac('sha256', 's1').update('invite:ABCDEFGH').digest('hex'));
  });

  it('makes codes of exactly 8 alphabet characters, every character of the alphabet in use', () => {
    expect(INVITE_CODE_LENGTH).toBe(8);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const code = newInviteCode();
      expect(code).toHaveLength(8);
      for (const c of code) seen.add(c);
    }
    expect([...seen].sort().join('')).toBe([...INVITE_ALPHABET].sort().join(''));
    expect(formatInviteCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(WRONG_CODE).toBe('邀请码不正确，请核对后重试');
  });
});

describe('inviteState boundaries', () => {
  const now = new Date('2026-12-01T10:00:00+08:00');
  it('is used up one use early only when used has reached uses; a revoked code is revoked even when unused', () => {
    expect(inviteState({ uses: 1, used: 0, expiresAt: '2026-12-02T00:00:00+08:00' }, now)).toBe('active');
    expect(inviteState({ uses: 1, used: 1, expiresAt: '2026-12-02T00:00:00+08:00' }, now)).toBe('usedUp');
    expect(inviteState({ uses: 1, used: 2, expiresAt: '2026-12-02T00:00:00+08:00' }, now)).toBe('usedUp');
    expect(
      inviteState(
        { uses: 5, used: 0, expiresAt: '2026-12-02T00:00:00+08:00', revokedAt: '2026-12-01T09:00:00+08:00' },
        now,
      ),
    ).toBe('revoked');
  });

  it('expires at the exact instant written in another offset too', () => {
    const invite = { uses: 1, used: 0, expiresAt: '2026-12-01T02:00:00Z' }; // = 10:00 in the town
    expect(inviteState(invite, now)).toBe('expired');
    expect(inviteState(invite, new Date(now.getTime() - 1))).toBe('active');
  });

  it('sends a multi-use code to the manager only for workers', () => {
    expect(waitsForManager({ role: 'safetyManager', uses: 2 })).toBe(false);
    expect(waitsForManager({ role: 'worker', uses: 0 })).toBe(false);
  });
});

describe('checkIssue: 安委办', () => {
  it('issues department codes only for a department that exists, without an enterprise', () => {
    expect(refusal(admin, { role: 'head' })).toEqual({ code: 'INVALID_INPUT', message: '请选择部门' });
    expect(refusal(admin, { role: 'head', departmentId: 'NOPE' })).toEqual({
      code: 'INVALID_INPUT',
      message: '部门不存在，请重新选择',
    });
    expect(refusal(admin, { role: 'head', departmentId: 'CJ', enterpriseId: 'E1' })).toEqual({
      code: 'INVALID_INPUT',
      message: '部门人员邀请码不能指定企业',
    });
  });

  it('issues 安委办 codes for the safety office only, named or implied, never with an enterprise', () => {
    expect(refusal(admin, { role: 'leader', departmentId: 'AWB' })).toEqual({ role: 'leader', departmentId: 'AWB' });
    expect(refusal(admin, { role: 'admin', departmentId: 'CJ' })).toEqual({
      code: 'INVALID_INPUT',
      message: '镇安委办人员邀请码只属于镇安委办，不能指定其他部门',
    });
    expect(refusal(admin, { role: 'leader', enterpriseId: 'E1' })).toEqual({
      code: 'INVALID_INPUT',
      message: '镇安委办人员邀请码不能指定企业',
    });
  });

  it('issues enterprise codes never with a department, for an enterprise that exists', () => {
    for (const role of ['safetyManager', 'worker'] as const) {
      expect(refusal(admin, { role, departmentId: 'CJ', enterpriseId: 'E1' })).toEqual({
        code: 'INVALID_INPUT',
        message: '企业人员邀请码不能指定部门',
      });
      // The lookup found another enterprise (or none): not found.
      expect(refusal(admin, { role, enterpriseId: 'E1' }, lookups({ _id: 'E2', status: 'active' }))).toEqual({
        code: 'NOT_FOUND',
        message: '企业不存在',
      });
      expect(refusal(admin, { role, enterpriseId: 'E1' }, lookups(null))).toEqual({
        code: 'NOT_FOUND',
        message: '企业不存在',
      });
    }
    expect(refusal(admin, { role: 'worker' })).toEqual({ code: 'INVALID_INPUT', message: '请选择企业' });
  });

  it('issues enterprise codes only for an active enterprise', () => {
    const words = { code: 'CONFLICT', message: '该企业尚未通过审核或已注销，不能发放企业人员邀请码' };
    for (const role of ['worker', 'safetyManager'] as const) {
      for (const status of ['pending', 'rejected', 'closed'] as const) {
        expect([role, status, refusal(admin, { role, enterpriseId: 'E1' }, lookups({ _id: 'E1', status }))]).toEqual([
          role,
          status,
          words,
        ]);
      }
    }
  });
});

describe('checkIssue: a department head', () => {
  it('needs a department of their own', () => {
    expect(refusal({ ...head, departmentId: undefined }, { role: 'staff' })).toEqual({
      code: 'FORBIDDEN',
      message: '您尚未归属部门，不能发放邀请码',
    });
  });

  it('names no enterprise and no other department', () => {
    expect(refusal(head, { role: 'staff', enterpriseId: 'E1' })).toEqual({
      code: 'INVALID_INPUT',
      message: '部门工作人员邀请码不能指定企业',
    });
    expect(refusal(head, { role: 'staff', departmentId: 'XF' })).toEqual({
      code: 'FORBIDDEN',
      message: '部门负责人只能为本部门发放工作人员邀请码',
    });
  });

  it('is told which role they may not issue', () => {
    expect(refusal(head, { role: 'head', departmentId: 'CJ' })).toEqual({
      code: 'FORBIDDEN',
      message: '部门负责人只能发放部门工作人员邀请码，不能发放“部门负责人”',
    });
  });

  it('still needs the department to exist (a department taken out of the town)', () => {
    const gone = { ...lookups(), departmentExists: () => false };
    expect(refusal(head, { role: 'staff' }, gone)).toEqual({
      code: 'INVALID_INPUT',
      message: '部门不存在，请重新选择',
    });
  });
});

describe('checkIssue: an enterprise safety manager', () => {
  it('needs an enterprise of their own', () => {
    expect(refusal({ ...manager, enterpriseId: undefined }, { role: 'worker' })).toEqual({
      code: 'FORBIDDEN',
      message: '您尚未归属企业，不能发放邀请码',
    });
  });

  it('names no department and no other enterprise', () => {
    expect(refusal(manager, { role: 'worker', departmentId: 'CJ' })).toEqual({
      code: 'INVALID_INPUT',
      message: '从业人员邀请码不能指定部门',
    });
    expect(refusal(manager, { role: 'worker', enterpriseId: 'E2' })).toEqual({
      code: 'FORBIDDEN',
      message: '企业安全管理人员只能为本企业发放从业人员邀请码',
    });
    expect(refusal(manager, { role: 'worker', enterpriseId: 'E1' })).toEqual({ role: 'worker', enterpriseId: 'E1' });
  });

  it('issues only once their own enterprise is found and active', () => {
    const words = { code: 'FORBIDDEN', message: '本企业尚未通过镇安委办审核（或已关闭），暂不能发放邀请码' };
    expect(refusal(manager, { role: 'worker' }, lookups(null))).toEqual(words);
    expect(refusal(manager, { role: 'worker' }, lookups({ _id: 'E2', status: 'active' }))).toEqual(words);
    expect(refusal(manager, { role: 'worker' }, lookups({ _id: 'E1', status: 'rejected' }))).toEqual(words);
  });

  it('is told which role they may not issue', () => {
    expect(refusal(manager, { role: 'safetyManager' })).toEqual({
      code: 'FORBIDDEN',
      message: '企业安全管理人员只能发放本企业从业人员邀请码，不能发放“企业安全管理人员”',
    });
  });
});

describe('issuerStillEntitled: a code dies with its issuer’s right to issue it', () => {
  it('holds while the issuer could issue the same code now, with its department or enterprise', () => {
    expect(issuerStillEntitled(head, { role: 'staff', departmentId: 'CJ' }, lookups())).toBe(true);
    expect(issuerStillEntitled(admin, { role: 'head', departmentId: 'XF' }, lookups())).toBe(true);
    expect(issuerStillEntitled(admin, { role: 'worker', enterpriseId: 'E1' }, lookups())).toBe(true);
    expect(issuerStillEntitled(manager, { role: 'worker', enterpriseId: 'E1' }, lookups())).toBe(true);
    expect(issuerStillEntitled(admin, { role: 'safetyManager' }, lookups(null))).toBe(true);
  });

  it('ends when the issuer is gone, moved, demoted, or the enterprise is no longer active', () => {
    expect(issuerStillEntitled(null, { role: 'staff', departmentId: 'CJ' }, lookups())).toBe(false);
    expect(issuerStillEntitled({ ...head, departmentId: 'XF' }, { role: 'staff', departmentId: 'CJ' }, lookups())).toBe(
      false,
    );
    expect(
      issuerStillEntitled(
        { roles: ['resident', 'staff'], departmentId: 'CJ' },
        { role: 'staff', departmentId: 'CJ' },
        lookups(),
      ),
    ).toBe(false);
    expect(
      issuerStillEntitled(manager, { role: 'worker', enterpriseId: 'E1' }, lookups({ _id: 'E1', status: 'closed' })),
    ).toBe(false);
  });

  it('lets an unexpected failure (a lookup that throws) through instead of calling it a refusal', () => {
    const broken = {
      ...lookups(),
      departmentExists: () => {
        throw new Error('db down');
      },
    };
    expect(() => issuerStillEntitled(admin, { role: 'staff', departmentId: 'CJ' }, broken)).toThrow('db down');
  });
});
