import areas from '../config/town/areas.json';
import privacyNotice from '../config/town/privacy.json';
import {
  DateOnly,
  insideTown,
  IsoDateTime,
  MAX_PAGE,
  OUTSIDE_TOWN,
  Paging,
  rateLimitedMessage,
  TOWN_BOUNDS,
  TownLatitude,
} from './common';
import { LedgerCreateInput, LedgerListInput } from './ledger';
import { MessagesInput } from './message';
import { QueueListInput } from './queue';
import { MineInput, NearbyInput, SubmitTipoffInput } from './tipoff';

const CHINESE = /[\u4e00-\u9fff]/;

describe('paging is bounded', () => {
  test.each([
    ['tipoff.mine', MineInput],
    ['user.messages', MessagesInput],
    ['queue.list', QueueListInput],
    ['admin.ledger', LedgerListInput],
  ])('%s refuses page 1e18 with a Chinese message', (_name, schema) => {
    const res = schema.safeParse({ page: 1e18, pageSize: 20 });
    expect(res.success).toBe(false);
    if (!res.success) expect(res.error.issues[0].message).toMatch(CHINESE);
    expect(schema.safeParse({ page: MAX_PAGE, pageSize: 50 }).success).toBe(true);
    expect(schema.safeParse({ page: MAX_PAGE + 1 }).success).toBe(false);
  });

  test('skip stays within what a query can skip', () => {
    const { page, pageSize } = Paging.parse({ page: MAX_PAGE, pageSize: 50 });
    expect((page - 1) * pageSize).toBeLessThan(50_000);
  });

  test('wrong types get Chinese messages too', () => {
    const res = Paging.safeParse({ page: '2', pageSize: 1.5 });
    expect(res.success).toBe(false);
    if (!res.success) for (const i of res.error.issues) expect(i.message).toMatch(CHINESE);
  });
});

describe('dates and times are bounded', () => {
  test.each(['9999-12-31', '1970-01-01', '2019-12-31', '2101-01-01', '0000-01-01'])('%s is refused', (d) => {
    expect(DateOnly.safeParse(d).success).toBe(false);
  });
  test.each(['2020-01-01', '2026-12-31', '2100-12-31'])('%s is accepted', (d) => {
    expect(DateOnly.safeParse(d).success).toBe(true);
  });
  test('timestamps likewise', () => {
    expect(IsoDateTime.safeParse('2026-11-28T10:00:00+08:00').success).toBe(true);
    expect(IsoDateTime.safeParse('9999-12-31T23:59:59+08:00').success).toBe(false);
    expect(IsoDateTime.safeParse('2026-11-28T10:00:00').success).toBe(false);
  });
  test('a ledger deadline in year 9999 is refused', () => {
    const entry = {
      source: 'inspection',
      title: '仓库违规储存',
      description: '仓库内违规储存危化品',
      categoryId: 'hazchem',
      enterpriseName: '某某公司',
      address: '某路 1 号',
    };
    expect(LedgerCreateInput.safeParse({ ...entry, deadline: '9999-12-31' }).success).toBe(false);
  });
});

describe('coordinates are inside the town', () => {
  test('every area centre of the town data lies inside the bounds, with a margin', () => {
    for (const a of areas.areas) {
      expect(insideTown(a)).toBe(true);
      expect(a.latitude - TOWN_BOUNDS.south).toBeGreaterThan(0.01);
      expect(TOWN_BOUNDS.north - a.latitude).toBeGreaterThan(0.01);
      expect(a.longitude - TOWN_BOUNDS.west).toBeGreaterThan(0.01);
      expect(TOWN_BOUNDS.east - a.longitude).toBeGreaterThan(0.01);
    }
  });

  const submission = {
    requestId: 'req-12345678',
    categoryId: 'gas-facility',
    description: '燃气管道锈蚀',
    location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
    areaId: 'gk5',
    anonymous: true,
    privacyVersion: privacyNotice.version,
  };

  test.each([
    [-5, 121.4447],
    [31.3318, 0],
    [39.9, 116.4], // Beijing
    [31.23, 121.47], // the Bund, Shanghai
    [0, 0],
  ])('(%d, %d) is refused on submit and nearby with the town message', (latitude, longitude) => {
    const submit = SubmitTipoffInput.safeParse({
      ...submission,
      location: { ...submission.location, latitude, longitude },
    });
    expect(submit.success).toBe(false);
    if (!submit.success) expect(submit.error.issues.map((i) => i.message)).toContain(OUTSIDE_TOWN);
    const near = NearbyInput.safeParse({ latitude, longitude, categoryId: 'gas-facility' });
    expect(near.success).toBe(false);
    if (!near.success) expect(near.error.issues.map((i) => i.message)).toContain(OUTSIDE_TOWN);
  });

  test('NaN and Infinity are refused', () => {
    expect(TownLatitude.safeParse(NaN).success).toBe(false);
    expect(TownLatitude.safeParse(Infinity).success).toBe(false);
  });

  test('a point in the town is accepted', () => {
    expect(SubmitTipoffInput.safeParse(submission).success).toBe(true);
    expect(NearbyInput.safeParse({ latitude: 31.34, longitude: 121.445, categoryId: 'gas-facility' }).success).toBe(
      true,
    );
  });
});

test('the RATE_LIMITED message says how long to wait', () => {
  expect(rateLimitedMessage(1800)).toBe('操作太频繁，请 30 分钟后再试');
  expect(rateLimitedMessage(61)).toBe('操作太频繁，请 2 分钟后再试');
  expect(rateLimitedMessage(20)).toBe('操作太频繁，请 20 秒后再试');
  expect(rateLimitedMessage(7 * 3600)).toBe('操作太频繁，请 7 小时后再试');
});
