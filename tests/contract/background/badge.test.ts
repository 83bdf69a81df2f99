/** Badge text per verdict (docs/architecture.md), the claim marker, and distinct colours for distinct findings. */
import { describe, expect, it } from 'vitest';
import { badgeFor as badgeIn } from '../../../src/shared/verdict-view';
import { english } from '../../helpers/messages';

/** The badge as an English-speaking reader sees it. */
const badgeFor = (report: Parameters<typeof badgeIn>[0]) => badgeIn(report, english);
import type { ClaimMatch, Verdict } from '../../../src/core/types';

const claim = { text: 'x', start: 0, end: 1, score: 1, claim: { id: 'c', url: null, claimReviewed: 'x', rating: null, reviewer: null } } as ClaimMatch;

describe('badgeFor', () => {
  it('maps every verdict to its documented text', () => {
    const expected: Record<Verdict, string> = {
      'verbatim-copy': 'COPY',
      'partial-copy': 'PART',
      'paraphrased-copy': 'REW',
      'credited-excerpt': 'CRED',
      syndicated: 'SYN',
      'same-story': 'SAME',
      original: 'ORIG',
      'no-match': '',
    };
    for (const [verdict, text] of Object.entries(expected)) {
      expect(badgeFor({ verdict: verdict as Verdict, claims: [] }).text).toBe(text);
    }
  });

  it('accuses no one when which came first is unknown', () => {
    for (const verdict of ['verbatim-copy', 'partial-copy', 'paraphrased-copy'] as Verdict[]) {
      expect(badgeFor({ verdict, claims: [], directionKnown: false }).text).toBe('SHR');
      expect(badgeFor({ verdict, claims: [], directionKnown: true }).text).not.toBe('SHR');
    }
  });

  it('shows "!" for matched claims only when nothing else applies', () => {
    expect(badgeFor({ verdict: 'no-match', claims: [claim] }).text).toBe('!');
    expect(badgeFor({ verdict: 'verbatim-copy', claims: [claim] }).text).toBe('COPY');
    // A page that debunks or only mentions a claim gets no warning.
    expect(badgeFor({ verdict: 'no-match', claims: [{ ...claim, stance: 'refutes' }] }).text).toBe('');
    expect(badgeFor({ verdict: 'no-match', claims: [{ ...claim, stance: 'mentions' }] }).text).toBe('');
    expect(badgeFor({ verdict: 'no-match', claims: [{ ...claim, stance: 'refutes' }, { ...claim, stance: 'repeats' }] }).text).toBe('!');
    expect(badgeFor(null).text).toBe('');
  });

  it('uses valid colours, and copies look different from credited reuse and originals', () => {
    const colour = (v: Verdict) => badgeFor({ verdict: v, claims: [] }).color;
    for (const v of ['verbatim-copy', 'credited-excerpt', 'original', 'same-story'] as Verdict[]) expect(colour(v)).toMatch(/^#[0-9A-F]{6}$/i);
    expect(new Set([colour('verbatim-copy'), colour('credited-excerpt'), colour('original'), colour('same-story')]).size).toBe(4);
  });
});
