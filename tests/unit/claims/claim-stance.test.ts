import { describe, expect, it } from 'vitest';
import { ClaimIndex, claimStance, isClaimWarning } from '../../../src/core/claims';
import { claimClause } from '../../../src/core/claims/claim-stance';
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

describe('claimStance: refutations without the usual cue word', () => {
  it('reads evidence under a nearby negation as a refutation', () => {
    for (const s of [
      'The warning that the seawall will double property taxes in Port Alder is not supported by any evidence.',
      "The story that the seawall will double property taxes isn't backed by evidence.",
      'There is not a shred of proof that the seawall will double property taxes.',
    ]) {
      expect(claimStance(s, TAXES), s).toBe('refutes');
    }
    // A negation elsewhere in the clause, not on the evidence, does not make a debunk.
    expect(claimStance('Without waiting for the study, the seawall will double property taxes in Port Alder.', TAXES)).toBe('repeats');
  });

  it('reads a verdict of altered media as a refutation, and a plain "video shows" as not', () => {
    const ufo = 'Video shows a glowing disc hovering over the Port Alder lighthouse.';
    for (const s of [
      'The video of a glowing disc over the Port Alder lighthouse was digitally manipulated.',
      'The glowing disc over the Port Alder lighthouse was computer-generated.',
      'An edited video shows a glowing disc hovering over the Port Alder lighthouse.',
      'A photoshopped still shows a glowing disc hovering over the Port Alder lighthouse.',
    ]) {
      expect(claimStance(s, ufo), s).toBe('refutes');
    }
    expect(claimStance('This video shows a glowing disc hovering over the Port Alder lighthouse.', ufo)).toBe('repeats');
  });

  it('reads a flipped picture, or one taken elsewhere or earlier, as a refutation', () => {
    const salute = 'Photograph shows Mayor Dunn saluting the flag with his left hand.';
    for (const s of [
      'The picture of Mayor Dunn saluting with his left hand is a mirror image of an ordinary photograph.',
      'A flipped photo makes Mayor Dunn appear to salute the flag with his left hand.',
      'The photo said to show Mayor Dunn saluting the flag was actually taken at a different event.',
      'The picture of Mayor Dunn saluting the flag was taken years earlier, in another town.',
    ]) {
      expect(claimStance(s, salute), s).toBe('refutes');
    }
    expect(claimStance('A photograph taken at the parade shows Mayor Dunn saluting the flag with his left hand.', salute)).toBe('repeats');
  });

  it('reads "wrong" as a verdict on the claim, not as the error a claim reports', () => {
    const slip = 'City engineers got the height of the Port Alder seawall wrong by two metres.';
    expect(claimStance('City engineers got the height of the Port Alder seawall wrong by two metres, blueprints show.', slip)).toBe('repeats');
    expect(claimStance('The post saying engineers got the height of the Port Alder seawall wrong is simply wrong.', slip)).toBe('refutes');
  });
});

describe('claimStance: reported speech', () => {
  it('reads an attribution verb introducing a that-clause as a mention', () => {
    for (const s of [
      'A radio host said that the seawall will double property taxes in Port Alder.',
      'Councillor Reyes told reporters on Monday that the seawall would double property taxes.',
      'Opponents of the project wrote that the seawall will double property taxes in Port Alder.',
    ]) {
      expect(claimStance(s, TAXES), s).toBe('mentions');
    }
  });

  it('keeps a trailing attribution, the way news reports a fact, as repeating', () => {
    expect(claimStance('The seawall will double property taxes in Port Alder, the assessor said.', TAXES)).toBe('repeats');
  });

  it("treats the claim's own speech verb, in any of its forms, as the claim's wording", () => {
    const quote = 'Mayor Dunn said the seawall will double property taxes in Port Alder.';
    expect(claimStance('Mayor Dunn says that the seawall will double property taxes in Port Alder.', quote)).toBe('repeats');
    // Another verb of speech the claim does not use still reports it.
    expect(claimStance('Bloggers wrote that Mayor Dunn said the seawall will double property taxes.', quote)).toBe('mentions');
  });

  it('reads reports, second-hand sources and unconfirmed accounts as mentions', () => {
    for (const s of [
      'Reports that the seawall will double property taxes in Port Alder drew outrage.',
      'According to a viral post, the seawall will double property taxes in Port Alder.',
      'Reports that the seawall will double property taxes could not be confirmed.',
      'A chain e-mail warns the seawall will double property taxes in Port Alder.',
      'Residents are sharing an article they say proves the seawall will double property taxes.',
      'Reports say the seawall will double property taxes in Port Alder.',
      'Partisan websites are promoting a chart as evidence that the seawall will double property taxes.',
      'Shoppers reported that the seawall will double property taxes in Port Alder.',
    ]) {
      expect(claimStance(s, TAXES), s).toBe('mentions');
    }
  });
});

describe('claimStance: negation carried by verbs and prefixes', () => {
  const renew = 'The Port Alder council declined to renew the ferry operator\'s contract.';
  it('reads declined / refused / failed to, and stop + -ing, as negating what follows', () => {
    // The same negation, said with "not": repeats.
    expect(claimStance('The Port Alder council has decided not to renew the contract of the ferry operator.', renew)).toBe('repeats');
    // The negation asserted away: refutes.
    expect(claimStance('The Port Alder council did renew the ferry operator\'s contract in May.', renew)).toBe('refutes');
    const closing = 'The Port Alder ferry is closing and will no longer be accepting passengers.';
    expect(claimStance('The Port Alder ferry is closing for good and will stop accepting passengers.', closing)).toBe('repeats');
    // "failed" with no infinitive after it negates nothing.
    expect(claimStance('After the old pumps failed, the seawall will double property taxes in Port Alder.', TAXES)).toBe('repeats');
  });

  it('reads a prefixed negation against its bare root in the other text', () => {
    const illegal = 'A new law makes it illegal to pay cash for used bicycles in Port Alder.';
    expect(claimStance('Paying cash for used bicycles is still legal in Port Alder under the new law.', illegal)).toBe('refutes');
    expect(claimStance('A new law makes it illegal to pay cash for used bicycles in Port Alder.', illegal)).toBe('repeats');
    const ineligible = 'Mayor Dunn is ineligible to serve a third term in Port Alder.';
    expect(claimStance('Mayor Dunn is not eligible to serve a third term in Port Alder.', ineligible)).toBe('repeats');
    expect(claimStance('Mayor Dunn is eligible to serve a third term in Port Alder, the election office ruled.', ineligible)).toBe('refutes');
    // A word that only looks prefixed is left whole: "uniform" is not "not iform", "index" has no root.
    const uniforms = 'Port Alder police will wear a new uniform and index every fine from June.';
    expect(claimStance('From June, Port Alder police will wear a new uniform and index every fine.', uniforms)).toBe('repeats');
  });

  it('compares the word a negation governs, not every word in its window', () => {
    // "renew" is negated in both; the contract and operator merely fall in or out of the window.
    expect(claimStance('The council decided not to renew it, so the ferry operator\'s contract ends in Port Alder.', renew)).toBe('repeats');
  });
});

describe("claimStance: a review's summary of itself in the place of a claim", () => {
  it('never reads a sentence as repeating it, and still reads a debunk as refuting', () => {
    const roundup = 'We check an assortment of claims about the Port Alder seawall and property taxes.';
    expect(claimStance('The Port Alder seawall will double property taxes, an assortment of claims says.', roundup)).toBe('mentions');
    expect(claimStance('Claims about the Port Alder seawall and property taxes were debunked.', roundup)).toBe('refutes');
    // A claim in the first person that is a claim is matched as one.
    const brains = 'We use only ten percent of our brains.';
    expect(claimStance('Humans use only ten percent of their brains.', brains)).toBe('repeats');
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

describe('claimStance: forms a third writer used (tune3)', () => {
  it('reads a story called a joke, a parody or not a real event as refuting it', () => {
    for (const s of [
      'The tale that the Harbor Bridge will be closed to all traffic for March is an old joke, not an actual event.',
      'The notice saying the Harbor Bridge will be closed to all traffic for March was a parody.',
      'That the seawall will double property taxes in Port Alder is not a real forecast from the assessor.',
    ]) {
      expect(claimStance(s, s.includes('seawall') ? TAXES : BRIDGE), s).toBe('refutes');
    }
    // Words of the same family that deny nothing stay out of it.
    expect(claimStance('Residents joked that the seawall will double property taxes in Port Alder, and it did.', TAXES)).not.toBe('refutes');
  });

  it('reads a deed or a text credited to someone as mentioning it, and keeps the names to match on', () => {
    const essay = 'Mayor Dunn wrote an essay calling the seawall a waste of money.';
    for (const s of [
      'An essay calling the seawall a waste of money has been credited to Mayor Dunn in countless e-mail forwards.',
      'A chain e-mail credits Mayor Dunn with an essay calling the seawall a waste of money.',
      'The essay calling the seawall a waste of money is often ascribed to Mayor Dunn.',
    ]) {
      expect(claimStance(s, essay), s).toBe('mentions');
    }
    expect(claimClause('A chain e-mail credits Mayor Dunn with an essay.')).toContain('Mayor Dunn with an essay');
  });

  it("reads the claim's own speaker in another verb of speech as repeating it, and a third party as mentioning it", () => {
    const quote = 'Councillor Reyes said the seawall will double property taxes in Port Alder.';
    expect(claimStance('At Monday\'s meeting, Councillor Reyes argued that the seawall will double property taxes in Port Alder.', quote)).toBe('repeats');
    expect(claimStance('Bloggers argued that Councillor Reyes said the seawall will double property taxes.', quote)).toBe('mentions');
    // A claim that reports nobody: any verb of speech still attributes it.
    expect(claimStance('Councillor Reyes argued that the seawall will double property taxes in Port Alder.', TAXES)).toBe('mentions');
  });
});

describe('claimStance: forms a fifth writer used (tune4)', () => {
  it('reads an explanation, a caption or a story in circulation as mentioning the claim', () => {
    for (const s of [
      'A popular explanation making the rounds online holds that the seawall will double property taxes in Port Alder.',
      'Viewers shared the video with captions describing the seawall as doubling property taxes in Port Alder.',
      'The so-called seawall tax will double property taxes in Port Alder, residents have heard.',
    ]) {
      expect(claimStance(s, TAXES), s).toBe('mentions');
    }
  });

  it('reads an accusation as mentioning the claim, and keeps the accused to match on', () => {
    const deed = 'Greenpeace damaged the Harbor Bridge during a publicity stunt.';
    expect(claimStance('City officials accused Greenpeace of damaging the Harbor Bridge during a publicity stunt.', deed)).toBe('mentions');
    expect(claimClause('City officials accused Greenpeace of damaging the bridge.')).toContain('Greenpeace of damaging');
    // "The accused" is a person, not an accusation.
    expect(claimStance('The accused damaged the Harbor Bridge during a publicity stunt.', deed)).toBe('repeats');
  });

  it('reads a post that asks to be shared as repeating, not as a second-hand source', () => {
    const pledge = 'The council will give $1 to the seawall fund for every share of the post.';
    expect(claimStance('Every share counts: the council will give $1 to the seawall fund each time this post is shared.', pledge)).toBe('repeats');
    expect(claimStance('A post shared widely says the council will give $1 to the seawall fund for every share.', pledge)).toBe('mentions');
  });
});
