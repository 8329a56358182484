/**
 * The compiled $group (fast-group.ts) and the field cache behind it (Store.scanFields) give what
 * mingo gives: random group specs of the dashboard shapes over random documents (missing fields,
 * nulls, mixed types, arrays on the path, nested objects, Dates) compared with mingo's $group —
 * values, key order and group order; through the engine, aggregates after writes, removes,
 * transactions and rollbacks compared with mingo over the documents read fresh. Also: string range
 * conditions decided from the index (the prefilter's guard) match what mingo matches.
 */
import { compileGroup } from './fast-group';
import { createDatabase, type LocalDatabase } from './index';
import { runPipeline, type Doc } from './matcher';
import type { Store } from './store';

let seed = 11;
const rand = () => {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];

function randomDoc(i: number): Doc {
  const d: Doc = { _id: `d${String(i).padStart(4, '0')}` };
  const maybe = (k: string, v: () => unknown) => {
    if (rand() < 0.8) d[k] = v();
  };
  maybe('a', () =>
    pick<unknown>(['x', 'y', 'z', '', null, 0, 1, 2.5, true, false, ['x', 'y'], new Date(Date.UTC(2026, 0, 1))]),
  );
  maybe('b', () => pick<unknown>([1, 2, 3, 5, 8, -0, '3', null, 4.25]));
  maybe('status', () => pick(['assigned', 'accepted', 'closed', 'rejected']));
  maybe('dueAt', () => pick<unknown>(['2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00', null]));
  maybe('n', () => {
    const n: Doc = {};
    if (rand() < 0.7) n.x = pick<unknown>([1, 2, null, 'q']);
    if (rand() < 0.7) n.y = pick(['p', 'q']);
    return rand() < 0.5 ? n : { y: n.y ?? 'p', x: n.x ?? 1 }; // same members, other key order
  });
  maybe('arr', () => pick<unknown>([[{ x: 1 }, { x: 2 }], [], [{ y: 1 }], [{ x: 'a' }]]));
  maybe('hours', () => ({
    toAccept: pick([0.5, 1, 24.3, 100]),
    ...(rand() < 0.5 ? { toClose: pick([2, 48, 300.1]) } : {}),
  }));
  return d;
}

const ID_EXPRS: unknown[] = [
  '$a',
  null,
  'literal',
  '$n',
  '$n.x',
  '$arr.x',
  '$missing',
  { a: '$a', b: '$b' },
  { status: '$status', channel: { $ifNull: ['$channel', 'app'] }, x: '$n.x' },
  { k: { $ifNull: ['$missing', '$b', 'none'] } },
  [{ $ifNull: ['$a', 'none'] }, '$status'],
  { c: { $cond: [{ $gte: ['$b', 3] }, 'big', 'small'] } },
];

const CONDITIONS: unknown[] = [
  { $and: [{ $in: ['$status', ['assigned', 'accepted']] }, { $lt: ['$dueAt', '2026-11-15T00:00:00+08:00'] }] },
  { $or: [{ $eq: ['$a', 'x'] }, { $gt: ['$b', 2] }] },
  { $not: [{ $eq: ['$a', null] }] },
  { $ne: ['$a', '$b'] },
  { $lte: ['$b', 3] },
  { $eq: ['$arr.x', 1] },
  '$a',
  { $in: ['$a', ['x', '', null]] },
];

function randomAccumulator(): unknown {
  const field = pick(['$a', '$b', '$n.x', '$n', '$hours.toAccept', '$hours.toClose', '$arr.x', '$missing']);
  switch (Math.floor(rand() * 10)) {
    case 0:
      return { $sum: pick([1, 2, 0.5]) };
    case 1:
      return { $sum: field };
    case 2:
      return { $sum: { $cond: [pick(CONDITIONS), 1, 0] } };
    case 3:
      return { $sum: { $cond: { if: pick(CONDITIONS), then: '$b', else: 0 } } };
    case 4:
      return { $avg: field };
    case 5:
      return { $min: field };
    case 6:
      return { $max: field };
    case 7:
      return { $push: field };
    case 8:
      return { $first: field };
    default:
      return { $last: field };
  }
}

function randomGroup(): Doc {
  const spec: Doc = { _id: pick(ID_EXPRS) };
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) spec[`f${i}`] = randomAccumulator();
  return spec;
}

const mingoGroup = (docs: Doc[], spec: Doc) => runPipeline(docs, [{ $group: spec }]);

describe('compiled $group = mingo $group', () => {
  it('gives the same groups, values and order on 200 random specs', () => {
    const docs = Array.from({ length: 400 }, (_, i) => randomDoc(i));
    let compiled = 0;
    for (let k = 0; k < 200; k++) {
      const spec = randomGroup();
      const fast = compileGroup(spec);
      expect(fast).toBeDefined();
      compiled++;
      // The documents the engine hands it hold only the fields it reads.
      const slim = docs.map((d) => Object.fromEntries(Object.entries(d).filter(([f]) => fast!.fields.includes(f))));
      expect({ spec, out: fast!.run(slim) }).toStrictEqual({ spec, out: mingoGroup(docs, spec) });
    }
    expect(compiled).toBe(200);
  });

  it('keys and compares scalars as mingo does: NaN, -0, null and missing, strings beside numbers', () => {
    const values: unknown[] = [NaN, 0, -0, 1, '1', '', null, undefined, true, false, 'x', 2.5];
    const docs: Doc[] = [];
    for (const a of values) for (const b of values) docs.push({ _id: `d${docs.length}`, a, b, c: { a, b } });
    const specs: Doc[] = [
      { _id: '$a', n: { $sum: 1 } },
      { _id: { a: '$a', b: '$b' }, n: { $sum: 1 } },
      { _id: { c: '$c', a: '$a' }, n: { $sum: 1 } },
      { _id: '$a', lt: { $sum: { $cond: [{ $lt: ['$a', '$b'] }, 1, 0] } } },
      { _id: '$b', gte: { $sum: { $cond: [{ $gte: ['$a', '$b'] }, 1, 0] } }, gt: { $push: { $gt: ['$a', 1] } } },
      { _id: '$a', in: { $sum: { $cond: [{ $in: ['$b', [NaN, -0, '1', null, false]] }, 1, 0] } } },
      { _id: '$b', eq: { $push: { $eq: ['$a', '$b'] } }, ne: { $push: { $ne: ['$a', NaN] } } },
    ];
    for (const spec of specs) {
      const fast = compileGroup(spec)!;
      expect({ spec, out: fast.run(docs) }).toStrictEqual({ spec, out: mingoGroup(docs, spec) });
    }
  });

  it('leaves unsupported shapes to mingo', () => {
    for (const spec of [
      { _id: '$$ROOT' },
      { _id: '$a', n: { $addToSet: '$b' } },
      { _id: { $toUpper: '$a' } },
      { _id: '$a', n: { $push: null } },
      { _id: '$a.0' },
      { _id: '$a', n: { $sum: 1, $avg: 2 } },
      { n: { $sum: 1 } },
    ]) {
      expect(compileGroup(spec)).toBeUndefined();
    }
  });
});

describe('aggregate through the engine', () => {
  let db: LocalDatabase;
  beforeEach(() => {
    db = createDatabase({ file: ':memory:', indexes: { t: [['status', 'dueAt'], ['dueAt']] } });
  });
  afterEach(() => db.close());

  const agg = async (stages: Doc[]) => {
    let a = db.collection('t').aggregate() as unknown as Record<string, (x: unknown) => unknown>;
    for (const s of stages) {
      const [k, v] = Object.entries(s)[0];
      a = (a[k.slice(1)] as (x: unknown) => typeof a).call(a, v) as typeof a;
    }
    return ((await (a as unknown as { end(): Promise<{ list: Doc[] }> }).end()) as { list: Doc[] }).list;
  };
  // What runAggregate did before the compiled group: mingo over the store's scan (same rows, same order).
  const expected = (match: Doc | undefined, spec: Doc) => {
    const store = (db as unknown as { engine: { store: Store } }).engine.store;
    return mingoGroup(store.scan('t', match ?? {}), spec);
  };

  it('answers [$match] + $group like mingo, and stays right after writes, removes, transactions and rollbacks', async () => {
    const docs = Array.from({ length: 150 }, (_, i) => randomDoc(i));
    // declared (indexed) fields hold scalars only
    for (const d of docs) if (Array.isArray(d.a)) delete d.a;
    db.bulkInsert('t', docs);
    const _ = db.command;
    const matches: (Doc | undefined)[] = [
      undefined,
      { status: 'closed' },
      { dueAt: { $gte: '2026-11-01T00:00:00+08:00', $lt: '2026-12-01T00:00:00+08:00' } },
      { status: { $in: ['assigned', 'accepted'] }, b: { $gt: 2 } }, // b undeclared: mingo decides
      { 'n.y': 'p' },
    ];
    const check = async () => {
      for (const match of matches) {
        for (let k = 0; k < 12; k++) {
          const spec = randomGroup();
          const got = await agg([...(match ? [{ $match: match }] : []), { $group: spec }, { $limit: 1000 }]);
          expect({ match, spec, got }).toStrictEqual({ match, spec, got: expected(match, spec) });
        }
      }
    };
    await check();
    // One fixed group, so its cached documents are the ones each write must reach.
    const spec = { _id: '$status', n: { $sum: 1 }, b: { $push: '$b' }, x: { $push: '$n.x' }, a: { $max: '$a' } };
    const same = async () => {
      for (const match of matches) {
        const got = await agg([...(match ? [{ $match: match }] : []), { $group: spec }, { $limit: 1000 }]);
        expect({ match, got }).toStrictEqual({ match, got: expected(match, spec) });
      }
    };
    await same();
    const t = db.collection('t');
    const writes: (() => Promise<unknown>)[] = [
      () => t.doc('d0001').update({ data: { status: 'closed', b: 100, n: { x: 7, y: 'p' } } }),
      () => t.doc('d0002').remove(),
      () => t.add({ data: { _id: 'new1', status: 'closed', a: 'x', b: 9, dueAt: '2026-11-05T00:00:00+08:00' } }),
      () => t.doc('d0005').set({ data: { status: 'accepted', b: 2, dueAt: '2026-11-06T00:00:00+08:00' } }),
      () => t.where({ status: 'rejected' }).update({ data: { b: 6, n: _.remove() } }),
      () => t.where({ status: 'accepted' }).remove(),
      () =>
        db.runTransaction(async (tx) => {
          await tx
            .collection('t')
            .doc('d0003')
            .set({ data: { status: 'assigned', a: 'z', b: 3 } });
        }),
      () =>
        db
          .runTransaction(async (tx) => {
            await tx
              .collection('t')
              .doc('d0004')
              .set({ data: { status: 'assigned', a: 'gone' } });
            throw new Error('undo');
          })
          .catch(() => undefined),
    ];
    for (const write of writes) {
      await write();
      await same();
    }
    await check();
  });

  it("reads the documents once for pipelines called together, and their answers stay mingo's after a write", async () => {
    const docs = Array.from({ length: 150 }, (_, i) => randomDoc(i));
    for (const d of docs) if (Array.isArray(d.a)) delete d.a;
    db.bulkInsert('t', docs);
    const store = db as unknown as { engine: { store: { fieldCache: Map<string, Map<string, unknown>> } } };
    const match = { dueAt: { $gte: '2026-11-01T00:00:00+08:00' } };
    const specs: Doc[] = [
      { _id: { s: '$status', d: { $substr: ['$dueAt', 0, 7] } }, n: { $sum: 1 } },
      { _id: { a: '$a', b: '$b' }, n: { $sum: 1 }, x: { $push: '$n.x' } },
      { _id: '$hours.toAccept', n: { $sum: 1 } },
      { _id: '$hours.toClose', n: { $sum: 1 } },
    ];
    const together = () =>
      Promise.all(specs.map((spec) => agg([{ $match: match }, { $group: spec }, { $limit: 1000 }])));
    const check = async () => {
      const got = await together();
      specs.forEach((spec, i) => expect({ spec, got: got[i] }).toStrictEqual({ spec, got: expected(match, spec) }));
    };
    await check();
    expect(store.engine.store.fieldCache.get('t')?.size).toBe(1); // one list of fields for the four
    await check(); // again: from the remembered scan
    await db
      .collection('t')
      .doc('d0007')
      .set({ data: { status: 'closed', a: 'y', b: 5, dueAt: '2026-11-09T00:00:00+08:00', hours: { toAccept: 3 } } });
    await db.collection('t').doc('d0008').remove();
    await check();
  });

  it('reads many uncached documents field by field from SQLite with the values a whole parse gives', async () => {
    // Over 256 documents to parse: each field's JSON text comes from SQLite (Dates, nulls, absent, nested, '' …).
    const docs = Array.from({ length: 700 }, (_, i) => randomDoc(i));
    for (const d of docs) if (Array.isArray(d.a)) delete d.a;
    docs[1].b = 1.0000000000000002;
    docs[2].n = { x: 'x"\\\u2028y', y: { at: new Date(Date.UTC(2025, 5, 1)), also: [null, 1e21] } };
    docs[4].a = new Date(Date.UTC(2024, 1, 29, 12));
    db.bulkInsert('t', docs);
    for (let k = 0; k < 40; k++) {
      const spec = randomGroup();
      const match = k % 2 ? { dueAt: { $gte: '2026-11-01T00:00:00+08:00' } } : undefined;
      const got = await agg([...(match ? [{ $match: match }] : []), { $group: spec }, { $limit: 1000 }]);
      expect({ spec, got }).toStrictEqual({ spec, got: expected(match, spec) });
    }
  });

  it('runs other pipelines over documents holding only the fields they read, with the same answers', async () => {
    const docs = Array.from({ length: 150 }, (_, i) => randomDoc(i));
    for (const d of docs) if (Array.isArray(d.a)) delete d.a;
    docs[3].dueAt = '2026年11月'; // not ASCII: $substr is left to mingo
    db.bulkInsert('t', docs);
    const store = (db as unknown as { engine: { store: Store } }).engine.store;
    const match = { dueAt: { $gte: '2026-11-01T00:00:00+08:00' } };
    const pipelines: Doc[][] = [
      [
        {
          $project: {
            h: [
              { k: 'a', v: '$hours.toAccept' },
              { k: 'c', v: '$hours.toClose' },
            ],
          },
        },
        { $unwind: '$h' },
        { $match: { 'h.v': { $gte: 0 } } },
        { $group: { _id: { k: '$h.k', v: '$h.v' }, n: { $sum: 1 } } },
      ],
      [{ $project: { a: 1, 'n.x': 1 } }],
      [{ $unwind: '$a' }, { $group: { _id: '$a', n: { $sum: 1 }, b: { $push: '$b' } } }],
      [{ $unwind: '$n' }, { $group: { _id: '$n.y', n: { $sum: 1 } } }],
      [
        { $project: { x: '$n.x', s: { $ifNull: ['$status', 'none'] }, _id: 0 } },
        { $match: { x: { $gt: 1 } } },
        { $group: { _id: { s: '$s', x: '$x' }, n: { $sum: 1 }, ids: { $push: '$_id' } } },
      ],
      [{ $unwind: '$arr' }, { $group: { _id: '$arr.x', n: { $sum: 1 } } }],
      [{ $sort: { b: 1, _id: 1 } }, { $project: { b: 1, _id: 0 } }],
      [{ $count: 'n' }],
      [{ $addFields: { z: '$b' } }, { $group: { _id: '$z', n: { $sum: 1 } } }],
      [{ $project: { _id: 0, a: 0 } }],
      [{ $group: { _id: '$a', s: { $addToSet: '$b' } } }],
      [{ $group: { _id: { $substr: ['$dueAt', 0, 7] }, n: { $sum: 1 } } }],
      [{ $group: { _id: { m: { $substr: ['$status', 0, 3] } }, n: { $sum: 1 } } }],
    ];
    for (const rest of pipelines) {
      for (const lead of [[], [{ $match: match }], [{ $match: { status: 'closed', b: { $gt: 2 } } }]]) {
        const stages = [...lead, ...rest, { $limit: 1000 }];
        const old = runPipeline(store.scan('t', (lead[0]?.$match as Doc) ?? {}), [...rest, { $limit: 1000 }]);
        expect({ stages, got: await agg(stages) }).toStrictEqual({ stages, got: old });
      }
    }
  });

  it('never hands out values shared with its cache', async () => {
    db.bulkInsert('t', [
      { _id: 'p', status: 'closed', n: { x: 1, y: 'p' } },
      { _id: 'q', status: 'closed', n: { x: 2, y: 'q' } },
    ]);
    const stages = [{ $match: { status: 'closed' } }, { $group: { _id: '$n', all: { $push: '$n' } } }, { $limit: 10 }];
    const first = await agg(stages);
    (first[0]._id as Doc).x = 99;
    ((first[0].all as Doc[])[0] as Doc).y = 'changed';
    expect(await agg(stages)).toEqual([
      { _id: { x: 1, y: 'p' }, all: [{ x: 1, y: 'p' }] },
      { _id: { x: 2, y: 'q' }, all: [{ x: 2, y: 'q' }] },
    ]);
  });

  it('decides string ranges on a declared field exactly whatever the stored types', async () => {
    const values: unknown[] = [
      '2026-11-01T00:00:00+08:00',
      '2026-11-30T23:59:59+08:00',
      '2026-12-01T00:00:00+08:00',
      '{"$date":"2026-11-02T00:00:00.000Z"}',
      '{ not a date',
      '消防',
      '',
      new Date('2026-11-02T00:00:00Z'),
      5,
      0,
      1,
      true,
      false,
      null,
    ];
    db.bulkInsert(
      't',
      values.map((v, i) => ({ _id: `v${i}`, dueAt: v })),
    );
    db.bulkInsert('t', [{ _id: 'none' }]);
    const all = (await db.collection('t').where({}).limit(100).get()).data as Doc[];
    const _ = db.command;
    const bounds = ['', '2026-11-01T00:00:00+08:00', '2026-12-01', '{', '{"$date"', '消', '\uffff'];
    for (const lo of bounds) {
      for (const hi of bounds) {
        for (const [cond, mongo] of [
          [_.gte(lo).and(_.lt(hi)), { $gte: lo, $lt: hi }],
          [_.gt(lo), { $gt: lo }],
          [_.lte(hi), { $lte: hi }],
        ] as const) {
          const got = (await db.collection('t').where({ dueAt: cond }).limit(100).get()).data.map((d) => d._id);
          const want = runPipeline(all, [{ $match: { dueAt: mongo } }]).map((d) => d._id);
          expect({ mongo, got: got.sort() }).toEqual({ mongo, got: (want as string[]).sort() });
          expect((await db.collection('t').where({ dueAt: cond }).count()).total).toBe(want.length);
        }
      }
    }
  });
});
