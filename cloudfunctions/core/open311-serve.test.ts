// The Open311 export on the real local engine, through the gateway: bounded indexed reads, the date window's
// ends, paging, and no personal data anywhere in any answer.
import fs from 'node:fs';
import path from 'node:path';
import {
  listenGateway,
  openTestEnv,
  validSubmission,
  type TestEnv,
  type TestGateway,
} from '../../local-engine/test-support';
import { DEMO_ENTERPRISES } from '../../local-engine/demo';
import { coverage, type ObservedQuery } from '../../scripts/index-coverage';
import { ACCESS } from './access';
import { FUNCTIONS, HTTP_FUNCTIONS } from './functions';
import { GEO_INDEXES, INDEXES } from './indexes';
import { OPEN311_BASE_PATH } from './open311';
import { TIPOFFS, type TipoffDoc } from './tipoffs';

const NAMED = { name: '张建国', phone: '13912345678' };
const NAMED_ADDRESS = '共康二村 12 号楼 301 室';
const ID_NUMBER = '310101199001011234';

let env: TestEnv;
let gw: TestGateway;
let recording = false;
const queries: ObservedQuery[] = [];

function handBuilt(id: string, createdAt: string, extra: Partial<TipoffDoc> = {}) {
  return {
    _id: id,
    no: `YH-T-${id}`,
    status: 'assigned',
    categoryId: 'fire-passage',
    areaId: 'gk2',
    description: '楼道堆物堵塞疏散通道',
    photos: ['local-secret-photo'],
    location: { latitude: 31.3311, longitude: 121.4411, address: '共康二村 9 号楼 101 室' },
    anonymous: false,
    reporterKey: `rk-${id}`,
    trackingCode: `TC${id}`,
    departmentId: 'CJ',
    coDepartmentIds: [],
    createdAt,
    updatedAt: createdAt,
    dueAt: '2026-12-31T23:59:59+08:00',
    timeline: [],
    ...extra,
  };
}

async function get(pathAndQuery: string, init?: RequestInit) {
  const res = await fetch(`${gw.base}${pathAndQuery}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  env = await openTestEnv({ onQuery: (q) => void (recording && queries.push(q)) });
  // A named report through the real submit, its contact, ID number and house address typed into the text too.
  await env.call('user', 'login', {}, 'resident-named');
  const filed = await env.call(
    'tipoff',
    'submit',
    validSubmission({
      anonymous: false,
      contact: NAMED,
      categoryId: 'fire-passage',
      areaId: 'gk2',
      description: `我叫${NAMED.name}，电话${NAMED.phone}，身份证${ID_NUMBER}，住${NAMED_ADDRESS}，楼下消防通道被堵`,
      location: { latitude: 31.3311, longitude: 121.4411, address: NAMED_ADDRESS },
    }),
    'resident-named',
  );
  if (!filed.ok) throw new Error(JSON.stringify(filed.error));

  const coll = env.runtime.db.collection(TIPOFFS);
  const boundary = [
    handBuilt('before', '2026-10-31T23:59:59+08:00'),
    handBuilt('start', '2026-11-01T00:00:00+08:00'),
    handBuilt('end', '2026-11-15T23:59:59+08:00', { status: 'closed' }),
    handBuilt('after', '2026-11-16T00:00:00+08:00'),
    handBuilt('rejected', '2026-11-10T10:00:00+08:00', { status: 'rejected', description: '骂人的话' }),
  ];
  for (const d of boundary) await coll.add({ data: d });
  // 1005 cases in September (one a minute from the 1st), for paging.
  for (let i = 0; i < 1005; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(i + 100, 1005); j++) {
      const at = new Date(Date.parse('2026-09-01T00:00:00+08:00') + j * 60_000);
      const town = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
      batch.push(handBuilt(`p${String(j).padStart(4, '0')}`, town, { categoryId: 'dust' }));
    }
    await coll.add({ data: batch });
  }
  gw = await listenGateway({ runtime: env.runtime });
  recording = true;
}, 60_000);

afterAll(async () => {
  await gw?.close();
  env?.close();
});

describe('GET /open311/v2/requests.json', () => {
  it('keeps both ends of the window (inclusive) and nothing outside it; 驳回 never', async () => {
    const { status, body } = await get('/open311/v2/requests.json?start_date=2026-11-01&end_date=2026-11-15');
    expect(status).toBe(200);
    const ids = (body as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect(ids).toEqual(['YH-T-end', 'YH-T-start']);
    const exact = await get(
      '/open311/v2/requests.json?start_date=2026-11-01T00:00:00%2B08:00&end_date=2026-11-15T23:59:59%2B08:00',
    );
    expect(exact.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      'YH-T-end',
      'YH-T-start',
    ]);
    const oneSecondIn = await get(
      '/open311/v2/requests.json?start_date=2026-11-01T00:00:01%2B08:00&end_date=2026-11-15T23:59:58%2B08:00',
    );
    expect(oneSecondIn.body).toEqual([]);
  });

  it('filters by status and category', async () => {
    const closed = await get('/open311/v2/requests.json?start_date=2026-11-01&end_date=2026-11-15&status=closed');
    expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(['YH-T-end']);
    const open = await get('/open311/v2/requests.json?start_date=2026-11-01&end_date=2026-11-15&status=open');
    expect(open.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(['YH-T-start']);
    const dust = await get('/open311/v2/requests.json?start_date=2026-11-01&end_date=2026-11-15&service_code=dust');
    expect(dust.body).toEqual([]);
  });

  it('pages at most 1000, newest first, with nothing repeated or lost between pages', async () => {
    const window = 'start_date=2026-09-01&end_date=2026-09-30&service_code=dust';
    const first = await get(`/open311/v2/requests.json?${window}`);
    const second = await get(`/open311/v2/requests.json?${window}&page=2`);
    expect(first.body).toHaveLength(1000);
    expect(second.body).toHaveLength(5);
    const all = [...first.body, ...second.body].map((r: { service_request_id: string }) => r.service_request_id);
    expect(new Set(all).size).toBe(1005);
    expect(all[0]).toBe('YH-T-p1004');
    expect(all[1004]).toBe('YH-T-p0000');
    const small = await get(`/open311/v2/requests.json?${window}&page_size=10&page=3`);
    expect(small.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(all.slice(20, 30));
    expect((await get(`/open311/v2/requests.json?${window}&page_size=1001`)).status).toBe(400);
  });

  it('answers one case by number, and 404 for a 驳回 or unknown one, as GeoReport errors', async () => {
    const one = await get('/open311/v2/requests/YH-T-start.json');
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    expect(one.body[0]).toMatchObject({
      service_request_id: 'YH-T-start',
      status: 'open',
      service_code: 'fire-passage',
    });
    for (const no of ['YH-T-rejected', 'YH-9999-0001']) {
      const missing = await get(`/open311/v2/requests/${no}.json`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual([{ code: 404, description: expect.any(String) }]);
    }
  });

  it('is read-only JSON with GeoReport errors; .xml and other methods refused', async () => {
    const services = await get('/open311/v2/services.json?jurisdiction_id=miaohang');
    expect(services.status).toBe(200);
    expect(services.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(services.headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/open311/v2/services.json?jurisdiction_id=elsewhere')).status).toBe(404);
    expect((await get('/open311/v2/services.xml')).status).toBe(400);
    const post = await get('/open311/v2/requests.json', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.body).toEqual([{ code: 405, description: expect.any(String) }]);
    const head = await fetch(`${gw.base}/open311/v2/services.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await get('/open311/v2/nothing.json')).status).toBe(404);
  });
});

describe('no personal data in any answer', () => {
  it('scans every field of every answer against the reporters’ names, phones, addresses and keys', async () => {
    recording = false; // the test's own read, not the export's
    const { db } = env.runtime;
    const docs = (
      await db
        .collection<TipoffDoc>(TIPOFFS)
        .where({ categoryId: db.command.neq('dust') })
        .limit(100)
        .get()
    ).data;
    recording = true;
    const seededAddresses = docs.map((d) => d.location.address);
    const forbidden = [
      NAMED.name,
      NAMED.phone,
      ID_NUMBER,
      NAMED_ADDRESS,
      '12 号楼',
      '301 室',
      ...seededAddresses,
      ...DEMO_ENTERPRISES.flatMap((e) => [e.contact.name, e.contact.phone, e.address]),
      'resident-demo',
      'resident-named',
      'local-secret-photo',
      ...docs.flatMap((d) => [d.reporterKey, d.trackingCode]),
      String(docs[0].location.latitude),
      String(docs[0].location.longitude),
      '骂人的话',
    ];
    const answers = [
      await get('/open311/v2/services.json'),
      await get('/open311/v2/requests.json'),
      await get('/open311/v2/requests.json?start_date=2026-11-01&end_date=2026-11-30'),
      ...(await Promise.all(
        docs.filter((d) => d.status !== 'rejected').map((d) => get(`/open311/v2/requests/${d.no}.json`)),
      )),
    ];
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string' || typeof v === 'number') strings.push(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          strings.push(k);
          walk(x);
        }
      }
    };
    for (const a of answers) {
      expect(a.status).toBe(200);
      walk(a.body);
    }
    const named = answers[1].body.find((r: { description: string }) => r.description.includes('消防通道被堵'));
    expect(named).toBeDefined(); // the named report is there, cleaned
    expect(seededAddresses.length).toBeGreaterThanOrEqual(4);
    expect(strings.length).toBeGreaterThan(1000);
    const hits = strings.flatMap((s) => forbidden.filter((f) => s.includes(f)).map((f) => `${f} in ${s}`));
    expect(hits).toEqual([]);
    for (const row of answers[1].body) {
      expect(row).not.toHaveProperty('lat');
      expect(row).not.toHaveProperty('long');
      expect(row).not.toHaveProperty('media_url');
    }
  });
});

describe('reads and deployment', () => {
  it('every query the export made is served by a declared index', () => {
    expect(queries.length).toBeGreaterThan(0);
    const uncovered = queries
      .map((q) => ({ q, r: coverage(q, INDEXES[q.collection] ?? [], GEO_INDEXES[q.collection] ?? []) }))
      .filter(({ r }) => !r.covered)
      .map(({ q }) => JSON.stringify(q));
    expect(uncovered).toEqual([]);
    expect(new Set(queries.map((q) => q.collection))).toEqual(new Set([TIPOFFS]));
  });

  it('is a deployable HTTP function: folder, config, cloudbaserc entry, access path; not an action table', () => {
    const root = path.resolve(__dirname, '../..');
    expect(HTTP_FUNCTIONS.open311).toEqual({ path: OPEN311_BASE_PATH });
    expect(fs.existsSync(path.join(root, 'cloudfunctions/open311/index.ts'))).toBe(true);
    const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'));
    expect(rc.functions.map((f: { name: string }) => f.name)).toContain('open311');
    expect(FUNCTIONS).not.toHaveProperty('open311');
    expect(Object.keys(ACCESS).filter((k) => k.startsWith('open311.'))).toEqual([]);
  });
});
