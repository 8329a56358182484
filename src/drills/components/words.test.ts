import { durationText, headcountText, townIso, windowText } from './words';

test('evacuation time as people say it', () => {
  expect(durationText(205)).toBe('3 分 25 秒');
  expect(durationText(60)).toBe('1 分 0 秒');
  expect(durationText(59)).toBe('59 秒');
  expect(durationText(0)).toBe('0 秒');
  expect(durationText(-3)).toBe('0 秒');
  expect(durationText(3725)).toBe('1 小时 2 分 5 秒');
});

test('window, headcount and town time', () => {
  expect(windowText({ startAt: '2026-12-05T09:30:00+08:00', endAt: '2026-12-05T10:30:00+08:00' })).toBe(
    '2026-12-05 09:30 至 10:30',
  );
  expect(windowText({ startAt: '2026-12-05T22:00:00+08:00', endAt: '2026-12-06T02:00:00+08:00' })).toBe(
    '2026-12-05 22:00 至 2026-12-06 02:00',
  );
  expect(headcountText(37, 42)).toBe('已签到 37 / 应到 42');
  expect(headcountText(120, 200, true)).toBe('已签到 120 / 预计 200');
  expect(townIso('2026-12-05', '09:30')).toBe('2026-12-05T09:30:00+08:00');
});

describe('headcountText', () => {
  it('counts the enterprise first when others checked in too', () => {
    expect(headcountText(2, 2, false, 1)).toBe('本企业已到 1 / 应到 2，另有 1 人签到');
    expect(headcountText(2, 2, false, 2)).toBe('已签到 2 / 应到 2');
    expect(headcountText(5, 100, true, 0)).toBe('已签到 5 / 预计 100');
    expect(headcountText(3, 42)).toBe('已签到 3 / 应到 42');
  });
});
