import { stemmer } from 'stemmer';

// Stemming is the hot path of fingerprinting; news vocabulary repeats, so a bounded memo pays.
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/** Porter stem of a lower-cased English word ("reported" -> "report"), memoised. */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = word.length <= 3 ? word : stemmer(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, s);
  }
  return s;
}
