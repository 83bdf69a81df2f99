/**
 * The priority between claim warnings and provenance (src/shared/verdict-view.ts, urgentWarnings):
 * one rule the toolbar badge and the popup's first screen both follow.
 */
import { describe, expect, it } from 'vitest';
import { badgeFor as badgeIn, ratedFalse, urgentWarnings } from '../../../src/shared/verdict-view';
import { english } from '../../helpers/messages';

/** The badge as an English-speaking reader sees it. */
const badgeFor = (report: Parameters<typeof badgeIn>[0]) => badgeIn(report, english);
import type { ClaimMatch, ClaimStance, Verdict } from '../../../src/core/types';

function match(rating: string | null, stance: ClaimStance | undefined, start = 0): ClaimMatch {
  return {
    text: `sentence at ${start}`,
    start,
    end: start + 10,
    score: 0.8,
    ...(stance ? { stance } : {}),
    claim: { id: `c${start}`, url: 'https://facts.example/c', claimReviewed: 'x', rating, reviewer: 'facts.example' },
  };
}
const report = (verdict: Verdict, claims: ClaimMatch[], directionKnown?: boolean) => ({ verdict, claims, directionKnown });

describe('ratedFalse', () => {
  it('is true for ratings that call a claim false or misleading, wholly or mostly', () => {
    for (const r of ['False', 'Mostly false', 'Pants on Fire!', 'Misleading', 'Missing context', 'Partly false', 'Fake', 'Incorrect', 'Not true']) {
      expect(ratedFalse(r), r).toBe(true);
    }
  });
  it('is false for true, half-true, unproven and absent ratings', () => {
    for (const r of ['True', 'Mostly true', 'Half true', 'Correct', 'Unproven', 'Accurate', '', null]) expect(ratedFalse(r), String(r)).toBe(false);
  });
});

describe('urgentWarnings', () => {
  it('keeps only sentences that repeat a claim rated false or misleading, in page order', () => {
    const claims = [match('False', 'repeats', 90), match('Mostly false', undefined, 10), match('Half true', 'repeats', 50), match('False', 'refutes', 70), match('False', 'mentions', 30)];
    expect(urgentWarnings({ claims }).map((c) => c.start)).toEqual([10, 90]);
  });
  it('is empty for a page that debunks every claim it matches', () => {
    expect(urgentWarnings({ claims: [match('False', 'refutes'), match('Misleading', 'mentions', 5)] })).toEqual([]);
  });
});

describe('badge priority', () => {
  const urgent = [match('False', 'repeats')];
  it('shows "!" ahead of any verdict when a sentence repeats a claim rated false, and the tooltip names both', () => {
    for (const v of ['same-story', 'verbatim-copy', 'original', 'syndicated', 'no-match'] as Verdict[]) {
      const b = badgeFor(report(v, urgent));
      expect(b.text, v).toBe('!');
    }
    const b = badgeFor(report('same-story', [...urgent, match('Mostly false', 'repeats', 40)]));
    expect(b.title).toBe('Provenance Lens: repeats 2 claims fact-checkers rated false or misleading; provenance: Same story, own reporting');
    expect(badgeFor(report('verbatim-copy', urgent, false)).title).toContain('Shares text with another article');
  });
  it('keeps the verdict when the page debunks the claim or repeats one rated true or half true', () => {
    expect(badgeFor(report('same-story', [match('False', 'refutes')])).text).toBe('SAME');
    expect(badgeFor(report('verbatim-copy', [match('Half true', 'repeats')])).text).toBe('COPY');
    expect(badgeFor(report('same-story', [match('False', 'refutes')])).title).toBe('Provenance Lens: Same story, own reporting');
  });
  it('a page with no verdict text still gets "!" for any repeated reviewed claim', () => {
    const b = badgeFor(report('no-match', [match('Half true', 'repeats')]));
    expect(b.text).toBe('!');
    expect(b.title).toMatch(/repeats a claim fact-checkers reviewed/);
    expect(badgeFor(null)).toMatchObject({ text: '', title: 'Provenance Lens' });
  });
});
