// The town's own blocked words (config key `blockedWords`, issue 11). WeChat's msgSecCheck does not know them, so
// every submitted text is checked against the list 安委办 keeps, before the platform's check, and refused the same
// way. Compared folded (types/text.ts foldForMatching): "办 证", "办\u200b证" and full-width forms match too.
import { foldForMatching } from '../../types/text';
import type { CoreDeps } from './deps';
import type { ContentVerdict } from './media';
import type { Town } from './town';

const folded = new WeakMap<Town, string[]>();

/** The first of the town's blocked words `text` contains (folded), or null. */
export function blockedWordIn(text: string, town: Pick<Town, 'blockedWords'> & object): string | null {
  let words = folded.get(town as Town);
  if (!words) {
    words = [...new Set(town.blockedWords.map(foldForMatching).filter(Boolean))];
    folded.set(town as Town, words);
  }
  const plain = foldForMatching(text);
  return words.find((w) => plain.includes(w)) ?? null;
}

/**
 * The verdict on a submitted text: `reject` when it holds one of the town's words, else the platform's check
 * (`unchecked` when there is none or it could not run).
 */
export async function checkText(
  ctx: Pick<CoreDeps, 'town' | 'contentCheck'>,
  text: string,
  openid: string,
): Promise<ContentVerdict> {
  if (blockedWordIn(text, ctx.town)) return 'reject';
  return ctx.contentCheck ? ctx.contentCheck(text, openid) : 'unchecked';
}
