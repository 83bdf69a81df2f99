/**
 * The document-verdict rules of issue 9, one by one, on small records and on TUNE stories of the
 * evaluation clusters (tests/fixtures/clusters/eval/tune; the TEST part is never used here):
 * declared dates are claims, credit is what a reader can see, substance not coincidence, chains
 * name the nearest ancestor, and partial text concludes nothing about the rest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../../src/core/engine/index';
import { docTime, possibleTime } from '../../../src/core/engine/signals';
import { isCopyVerdict, type ArticleRecord, type Report } from '../../../src/core/types';
import type { ClusterStory } from '../../../scripts/build-clusters';

const TUNE = join(import.meta.dirname, '../../fixtures/clusters/eval/tune');
function story(id: string): Map<string, ArticleRecord> {
  const s = JSON.parse(readFileSync(join(TUNE, `${id}.json`), 'utf8')) as ClusterStory;
  expect(s.split).toBe('tune');
  return new Map(s.articles.map((a) => [a.name, a.record]));
}
/** The report of `name` checked against every other page of the story. */
function check(pages: Map<string, ArticleRecord>, name: string, only?: string[]): Report {
  const others = [...pages].filter(([n]) => n !== name && (!only || only.includes(n))).map(([, r]) => r);
  return analyzeArticle(pages.get(name)!, others);
}
const urlOf = (pages: Map<string, ArticleRecord>, name: string) => pages.get(name)!.url;
const accuses = (r: Report) => isCopyVerdict(r.verdict) && r.directionKnown !== false;

describe('declared dates are claims', () => {
  it('ignores a publication time before the web or after now', () => {
    expect(possibleTime(Date.parse('1985-06-01T00:00:00Z'))).toBe(false);
    expect(possibleTime(Date.now() + 400 * 86_400_000)).toBe(false);
    expect(possibleTime(Date.parse('2026-03-01T00:00:00Z'))).toBe(true);
    expect(docTime({ publishedTime: '1985-06-01T00:00:00Z', firstSeen: '2026-01-02T00:00:00Z' })).toEqual({ t: Date.parse('2026-01-02T00:00:00Z'), from: 'first seen' });
  });

  it('a scrape declaring an earlier date does not make the original its copy when its text names the original outlet', () => {
    const pages = story('stadium-roof'); // backdated two days before the original, keeps "seen by The Northfield Star"
    const back = pages.get('backdated')!;
    expect(Date.parse(back.publishedTime!)).toBeLessThan(Date.parse(pages.get('original')!.publishedTime!));
    const original = check(pages, 'original', ['backdated']);
    expect(accuses(original)).toBe(false);
    expect(original.related.find((r) => r.url === back.url)?.evidence.join(' ')).toMatch(/dates contested/);
    const scrape = check(pages, 'backdated', ['original']);
    expect(scrape.verdict).toBe('verbatim-copy');
    expect(scrape.directionKnown).toBe(false);
    expect(scrape.summary).toMatch(/contested/);
  });

  it('with a 1999 date and the original among several pages, the original stays the original', () => {
    const pages = story('zoo-birth');
    expect(pages.get('backdated')!.publishedTime).toMatch(/^1999/);
    const original = check(pages, 'original');
    expect(original.verdict).toBe('original');
    const rewrite = check(pages, 'rewrite');
    expect(rewrite.directSource?.url).toBe(urlOf(pages, 'original'));
  });

  it('a scrape backdated two days that keeps the short name the paper uses for itself ("told the Chronicle") does not make the original its copy', () => {
    const pages = story('zoo-birth'); // the original, by the Eastbrook Chronicle, says "the keepers told the Chronicle"
    const original = pages.get('original')!;
    const back = { ...pages.get('backdated')!, publishedTime: new Date(Date.parse(original.publishedTime!) - 2 * 86_400_000).toISOString() };
    expect(back.paragraphs.join(' ')).toContain('told the Chronicle');
    const r = analyzeArticle(original, [back]);
    expect(r.verdict).toBe('original');
    const scrape = analyzeArticle(back, [original]);
    expect(scrape.directionKnown).toBe(false);
    // A short name is evidence of who reported first, never credit: the scrape is not "credited".
    expect(scrape.credited).toBe(false);
  });

  it('a wire story backdated by a scraper: the outlets crediting the agency contest the scrape date', () => {
    const pages = story('wildfire-evac'); // no self-reference to help: carriers credit AP
    const original = check(pages, 'original');
    expect(accuses(original)).toBe(false);
    expect(original.verdict).toBe('original');
  });
});

describe('credit is what a reader can see', () => {
  it('the original self-reference copied by a scrape is not credit', () => {
    const pages = story('dredging-contract');
    expect(pages.get('scrape')!.paragraphs.join(' ')).toContain('obtained by The Harbor Ledger');
    const r = check(pages, 'scrape', ['original']);
    expect(r.verdict).toBe('verbatim-copy');
    expect(r.credited).toBe(false);
    expect(r.summary).toMatch(/no credit given/);
  });

  it('a credit the copier wrote itself is credit', () => {
    const pages = story('dredging-contract');
    const scrape = pages.get('scrape-clean')!;
    const credited = { ...scrape, paragraphs: [...scrape.paragraphs, 'This report was first reported by The Harbor Ledger.'] };
    const r = analyzeArticle(credited, [pages.get('original')!]);
    expect(r.credited).toBe(true);
    expect(r.creditKind).toBe('visible');
  });

  it('a link to the original that shows nothing (empty, or only invisible characters) is not credit; a link with text is', () => {
    const pages = story('dredging-contract');
    const scrape = pages.get('scrape-clean')!;
    const original = pages.get('original')!;
    for (const text of ['', ' ', '\u200B\u2060']) {
      const r = analyzeArticle({ ...scrape, links: [{ href: original.url, text }] }, [original]);
      expect([JSON.stringify(text), r.verdict, r.credited]).toEqual([JSON.stringify(text), 'verbatim-copy', false]);
    }
    for (const text of ['Source', 'image']) {
      const r = analyzeArticle({ ...scrape, links: [{ href: original.url, text }] }, [original]);
      expect([text, r.credited, r.creditKind]).toEqual([text, true, 'visible']);
    }
  });

  it('a declaration only in page data (canonical or isBasedOn) is reported as metadata-only, never credited: true', () => {
    for (const id of ['dredging-contract', 'bridge-weight']) {
      const pages = story(id);
      const r = check(pages, 'syndicated-meta', ['original']);
      expect(r.verdict).toBe('syndicated');
      expect(r.credited).toBe(false);
      expect(r.creditKind).toBe('metadata-only');
      expect(r.summary).toMatch(/declares the original in its page data .*no visible credit/);
      expect(r.related[0].creditKind).toBe('metadata-only');
    }
    const visible = check(story('dredging-contract'), 'syndicated', ['original']);
    expect(visible.credited).toBe(true);
    expect(visible.creditKind).toBe('visible');
  });
});

describe('substance, not coincidence', () => {
  it('an independent report sharing names, numbers, the official quotation and short formulaic sentences is not a copy', () => {
    for (const id of ['school-lunch', 'zoo-birth', 'council-hack', 'wildfire-evac', 'election-recount']) {
      const pages = story(id);
      for (const src of ['original', 'rewrite']) {
        const r = analyzeArticle(pages.get('independent')!, [pages.get(src)!]);
        expect(r.verdict, `${id} against ${src}`).toBe('same-story');
        expect(r.passages.filter((p) => p.kind !== 'quote')).toEqual([]);
      }
    }
  });

  describe('the official quotation with its attribution', () => {
    const rec = (url: string, publishedTime: string, paragraphs: string[]): ArticleRecord => ({
      url, title: 'Tornado', byline: null, siteName: null, lang: 'en', publishedTime, modifiedTime: null, paragraphs, links: [],
      signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
    });
    const statement =
      '"We have families who lost their homes tonight, and we have neighbours still missing," Harlan County emergency management director Joan Petty said at a news conference late Monday. "Our first job is to find them."';
    const closing = 'A National Weather Service survey team was expected on Tuesday morning to confirm the rating.';
    const wire = rec('https://wire.example/tornado', '2026-05-04T03:00:00Z', [
      'A tornado tore through the town of Millbrook on Monday evening, killing two people and destroying dozens of homes and the gymnasium of the elementary school, officials said.',
      statement,
      'The twister stayed on the ground for about nine miles, and a preliminary assessment put its winds at up to 140 mph.',
      closing,
    ]);

    it('an independent report printing it alike, title and setting included, plus one formulaic line, is not a copy', () => {
      const local = rec('https://ledger.example/tornado', '2026-05-04T04:00:00Z', [
        'Crews worked by floodlight along Walnut Street on Monday night, where hardly a house was left standing after the storm.',
        statement,
        'Retired teacher Ada Kemp rode out the storm in her cellar with two cats and a radio, and came up to find her porch in the road.',
        '"I heard the sirens, grabbed the cats and shut the door," she said, standing beside a pile of splintered siding that used to be her kitchen wall.',
        'The volunteer fire department set up a command post at the grain elevator on the state highway, one of the few buildings nearby that still had power.',
        'Churches in the neighbouring towns were collecting bottled water, blankets, diapers and tarps, and a motel on the bypass offered free rooms to families.',
        closing,
      ]);
      const r = analyzeArticle(local, [wire]);
      expect(r.verdict).toBe('same-story');
      expect(r.passages.some((p) => p.kind === 'quote' || p.kind === 'verbatim')).toBe(true); // the shared lines are still shown
    });

    it('two copied sentences of the writer\'s own wording still make a partial copy when one carries a short quoted phrase', () => {
      const blog = rec('https://blog.example/tornado', '2026-05-04T05:00:00Z', [
        'Our thoughts are with everyone in Millbrook tonight, and with the crews who will be digging through the wreckage for days.',
        'Storms like this one used to be rare this far east, but our readers in the valley have sent us photos of three funnel clouds since April.',
        'If you want to help, the county has asked people to give money to the relief fund rather than drive donations out to the town.',
        'A tornado tore through the town of Millbrook on Monday evening, killing two people and destroying dozens of homes and the gymnasium of the elementary school, officials said.',
        'The twister stayed on the ground for about nine miles, and a preliminary assessment put its winds at "up to 140 mph" according to forecasters.',
        'We will update this post as we learn more.',
      ]);
      expect(analyzeArticle(blog, [wire]).verdict).toBe('partial-copy');
    });
  });

  it('two shared sentences far apart (a formulaic closing line, a background line about a company) are not a pasted passage', () => {
    // stories-11: "Growers will know the full extent of the losses in June, when surviving fruit
    // begins to set." and "... buys fruit from about 70 growers ... and presses around 12,000
    // tonnes of apples a year", word for word, several sentences apart in both texts.
    const pages = story('tune-orchard-frost');
    for (const src of ['original', 'rewrite']) expect(accuses(check(pages, 'independent', [src])), src).toBe(false);
  });

  it('two outlets writing from one press release (not indexed): the second, quoting what the first does not, is not its copy', () => {
    // stories-13: both lift the release's lines about the new coach ("Ferreira, 38, spent the past
    // four seasons as associate coach...") word for word; the second also quotes people the first
    // never quotes, so it had the release (or its own reporting), not only the first story.
    const pages = story('tune-hockey-coach');
    const r = check(pages, 'independent', ['original']);
    expect(accuses(r)).toBe(false);
    expect(r.verdict).toBe('same-story');
    // The rewrite made from the first story alone still is its copy.
    expect(check(pages, 'rewrite', ['original']).verdict).toBe('paraphrased-copy');
  });

  it('a rewrite padded with two invented anonymous quotations is still a rewrite: own access needs named speakers', () => {
    const invented = ['"We have been waiting a long time for news like this," said one local resident, who asked not to be named.', '"People round here will be talking about it for weeks," a shopkeeper nearby said.'];
    for (const id of ['ambulance-waits', 'council-hack', 'dredging-contract', 'election-recount', 'ferry-fares']) {
      const pages = story(id);
      const rewrite = pages.get('rewrite')!;
      const padded = { ...rewrite, paragraphs: [...rewrite.paragraphs.slice(0, 2), invented[0], ...rewrite.paragraphs.slice(2), invented[1]] };
      expect(analyzeArticle(padded, [pages.get('original')!]).verdict, id).toBe('paraphrased-copy');
    }
  });

  it('a rewrite that changes most words but keeps the order of the facts is still a rewrite', () => {
    const pages = story('tram-strike');
    expect(check(pages, 'rewrite', ['original']).verdict).toBe('paraphrased-copy');
  });
});

describe('statement-heavy stories: half the text is official statement quoted word for word', () => {
  // stories-9 (TUNE): a police appeal, fire and flood bulletins, a regulator's fine... The shared
  // quotations are set aside on both sides, so what is measured is the rest: the writer's wording.
  const STATEMENT_STORIES = ['tune-towpath-robbery-appeal', 'tune-winger-referee-ban', 'tune-river-crest-wire', 'tune-free-school-lunches', 'tune-ebike-battery-recall', 'tune-leam-sewage-fine', 'tune-warehouse-fire-smoke', 'tune-hospital-cfo-sentencing-wire'];

  it('a rewrite keeping the statements and rewording the rest is a rewrite: their attributions are not the writer\'s wording', () => {
    const pages = story('tune-warehouse-fire-smoke');
    const r = check(pages, 'rewrite', ['original']);
    expect(r.verdict).toBe('paraphrased-copy');
    expect(r.directSource?.url).toBe(urlOf(pages, 'original'));
  });

  it('a shortened retelling with nothing of its own, in its source\'s order, is a rewrite however much it rewords', () => {
    // The rewrite of the rewrite keeps half of its parent and rewords it: too little of the parent
    // covered for the ordered-details rule, too few shared ordinary words for the wording rule,
    // but every sentence of its own text is aligned to the parent.
    const pages = story('tune-warehouse-fire-smoke');
    const r = check(pages, 'rewrite2');
    expect([r.verdict, r.directSource?.url]).toEqual(['paraphrased-copy', urlOf(pages, 'rewrite')]);
  });

  it('an outlet carrying the whole wire story is syndicated, not an excerpt, however much of it is quoted statement', () => {
    const pages = story('tune-river-crest-wire');
    const r = check(pages, 'carrier-1', ['original']);
    expect([r.verdict, r.directSource?.url]).toEqual(['syndicated', urlOf(pages, 'original')]);
  });

  it('the independent report quoting the same statements accuses no one', () => {
    for (const id of STATEMENT_STORIES) {
      const pages = story(id);
      for (const src of ['original', 'rewrite']) expect(accuses(check(pages, 'independent', [src])), `${id} against ${src}`).toBe(false);
    }
  });
});

describe('a short brief reworded whole', () => {
  const rec = (url: string, publishedTime: string, paragraphs: string[]): ArticleRecord => ({
    url, title: 'Ferry service', byline: null, siteName: null, lang: 'en', publishedTime, modifiedTime: null, paragraphs, links: [],
    signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
  });
  const wire = rec('https://wire.example/ferry', '2026-03-02T06:00:00Z', [
    'The harbour authority suspended the evening ferry crossing to the island after engineers discovered a crack in the landing ramp during a routine inspection.',
    'Passengers holding tickets for the cancelled sailings can claim a full refund at the terminal office or travel on the morning boat without paying again.',
    'Repairs to the ramp are expected to keep the evening service out of operation until the end of next week, a spokesman for the authority said.',
  ]);

  it('a two-sentence brief rewording all of its sentences from the source, in order, is a rewrite (fewer than four sentences can be all there is)', () => {
    const brief = rec('https://blog.example/ferry', '2026-03-02T12:00:00Z', [
      'Evening ferry crossings to the island are suspended by the harbour authority: a routine inspection by its engineers discovered a crack in the landing ramp.',
      'The evening service will stay out of operation until the end of next week while the ramp is repaired, the authority spokesman expects.',
    ]);
    const r = analyzeArticle(brief, [wire]);
    expect(r.verdict).toBe('paraphrased-copy');
    expect(r.directSource?.url).toBe(wire.url);
  });

  it('a short independent brief of the same event in its own words is not accused', () => {
    const own = rec('https://radio.example/ferry', '2026-03-02T12:00:00Z', [
      'No evening boats will run to the island for about ten days: the harbour authority found a damaged ramp at the landing.',
      'Ticket holders get their money back, the authority said.',
    ]);
    expect(accuses(analyzeArticle(own, [wire]))).toBe(false);
  });

  it('the opening sentences of every TUNE independent report, as a brief, accuse no one', () => {
    for (const id of ['school-lunch', 'zoo-birth', 'council-hack', 'wildfire-evac', 'election-recount', 'tram-strike', 'stadium-roof', 'dredging-contract']) {
      const pages = story(id);
      const independent = pages.get('independent')!;
      for (const n of [2, 3]) {
        const brief = { ...independent, paragraphs: [independent.paragraphs.join(' ').split(/(?<=[.!?])\s+/).slice(0, n).join(' ')] };
        for (const src of ['original', 'rewrite']) expect(accuses(analyzeArticle(brief, [pages.get(src)!])), `${id} (${n} sentences) against ${src}`).toBe(false);
      }
    }
  });
});

describe('chains', () => {
  it('a rewrite of a rewrite names the rewrite as direct source and the original as origin; copies of the original are siblings', () => {
    const pages = story('dredging-contract');
    const r = check(pages, 'rewrite2');
    expect(r.verdict).toBe('paraphrased-copy');
    expect(r.directSource?.url).toBe(urlOf(pages, 'rewrite'));
    expect(r.origin?.url).toBe(urlOf(pages, 'original'));
    const sources = r.related.filter((x) => x.relation === 'source' || x.relation === 'origin').map((x) => x.url);
    expect(sources.sort()).toEqual([urlOf(pages, 'rewrite'), urlOf(pages, 'original')].sort());
  });

  it('a declared republication never stands in for its original, however much more an excerpt seems to share with it', () => {
    const pages = story('museum-theft');
    const excerpt = pages.get('excerpt')!;
    // The roundup's own closing credit reads as a rewording of the syndicated copy's "This article
    // originally appeared in Capital Herald and is republished here with permission", so the copy
    // shares one more sentence with the excerpt than the original does.
    const close = 'This story originally appeared in Capital Herald and is shared here with permission.';
    const short = { ...excerpt, paragraphs: [excerpt.paragraphs[0], pages.get('original')!.paragraphs[0], close], signals: { ...excerpt.signals, creditLines: [close] } };
    const r = analyzeArticle(short, ['original', 'syndicated'].map((n) => pages.get(n)!));
    expect(r.verdict).toBe('credited-excerpt');
    expect(r.directSource?.url).toBe(urlOf(pages, 'original'));
    expect(accuses(r)).toBe(false);
  });

  it('a wire credit points to the agency, not to another page carrying the same credit', () => {
    const pages = story('wildfire-evac');
    // Another AP story and its carrier in the same index: AP pages credit AP, as the partner does.
    const other = story('ferry-fares');
    const all = [...pages.values(), other.get('original')!, other.get('syndicated')!];
    const checkAll = (name: string) => analyzeArticle(pages.get(name)!, all.filter((x) => x !== pages.get(name)));
    const original = checkAll('original');
    expect(original.verdict).toBe('original');
    for (const name of ['syndicated', 'syndicated-meta', 'carrier-1']) {
      const r = checkAll(name);
      expect([name, r.directSource?.url, accuses(r)]).toEqual([name, urlOf(pages, 'original'), false]);
    }
  });

  it('a page explaining nothing the direct source does not is not listed as a source (a scrape of the original "retells" every later rewrite)', () => {
    // The scrapes and syndicated copies of the original, published before the rewrite of the
    // rewrite, carry every fact it retells: each is aligned only where the rewrite already is.
    const pages = story('tune-free-school-lunches');
    const r = check(pages, 'rewrite2');
    expect([r.verdict, r.directSource?.url]).toEqual(['paraphrased-copy', urlOf(pages, 'rewrite')]);
    const ancestors = new Set([urlOf(pages, 'rewrite'), urlOf(pages, 'original')]);
    const listed = r.related.filter((x) => x.relation === 'source' || x.relation === 'origin').map((x) => x.url);
    expect(listed.filter((u) => !ancestors.has(u))).toEqual([]);
    for (const copy of ['scrape', 'scrape-clean', 'disguised', 'backdated', 'syndicated', 'syndicated-meta'])
      expect(r.related.find((x) => x.url === urlOf(pages, copy))?.relation, copy).toBe('same-story');
  });

  it('a page is not named as the source of a later page that its own stronger source explains (the reverse of the rule above)', () => {
    // The spun scrape of the original carries every fact the rewrite of the rewrite retells, so
    // from the scrape's side the rewrite of the rewrite "paraphrases" it; the rewrite explains
    // all of that, and more closely.
    const pages = story('tune-quarry-inquest');
    const r = check(pages, 'spun');
    expect(r.verdict).toBe('verbatim-copy');
    expect(r.related.find((x) => x.url === urlOf(pages, 'rewrite2'))?.relation).toBe('same-story');
    expect(r.related.filter((x) => x.relation === 'derivative').map((x) => x.url)).not.toContain(urlOf(pages, 'rewrite2'));
  });

  it('an independent report is never listed as a source', () => {
    const pages = story('council-hack');
    for (const name of ['rewrite', 'rewrite2', 'scrape']) {
      const r = check(pages, name);
      expect(r.related.find((x) => x.url === urlOf(pages, 'independent'))?.relation ?? 'same-story').toBe('same-story');
    }
  });
});

describe('partial text is not evidence of independence', () => {
  it('says so in the report and the summary when the checked article was read only in part', () => {
    const pages = story('library-hours');
    const teaser = { ...pages.get('independent')!, paragraphs: pages.get('independent')!.paragraphs.slice(0, 2), partial: 'the page shows only the start of the article' };
    const r = analyzeArticle(teaser, [pages.get('original')!]);
    expect(r.partialText).toBe('the page shows only the start of the article');
    expect(r.summary).toMatch(/^Only part of this article could be read .*nothing is concluded about the rest/);
    const whole = analyzeArticle(pages.get('independent')!, [pages.get('original')!]);
    expect(whole.partialText).toBeUndefined();
    expect(whole.summary).not.toMatch(/Only part/);
  });
});
