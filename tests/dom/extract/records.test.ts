/**
 * What extraction writes is a valid record at both trust levels: every fixture page's article, as
 * the content script sends it (untrusted, to the background) and as the CLI files it (own), passes
 * the one record validator unchanged, so neither side loses a field the other keeps.
 */
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../src/core/records/parse-record';
import { extractArticle } from '../../../src/extract/index';
import { fixtureSlugs, loadFixture, parsePage } from './fixture-pages';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('extracted articles as records', () => {
  const articles = fixtureSlugs().flatMap((slug) => {
    const { html, expected } = loadFixture(slug);
    const r = extractArticle(parsePage(html, 'linkedom', expected.pageUrl), { url: expected.pageUrl, now: NOW });
    return r.ok ? [{ slug, article: r.article }] : [];
  });

  it('covers the fixture articles, a partial (subscriber) one among them', () => {
    expect(articles.length).toBeGreaterThanOrEqual(10);
    expect(articles.some(({ article }) => article.partial)).toBe(true);
  });

  for (const mode of ['untrusted', 'own'] as const) {
    it(`every one passes as ${mode} input, unchanged`, () => {
      for (const { slug, article } of articles) {
        const sent = JSON.parse(JSON.stringify(article)) as unknown;
        const r = parseRecord('article', sent, mode);
        expect(r.ok ? r.value : r.issues, slug).toEqual(sent);
      }
    });
  }
});
