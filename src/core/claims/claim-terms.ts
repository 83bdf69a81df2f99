/**
 * Claim-side text preparation on top of core/text: social-media noise removed (links, picture
 * links, the "— Name (@handle) date" signature of embedded tweets), hashtags and handles split into
 * words ("#AustralianFires" -> "Australian Fires"), then content terms (stems and normalised
 * numbers) and adjacent-term bigrams.
 */
import { contentTerms } from '../text';

const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\bpic\.twitter\.com\/\S+/gi;
// Embedded-tweet signature: "— Brad Trost (@BradTrostCPC) December 26, 2019" at the end.
const SIGNATURE_RE = /\s[\u2014\u2013-]+\s[^\u2014\u2013]{0,80}\(@\w+\)\s+\w+ \d{1,2}, \d{4}\s*$/u;
const TAG_RE = /[#@]([\p{L}\p{N}_]+)/gu;

/** Strips links and tweet signatures and splits hashtags (for matching only, never for offsets). */
export function cleanClaimText(text: string): string {
  return text
    .replace(SIGNATURE_RE, ' ')
    .replace(URL_RE, ' ')
    .replace(TAG_RE, (_m, w: string) => splitCamel(w.replace(/_/g, ' ')));
}

/** "AustralianFires" -> "Australian Fires", "COVID19" -> "COVID 19"; all-caps words stay whole. */
export function splitCamel(w: string): string {
  return w.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{L})(\p{N})/gu, '$1 $2').replace(/(\p{N})(\p{L})/gu, '$1 $2');
}

/** Content terms (stems, "#number" terms) of a claim or a query, in order. */
export function claimTerms(text: string): string[] {
  return contentTerms(cleanClaimText(text)).map((t) => t.term);
}

/** Adjacent-term bigrams ("stem1 stem2") of a term list. */
export function bigrams(terms: string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < terms.length; i++) out.push(`${terms[i - 1]} ${terms[i]}`);
  return out;
}
