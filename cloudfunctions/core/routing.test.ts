import { routeTipoff } from './routing';
import { defaultTown } from './town';

const town = defaultTown();
const area = (id: string) => {
  const a = town.area(id);
  if (!a) throw new Error(`no area ${id}`);
  return a;
};

describe('routeTipoff', () => {
  it.each([
    ['gas-smell', 'gk2', 'CJ'],
    ['elevator', 'gk5', 'SCS'],
    ['self-built', 'zx', 'GJHB'],
    ['construction-site', 'gk7', 'CJ'],
    ['confined-space', 'kj', 'YJ'],
    ['school', 'gk8', 'JY'],
    ['hospital', 'xky', 'WS'],
  ])('%s in %s goes to %s', (categoryId, areaId, dept) => {
    const d = routeTipoff({ categoryId, area: area(areaId), description: '楼道里有隐患需要处理' }, town);
    expect(d.departmentId).toBe(dept);
    expect(d.ruleId).not.toBeNull();
    expect(d.reason).toContain(d.ruleId as string);
  });

  it('blocked fire passage goes to 消防救援 with 城管 co-handling', () => {
    const d = routeTipoff({ categoryId: 'fire-passage', area: area('gk2'), description: '消防通道被车辆堵占' }, town);
    expect(d).toMatchObject({ departmentId: 'XF', coDepartmentIds: ['CG'], ruleId: 'R04' });
    expect(d.reason).toContain('协办 城管');
  });

  it('area kind picks between rules: e-bikes in a village vs a community', () => {
    const village = routeTipoff(
      { categoryId: 'ebike-charging', area: area('yq'), description: '飞线充电很危险' },
      town,
    );
    const community = routeTipoff(
      { categoryId: 'ebike-charging', area: area('gk2'), description: '飞线充电很危险' },
      town,
    );
    expect(village.ruleId).toBe('R12');
    expect(community.ruleId).toBe('R13');
  });

  it('keywords route an "other" report about bottled gas to 城建', () => {
    const d = routeTipoff({ categoryId: 'other', area: area('gk2'), description: '饭店后厨堆了很多液化气钢瓶' }, town);
    expect(d).toMatchObject({ departmentId: 'CJ', ruleId: 'R02' });
  });

  it('no matching rule goes to 安委办 triage with the reason stored', () => {
    const d = routeTipoff({ categoryId: 'other', area: area('gk2'), description: '路边井盖松动了' }, town);
    expect(d).toMatchObject({ departmentId: 'AWB', ruleId: null, coDepartmentIds: [] });
    expect(d.reason).toContain('安委办');
  });
});
