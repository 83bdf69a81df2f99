/** Test helper: a KnownClaim of factcheck.example with a false rating, fields overridable. */
import type { KnownClaim } from '../../src/core/types';

/** A claim reviewed at https://factcheck.example/<id>, from source `feed-a` unless overridden. */
export function knownClaim(id: string, text: string, over: Partial<KnownClaim> = {}): KnownClaim {
  return {
    id: `https://factcheck.example/${id}`,
    claimReviewed: text,
    title: null,
    url: `https://factcheck.example/${id}`,
    rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
    reviewer: { name: 'Fact Desk', url: null },
    datePublished: '2024-01-01',
    claimAuthor: null,
    appearances: [],
    source: 'feed-a',
    ...over,
  };
}
