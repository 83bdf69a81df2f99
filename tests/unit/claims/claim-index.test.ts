import { describe, expect, it } from 'vitest';
import { ClaimIndex, claimTerms, matchClaims } from '../../../src/core/claims';
import { articleText, type KnownClaim } from '../../../src/core/types';

import { knownClaim as claim } from '../../helpers/known-claim';

// A store with topical neighbours, so ranking has to tell close claims apart.
const CLAIMS: KnownClaim[] = [
  claim('vaccine-microchip', 'COVID-19 vaccines contain microchips that track people through 5G networks.'),
  claim('vaccine-dna', 'COVID-19 vaccines permanently alter human DNA.'),
  claim('bridge', 'The Harbor Bridge will be closed to all traffic for the whole of March.'),
  claim('ferry', 'State ferry fares will double in January because of a new fuel tax.'),
  claim('obama-kenya', 'Barack Obama was born in Kenya.'),
  claim('eiffel', 'The Eiffel Tower is being sold for scrap metal by the French government.'),
  claim('moon', 'The 1969 Moon landing was filmed in a Hollywood studio.'),
  claim('water-fluoride', 'Fluoride in tap water lowers children\'s IQ by 10 points.', { title: 'Does fluoride lower IQ?' }),
  claim('wind', 'Wind turbines cause cancer in people living nearby.'),
  claim('minimum-wage', 'Raising the minimum wage to $15 would cost 1.4 million jobs.'),
  claim('crime', 'Violent crime in Chicago fell by half last year.'),
  claim('tax', 'The new budget raises income tax for every household earning under $50,000.'),
];

describe('ClaimIndex.search', () => {
  const index = new ClaimIndex(CLAIMS);

  it('ranks the claim a paraphrase repeats first', () => {
    const cases: Array<[string, string]> = [
      ['Microchips hidden in the Covid vaccine let them follow you over 5G', 'vaccine-microchip'],
      ['They say the ferry fare doubles in January due to the fuel tax', 'ferry'],
      ['Obama was actually born in Kenya, not Hawaii', 'obama-kenya'],
      ['raising the minimum wage to 15 dollars would cost 1.4m jobs', 'minimum-wage'],
      ['The fluoride in our tap water is lowering kids IQ', 'water-fluoride'],
    ];
    for (const [text, id] of cases) expect(index.search(text, 3)[0]?.claim.id, text).toBe(`https://factcheck.example/${id}`);
  });

  it('returns at most k results, best first, and nothing for text without content words', () => {
    const hits = index.search('covid vaccines', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
    expect(index.search('and the of it', 5)).toEqual([]);
  });

  it('reads tweets: run-together tags stay apart, a glued lowercase tag is split into words the store knows', () => {
    const terms = claimTerms('Chairman @SenRonJohnson#border#emptychairs');
    expect(terms).toContain('border');
    expect(terms).toContain('johnson');
    const tweets = new ClaimIndex([
      claim('bread', 'Bread was invented.'),
      claim('flakes', 'Corn flakes were invented to curb appetites.'),
      claim('corn', 'Corn prices doubled after the drought.'),
      claim('frosted', 'Frosted flakes contain ground glass.'),
    ]);
    expect(tweets.search('why were they invented #cornflakes', 1)[0]?.claim.id).toBe('https://factcheck.example/flakes');
  });

  it('normalises numbers, so "1.4m" and "1.4 million" are the same term', () => {
    const a = index.candidates('1.4m jobs')[0];
    const b = index.candidates('1.4 million jobs')[0];
    expect(index.claimAt(a.doc).id).toBe(index.claimAt(b.doc).id);
    expect(a.coverClaim).toBeCloseTo(b.coverClaim, 6);
  });

  it('replaces a claim with the same id and removes a whole source', () => {
    const idx = new ClaimIndex(CLAIMS);
    idx.add([claim('bridge', 'The Harbor Bridge reopens in April.', { source: 'feed-b' })]);
    expect(idx.size).toBe(CLAIMS.length);
    expect(idx.search('Harbor Bridge reopens April', 1)[0].claim.claimReviewed).toBe('The Harbor Bridge reopens in April.');
    expect(idx.removeSource('feed-a')).toBe(CLAIMS.length - 1);
    expect(idx.size).toBe(1);
    expect(idx.search('Eiffel Tower scrap', 5)).toEqual([]);
  });

  it('answers after additions, rewordings and removals exactly as an index built from scratch', () => {
    // A built index is grown in place (harvests, imports); it must never drift from a fresh build.
    const QUERIES = [
      'Do vaccines really put a microchip in you for 5G tracking?',
      'Obama was not born in Kenya, says the birth certificate',
      'the ferry fares double with the fuel tax',
      'Harbor Bridge closed to traffic all of March',
      'fluoride lowers IQ of children',
      'Chicago violent crime halved',
      'a new pier opens in the harbor next summer',
    ];
    const grown = new ClaimIndex(CLAIMS.slice(0, 6));
    const answers = (idx: ClaimIndex) =>
      QUERIES.map((q) => idx.search(q, 3).map((h) => [h.claim.id, h.claim.claimReviewed, h.score.toFixed(6)]));
    const same = (claims: KnownClaim[]) => expect(answers(grown)).toEqual(answers(new ClaimIndex(claims)));
    same(CLAIMS.slice(0, 6)); // built
    grown.add(CLAIMS.slice(6));
    same(CLAIMS);
    const reworded = claim('bridge', 'A new pier opens in the harbor next summer.', { source: 'feed-b' });
    const rerated = { ...CLAIMS[4], rating: { ...CLAIMS[4].rating, alternateName: 'Pants on fire' } };
    grown.add([reworded, rerated]);
    const now = CLAIMS.map((c) => (c.id === reworded.id ? reworded : c.id === rerated.id ? rerated : c));
    same(now);
    expect(grown.search('Obama born in Kenya', 1)[0].claim.rating.alternateName).toBe('Pants on fire');
    grown.removeSource('feed-b');
    const pier = claim('pier', 'The harbor pier will be sold for scrap.', { source: 'feed-c' });
    grown.add([pier]);
    const final = [...now.filter((c) => c.source !== 'feed-b'), pier];
    same(final);
    const article = { paragraphs: ['They say fluoride in tap water lowers children\'s IQ by ten points.', 'Officials said the harbor pier would be sold for scrap.'] };
    expect(grown.matchArticle(article)).toEqual(new ClaimIndex(final).matchArticle(article));
    expect(grown.matchArticle(article).map((m) => m.claim.id)).toEqual([CLAIMS[7].id, pier.id]);
    // A refreshed feed: one claim dropped, one reworded, one new, the rest as they were.
    const feedA = final.filter((c) => c.source === 'feed-a');
    const refreshed = [
      ...feedA.filter((c) => c.id !== CLAIMS[8].id && c.id !== CLAIMS[9].id),
      { ...CLAIMS[9], claimReviewed: 'Raising the minimum wage to $15 would cost 2 million jobs.' },
      claim('levy', 'The library levy will cost the average homeowner $300 a year.'),
    ];
    grown.replaceSource('feed-a', refreshed);
    same([...refreshed, pier]);
    grown.replaceSource('feed-c', []);
    same(refreshed);
  });
});

describe('ClaimIndex.matchArticle', () => {
  const index = new ClaimIndex(CLAIMS);

  it('finds a claim repeated in disguised letters, as it finds it in plain ones', () => {
    const plain = 'Microchips in COVID-19 vaccines track people through 5G networks, the post said.';
    const disguises = [
      plain.replace(/[aeiou]/g, (v) => `${v}\u0301`),
      plain.replace(/[aeo]/g, (c) => ({ a: 'ᴀ', e: 'ᴇ', o: 'ᴏ' })[c]!),
      plain.replace(/(\p{L})(?=\p{L})/gu, '$1\u200A'),
      plain.split(' ').map((w) => `\u202E${[...w].reverse().join('')}\u202C`).join(' '),
    ];
    expect(index.matchArticle({ paragraphs: [plain] }).map((m) => m.claim.id)).toEqual(['https://factcheck.example/vaccine-microchip']);
    for (const text of disguises) expect(index.matchArticle({ paragraphs: [text] }).map((m) => m.claim.id), text).toEqual(['https://factcheck.example/vaccine-microchip']);
  });
  const article = {
    paragraphs: [
      'PORT ALDER — City officials met on Tuesday to discuss the spring road works.',
      'Some residents repeated online posts saying the Harbor Bridge would be shut to all traffic for the whole of March. The council denied it.',
      'The mayor thanked volunteers for cleaning the waterfront after the storm.',
    ],
  };

  it('flags the sentence that repeats a claim, with offsets into the article text', () => {
    const matches = matchClaims(article, index);
    expect(matches).toHaveLength(1);
    const m = matches[0];
    expect(m.claim.id).toBe('https://factcheck.example/bridge');
    expect(m.claim.rating).toBe('False');
    expect(m.claim.reviewer).toBe('Fact Desk');
    expect(m.claim.source).toBe('feed-a');
    expect(articleText(article).slice(m.start, m.end)).toBe(m.text);
    expect(m.text).toMatch(/^Some residents repeated/);
    expect(m.score).toBeGreaterThanOrEqual(index.scoring.threshold);
  });

  it('does not flag a fact-check page, or its outlet, for the claim it reviewed itself', () => {
    expect(index.matchArticle({ ...article, url: 'https://factcheck.example/bridge#verdict' })).toEqual([]);
    // The same outlet at another address (http, www, a follow-up story) reviewed it too.
    expect(index.matchArticle({ ...article, url: 'http://www.factcheck.example/2024/03/bridge-update' })).toEqual([]);
    expect(index.matchArticle({ ...article, url: 'https://news.example/roads' })).toHaveLength(1);
    // Sites are told apart under shared suffixes: another .co.uk outlet or blog is still flagged.
    const uk = new ClaimIndex(CLAIMS.map((c) => ({ ...c, url: c.url!.replace('factcheck.example', 'checker.co.uk') })));
    expect(uk.matchArticle({ ...article, url: 'https://www.checker.co.uk/bridge' })).toEqual([]);
    expect(uk.matchArticle({ ...article, url: 'https://gazette.co.uk/roads' })).toHaveLength(1);
    const blog = new ClaimIndex(CLAIMS.map((c) => ({ ...c, url: c.url!.replace('factcheck.example', 'checker.blogspot.com') })));
    expect(blog.matchArticle({ ...article, url: 'https://rumours.blogspot.com/roads' })).toHaveLength(1);
  });

  it('stays silent on unrelated sentences, even when they share a word or two with a claim', () => {
    const unrelated = {
      paragraphs: [
        'The tax office opens a new branch downtown next week.',
        'Tourists queued for hours to climb the tower on Sunday.',
        'The vaccine clinic at the library extends its opening hours.',
        'Ferry passengers were delayed by fog this morning.',
      ],
    };
    expect(index.matchArticle(unrelated)).toEqual([]);
  });

  it('tells a restatement from a sentence about the same event that says something else', () => {
    const idx = new ClaimIndex([
      ...CLAIMS,
      claim('valves', 'Port Alder city crews left the storm drain valves on Wharf Street closed during the king tides, causing the downtown flooding.'),
    ]);
    const restated = 'City crews kept the storm drain valves on Wharf Street shut all through the king tides, which is what flooded downtown.';
    // The lead of the demo site's original report: same town, street, tides and flooding, no valves.
    const sameEvent =
      'PORT ALDER — The Port Alder City Council voted 6-1 late Tuesday to build a $48 million seawall along the downtown waterfront, two weeks after king tides pushed seawater three blocks inland and closed Wharf Street for four days.';
    expect(idx.matchText(restated)?.claim.id).toBe('https://factcheck.example/valves');
    expect(idx.matchText(sameEvent)).toBeNull();
  });

  it('finds nothing in an empty store', () => {
    expect(new ClaimIndex().matchArticle(article)).toEqual([]);
  });

  it('the threshold decides: the same sentence is silent under a stricter one', () => {
    const strict = new ClaimIndex(CLAIMS, { threshold: 0.999 });
    expect(strict.matchArticle(article)).toEqual([]);
  });
});
