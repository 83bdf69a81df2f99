/**
 * Extraction on saved pages: every fixture under tests/fixtures/pages is extracted on linkedom
 * (what the CLI uses), on jsdom (a browser-like DOM), and the extension's way (the content
 * script's gate and capture on jsdom, then the background's extraction of the captured HTML on
 * linkedom), and checked against its expected article:
 * metadata, first and last sentence, word count, signals, and that no comment or boilerplate text
 * leaks into the body.
 */
import { describe, expect, it } from 'vitest';
import { resolveArticleUrl } from '../../../src/core/site';
import { articleText } from '../../../src/core/types';
import { extractArticle, isArticleCandidate } from '../../../src/extract/index';
import { captureHtml } from '../../../src/extract/capture-page';
import { extractHtml } from '../../../src/extract/from-html';
import { fixtureSlugs, loadFixture, parsePage } from './fixture-pages';

const slugs = fixtureSlugs();
// Fixed clock: the fixtures' dates are in March 2026.
const NOW = new Date('2026-06-01T00:00:00Z');

describe('fixture set', () => {
  it('has at least 12 saved pages, including a non-article', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(12);
    expect(slugs.some((s) => !loadFixture(s).expected.article)).toBe(true);
  });
});

for (const way of ['linkedom', 'jsdom', 'captured'] as const) {
  const dom = way === 'captured' ? 'jsdom' : way;
  describe(way === 'captured' ? 'extraction of the capture of a jsdom page, as the extension does it' : `extraction on ${dom}`, () => {
    for (const slug of slugs) {
      const { html, expected } = loadFixture(slug);
      it(`${slug}`, () => {
        const doc = parsePage(html, dom, expected.pageUrl);
        const gate = isArticleCandidate(doc);
        if (!expected.article) {
          // A non-article is skipped by the gate (the content script never runs Readability on it).
          expect(gate.ok).toBe(false);
          expect(gate.reason).toBeTruthy();
          // And extraction called without the gate (the CLI) refuses it too.
          const forced = extractArticle(doc, { url: expected.pageUrl, now: NOW });
          expect(forced.ok).toBe(false);
          return;
        }
        expect(gate.ok).toBe(true);
        const before = doc.documentElement.outerHTML.length;
        let result;
        if (way === 'captured') {
          const cap = captureHtml(gate.snapshot!);
          if (!cap.ok) throw new Error(`capture failed: ${cap.reason}`);
          // What the background is sent: no script but JSON-LD, no style.
          expect(cap.html).not.toMatch(/<script(?![^>]*application\/ld\+json)|<style/i);
          result = extractHtml(cap.html, { url: expected.pageUrl, now: NOW, captured: true });
        } else {
          result = extractArticle(doc, { url: expected.pageUrl, now: NOW });
        }
        if (!result.ok) throw new Error(`extraction failed: ${result.reason}`);
        // The page itself is not modified (the gate and Readability ran on copies).
        expect(doc.documentElement.outerHTML.length).toBe(before);
        if (way !== 'captured') {
          // Handed the gate's copy instead of copying the page again, extraction gives the same
          // article, and leaves the copy as it was.
          const copy = gate.snapshot!.documentElement.outerHTML;
          expect(extractArticle(doc, { url: expected.pageUrl, now: NOW, snapshot: gate.snapshot })).toEqual(result);
          expect(gate.snapshot!.documentElement.outerHTML).toBe(copy);
          // Given away (`consume`, as the background's parsed capture is), a copy is extracted in
          // place instead of cloned: still the same article.
          const given = isArticleCandidate(doc).snapshot!;
          expect(extractArticle(doc, { url: expected.pageUrl, now: NOW, snapshot: given, consume: true })).toEqual(result);
        }
        // The address as the background and the CLI decide it from what the page declares.
        const a = resolveArticleUrl(result.article, { url: expected.pageUrl, declared: result.declared, trust: 'saved' });
        const text = articleText(a);

        if ('url' in expected) expect(a.url).toBe(expected.url);
        if ('title' in expected) expect(a.title).toBe(expected.title);
        if ('byline' in expected) expect(a.byline).toBe(expected.byline);
        if ('siteName' in expected) expect(a.siteName).toBe(expected.siteName);
        if ('lang' in expected) expect(a.lang).toBe(expected.lang);
        if ('publishedTime' in expected) expect(a.publishedTime).toBe(expected.publishedTime);
        if ('modifiedTime' in expected) expect(a.modifiedTime).toBe(expected.modifiedTime);
        if (expected.firstSentence) expect(a.paragraphs[0]?.startsWith(expected.firstSentence), `first paragraph: ${a.paragraphs[0]}`).toBe(true);
        if (expected.lastSentence) expect(a.paragraphs.at(-1)?.endsWith(expected.lastSentence), `last paragraph: ${a.paragraphs.at(-1)}`).toBe(true);
        if (expected.wordCount) {
          const words = text.split(/\s+/).filter(Boolean).length;
          const tol = expected.wordCountTolerance ?? 0.05;
          expect(words).toBeGreaterThanOrEqual(Math.floor(expected.wordCount * (1 - tol)));
          expect(words).toBeLessThanOrEqual(Math.ceil(expected.wordCount * (1 + tol)));
        }
        for (const s of expected.mustContain ?? []) expect(text, `must contain: ${s}`).toContain(s);
        for (const s of expected.mustNotContain ?? []) expect(text, `must not contain: ${s}`).not.toContain(s);
        // Paragraphs are plain text: no markup survives.
        for (const p of a.paragraphs) expect(p).not.toMatch(/<\/?[a-z][^>]*>/i);
        for (const l of expected.links ?? []) expect(a.links).toContainEqual(l);
        for (const l of a.links) expect(l.href).toMatch(/^https?:\/\//);

        const s = expected.signals ?? {};
        if ('canonicalUrl' in s) expect(a.signals.canonicalUrl).toBe(s.canonicalUrl);
        if ('isBasedOn' in s) expect(a.signals.isBasedOn).toEqual(s.isBasedOn);
        if ('wire' in s) expect(a.signals.wire).toBe(s.wire);
        for (const c of s.creditLines ?? []) expect(a.signals.creditLines.some((l) => l.includes(c)), `credit line with: ${c} in ${JSON.stringify(a.signals.creditLines)}`).toBe(true);
        if (s.noCreditLines) expect(a.signals.creditLines).toEqual([]);
        if (expected.claimReviews !== undefined) expect(result.claimReviews).toHaveLength(expected.claimReviews);
      });
    }
  });
}

describe('linkedom and jsdom agree', () => {
  // The CLI extracts on linkedom, the extension on the browser's DOM (jsdom stands in for it):
  // the same page must give the same record, or the index and the page would disagree.
  for (const slug of slugs) {
    const { html, expected } = loadFixture(slug);
    if (!expected.article) continue;
    it(slug, () => {
      const a = extractArticle(parsePage(html, 'linkedom', expected.pageUrl), { url: expected.pageUrl, now: NOW });
      const b = extractArticle(parsePage(html, 'jsdom', expected.pageUrl), { url: expected.pageUrl, now: NOW });
      expect(a).toEqual(b);
    });
  }
});

