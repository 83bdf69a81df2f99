import { describe, expect, it } from 'vitest';
import { ClaimIndex } from '../../../src/core/claims';
import { decodeBase64, stemSimilarity, stemVectors } from '../../../src/core/claims/stem-vectors';
import { association, learnTermAssociations } from '../../../src/core/claims/term-associations';
import type { KnownClaim } from '../../../src/core/types';

const claim = (id: string, text: string, title: string | null = null): KnownClaim => ({
  id: `https://factcheck.example/${id}`,
  claimReviewed: text,
  title,
  url: `https://factcheck.example/${id}`,
  rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
  reviewer: { name: 'Fact Desk', url: null },
  datePublished: '2024-01-01',
  claimAuthor: null,
  appearances: [],
  source: 'feed-a',
});

const NO_SOFT = { wSoftVec: 0, wSoftVecMissing: 0, wAssocMissing: 0, wAssocExpansion: 0, wFeedback: 0, wFeedbackCos: 0 };

describe('stem vectors', () => {
  it('decodes base64 like the platform does', () => {
    expect(Array.from(decodeBase64('AAEC/w=='))).toEqual([0, 1, 2, 255]);
    expect(new TextDecoder().decode(decodeBase64('aGVsbG8gd29ybGQ='))).toBe('hello world');
  });

  it('rates near-synonyms above unrelated words', () => {
    const v = stemVectors();
    expect(stemSimilarity(v, 'car', 'car')).toBe(1);
    expect(stemSimilarity(v, 'car', 'vehicl')).toBeGreaterThan(0.5);
    expect(stemSimilarity(v, 'car', 'piano')).toBe(0);
    expect(stemSimilarity(v, 'car', 'no-such-stem')).toBe(0);
  });
});

describe('term associations learned from claim/title pairs', () => {
  it('links words that replace each other between claims and their titles', () => {
    const a = learnTermAssociations([
      [['kid', 'school', 'mask'], ['children', 'school', 'mask']],
      [['kid', 'vaccin'], ['children', 'vaccin']],
      [['kid', 'park', 'ban'], ['children', 'park', 'ban']],
      [['tax', 'rise'], ['tax', 'increas']],
    ]);
    // The query term plays the title's part, the claim's term the claim text's (both directions
    // are learned; here the data has only one).
    expect(association(a, 'children', 'kid')).toBeGreaterThan(0.5);
    expect(association(a, 'increas', 'rise')).toBeGreaterThan(0.5);
    expect(association(a, 'children', 'rise')).toBe(0);
    expect(association(a, 'mask', 'mask')).toBe(1);
  });
});

describe('ClaimIndex.search soft matching', () => {
  it('prefers the claim that says the query in other words', () => {
    // Both claims share every other term with the query; only the vehicle claim paraphrases "car".
    // (Soft matching weighs query terms the store knows: a third claim holds "car".)
    const claims = [
      claim('car-tax', 'Every car owner will pay a new road tax from May.'),
      claim('piano', 'The mayor had his piano towed away from the harbour bridge.'),
      claim('vehicle', 'The mayor had his vehicle towed away from the harbour bridge.'),
    ];
    const query = 'Mayor gets his car towed away from the harbour bridge';
    expect(new ClaimIndex(claims, NO_SOFT).search(query, 3)[0].claim.id).toBe('https://factcheck.example/piano');
    expect(new ClaimIndex(claims).search(query, 3)[0].claim.id).toBe('https://factcheck.example/vehicle');
  });

  it('uses associations the store teaches through its titles', () => {
    // Titles say "kids" where their claims say "children"; "adults" is as common but has no stand-in.
    const filler = Array.from({ length: 4 }, (_, i) => [
      claim(`c${i}`, `Rumour number ${i} about the children of town ${i}.`, `Are the kids of town ${i} in a rumour?`),
      claim(`a${i}`, `Rumour number ${i} about the adults of city ${i}.`, `Are the adults of city ${i} in a rumour?`),
    ]).flat();
    const claims = [
      claim('ban-adults', 'The council banned adults from the lakeside playground.'),
      claim('ban-children', 'The council banned children from the lakeside playground.'),
      ...filler,
    ];
    const query = 'council bans kids from the lakeside playground';
    expect(new ClaimIndex(claims, NO_SOFT).search(query, 2)[0].claim.id).toBe('https://factcheck.example/ban-adults');
    expect(new ClaimIndex(claims).search(query, 2)[0].claim.id).toBe('https://factcheck.example/ban-children');
  });
});
