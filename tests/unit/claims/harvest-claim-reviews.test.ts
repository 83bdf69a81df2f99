/** The one harvest rule (extension and CLI): own-site reviews only, reviewer = the page's site. */
import { describe, expect, it } from 'vitest';
import { harvestClaimReviews, MAX_HARVEST_PER_PAGE } from '../../../src/core/claims/index';
import { claimReview } from '../feeds/feed-fixtures';

describe('harvestClaimReviews', () => {
  it('drops reviews whose URL is on another site and names the reviewer by the page\'s site', () => {
    const blocks = [claimReview(1, { author: { '@type': 'Organization', name: 'Snopes', url: 'https://www.snopes.com/' } }), claimReview(2, { url: 'https://www.snopes.com/fact-check/2' })];
    const claims = harvestClaimReviews(blocks, 'https://www.factcheck.example/review/1');
    expect(claims.map((c) => c.url)).toEqual(['https://factcheck.example/review/1']);
    expect(claims[0].reviewer).toEqual({ name: 'factcheck.example', url: 'https://www.factcheck.example/' });
    expect(claims[0].source).toBe('harvest');
  });

  it('a review without its own URL is the page itself', () => {
    const [claim] = harvestClaimReviews([claimReview(3, { url: undefined })], 'https://factcheck.example/r/3');
    expect(claim.url).toBe('https://factcheck.example/r/3');
    expect(claim.reviewer.name).toBe('factcheck.example');
  });

  it('takes nothing from http:, file: or private pages, and at most MAX_HARVEST_PER_PAGE', () => {
    const blocks = [claimReview(1)];
    for (const page of ['http://factcheck.example/r', 'file:///tmp/factcheck.html', 'https://192.168.1.4/r', 'not a url']) {
      expect(harvestClaimReviews(blocks, page)).toEqual([]);
    }
    const many = Array.from({ length: 40 }, (_, i) => claimReview(i));
    expect(harvestClaimReviews([many], 'https://factcheck.example/')).toHaveLength(MAX_HARVEST_PER_PAGE);
  });
});
