import { mutate } from './fuzz-arbitraries';

test('a shared value inserted twice, once inside itself, makes no cycle and stays as it was', () => {
  const shared = { y: 2 };
  const out = mutate({ a: { x: 1 } }, [
    { kind: 'replace', at: 1, value: shared }, // a ← shared
    { kind: 'replace', at: 2, value: shared }, // a.y ← shared (the same object: a cycle before the copy)
  ]);
  expect(JSON.stringify(out)).toBe('{"a":{"y":{"y":2}}}');
  expect(shared).toEqual({ y: 2 });
});

test('addKey copies its value too, so a later case does not see it changed', () => {
  const shared = { k: 1 };
  mutate({ a: { x: 1 } }, [
    { kind: 'addKey', at: 1, key: 'z', value: shared },
    { kind: 'replace', at: 4, value: 'changed' }, // a.z.k
  ]);
  expect(shared).toEqual({ k: 1 });
});
