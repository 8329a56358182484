import { fenToYuanText, formatYuan, yuanTextToFen } from './format';

describe('fen ↔ 元', () => {
  it.each([
    [0, '0.00', '0 元'],
    [1, '0.01', '0.01 元'],
    [450_000, '4500.00', '4,500 元'],
    [30_000_000, '300000.00', '300,000 元'],
    [1250, '12.50', '12.50 元'],
  ])('%i fen reads %s in a field and %s on screen', (fen, text, shown) => {
    expect(fenToYuanText(fen)).toBe(text);
    expect(formatYuan(fen)).toBe(shown);
    expect(yuanTextToFen(text)).toBe(fen);
  });

  it.each([
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['0.29', 29],
    ['4500', 450_000],
    ['4500.', 450_000],
    ['4,500.00', 450_000],
    ['¥300000', 30_000_000],
    [' 300000 元 ', 30_000_000],
  ])('typed %j is %i fen', (text, fen) => expect(yuanTextToFen(text)).toBe(fen));

  it.each(['', ' ', '-1', '1.001', 'abc', '1e3', '.5', '12.3.4', '１２'])('refuses %j', (text) =>
    expect(yuanTextToFen(text)).toBeNull(),
  );
});
