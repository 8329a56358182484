// Local mode's stand-in for WeChat's msgSecCheck: an Aho–Corasick word-list check (mint-filter).
import { Mint } from 'mint-filter';
import blocked from '../config/town/blocked-words.json';

export function createWordListCheck(words: string[] = blocked.words) {
  const mint = new Mint(words);
  return async (text: string): Promise<boolean> => mint.verify(text);
}
