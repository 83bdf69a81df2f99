/**
 * One news event written in eleven languages and six scripts (pages/<lang>/): the original
 * declares its language; a scraper's copy (a new lead, then the original's first four paragraphs,
 * in the language's own digits where it has them) declares none; an independent report of the same
 * event shares names, figures and the mayor's quote but is written in its own words. Extraction
 * runs on linkedom as in the CLI; the engine decides.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index';
import { compareArticles } from '../../../src/core/engine/index';
import { articleText, isCopyVerdict, type ArticleRecord } from '../../../src/core/types';

const PAGES = join(import.meta.dirname, 'pages');
const HOSTS = { original: 'ledger', copy: 'copy', independent: 'observer' } as const;
const LANGS = readdirSync(PAGES).sort();

function load(lang: string, kind: keyof typeof HOSTS): ArticleRecord {
  const { document } = parseHTML(readFileSync(join(PAGES, lang, `${kind}.html`), 'utf8'));
  const r = extractArticle(document as unknown as Document, {
    url: `https://${HOSTS[kind]}-${lang}.example/news/ferry-terminal`,
    now: new Date('2026-03-05T00:00:00Z'),
  });
  if (!r.ok) throw new Error(`${lang}/${kind}: ${r.reason}`);
  return r.article;
}

describe('the same story in eleven languages and six scripts', () => {
  it('covers at least 10 languages', () => {
    expect(LANGS.length).toBeGreaterThanOrEqual(10);
  });

  for (const lang of LANGS) {
    it(`${lang}: the undeclared copy is detected as ${lang} and called a verbatim copy of the original, passages on its own words`, () => {
      const original = load(lang, 'original');
      const copy = load(lang, 'copy');
      expect(copy.lang).toBeNull();
      const r = compareArticles(copy, original);
      expect(r.article.lang).toBe(lang);
      expect(r.verdict).toBe('verbatim-copy');
      expect(r.directSource?.url).toBe(original.url);
      const text = articleText(copy);
      expect(r.passages.length).toBeGreaterThanOrEqual(3);
      for (const p of r.passages) expect(text.slice(p.start, p.end)).toBe(p.text);
      // Seen from the original, the copy is a derivative and the original is the original.
      expect(compareArticles(original, copy).verdict).toBe('original');
    });

    it(`${lang}: the independent report of the same event is not called a copy`, () => {
      const r = compareArticles(load(lang, 'independent'), load(lang, 'original'));
      expect(r.article.lang).toBe(lang);
      expect(isCopyVerdict(r.verdict)).toBe(false);
    });
  }

  it('never calls a translation a copy: each language checked against the original of every other', () => {
    const originals = LANGS.map((l) => load(l, 'original'));
    for (const a of originals) {
      for (const b of originals) {
        if (a === b) continue;
        const r = compareArticles(a, b);
        expect([a.lang, b.lang, isCopyVerdict(r.verdict)]).toEqual([a.lang, b.lang, false]);
      }
    }
  });
});
