import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimIndex } from '../../../src/core/claims';
import { compareArticles } from '../../../src/core/engine/index';
import { ANNOTATION_CONTEXT, reportToAnnotations, type Annotation, type TextQuoteSelector } from '../../../src/core/export/web-annotation';
import { articleText, type ArticleRecord, type KnownClaim } from '../../../src/core/types';

const ROOT = join(import.meta.dirname, '../../fixtures/clusters/ferry');
const load = (name: string): ArticleRecord => JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8'));
const NOW = new Date('2026-11-22T12:00:00Z');

/** Where a quote selector anchors in a text, as an annotation tool would find it: the one place whose
 * exact words are there with the given prefix before and suffix after. */
function anchor(text: string, sel: TextQuoteSelector): number[] {
  const hits: number[] = [];
  for (let i = text.indexOf(sel.exact); i >= 0; i = text.indexOf(sel.exact, i + 1)) {
    const before = text.slice(0, i);
    const after = text.slice(i + sel.exact.length);
    if ((!sel.prefix || before.endsWith(sel.prefix)) && (!sel.suffix || after.startsWith(sel.suffix))) hits.push(i);
  }
  return hits;
}

describe('reportToAnnotations (W3C Web Annotation)', () => {
  const original = load('original');
  const rewrite = load('rewrite');
  const report = compareArticles(rewrite, original);
  const text = articleText(rewrite);
  const page = reportToAnnotations(report, text, { now: NOW, sourceTexts: new Map([[original.url, articleText(original)]]) });

  it('is an AnnotationPage in the Web Annotation JSON-LD context with one IRI per annotation', () => {
    expect(page['@context']).toBe(ANNOTATION_CONTEXT);
    expect(page.type).toBe('AnnotationPage');
    const ids = page.items.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of page.items) {
      expect(a.type).toBe('Annotation');
      expect(a.id).toMatch(/^urn:provenance-lens:[0-9a-f]{8}:\d+$/);
      expect(a.created).toBe(NOW.toISOString());
      expect(a.body.length).toBeGreaterThan(0);
    }
    // JSON-LD must survive a round trip as plain JSON.
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
  });

  it('states the verdict on the whole page and links its source', () => {
    expect(report.verdict).toBe('paraphrased-copy');
    const verdict = page.items[0];
    expect(verdict.motivation).toBe('assessing');
    expect(verdict.target).toBe(rewrite.url);
    expect(verdict.body).toContainEqual(expect.objectContaining({ type: 'TextualBody', purpose: 'assessing', value: report.summary }));
    expect(verdict.body).toContainEqual({ type: 'SpecificResource', source: original.url, purpose: 'linking' });
  });

  it('anchors every reused passage on the page and on its source, each at exactly one place', () => {
    const linking = page.items.filter((a) => a.motivation === 'linking');
    expect(linking.length).toBe(report.passages.length);
    expect(linking.length).toBeGreaterThan(2);
    const sourceText = articleText(original);
    for (const [i, a] of linking.entries()) {
      const target = a.target as Exclude<Annotation['target'], string>;
      expect(target.source).toBe(rewrite.url);
      expect(anchor(text, target.selector)).toEqual([report.passages[i].start]);
      const link = a.body.find((b) => b.type === 'SpecificResource')!;
      expect(link).toMatchObject({ source: original.url, purpose: 'linking' });
      if (link.type !== 'SpecificResource' || !link.selector) throw new Error('source sentence not quoted');
      expect(anchor(sourceText, link.selector)).toEqual([report.passages[i].source.start]);
    }
  });

  it('marks sentences repeating a fact-checked claim with the rating, the reviewer and the review link', () => {
    const claim: KnownClaim = {
      id: 'c1', claimReviewed: report.passages[0].text, title: null, url: 'https://factcheck.example/c1',
      rating: { alternateName: 'Misleading', ratingValue: null, bestRating: null, worstRating: null },
      reviewer: { name: 'Fact Desk', url: null }, datePublished: null, claimAuthor: null, appearances: [], source: 'import',
    };
    const withClaims = { ...report, claims: new ClaimIndex([claim]).matchArticle(rewrite) };
    expect(withClaims.claims).toHaveLength(1);
    const annotated = reportToAnnotations(withClaims, text, { now: NOW });
    const assessing = annotated.items.filter((a) => a.motivation === 'assessing' && typeof a.target !== 'string');
    expect(assessing).toHaveLength(1);
    expect(assessing[0].body[0]).toMatchObject({ type: 'TextualBody', value: expect.stringContaining('rated Misleading by Fact Desk') });
    expect(assessing[0].body).toContainEqual({ type: 'SpecificResource', source: claim.url, purpose: 'linking' });
    expect(anchor(text, (assessing[0].target as { selector: TextQuoteSelector }).selector)).toEqual([withClaims.claims[0].start]);
  });

  it('leaves out passages whose offsets do not index the given text, rather than anchor them wrongly', () => {
    const other = reportToAnnotations(report, `Something else entirely. ${text}`, { now: NOW });
    expect(other.items.filter((a) => a.motivation === 'linking')).toEqual([]);
  });
});
