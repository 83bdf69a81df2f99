import { describe, expect, it } from 'vitest';
import { ClaimIndex } from '../../../src/core/claims';
import type { ArticleRecord, KnownClaim } from '../../../src/core/types';

const claim = (id: string, text: string): KnownClaim => ({
  id: `https://factcheck.example/${id}`, claimReviewed: text, title: null, url: `https://factcheck.example/${id}`,
  rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
  reviewer: { name: 'Fact Desk', url: null }, datePublished: '2024-01-01', claimAuthor: null, appearances: [], source: 'feed-a',
});

const article = (lang: string | null, paragraphs: string[]): Pick<ArticleRecord, 'paragraphs' | 'lang'> & { url: string } => ({
  url: 'https://news.example/a', lang, paragraphs,
});

const ES_CLAIM = claim('es-ferry', 'El alcalde Ilse Brandvold cerrará la terminal de ferris de Fenwick Street de Port Alden en marzo y cobrará 4,2 millones de dólares a los pasajeros.');
const EN_CLAIM = claim('en-ferry', 'Mayor Ilse Brandvold will close the Port Alden ferry terminal on Fenwick Street in March and charge passengers 4.2 million dollars.');
const UR_CLAIM = claim('ur-ferry', 'میئر السے برانڈوولڈ مارچ میں پورٹ ایلڈن کا فین وک اسٹریٹ فیری ٹرمینل بند کر دیں گی اور مسافروں سے 4.2 ملین ڈالر وصول کریں گی۔');

describe('claims are matched in their own language', () => {
  it('matches an English claim on an English article and a Spanish claim on a Spanish one', () => {
    const en = new ClaimIndex([EN_CLAIM, ES_CLAIM, UR_CLAIM]).matchArticle(
      article('en', ['Mayor Ilse Brandvold will close the Port Alden ferry terminal on Fenwick Street in March and charge passengers 4.2 million dollars, a post says.']),
    );
    expect(en.map((m) => m.claim.id)).toEqual([EN_CLAIM.id]);
    const es = new ClaimIndex([EN_CLAIM, ES_CLAIM, UR_CLAIM]).matchArticle(
      article(null, ['Según una publicación, el alcalde Ilse Brandvold cerrará la terminal de ferris de Fenwick Street de Port Alden en marzo y cobrará 4,2 millones de dólares a los pasajeros.']),
    );
    expect(es.map((m) => m.claim.id)).toEqual([ES_CLAIM.id]);
  });

  it('never matches a claim in another language on shared names and numbers alone', () => {
    const sentence = 'Mayor Ilse Brandvold will close the Port Alden ferry terminal on Fenwick Street in March and charge passengers 4.2 million dollars, a post says.';
    // Only other-language claims in the store: nothing to match.
    expect(new ClaimIndex([ES_CLAIM, UR_CLAIM]).matchArticle(article('en', [sentence]))).toEqual([]);
  });
});
