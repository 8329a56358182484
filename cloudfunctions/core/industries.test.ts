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

describe('IndustryList, one rule at a time', () => {
  const other = { id: 'other', name: '其他', highRisk: false };
  const issues = (list: unknown) => {
    const res = IndustryList.safeParse(list);
    return res.success ? [] : res.error.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it('takes the smallest valid list: one "other" line; and ids up to 32 characters, names up to 30', () => {
    expect(issues([other])).toEqual([]);
    const longest = { id: `a${'b'.repeat(31)}`, name: '名'.repeat(30), highRisk: true, basis: '判定标准' };
    expect(issues([other, longest])).toEqual([]);
    expect(issues([other, { ...longest, id: 'a-1' }])).toEqual([]);
  });

  it('refuses an empty list', () => {
    expect(issues([]).length).toBeGreaterThan(0);
  });

  it('refuses a list without "other", saying so', () => {
    expect(issues([{ id: 'retail', name: '商贸', highRisk: false }])).toEqual([
      { path: [], message: 'the list needs an "other" industry' },
    ]);
  });

  it('points at the second of two lines with the same id', () => {
    const retail = { id: 'retail', name: '商贸', highRisk: false };
    expect(issues([retail, other, retail])).toEqual([{ path: [2, 'id'], message: 'duplicate id' }]);
  });

  it('refuses a bad id, an empty or long name, an empty basis and unknown keys, line by line', () => {
    const line = { id: 'retail', name: '商贸', highRisk: false };
    expect(issues([line, other])).toEqual([]);
    for (const bad of [
      { ...line, id: `a${'b'.repeat(32)}` },
      { ...line, id: '1abc' },
      { ...line, id: 'Abc' },
      { ...line, id: 'ab_c' },
      { ...line, id: ' retail' },
      { ...line, id: 'retail ' },
      { ...line, name: '' },
      { ...line, name: '名'.repeat(31) },
      { ...line, basis: '' },
      { ...line, highRisk: 'no' },
      { ...line, extra: 1 },
    ]) {
      expect([bad, issues([bad, other]).length]).toEqual([bad, 1]);
    }
  });

  it('looks up by id and keeps the list as given', () => {
    const retail = { id: 'retail', name: '商贸', highRisk: false };
    const industries = buildIndustries([retail, other]);
    expect(industries.list).toEqual([retail, other]);
    expect(industries.get('retail')).toEqual(retail);
    expect(industries.get('nope')).toBeUndefined();
    expect(townIndustries()).toBe(townIndustries());
  });
});
