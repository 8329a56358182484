/**
 * The local engine refuses what CloudBase refuses and promises no more than it does: batch add,
 * field names, the 16 MB document limit, geo queries without a 2dsphere index, collections that
 * were never created, multi-document updates that are atomic per document only, and the query
 * observer the index-coverage check uses.
 */
import { createDatabase, type LocalDatabase, type QueryReport } from './index';

let db: LocalDatabase;
beforeEach(() => {
  db = createDatabase({ file: ':memory:', indexes: { tips: [['dept', 'at']] }, geoIndexes: { tips: ['geo'] } });
});
afterEach(() => db.close());

const failure = async (fn: () => unknown): Promise<Error & { errCode?: number }> => {
  try {
    await fn();
  } catch (e) {
    return e as Error & { errCode?: number };
  }
  throw new Error('expected a failure');
};

describe('batch add', () => {
  it('inserts an array in one request and answers `_ids` in order', async () => {
    const c = db.collection('b');
    db.resetStats();
    const res = await c.add({ data: [{ _id: 'x', n: 1 }, { n: 2 }, { n: 3 }] });
    expect(res).toMatchObject({ errMsg: 'collection.add:ok' });
    expect(res._ids).toHaveLength(3);
    expect(res._ids[0]).toBe('x');
    expect(db.stats()).toEqual({ reads: 0, writes: 1 });
    const stored = (await c.where({}).get()).data;
    expect(Object.fromEntries(stored.map((d) => [d._id, d.n]))).toEqual({
      x: 1,
      [res._ids[1]]: 2,
      [res._ids[2]]: 3,
    });
  });

  it('stops at a failing document like an ordered insertMany: the ones before it stay', async () => {
    const c = db.collection('b');
    await c.add({ data: { _id: 'dup' } });
    const e = await failure(() => c.add({ data: [{ _id: 'a' }, { _id: 'dup' }, { _id: 'c' }] }));
    expect(e.message).toMatch(/E11000 duplicate key/);
    expect(e.errCode).toBe(-502001);
    expect((await c.where({}).get()).data.map((d) => d._id).sort()).toEqual(['a', 'dup']);
    expect((await failure(() => c.add({ data: [] }))).message).toMatch(/at least one document/);
  });

  it('works inside a transaction: all or nothing with it', async () => {
    await expect(
      db.runTransaction(async (tx) => {
        await tx.collection('b').add({ data: [{ _id: 'p' }, { _id: 'q' }] });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await db.collection('b').where({}).count()).total).toBe(0);
    const res = await db.runTransaction((tx) => tx.collection('b').add({ data: [{ _id: 'p' }, { _id: 'q' }] }));
    expect(res).toEqual({ _ids: ['p', 'q'], errMsg: 'collection.add:ok' });
    expect((await db.collection('b').where({}).count()).total).toBe(2);
  });
});

describe('field names and document size', () => {
  it('refuses "." and a leading "$" in stored field names, nested too', async () => {
    const c = db.collection('f');
    const _ = db.command;
    const refused = [
      () => c.add({ data: { 'a.b': 1 } }),
      () => c.add({ data: { nested: { 'x.y': 1 } } }),
      () => c.add({ data: { list: [{ $bad: 1 }] } }),
      () => c.add({ data: [{ ok: 1 }, { 'a.b': 1 }] }),
      () => c.doc('d').set({ data: { 'a.b': 1 } }),
      () => c.doc('d').set({ data: { $x: 1 } }),
      () => c.doc('d').update({ data: { a: _.set({ 'b.c': 1 }) } }),
      () => c.doc('d').update({ data: { list: _.push({ 'b.c': 1 }) } }),
      () => db.runTransaction((tx) => tx.collection('f').add({ data: { 'a.b': 1 } })),
    ];
    await c.doc('d').set({ data: { a: { b: 0 }, list: [] } });
    for (const fn of refused) {
      const e = await failure(fn);
      expect(e.message).toMatch(/must not (contain "\."|start with "\$")/);
      expect(e.errCode).toBe(-502001);
    }
    // `[{ ok: 1 }, { 'a.b': 1 }]` is checked before anything is written
    expect((await c.where({}).count()).total).toBe(1);
    // In update() a dotted key is a path into the document (the normal nested-update syntax).
    await c.doc('d').update({ data: { 'a.b': 2, 'a.c': 3 } });
    expect((await c.doc('d').get()).data.a).toEqual({ b: 2, c: 3 });
  });

  it('refuses a document over 16 MB (add, set, an update that grows it, in a transaction)', async () => {
    const c = db.collection('big');
    const huge = 'x'.repeat(16 * 1024 * 1024);
    const half = 'y'.repeat(9 * 1024 * 1024);
    for (const fn of [
      () => c.add({ data: { huge } }),
      () => c.doc('s').set({ data: { huge } }),
      () => db.runTransaction((tx) => tx.collection('big').doc('t').set({ data: { huge } })),
    ]) {
      const e = await failure(fn);
      expect(e.message).toMatch(/document too large: \d+ bytes, max size: 16777216/);
      expect(e.errCode).toBe(-502001);
    }
    await c.doc('g').set({ data: { a: half } });
    expect((await failure(() => c.doc('g').update({ data: { b: half } }))).message).toMatch(/too large/);
    expect(((await c.doc('g').get()).data.a as string).length).toBe(half.length);
    expect((await c.where({}).count()).total).toBe(1);
  });
});

describe('geo queries need a declared 2dsphere index', () => {
  it('refuses geoNear / geoWithin on an undeclared field, in queries, counts and aggregates', async () => {
    const _ = db.command;
    const at = db.Geo.Point(121.4, 31.3);
    await db.collection('tips').add({ data: { geo: at, loc: at } });
    await db.collection('other').add({ data: { geo: at } });
    const near = { geometry: at, maxDistance: 1000 };
    const within = { centerSphere: [at, 0.001] };
    for (const fn of [
      () =>
        db
          .collection('tips')
          .where({ loc: _.geoNear(near) })
          .get(),
      () =>
        db
          .collection('other')
          .where({ geo: _.geoNear(near) })
          .get(),
      () =>
        db
          .collection('tips')
          .where({ loc: _.geoWithin(within) })
          .count(),
      () =>
        db
          .collection('tips')
          .where(_.or([{ loc: _.geoWithin(within) }, { x: 1 }]))
          .get(),
      () =>
        db
          .collection('tips')
          .where({ loc: _.geoWithin(within) })
          .update({ data: { x: 1 } }),
      () =>
        db
          .collection('tips')
          .aggregate()
          .match({ loc: _.geoWithin(within) })
          .end(),
    ]) {
      const e = await failure(fn);
      expect(e.message).toMatch(/unable to find index for \$geo(Near|Within) query/);
      expect(e.errCode).toBe(-502001);
    }
    expect(
      (
        await db
          .collection('tips')
          .where({ geo: _.geoNear(near) })
          .get()
      ).data,
    ).toHaveLength(1);
    expect(
      (
        await db
          .collection('tips')
          .where({ geo: _.geoWithin(within) })
          .count()
      ).total,
    ).toBe(1);
  });

  it('refuses a value in a 2dsphere field that is not GeoJSON, as MongoDB does', async () => {
    const c = db.collection('tips');
    const e = await failure(() => c.add({ data: { geo: { latitude: 31.3, longitude: 121.4 } } }));
    expect(e.message).toMatch(/Can't extract geo keys/);
    await c.add({ data: { geo: null } });
    await c.add({ data: { geo: db.Geo.Point(121.4, 31.3) } });
    await c.add({ data: {} });
  });

  it('rejects a declaration that makes a field both scalar-indexed and 2dsphere', () => {
    expect(() => createDatabase({ file: ':memory:', indexes: { t: [['geo']] }, geoIndexes: { t: ['geo'] } })).toThrow(
      /both/,
    );
  });
});

describe('collections that were never created', () => {
  it('with a list of collections, any other one fails as on CloudBase until created', async () => {
    const strict = createDatabase({ file: ':memory:', collections: ['users'] });
    await strict.collection('users').add({ data: { _id: 'u' } });
    const e = await failure(() => strict.collection('usres').doc('u').get());
    expect(e.errCode).toBe(-502005);
    expect(e.message).toBe(
      'document.get:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist: usres. ' +
        'Please check your request, but if the problem persists, contact us.',
    );
    const inTx = await failure(() => strict.runTransaction((tx) => tx.collection('usres').doc('u').get()));
    expect(inTx.errCode).toBe(-502005);
    expect((await strict.createCollection('usres')).errMsg).toBe('database.createCollection:ok');
    expect((await failure(() => strict.createCollection('usres'))).message).toMatch(/Table exist/);
    await strict.collection('usres').add({ data: { a: 1 } });
    // a $lookup from a missing collection joins nothing, as in MongoDB
    const { list } = await strict
      .collection('users')
      .aggregate()
      .lookup({ from: 'nowhere', localField: '_id', foreignField: 'u', as: 'x' })
      .end();
    expect(list).toEqual([{ _id: 'u', x: [] }]);
    strict.close();
  });

  it('without a list, collections are created on first use (tests and the default)', async () => {
    expect((await db.collection('anything').where({}).count()).total).toBe(0);
  });
});

describe('multi-document where().update() is atomic per document only', () => {
  const seed = async (n: number) => {
    const docs = Array.from({ length: n }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, i, v: 0 }));
    db.bulkInsert('m', docs);
  };

  it('other operations run between its batches and can see it partly applied', async () => {
    await seed(1000);
    const c = db.collection('m');
    const seen: number[] = [];
    let done = false;
    const update = c
      .where({ v: 0 })
      .update({ data: { v: 1 } })
      .finally(() => (done = true));
    while (!done) {
      seen.push((await c.where({ v: 1 }).count()).total);
      await new Promise((r) => setImmediate(r)); // a request arriving from outside (I/O), not a microtask
    }
    expect((await update).stats.updated).toBe(1000);
    expect(seen.some((n) => n > 0 && n < 1000)).toBe(true);
    expect((await c.where({ v: 1 }).count()).total).toBe(1000);
  });

  it('a failure part-way leaves the documents before it updated', async () => {
    await seed(300);
    const c = db.collection('m');
    await c.doc('d0250').update({ data: { v: 'text' } });
    const e = await failure(() => c.where({ i: db.command.gte(0) }).update({ data: { v: db.command.inc(1) } }));
    expect(e.message).toMatch(/non-numeric/);
    expect((await c.where({ v: 1 }).count()).total).toBe(250);
    expect((await c.doc('d0299').get()).data.v).toBe(0);
  });

  it('re-checks each document when its turn comes: one changed meanwhile so it no longer matches is skipped', async () => {
    await seed(300);
    const c = db.collection('m');
    const update = c.where({ v: 0 }).update({ data: { v: 2 } });
    await c.doc('d0299').update({ data: { v: 9 } }); // runs between the update's batches
    expect((await update).stats.updated).toBe(299);
    expect((await c.doc('d0299').get()).data.v).toBe(9);
  });

  it('where().remove() works the same way', async () => {
    await seed(250);
    expect((await db.collection('m').where({ v: 0 }).remove()).stats.removed).toBe(250);
    expect((await db.collection('m').where({}).count()).total).toBe(0);
  });
});

describe('onQuery', () => {
  it('reports the field paths each query filters and sorts on', async () => {
    const seen: QueryReport[] = [];
    const observed = createDatabase({ file: ':memory:', onQuery: (q) => seen.push(q) });
    const _ = observed.command;
    const c = observed.collection('tipoffs');
    await c.add({ data: { status: 'open' } });
    await c
      .where({ departmentId: 'd', status: _.in(['a', 'b']), location: { area: 'x' } })
      .orderBy('dueAt', 'asc')
      .orderBy('_id', 'asc')
      .get();
    await c.where(_.or([{ reporter: 'r' }, { followers: _.elemMatch({ openid: 'o' }) }])).count();
    await c.where({ status: 'x' }).update({ data: { y: 1 } });
    await c.where({ createdAt: _.lt(new Date()) }).remove();
    await c
      .aggregate()
      .match({ departmentId: 'd' })
      .sort({ createdAt: -1 })
      .group({ _id: '$status', n: { $sum: 1 } })
      .sort({ n: -1 })
      .end();
    await c
      .doc('x')
      .get()
      .catch(() => undefined); // by _id: not a query
    expect(seen).toEqual([
      {
        collection: 'tipoffs',
        op: 'get',
        where: ['departmentId', 'status', 'location.area'],
        orderBy: ['dueAt', '_id'],
      },
      { collection: 'tipoffs', op: 'count', where: ['reporter', 'followers', 'followers.openid'], orderBy: [] },
      { collection: 'tipoffs', op: 'update', where: ['status'], orderBy: [] },
      { collection: 'tipoffs', op: 'remove', where: ['createdAt'], orderBy: [] },
      { collection: 'tipoffs', op: 'aggregate', where: ['departmentId'], orderBy: ['createdAt'] },
    ]);
    observed.close();
  });
});
