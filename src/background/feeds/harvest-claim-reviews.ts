/**
 * Harvest: ClaimReview JSON-LD found on a fact-check page the user visits joins the local claims
 * store (source "harvest"; nothing is sent anywhere). A page may only contribute reviews of its own
 * site: a review URL on another site is someone else's word, and a hostile page could otherwise
 * plant "fact checks" attributed to real fact-checkers' addresses.
 */
import { parseClaimReviews } from '../../core/claims/parse-claim-reviews';
import { siteOf } from '../../core/site';
import { safeHttpsUrl } from '../../core/feeds/safe-url';
import type { KnownClaim } from '../../core/types';

/** Source tag of harvested claims. */
export const HARVEST_SOURCE = 'harvest';
/** Most claims taken from one page (a real fact-check page reviews one to a handful). */
export const MAX_HARVEST_PER_PAGE = 20;

/** The claims a page's ClaimReview JSON-LD blocks carry, restricted to the page's own site. */
export function harvestClaimReviews(rawJsonLdBlocks: unknown[], pageUrl: string): KnownClaim[] {
  const page = safeHttpsUrl(pageUrl);
  if (!page) return [];
  // Sites as the engine tells outlets apart: "bbc.co.uk" is not all of "co.uk", and each blog on
  // a shared host ("x.blogspot.com") is its own site.
  const pageSite = siteOf(page);
  const out: KnownClaim[] = [];
  for (const block of rawJsonLdBlocks.slice(0, 50)) {
    for (const c of parseClaimReviews(block, HARVEST_SOURCE).claims) {
      if (c.url && siteOf(c.url) !== pageSite) continue;
      // A review without its own URL is the page itself.
      const claim = c.url ? c : { ...c, url: page, id: `${page}#${c.id.split('#').pop()}` };
      out.push(claim);
      if (out.length >= MAX_HARVEST_PER_PAGE) return out;
    }
  }
  return out;
}
