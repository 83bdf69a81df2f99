/**
 * Harvest: ClaimReview JSON-LD found on a fact-check page joins the local claims store (source
 * "harvest"). The one rule for markup taken from a page, used by the extension (pages the user
 * visits) and the CLI (`index` of saved pages): a page may only contribute reviews of its own site,
 * and the reviewer is that site, never the name the markup declares. A review URL on another site is
 * someone else's word, and a hostile page could otherwise plant "fact checks" attributed to real
 * fact-checkers ("rated False by Snopes" from a page on hostile.example).
 */
import { siteOf } from '../site';
import { safeHttpsUrl } from '../feeds/safe-url';
import { parseUrl } from '../feeds/web-apis';
import type { KnownClaim } from '../types';
import { parseClaimReviews } from './parse-claim-reviews';

/** Source tag of harvested claims. */
export const HARVEST_SOURCE = 'harvest';
/** Most claims taken from one page (a real fact-check page reviews one to a handful). */
export const MAX_HARVEST_PER_PAGE = 20;
/** JSON-LD blocks read per page (real pages carry a few; the rest is padding). */
const MAX_BLOCKS = 50;

/** The claims a page's ClaimReview JSON-LD blocks carry, restricted to and attributed to the page's own site. */
export function harvestClaimReviews(rawJsonLdBlocks: unknown[], pageUrl: string): KnownClaim[] {
  const page = safeHttpsUrl(pageUrl);
  if (!page) return [];
  // Sites as the engine tells outlets apart: "bbc.co.uk" is not all of "co.uk", and each blog on
  // a shared host ("x.blogspot.com") is its own site.
  const pageSite = siteOf(page);
  const origin = parseUrl(page);
  if (!pageSite || !origin) return [];
  // What the page proves is where it is served from; "author": {"name": "Snopes"} is only a claim.
  const reviewer = { name: pageSite, url: `https://${origin.hostname}/` };
  const out: KnownClaim[] = [];
  for (const block of rawJsonLdBlocks.slice(0, MAX_BLOCKS)) {
    for (const c of parseClaimReviews(block, HARVEST_SOURCE).claims) {
      if (c.url && siteOf(c.url) !== pageSite) continue;
      // A review without its own URL is the page itself.
      const claim = c.url ? { ...c, reviewer } : { ...c, reviewer, url: page, id: `${page}#${c.id.split('#').pop()}` };
      out.push(claim);
      if (out.length >= MAX_HARVEST_PER_PAGE) return out;
    }
  }
  return out;
}
