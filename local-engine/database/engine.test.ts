/**
 * Behaviour specific to the local engine: operation counting, the stricter checks it makes,
 * transaction isolation under concurrent requests, query plans, and a randomized check that the
 * SQL prefilter/pushdown answers exactly what mingo (MongoDB semantics) answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWhere } from './where';
import { toStoredValue } from './codec';
import { compileFilter, sortDocs, type Doc } from './matcher';
import { createDatabase, type LocalDatabase } from './index';

let dir: string;
let db: LocalDatabase;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ldb-engine-'));
  db = createDatabase({
    file: path.join(dir, 'sub', 'engine.db'),
    indexes: { tips: [['dept', 'status', 'at'], ['code']] },
    geoIndexes: { pts: ['loc'], g: ['loc'] },
  });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const failure = async (fn: () => unknown): Promise<Error> => {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stats', () => {
  it('counts reads and writes, transaction operations individually', async () => {
    const c = db.collection('s');
    await c.add({ data: { a: 1 } });
    await c.doc('x').set({ data: { a: 2 } });
    await c.doc('x').update({ data: { a: 3 } });
    await c.where({ a: 1 }).update({ data: { b: 1 } });
    await c.get();
    await c.count();
    await c.doc('x').get();
    await c.aggregate().match({}).end();
    expect(db.stats()).toEqual({ reads: 4, writes: 4 });
    db.resetStats();
    await db.runTransaction(async (tx) => {
      await tx.collection('s').doc('x').get();
      await tx
        .collection('s')
        .doc('x')
        .update({ data: { a: 4 } });
      await tx.collection('s').add({ data: { a: 5 } });
    });
    await c.doc('x').remove();
    expect(db.stats()).toEqual({ reads: 1, writes: 3 });
  });
});

describe('stricter than CloudBase, on purpose', () => {
  it('refuses a where() with any undefined value (CloudBase drops it and matches more)', async () => {
    const e = await failure(() => db.collection('s').where({ dept: 'a', status: undefined }));
    expect(e.message).toMatch(/status.*undefined/);
  });

  it('enforces maxGetLimit', async () => {
    const small = createDatabase({ file: ':memory:', maxGetLimit: 10 });
    const c = small.collection('s');
    for (let i = 0; i < 12; i++) await c.add({ data: { i } });
    expect((await c.get()).data).toHaveLength(10);
    expect((await failure(() => c.limit(11).get())).message).toMatch(/maximum of 10/);
    small.close();
  });

  it('keeps declared (indexed) fields scalar', async () => {
    const c = db.collection('tips');
    await failure(() => c.add({ data: { dept: ['a', 'b'] } }));
    await failure(() => c.add({ data: { dept: { x: 1 } } }));
    await c.add({ data: { _id: 't1', dept: 'a', at: new Date(), status: null } });
    await failure(() => c.doc('t1').update({ data: { status: ['x'] } }));
    await failure(() => c.doc('t1').set({ data: { code: { nested: true } } }));
    await failure(() => db.bulkInsert('tips', [{ code: [1] }]));
    expect((await c.doc('t1').get()).data.dept).toBe('a');
  });

  it('refuses _.addToSet({ each }) which CloudBase would store as one element', async () => {
    const c = db.collection('s');
    await c.doc('x').set({ data: { tags: [] } });
    const e = await failure(() => c.doc('x').update({ data: { tags: db.command.addToSet({ each: ['a'] }) } }));
    expect(e.message).toMatch(/\$each/);
  });

  it('reports type errors MongoDB reports (mingo alone would ignore them)', async () => {
    const c = db.collection('s');
    await c.doc('x').set({ data: { s: 'text', arr: [1] } });
    const _ = db.command;
    expect((await failure(() => c.doc('x').update({ data: { s: _.inc(1) } }))).message).toMatch(/non-numeric/);
    expect((await failure(() => c.doc('x').update({ data: { s: _.push(1) } }))).message).toMatch(/must be an array/);
    expect((await failure(() => c.doc('x').update({ data: { 's.deep': 1 } }))).message).toMatch(/Cannot create field/);
    expect((await failure(() => c.doc('x').update({ data: { arr: _.set([]), 'arr.0': 1 } }))).message).toMatch(
      /conflict/,
    );
  });

  it('validates collection names, doc ids and values', async () => {
    expect(() => db.collection('bad name')).toThrow(/invalid collection name/);
    expect(() => db.collection('x'.repeat(65))).toThrow(/invalid collection name/);
    expect(() => db.collection('s').doc('')).toThrow(/docId/);
    await failure(() => db.collection('s').add({ data: { n: NaN } }));
    await failure(() => db.collection('s').add({ data: { $bad: 1 } }));
    await failure(() => db.collection('s').where({ a: 1 }).update({ data: {} }));
    await failure(() => db.collection('s').remove());
  });

  it('never runs JavaScript from a condition ($where / $function)', async () => {
    const c = db.collection('s');
    await c.add({ data: { a: 1 } });
    await failure(() => c.where({ $where: 'true' }).get());
    const fn = { $function: { body: 'function () { return true }', args: [], lang: 'js' } };
    await failure(() => c.where({ $expr: fn }).get());
    await failure(() => c.aggregate().project({ x: fn }).end());
  });

  it('geoNear cannot be counted', async () => {
    const _ = db.command;
    const e = await failure(() =>
      db
        .collection('g')
        .where({ loc: _.geoNear({ geometry: db.Geo.Point(1, 2) }) })
        .count(),
    );
    expect(e.message).toMatch(/geoNear/);
  });
});

describe('transactions and concurrency', () => {
  it('concurrent read-modify-write transactions conflict instead of losing updates (optimistic, as on CloudBase)', async () => {
    const c = db.collection('ctr');
    await c.doc('n').set({ data: { v: 0 } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        db.runTransaction(async (tx) => {
          const { data } = await tx.collection('ctr').doc('n').get();
          await sleep(1);
          await tx
            .collection('ctr')
            .doc('n')
            .update({ data: { v: (data.v as number) + 1 } });
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled').length;
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(won).toBeGreaterThanOrEqual(1);
    expect(lost.length).toBeGreaterThanOrEqual(1);
    for (const e of lost) expect(e.message).toMatch(/TransactionConflict/);
    expect((await c.doc('n').get()).data.v).toBe(won); // every committed increment is there, none lost
  });

  it("keeps an open transaction's writes to itself until commit; other requests do not wait for it", async () => {
    const c = db.collection('iso');
    await c.doc('a').set({ data: { v: 1 } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside: unknown;
    const tx = db.runTransaction(async (t) => {
      await t
        .collection('iso')
        .doc('a')
        .update({ data: { v: 2 } });
      inside = (await t.collection('iso').doc('a').get()).data.v;
      await gate;
    });
    await sleep(5);
    expect(inside).toBe(2);
    expect((await c.doc('a').get()).data.v).toBe(1); // answered while the transaction is still open
    release();
    await tx;
    expect((await c.doc('a').get()).data.v).toBe(2);
  });

  it('refuses non-transactional calls inside the callback, nested transactions and late operations', async () => {
    const c = db.collection('tx');
    let saved: Parameters<Parameters<LocalDatabase['runTransaction']>[0]>[0] | undefined;
    const e = await failure(() =>
      db.runTransaction(async (tx) => {
        saved = tx;
        await c.doc('x').get();
      }),
    );
    expect(e.message).toMatch(/inside runTransaction/);
    let bulk: Error | undefined;
    await db.runTransaction(async () => {
      bulk = await failure(() => db.bulkInsert('tx', [{ a: 1 }]));
    });
    expect(bulk?.message).toMatch(/inside runTransaction/);
    expect((await failure(() => db.runTransaction(async () => db.runTransaction(async () => 1)))).message).toMatch(
      /nested/,
    );
    expect((await failure(() => saved!.collection('tx').doc('x').get())).message).toMatch(/aborted/);
  });

  it('a failed write aborts the transaction, as in MongoDB', async () => {
    const c = db.collection('ab');
    await c.doc('dup').set({ data: { a: 1 } });
    const e = await failure(() =>
      db.runTransaction(async (tx) => {
        await tx
          .collection('ab')
          .doc('other')
          .set({ data: { a: 2 } });
        await tx
          .collection('ab')
          .add({ data: { _id: 'dup' } })
          .catch(() => undefined);
        await tx
          .collection('ab')
          .doc('third')
          .set({ data: { a: 3 } });
      }),
    );
    expect(e.message).toMatch(/duplicate/);
    expect((await c.count()).total).toBe(1);
  });

  it('rolls back collections created inside a rolled-back transaction cleanly', async () => {
    await failure(() =>
      db.runTransaction(async (tx) => {
        await tx.collection('fresh').add({ data: { a: 1 } });
        throw new Error('no');
      }),
    );
    await db.collection('fresh').add({ data: { a: 2 } });
    expect((await db.collection('fresh').count()).total).toBe(1);
  });

  it('rolls back a transaction that runs past its timeout and frees the lock', async () => {
    const quick = createDatabase({ file: ':memory:', transactionTimeoutMs: 50 });
    let late: Promise<unknown> | undefined;
    const e = await failure(() =>
      quick.runTransaction(async (tx) => {
        await tx
          .collection('t')
          .doc('a')
          .set({ data: { v: 1 } });
        await sleep(150);
        late = tx
          .collection('t')
          .doc('b')
          .set({ data: { v: 2 } });
        await late;
      }),
    );
    expect(e.message).toMatch(/did not finish within 50 ms/);
    expect((await quick.collection('t').count()).total).toBe(0); // the lock is free again
    await sleep(150);
    expect((await failure(() => late)).message).toMatch(/aborted/);
    expect((await quick.collection('t').count()).total).toBe(0);
    quick.close();
  });

  it('rejects operations after close()', async () => {
    db.close();
    expect(db.isOpen()).toBe(false);
    expect((await failure(() => db.collection('s').get())).message).toMatch(/closed/);
  });
});

describe('query plans', () => {
  beforeEach(async () => {
    db.bulkInsert(
      'tips',
      Array.from({ length: 50 }, (_, i) => ({
        dept: `d${i % 3}`,
        status: i % 2 ? 'open' : 'done',
        at: new Date(1e12 + i),
        code: `c${i}`,
        tags: ['x'],
      })),
    );
  });

  it('pushes an indexed where + orderBy + paging, and count, into SQLite', async () => {
    const c = db.collection('tips');
    const page = await c.where({ dept: 'd1', status: 'open' }).orderBy('at', 'desc').skip(2).limit(3).get();
    expect(db.lastPlan).toBe('sql');
    expect(page.data.map((d) => d.code)).toEqual(['c37', 'c31', 'c25']);
    expect((await c.where({ dept: 'd1', status: 'open' }).count()).total).toBe(9);
    expect(db.lastPlan).toBe('sql-count');
  });

  it('pages an IN over a declared field as a merge of per-value index scans', async () => {
    const c = db.collection('tips');
    const _ = db.command;
    const page = await c
      .where({ dept: 'd1', status: _.in(['open', 'done', 'open']) })
      .orderBy('at', 'desc')
      .skip(2)
      .limit(4)
      .get();
    expect(db.lastPlan).toBe('sql-in-merge');
    expect(page.data.map((d) => d.code)).toEqual(['c43', 'c40', 'c37', 'c34']);
  });

  it('falls back to mingo for undeclared fields, still ordering in SQL when it can', async () => {
    const c = db.collection('tips');
    await c.where({ dept: 'd1', tags: 'x' }).orderBy('at', 'asc').limit(2).get();
    expect(db.lastPlan).toBe('sql-order+filter');
    await c.where({ dept: 'd1' }).orderBy('tags', 'asc').limit(2).get();
    expect(db.lastPlan).toBe('filter+sort');
    await c.where({ tags: 'x' }).count();
    expect(db.lastPlan).toBe('filter-count');
    await c.add({ data: { 'odd-name': 1, 名称: '甲' } });
    const odd = await c.where({ 'odd-name': 1, 名称: '甲' }).orderBy('名称', 'asc').orderBy('odd-name', 'desc').get();
    expect(odd.data).toHaveLength(1);
  });
});

describe('geo prefilter', () => {
  it('the SQL bounding box never drops a match (random points, radii, polygons, multikey)', async () => {
    const c = db.collection('pts');
    const _ = db.command;
    const center: [number, number] = [121.44, 31.33];
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const docs = Array.from({ length: 400 }, (_x, i) => {
      const p = db.Geo.Point(center[0] + (rand() - 0.5) * 0.2, center[1] + (rand() - 0.5) * 0.2);
      return i % 25 === 0 ? { i, loc: [p, db.Geo.Point(0, 0)] } : { i, loc: p };
    });
    db.bulkInsert('pts', docs);
    const stored = docs.map((d) => ({
      i: d.i,
      pts: (Array.isArray(d.loc) ? d.loc : [d.loc]).map((p) => [p.longitude, p.latitude] as [number, number]),
    }));
    const { distanceMeters } = await import('./geo');
    for (let round = 0; round < 25; round++) {
      const r = 200 + rand() * 8000;
      const near = await c
        .where({ loc: _.geoNear({ geometry: db.Geo.Point(...center), maxDistance: r }) })
        .limit(100)
        .get();
      const want = stored
        .map((d) => ({ i: d.i, d: Math.min(...d.pts.map((p) => distanceMeters(center, p))) }))
        .filter((x) => x.d <= r)
        .sort((a, b) => a.d - b.d)
        .slice(0, 100);
      expect(near.data.map((d) => d.i)).toEqual(want.map((x) => x.i));
      const within = await c.where({ loc: _.geoWithin({ centerSphere: [center, r / 6378100] }) }).count();
      expect(within.total).toBe(stored.filter((d) => d.pts.some((p) => distanceMeters(center, p) <= r)).length);
    }
    const ring = [
      [121.4, 31.3],
      [121.48, 31.3],
      [121.48, 31.36],
      [121.4, 31.36],
      [121.4, 31.3],
    ];
    const polygon = db.Geo.Polygon([db.Geo.LineString(ring.map(([x, y]) => db.Geo.Point(x, y)))]);
    const inPoly = await c.where({ loc: _.geoWithin({ geometry: polygon }) }).count();
    const inside = ([x, y]: [number, number]) => x > 121.4 && x < 121.48 && y > 31.3 && y < 31.36;
    expect(inPoly.total).toBe(stored.filter((d) => d.pts.some(inside)).length);
  });
});

describe('SQL prefilter equals MongoDB semantics (randomized)', () => {
  // a, b are declared (scalar, mixed types); c is undeclared and may hold arrays.
  const POOL: unknown[] = [
    null,
    0,
    1,
    2,
    -1.5,
    true,
    false,
    '',
    'a',
    'b',
    'B',
    '{x',
    '中文',
    new Date(0),
    new Date(1e12),
    new Date(2e12),
  ];
  const MISSING = Symbol('missing');

  function rng(seed: number) {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
  }

  it('gives the same documents and counts as mingo for random conditions', async () => {
    const rand = rng(42);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const indexed = createDatabase({ file: ':memory:', indexes: { r: [['a', 'b'], ['b'], ['n'], ['s']] } });
    const source: Doc[] = [];
    for (let i = 0; i < 90; i++) {
      const doc: Doc = { _id: `r${String(i).padStart(2, '0')}`, n: (i * 7) % 90, s: `s${(i * 13) % 90}` };
      for (const f of ['a', 'b']) {
        const v = pick([...POOL, MISSING]);
        if (v !== MISSING) doc[f] = v;
      }
      const cv = pick([...POOL, MISSING, ['a', 1], [true, null]]);
      if (cv !== MISSING) doc.c = cv;
      source.push(doc);
    }
    indexed.bulkInsert('r', source);
    const stored = source.map((d) => toStoredValue(d, '') as Doc);
    const _ = indexed.command;
    const ops: ((v: unknown) => unknown)[] = [
      (v) => v,
      (v) => _.eq(v),
      (v) => _.neq(v),
      (v) => _.gt(v),
      (v) => _.gte(v),
      (v) => _.lt(v),
      (v) => _.lte(v),
      (v) => _.in([v, pick(POOL)]),
      (v) => _.nin([v, pick(POOL)]),
      () => _.exists(rand() < 0.5),
    ];
    const clause = () => ({ [pick(['a', 'b', 'a', 'b', 'c'])]: pick(ops)(pick(POOL)) });
    for (let round = 0; round < 300; round++) {
      const kind = rand();
      const cond =
        kind < 0.5
          ? { ...clause(), ...clause() }
          : kind < 0.8
            ? _.or([clause(), clause()])
            : _.and([clause(), { a: _.neq(pick(POOL)) }]);
      const oracle = compileFilter(encodeWhere(cond));
      const expected = stored.filter(oracle).map((d) => d._id as string);
      const got = (await indexed.collection('r').where(cond).get()).data.map((d) => d._id as string);
      const describe = `round ${round}: ${JSON.stringify(encodeWhere(cond))}`;
      expect([describe, [...got].sort()]).toEqual([describe, [...expected].sort()]);
      expect([describe, (await indexed.collection('r').where(cond).count()).total]).toEqual([
        describe,
        expected.length,
      ]);

      // ordering/paging on single-typed declared fields is pushed down too
      const field = pick(['n', 's']);
      const dir = pick(['asc', 'desc'] as const);
      const skip = Math.floor(rand() * 5);
      const page = (await indexed.collection('r').where(cond).orderBy(field, dir).skip(skip).limit(7).get()).data.map(
        (d) => d._id,
      );
      const want = sortDocs(stored.filter(oracle), [[field, dir === 'asc' ? 1 : -1]])
        .slice(skip, skip + 7)
        .map((d) => d._id);
      expect([describe, field, dir, page]).toEqual([describe, field, dir, want]);
    }
    indexed.close();
  });
});
