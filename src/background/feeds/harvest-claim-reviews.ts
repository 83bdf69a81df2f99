/**
 * Harvest: ClaimReview JSON-LD found on a fact-check page the user visits joins the local claims
 * store (source "harvest"; nothing is sent anywhere). A page may only contribute reviews of its own
 * site: a review URL on another site is someone else's word, and a hostile page could otherwise
 * plant "fact checks" attributed to real fact-checkers' addresses.
 */
import { parseClaimReviews } from '../../core/claims/parse-claim-reviews';
import { safeHttpsUrl } from '../../core/feeds/safe-url';
import type { KnownClaim } from '../../core/types';

/** Source tag of harvested claims. */
export const HARVEST_SOURCE = 'harvest';
/** Most claims taken from one page (a real fact-check page reviews one to a handful). */
export const MAX_HARVEST_PER_PAGE = 20;

function siteOf(host: string): string {
  // Registrable-domain approximation: the last two labels ("www.snopes.com" -> "snopes.com").
  return host.toLowerCase().split('.').slice(-2).join('.');
}

/** The claims a page's ClaimReview JSON-LD blocks carry, restricted to the page's own site. */
export function harvestClaimReviews(rawJsonLdBlocks: unknown[], pageUrl: string): KnownClaim[] {
  const page = safeHttpsUrl(pageUrl);
  if (!page) return [];
  const pageSite = siteOf(new URL(page).hostname);
  const out: KnownClaim[] = [];
  for (const block of rawJsonLdBlocks.slice(0, 50)) {
    for (const c of parseClaimReviews(block, HARVEST_SOURCE).claims) {
      if (c.url && siteOf(new URL(c.url).hostname) !== pageSite) continue;
      // A review without its own URL is the page itself.
      const claim = c.url ? c : { ...c, url: page, id: `${page}#${c.id.split('#').pop()}` };
      out.push(claim);
      if (out.length >= MAX_HARVEST_PER_PAGE) return out;
    }
  }
  return out;
}
