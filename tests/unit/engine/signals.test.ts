import { describe, expect, it } from 'vitest';
import { compareArticles } from '../../../src/core/engine/index';
import { creditReasons, docTime, syndicationReasons } from '../../../src/core/engine/signals';
import { hostOf, siteOf } from '../../../src/core/site';
import { printRecord } from '../../../src/core/engine/fingerprint-article';
import type { ArticleRecord } from '../../../src/core/types';

const NO_SIGNALS = { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null };
function rec(over: Partial<ArticleRecord>): ArticleRecord {
  return { url: 'https://a.example/1', title: 't', byline: null, siteName: null, lang: 'en', publishedTime: null, modifiedTime: null, paragraphs: ['Text.'], links: [], signals: NO_SIGNALS, ...over };
}
const SRC = rec({ url: 'https://www.harborledger.example/news/ferry', siteName: 'The Harbor Ledger' });

describe('signals', () => {
  it('reads hosts and times', () => {
    expect(hostOf('https://www.Harborledger.example/x?y')).toBe('harborledger.example');
    expect(hostOf('not a url')).toBeNull();
    expect(siteOf('http://story.news.yahoo.com/news?x')).toBe('yahoo.com');
    expect(siteOf('https://news.bbc.co.uk/2/hi/x.stm')).toBe('bbc.co.uk');
    expect(siteOf('https://alice.blogspot.com/p')).toBe('alice.blogspot.com');
    expect(docTime({ publishedTime: null, firstSeen: '2026-01-02T00:00:00Z' })).toEqual({ t: Date.parse('2026-01-02T00:00:00Z'), from: 'first seen' });
    expect(docTime({ publishedTime: 'garbage', firstSeen: null })).toBeNull();
  });

  it('finds credit by link, by outlet name, and not by a word inside another word', () => {
    const byLink = printRecord(rec({ links: [{ href: 'https://harborledger.example/news/ferry/', text: 'reported' }] }));
    expect(creditReasons(byLink, printRecord(SRC))).toEqual(['links to the The Harbor Ledger article']);
    const byName = printRecord(rec({ paragraphs: ['As first reported by the Harbor Ledger, the council voted.'] }));
    expect(creditReasons(byName, printRecord(SRC)).join()).toMatch(/names The Harbor Ledger/);
    const none = printRecord(rec({ paragraphs: ['The harbor ledgers were audited.'] }));
    expect(creditReasons(none, printRecord(SRC))).toEqual([]);
  });

  it('finds declared syndication (canonical, isBasedOn, originally appeared in)', () => {
    const canon = printRecord(rec({ signals: { ...NO_SIGNALS, canonicalUrl: 'https://harborledger.example/news/ferry' } }));
    expect(syndicationReasons(canon, printRecord(SRC))[0]).toMatch(/canonical/);
    const based = printRecord(rec({ signals: { ...NO_SIGNALS, isBasedOn: ['http://harborledger.example/news/ferry'] } }));
    expect(syndicationReasons(based, printRecord(SRC))[0]).toMatch(/isBasedOn/);
    const line = printRecord(rec({ signals: { ...NO_SIGNALS, creditLines: ['This story originally appeared in The Harbor Ledger.'] } }));
    expect(syndicationReasons(line, printRecord(SRC))[0]).toMatch(/originally appeared/);
    expect(syndicationReasons(printRecord(rec({})), printRecord(SRC))).toEqual([]);
  });
});

describe('direction without dates', () => {
  const paras = [
    'The Port Alden council voted 7 to 2 on Tuesday night to close the Fenwick Street ferry terminal by the end of March.',
    'Repairing the sinking timber pier would cost an estimated $4.2 million, according to consultants Ostrander and Vail.',
    'The terminal carried about 3,100 commuters a day across Merrow Bay before a partial closure in January.',
    'Shop owners on Fenwick Street packed the public gallery and warned that their trade could fall by half.',
  ];
  it('takes the linked article as the earlier one', () => {
    const copy = rec({ url: 'https://copy.example/x', paragraphs: paras, links: [{ href: SRC.url, text: 'source' }] });
    const src = { ...SRC, paragraphs: paras };
    const r = compareArticles(copy, src);
    expect(r.directSource?.url).toBe(src.url);
    expect(r.credited).toBe(true);
    const back = compareArticles(src, copy);
    expect(back.verdict).toBe('original');
  });
  it('says the order is unknown when nothing tells it', () => {
    const a = rec({ url: 'https://one.example/x', paragraphs: paras });
    const b = rec({ url: 'https://two.example/x', paragraphs: paras });
    expect(compareArticles(a, b).summary).toMatch(/unknown/);
  });
});

describe('same outlet', () => {
  it('does not call an outlet a copier of its own earlier article', () => {
    const paras = [
      'The Port Alden council voted 7 to 2 on Tuesday night to close the Fenwick Street ferry terminal by the end of March.',
      'Repairing the sinking timber pier would cost an estimated $4.2 million, according to consultants Ostrander and Vail.',
      'The terminal carried about 3,100 commuters a day across Merrow Bay before a partial closure in January.',
    ];
    const first = rec({ url: 'https://harborledger.example/ferry-vote', publishedTime: '2026-03-04T08:00:00Z', paragraphs: paras });
    const followUp = rec({
      url: 'https://harborledger.example/ferry-petition',
      publishedTime: '2026-03-06T08:00:00Z',
      paragraphs: ['Residents have started a petition to keep the Fenwick Street pier in public hands.', ...paras],
    });
    const r = compareArticles(followUp, first);
    expect(r.verdict).toBe('same-story');
    expect(r.related[0].evidence.join()).toMatch(/same outlet/);
    // The same text on another site is a copy.
    expect(compareArticles({ ...followUp, url: 'https://elsewhere.example/x' }, first).verdict).toBe('verbatim-copy');
  });
});
