import { z } from 'zod';

/**
 * Characters that take no visible space. They let "​​​​​" pass a 5-character minimum and split a blocked
 * word ("办​证") past the word list, and bidi controls reorder what staff read. All Unicode format
 * characters (general category Cf) are listed explicitly rather than with \p{Cf}, so the client bundle
 * (transpiled for old WeChat runtimes) stays small and means the same on every engine:
 * soft hyphen, Arabic/Syriac format marks and ALM (U+061C), Mongolian vowel separator (U+180E),
 * zero-width space/joiners and LRM/RLM (U+200B–U+200F), bidi embeddings/overrides (U+202A–U+202E),
 * word joiner and invisible operators (U+2060–U+2064), bidi isolates and deprecated format marks
 * (U+2066–U+206F), BOM / zero-width no-break space (U+FEFF), interlinear annotation marks, and the
 * astral ones: Kaithi/Egyptian/shorthand/musical format marks and the invisible tag characters
 * (U+E0000–U+E007F, used to smuggle hidden ASCII).
 * Also removed: Hangul fillers and the braille blank, which are "letters" that render as nothing,
 * and variation selectors (invisible; at most they choose an emoji's style).
 */
const INVISIBLE =
  /[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|\uD804[\uDCBD\uDCCD]|\uD80D[\uDC30-\uDC3F]|\uD82F[\uDCA0-\uDCA3]|\uD834[\uDD73-\uDD7A]|\uDB40[\uDC00-\uDDEF]/g;

/** C0 and C1 controls except \t and \n (which are kept as space and line break), and DEL. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Drops surrogate halves without their partner: not text, and some stores and checkers fail on them. */
function dropLoneSurrogates(s: string): string {
  if (!/[\uD800-\uDFFF]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) out += s[i] + s[++i];
    } else if (c < 0xdc00 || c > 0xdfff) out += s[i];
  }
  return out;
}

// The same code runs in the mini-program; a runtime without normalize() keeps the text as it is.
const normalize = (s: string, form: 'NFC' | 'NFKC') => (typeof s.normalize === 'function' ? s.normalize(form) : s);

/**
 * Text as people see it: Unicode NFC (one spelling for the same character), line breaks unified to \n,
 * tabs as spaces, invisible, control and bidi characters and broken surrogates removed, ends trimmed.
 *
 * NFC and not NFKC: NFKC would also rewrite the full-width punctuation every Chinese sentence uses
 * (，！？：（） → ASCII) and "m²" to "m2", changing what the reporter wrote. The full-width tricks
 * ("ｂｏｃａｉ") are instead caught by `foldForMatching`, which the word check uses.
 */
export function cleanText(s: string): string {
  return normalize(dropLoneSurrogates(s), 'NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .trim();
}

/**
 * The form a word list compares: cleaned, NFKC-folded (full-width and compatibility forms become plain
 * ones), lower case, and without any whitespace, so "办 证", "办​证" and "ＢＯＣＡＩ" all match.
 */
export function foldForMatching(s: string): string {
  return normalize(cleanText(s), 'NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Length in characters people count: code points (an emoji is one, not two UTF-16 units). */
export const charCount = (s: string): number => Array.from(s).length;

/** Characters that show: a minimum of "5 个字" is not met by spaces and line breaks. */
const visibleCount = (s: string): number => charCount(s.replace(/\s+/g, ''));

/**
 * Every free-text input field: cleaned first (see cleanText), then measured.
 * `min` counts visible characters, `max` all characters; both count code points.
 * `singleLine` (names, addresses, units): any run of whitespace, line breaks included, becomes one space.
 */
export function CleanText(
  min: number,
  max: number,
  messages: { min?: string; max: string },
  { singleLine = false }: { singleLine?: boolean } = {},
) {
  return z
    .string({ invalid_type_error: '应为文字', required_error: '必填' })
    .transform((s) => (singleLine ? cleanText(s).replace(/\s+/g, ' ') : cleanText(s)))
    .superRefine((s, ctx) => {
      if (min > 0 && visibleCount(s) < min) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: messages.min ?? `至少 ${min} 个字` });
      } else if (charCount(s) > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: messages.max });
      }
    });
}

/** An optional free-text field: cleaned; empty after cleaning counts as not given. */
export function OptionalCleanText(max: number, message: string, options?: { singleLine?: boolean }) {
  return CleanText(0, max, { max: message }, options)
    .optional()
    .transform((s) => (s ? s : undefined));
}
