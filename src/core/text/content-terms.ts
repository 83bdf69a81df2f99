import { languageRules } from './language-rules';
import { tokenize, type Token } from './tokenize';
import { numberTerm, numberWordValue, parseNumberToken, scaleOf } from './parse-number';

/** A content term: a stemmed non-stopword or a normalised number, with its span in the text. */
export interface ContentTerm {
  /** Stem ("report"), or "#" + number value ("#8000000000"). */
  term: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'name';
}

const UNSPACED_RE = /[\p{Script=Han}\p{Script=Thai}]/u;

// Ordinal and decade suffixes keep the number; units that change the meaning keep the suffix.
const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th', 's']);

/**
 * Content terms of a text in language `lang` (ISO 639-1; null or absent: English rules), in
 * order: the language's stopwords dropped, words stemmed by its rules (language-rules.ts), numbers
 * normalised ("8bn", "$8 billion", "eight billion", "۸ ارب" -> "#8000000000"). Capitalised words not
 * at the start of the text are marked `name` (callers split into sentences first, so this is a
 * cheap name hint; scripts without case have none).
 */
export function contentTerms(text: string, lang?: string | null): ContentTerm[] {
  return contentTermsOfTokens(tokenize(text), lang);
}

/** Same as contentTerms, over tokens already produced by tokenize(). */
export function contentTermsOfTokens(tokens: Token[], lang?: string | null): ContentTerm[] {
  const rules = languageRules(lang);
  const english = rules.lang === 'en';
  const out: ContentTerm[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.numeric) {
      const p = parseNumberToken(t.norm, rules.decimalComma);
      if (p) {
        let value = p.value;
        let end = t.end;
        const suffixScale = p.suffix ? scaleOf(p.suffix) : undefined;
        if (suffixScale) value *= suffixScale;
        else if (p.suffix && !ORDINAL_SUFFIX.has(p.suffix)) {
          out.push({ term: t.norm, start: t.start, end: t.end, kind: 'number' });
          continue;
        }
        if (!p.suffix && next) {
          const s = scaleOf(next.norm);
          // Single-letter Latin scales ("m", "b") only count when glued to the digits ("8bn"), not
          // spaced; a CJK scale (万, 亿) is one character and is glued in the text, a separate token
          // only because the segmenter split it off.
          if (s && (next.norm.length > 1 || (next.start === t.end && UNSPACED_RE.test(next.norm)))) {
            value *= s;
            end = next.end;
            i++;
          }
        }
        out.push({ term: numberTerm(value), start: t.start, end, kind: 'number' });
        continue;
      }
    }
    const nextScale = next ? scaleOf(next.norm) : undefined;
    // Number words ("eight") are English; other languages' figures are matched when written in digits.
    const wordValue = english ? numberWordValue(t.norm, nextScale !== undefined && next.norm.length > 1) : undefined;
    if (wordValue !== undefined) {
      if (nextScale !== undefined && next.norm.length > 1) {
        out.push({ term: numberTerm(wordValue * nextScale), start: t.start, end: next.end, kind: 'number' });
        i++;
      } else {
        out.push({ term: numberTerm(wordValue), start: t.start, end: t.end, kind: 'number' });
      }
      continue;
    }
    // One-letter words carry no topic in alphabetic scripts; a single Han character often does.
    if ((t.norm.length < 2 && !UNSPACED_RE.test(t.norm)) || rules.isStopword(t.norm)) continue;
    out.push({ term: rules.stem(t.norm), start: t.start, end: t.end, kind: t.upper && i > 0 ? 'name' : 'word' });
  }
  return out;
}
