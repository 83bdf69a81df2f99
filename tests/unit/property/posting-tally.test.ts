/**
 * Candidate scoring sums a check's postings per document by sorting them (PostingTally) instead of
 * scratch arrays as large as the index. Both stores rank through it (the in-memory index with dense
 * ids, the team store with sparse 32-bit ids), so the ranking, ties and float32 sums must be exactly
 * those of the scratch-array algorithm it replaced, kept here as the reference model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingTally } from '../../../src/core/engine/posting-tally';
import { queryTerms, scoreCandidates, type PostingSource } from '../../../src/core/engine/provenance-index';
import type { DocPrint } from '../../../src/core/engine/fingerprint-article';
import type { Candidate } from '../../../src/core/engine/provenance-index';

describe('PostingTally', () => {
  const posting = fc.record({ doc: fc.oneof(fc.nat(40), fc.nat(70_000), fc.constant(2 ** 32 - 1)), weight: fc.option(fc.double({ min: 0, max: 30, noNaN: true }), { nil: null }) });

  it('gives each document once, in id order, with its float32 term sum, shingle count and first position', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 300 }), (postings) => {
        const tally = new PostingTally();
        const scratch = new Map<number, { w: Float32Array; sh: number; first: number }>();
        postings.forEach(({ doc, weight }, i) => {
          if (weight === null) tally.shingle(doc);
          else tally.term(doc, weight);
          const s = scratch.get(doc) ?? { w: new Float32Array(1), sh: 0, first: i };
          if (weight === null) s.sh++;
          else s.w[0] += weight;
          scratch.set(doc, s);
        });
        const seen: Array<[number, number, number, number]> = [];
        tally.forEachDoc((t) => seen.push([t.doc, t.termWeight, t.shingles, t.first]));
        const want = [...scratch].sort(([a], [b]) => a - b).map(([doc, s]): [number, number, number, number] => [doc, s.w[0], s.sh, s.first]);
        expect(seen).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('holds postings beyond its first buffer', () => {
    const tally = new PostingTally();
    for (let i = 0; i < 5000; i++) tally.term(i % 7, 1);
    const docs: number[] = [];
    tally.forEachDoc((t) => docs.push(t.termWeight));
    expect(docs).toEqual([715, 715, 714, 714, 714, 714, 714]);
  });
});

/** The scoring before PostingTally (up to 290431b): Float32Array/Uint16Array scratch slots per document. */
function reference(src: PostingSource, p: DocPrint, k: number): Candidate[] {
  const acc = new Float32Array(src.tableSize + 1);
  const hits = new Uint16Array(src.tableSize + 1);
  const touched: number[] = [];
  const qTerms = queryTerms(p, (t) => src.docFreq(t), src.docCount);
  let qNorm = 0;
  for (const [, w] of qTerms) qNorm += w;
  for (const [t, w] of qTerms)
    src.forEachTerm(t, (d) => {
      if (acc[d] === 0 && hits[d] === 0) touched.push(d);
      acc[d] += w;
    }, Infinity);
  for (const h of p.shingles)
    src.forEachShingle(h, (d) => {
      if (acc[d] === 0 && hits[d] === 0) touched.push(d);
      hits[d]++;
    }, Infinity);
  const qSh = Math.max(1, p.shingles.length);
  const top: Candidate[] = [];
  for (const d of touched) {
    if (!src.eligible(d)) continue;
    const score = (qNorm > 0 ? acc[d] / qNorm : 0) + Math.min(1, hits[d] / qSh);
    if (top.length < k || score > top[top.length - 1].score) {
      let i = top.length < k ? top.length : k - 1;
      while (i > 0 && top[i - 1].score < score) {
        if (i < k) top[i] = top[i - 1];
        i--;
      }
      top[i] = { url: src.urlOf(d), score };
    }
  }
  for (const c of top) c.score = Math.round(c.score * 1e4) / 1e4;
  return top;
}

describe('scoreCandidates', () => {
  // Small vocabularies and documents so that documents share terms and tie often.
  const term = fc.integer({ min: 1, max: 12 });
  const doc = fc.integer({ min: 0, max: 30 });
  const index = fc.record({
    termPosts: fc.dictionary(fc.string({ minLength: 1, maxLength: 2 }), fc.uniqueArray(doc, { maxLength: 12 })),
    df: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 13, maxLength: 13 }),
    shinglePosts: fc.array(fc.uniqueArray(doc, { maxLength: 6 }), { minLength: 4, maxLength: 4 }),
    dead: fc.uniqueArray(doc, { maxLength: 5 }),
    query: fc.array(fc.array(term, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
    shingles: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
    k: fc.integer({ min: 1, max: 6 }),
  });

  it('ranks exactly as the scratch-array scoring did, ties and float32 sums included', () => {
    fc.assert(
      fc.property(index, (ix) => {
        // Posting lists by term number (1..12), each in id order as both stores keep them.
        const posts = new Map<number, number[]>();
        for (const [key, ids] of Object.entries(ix.termPosts)) posts.set((key.charCodeAt(0) % 12) + 1, [...ids].sort((a, b) => a - b));
        const src: PostingSource = {
          docCount: 40,
          docFreq: (t) => ix.df[t] ?? 0,
          tableSize: 31,
          forEachTerm: (t, fn) => (posts.get(t) ?? []).forEach(fn) === undefined,
          forEachShingle: (h, fn) => (ix.shinglePosts[h] ?? []).forEach(fn) === undefined,
          eligible: (d) => !ix.dead.includes(d),
          urlOf: (d) => `https://x.test/${d}`,
        };
        const p = { sentences: ix.query.map((t) => ({ terms: Uint32Array.from(t) })), shingles: Uint32Array.from(ix.shingles) } as unknown as DocPrint;
        expect(scoreCandidates(src, p, ix.k)).toEqual(reference(src, p, ix.k));
      }),
      {
        numRuns: 3000,
        // Found by a longer run: a tie at score 1 that only exact float32 sums of the given
        // (float64) weights keep a tie.
        examples: [[{ termPosts: { 'E ': [24], l: [24] }, df: [1, 10, 1, 1, 1, 1, 1, 1, 1, 1, 20, 1, 1], shinglePosts: [[], [], [0], []], dead: [], query: [[10, 1]], shingles: [2], k: 1 }]],
      },
    );
  });
});
