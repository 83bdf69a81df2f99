import { describe, expect, it } from 'vitest';
import { analyzeArticle, compareArticles, fingerprintArticle, ProvenanceIndex, checkArticle, PACK_ENTRY_VERSION } from '../../../src/core/engine/index';
import type { ArticleRecord } from '../../../src/core/types';

function rec(url: string, siteName: string, publishedTime: string, paragraphs: string[]): ArticleRecord {
  return {
    url, title: paragraphs[0].slice(0, 40), byline: null, siteName, lang: 'en', publishedTime, modifiedTime: null,
    paragraphs, links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
  };
}

const ORIGINAL = [
  'The Harbor Ledger has learned that the city council of Port Alden voted 7 to 2 on Tuesday night to close the Fenwick Street ferry terminal by March.',
  'Council members cited a $4.2 million repair bill for the terminal pier, which engineers found to be sinking after last winter\'s storms.',
  'The terminal carried about 3,100 commuters a day across Merrow Bay before a partial closure in January.',
  'Mayor Ilse Brandvold said the vote was painful but unavoidable, and promised extra bus service along the coast road.',
  'Local shop owners near the terminal warned that the closure could cut their trade by half.',
].map((p) => p);

describe('engine smoke', () => {
  it('finds a verbatim copy and labels it', () => {
    const a = rec('https://harborledger.example/ferry', 'The Harbor Ledger', '2026-03-01T08:00:00Z', ORIGINAL);
    const b = rec('https://copycat.example/ferry', 'Copycat News', '2026-03-01T10:00:00Z', ORIGINAL.slice(1));
    const r = compareArticles(b, a);
    expect(r.verdict).toBe('verbatim-copy');
    expect(r.directSource?.url).toBe(a.url);
    expect(r.credited).toBe(false);
    expect(r.passages.length).toBeGreaterThan(2);
    const text = b.paragraphs.join('\n\n');
    for (const p of r.passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('indexes, retrieves, snapshots and checks', async () => {
    const a = rec('https://harborledger.example/ferry', 'The Harbor Ledger', '2026-03-01T08:00:00Z', ORIGINAL);
    const b = rec('https://copycat.example/ferry', 'Copycat News', '2026-03-01T10:00:00Z', ORIGINAL.slice(1));
    const idx = new ProvenanceIndex();
    idx.add(fingerprintArticle(a));
    expect(fingerprintArticle(a).version).toBe(PACK_ENTRY_VERSION);
    expect(idx.candidates(b)[0].url).toBe(a.url);
    const idx2 = ProvenanceIndex.fromSnapshot(idx.toSnapshot());
    expect(idx2.size).toBe(1);
    expect(idx2.candidates(b)[0].url).toBe(a.url);
    const report = await checkArticle(b, idx2, async (u) => (u === a.url ? fingerprintArticle(a) : undefined));
    expect(report.verdict).toBe('verbatim-copy');
    expect(analyzeArticle(a, [b]).verdict).toBe('original');
  });
});
