import { asciiDigits } from './ascii-digits';
import { foldLookalikes, lookalikeScriptOf, type LookalikeScript } from './fold-lookalikes';

/** A word of the text with its character offsets in the string that was tokenised. */
export interface Token {
  /** The token exactly as it appears in the text. */
  text: string;
  /**
   * Comparison form: invisible format characters dropped, NFKC, look-alike letters folded to the
   * text's script, digits of every script made ASCII, lower case, straight apostrophes, possessive
   * 's dropped.
   */
  norm: string;
  start: number;
  end: number;
  /** Whether the token starts with an upper-case letter (a hint for names). */
  upper: boolean;
  /** Whether the token is a numeral (digits, possibly with separators or a suffix like "bn"). */
  numeric: boolean;
}

// Numbers keep their separators and an attached unit ("8,000", "3.5", "8bn", Arabic "٣٫٥"); words
// keep inner apostrophes and dots ("don't", "U.S") so abbreviations and contractions stay one
// token. Format characters (\p{Cf}: soft hyphen, zero-width space and joiners, bidi controls) are
// part of the word they sit in: they are invisible, so "gov\u00ADern\u200Bment" is one word.
const TOKEN_RE =
  /\p{N}[\p{N}\p{Cf}]*(?:[.,\u066B\u066C]\p{N}[\p{N}\p{Cf}]*)*[\p{L}\p{M}\p{Cf}]*|\p{L}[\p{L}\p{M}\p{N}\p{Cf}]*(?:['\u2019\u2018.][\p{L}\p{M}\p{N}\p{Cf}]+)*/gu;

const ASCII_WORD_RE = /^[A-Za-z0-9]+$/;
const UPPER_RE = /^\p{Lu}/u;
const DIGIT_RE = /^\p{N}/u;
/** Invisible characters a copy can insert without changing what a reader sees (soft hyphen, zero-width, bidi controls, variation selectors). */
const IGNORABLE_RE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Scripts written without spaces between words, and the locale whose dictionary Intl.Segmenter
 * uses for them. Kana decides Japanese over Chinese for a run that mixes them with Han.
 */
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const KANA_RE = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SEGMENT_LOCALE: Array<[RegExp, string]> = [
  [/\p{Script=Thai}/u, 'th'], [/\p{Script=Lao}/u, 'lo'], [/\p{Script=Khmer}/u, 'km'], [/\p{Script=Myanmar}/u, 'my'],
];
const segmenters = new Map<string, Intl.Segmenter>();

/** Words of a run in a script without spaces (Intl.Segmenter's dictionary), as [text, offset in run]. */
function segmentWords(run: string): Array<[string, number]> {
  const locale = KANA_RE.test(run) ? 'ja' : (SEGMENT_LOCALE.find(([re]) => re.test(run))?.[1] ?? 'zh');
  let seg = segmenters.get(locale);
  if (!seg) segmenters.set(locale, (seg = new Intl.Segmenter(locale, { granularity: 'word' })));
  const out: Array<[string, number]> = [];
  for (const s of seg.segment(run)) if (s.isWordLike) out.push([s.segment, s.index]);
  return out;
}

/**
 * Splits text into word and number tokens with their offsets (punctuation is dropped). Runs of
 * Chinese, Japanese, Thai, Lao, Khmer or Burmese, written without spaces, are split into words by
 * Intl.Segmenter (Node, Chrome and Firefox all ship it; their dictionaries may split a rare
 * compound differently, which only changes fingerprints between installs, not within one).
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Letters per look-alike script, to find the script the text is written in (its dominant script,
  // which suspect tokens are folded towards below).
  const letters = { Latn: 0, Cyrl: 0, Grek: 0, Armn: 0 };
  let suspects: number[] | null = null;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    if (UNSPACED_RE.test(raw)) {
      for (const [w, at] of segmentWords(raw)) pushToken(out, w, m.index + at, letters);
      continue;
    }
    const ascii = ASCII_WORD_RE.test(raw);
    if (ascii) letters.Latn += raw.length;
    else if (countScripts(raw, letters) !== 'Latn') (suspects ??= []).push(out.length);
    out.push({
      text: raw,
      norm: ascii ? raw.toLowerCase() : normalizeToken(raw),
      start: m.index,
      end: m.index + raw.length,
      upper: UPPER_RE.test(raw),
      numeric: DIGIT_RE.test(raw),
    });
  }
  if (suspects) {
    const dominant = (Object.keys(letters) as LookalikeScript[]).reduce((a, b) => (letters[b] > letters[a] ? b : a));
    for (const k of suspects) {
      const t = out[k];
      const scripts = scriptsOf(t.text);
      const mixed = scripts.size > 1;
      // A mixed token folds to the text's script (to Latin when the text is in another script
      // altogether); a single-script token only when its script is not the text's.
      const target = letters[dominant] > 0 ? dominant : 'Latn';
      if (!mixed && scripts.has(target)) continue;
      t.norm = normalizeToken(t.text, target, mixed);
    }
  }
  return out;
}

function pushToken(out: Token[], raw: string, start: number, letters: Record<LookalikeScript, number>): void {
  countScripts(raw, letters);
  out.push({
    text: raw,
    norm: normalizeToken(raw),
    start,
    end: start + raw.length,
    upper: UPPER_RE.test(raw),
    numeric: DIGIT_RE.test(raw),
  });
}

/** Adds a token's letters to the per-script counts; returns 'Latn' when it has only Latin letters or none of the folded scripts. */
function countScripts(raw: string, letters: Record<LookalikeScript, number>): LookalikeScript | 'other' {
  let only: LookalikeScript | 'other' | null = null;
  for (let i = 0; i < raw.length; i++) {
    const s = lookalikeScriptOf(raw.charCodeAt(i));
    if (s === null) continue;
    letters[s]++;
    only = only === null || only === s ? s : 'other';
  }
  return only ?? 'Latn';
}

function scriptsOf(raw: string): Set<LookalikeScript> {
  const out = new Set<LookalikeScript>();
  for (let i = 0; i < raw.length; i++) {
    const s = lookalikeScriptOf(raw.charCodeAt(i));
    if (s) out.add(s);
  }
  return out;
}

/**
 * Comparison form of one token: invisible characters dropped, NFKC, look-alike letters folded into
 * `foldTo` (when given; `mixed` as in foldLookalikes), digits made ASCII, lower case, no possessive,
 * dotted abbreviations joined.
 */
function normalizeToken(raw: string, foldTo?: LookalikeScript, mixed = false): string {
  // Fast path: plain ASCII words and numbers (most news tokens) need no Unicode work.
  if (ASCII_WORD_RE.test(raw)) return raw.toLowerCase();
  let w = raw.replace(IGNORABLE_RE, '').normalize('NFKC');
  if (foldTo) w = foldLookalikes(w, foldTo, mixed);
  w = asciiDigits(w).toLowerCase().replace(/[\u2019\u2018]/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.includes("'")) w = w.replace(/'/g, '');
  if (w.includes('.') && /^\p{L}/u.test(w)) {
    // "U.S" -> "u.s" stays distinct from the pronoun "us"; "e.g" style tokens are rare.
    const joined = w.replace(/\./g, '');
    w = joined.length <= 3 ? w : joined;
  }
  return w;
}
