// config/town/checklists.json: the town's self-inspection checklists (seed §12, issue 10), kept as data.
// See checklists.md for the sources and what is not yet confirmed against an official copy.
import { ChecklistSet } from '../../types/inspection';
import raw from './checklists.json';
import categories from './categories.json';
import industries from './industries.json';

const set = ChecklistSet.parse(raw);
const lists = set.checklists;
const items = lists.flatMap((l) => l.items.map((item) => ({ list: l.id, ...item })));

it('parses against the schema', () => {
  expect(lists.length).toBeGreaterThanOrEqual(10);
});

it('has a fire-safety list for every enterprise', () => {
  const everyone = lists.filter((l) => l.industries.includes('*'));
  expect(everyone.map((l) => l.id)).toEqual(['fire']);
  expect(lists[0].id).toBe('fire'); // shown first on the form
});

it('files the fire list under a fire category, and names only report categories that exist', () => {
  const known = new Set(categories.map((c) => c.id));
  expect(lists.find((l) => l.id === 'fire')?.categoryId).toBe('fire-other');
  expect(lists.filter((l) => l.categoryId && !known.has(l.categoryId)).map((l) => l.id)).toEqual([]);
});

it('covers every industry of industries.json with at least one list besides `*`, and names no unknown industry', () => {
  const known = new Set(industries.map((i) => i.id));
  expect([...known].filter((id) => !lists.some((l) => l.industries.includes(id)))).toEqual([]);
  expect(lists.flatMap((l) => l.industries).filter((id) => id !== '*' && !known.has(id))).toEqual([]);
});

it('keeps list ids and item ids unique, item ids named after their list', () => {
  expect(new Set(lists.map((l) => l.id)).size).toBe(lists.length);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  for (const i of items) expect(i.id.startsWith(`${i.list}-`)).toBe(true);
});

it('gives every list 8–25 lines, at least one of them a major-hazard line and at least one good-practice line', () => {
  expect(lists.filter((l) => l.items.length < 8 || l.items.length > 25).map((l) => l.id)).toEqual([]);
  expect(lists.filter((l) => !l.items.some((i) => i.major)).map((l) => l.id)).toEqual([]);
  expect(lists.filter((l) => !l.items.some((i) => !i.major)).map((l) => l.id)).toEqual([]);
});

it('names a standard in 《》 in every basis, and a 判定标准/判定方法 with its article on every major line', () => {
  expect(items.filter((i) => !/《[^》]{2,}》/.test(i.basis)).map((i) => i.id)).toEqual([]);
  // A 不符合 on a major line enters the town ledger: only lines of a 重大隐患判定标准, with the article (第…条/项).
  const unfounded = items.filter(
    (i) => i.major && !(/判定(标准|方法)/.test(i.basis) && /》(（[^）]*）)?第[^《》]*[条项]/.test(i.basis)),
  );
  expect(unfounded.map((i) => i.id)).toEqual([]);
});

it('never repeats a line', () => {
  const texts = items.map((i) => i.text.replace(/\s+/g, ''));
  expect(texts.filter((t, n) => texts.indexOf(t) !== n)).toEqual([]);
});

it('keeps the lines free of stray whitespace and ends none with a full stop (they read as requirements)', () => {
  for (const i of items) {
    expect(i.text).toBe(i.text.trim());
    expect(i.text).not.toMatch(/[。；;]$/);
  }
});

it('leaves no enterprise more lines than one self-inspection can carry (SelfInspectInput: 200)', () => {
  for (const { id } of industries) {
    const count = lists
      .filter((l) => l.industries.includes(id) || l.industries.includes('*'))
      .reduce((n, l) => n + l.items.length, 0);
    expect(count).toBeLessThanOrEqual(200);
  }
});
