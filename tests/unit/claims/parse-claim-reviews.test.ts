import { describe, expect, it } from 'vitest';
import { parseClaimReviews } from '../../../src/core/claims';

const review = (over: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://factcheck.example/2024/05/bridge-closed',
  datePublished: '2024-05-02',
  name: 'Was the Harbor Bridge closed for a month?',
  claimReviewed: 'The Harbor Bridge will be closed to all traffic for a month.',
  itemReviewed: {
    '@type': 'Claim',
    author: { '@type': 'Person', name: 'A viral post' },
    datePublished: '2024-04-28',
    appearance: [{ '@type': 'CreativeWork', url: 'https://social.example/p/1' }, 'javascript:alert(1)'],
    firstAppearance: { '@type': 'CreativeWork', url: 'https://social.example/p/0' },
  },
  author: { '@type': 'Organization', name: 'Fact Desk', url: 'https://factcheck.example/' },
  reviewRating: { '@type': 'Rating', ratingValue: '2', bestRating: 5, worstRating: 1, alternateName: 'Mostly false' },
  ...over,
});

describe('parseClaimReviews', () => {
  it('keeps every field the card and matching need from a single ClaimReview', () => {
    const { claims, skipped } = parseClaimReviews(review(), 'import');
    expect(skipped).toBe(0);
    expect(claims).toEqual([
      {
        id: 'https://factcheck.example/2024/05/bridge-closed',
        claimReviewed: 'The Harbor Bridge will be closed to all traffic for a month.',
        title: 'Was the Harbor Bridge closed for a month?',
        url: 'https://factcheck.example/2024/05/bridge-closed',
        rating: { alternateName: 'Mostly false', ratingValue: 2, bestRating: 5, worstRating: 1 },
        reviewer: { name: 'Fact Desk', url: 'https://factcheck.example/' },
        datePublished: '2024-05-02',
        claimAuthor: 'A viral post',
        // javascript: dropped; first appearance first
        appearances: ['https://social.example/p/0', 'https://social.example/p/1'],
        source: 'import',
      },
    ]);
  });

  it('reads a Data Commons DataFeed, a plain array and JSON-LD @graph alike', () => {
    const a = review();
    const b = review({ url: 'https://factcheck.example/b', claimReviewed: 'Claim B' });
    const feed = {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      dateModified: '2024-05-03T00:00:00Z',
      dataFeedElement: [
        { '@type': 'DataFeedItem', dateCreated: '2024-05-02T00:00:00Z', item: [a] },
        { '@type': 'DataFeedItem', item: b },
      ],
    };
    const graph = { '@context': 'https://schema.org', '@graph': [{ '@type': 'NewsArticle', headline: 'x' }, a, b] };
    for (const input of [feed, [a, b], graph]) {
      const r = parseClaimReviews(input, 's');
      expect(r.claims.map((c) => c.claimReviewed)).toEqual([a.claimReviewed, 'Claim B']);
      expect(r.skipped).toBe(0);
    }
  });

  it('skips and counts a bad record without losing the good ones', () => {
    const bad1 = review({ url: 'https://factcheck.example/bad1', script: 'alert(1)' }); // unknown key
    const bad2 = review({ url: 'https://factcheck.example/bad2', claimReviewed: 42 }); // wrong type
    const bad3 = review({ url: 'https://factcheck.example/bad3', claimReviewed: '   ' }); // empty
    const r = parseClaimReviews([review(), bad1, bad2, bad3], 'f');
    expect(r.claims).toHaveLength(1);
    expect(r.skipped).toBe(3);
    expect(r.errors[0]).toMatch(/unknown key "script"/);
  });

  it('takes the claim text from itemReviewed when claimReviewed is missing', () => {
    const r = parseClaimReviews(review({ claimReviewed: undefined, itemReviewed: { '@type': 'Claim', name: 'From the item' } }), 'f');
    expect(r.claims[0].claimReviewed).toBe('From the item');
  });

  it('never keeps a script, http or private-network URL, and gives URL-less reviews a stable id', () => {
    const r = parseClaimReviews(
      [
        review({ url: 'javascript:alert(1)', claimReviewed: 'One' }),
        review({ url: 'http://factcheck.example/x', claimReviewed: 'Two' }),
        review({ url: 'https://192.168.1.1/admin', claimReviewed: 'Three' }),
      ],
      'feed-1',
    );
    expect(r.claims).toHaveLength(3);
    for (const c of r.claims) {
      expect(c.url).toBeNull();
      expect(c.id.startsWith('feed-1#')).toBe(true);
    }
    const again = parseClaimReviews(review({ url: 'javascript:alert(1)', claimReviewed: 'One' }), 'feed-1');
    expect(again.claims[0].id).toBe(r.claims[0].id);
  });

  it('caps string lengths: an over-long claim is skipped', () => {
    const r = parseClaimReviews(review({ claimReviewed: 'x '.repeat(3000) }), 'f');
    expect(r.claims).toHaveLength(0);
    expect(r.skipped).toBe(1);
  });

  it('ignores other JSON-LD types on a page without counting them as skipped', () => {
    const r = parseClaimReviews([{ '@type': 'BreadcrumbList' }, { '@type': ['NewsArticle'] }], 'harvest');
    expect(r).toEqual({ claims: [], skipped: 0, errors: [] });
  });

  it('drops DataFeed items marked deleted', () => {
    const r = parseClaimReviews({ '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', dateDeleted: '2024-01-01', item: review() }] }, 'f');
    expect(r.claims).toHaveLength(0);
  });
});

describe('parseClaimReviews: Google Fact Check Tools API results', () => {
  it('turns each review of each claim into a KnownClaim', () => {
    const r = parseClaimReviews(
      {
        claims: [
          {
            text: 'Drinking hot water cures the flu.',
            claimant: 'Viral post',
            claimDate: '2024-01-10T00:00:00Z',
            claimReview: [
              { publisher: { name: 'Fact Desk', site: 'factcheck.example' }, url: 'https://factcheck.example/hot-water', title: 'No, hot water does not cure flu', reviewDate: '2024-01-12T00:00:00Z', textualRating: 'False', languageCode: 'en' },
              { publisher: { name: 'Other Check' }, url: 'https://other.example/r/9', textualRating: 'Misleading' },
            ],
          },
          { text: 'Bad record', claimReview: [], extra: true },
        ],
        nextPageToken: 'abc',
      },
      'import',
    );
    expect(r.skipped).toBe(1);
    expect(r.claims.map((c) => [c.id, c.claimReviewed, c.rating.alternateName, c.reviewer.name, c.claimAuthor])).toEqual([
      ['https://factcheck.example/hot-water', 'Drinking hot water cures the flu.', 'False', 'Fact Desk', 'Viral post'],
      ['https://other.example/r/9', 'Drinking hot water cures the flu.', 'Misleading', 'Other Check', 'Viral post'],
    ]);
    expect(r.claims[0].title).toBe('No, hot water does not cure flu');
    expect(r.claims[0].reviewer.url).toBe('https://factcheck.example/');
  });
});
