import { describe, expect, it } from 'vitest';
import { alignSentences, longestCommonRun, orderScore, sentenceVectors } from '../../../src/core/engine/align-sentences';
import { printRecord } from '../../../src/core/engine/fingerprint-article';
import type { ArticleRecord } from '../../../src/core/types';

const NO_SIGNALS = { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null };
function rec(paragraphs: string[]): ArticleRecord {
  return { url: 'https://x.example/' + paragraphs.length, title: '', byline: null, siteName: null, lang: 'en', publishedTime: null, modifiedTime: null, paragraphs, links: [], signals: NO_SIGNALS };
}
const align = (a: string[], b: string[]) => {
  const pa = printRecord(rec(a));
  const pb = printRecord(rec(b));
  return alignSentences(pa, sentenceVectors(pa, () => 1), pb, sentenceVectors(pb, () => 1));
};

describe('alignSentences', () => {
  const source = [
    'The council voted 7 to 2 on Tuesday to close the Fenwick Street ferry terminal by March.',
    'Repairing the sinking timber pier would cost an estimated $4.2 million, engineers reported.',
    'Local bakers fear the closure could halve their morning trade.',
  ];

  it('pairs a reworded sentence with its source sentence', () => {
    const pairs = align(['Fixing the timber pier, which is sinking, would carry a price tag of roughly 4.2 million dollars, according to engineers.'], source);
    expect(pairs).toHaveLength(1);
    expect(pairs[0].j).toBe(1);
    expect(pairs[0].verbatim).toBe(false);
  });

  it('marks a copied sentence as verbatim even with a changed article word', () => {
    const pairs = align(['The council voted 7 to 2 on Tuesday to close a Fenwick Street ferry terminal by March.'], source);
    expect(pairs[0]).toMatchObject({ j: 0, verbatim: true });
  });

  it('does not pair sentences that only share a topic word', () => {
    expect(align(['The ferry company also announced a new summer timetable for tourists.'], source)).toEqual([]);
  });

  it('does not pair somebody\'s quotation with a sentence of the source that quotes nobody', () => {
    // The same names and topic, but a later page does not turn a stated fact into somebody's words.
    const quoted = ['"Shutting the old terminal on Fenwick Street is the right call, and the council knows it," a local baker said.'];
    const narrative = ['The council voted on Tuesday to close the Fenwick Street ferry terminal by March.'];
    expect(align(quoted, narrative)).toEqual([]);
    // The same words reported, not quoted, are paired.
    expect(align(['Shutting the old terminal on Fenwick Street was the right call, the council said on Tuesday.'], narrative)).toHaveLength(1);
  });

  it('marks shared quotations', () => {
    const q = '"We cannot ask people to board a ferry from a pier that is failing," the mayor said.';
    const pairs = align([q], [q]);
    expect(pairs[0].quote).toBe(true);
  });
});

describe('longestCommonRun and orderScore', () => {
  it('finds the longest shared run of terms', () => {
    expect(longestCommonRun(Uint32Array.of(1, 2, 3, 4, 9), Uint32Array.of(7, 2, 3, 4, 5))).toBe(3);
    expect(longestCommonRun(Uint32Array.of(), Uint32Array.of(1))).toBe(0);
  });
  it('scores facts in the same order higher than shuffled ones', () => {
    const mk = (js: number[]) => js.map((j, i) => ({ i, j, cosine: 1, dice: 1, run: 0, runShare: 0, verbatim: false, quote: false, seed: true }));
    expect(orderScore(mk([0, 1, 2, 3]))).toBe(1);
    expect(orderScore(mk([3, 0, 2, 1]))).toBe(0.5);
  });
});

describe('quotedRanges', () => {
  it('pairs quotes across sentences and runs an unclosed quote to the paragraph end', async () => {
    const { quotedRanges } = await import('../../../src/core/engine/fingerprint-article');
    const text = '\u201CWe will rebuild. It will take years,\u201D she said.\n\n"Nobody wanted this. We had no choice.\nHe left.';
    const spans = quotedRanges(text).map(([a, b]) => text.slice(a, b));
    expect(spans).toEqual(['\u201CWe will rebuild. It will take years,\u201D', '"Nobody wanted this. We had no choice.']);
  });
});
