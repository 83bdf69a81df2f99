/**
 * Look-alike letters (a confusables skeleton restricted to the scripts that are used to disguise
 * Latin text and back): Cyrillic, Greek and Armenian letters drawn like Latin ones. A copy that swaps
 * "а" (Cyrillic) for "a" reads the same and must fingerprint the same; two real words of one script
 * must never be merged, so folding is applied per token against the text's dominant script only
 * (see tokenize): a token that mixes scripts, or that is wholly made of look-alikes of a script the
 * text is not written in. A Russian sentence's Russian words are never touched.
 */

/** Scripts whose letters are folded; others (Arabic, Han, ...) have no Latin look-alikes worth folding. */
export type LookalikeScript = 'Latn' | 'Cyrl' | 'Grek' | 'Armn';

// Pairs "foreign Latin" from Unicode's confusables.txt (UTS #39), single letters drawn identically
// in common fonts. Only whole-letter matches: Cyrillic "к" or "т" are near but not equal, and
// folding them would merge real words for little gain against disguise.
const CYRILLIC = 'аaвBеeіiјjоoрpсcуyхxѕsһhԁdԛqԝwӏlАAВBЕEКKМMНHОOРPСCТTХXУYЅSІIЈJԚQԜWӀIҮY';
const GREEK = 'οoνvρpιiαaκkυuγyχxϲcϳjΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϹCϿO';
const ARMENIAN = 'օoոnսuհhզqՕOՍSԼL';

/** Foreign letter -> Latin letter. */
const TO_LATIN = new Map<string, string>();
/** Latin letter -> the letter of a script drawn the same (first listed wins: the common letter). */
const FROM_LATIN: Record<'Cyrl' | 'Grek' | 'Armn', Map<string, string>> = { Cyrl: new Map(), Grek: new Map(), Armn: new Map() };
for (const [table, script] of [[CYRILLIC, 'Cyrl'], [GREEK, 'Grek'], [ARMENIAN, 'Armn']] as const) {
  for (let i = 0; i < table.length; i += 2) {
    TO_LATIN.set(table[i], table[i + 1]);
    if (!FROM_LATIN[script].has(table[i + 1])) FROM_LATIN[script].set(table[i + 1], table[i]);
  }
}

/** Script of one letter among the folded ones, or null (digits, marks, other scripts). */
export function lookalikeScriptOf(code: number): LookalikeScript | null {
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return 'Latn';
  if (code < 0xc0) return null;
  if (code <= 0x24f && code !== 0xd7 && code !== 0xf7) return 'Latn';
  if (code >= 0x1e00 && code <= 0x1eff) return 'Latn';
  if (code >= 0x400 && code <= 0x52f) return 'Cyrl';
  if ((code >= 0x370 && code <= 0x3ff) || (code >= 0x1f00 && code <= 0x1fff)) return 'Grek';
  if (code >= 0x531 && code <= 0x58f) return 'Armn';
  return null;
}

/** Whether every letter of `word` in `script` has a look-alike in `target` (an all-look-alike word). */
function allLookalike(word: string, target: LookalikeScript): boolean {
  for (const ch of word) {
    const s = lookalikeScriptOf(ch.codePointAt(0)!);
    if (s === null || s === target) continue;
    if (target === 'Latn' ? !TO_LATIN.has(ch) : !FROM_LATIN[target].has(TO_LATIN.get(ch) ?? ch)) return false;
  }
  return true;
}

/**
 * Rewrites a token's look-alike letters into `target`'s letters (NFKC form, before lower-casing).
 * `mixed` says the token mixes scripts: then each look-alike letter folds; otherwise the token is
 * folded only when all its letters have look-alikes, so a real foreign word ("Москва") stays.
 */
export function foldLookalikes(word: string, target: LookalikeScript, mixed: boolean): string {
  if (!mixed && !allLookalike(word, target)) return word;
  let out = '';
  for (const ch of word) {
    const s = lookalikeScriptOf(ch.codePointAt(0)!);
    if (s === null || s === target) out += ch;
    else if (target === 'Latn') out += TO_LATIN.get(ch) ?? ch;
    else {
      const latin = s === 'Latn' ? ch : TO_LATIN.get(ch);
      out += (latin !== undefined ? FROM_LATIN[target].get(latin) : undefined) ?? ch;
    }
  }
  return out;
}
