// The `open311` function's CloudBase entry against a stand-in wx-server-sdk whose database is the local engine:
// an HTTP access 集成请求 in, a 集成响应 out.
import { openTestEnv, type TestEnv } from '../../local-engine/test-support';

let env: TestEnv;
const sdk = {
  init: jest.fn(),
  DYNAMIC_CURRENT_ENV: Symbol('current env'),
  getWXContext: jest.fn(() => ({ ENV: 'prod-7g1x' }) as Record<string, unknown>),
  getTempFileURL: jest.fn(),
  database: jest.fn(() => env.runtime.db),
  openapi: { security: {}, subscribeMessage: {} },
};
jest.mock('wx-server-sdk', () => sdk);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wx = require('./wx') as typeof import('./wx');

const httpEvent = (path: string, query: Record<string, string> = {}, httpMethod = 'GET') => ({
  path,
  httpMethod,
  headers: { host: 'prod-7g1x.service.tcloudbase.com' },
  queryStringParameters: query,
  requestContext: { envId: 'prod-7g1x' },
  body: '',
  isBase64Encoded: false,
});

const saved = process.env.REPORTER_KEY_SECRET;
beforeAll(async () => {
  env = await openTestEnv();
  process.env.REPORTER_KEY_SECRET = 'test-secret';
});
afterAll(() => {
  env?.close();
  if (saved === undefined) delete process.env.REPORTER_KEY_SECRET;
  else process.env.REPORTER_KEY_SECRET = saved;
});

describe('open311Main', () => {
  it('answers an integration request with an integration response (JSON text, not base64)', async () => {
    const main = wx.open311Main();
    const res = (await main(httpEvent('/open311/v2/requests.json', { status: 'open' }))) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded: boolean;
    };
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(false);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const rows = JSON.parse(res.body) as { service_request_id: string; status: string }[];
    expect(rows.length).toBe(3); // the seeded reports
    expect(rows.every((r) => r.status === 'open' && /^MX-2026-\d{6}$/.test(r.service_request_id))).toBe(true);
    const one = (await main(httpEvent(`/open311/v2/requests/${rows[0].service_request_id}.json`))) as {
      statusCode: number;
    };
    expect(one.statusCode).toBe(200);
  });

  it('refuses a call that is not HTTP, a write, and answers 500 without the secret', async () => {
    const main = wx.open311Main();
    expect(await main({ action: 'list' })).toMatchObject({ statusCode: 400, isBase64Encoded: false });
    expect(await main(httpEvent('/open311/v2/requests.json', {}, 'POST'))).toMatchObject({ statusCode: 405 });
    delete process.env.REPORTER_KEY_SECRET;
    try {
      expect(await main(httpEvent('/open311/v2/services.json'))).toMatchObject({ statusCode: 500 });
    } finally {
      process.env.REPORTER_KEY_SECRET = 'test-secret';
    }
  });
});
