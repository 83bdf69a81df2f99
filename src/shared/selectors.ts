/**
 * Text-quote anchoring (W3C TextQuoteSelector + TextPositionSelector, after hypothesis/client):
 * find where a quote taken from Readability's clone of the page sits in the live page text, which
 * differs in whitespace, typographic quotes and dashes, block boundaries and extra elements
 * (captions, ads, footnote markers). Pure: strings in, offsets out. No side effects at import.
 */
import type { QuoteSelector } from './messages';

/** A match of a quote in a text: raw offsets into the text that was searched. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** 1 for an exact (normalised) match with full context; lower for weaker evidence. */
  score: number;
}

/** Text with typographic variants folded and whitespace collapsed, plus a map back to raw offsets. */
export interface FoldedText {
  text: string;
  /** map[i] = raw offset of folded char i; map[text.length] = raw length. */
  map: Int32Array;
}

// Characters folded to one form, so the live DOM and Readability's text compare equal:
// typographic quotes to ' and ", dashes and minus to -, the ellipsis to a full stop.
const FOLD = new Map<number, number>([
  [0x2018, 39], [0x2019, 39], [0x201a, 39], [0x201b, 39], [0x2032, 39],
  [0x201c, 34], [0x201d, 34], [0x201e, 34], [0x201f, 34], [0x2033, 34], [0xab, 34], [0xbb, 34],
  [0x2010, 45], [0x2011, 45], [0x2012, 45], [0x2013, 45], [0x2014, 45], [0x2015, 45], [0x2212, 45],
  [0x2026, 46],
]);
// Lower-case forms of non-ASCII code units, filled as met (one code unit in, one out).
const LOWER = new Map<number, number>();

/** Zero-width and soft-hyphen characters vanish (pages insert them to allow line breaks). */
function isDropped(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** The characters `\s` matches in JavaScript (minus U+FEFF, which is dropped). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const f = FOLD.get(c);
  if (f !== undefined) return f;
  let l = LOWER.get(c);
  if (l === undefined) {
    const lower = String.fromCharCode(c).toLowerCase();
    l = lower.length === 1 ? lower.charCodeAt(0) : c;
    LOWER.set(c, l);
  }
  return l;
}

/** Folds case, typographic quotes/dashes and whitespace runs (to one space), keeping an offset map. */
export function foldText(raw: string): FoldedText {
  // Char codes in typed arrays: this runs over whole pages (hundreds of KB) on every highlight draw.
  const out = new Uint16Array(raw.length);
  const map = new Int32Array(raw.length + 1);
  let n = 0;
  let pendingSpace = false;
  let lastSpace = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isDropped(c)) continue;
    if (isSpace(c)) {
      pendingSpace = n > 0;
      lastSpace = i;
      continue;
    }
    if (pendingSpace) {
      out[n] = 32;
      map[n++] = lastSpace;
      pendingSpace = false;
    }
    out[n] = fold(c);
    map[n++] = i;
  }
  map[n] = raw.length;
  let text = '';
  const CHUNK = 8192; // String.fromCharCode.apply has an argument-count limit
  for (let i = 0; i < n; i += CHUNK) text += String.fromCharCode(...out.subarray(i, Math.min(n, i + CHUNK)));
  return { text, map: map.slice(0, n + 1) };
}

/** Length of the common suffix of a and b (chars). */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Length of the common prefix of a and b (chars). */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function allIndexes(hay: string, needle: string, cap: number): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let i = hay.indexOf(needle);
  while (i !== -1 && out.length < cap) {
    out.push(i);
    i = hay.indexOf(needle, i + 1);
  }
  return out;
}

// How many occurrences of a quote are weighed against each other; a sentence repeated more often
// than this on one page is boilerplate, and the first ones are as good as any.
const MAX_OCCURRENCES = 200;
// Length of the quote head/tail used when the whole quote is interrupted by extra page text
// (a footnote marker, an inline ad). Longer is more specific, shorter survives closer interruptions.
const FUZZY_EDGE = 24;
// How much longer than the quote an interrupted match may be (extra page text inside it).
const FUZZY_STRETCH = 1.5;

/**
 * Finds `selector.exact` in `text` (raw live-page text), using prefix/suffix context to choose
 * among repeats and the position hint as a tie-breaker; falls back to matching the quote's head
 * and tail when extra elements interrupt it. Returns raw offsets into `text`, or null.
 */
export function matchQuote(text: string, selector: QuoteSelector, folded?: FoldedText): QuoteMatch | null {
  const hay = folded ?? foldText(text);
  const exact = foldText(selector.exact).text;
  if (!exact) return null;
  const prefix = foldText(selector.prefix).text;
  const suffix = foldText(selector.suffix).text;
  const textLen = Math.max(1, hay.text.length);
  // The hint is an offset into the article text, which starts a little after the body text starts;
  // it only breaks ties, so its weight stays below one character of context.
  const hint = Math.max(0, selector.start);

  const score = (s: number, e: number): number => {
    const pre = prefix ? commonSuffix(hay.text.slice(Math.max(0, s - prefix.length - 1), s).trimEnd(), prefix.trimEnd()) / prefix.trimEnd().length || 0 : 1;
    const suf = suffix ? commonPrefix(hay.text.slice(e, e + suffix.length + 1).trimStart(), suffix.trimStart()) / suffix.trimStart().length || 0 : 1;
    const near = 1 - Math.min(1, Math.abs(s - hint) / textLen);
    return pre + suf + near * 0.01;
  };

  let best: { s: number; e: number; score: number } | null = null;
  for (const s of allIndexes(hay.text, exact, MAX_OCCURRENCES)) {
    const sc = score(s, s + exact.length);
    if (!best || sc > best.score) best = { s, e: s + exact.length, score: sc };
  }
  if (best) return toRaw(hay, best.s, best.e, Math.min(1, 0.5 + best.score / 4));

  // Interrupted quote: find the head, then the nearest tail after it within a stretch of the length.
  if (exact.length < FUZZY_EDGE * 2) return null;
  const head = exact.slice(0, FUZZY_EDGE);
  const tail = exact.slice(-FUZZY_EDGE);
  const maxLen = Math.ceil(exact.length * FUZZY_STRETCH);
  for (const s of allIndexes(hay.text, head, MAX_OCCURRENCES)) {
    const t = hay.text.indexOf(tail, s + head.length);
    if (t === -1 || t + tail.length - s > maxLen) continue;
    const e = t + tail.length;
    const sc = score(s, e);
    if (!best || sc > best.score) best = { s, e, score: sc };
  }
  if (best) return toRaw(hay, best.s, best.e, Math.min(0.9, 0.4 + best.score / 4));
  return null;
}

function toRaw(f: FoldedText, s: number, e: number, score: number): QuoteMatch {
  // End maps to the raw offset just after the last folded char of the match.
  const start = f.map[s];
  const end = e > 0 ? f.map[e - 1] + 1 : start;
  return { start, end, score };
}

/** Builds a selector for `text.slice(start, end)` with `context` chars of prefix and suffix. */
export function quoteSelector(text: string, start: number, end: number, context = 32): QuoteSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
    start,
    end,
  };
}
