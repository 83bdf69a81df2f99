/**
 * Anchoring on real saved pages: the article text comes from our extraction (Readability on a
 * clone), the highlights are drawn in the live DOM of the same page, which differs from that text
 * (whitespace, inline elements, block boundaries, captions, comments, scripts).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-ignore -- jsdom ships no types and @types/jsdom is not a dependency; only new JSDOM(html, {url}).window is used.
import { JSDOM } from 'jsdom';
import { extractArticle } from '../../../src/extract/index';
import { articleText } from '../../../src/core/types';
import { foldText, matchQuote, quoteSelector } from '../../../src/shared/selectors';
import { hideHighlights, showHighlights } from '../../../src/content/highlights/index';
import type { Highlight } from '../../../src/shared/messages';
import { english } from '../../helpers/messages';

const PAGES = resolve(__dirname, '../../fixtures/pages');
const slugs = existsSync(PAGES) ? readdirSync(PAGES).filter((s) => existsSync(join(PAGES, s, 'source.html'))) : [];

/** Sentence ranges of a text (simple splitter: enough to make realistic quotes). */
function sentenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[^.!?\n]+[.!?]+["”’)]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index + (m[0].length - m[0].trimStart().length);
    const e = m.index + m[0].trimEnd().length;
    if (text.slice(s, e).split(/\s+/).length >= 6) out.push([s, e]);
  }
  return out;
}

function load(slug: string): Document {
  const html = readFileSync(join(PAGES, slug, 'source.html'), 'utf8');
  const meta = JSON.parse(readFileSync(join(PAGES, slug, 'expected-article.json'), 'utf8'));
  return (new JSDOM(html, { url: meta.pageUrl ?? 'https://example.com/' }) as { window: Window }).window.document;
}

const fold = (s: string) => foldText(s).text;

describe.skipIf(!slugs.length)('anchoring extracted sentences in the live DOM of saved pages', () => {
  for (const slug of slugs) {
    it(`${slug}: sentences anchor, marks hold exactly the quote, removal restores the DOM`, () => {
      const doc = load(slug);
      const res = extractArticle(doc, { url: doc.location.href, now: new Date('2026-11-22T12:00:00Z') });
      if (!res.ok) return; // not an article (the gate's fixture): nothing to highlight
      const text = articleText(res.article);
      const ranges = sentenceRanges(text);
      expect(ranges.length).toBeGreaterThan(0);
      const highlights: Highlight[] = ranges.map(([s, e], i) => ({
        id: `h${i}`,
        kind: i % 2 ? 'paraphrase' : 'verbatim',
        selector: quoteSelector(text, s, e),
        card: { sentence: null, outlet: null, date: null, url: null, title: null, rating: null },
      }));
      const before = doc.body.outerHTML;
      const { shown, missed } = showHighlights(doc, highlights, english);
      expect(shown + missed).toBe(highlights.length);
      // Every sentence of the extracted text is on the page, so (nearly) all must anchor.
      expect(shown / highlights.length, `${missed} of ${highlights.length} missed`).toBeGreaterThanOrEqual(0.95);
      for (const h of highlights) {
        const marks = [...doc.querySelectorAll(`pl-mark[data-pl-id="${h.id}"]`)];
        if (!marks.length) continue;
        const got = fold(marks.map((m) => m.textContent).join(' '));
        expect(got.replace(/\s+/g, '')).toBe(fold(h.selector.exact).replace(/\s+/g, ''));
        // Never inside scripts, styles or comment sections the extraction dropped.
        for (const m of marks) expect(m.closest('script, style, noscript, template')).toBeNull();
      }
      hideHighlights(doc);
      expect(doc.body.outerHTML).toBe(before);
    });
  }
});

describe('matchQuote', () => {
  const sel = (text: string, exact: string, context = 32) => {
    const s = text.indexOf(exact);
    return quoteSelector(text, s, s + exact.length, context);
  };

  it('finds a quote interrupted by extra page text (a footnote marker, an inline ad)', () => {
    const article = 'Intro sentence here. The council approved the seawall after a long and heated debate on Tuesday night. Outro.';
    const live = 'Intro sentence here. The council approved the seawall [1] after a long and heated ADVERTISEMENT debate on Tuesday night. Outro.';
    const m = matchQuote(live, sel(article, 'The council approved the seawall after a long and heated debate on Tuesday night.'));
    expect(m).not.toBeNull();
    expect(live.slice(m!.start, m!.end)).toBe('The council approved the seawall [1] after a long and heated ADVERTISEMENT debate on Tuesday night.');
  });

  it('matches across typographic quotes, dashes, nbsp, soft hyphens and line breaks', () => {
    const article = `He said "it's over" - and left the room at 9 p.m. sharp.`;
    const live = `He said \u201cit\u2019s over\u201d \u2014 and left the\u00a0room at 9 p.m.\n   sh\u00adarp.`;
    const m = matchQuote(live, sel(article, article));
    expect(m).toEqual(expect.objectContaining({ start: 0, end: live.length }));
  });

  it('chooses the occurrence whose prefix and suffix match', () => {
    const article = 'Alpha one two. The same sentence repeats here. Beta three four.';
    const live = 'Teaser: The same sentence repeats here. Read more. Alpha one two. The same sentence repeats here. Beta three four.';
    const m = matchQuote(live, sel(article, 'The same sentence repeats here.'))!;
    expect(m.start).toBe(live.lastIndexOf('The same sentence repeats here.'));
  });

  it('without context, the position hint breaks the tie', () => {
    const live = 'Repeat me now please. Filler filler filler filler. Repeat me now please.';
    const second = live.lastIndexOf('Repeat');
    const m = matchQuote(live, { exact: 'Repeat me now please.', prefix: '', suffix: '', start: second, end: second + 21 })!;
    expect(m.start).toBe(second);
  });

  it('returns null for text that is not on the page', () => {
    expect(matchQuote('Nothing to see here at all.', { exact: 'A completely different sentence about the harbour wall.', prefix: '', suffix: '', start: 0, end: 10 })).toBeNull();
  });

  it('foldText maps every folded character back to the raw character it came from', () => {
    const raw = '  \u201cIt\u2019s\u00a0OVER\u201d \u2014 Straße\u00ad ÉTÉ\n\n\tsaid  \u200bthe ÖSTERREICHER.  ';
    const f = foldText(raw);
    expect(f.text).toBe(`"it's over" - straße été said the österreicher.`);
    expect(f.map.length).toBe(f.text.length + 1);
    for (let i = 0; i < f.text.length; i++) {
      const r = raw[f.map[i]];
      if (f.text[i] === ' ') expect(r).toMatch(/\s/);
      else expect(foldText(r).text).toBe(f.text[i]);
    }
    expect(f.map[f.text.length]).toBe(raw.length);
  });
});
