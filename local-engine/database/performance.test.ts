/**
 * Performance sanity (not a benchmark): with 100,000 documents, an indexed where + orderBy +
 * limit(20) page and a count are answered by SQLite through the expression indexes, well under
 * 50 ms each; a multi-document update of thousands of documents (in batches, other requests
 * between them) and a counter transaction stay quick. Figures are printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type LocalDatabase } from './index';

jest.setTimeout(60_000);

const N = 100_000;
let dir: string;
let db: LocalDatabase;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ldb-perf-'));
  db = createDatabase({
    file: path.join(dir, 'perf.db'),
    indexes: { tipoffs: [['departmentId', 'status', 'createdAt'], ['departmentId', 'createdAt'], ['trackingCode']] },
  });
  const statuses = ['assigned', 'accepted', 'verifying', 'rectifying', 'closed'];
  const base = Date.parse('2025-01-01T00:00:00Z');
  const docs = Array.from({ length: N }, (_, i) => ({
    departmentId: `dept-${i % 12}`,
    status: statuses[(i * 7) % statuses.length],
    createdAt: new Date(base + i * 60_000).toISOString(),
    trackingCode: `T${String(i).padStart(8, '0')}`,
    description: '消防通道被占用，车辆长期停放。'.repeat(3),
    photos: ['a.jpg', 'b.jpg'],
    location: { latitude: 31.3, longitude: 121.4, address: '某路 1 号' },
  }));
  db.bulkInsert('tipoffs', docs);
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const figures: string[] = [];
afterAll(() => console.info(`local engine, ${N} documents:\n${figures.join('\n')}`));

async function timed<T>(fn: () => Promise<T>, label?: string): Promise<{ ms: number; value: T }> {
  await fn(); // warm the statement cache and the page cache
  const start = process.hrtime.bigint();
  const value = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (label) figures.push(`  ${label}: ${ms.toFixed(2)} ms`);
  return { ms, value };
}

it('pages an indexed where + orderBy in well under 50 ms', async () => {
  const tipoffs = db.collection('tipoffs');
  const { ms, value } = await timed(
    () =>
      tipoffs
        .where({ departmentId: 'dept-3', status: 'verifying' })
        .orderBy('createdAt', 'desc')
        .skip(40)
        .limit(20)
        .get(),
    'indexed where + orderBy + skip(40) + limit(20)',
  );
  expect(db.lastPlan).toBe('sql');
  expect(value.data).toHaveLength(20);
  const times = value.data.map((d) => d.createdAt as string);
  expect([...times].sort().reverse()).toEqual(times);
  expect(ms).toBeLessThan(50);
});

it('counts with an indexed where in well under 50 ms', async () => {
  const tipoffs = db.collection('tipoffs');
  const { ms, value } = await timed(
    () => tipoffs.where({ departmentId: 'dept-3', status: 'verifying' }).count(),
    'indexed count',
  );
  expect(db.lastPlan).toBe('sql-count');
  let expected = 0;
  for (let i = 0; i < N; i++) if (i % 12 === 3 && (i * 7) % 5 === 2) expected++;
  expect(value.total).toBe(expected);
  expect(ms).toBeLessThan(50);
});

it('finds by a unique indexed field and by _id in well under 50 ms', async () => {
  const tipoffs = db.collection('tipoffs');
  const byCode = await timed(() => tipoffs.where({ trackingCode: 'T00054321' }).get(), 'where on a unique field');
  expect(byCode.value.data).toHaveLength(1);
  expect(byCode.ms).toBeLessThan(50);
  const id = byCode.value.data[0]._id as string;
  const byId = await timed(() => tipoffs.doc(id).get(), 'doc(id).get()');
  expect(byId.value.data.trackingCode).toBe('T00054321');
  expect(byId.ms).toBeLessThan(50);
});

it('updates 8,333 documents with one where().update() (batches of 100) in well under 5 s', async () => {
  const tipoffs = db.collection('tipoffs');
  let round = 0;
  const { ms, value } = await timed(
    () => tipoffs.where({ departmentId: 'dept-5' }).update({ data: { swept: ++round } }),
    'where().update() of 8,333 documents',
  );
  expect(value.stats.updated).toBe(8333); // i % 12 === 5 for i < 100,000
  expect(ms).toBeLessThan(5000);
});

it('runs a counter transaction (read + update, committed durably) in well under 50 ms', async () => {
  await db
    .collection('counters')
    .doc('c')
    .set({ data: { seq: 0 } });
  const { ms } = await timed(
    () =>
      db.runTransaction(async (tx) => {
        const c = tx.collection('counters').doc('c');
        const { data } = await c.get();
        await c.update({ data: { seq: (data.seq as number) + 1 } });
      }),
    'counter transaction',
  );
  expect(ms).toBeLessThan(50);
  expect((await db.collection('counters').doc('c').get()).data.seq).toBe(2);
});
