import { createDatabase } from '../../local-engine/database';
import type { GetResult, Query } from './db';
import { fetchPage, stableOrder, type SortOrder } from './store';

type Doc = { _id: string; createdAt: string; dueAt: string };

/** A small deterministic PRNG (mulberry32), so the "unstable" order is the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A query over an in-memory list that behaves as MongoDB may: sorted by the keys asked for, while
 * documents tying on all of them come in an order that changes from one query to the next.
 */
function mongoLikeQuery(docs: Doc[], random: () => number, order: SortOrder = [], skip = 0, limit = 100): Query<Doc> {
  const q: Partial<Query<Doc>> = {
    orderBy: (field, direction) => mongoLikeQuery(docs, random, [...order, [field, direction]], skip, limit),
    skip: (n) => mongoLikeQuery(docs, random, order, n, limit),
    limit: (n) => mongoLikeQuery(docs, random, order, skip, n),
    async get(): Promise<GetResult<Doc>> {
      const shuffled = docs.map((d) => ({ d, r: random() })).sort((a, b) => a.r - b.r);
      const sorted = shuffled
        .map(({ d }) => d)
        .sort((a, b) => {
          for (const [field, direction] of order) {
            const x = String(a[field as keyof Doc]);
            const y = String(b[field as keyof Doc]);
            if (x !== y) return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
          }
          return 0;
        });
      return { data: sorted.slice(skip, skip + limit) };
    },
    count: async () => ({ total: docs.length }),
  };
  return q as Query<Doc>;
}

async function pageThrough(query: Query<Doc>, order: SortOrder, pageSize: number) {
  const seen: string[] = [];
  for (let page = 1; ; page++) {
    const { data, total } = await fetchPage(query, { page, pageSize }, order);
    seen.push(...data.map((d) => d._id));
    if (page * pageSize >= total) return seen;
  }
}

// Many cases share one deadline (23:59:59 of a day) and one creation second.
const tied: Doc[] = Array.from({ length: 137 }, (_, i) => ({
  _id: `doc-${String(i).padStart(3, '0')}`,
  createdAt: '2026-11-28T10:00:00+08:00',
  dueAt: `2026-12-0${1 + (i % 3)}T23:59:59+08:00`,
}));

describe('fetchPage: stable paging', () => {
  it('returns every document exactly once when sort keys tie, however the store orders ties', async () => {
    const seen = await pageThrough(
      mongoLikeQuery(tied, prng(6)),
      [
        ['dueAt', 'asc'],
        ['createdAt', 'asc'],
      ],
      20,
    );
    expect(seen).toHaveLength(tied.length);
    expect(new Set(seen).size).toBe(tied.length);
  });

  it('asks the real engine for `_id` last, in the direction of the last key, and pages it exactly once', async () => {
    const db = createDatabase({ file: ':memory:' });
    db.bulkInsert('tipoffs', tied);
    const orders: string[][] = [];
    // Records each query's order (SQLite returns ties in a fixed order, so the result alone cannot show the fault).
    const recording = (q: Query<Doc>, order: string[]): Query<Doc> =>
      new Proxy(q, {
        get(target, prop) {
          const value = Reflect.get(target, prop) as unknown;
          if (typeof value !== 'function') return value;
          if (prop === 'orderBy')
            return (f: string, d: 'asc' | 'desc') => recording(target.orderBy(f, d), [...order, `${f} ${d}`]);
          if (prop === 'get') {
            return () => {
              orders.push(order);
              return target.get();
            };
          }
          return (...args: unknown[]) => {
            const out = (value as (...a: unknown[]) => unknown).apply(target, args);
            return out && typeof out === 'object' && 'get' in out ? recording(out as Query<Doc>, order) : out;
          };
        },
      });
    const seen = await pageThrough(recording(db.collection<Doc>('tipoffs').where({}), []), [['createdAt', 'desc']], 25);
    expect(seen).toHaveLength(tied.length);
    expect(new Set(seen).size).toBe(tied.length);
    expect(orders.length).toBeGreaterThan(1);
    for (const order of orders) expect(order).toEqual(['createdAt desc', '_id desc']);
    db.close();
  });

  it('adds `_id` once, and only when it is not already a key', () => {
    expect(stableOrder([['dueAt', 'asc']])).toEqual([
      ['dueAt', 'asc'],
      ['_id', 'asc'],
    ]);
    expect(stableOrder([['createdAt', 'desc']])).toEqual([
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ]);
    expect(stableOrder([['_id', 'desc']])).toEqual([['_id', 'desc']]);
    expect(stableOrder([])).toEqual([['_id', 'asc']]);
  });
});
