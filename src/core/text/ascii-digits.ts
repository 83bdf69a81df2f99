/**
 * Decimal digits of every script (Arabic-Indic ٣, Extended Arabic-Indic ۳, Devanagari ३, Bengali ৩,
 * Thai ๓, ...) written as ASCII digits, so "۲۰۲۳" and "2023" are one number term. Unicode encodes
 * each script's decimal digits (\p{Nd}) as a contiguous run 0..9, so a digit's value is its distance
 * from the start of its run, modulo 10 (some runs hold several sets of ten, e.g. the math digits).
 */

const ND_RE = /\p{Nd}/u;
const NON_ASCII_DIGIT_RE = /[^\x00-\x7f]/;
// Arabic decimal and thousands separators (U+066B, U+066C) read as "." and ",".
const SEPARATORS = new Map([['\u066B', '.'], ['\u066C', ',']]);
const valueCache = new Map<number, number>();

function isNd(code: number): boolean {
  return ND_RE.test(String.fromCodePoint(code));
}

/** Numeric value 0..9 of a decimal digit of any script, or -1. */
export function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  let v = valueCache.get(code);
  if (v === undefined) {
    if (!isNd(code)) v = -1;
    else {
      let start = code;
      while (isNd(start - 1)) start--;
      v = (code - start) % 10;
    }
    valueCache.set(code, v);
  }
  return v;
}

/** The string with every decimal digit made ASCII and Arabic number separators made "." and ","; other characters unchanged. */
export function asciiDigits(s: string): string {
  if (!NON_ASCII_DIGIT_RE.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const v = digitValue(ch.codePointAt(0)!);
    out += v >= 0 ? String(v) : (SEPARATORS.get(ch) ?? ch);
  }
  return out;
}
