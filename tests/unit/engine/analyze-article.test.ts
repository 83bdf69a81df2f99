import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvenanceIndex, analyzeArticle, checkArticle, rankCandidates } from '../../../src/core/engine/index';
import type { ArticleRecord } from '../../../src/core/types';

const ROOT = join(import.meta.dirname, '../../fixtures/clusters');
const load = (name: string) => JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8')) as ArticleRecord;
const original = load('ferry/original');
const rewrite = load('ferry/rewrite');
const independent = load('ferry/independent');
const marathon = load('unrelated/marathon');
const museum = load('unrelated/museum');

// Filler pages: the unrelated stories' sentences recombined, so the index is large enough for idf.
function fillers(n: number): ArticleRecord[] {
  const sentences = [...marathon.paragraphs, ...museum.paragraphs].join(' ').split(/(?<=\.)\s+/);
  return Array.from({ length: n }, (_, i) => ({
    ...marathon,
    url: `https://filler${i}.example/`,
    siteName: `Filler ${i}`,
    paragraphs: [0, 1, 2, 3].map((k) => sentences[(i * 7 + k * 3) % sentences.length] + ' ' + sentences[(i * 5 + k) % sentences.length]),
  }));
}

describe('analyzeArticle', () => {
  it('cites distinctive shared terms as evidence once the index is large enough', async () => {
    const idx = new ProvenanceIndex();
    const docs = [original, independent, ...fillers(60)];
    for (const d of docs) idx.add(d);
    const byUrl = new Map(docs.map((d) => [d.url, d]));
    const r = await checkArticle(rewrite, idx, async (u) => byUrl.get(u));
    expect(r.verdict).toBe('paraphrased-copy');
    const rel = r.related.find((x) => x.url === original.url)!;
    expect(rel.evidence.join('\n')).toMatch(/\d+ distinctive terms in common/);
  });

  it('is not fooled by the order of candidates or duplicates of one candidate', () => {
    const a = analyzeArticle(rewrite, [independent, original, original, marathon]);
    const b = analyzeArticle(rewrite, [marathon, original, independent]);
    expect(a.directSource?.url).toBe(original.url);
    expect(b.directSource?.url).toBe(original.url);
    expect(a.related.map((x) => x.url).sort()).toEqual(b.related.map((x) => x.url).sort());
  });

  it('never lists the checked article as related to itself', () => {
    const r = analyzeArticle(original, [original, rewrite]);
    expect(r.related.some((x) => x.url === original.url)).toBe(false);
    expect(r.verdict).toBe('original');
    expect(r.origin?.url).toBe(original.url);
  });

  it('ranks the true source first among candidates', () => {
    const ranked = rankCandidates(rewrite, [marathon, independent, original]);
    expect(ranked[0].url).toBe(original.url);
    expect(ranked[0].alignedShare).toBeGreaterThan(0.5);
    expect(ranked[2].url).toBe(marathon.url);
  });

  it('ranks a candidate dated after the article below those that can be its source', () => {
    const checked = { ...rewrite, publishedTime: '2024-05-02T10:00:00Z' };
    const laterCopy = { ...original, url: 'https://later.example/ferry', publishedTime: '2024-05-04T09:00:00Z' };
    const ranked = rankCandidates(checked, [laterCopy, { ...marathon, publishedTime: null }, { ...original, publishedTime: '2024-05-01T08:00:00Z' }]);
    expect(ranked.map((r) => r.url)).toEqual([original.url, marathon.url, laterCopy.url]);
    // Within the slack (a few hours, time-zone noise) or with a date unknown, content decides alone.
    const near = rankCandidates(checked, [marathon, { ...laterCopy, publishedTime: '2024-05-02T15:00:00Z' }]);
    expect(near[0].url).toBe(laterCopy.url);
    const undated = rankCandidates({ ...checked, publishedTime: null }, [marathon, laterCopy]);
    expect(undated[0].url).toBe(laterCopy.url);
  });

  it('reports an empty article as no-match', () => {
    const empty = { ...rewrite, url: 'https://empty.example/', paragraphs: [] };
    expect(analyzeArticle(empty, [original]).verdict).toBe('no-match');
  });
});

describe('boilerplate', () => {
  it('does not count site furniture shared with hundreds of pages as copying', async () => {
    const furniture = [
      'Sign up for the Merrow Bay morning newsletter to receive the biggest local headlines in your inbox every weekday.',
      'Copyright Merrow Bay Media Group, all rights reserved, reproduction without written permission is prohibited.',
    ];
    const idx = new ProvenanceIndex();
    const docs: ArticleRecord[] = [];
    for (let i = 0; i < 300; i++)
      docs.push({ ...marathon, url: `https://mbm${i}.example/p`, paragraphs: [`Listing ${i}: garden sale on Elm Road, tools ${i} and plants.`, ...furniture] });
    // Two short reports of one event from the same group's sites: one shared fact, the rest their own.
    const a = { ...independent, url: 'https://mbm-a.example/x', siteName: 'Merrow North', publishedTime: '2026-03-04T08:00:00Z', paragraphs: [independent.paragraphs[0], independent.paragraphs[3], ...furniture] };
    const b = { ...independent, url: 'https://mbm-b.example/y', siteName: 'Merrow South', publishedTime: '2026-03-04T09:00:00Z', paragraphs: [original.paragraphs[0], original.paragraphs[4], ...furniture] };
    docs.push(a);
    for (const d of docs) idx.add(d);
    const byUrl = new Map(docs.map((d) => [d.url, d]));
    const withIndex = await checkArticle(b, idx, async (u) => byUrl.get(u));
    expect(['same-story', 'no-match']).toContain(withIndex.verdict);
    expect(withIndex.passages.filter((p) => furniture.some((f) => p.text === f))).toEqual([]);
    // Without the index's knowledge, the furniture looks like two copied sentences.
    expect(analyzeArticle(b, [a]).verdict).toBe('partial-copy');
  });
});
