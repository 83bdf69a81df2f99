/**
 * Number normalisation, so "$8 billion", "8bn", "8 bln" and "8,000,000,000" become one comparable
 * term. Rewrites change the wording of figures far more often than the figures themselves.
 */

// Maps, not object literals: a word such as "constructor" must not find Object.prototype members.
const SCALE = new Map<string, number>(
  // Keys in NFKC, the form tokens are compared in (Devanagari nukta letters decompose).
  Object.entries({
    thousand: 1e3, k: 1e3,
    million: 1e6, mn: 1e6, mln: 1e6, m: 1e6, millions: 1e6,
    billion: 1e9, bn: 1e9, bln: 1e9, b: 1e9, billions: 1e9,
    trillion: 1e12, tn: 1e12, trn: 1e12, trillions: 1e12,
    // Other languages' news writes its scale words too ("4,2 millones", "420万", "3 لاکھ"); they
    // are matched on the token's comparison form (lower case, ASCII digits), before stemming.
    millón: 1e6, millones: 1e6, millon: 1e6, milhão: 1e6, milhões: 1e6, millionen: 1e6, mio: 1e6, milione: 1e6,
    milioni: 1e6, miljoen: 1e6, milion: 1e6, miliony: 1e6, milionów: 1e6, milyon: 1e6, juta: 1e6, triệu: 1e6,
    миллион: 1e6, миллиона: 1e6, миллионов: 1e6, млн: 1e6, мільйон: 1e6, мільйона: 1e6, мільйонів: 1e6,
    مليون: 1e6, ملايين: 1e6, ملین: 1e6, ملیون: 1e6, मिलियन: 1e6,
    milliard: 1e9, milliards: 1e9, milliarde: 1e9, milliarden: 1e9, mrd: 1e9, bilhão: 1e9, bilhões: 1e9,
    miliardo: 1e9, miliardi: 1e9, miljard: 1e9, miliard: 1e9, miliardy: 1e9, milyar: 1e9, miliar: 1e9,
    миллиард: 1e9, миллиарда: 1e9, миллиардов: 1e9, млрд: 1e9, مليار: 1e9, مليارات: 1e9, ارب: 1e9, अरब: 1e9, बिलियन: 1e9, بلین: 1e9,
    // South Asian scales: lakh (100,000) and crore (10 million), in Hindi and Urdu.
    लाख: 1e5, لاکھ: 1e5, करोड़: 1e7, '\u0915\u0930\u094B\u095C': 1e7, کروڑ: 1e7,
    // Chinese and Japanese: 万 (10^4), 亿/億 (10^8).
    万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8,
  }).map(([k, v]) => [k.normalize('NFKC'), v]),
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
 * or null when it is not a number. Commas group thousands (English news) unless `decimalComma`
 * (most of continental Europe: "3.100" is 3100 and "4,2" is 4.2).
 */
export function parseNumberToken(norm: string, decimalComma = false): { value: number; suffix: string } | null {
  const m = /^(\d+(?:[.,]\d+)*)([a-z]*)$/.exec(norm);
  if (!m) return null;
  let digits = m[1];
  if (decimalComma) {
    // "3.100" and "1.250.000" group thousands; a comma is the decimal mark.
    digits = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(digits) ? digits.replace(/\./g, '') : digits;
    digits = digits.replace(/,(?=\d+$)/, '.').replace(/,/g, '');
  } else if (/^\d+,\d{1,2}$/.test(digits)) digits = digits.replace(',', '.');
  // "3,5" with one comma and not 3 digits after is a decimal comma; otherwise commas group thousands.
  else digits = digits.replace(/,/g, '');
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  return { value, suffix: m[2] };
}

/** Canonical term for a numeric value: "#" plus 6 significant digits ("#8000000000"). */
export function numberTerm(value: number): string {
  return '#' + String(Number(value.toPrecision(6)));
}
