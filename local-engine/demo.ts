import type { Role } from '../types';
import type { EnterpriseDoc } from '../cloudfunctions/core/enterprises';
import type { Town } from '../cloudfunctions/core/town';

export interface DemoIdentity {
  openid: string;
  label: string;
  roles: Role[];
  departmentId?: string;
  enterpriseId?: string;
}

/** The fixed local identities of DESIGN.md §8, derived from the town's departments. */
export function demoIdentities(town: Town): DemoIdentity[] {
  const people: DemoIdentity[] = [
    { openid: 'resident-demo', label: '居民（演示）', roles: ['resident'] },
    { openid: 'worker-demo', label: '从业人员（演示）', roles: ['resident', 'worker'], enterpriseId: 'ENT-DEMO' },
    {
      openid: 'manager-demo',
      label: '企业安全管理人员（演示）',
      roles: ['resident', 'worker', 'safetyManager'],
      enterpriseId: 'ENT-DEMO',
    },
    { openid: 'admin-demo', label: '镇安委办 经办人', roles: ['staff', 'admin'], departmentId: town.safetyOffice.code },
    {
      openid: 'leader-demo',
      label: '镇安委办 领导',
      roles: ['staff', 'head', 'admin', 'leader'],
      departmentId: town.safetyOffice.code,
    },
  ];
  for (const d of town.departments) {
    people.push({ openid: `staff-${d.code}`, label: `${d.name} 工作人员`, roles: ['staff'], departmentId: d.code });
    people.push({
      openid: `head-${d.code}`,
      label: `${d.name} 负责人`,
      roles: ['staff', 'head'],
      departmentId: d.code,
    });
  }
  return people;
}

/** The demo register (EnterpriseDoc without `createdAt`, which the seed stamps). The codes pass GB 32100-2015. */
export const DEMO_ENTERPRISES: Omit<EnterpriseDoc, 'createdAt'>[] = [
  {
    _id: 'ENT-DEMO',
    name: '庙行示范精密制造有限公司',
    creditCode: '91310113MA1GK0DEMT',
    industry: 'trade-dust',
    highRisk: true,
    areaId: 'yq',
    address: '庙行镇示范路 88 号',
    contact: { name: '王安全', phone: '13800000001' },
    workerCount: 120,
    status: 'active',
    managerOpenids: ['manager-demo'],
    createdBy: 'admin-demo',
    approvedBy: 'admin-demo',
  },
  {
    _id: 'ENT-DEMO-2',
    name: '共康便民超市',
    creditCode: '91310113MA1GK5CHX5',
    industry: 'retail',
    highRisk: false,
    areaId: 'gk5',
    address: '共康五村 1 号商铺',
    contact: { name: '李店长', phone: '13800000002' },
    workerCount: 8,
    status: 'active',
    managerOpenids: [],
    createdBy: 'admin-demo',
    approvedBy: 'admin-demo',
  },
];
