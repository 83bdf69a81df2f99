/** A word of the text with its character offsets in the string that was tokenised. */
export interface Token {
  /** The token exactly as it appears in the text. */
  text: string;
  /** Comparison form: NFKC, lower case, straight apostrophes, possessive 's dropped. */
  norm: string;
  start: number;
  end: number;
  /** Whether the token starts with an upper-case letter (a hint for names). */
  upper: boolean;
  /** Whether the token is a numeral (digits, possibly with separators or a suffix like "bn"). */
  numeric: boolean;
}

// Numbers keep their separators and an attached unit ("8,000", "3.5", "8bn"); words keep inner
// apostrophes and dots ("don't", "U.S") so abbreviations and contractions stay one token.
const TOKEN_RE =
  /\p{N}+(?:[.,]\p{N}+)*\p{L}*|\p{L}[\p{L}\p{M}\p{N}]*(?:['\u2019\u2018.][\p{L}\p{M}\p{N}]+)*/gu;

const ASCII_WORD_RE = /^[A-Za-z0-9]+$/;
const UPPER_RE = /^\p{Lu}/u;
const DIGIT_RE = /^\p{N}/u;

/** Splits text into word and number tokens with their offsets (punctuation is dropped). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    out.push({
      text: raw,
      norm: normalizeToken(raw),
      start: m.index,
      end: m.index + raw.length,
      upper: UPPER_RE.test(raw),
      numeric: DIGIT_RE.test(raw),
    });
  }
  return out;
}

/** Comparison form of one token: NFKC, lower case, no possessive, dotted abbreviations joined. */
export function normalizeToken(raw: string): string {
  // Fast path: plain ASCII words and numbers (most news tokens) need no Unicode work.
  if (ASCII_WORD_RE.test(raw)) return raw.toLowerCase();
  let w = raw.normalize('NFKC').toLowerCase().replace(/[\u2019\u2018]/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.includes("'")) w = w.replace(/'/g, '');
  if (w.includes('.') && /^\p{L}/u.test(w)) {
    // "U.S" -> "u.s" stays distinct from the pronoun "us"; "e.g" style tokens are rare.
    const joined = w.replace(/\./g, '');
    w = joined.length <= 3 ? w : joined;
  }
  return w;
}
