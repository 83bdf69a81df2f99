/** The marks' legend (src/shared/mark-legend.ts): every kind told apart without colour, glyphs readable, credit decides the look. */
import { describe, expect, it } from 'vitest';
import { MARK_LOOKS, MARK_STYLES, markStyleOf } from '../../../src/shared/mark-legend';
import { buildHighlights } from '../../../src/background/build-highlights';
import type { Report } from '../../../src/core/types';
import { english } from '../../helpers/messages';

/** WCAG relative luminance of #RRGGBB. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('mark legend', () => {
  it('gives every kind its own glyph, underline pattern and colour: never colour alone', () => {
    const looks = MARK_STYLES.map((k) => MARK_LOOKS[k]);
    for (const field of ['glyph', 'line', 'color', 'label'] as const) expect(new Set(looks.map((l) => l[field])).size, field).toBe(MARK_STYLES.length);
  });

  it('draws each glyph at 4.5:1 or more on its colour', () => {
    for (const k of MARK_STYLES) expect(contrast(MARK_LOOKS[k].ink, MARK_LOOKS[k].color), k).toBeGreaterThanOrEqual(4.5);
  });

  it('a credited or syndicated reuse looks different from an uncredited copy; quotations and claims keep their own', () => {
    expect(markStyleOf('verbatim')).toBe('copy');
    expect(markStyleOf('paraphrase')).toBe('rewrite');
    expect(markStyleOf('verbatim', 'syndicated')).toBe('credited');
    expect(markStyleOf('paraphrase', 'credited')).toBe('credited');
    expect(markStyleOf('quote', 'credited')).toBe('quotation');
    expect(markStyleOf('claim')).toBe('claim');
  });

  it('buildHighlights says which reuse is credited or syndicated, from the related article', () => {
    const passage = (url: string) => ({ text: 'abc', start: 0, end: 3, kind: 'verbatim' as const, score: 1, source: { url, sentence: 'abc', start: 0, end: 3 } });
    const rel = (url: string, relation: 'syndication' | 'source' | 'credited-source', credited: boolean) => ({
      url, title: 'T', siteName: null, publishedTime: null, relation, similarity: 1, verbatimShare: 1, paraphraseShare: 0, kind: null, credited, evidence: [],
    });
    const report: Report = {
      schema: 'provenance-lens/report@1',
      article: { url: 'https://page.example/1', title: 'T', siteName: null, publishedTime: null, byline: null, lang: 'en', wordCount: 1 },
      verdict: 'verbatim-copy',
      credited: null,
      summary: '',
      origin: null,
      directSource: null,
      related: [rel('https://a.example/1', 'syndication', false), rel('https://b.example/1', 'credited-source', true), rel('https://c.example/1', 'source', false)],
      passages: [passage('https://a.example/1'), passage('https://b.example/1'), passage('https://c.example/1')],
      claims: [],
    };
    const hs = buildHighlights(report, { paragraphs: ['abc'] }, { reuse: true, claims: false }, english);
    expect(hs.map((h) => h.card.credit ?? null)).toEqual(['syndicated', 'credited', null]);
  });
});
