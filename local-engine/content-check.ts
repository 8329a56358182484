// Local mode's stand-in for WeChat's msgSecCheck: an Aho–Corasick word-list check (mint-filter).
import { Mint } from 'mint-filter';
import blocked from '../config/town/blocked-words.json';
import { foldForMatching } from '../types/text';

/**
 * Both the words and the text are compared folded (types/text.ts): invisible characters gone, full-width
 * and compatibility forms plain, lower case, no whitespace, so "办\u200b证", "办 证" and "ＢＯＣＡＩ" match too.
 * True = acceptable.
 */
export function createWordListCheck(words: string[] = blocked.words) {
  const mint = new Mint(words.map(foldForMatching).filter(Boolean));
  return async (text: string): Promise<boolean> => mint.verify(foldForMatching(text));
}
