import { describe, expect, it } from 'vitest';
import { contentTerms } from '../../../src/core/text';
import { termHash } from '../../../src/core/engine/fingerprint-article';
import { PARAPHRASE_THRESHOLD, longestCommonRun, pairFeatures, paraphraseProbability } from '../../../src/core/engine/sentence-similarity';

const terms = (s: string) => Uint32Array.from(contentTerms(s), (t) => termHash(t.term));
const one = () => 1;
const p = (a: string, b: string) => paraphraseProbability(pairFeatures(terms(a), terms(b), one));

describe('pairFeatures', () => {
  it('is symmetric in the two sentences', () => {
    const a = terms('The council approved the $48 million seawall on Tuesday after a long debate.');
    const b = terms('After a long debate on Tuesday, councillors backed the seawall.');
    expect(pairFeatures(a, b, one)).toEqual(pairFeatures(b, a, one));
  });

  it('measures coverage from each side and what only one side has', () => {
    const f = pairFeatures(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 2, 9), one);
    expect(f.coverMin).toBeCloseTo(2 / 4);
    expect(f.coverMax).toBeCloseTo(2 / 3);
    expect(f.unmatchedMax).toBeCloseTo(Math.log1p(2));
    expect(f.unmatchedMin).toBeCloseTo(Math.log1p(1));
    expect(f.run).toBeCloseTo(2 / 3);
  });
});

describe('paraphraseProbability', () => {
  it('calls a reworded sentence a paraphrase and a sentence that adds facts not one', () => {
    const source = 'Port Alder council approved a $48 million seawall on Tuesday.';
    expect(p(source, 'On Tuesday the Port Alder council approved a seawall costing $48 million.')).toBeGreaterThanOrEqual(PARAPHRASE_THRESHOLD);
    expect(
      p(source, 'Port Alder council approved a seawall on Tuesday, and the mayor said construction crews from Tacoma would start in March despite protests by fishermen.'),
    ).toBeLessThan(PARAPHRASE_THRESHOLD);
    expect(p(source, 'Ferry fares to Kestrel Bay will rise in January.')).toBeLessThan(0.2);
  });
});

describe('longestCommonRun', () => {
  it('finds the longest shared contiguous run', () => {
    expect(longestCommonRun(Uint32Array.of(1, 2, 3, 4, 9), Uint32Array.of(7, 2, 3, 4, 5))).toBe(3);
    expect(longestCommonRun(Uint32Array.of(), Uint32Array.of(1))).toBe(0);
  });
});
