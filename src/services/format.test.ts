import { formatYuan } from './format';

test('formatYuan: integer fen as 元, thousands grouped, cents only when there are any', () => {
  expect(formatYuan(0)).toBe('0 元');
  expect(formatYuan(5)).toBe('0.05 元');
  expect(formatYuan(1250)).toBe('12.50 元');
  expect(formatYuan(50000)).toBe('500 元');
  expect(formatYuan(450000)).toBe('4,500 元');
  expect(formatYuan(30000000)).toBe('300,000 元');
  expect(formatYuan(-1250)).toBe('-12.50 元');
});
