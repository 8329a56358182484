import raw from '../../config/town/industries.json';
import { buildIndustries, IndustryList, townIndustries } from './industries';

describe('config/town/industries.json', () => {
  it('is valid, with unique ids and the town list the issue names', () => {
    expect(IndustryList.safeParse(raw).success).toBe(true);
    const names = townIndustries()
      .list.map((i) => i.name)
      .join('、');
    for (const word of ['工贸', '危险化学品', '建筑施工', '餐饮', '商贸', '仓储物流', '人员密集场所', '其他'])
      expect(names).toContain(word);
  });

  it('marks the high-risk defaults, each with its basis', () => {
    const high = townIndustries()
      .list.filter((i) => i.highRisk)
      .map((i) => i.id);
    expect(high.sort()).toEqual([
      'chemicals',
      'construction',
      'crowded',
      'trade-confined',
      'trade-dust',
      'trade-metal',
    ]);
    for (const i of townIndustries().list) if (i.highRisk) expect(i.basis).toBeTruthy();
    expect(townIndustries().get('retail')?.highRisk).toBe(false);
  });

  it('refuses duplicates, bad ids and a list without 其他', () => {
    expect(() => buildIndustries([...raw, raw[0]])).toThrow();
    expect(() => buildIndustries([{ id: 'Bad Id', name: 'x', highRisk: false }])).toThrow();
    expect(() => buildIndustries([{ id: 'retail', name: '商贸', highRisk: false }])).toThrow();
    expect(() => buildIndustries([{ id: 'other', name: '其他', highRisk: 'no' }])).toThrow();
  });
});
