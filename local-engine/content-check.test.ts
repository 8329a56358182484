import { createWordListCheck } from './content-check';

describe('local word list (msgSecCheck stand-in)', () => {
  const check = createWordListCheck(['办证', 'bocai']);

  test('plain text passes, a blocked word does not', async () => {
    expect(await check('消防通道被堵，车辆长期停放')).toBe(true);
    expect(await check('专业办证，联系我')).toBe(false);
  });

  test.each([
    ['zero-width space', '办\u200b证'],
    ['zero-width joiner and BOM', '办\u200d\ufeff证'],
    ['bidi override', '办\u202e证'],
    ['a space or an ideographic space', '办 证'],
    ['a line break', '办\n证'],
    ['full-width letters', 'ＢＯＣＡＩ'],
    ['upper case', 'BoCai'],
    ['tag characters', '办\udb40\udc41证'],
  ])('a word split or disguised by %s is still caught', async (_how, text) => {
    expect(await check(`这里有人${text}`)).toBe(false);
  });
});
