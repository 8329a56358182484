import { routeTipoff } from './routing';
import { buildTown, defaultTown, type Town } from './town';

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

describe('routeTipoff in a town with rules by area, area kind and keyword', () => {
  // The shipped rules route by category (and one keyword, one area kind); these exercise every condition alone.
  const base = defaultTown();
  const test = buildTown({
    areas: base.areas,
    categories: base.categories,
    departments: base.departments,
    sla: base.sla,
    routing: {
      fallback: { departmentCode: 'AWB', reason: '无匹配规则' },
      rules: [
        { id: 'A1', name: '共康二村燃气', categoryIds: ['gas-smell'], areaIds: ['gk2'], departmentCode: 'YJ' },
        {
          id: 'A2',
          name: '村里的电动车',
          areaKinds: ['village'],
          keywords: ['电动车'],
          departmentCode: 'CG',
          coDepartmentCodes: ['XF', 'PCS'],
        },
        { id: 'A3', name: '燃气', categoryIds: ['gas-smell'], departmentCode: 'CJ' },
        { id: 'A4', name: '井盖', keywords: ['井盖', '窨井'], departmentCode: 'GJHB' },
        { id: 'A5', name: '新苑', areaIds: ['xky', 'bcgh'], departmentCode: 'SJ' },
      ],
    },
  });
  const route = (categoryId: string, areaId: string, description = '有安全隐患需要处理') =>
    routeTipoff({ categoryId, area: area(areaId), description }, test);

  it('a rule by area applies in its areas only', () => {
    expect(route('gas-smell', 'gk2')).toEqual({
      departmentId: 'YJ',
      coDepartmentIds: [],
      ruleId: 'A1',
      reason: '规则 A1「共康二村燃气」：燃气泄漏/异味 → 应急',
    });
    expect(route('gas-smell', 'gk5').ruleId).toBe('A3');
    expect(route('elevator', 'xky')).toMatchObject({ departmentId: 'SJ', ruleId: 'A5' });
    expect(route('elevator', 'bcgh').ruleId).toBe('A5');
    expect(route('elevator', 'gk5').ruleId).toBeNull();
  });

  it('a rule by area kind and keyword needs both', () => {
    expect(route('other', 'yq', '楼道里电动车飞线充电')).toEqual({
      departmentId: 'CG',
      coDepartmentIds: ['XF', 'PCS'],
      ruleId: 'A2',
      reason: '规则 A2「村里的电动车」：其他安全隐患 → 城管，协办 消防救援、派出所',
    });
    expect(route('other', 'gk2', '楼道里电动车飞线充电').ruleId).toBeNull(); // a community
    expect(route('other', 'yq', '楼道里堆满杂物').ruleId).toBeNull(); // no keyword
  });

  it('any one keyword is enough; the first matching rule wins', () => {
    expect(route('road-traffic', 'gk7', '路边窨井盖缺失').ruleId).toBe('A4');
    expect(route('road-traffic', 'gk7', '路边井盖松动').ruleId).toBe('A4');
    expect(route('gas-smell', 'gk2', '井盖下有燃气味').ruleId).toBe('A1');
    expect(route('other', 'kj', '电动车停在井盖上').ruleId).toBe('A2');
  });

  it('no match goes to the fallback with its reason', () => {
    expect(route('school', 'gk8')).toEqual({
      departmentId: 'AWB',
      coDepartmentIds: [],
      ruleId: null,
      reason: '无匹配规则',
    });
  });

  it('names an unknown category or department by its code rather than failing', () => {
    expect(route('no-such-category', 'xky').reason).toBe('规则 A5「新苑」：no-such-category → 社区建设');
    const blind: Town = { ...test, department: () => undefined };
    expect(routeTipoff({ categoryId: 'other', area: area('yq'), description: '电动车' }, blind).reason).toBe(
      '规则 A2「村里的电动车」：其他安全隐患 → CG，协办 XF、PCS',
    );
  });
});
