import { isStopword } from './stopwords';
import { stem } from './stem';
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

// Ordinal and decade suffixes keep the number; units that change the meaning keep the suffix.
const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th', 's']);

/**
 * Content terms of a text, in order: stopwords dropped, words Porter-stemmed, numbers normalised
 * ("8bn", "$8 billion", "eight billion" -> "#8000000000"). Capitalised words not at the start of the
 * text are marked `name` (callers split into sentences first, so this is a cheap name hint).
 */
export function contentTerms(text: string): ContentTerm[] {
  return contentTermsOfTokens(tokenize(text));
}

/** Same as contentTerms, over tokens already produced by tokenize(). */
export function contentTermsOfTokens(tokens: Token[]): ContentTerm[] {
  const out: ContentTerm[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.numeric) {
      const p = parseNumberToken(t.norm);
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
          // Single-letter scales ("m", "b") only count when glued to the digits ("8bn"), not spaced.
          if (s && next.norm.length > 1) {
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
    const wordValue = numberWordValue(t.norm, nextScale !== undefined && next.norm.length > 1);
    if (wordValue !== undefined) {
      if (nextScale !== undefined && next.norm.length > 1) {
        out.push({ term: numberTerm(wordValue * nextScale), start: t.start, end: next.end, kind: 'number' });
        i++;
      } else {
        out.push({ term: numberTerm(wordValue), start: t.start, end: t.end, kind: 'number' });
      }
      continue;
    }
    if (t.norm.length < 2 || isStopword(t.norm)) continue;
    out.push({ term: stem(t.norm), start: t.start, end: t.end, kind: t.upper && i > 0 ? 'name' : 'word' });
  }
  return out;
}
