/**
 * Number normalisation, so "$8 billion", "8bn", "8 bln" and "8,000,000,000" become one comparable
 * term. Rewrites change the wording of figures far more often than the figures themselves.
 */

// Maps, not object literals: a word such as "constructor" must not find Object.prototype members.
const SCALE = new Map<string, number>(
  Object.entries({
    thousand: 1e3, k: 1e3,
    million: 1e6, mn: 1e6, mln: 1e6, m: 1e6, millions: 1e6,
    billion: 1e9, bn: 1e9, bln: 1e9, b: 1e9, billions: 1e9,
    trillion: 1e12, tn: 1e12, trn: 1e12, trillions: 1e12,
  }),
);

/** Number words mapped to values; "one" is left out (too often a pronoun: "one of them"). */
const NUMBER_WORDS = new Map<string, number>(
  Object.entries({
    two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
    eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
    seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
  }),
);

/** Scale multiplier of a word such as "billion" or "bn", else undefined. */
export function scaleOf(word: string): number | undefined {
  return SCALE.get(word);
}

/** Value of a number word ("eight" -> 8; "one" only when a scale follows), else undefined. */
export function numberWordValue(word: string, nextIsScale = false): number | undefined {
  if (word === 'one' || word === 'a') return nextIsScale ? 1 : undefined;
  return NUMBER_WORDS.get(word);
}

/**
 * Parses a numeric token ("8,000", "3.5", "8bn", "20th", "1990s") to a value with its unit suffix,
 * or null when it is not a number. Commas are thousands separators (English news).
 */
export function parseNumberToken(norm: string): { value: number; suffix: string } | null {
  const m = /^(\d+(?:[.,]\d+)*)([a-z]*)$/.exec(norm);
  if (!m) return null;
  let digits = m[1];
  // "3,5" with one comma and not 3 digits after is a decimal comma; otherwise commas group thousands.
  if (/^\d+,\d{1,2}$/.test(digits)) digits = digits.replace(',', '.');
  else digits = digits.replace(/,/g, '');
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  return { value, suffix: m[2] };
}

/** Canonical term for a numeric value: "#" plus 6 significant digits ("#8000000000"). */
export function numberTerm(value: number): string {
  return '#' + String(Number(value.toPrecision(6)));
}
