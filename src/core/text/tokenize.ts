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
// Enclosed Latin letters (circled, squared, negative circled and squared: "ⓒⓞⓤⓝⓒⓘⓛ", "🅲🅾🆄🅽🅲🅸🅻")
// are symbols to Unicode but letters to a reader: they count as letters, and normalizeToken folds them.
const ENCLOSED = '\u24B6-\u24E9\u{1F130}-\u{1F149}\u{1F150}-\u{1F169}\u{1F170}-\u{1F189}';
const TOKEN_RE = new RegExp(
  `\\p{N}[\\p{N}\\p{Cf}]*(?:[.,\u066B\u066C]\\p{N}[\\p{N}\\p{Cf}]*)*[\\p{L}\\p{M}\\p{Cf}${ENCLOSED}]*|[\\p{L}${ENCLOSED}][\\p{L}\\p{M}\\p{N}\\p{Cf}${ENCLOSED}]*(?:['\u2019\u2018.][\\p{L}\\p{M}\\p{N}\\p{Cf}${ENCLOSED}]+)*`,
  'gu',
);
/**
 * Narrow spaces (six-per-em, punctuation, thin, hair, narrow no-break, medium mathematical) between
 * two letters: a copy can space out every letter of a word with them ("c\u200Ao\u200Au\u200An...")
 * and still read as ordinary, slightly tracked text. Typography puts them between digits (thousands)
 * and before punctuation, never inside a word, so there they join the letters as an invisible
 * character would.
 */
const NARROW_SPACES = '[\u2006\u2008-\u200A\u202F\u205F]';
const NARROW_SPACE_IN_WORD_RE = new RegExp(`(?<=[\\p{L}\\p{M}])${NARROW_SPACES}(?=\\p{L})`, 'gu');
const NARROW_SPACE_RE = new RegExp(NARROW_SPACES, 'u');
const NARROW_SPACES_RE = new RegExp(NARROW_SPACES, 'gu');

/**
 * Latin letters drawn as small capitals or in enclosing shapes that NFKC leaves as they are
 * (negative circled and squared letters; phonetic small capitals read as the letter they copy).
 */
const LETTER_FORMS = new Map<string, string>([
  ...[...'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ'].map((c, i) => [c, 'abcdefghijklmnoprstuvwyz'[i]] as [string, string]),
  ...Array.from({ length: 26 }, (_, i) => [String.fromCodePoint(0x1f150 + i), String.fromCharCode(97 + i)] as [string, string]),
  ...Array.from({ length: 26 }, (_, i) => [String.fromCodePoint(0x1f170 + i), String.fromCharCode(97 + i)] as [string, string]),
]);
const LETTER_FORMS_RE = new RegExp(`[${[...LETTER_FORMS.keys()].join('')}]`, 'gu');

const ASCII_WORD_RE = /^[A-Za-z0-9]+$/;
const UPPER_RE = /^\p{Lu}/u;
const DIGIT_RE = /^\p{N}/u;
/** Invisible characters a copy can insert without changing what a reader sees (soft hyphen, zero-width, bidi controls, variation selectors). */
const IGNORABLE_RE = /\p{Default_Ignorable_Code_Point}/gu;
const IGNORABLE_ONE_RE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * Scripts written without spaces between words, and the locale whose dictionary Intl.Segmenter
 * uses for them. Kana decides Japanese over Chinese for a run that mixes them with Han.
 */
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const KANA_RE = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * One space (of any width) between two characters of a script written without spaces: Chinese and
 * Japanese put none between words, so a copy spaced out character by character ("中 国 政 府")
 * reads as the run it spaces; the run is then segmented as if the space were not there.
 */
const SPACE_IN_UNSPACED_RE = /(?<=[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])[ \u00A0\u2000-\u200A\u202F\u205F\u3000](?=[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])/gu;
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
  // Words are found in a same-length copy where a narrow space inside a word is an invisible
  // character (so offsets hold); each token's text is still the text's own.
  let scan = NARROW_SPACE_RE.test(text) ? text.replace(NARROW_SPACE_IN_WORD_RE, '\u200B') : text;
  if (UNSPACED_RE.test(text)) scan = scan.replace(SPACE_IN_UNSPACED_RE, '\u200B');
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(scan); m !== null; m = TOKEN_RE.exec(scan)) {
    const raw = scan === text ? m[0] : text.slice(m.index, m.index + m[0].length);
    if (UNSPACED_RE.test(raw)) {
      // Words are found in the run without what a reader does not read between its characters
      // (invisible characters, spaces: see SPACE_IN_UNSPACED_RE); each keeps its span of the text.
      const kept: number[] = [];
      let bare = '';
      for (let k = 0; k < raw.length; k++) {
        const ch = raw[k];
        if (IGNORABLE_ONE_RE.test(ch) || /\s/.test(ch)) continue;
        kept.push(k);
        bare += ch;
      }
      for (const [w, at] of segmentWords(bare)) {
        const from = kept[at];
        const to = kept[at + w.length - 1] + 1;
        pushToken(out, raw.slice(from, to), m.index + from, letters, w);
      }
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
  if (OVERRIDE_RE.test(text)) readOverridesAsShown(text, out);
  return out;
}

/** Explicit direction overrides (LRO, RLO); the other bidi controls only embed or isolate. */
const OVERRIDE_RE = /[\u202D\u202E]/;
const RTL_LETTER_RE = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * Reads the words inside direction overrides in the order a reader sees them. A right-to-left
 * override (U+202E) lays out the left-to-right letters and digits it holds from right to left, so
 * "\u202Eesac eht\u202C" shows as "the case": a copy stored that way reads as the original and
 * must fingerprint as it. Inside an override, each token whose letters run against the override's
 * direction is reversed, and the tokens of the span are put in their shown order. Offsets stay the
 * text's own. An override ends at its PDF (U+202C), at the end of its paragraph or of the text; an
 * embedding or isolate opened inside it suspends it until closed.
 */
function readOverridesAsShown(text: string, tokens: Token[]): void {
  // Per override span: [start, end, rtl]. The stack holds each open control's kind.
  const spans: Array<[number, number, boolean]> = [];
  const stack: Array<'rlo' | 'lro' | 'embed' | 'isolate'> = [];
  let open = -1;
  let openRtl = false;
  const innermost = (): 'rlo' | 'lro' | null => {
    const k = stack.at(-1);
    return k === 'rlo' || k === 'lro' ? k : null;
  };
  const close = (at: number) => {
    if (open >= 0 && at > open) spans.push([open, at, openRtl]);
    open = -1;
  };
  const reopen = (at: number) => {
    const k = innermost();
    if (k) {
      open = at;
      openRtl = k === 'rlo';
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x202d || c === 0x202e || c === 0x202a || c === 0x202b || (c >= 0x2066 && c <= 0x2068)) {
      close(i);
      stack.push(c === 0x202e ? 'rlo' : c === 0x202d ? 'lro' : c >= 0x2066 ? 'isolate' : 'embed');
      reopen(i + 1);
    } else if (c === 0x202c || c === 0x2069) {
      // PDF closes the last embedding or override (not an isolate); PDI closes up to its isolate.
      const last = stack.lastIndexOf('isolate');
      if (c === 0x202c && stack.length && stack.at(-1) !== 'isolate') {
        close(i);
        stack.pop();
        reopen(i + 1);
      } else if (c === 0x2069 && last >= 0) {
        close(i);
        stack.length = last;
        reopen(i + 1);
      }
    } else if (c === 0x0a || c === 0x0d || c === 0x2029) {
      close(i);
      stack.length = 0;
    }
  }
  close(text.length);
  for (const [start, end, rtl] of spans) {
    let first = -1;
    let last = -1;
    let turned = 0;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      // A token ends after the PDF that closes its override (format characters belong to words).
      if (t.start < start || t.end > end + 1) continue;
      if (first < 0) first = k;
      last = k;
      // Right-to-left letters inside a right-to-left override (or left-to-right ones inside a
      // left-to-right override) show in their stored order; the others are turned round.
      if (RTL_LETTER_RE.test(t.norm) !== rtl) {
        t.norm = [...t.norm].reverse().join('');
        turned++;
      }
    }
    // Words laid out against their own direction also show in reverse order (all of them turned).
    if (first >= 0 && last > first && turned === last - first + 1) {
      const shown = tokens.slice(first, last + 1).reverse();
      tokens.splice(first, shown.length, ...shown);
    }
  }
}

function pushToken(out: Token[], raw: string, start: number, letters: Record<LookalikeScript, number>, word = raw): void {
  countScripts(raw, letters);
  out.push({
    text: raw,
    norm: normalizeToken(word),
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
  let w = raw.replace(IGNORABLE_RE, '').replace(NARROW_SPACES_RE, '').normalize('NFKC').replace(LETTER_FORMS_RE, (c) => LETTER_FORMS.get(c) ?? c);
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
