import { INVITE_ALPHABET, InviteCode } from '../../types';
import {
  bindRefusal,
  checkIssue,
  formatInviteCode,
  inviteCodeHash,
  inviteState,
  newInviteCode,
  waitsForManager,
  type IssueLookups,
  type Issuer,
} from './invites';

const AT = '2026-12-05T10:00:00+08:00';
const invite = { uses: 1, used: 0, expiresAt: AT };

describe('invite codes', () => {
  it('are 8 characters of the alphabet, shown ABCD-EFGH, and typed back in any case or spacing', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newInviteCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`));
      const shown = formatInviteCode(code);
      expect(shown).toMatch(/^.{4}-.{4}$/);
      expect(InviteCode.parse(` ${shown.toLowerCase()} `)).toBe(code);
    }
  });

  it('are stored as an HMAC: the same code and secret give the same hash, another secret another one', () => {
    expect(inviteCodeHash('ABCDEFGH', 's1')).toBe(inviteCodeHash('ABCDEFGH', 's1'));
    expect(inviteCodeHash('ABCDEFGH', 's1')).not.toBe(inviteCodeHash('ABCDEFGH', 's2'));
    expect(inviteCodeHash('ABCDEFGH', 's1')).not.toContain('ABCDEFGH');
  });
});

describe('inviteState', () => {
  it('is active until the exact instant of expiresAt, expired from that instant on', () => {
    const t = new Date(AT).getTime();
    expect(inviteState(invite, new Date(t - 1))).toBe('active');
    expect(inviteState(invite, new Date(t))).toBe('expired');
    expect(inviteState(invite, new Date(t + 1))).toBe('expired');
  });

  it('is used up when used reaches uses, not before', () => {
    const now = new Date('2026-12-01T00:00:00+08:00');
    expect(inviteState({ ...invite, uses: 3, used: 2 }, now)).toBe('active');
    expect(inviteState({ ...invite, uses: 3, used: 3 }, now)).toBe('usedUp');
  });

  it('says revoked before anything else, then used up, then expired', () => {
    const late = new Date('2027-01-01T00:00:00+08:00');
    expect(inviteState({ ...invite, used: 1, revokedAt: AT }, late)).toBe('revoked');
    expect(inviteState({ ...invite, used: 1 }, late)).toBe('usedUp');
  });

  it('maps each refusal to its code and words', () => {
    expect(bindRefusal('expired')).toMatchObject({ code: 'EXPIRED', message: '邀请码已过期，请联系发放人重新获取' });
    expect(bindRefusal('usedUp')).toMatchObject({
      code: 'CONFLICT',
      message: '邀请码已被使用完，请联系发放人重新获取',
    });
    expect(bindRefusal('revoked')).toMatchObject({ code: 'CONFLICT', message: '邀请码已作废' });
  });

  it('sends multi-use worker codes to the manager, grants single-use ones and every other role at once', () => {
    expect(waitsForManager({ role: 'worker', uses: 2 })).toBe(true);
    expect(waitsForManager({ role: 'worker', uses: 1 })).toBe(false);
    expect(waitsForManager({ role: 'staff', uses: 50 })).toBe(false);
  });
});

describe('who may issue what (checkIssue)', () => {
  const admin: Issuer = { roles: ['resident', 'staff', 'admin'], departmentId: 'AWB' };
  const leader: Issuer = { roles: ['resident', 'staff', 'head', 'admin', 'leader'], departmentId: 'AWB' };
  const head: Issuer = { roles: ['resident', 'staff', 'head'], departmentId: 'CJ' };
  const staff: Issuer = { roles: ['resident', 'staff'], departmentId: 'CJ' };
  const manager: Issuer = { roles: ['resident', 'worker', 'safetyManager'], enterpriseId: 'E1' };
  const worker: Issuer = { roles: ['resident', 'worker'], enterpriseId: 'E1' };
  const resident: Issuer = { roles: ['resident'] };
  const lookups = (enterprise: IssueLookups['enterprise'] = { _id: 'E1', status: 'active' }): IssueLookups => ({
    departmentExists: (c) => ['AWB', 'CJ', 'XF'].includes(c),
    safetyOfficeCode: 'AWB',
    enterprise,
  });
  const code = (f: () => unknown) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      return (e as { code: string }).code;
    }
  };

  it('lets 安委办 (and leaders, who are admins) issue every role', () => {
    for (const issuer of [admin, leader]) {
      expect(checkIssue(issuer, { role: 'staff', departmentId: 'XF' }, lookups())).toEqual({
        role: 'staff',
        departmentId: 'XF',
      });
      expect(checkIssue(issuer, { role: 'head', departmentId: 'CJ' }, lookups())).toEqual({
        role: 'head',
        departmentId: 'CJ',
      });
      expect(checkIssue(issuer, { role: 'admin' }, lookups())).toEqual({ role: 'admin', departmentId: 'AWB' });
      expect(checkIssue(issuer, { role: 'leader' }, lookups())).toEqual({ role: 'leader', departmentId: 'AWB' });
      expect(checkIssue(issuer, { role: 'safetyManager' }, lookups(null))).toEqual({ role: 'safetyManager' });
      expect(checkIssue(issuer, { role: 'safetyManager', enterpriseId: 'E1' }, lookups())).toEqual({
        role: 'safetyManager',
        enterpriseId: 'E1',
      });
      expect(checkIssue(issuer, { role: 'worker', enterpriseId: 'E1' }, lookups())).toEqual({
        role: 'worker',
        enterpriseId: 'E1',
      });
    }
  });

  it('checks the department and enterprise even for 安委办', () => {
    expect(code(() => checkIssue(admin, { role: 'staff' }, lookups()))).toBe('INVALID_INPUT');
    expect(code(() => checkIssue(admin, { role: 'staff', departmentId: 'NOPE' }, lookups()))).toBe('INVALID_INPUT');
    expect(code(() => checkIssue(admin, { role: 'admin', departmentId: 'CJ' }, lookups()))).toBe('INVALID_INPUT');
    expect(code(() => checkIssue(admin, { role: 'worker' }, lookups()))).toBe('INVALID_INPUT');
    expect(code(() => checkIssue(admin, { role: 'worker', enterpriseId: 'E9' }, lookups(null)))).toBe('NOT_FOUND');
    expect(
      code(() => checkIssue(admin, { role: 'worker', enterpriseId: 'E1' }, lookups({ _id: 'E1', status: 'pending' }))),
    ).toBe('CONFLICT');
    expect(code(() => checkIssue(admin, { role: 'staff', departmentId: 'CJ', enterpriseId: 'E1' }, lookups()))).toBe(
      'INVALID_INPUT',
    );
  });

  it('lets a head issue only staff codes for their own department', () => {
    expect(checkIssue(head, { role: 'staff' }, lookups())).toEqual({ role: 'staff', departmentId: 'CJ' });
    expect(checkIssue(head, { role: 'staff', departmentId: 'CJ' }, lookups())).toEqual({
      role: 'staff',
      departmentId: 'CJ',
    });
    expect(code(() => checkIssue(head, { role: 'staff', departmentId: 'XF' }, lookups()))).toBe('FORBIDDEN');
    for (const role of ['head', 'admin', 'leader', 'safetyManager', 'worker'] as const) {
      expect([role, code(() => checkIssue(head, { role, departmentId: 'CJ', enterpriseId: 'E1' }, lookups()))]).toEqual(
        [role, 'FORBIDDEN'],
      );
    }
  });

  it('lets a manager issue only worker codes for their own, active enterprise', () => {
    expect(checkIssue(manager, { role: 'worker' }, lookups())).toEqual({ role: 'worker', enterpriseId: 'E1' });
    expect(
      code(() => checkIssue(manager, { role: 'worker', enterpriseId: 'E2' }, lookups({ _id: 'E2', status: 'active' }))),
    ).toBe('FORBIDDEN');
    expect(code(() => checkIssue(manager, { role: 'worker' }, lookups({ _id: 'E1', status: 'pending' })))).toBe(
      'FORBIDDEN',
    );
    expect(code(() => checkIssue(manager, { role: 'worker' }, lookups({ _id: 'E1', status: 'closed' })))).toBe(
      'FORBIDDEN',
    );
    for (const role of ['staff', 'head', 'admin', 'leader', 'safetyManager'] as const) {
      expect([
        role,
        code(() => checkIssue(manager, { role, enterpriseId: 'E1', departmentId: 'CJ' }, lookups())),
      ]).toEqual([role, 'FORBIDDEN']);
    }
  });

  it('refuses everyone else with plain words', () => {
    for (const issuer of [staff, worker, resident]) {
      for (const role of ['staff', 'head', 'admin', 'leader', 'safetyManager', 'worker'] as const) {
        expect(() => checkIssue(issuer, { role, departmentId: 'CJ', enterpriseId: 'E1' }, lookups())).toThrow(
          expect.objectContaining({ code: 'FORBIDDEN', message: '您的身份不能发放邀请码' }),
        );
      }
    }
  });
});
