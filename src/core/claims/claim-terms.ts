/**
 * Claim-side text preparation on top of core/text: social-media noise removed (links, picture
 * links; an embedded tweet's "— Name (@handle) date" signature is kept: who said it and when are
 * what fact-checks name, +2 points MAP@5 on CheckThat! dev), hashtags and handles split into
 * words ("#AustralianFires" -> "Australian Fires"), then content terms (stems and normalised
 * numbers) and adjacent-term bigrams. Glued lowercase tags are split against the store's vocabulary
 * ("#cornflakes"): MAP@5 on CheckThat! train +0.3 points, dev +0.5.
 */
import { contentTerms } from '../text';

const URL_RE = /(?:https?:\/\/|www\.)\S+|pic\.twitter\.com\/\S+/gi;
const TAG_RE = /[#@]([\p{L}\p{N}_]+)/gu;

/**
 * Strips links and splits hashtags (for matching only, never for offsets). Each tag becomes its own
 * words, spaced off its neighbours ("@SenRonJohnson#border" -> " Sen Ron Johnson  border ").
 * With `known` (a lookup into the store's vocabulary), an all-lowercase tag the store does not know
 * is split once into two known words ("#cornflakes" -> "corn flakes", "#tentcity" -> "tent city").
 */
function cleanClaimText(text: string, known?: (term: string) => boolean): string {
  return text
    .replace(URL_RE, ' ')
    .replace(TAG_RE, (_m, w: string) => ` ${known ? splitGlued(w, known) : splitCamel(w.replace(/_/g, ' '))} `);
}

/** Glued tags shorter than this are left whole (short splits are mostly wrong: "#metoo" is fine). */
const MIN_GLUED = 6;

/** One unknown lowercase tag split into the first pair of known words, else camel-case split. */
function splitGlued(w: string, known: (term: string) => boolean): string {
  if (w.length < MIN_GLUED || !/^\p{Ll}+$/u.test(w)) return splitCamel(w.replace(/_/g, ' '));
  const one = contentTerms(w);
  if (one.length !== 1 || known(one[0].term)) return w;
  for (let i = 3; i <= w.length - 3; i++) {
    const a = contentTerms(w.slice(0, i));
    if (a.length !== 1 || !known(a[0].term)) continue;
    const b = contentTerms(w.slice(i));
    if (b.length === 1 && known(b[0].term)) return `${w.slice(0, i)} ${w.slice(i)}`;
  }
  return w;
}

/** "AustralianFires" -> "Australian Fires", "COVID19" -> "COVID 19"; all-caps words stay whole. */
function splitCamel(w: string): string {
  return w.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{L})(\p{N})/gu, '$1 $2').replace(/(\p{N})(\p{L})/gu, '$1 $2');
}

/** Content terms (stems, "#number" terms) of a claim or a query, in order (`known`: see cleanClaimText). */
export function claimTerms(text: string, known?: (term: string) => boolean): string[] {
  return contentTerms(cleanClaimText(text, known)).map((t) => t.term);
}

