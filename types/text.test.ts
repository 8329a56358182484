import privacyNotice from '../config/town/privacy.json';
import { QueueActInput } from './queue';
import { LedgerCreateInput } from './ledger';
import { RateInput, SubmitTipoffInput } from './tipoff';
import { charCount, CleanText, cleanText, foldForMatching } from './text';

const ZW = '\u200b';

describe('cleanText', () => {
  test.each([
    ['zero-width space ×5', ZW.repeat(5), ''],
    ['zero-width joiners, LRM/RLM', 'a\u200c\u200d\u200e\u200fb', 'ab'],
    ['word joiner and invisible operators', 'a\u2060\u2061\u2062\u2063\u2064b', 'ab'],
    ['BOM and Mongolian vowel separator', '\ufeffa\u180eb', 'ab'],
    ['bidi embeddings and overrides', '\u202a\u202b\u202c\u202d\u202ea', 'a'],
    ['bidi isolates and the Arabic letter mark', '\u2066\u2067\u2068\u2069\u061ca', 'a'],
    ['soft hyphen', 'in\u00advisible', 'invisible'],
    ['Hangul filler and braille blank', '\u3164\u2800a', 'a'],
    ['tag characters (hidden ASCII)', 'a\udb40\udc41\udb40\udc42b', 'ab'],
    ['C0 and C1 controls, DEL', 'a\u0000\u0007\u001b\u007f\u0085\u009fb', 'a\nb'],
    ['tab → space, CR LF → LF, line separator → LF', 'a\tb\r\nc\rd\u2028e', 'a b\nc\nd\ne'],
    ['lone surrogates', 'a\ud800b\udc00\udc00c', 'abc'],
    ['trims the ends', '  \n 燃气泄漏 \t', '燃气泄漏'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  test('keeps what people wrote: Chinese full-width punctuation, emoji pairs, line breaks', () => {
    const text = '燃气管道接口锈蚀，有异味！（3 号楼）\n面积约 20m²😀';
    expect(cleanText(text)).toBe(text);
  });

  test('one spelling per character (NFC)', () => {
    expect(cleanText('e\u0301')).toBe('\u00e9');
  });

  test('foldForMatching folds full-width forms, case and whitespace', () => {
    expect(foldForMatching('ＢＯＣＡＩ')).toBe('bocai');
    expect(foldForMatching('办 \u200b\u3000证')).toBe('办证');
  });

  test('counts code points, not UTF-16 units', () => {
    expect(charCount('😀😀')).toBe(2);
  });
});

describe('CleanText in every free-text field', () => {
  const Field = CleanText(5, 10, { min: '至少 5 个字', max: '不超过 10 字' });

  test('invisible characters do not count towards the minimum', () => {
    expect(Field.safeParse(ZW.repeat(5)).success).toBe(false);
    expect(Field.safeParse(`${ZW}a${ZW}b${ZW}c${ZW}d`).success).toBe(false);
    expect(Field.safeParse('     \n\n\n  ').success).toBe(false);
    expect(Field.safeParse('一二三四五').success).toBe(true);
  });

  test('the value is cleaned and the maximum counts characters', () => {
    expect(Field.parse(`${ZW}一二三${ZW}四五\u202e`)).toBe('一二三四五');
    expect(Field.safeParse('😀'.repeat(10)).success).toBe(true);
    expect(Field.safeParse('😀'.repeat(11)).success).toBe(false);
  });

  const submission = {
    requestId: 'req-12345678',
    categoryId: 'gas-facility',
    description: '燃气管道锈蚀',
    photos: [],
    location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
    areaId: 'gk5',
    anonymous: false,
    privacyVersion: privacyNotice.version,
    contact: { name: '张三', phone: '13800000000' },
  };

  test('submit: description, address and name', () => {
    expect(SubmitTipoffInput.safeParse({ ...submission, description: ZW.repeat(5) }).success).toBe(false);
    const parsed = SubmitTipoffInput.parse({
      ...submission,
      description: `燃气${ZW}管道锈蚀\u202e`,
      location: { ...submission.location, address: `共康五村\n${ZW}3 号楼` },
      contact: { name: `\u2066张三${ZW}`, phone: '13800000000' },
    });
    expect(parsed.description).toBe('燃气管道锈蚀');
    expect(parsed.location.address).toBe('共康五村 3 号楼');
    expect(parsed.contact?.name).toBe('张三');
    const noName = SubmitTipoffInput.safeParse({ ...submission, contact: { name: ZW, phone: '13800000000' } });
    expect(noName.success).toBe(false);
  });

  test('queue steps: notes, reasons, measures, responsible unit', () => {
    expect(QueueActInput.safeParse({ step: 'reject', id: 't1', reason: ZW.repeat(3) }).success).toBe(false);
    expect(
      QueueActInput.safeParse({
        step: 'order',
        id: 't1',
        deadline: '2026-12-01',
        measures: '更换管道',
        responsibleUnit: `${ZW}${ZW}`,
      }).success,
    ).toBe(false);
    const accepted = QueueActInput.parse({ step: 'accept', id: 't1', note: ZW });
    expect(accepted).toEqual({ step: 'accept', id: 't1' });
  });

  test('ledger entries and rating comments', () => {
    const entry = {
      source: 'inspection',
      title: '仓库违规储存',
      description: '仓库内违规储存危化品',
      categoryId: 'hazchem',
      enterpriseName: '某某公司',
      address: '某路 1 号',
      deadline: '2026-12-31',
    };
    expect(LedgerCreateInput.safeParse(entry).success).toBe(true);
    expect(LedgerCreateInput.safeParse({ ...entry, enterpriseName: ZW.repeat(4) }).success).toBe(false);
    expect(RateInput.parse({ id: 't1', score: 5, comment: ZW })).toEqual({ id: 't1', score: 5 });
  });
});
