/**
 * Contract suite for the `Database` interface (cloudfunctions/core/db.ts), written once and run
 * against every target: the local engine without indexes, the local engine with the queried
 * fields declared (so the SQL prefilter/pushdown paths answer the same questions), and a real
 * CloudBase environment when credentials are in the environment.
 *
 * Assertions marked `local` check limits the local engine enforces more loudly than CloudBase.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Collection, Database, DocData } from '../../cloudfunctions/core/db';
import { createDatabase } from './index';

jest.setTimeout(60_000);

interface Target {
  name: string;
  /** Local engine: also check the limits it enforces beyond CloudBase. */
  local: boolean;
  /** Geo queries available (CloudBase needs a pre-made geo index). */
  geoCollection?: string;
  db: Database;
  /** A fresh collection for one test group. */
  coll(name: string): Promise<Collection>;
  close(): Promise<void>;
}

// Fields the query tests filter and sort on; declared in the indexed local target.
const QUERY_INDEXES = [['n'], ['s', 'n'], ['flag'], ['d'], ['v'], ['nested.k'], ['opt']];

function localTarget(name: string, indexed: boolean): () => Promise<Target> {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ldb-contract-'));
    const prefix = 't_';
    const indexes: Record<string, string[][]> = indexed
      ? { [`${prefix}query`]: QUERY_INDEXES, [`${prefix}orders`]: [['dept'], ['amt']] }
      : {};
    // Geo queries need a 2dsphere index, on CloudBase and here.
    const db = createDatabase({
      file: path.join(dir, 'contract.db'),
      indexes,
      geoIndexes: { [`${prefix}geo`]: ['loc'] },
    });
    return {
      name,
      local: true,
      geoCollection: `${prefix}geo`,
      db,
      coll: async (n) => db.collection(`${prefix}${n}`),
      close: async () => {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

const CLOUD_VARS = ['CLOUDBASE_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;
const haveCloud = CLOUD_VARS.every((v) => !!process.env[v]);

function cloudTarget(): Promise<Target> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk');
  cloud.init({
    env: process.env.CLOUDBASE_ENV,
    secretId: process.env.TENCENTCLOUD_SECRETID,
    secretKey: process.env.TENCENTCLOUD_SECRETKEY,
  });
  const db = cloud.database() as Database & { createCollection(name: string): Promise<unknown> };
  const prefix = `ct${Math.random().toString(36).slice(2, 8)}_`;
  const created: string[] = [];
  return Promise.resolve({
    name: 'CloudBase',
    local: false,
    // Geo queries need a geo index, which the SDK cannot create: name a collection that has one.
    geoCollection: process.env.CLOUDBASE_GEO_COLLECTION,
    db,
    coll: async (n) => {
      const name = `${prefix}${n}`;
      await db.createCollection(name).catch(() => undefined);
      created.push(name);
      return db.collection(name);
    },
    close: async () => {
      // wx-server-sdk cannot drop collections: empty them (they stay, empty, in the environment).
      const _ = db.command;
      for (const name of created)
        await db
          .collection(name)
          .where({ _id: _.exists(true) })
          .remove()
          .catch(() => undefined);
    },
  });
}

const targets: [string, () => Promise<Target>][] = [
  ['local engine', localTarget('local engine', false)],
  ['local engine, declared indexes', localTarget('local engine, declared indexes', true)],
];

if (haveCloud) {
  targets.push(['CloudBase', cloudTarget]);
} else {
  console.info(
    `contract: CloudBase target skipped; set ${CLOUD_VARS.join(', ')} (and optionally CLOUDBASE_GEO_COLLECTION) to run it`,
  );
  describe.skip('contract: CloudBase', () => {
    it('needs credentials', () => undefined);
  });
}

/** Runs fn and resolves with what it threw or rejected with (sync throws count, as in the SDK). */
async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure, but the call succeeded');
}

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

describe.each(targets)('contract: %s', (_label, makeTarget) => {
  let t: Target;
  let db: Database;
  beforeAll(async () => {
    t = await makeTarget();
    db = t.db;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function ids(c: Collection, where: Record<string, unknown>): Promise<string[]> {
    const { data } = await c.where(where).get();
    return data.map((d) => d._id as string).sort();
  }

  describe('CRUD and result shapes', () => {
    let c: Collection;
    beforeAll(async () => {
      c = await t.coll('crud');
    });

    it('add() returns a generated _id; doc().get() returns the document', async () => {
      const res = await c.add({ data: { title: 'first', n: 1 } });
      expect(typeof res._id).toBe('string');
      expect(res._id.length).toBeGreaterThanOrEqual(20);
      const got = await c.doc(res._id).get();
      expect(got.data).toMatchObject({ _id: res._id, title: 'first', n: 1 });
    });

    it('add() with an explicit _id keeps it; adding it again rejects with a duplicate-key error', async () => {
      const res = await c.add({ data: { _id: 'fixed-id', v: 1 } });
      expect(res._id).toBe('fixed-id');
      const e = await failure(() => c.add({ data: { _id: 'fixed-id', v: 2 } }));
      expect(msg(e)).toMatch(/duplicate/i);
      expect((await c.doc('fixed-id').get()).data).toMatchObject({ v: 1 });
    });

    it('doc().get() of a missing document rejects with "does not exist"', async () => {
      const e = await failure(() => c.doc('no-such-doc').get());
      expect(msg(e)).toMatch(/does not exist/);
    });

    it('doc().set() creates, then replaces the whole document', async () => {
      const created = await c.doc('set-me').set({ data: { a: 1, b: 2 } });
      expect(created).toMatchObject({ _id: 'set-me', stats: { updated: 0, created: 1 } });
      const replaced = await c.doc('set-me').set({ data: { a: 5 } });
      expect(replaced).toMatchObject({ _id: 'set-me', stats: { updated: 1, created: 0 } });
      const { data } = await c.doc('set-me').get();
      expect(data).toEqual({ _id: 'set-me', a: 5 });
    });

    it('doc().update() merges and reports updated: 1; a missing document gives updated: 0', async () => {
      await c.doc('upd').set({ data: { a: 1, keep: 'yes' } });
      expect(await c.doc('upd').update({ data: { a: 2 } })).toMatchObject({ stats: { updated: 1 } });
      expect((await c.doc('upd').get()).data).toEqual({ _id: 'upd', a: 2, keep: 'yes' });
      expect(await c.doc('missing-upd').update({ data: { a: 2 } })).toMatchObject({ stats: { updated: 0 } });
    });

    it('doc().remove() reports removed', async () => {
      await c.doc('rm').set({ data: { a: 1 } });
      expect(await c.doc('rm').remove()).toMatchObject({ stats: { removed: 1 } });
      expect(await c.doc('rm').remove()).toMatchObject({ stats: { removed: 0 } });
    });

    it('where().update() / where().remove() / count() report their numbers', async () => {
      const m = await t.coll('multi');
      for (let i = 0; i < 5; i++) await m.add({ data: { group: i < 3 ? 'g1' : 'g2', i } });
      expect(await m.where({ group: 'g1' }).count()).toMatchObject({ total: 3 });
      expect(await m.where({ group: 'g1' }).update({ data: { touched: true } })).toMatchObject({
        stats: { updated: 3 },
      });
      expect(await m.where({ touched: true }).count()).toMatchObject({ total: 3 });
      expect(await m.where({ group: 'g2' }).remove()).toMatchObject({ stats: { removed: 2 } });
      expect(await m.where({}).count()).toMatchObject({ total: 3 });
    });

    it('updates cannot change _id; set() data cannot carry _id', async () => {
      await c.doc('idfix').set({ data: { a: 1 } });
      await failure(() => c.doc('idfix').update({ data: { _id: 'other' } }));
      await failure(() => c.doc('idfix').set({ data: { _id: 'other', a: 2 } }));
      await failure(() => c.where({ a: 1 }).update({ data: { _id: 'other' } }));
      expect((await c.doc('idfix').get()).data).toEqual({ _id: 'idfix', a: 1 });
    });

    it('doc().field() and where().field() project fields', async () => {
      await c.doc('proj').set({ data: { a: 1, b: 2, c: { d: 3, e: 4 } } });
      expect((await c.doc('proj').field({ a: true }).get()).data).toEqual({ _id: 'proj', a: 1 });
      const { data } = await c.where({ _id: 'proj' }).field({ b: false, 'c.e': false }).get();
      expect(data).toEqual([{ _id: 'proj', a: 1, c: { d: 3 } }]);
    });
  });

  describe('query semantics and command operators', () => {
    let q: Collection;
    beforeAll(async () => {
      q = await t.coll('query');
      const docs: DocData[] = [
        {
          _id: 'q1',
          n: 1,
          s: 'apple',
          flag: true,
          v: 1,
          d: new Date('2024-01-01T00:00:00Z'),
          tags: ['x', 'y'],
          nested: { k: 1, m: 'a' },
          items: [
            { a: 1, b: 'p' },
            { a: 5, b: 'q' },
          ],
        },
        {
          _id: 'q2',
          n: 2,
          s: 'banana',
          flag: false,
          v: true,
          d: new Date('2024-02-01T00:00:00Z'),
          tags: ['y'],
          nested: { k: 2 },
          items: [{ a: 2, b: 'p' }],
        },
        {
          _id: 'q3',
          n: 3,
          s: 'cherry',
          flag: true,
          v: 0,
          d: new Date('2024-03-01T00:00:00Z'),
          tags: [],
          nested: { k: 3 },
          opt: null,
        },
        { _id: 'q4', n: 4, s: 'Apricot', v: false, tags: ['x', 'z'], items: [] },
        {
          _id: 'q5',
          n: 0,
          s: 'date',
          flag: false,
          d: new Date('2023-12-31T00:00:00Z'),
          tags: ['z'],
          nested: { k: 1 },
          opt: 'set',
        },
      ];
      for (const d of docs) await q.add({ data: d });
    });

    it('equality, neq, and values of different types stay apart (1 ≠ true)', async () => {
      const _ = db.command;
      expect(await ids(q, { n: _.eq(2) })).toEqual(['q2']);
      expect(await ids(q, { flag: true })).toEqual(['q1', 'q3']);
      expect(await ids(q, { v: 1 })).toEqual(['q1']);
      expect(await ids(q, { v: true })).toEqual(['q2']);
      expect(await ids(q, { v: 0 })).toEqual(['q3']);
      expect(await ids(q, { s: _.neq('apple') })).toEqual(['q2', 'q3', 'q4', 'q5']);
      expect(await ids(q, { v: _.neq(1) })).toEqual(['q2', 'q3', 'q4', 'q5']);
    });

    it('gt / gte / lt / lte on numbers, strings and dates', async () => {
      const _ = db.command;
      expect(await ids(q, { n: _.gt(2) })).toEqual(['q3', 'q4']);
      expect(await ids(q, { n: _.gte(2) })).toEqual(['q2', 'q3', 'q4']);
      expect(await ids(q, { n: _.lt(2) })).toEqual(['q1', 'q5']);
      expect(await ids(q, { n: _.lte(0) })).toEqual(['q5']);
      expect(await ids(q, { v: _.gt(0) })).toEqual(['q1']);
      expect(await ids(q, { s: _.gte('b').and(_.lt('d')) })).toEqual(['q2', 'q3']);
      expect(await ids(q, { d: _.gte(new Date('2024-01-15T00:00:00Z')) })).toEqual(['q2', 'q3']);
      expect(await ids(q, { d: _.lt(new Date('2024-01-15T00:00:00Z')) })).toEqual(['q1', 'q5']);
    });

    it('in / nin (nin also matches a missing field)', async () => {
      const _ = db.command;
      expect(await ids(q, { s: _.in(['apple', 'date', 'zzz']) })).toEqual(['q1', 'q5']);
      expect(await ids(q, { s: _.nin(['apple', 'date']) })).toEqual(['q2', 'q3', 'q4']);
      expect(await ids(q, { flag: _.nin([true]) })).toEqual(['q2', 'q4', 'q5']);
      expect(await ids(q, { v: _.in([true, 0]) })).toEqual(['q2', 'q3']);
      expect(await ids(q, { n: _.in([]) })).toEqual([]);
    });

    it('exists, null (matches missing too), size, all, elemMatch', async () => {
      const _ = db.command;
      expect(await ids(q, { flag: _.exists(false) })).toEqual(['q4']);
      expect(await ids(q, { opt: _.exists(true) })).toEqual(['q3', 'q5']);
      expect(await ids(q, { opt: null })).toEqual(['q1', 'q2', 'q3', 'q4']);
      expect(await ids(q, { tags: _.size(2) })).toEqual(['q1', 'q4']);
      expect(await ids(q, { tags: _.all(['x', 'y']) })).toEqual(['q1']);
      expect(await ids(q, { items: _.elemMatch({ a: _.gt(1), b: 'p' }) })).toEqual(['q2']);
    });

    it('and / or / nor / not, chained and top-level', async () => {
      const _ = db.command;
      expect(await ids(q, { n: _.gt(1).and(_.lt(4)) })).toEqual(['q2', 'q3']);
      expect(await ids(q, _.and([{ n: _.gt(0) }, { flag: true }]))).toEqual(['q1', 'q3']);
      expect(await ids(q, { n: _.lt(1).or(_.gt(3)) })).toEqual(['q4', 'q5']);
      expect(await ids(q, { n: _.or(_.eq(1), _.eq(3)) })).toEqual(['q1', 'q3']);
      expect(await ids(q, _.or([{ s: 'apple' }, { n: 4 }]))).toEqual(['q1', 'q4']);
      expect(await ids(q, _.nor([{ flag: true }, { n: 0 }]))).toEqual(['q2', 'q4']);
      expect(await ids(q, { n: _.not(_.gt(2)) })).toEqual(['q1', 'q2', 'q5']);
    });

    it('db.RegExp and JS regular expressions', async () => {
      expect(await ids(q, { s: db.RegExp({ regexp: '^ap', options: 'i' }) })).toEqual(['q1', 'q4']);
      expect(await ids(q, { s: /an/ })).toEqual(['q2']);
    });

    it('nested objects mean nested fields; dotted paths work; arrays match by element', async () => {
      expect(await ids(q, { nested: { k: 1 } })).toEqual(['q1', 'q5']);
      expect(await ids(q, { 'nested.k': 1 })).toEqual(['q1', 'q5']);
      expect(await ids(q, { nested: { k: 1, m: 'a' } })).toEqual(['q1']);
      expect(await ids(q, { tags: 'x' })).toEqual(['q1', 'q4']);
      expect(await ids(q, { d: new Date('2024-02-01T00:00:00Z') })).toEqual(['q2']);
    });

    it('where() rejects when every condition value is undefined', async () => {
      await failure(() => q.where({ n: undefined }).get());
    });

    it('orderBy / skip / limit', async () => {
      const order = async (qq: ReturnType<Collection['where']>) => (await qq.get()).data.map((d) => d._id);
      expect(await order(q.where({}).orderBy('n', 'desc'))).toEqual(['q4', 'q3', 'q2', 'q1', 'q5']);
      expect(await order(q.where({}).orderBy('n', 'asc').skip(1).limit(2))).toEqual(['q1', 'q2']);
      expect(await order(q.where({}).orderBy('flag', 'asc').orderBy('n', 'asc'))).toEqual([
        'q4',
        'q5',
        'q2',
        'q1',
        'q3',
      ]);
      expect(await order(q.where({ n: db.command.gt(0) }).orderBy('s', 'asc'))).toEqual(['q4', 'q1', 'q2', 'q3']);
      expect(await order(q.where({}).orderBy('d', 'desc').limit(2))).toEqual(['q3', 'q2']);
      expect((await q.where({}).count()).total).toBe(5);
    });

    it('skip / limit take non-negative integers', async () => {
      await failure(() => q.where({}).limit(1.5).get());
      await failure(() => q.where({}).skip(0.5).get());
      if (t.local) {
        await failure(() => q.where({}).limit(-1).get());
        await failure(() => q.where({}).skip(-1).get());
      }
    });

    it('unknown operators are rejected', async () => {
      await failure(() => q.where({ n: { $foo: 1 } }).get());
    });
  });

  describe('get() limits', () => {
    it('get() returns at most 100 records by default; local: limit(101) rejects naming the limit', async () => {
      const c = await t.coll('many');
      for (let i = 0; i < 105; i += 15) {
        await Promise.all(Array.from({ length: Math.min(15, 105 - i) }, (_, j) => c.add({ data: { i: i + j } })));
      }
      expect((await c.count()).total).toBe(105);
      expect((await c.get()).data).toHaveLength(100);
      expect((await c.where({}).skip(100).get()).data).toHaveLength(5);
      if (t.local) {
        const e = await failure(() => c.limit(101).get());
        expect(msg(e)).toMatch(/100/);
      }
    });
  });

  describe('update commands', () => {
    let c: Collection;
    const start = { n: 5, arr: [1, 2, 3], tags: ['a'], style: { color: 'blue', size: 'L' }, gone: 1, old: 'o' };
    beforeAll(async () => {
      c = await t.coll('updates');
    });
    async function after(id: string, data: Record<string, unknown>) {
      await c.doc(id).set({ data: start });
      await c.doc(id).update({ data });
      return (await c.doc(id).get()).data as Record<string, unknown>;
    }

    it('nested object updates merge at leaf level; _.set replaces the field', async () => {
      const _ = db.command;
      expect((await after('u1', { style: { color: 'red' } })).style).toEqual({ color: 'red', size: 'L' });
      expect((await after('u2', { style: _.set({ color: 'red' }) })).style).toEqual({ color: 'red' });
      expect((await after('u3', { 'style.size': 'M' })).style).toEqual({ color: 'blue', size: 'M' });
    });

    it('remove / inc / mul / min / max / rename', async () => {
      const _ = db.command;
      expect(await after('u4', { gone: _.remove() })).not.toHaveProperty('gone');
      expect((await after('u5', { n: _.inc(2) })).n).toBe(7);
      expect((await after('u6', { n: _.mul(3) })).n).toBe(15);
      expect((await after('u7', { n: _.min(3) })).n).toBe(3);
      expect((await after('u8', { n: _.max(3) })).n).toBe(5);
      const renamed = await after('u9', { old: _.rename('renamed') });
      expect(renamed).toMatchObject({ renamed: 'o' });
      expect(renamed).not.toHaveProperty('old');
    });

    it('push / pop / shift / unshift / addToSet / pull / pullAll', async () => {
      const _ = db.command;
      expect((await after('a1', { arr: _.push(4) })).arr).toEqual([1, 2, 3, 4]);
      expect((await after('a2', { arr: _.push([4, 5]) })).arr).toEqual([1, 2, 3, 4, 5]);
      expect((await after('a3', { arr: _.push({ each: [9, 0], position: 1 }) })).arr).toEqual([1, 9, 0, 2, 3]);
      expect((await after('a4', { arr: _.push({ each: [0, 7], sort: 1, slice: 3 }) })).arr).toEqual([0, 1, 2]);
      expect((await after('a5', { arr: _.pop() })).arr).toEqual([1, 2]);
      expect((await after('a6', { arr: _.shift() })).arr).toEqual([2, 3]);
      expect((await after('a7', { arr: _.unshift(-1, 0) })).arr).toEqual([-1, 0, 1, 2, 3]);
      expect((await after('a8', { tags: _.addToSet('a') })).tags).toEqual(['a']);
      expect((await after('a9', { tags: _.addToSet('b') })).tags).toEqual(['a', 'b']);
      expect((await after('a0', { tags: _.addToSet({ $each: ['a', 'c', 'd'] }) })).tags).toEqual(['a', 'c', 'd']);
      expect((await after('b1', { arr: _.pull(2) })).arr).toEqual([1, 3]);
      expect((await after('b2', { arr: _.pull(_.gte(2)) })).arr).toEqual([1]);
      expect((await after('b3', { arr: _.pullAll([1, 3]) })).arr).toEqual([2]);
    });
  });

  describe('dates and geo values', () => {
    it('Dates and db.serverDate() round-trip as Date objects and compare in where()', async () => {
      const c = await t.coll('dates');
      const at = new Date('2024-05-06T07:08:09.123Z');
      const { _id } = await c.add({ data: { at, srv: db.serverDate() } });
      const { data } = await c.doc(_id).get();
      expect(data.at).toBeInstanceOf(Date);
      expect((data.at as Date).getTime()).toBe(at.getTime());
      expect(data.srv).toBeInstanceOf(Date);
      expect(Math.abs((data.srv as Date).getTime() - Date.now())).toBeLessThan(120_000);
      expect(await ids(c, { at: db.command.gt(new Date('2024-05-06T00:00:00Z')) })).toEqual([_id]);
    });

    it('Geo.Point is stored as GeoJSON and read back as a Point', async () => {
      const c = await t.coll('points');
      const { _id } = await c.add({ data: { loc: new db.Geo.Point(121.4, 31.2) } });
      const loc = (await c.doc(_id).get()).data.loc as { longitude: number; latitude: number; toJSON(): unknown };
      expect(loc.longitude).toBe(121.4);
      expect(loc.latitude).toBe(31.2);
      expect(JSON.parse(JSON.stringify(loc))).toEqual({ type: 'Point', coordinates: [121.4, 31.2] });
    });
  });

  describe('geo queries', () => {
    let g: Collection;
    const center = [121.4, 31.2] as const;
    beforeAll(async () => {
      if (!t.geoCollection) return;
      g = t.local ? await t.coll('geo') : t.db.collection(t.geoCollection);
      // ~111 m, ~1113 m and ~11.1 km north of the centre
      for (const [id, dLat] of [
        ['far', 0.1],
        ['near', 0.001],
        ['mid', 0.01],
      ] as const) {
        await g.doc(`geo-${id}`).set({ data: { name: id, loc: new db.Geo.Point(center[0], center[1] + dLat) } });
      }
    });
    afterAll(async () => {
      if (t.geoCollection && !t.local) for (const id of ['far', 'near', 'mid']) await g.doc(`geo-${id}`).remove();
    });
    const names = async (where: Record<string, unknown>) => (await g.where(where).get()).data.map((d) => d.name);
    const point = () => new db.Geo.Point(center[0], center[1]);

    it('geoNear returns nearest first and honours max/min distance (metres)', async () => {
      if (!t.geoCollection) return;
      const _ = db.command;
      expect(await names({ loc: _.geoNear({ geometry: point(), maxDistance: 50_000 }) })).toEqual([
        'near',
        'mid',
        'far',
      ]);
      expect(await names({ loc: _.geoNear({ geometry: point(), maxDistance: 1105 }) })).toEqual(['near']);
      expect(await names({ loc: _.geoNear({ geometry: point(), maxDistance: 1120 }) })).toEqual(['near', 'mid']);
      expect(await names({ loc: _.geoNear({ geometry: point(), minDistance: 500, maxDistance: 20_000 }) })).toEqual([
        'mid',
        'far',
      ]);
    });

    it('geoWithin a polygon and a centerSphere', async () => {
      if (!t.geoCollection) return;
      const _ = db.command;
      const { Geo } = db as unknown as { Geo: Record<string, (...a: unknown[]) => unknown> };
      const [x, y] = center;
      const ring = [
        [x - 0.01, y - 0.01],
        [x + 0.01, y - 0.01],
        [x + 0.01, y + 0.05],
        [x - 0.01, y + 0.05],
        [x - 0.01, y - 0.01],
      ];
      const polygon = Geo.Polygon([Geo.LineString(ring.map(([a, b]) => Geo.Point(a, b)))]);
      expect((await names({ loc: _.geoWithin({ geometry: polygon }) })).sort()).toEqual(['mid', 'near']);
      const radius = 2000 / 6378100;
      expect((await names({ loc: _.geoWithin({ centerSphere: [[x, y], radius] }) })).sort()).toEqual(['mid', 'near']);
    });
  });

  describe('aggregate', () => {
    let orders: Collection;
    let itemsName: string;
    beforeAll(async () => {
      orders = await t.coll('orders');
      const items = await t.coll('items');
      itemsName =
        (items as unknown as { name?: string; collectionName?: string }).name ??
        (items as unknown as { collectionName: string }).collectionName;
      const rows = [
        { dept: 'a', amt: 10, item: 'x' },
        { dept: 'a', amt: 30, item: 'y' },
        { dept: 'b', amt: 5, item: 'x' },
        { dept: 'b', amt: 7, item: 'z' },
      ];
      for (const r of rows) await orders.add({ data: r });
      await items.add({ data: { code: 'x', label: 'X' } });
      await items.add({ data: { code: 'y', label: 'Y' } });
    });

    it('match + sort + group with $ helpers and plain accumulators', async () => {
      const _ = db.command;
      const $ = _.aggregate;
      const { list } = await orders
        .aggregate()
        .match({ amt: _.gt(4) })
        .sort({ amt: 1 })
        .group({
          _id: '$dept',
          total: $.sum('$amt'),
          avg: $.avg('$amt'),
          max: $.max('$amt'),
          min: $.min('$amt'),
          first: $.first('$amt'),
          last: $.last('$amt'),
          amts: $.push('$amt'),
          items: $.addToSet('$item'),
          n: { $sum: 1 },
        })
        .sort({ _id: 1 })
        .end();
      expect(list).toHaveLength(2);
      expect(list[0]).toMatchObject({
        _id: 'a',
        total: 40,
        avg: 20,
        max: 30,
        min: 10,
        first: 10,
        last: 30,
        amts: [10, 30],
        n: 2,
      });
      expect((list[0].items as string[]).sort()).toEqual(['x', 'y']);
      expect(list[1]).toMatchObject({ _id: 'b', total: 12, n: 2 });
    });

    it('project / skip / limit', async () => {
      const { list } = await orders.aggregate().sort({ amt: -1 }).skip(1).limit(2).project({ _id: 0, amt: 1 }).end();
      expect(list).toEqual([{ amt: 10 }, { amt: 7 }]);
    });

    it('lookup joins another collection', async () => {
      const { list } = await orders
        .aggregate()
        .match({ dept: 'a' })
        .lookup({ from: itemsName, localField: 'item', foreignField: 'code', as: 'itemDocs' })
        .project({ _id: 0, item: 1, 'itemDocs.label': 1 })
        .sort({ item: 1 })
        .end();
      expect(list).toEqual([
        { item: 'x', itemDocs: [{ label: 'X' }] },
        { item: 'y', itemDocs: [{ label: 'Y' }] },
      ]);
    });

    it('end() without a limit stage returns at most 20 records', async () => {
      const c = await t.coll('aggmany');
      for (let i = 0; i < 25; i += 5)
        await Promise.all(Array.from({ length: 5 }, (_, j) => c.add({ data: { i: i + j } })));
      expect((await c.aggregate().match({}).end()).list).toHaveLength(20);
      expect((await c.aggregate().match({}).limit(100).end()).list).toHaveLength(25);
    });
  });

  describe('transactions', () => {
    let acc: Collection;
    let accName: string;
    beforeEach(async () => {
      acc = await t.coll('accounts');
      accName =
        (acc as unknown as { name?: string; collectionName?: string }).name ??
        (acc as unknown as { collectionName: string }).collectionName;
      await acc.doc('alice').set({ data: { balance: 100 } });
      await acc.doc('bob').set({ data: { balance: 0 } });
    });
    const balance = async (id: string) => (await acc.doc(id).get()).data.balance;

    it('commits all writes and resolves with the callback result', async () => {
      const result = await db.runTransaction(async (tx) => {
        const a = await tx.collection(accName).doc('alice').get();
        await tx
          .collection(accName)
          .doc('alice')
          .update({ data: { balance: (a.data.balance as number) - 30 } });
        await tx
          .collection(accName)
          .doc('bob')
          .update({ data: { balance: db.command.inc(30) } });
        const added = await tx.collection(accName).add({ data: { _id: 'log-1', note: 'transfer' } });
        expect(added._id).toBe('log-1');
        return 'done';
      });
      expect(result).toBe('done');
      expect(await balance('alice')).toBe(70);
      expect(await balance('bob')).toBe(30);
      await acc.doc('log-1').remove();
    });

    it('a throw rolls everything back and rejects with the thrown error', async () => {
      const boom = new Error('boom');
      const e = await failure(() =>
        db.runTransaction(async (tx) => {
          await tx
            .collection(accName)
            .doc('alice')
            .update({ data: { balance: 0 } });
          await tx.collection(accName).add({ data: { _id: 'ghost', x: 1 } });
          throw boom;
        }),
      );
      expect(e).toBe(boom);
      expect(await balance('alice')).toBe(100);
      await failure(() => acc.doc('ghost').get());
    });

    it('rollback(x) discards the writes and runTransaction rejects with x', async () => {
      const e = await failure(() =>
        db.runTransaction(async (tx) => {
          await tx
            .collection(accName)
            .doc('bob')
            .update({ data: { balance: 999 } });
          await tx.rollback(-100);
        }),
      );
      expect(e).toBe(-100);
      expect(await balance('bob')).toBe(0);
    });

    it('a missing document in doc().get() rejects, and the transaction can go on', async () => {
      await db.runTransaction(async (tx) => {
        const counters = tx.collection(accName);
        const got = await counters
          .doc('counter')
          .get()
          .catch((err: unknown) => err);
        expect(msg(got)).toMatch(/does not exist/);
        // wx-server-sdk 4.x reports created: 0 for a set() inside a transaction, even for a new document
        const set = await counters.doc('counter').set({ data: { seq: 1 } });
        expect(set.stats.created).toBe(0);
      });
      expect((await acc.doc('counter').get()).data).toMatchObject({ seq: 1 });
      await acc.doc('counter').remove();
    });

    it('queries (where/get) are not available inside a transaction', async () => {
      await failure(() =>
        db.runTransaction(async (tx) => {
          const coll = tx.collection(accName) as unknown as { where(c: object): { get(): Promise<unknown> } };
          await coll.where({ balance: 100 }).get();
        }),
      );
      expect(await balance('alice')).toBe(100);
    });
  });
});
