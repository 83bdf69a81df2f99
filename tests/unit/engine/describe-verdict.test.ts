import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEvidence, describeVerdict, type VerdictFacts } from '../../../src/core/engine/describe-verdict';
import { printRecord } from '../../../src/core/engine/fingerprint-article';
import type { ArticleRecord } from '../../../src/core/types';

const ROOT = join(import.meta.dirname, '../../fixtures/clusters/ferry');
const print = (name: string, patch: Partial<ArticleRecord> = {}) =>
  printRecord({ ...(JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8')) as ArticleRecord), ...patch });

// The wording alone, from decided facts: what the reader reads for each decision.
const rewrite = print('rewrite');
const original = print('original');
const copy: VerdictFacts = {
  article: rewrite,
  verdict: 'paraphrased-copy',
  source: { doc: original, reusedShare: 0.97, syndication: [], pageData: [] },
  credited: false,
  origin: null,
  relatedCount: 3,
  derivativeCount: 0,
  contestedRelated: null,
  directionUnknown: false,
  contested: null,
};

describe('describeVerdict: the summary sentence', () => {
  it('names the source, the time between them and the missing credit', () => {
    expect(describeVerdict(copy)).toBe('Rewritten from The Harbor Ledger, published 2 hours earlier; no credit given.');
  });

  it('accuses no one when the direction is unknown, and says why when it is contested', () => {
    expect(describeVerdict({ ...copy, directionUnknown: true })).toBe(
      'Retells The Harbor Ledger in other words, its facts in the same order; which was published first is unknown.',
    );
    const contested = describeVerdict({ ...copy, verdict: 'verbatim-copy', directionUnknown: true, contested: 'it links to this article' });
    expect(contested).toBe('Shares most of its text word for word with The Harbor Ledger; which was published first is contested (it links to this article).');
    expect(contested).not.toMatch(/copied/i);
  });

  it('does not call a republication declared only in page data a visible credit', () => {
    const meta = { ...copy, verdict: 'syndicated' as const, source: { ...copy.source!, syndication: ['canonical link'], pageData: ['canonical link'] } };
    expect(describeVerdict(meta)).toBe('Republishes The Harbor Ledger and declares the original in its page data (canonical link), no visible credit.');
    expect(describeVerdict({ ...meta, credited: true, source: { ...meta.source, syndication: ['canonical link', 'Originally appeared in The Harbor Ledger'] } })).toBe(
      'Declared republication of The Harbor Ledger (Originally appeared in The Harbor Ledger), not a copy.',
    );
  });

  it('puts the partial-text caveat first on a verdict that finds no reuse, never on a copy', () => {
    const partial = print('rewrite', { partial: 'paywall' });
    const none: VerdictFacts = { ...copy, article: partial, verdict: 'same-story', source: null };
    expect(describeVerdict(none)).toBe(
      'Only part of this article could be read (paywall), so nothing is concluded about the rest. Reports the same story as 3 known articles, with no sign that it was copied.',
    );
    expect(describeVerdict({ ...copy, article: partial })).toMatch(/^Rewritten from/);
  });

  it('counts what reuses an original and names a contested earlier date', () => {
    const orig: VerdictFacts = { ...copy, article: original, verdict: 'original', source: null, derivativeCount: 1, contestedRelated: rewrite };
    expect(describeVerdict(orig)).toBe('Original: 1 known article reuses it, and it reuses none. Coastline Daily Wire declares an earlier date, contested by the evidence.');
  });
});

describe('describeEvidence: the lines under a related article', () => {
  it('states timing, similarity, signals and caveats in a fixed order', () => {
    const lines = describeEvidence({
      article: rewrite,
      pair: { cand: original, pairs: [], cosine: 0.2, verbatimShare: 0, paraphraseShare: 0, sourceCoverage: 0, order: 0, credit: ['names The Harbor Ledger'], syndication: [], sameOutlet: false },
      back: null,
      relation: 'same-story',
      distinctiveTerms: 1,
      contested: 'it links to this article',
      siblingOf: rewrite,
    });
    expect(lines[0]).toBe('The Harbor Ledger: published 2 hours earlier');
    expect(lines[1]).toBe('document similarity 0.20');
    expect(lines).toContain('credit: names The Harbor Ledger');
    expect(lines.slice(-3)).toEqual([
      '1 distinctive term in common (names, figures, rare words)',
      'dates contested: it links to this article',
      'The Harbor Ledger also reuses Coastline Daily Wire, the source, so it is counted as a sibling, not a source or derivative',
    ]);
  });
});
