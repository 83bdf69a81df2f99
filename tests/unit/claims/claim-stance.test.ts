import { describe, expect, it } from 'vitest';
import { ClaimIndex, claimStance, isClaimWarning } from '../../../src/core/claims';
import type { KnownClaim } from '../../../src/core/types';

const BRIDGE = 'The Harbor Bridge will be closed to all traffic for the whole of March.';
const TAXES = 'The seawall will double property taxes in Port Alder.';

describe('claimStance', () => {
  it('reads a plain assertion of the claim as repeating it', () => {
    expect(claimStance('The Harbor Bridge will be closed to all traffic for all of March.', BRIDGE)).toBe('repeats');
    expect(claimStance('Homeowners, brace yourselves: the seawall will double property taxes in Port Alder.', TAXES)).toBe('repeats');
  });

  it('reads debunks, denials and reports of falsity as refuting it', () => {
    for (const s of [
      'Fact-checkers found no evidence that the seawall will double property taxes in Port Alder.',
      'Councillor Reyes falsely claimed that the seawall will double property taxes.',
      'It is not true that the seawall will double property taxes in Port Alder.',
      'The rumour that the seawall will double property taxes has been debunked.',
      'There is no truth to the claim that the seawall will double property taxes.',
      'The seawall will not double property taxes in Port Alder, the city budget shows.',
      'The Harbor Bridge will never be closed to all traffic in March, the transport office said.',
      'City officials denied that the seawall would double property taxes.',
    ]) {
      expect(claimStance(s, TAXES.includes('seawall') && s.includes('seawall') ? TAXES : BRIDGE), s).toBe('refutes');
    }
  });

  it('reads attributions and questions as mentioning it', () => {
    for (const s of [
      'Councillor Reyes claimed that the seawall will double property taxes.',
      'Is it true that the seawall will double property taxes in Port Alder?',
      'Rumours that the seawall will double property taxes spread on Tuesday.',
      'Will the seawall double property taxes in Port Alder?',
      'A widely shared post says the seawall will double property taxes.',
    ]) {
      expect(claimStance(s, TAXES), s).toBe('mentions');
    }
  });

  it('ignores cue words and negations the claim itself contains', () => {
    // The claim's own "hoax" is its wording, not the sentence's stance.
    const hoax = 'The 1969 Moon landing was a hoax filmed in a studio.';
    expect(claimStance('Wake up: the 1969 Moon landing was a hoax filmed in a studio.', hoax)).toBe('repeats');
    // A negated claim repeated with its negation repeats it; asserting what it denies refutes it.
    const denial = 'The council did not hold a public vote on the seawall.';
    expect(claimStance('The council never held a public vote on the seawall.', denial)).toBe('repeats');
    expect(claimStance('The council did not hold a public vote on the seawall, residents say.', denial)).toBe('repeats');
    expect(claimStance('The council held a public vote on the seawall in June, the minutes show.', denial)).toBe('refutes');
  });

  it('lets a refuting cue win over an attributing one', () => {
    expect(claimStance('Posts wrongly claim the Harbor Bridge will be closed to all traffic for March.', BRIDGE)).toBe('refutes');
  });
});

describe('isClaimWarning', () => {
  it('warns only for sentences that repeat the claim, and for reports from before stance existed', () => {
    expect(isClaimWarning({ stance: 'repeats' })).toBe(true);
    expect(isClaimWarning({ stance: 'refutes' })).toBe(false);
    expect(isClaimWarning({ stance: 'mentions' })).toBe(false);
    expect(isClaimWarning({})).toBe(true);
  });
});

describe('ClaimIndex.matchArticle stance', () => {
  const claim: KnownClaim = {
    id: 'https://factcheck.example/seawall-taxes',
    claimReviewed: TAXES,
    title: null,
    url: 'https://factcheck.example/seawall-taxes',
    rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
    reviewer: { name: 'Fact Desk', url: null },
    datePublished: '2024-01-01',
    claimAuthor: null,
    appearances: [],
    source: 'feed-a',
  };
  const others: KnownClaim[] = [
    { ...claim, id: 'x1', url: 'https://factcheck.example/x1', claimReviewed: 'State ferry fares will double in January because of a new fuel tax.' },
    { ...claim, id: 'x2', url: 'https://factcheck.example/x2', claimReviewed: 'Wind turbines cause cancer in people living nearby.' },
  ];
  const index = new ClaimIndex([claim, ...others]);

  it('matches a debunk of the claim and marks it as refuting, not as a warning', () => {
    const [m, ...rest] = index.matchArticle({
      paragraphs: ['Fact-checkers at three outlets found no evidence that the seawall will double property taxes in Port Alder.'],
    });
    expect(rest).toEqual([]);
    expect(m.claim.id).toBe(claim.id);
    expect(m.stance).toBe('refutes');
    expect(isClaimWarning(m)).toBe(false);
  });

  it('marks a sentence asserting the claim as repeating it', () => {
    const [m] = index.matchArticle({ paragraphs: ['Make no mistake: the seawall will double property taxes in Port Alder.'] });
    expect(m?.stance).toBe('repeats');
  });
});
