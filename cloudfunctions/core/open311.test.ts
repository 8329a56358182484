import { TIPOFF_STATUSES, type TipoffStatus } from '../../types';
import { OPEN311_DESCRIPTION_MAX } from '../../types/open311';
import {
  fromIntegrationRequest,
  open311Query,
  open311Request,
  open311Route,
  open311Services,
  open311Status,
  publicDescription,
  type PublicTipoffFields,
} from './open311';
import { defaultTown } from './town';

const town = defaultTown();
const NOW = new Date('2026-11-28T10:00:00+08:00');

function doc(status: TipoffStatus, extra: Partial<PublicTipoffFields> = {}): PublicTipoffFields {
  return {
    _id: 't1',
    no: 'MX-2026-000001',
    status,
    categoryId: 'fire-passage',
    areaId: 'gk2',
    description: '消防通道被私家车堵住',
    departmentId: 'CJ',
    createdAt: '2026-11-20T09:00:00+08:00',
    updatedAt: '2026-11-21T09:00:00+08:00',
    dueAt: '2026-11-25T23:59:59+08:00',
    ...extra,
  };
}

describe('status mapping', () => {
  it('maps every status: worked and in-between steps are open, ended ones closed, 驳回 not published', () => {
    const expected: Record<TipoffStatus, 'open' | 'closed' | null> = {
      submitted: 'open',
      assigned: 'open',
      accepted: 'open',
      verified: 'open',
      rectifying: 'open',
      rectified: 'open',
      transferred: 'open',
      unfounded: 'closed',
      closed: 'closed',
      merged: 'closed',
      rejected: null,
    };
    for (const s of TIPOFF_STATUSES) {
      const row = open311Request(doc(s), town);
      expect([s, row?.status ?? null]).toEqual([s, expected[s]]);
      if (row) expect(open311Status(s)).toBe(row.status);
    }
  });

  it('says the status in a resident’s words, a merge with the case it went into; the deadline only while open', () => {
    expect(open311Request(doc('closed'), town)).toMatchObject({ status_notes: '已办结' });
    expect(open311Request(doc('closed'), town)).not.toHaveProperty('expected_datetime');
    expect(open311Request(doc('rectifying'), town)).toMatchObject({
      status_notes: '整改中',
      expected_datetime: '2026-11-25T23:59:59+08:00',
    });
    expect(
      open311Request(doc('merged', { mergedInto: { id: 'x', no: 'MX-2026-000002' } }), town)?.status_notes,
    ).toContain('MX-2026-000002');
  });

  it('publishes the 居民区 as the address, the department by name, and nothing of the stored location', () => {
    const row = open311Request(doc('assigned'), town)!;
    expect(row.address).toBe(`庙行镇${town.area('gk2')!.name}`);
    expect(row.agency_responsible).toBe(town.department('CJ')!.name);
    expect(Object.keys(row).sort()).toEqual(
      [
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'service_notice',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
      ].sort(),
    );
  });

  it('keeps back text the content check has not seen', () => {
    expect(open311Request(doc('assigned', { moderation: 'unchecked' }), town)?.description).toBe('');
  });
});

describe('personal data out of the description', () => {
  const cases: [string, string[]][] = [
    ['电话13912345678，请联系', ['13912345678']],
    ['手机 139 1234 5678', ['1234', '5678']],
    ['座机021-56781234', ['56781234']],
    ['身份证310101199001011234', ['310101199001011234', '19900101']],
    ['身份证 31010119900101123X', ['31010119900101123X', '123X']],
    ['全角１３９１２３４５６７８', ['１３９１２３４５６７８', '13912345678']],
    ['邮箱 zhang.jianguo@example.com', ['zhang.jianguo', 'example.com']],
    ['我叫张建国，住共康二村 12 号楼 301 室', ['张建国', '12 号楼', '301']],
    ['姓名：李秀英 联系人：王五', ['李秀英', '王五']],
    ['本人赵大海发现楼道堆物', ['赵大海']],
    ['我是陈小红，楼下有人飞线充电', ['陈小红']],
    ['找物业王师傅和李先生都没用', ['王师傅', '李先生']],
    ['共康五村88弄5号', ['88弄', '5号']],
  ];
  it.each(cases)('%s', (text, gone) => {
    const out = publicDescription(text);
    for (const g of gone) expect(out).not.toContain(g);
  });

  it('keeps what says the hazard', () => {
    expect(publicDescription('我是楼上住户，楼道堆满纸箱，三楼飞线充电')).toBe(
      '我是楼上住户，楼道堆满纸箱，三楼飞线充电',
    );
    expect(publicDescription('电梯近一周多次停顿，老人被困十分钟')).toBe('电梯近一周多次停顿，老人被困十分钟');
  });

  it(`cuts at ${OPEN311_DESCRIPTION_MAX} characters`, () => {
    const exactly = '隐'.repeat(OPEN311_DESCRIPTION_MAX);
    expect(publicDescription(exactly)).toBe(exactly);
    expect(publicDescription(`${exactly}患`)).toBe(`${exactly}…`);
  });
});

describe('services.json', () => {
  it('lists every category with GeoReport’s fields', () => {
    const services = open311Services(town);
    expect(services).toHaveLength(town.categories.length);
    for (const s of services) {
      expect(s).toMatchObject({ metadata: false, type: 'realtime' });
      expect(town.category(s.service_code)?.name).toBe(s.service_name);
      expect(s.group).toBe(town.category(s.service_code)?.group);
      expect(s.keywords.split(',')).toContain(s.service_name);
    }
  });
});

describe('requests.json parameters', () => {
  const q = (params: Record<string, unknown>) => open311Query(params, NOW, town);

  it('defaults to the last 90 days, every public status, page 1 of 1000', () => {
    expect(q({})).toEqual({
      query: {
        start: '2026-08-30T10:00:00+08:00',
        end: '2026-11-28T10:00:00+08:00',
        statuses: TIPOFF_STATUSES.filter((s) => s !== 'rejected'),
        page: 1,
        pageSize: 1000,
      },
    });
  });

  it('reads a date alone as that whole town day, both ends inclusive', () => {
    expect(q({ start_date: '2026-11-01', end_date: '2026-11-30' })).toMatchObject({
      query: { start: '2026-11-01T00:00:00+08:00', end: '2026-11-30T23:59:59+08:00' },
    });
    expect(q({ start_date: '2026-11-01', end_date: '2026-11-01' })).toMatchObject({
      query: { start: '2026-11-01T00:00:00+08:00', end: '2026-11-01T23:59:59+08:00' },
    });
  });

  it('takes times with any zone into town time; a + that arrived as a space is a +', () => {
    expect(q({ start_date: '2026-11-01T00:00:00Z', end_date: '2026-11-02T00:00:00 08:00' })).toMatchObject({
      query: { start: '2026-11-01T08:00:00+08:00', end: '2026-11-02T00:00:00+08:00' },
    });
    // a fraction of a second starts at the next whole second (stored times are whole seconds)
    expect(q({ start_date: '2026-11-01T00:00:00.200+08:00' })).toMatchObject({
      query: { start: '2026-11-01T00:00:01+08:00' },
    });
  });

  it('allows exactly 90 days and refuses one second more, an inverted range and bad dates', () => {
    expect(q({ start_date: '2026-09-01T00:00:00+08:00', end_date: '2026-11-30T00:00:00+08:00' })).toHaveProperty(
      'query',
    );
    expect(q({ start_date: '2026-09-01T00:00:00+08:00', end_date: '2026-11-30T00:00:01+08:00' })).toMatchObject({
      error: { code: 400 },
    });
    expect(q({ start_date: '2026-11-02', end_date: '2026-11-01' })).toMatchObject({ error: { code: 400 } });
    for (const bad of ['2026-02-30', '2026-11-01T10:00:00', 'yesterday', '1900-01-01T00:00:00Z']) {
      expect(q({ start_date: bad })).toMatchObject({ error: { code: 400 } });
    }
  });

  it('filters by status and category, refusing unknown ones', () => {
    expect(q({ status: 'closed' })).toMatchObject({ query: { statuses: ['unfounded', 'closed', 'merged'] } });
    expect(q({ status: 'open,closed' })).toMatchObject({
      query: { statuses: TIPOFF_STATUSES.filter((s) => s !== 'rejected') },
    });
    expect(q({ status: 'rejected' })).toMatchObject({ error: { code: 400 } });
    expect(q({ service_code: 'fire-passage,gas-smell' })).toMatchObject({
      query: { serviceCodes: ['fire-passage', 'gas-smell'] },
    });
    expect(q({ service_code: 'nope' })).toMatchObject({ error: { code: 400 } });
  });

  it('caps the page size at 1000 and the page at 100', () => {
    expect(q({ page: '2', page_size: '1000' })).toMatchObject({ query: { page: 2, pageSize: 1000 } });
    expect(q({ page_size: '1001' })).toMatchObject({ error: { code: 400 } });
    expect(q({ page: '100' })).toMatchObject({ query: { page: 100 } });
    for (const page of ['101', '0', '-1', '1.5', 'x']) expect(q({ page })).toMatchObject({ error: { code: 400 } });
  });

  it('answers only for miaohang', () => {
    expect(q({ jurisdiction_id: 'miaohang' })).toHaveProperty('query');
    expect(q({ jurisdiction_id: 'elsewhere' })).toMatchObject({ error: { code: 404 } });
  });

  it('takes up to 50 case numbers', () => {
    expect(q({ service_request_id: 'MX-2026-000001,MX-2026-000002' })).toMatchObject({
      query: { ids: ['MX-2026-000001', 'MX-2026-000002'] },
    });
    const many = Array.from({ length: 51 }, (_, i) => `YH-2026-${i}`).join(',');
    expect(q({ service_request_id: many })).toMatchObject({ error: { code: 400 } });
    expect(q({ service_request_id: "x' or 1=1" })).toMatchObject({ error: { code: 400 } });
  });
});

describe('routes and the CloudBase integration request', () => {
  it('finds the resource under …/v2/, wherever the export is mounted', () => {
    expect(open311Route('/v2/services.json')).toEqual({ kind: 'services' });
    expect(open311Route('/open311/v2/requests.json')).toEqual({ kind: 'requests' });
    expect(open311Route('/open311/v2/requests/MX-2026-000001.json')).toEqual({ kind: 'request', id: 'MX-2026-000001' });
    expect(open311Route('/open311/v2/requests.xml')).toMatchObject({ kind: 'error', status: 400 });
    expect(open311Route('/open311/v2/requests/..%2F.json')).toMatchObject({ kind: 'error', status: 400 });
    expect(open311Route('/open311/v2/tokens/1.json')).toMatchObject({ kind: 'error', status: 404 });
    expect(open311Route('/open311')).toMatchObject({ kind: 'error', status: 404 });
  });

  it('reads path, method and query from an HTTP access event; anything else is not one', () => {
    expect(
      fromIntegrationRequest({
        path: '/open311/v2/requests.json',
        httpMethod: 'get',
        headers: { host: 'env.service.tcloudbase.com' },
        queryStringParameters: { status: 'open' },
        body: '',
        isBase64Encoded: false,
      }),
    ).toEqual({ method: 'GET', path: '/open311/v2/requests.json', query: { status: 'open' } });
    expect(fromIntegrationRequest({ path: '/open311/v2/services.json', httpMethod: 'GET' })).toMatchObject({
      query: {},
    });
    expect(fromIntegrationRequest({ action: 'list' })).toBeNull();
    expect(fromIntegrationRequest(null)).toBeNull();
  });
});
