import { createHmac } from 'node:crypto';
import { applyGrant, GRANTED_ROLES, personId, removeRole, REVOKED_WITH } from './roles';
import type { UserDoc } from './users';

const resident: UserDoc = { _id: 'o1', roles: ['resident'], createdAt: '2026-11-28T10:00:00+08:00' };
const conflictWith = (message: string) => expect.objectContaining({ code: 'CONFLICT', message });

describe('applyGrant', () => {
  it('adds the roles each grant brings, keeping resident, with the department or enterprise', () => {
    expect(applyGrant(resident, { role: 'head', departmentId: 'CJ' })).toMatchObject({
      roles: ['resident', 'staff', 'head'],
      departmentId: 'CJ',
    });
    expect(applyGrant(resident, { role: 'leader', departmentId: 'AWB' }).roles).toEqual([
      'resident',
      'staff',
      'head',
      'admin',
      'leader',
    ]);
    expect(applyGrant(resident, { role: 'safetyManager' })).toEqual({
      ...resident,
      roles: ['resident', 'worker', 'safetyManager'],
    });
    expect(applyGrant(resident, { role: 'worker', enterpriseId: 'E1' })).toMatchObject({
      roles: ['resident', 'worker'],
      enterpriseId: 'E1',
    });
    for (const roles of Object.values(GRANTED_ROLES)) expect(roles).not.toContain('resident');
  });

  it('upgrades within the same department, and lets a department person also work in an enterprise', () => {
    const staff = applyGrant(resident, { role: 'staff', departmentId: 'CJ' });
    expect(applyGrant(staff, { role: 'head', departmentId: 'CJ' }).roles).toEqual(['resident', 'staff', 'head']);
    expect(applyGrant(staff, { role: 'worker', enterpriseId: 'E1' })).toMatchObject({
      departmentId: 'CJ',
      enterpriseId: 'E1',
    });
  });

  it('refuses another department or enterprise, and a role already held', () => {
    const staff = applyGrant(resident, { role: 'staff', departmentId: 'CJ' });
    expect(() => applyGrant(staff, { role: 'staff', departmentId: 'XF' })).toThrow(
      conflictWith('您已是其他部门的人员，请先由镇安委办解除原身份'),
    );
    expect(() => applyGrant(staff, { role: 'staff', departmentId: 'CJ' })).toThrow(
      conflictWith('您已拥有该身份，无需重复绑定'),
    );
    const worker = applyGrant(resident, { role: 'worker', enterpriseId: 'E1' });
    expect(() => applyGrant(worker, { role: 'worker', enterpriseId: 'E2' })).toThrow(
      conflictWith('您已是其他企业的人员，请先由原企业或镇安委办解除'),
    );
  });
});

describe('removeRole', () => {
  const leader = applyGrant(resident, { role: 'leader', departmentId: 'AWB' });
  const manager = applyGrant(resident, { role: 'safetyManager', enterpriseId: 'E1' });

  it('takes what stands on the role too, and the department with the last department role', () => {
    expect(removeRole(leader, 'admin')).toMatchObject({ roles: ['resident', 'staff', 'head'], departmentId: 'AWB' });
    const gone = removeRole(leader, 'staff');
    expect(gone.roles).toEqual(['resident']);
    expect(gone).not.toHaveProperty('departmentId');
  });

  it('keeps a manager a worker of the enterprise; taking worker takes the manager and the enterprise', () => {
    expect(removeRole(manager, 'safetyManager')).toMatchObject({ roles: ['resident', 'worker'], enterpriseId: 'E1' });
    const gone = removeRole(manager, 'worker');
    expect(gone.roles).toEqual(['resident']);
    expect(gone).not.toHaveProperty('enterpriseId');
  });

  it('always leaves resident, even on a record that lacked it', () => {
    expect(removeRole({ ...resident, roles: ['staff'], departmentId: 'CJ' }, 'staff').roles).toEqual(['resident']);
  });
});

describe('personId', () => {
  it('is stable per openid and secret, opaque, and differs between people', () => {
    expect(personId('o1', 's')).toBe(personId('o1', 's'));
    expect(personId('o1', 's')).not.toBe(personId('o2', 's'));
    expect(personId('o1', 's')).not.toBe(personId('o1', 't'));
    expect(personId('o1', 's')).toMatch(/^p[0-9a-f]{23}$/);
  });
});

describe('the role tables and their edges (each rule on its own)', () => {
  it('grants exactly these roles per invite role, and takes exactly these with each role', () => {
    expect(GRANTED_ROLES).toEqual({
      staff: ['staff'],
      head: ['staff', 'head'],
      admin: ['staff', 'admin'],
      leader: ['staff', 'head', 'admin', 'leader'],
      safetyManager: ['worker', 'safetyManager'],
      worker: ['worker'],
    });
    expect(REVOKED_WITH).toEqual({
      staff: ['staff', 'head', 'admin', 'leader'],
      head: ['head', 'leader'],
      admin: ['admin', 'leader'],
      leader: ['leader'],
      worker: ['worker', 'safetyManager'],
      safetyManager: ['safetyManager'],
    });
  });

  it('adds no department or enterprise key when the grant has none (not even an undefined one)', () => {
    const granted = applyGrant(resident, { role: 'safetyManager' });
    expect(Object.keys(granted).sort()).toEqual(['_id', 'createdAt', 'roles']);
    expect(Object.keys(applyGrant(resident, { role: 'staff', departmentId: 'CJ' })).sort()).toEqual([
      '_id',
      'createdAt',
      'departmentId',
      'roles',
    ]);
  });

  it('takes a grant for the same department or enterprise, or with none, whatever the user already has', () => {
    const both = { ...resident, roles: ['resident', 'staff', 'worker'] as UserDoc['roles'] };
    const placed = { ...both, departmentId: 'CJ', enterpriseId: 'E1' };
    expect(applyGrant(placed, { role: 'head', departmentId: 'CJ' }).departmentId).toBe('CJ');
    expect(applyGrant(placed, { role: 'safetyManager', enterpriseId: 'E1' }).enterpriseId).toBe('E1');
    expect(applyGrant(placed, { role: 'admin' })).toMatchObject({ departmentId: 'CJ', enterpriseId: 'E1' });
    // No department or enterprise yet: any one is taken.
    expect(applyGrant(both, { role: 'head', departmentId: 'XF' }).departmentId).toBe('XF');
    expect(applyGrant(both, { role: 'safetyManager', enterpriseId: 'E2' }).enterpriseId).toBe('E2');
  });

  it('refuses a grant only when every role it brings is held; one missing role makes it a real upgrade', () => {
    const staffWorker = { ...resident, roles: ['resident', 'staff', 'worker'] as UserDoc['roles'] };
    expect(() => applyGrant(staffWorker, { role: 'worker', enterpriseId: 'E1' })).toThrow(
      conflictWith('您已拥有该身份，无需重复绑定'),
    );
    expect(applyGrant(staffWorker, { role: 'admin', departmentId: 'AWB' }).roles).toEqual([
      'resident',
      'staff',
      'worker',
      'admin',
    ]);
    // A record that lacked resident gets it back first, once.
    expect(applyGrant({ ...resident, roles: ['staff'] }, { role: 'head', departmentId: 'CJ' }).roles).toEqual([
      'resident',
      'staff',
      'head',
    ]);
  });

  it('keeps the department while a department role is left, the enterprise while an enterprise role is left', () => {
    const both = applyGrant(applyGrant(resident, { role: 'head', departmentId: 'CJ' }), {
      role: 'safetyManager',
      enterpriseId: 'E1',
    });
    expect(removeRole(both, 'head')).toEqual({
      ...resident,
      roles: ['resident', 'staff', 'worker', 'safetyManager'],
      departmentId: 'CJ',
      enterpriseId: 'E1',
    });
    expect(removeRole(both, 'staff')).toEqual({
      ...resident,
      roles: ['resident', 'worker', 'safetyManager'],
      enterpriseId: 'E1',
    });
    expect(removeRole(both, 'worker')).toEqual({
      ...resident,
      roles: ['resident', 'staff', 'head'],
      departmentId: 'CJ',
    });
    expect(removeRole({ ...both, roles: ['resident', 'leader'] }, 'leader')).not.toHaveProperty('departmentId');
    expect(removeRole({ ...both, roles: ['resident', 'admin'] }, 'head')).toHaveProperty('departmentId', 'CJ');
    expect(removeRole({ ...both, roles: ['resident', 'safetyManager'] }, 'worker')).not.toHaveProperty('enterpriseId');
  });

  it('derives the person id from an HMAC of "person:" and the openid, 24 characters', () => {
    const hmac = createHmac('sha256', 's').update('person:o1').digest('hex');
    expect(personId('o1', 's')).toBe(`p${hmac.slice(0, 23)}`);
  });
});

describe('roles: the edges of the one-enterprise rules and of records that hold a role alone', () => {
  const freeManager = { ...resident, roles: ['resident', 'worker', 'safetyManager'] as UserDoc['roles'] };

  it('refuses a free manager code (for registering) to a person already in an enterprise', () => {
    const worker = applyGrant(resident, { role: 'worker', enterpriseId: 'E1' });
    expect(() => applyGrant(worker, { role: 'safetyManager' })).toThrow(
      conflictWith(
        '您已是企业的人员，不能用登记新企业的邀请码；如需成为本企业安全管理人员，请向镇安委办索取本企业的邀请码',
      ),
    );
    expect(applyGrant(worker, { role: 'safetyManager', enterpriseId: 'E1' }).roles).toEqual([
      'resident',
      'worker',
      'safetyManager',
    ]);
  });

  it('refuses a worker code to a holder of a free manager code, and nothing else to them', () => {
    expect(() =>
      applyGrant({ ...freeManager, roles: ['resident', 'safetyManager'] }, { role: 'worker', enterpriseId: 'E1' }),
    ).toThrow(
      conflictWith('您持有登记新企业的安全管理人员身份，不能再以从业人员加入企业；请先登记企业或由镇安委办解除该身份'),
    );
    expect(applyGrant(freeManager, { role: 'staff', departmentId: 'CJ' }).roles).toEqual([
      'resident',
      'worker',
      'safetyManager',
      'staff',
    ]);
  });

  it('keeps the department for head or leader alone, the enterprise for safetyManager alone', () => {
    const placed = { ...resident, departmentId: 'CJ', enterpriseId: 'E1' };
    expect(removeRole({ ...placed, roles: ['resident', 'head', 'admin'] }, 'admin')).toHaveProperty(
      'departmentId',
      'CJ',
    );
    expect(removeRole({ ...placed, roles: ['resident', 'leader', 'worker'] }, 'worker')).toHaveProperty(
      'departmentId',
      'CJ',
    );
    expect(removeRole({ ...placed, roles: ['resident', 'safetyManager', 'staff'] }, 'staff')).toHaveProperty(
      'enterpriseId',
      'E1',
    );
  });
});
