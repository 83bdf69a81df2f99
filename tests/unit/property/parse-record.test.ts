/**
 * Properties of the one record validator (src/core/records/parse-record.ts): on every record the
 * product itself writes (articles as extraction gives them and the stores keep them, pack entries
 * from fingerprintArticle, claims from parseClaimReviews and harvest) the untrusted and own-file
 * modes agree, with each other and with the record; the untrusted mode refuses hostile addresses and
 * oversized fields, drops hostile URLs a record names, and keeps nothing it does not know.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harvestClaimReviews, parseClaimReviews } from '../../../src/core/claims/index';
import { fingerprintArticle } from '../../../src/core/engine/index';
import { buildPack } from '../../../src/core/feeds/index';
import {
  MAX_ARTICLE_CHARS,
  MAX_CLAIM_TEXT_CHARS,
  MAX_META_CHARS,
  MAX_SHINGLES,
  MAX_SIGNAL_ITEMS,
  parseRecord,
  type RecordShape,
  type RecordTypes,
} from '../../../src/core/records/parse-record';
import type { ArticleRecord } from '../../../src/core/types';

/** Both modes accept one record (as JSON: what a store or a file would keep) and give it back unchanged. */
function expectBothKeep<S extends RecordShape>(shape: S, record: RecordTypes[S]): void {
  const raw = JSON.parse(JSON.stringify(record)) as unknown;
  for (const trust of ['untrusted', 'own'] as const) {
    const r = parseRecord(shape, raw, trust);
    expect(r.ok ? r.value : r.issues, trust).toEqual(raw);
  }
}

const webUrl = fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true });
/** Text as pages hold it: any Unicode, line separators, quotes, lone surrogates included. */
const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const iso = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

/** An article as extraction writes it (its own caps: title 300, byline 100, credit lines 400, 300 links). */
const extractedArticle: fc.Arbitrary<ArticleRecord> = fc.record(
  {
    url: webUrl,
    title: text(300),
    byline: fc.option(text(100)),
    siteName: fc.option(text(60)),
    lang: fc.option(fc.constantFrom('en', 'de', 'pt-BR', 'zh-Hant-TW', 'ur')),
    publishedTime: fc.option(iso),
    modifiedTime: fc.option(iso),
    partial: fc.option(fc.constantFrom('the page declares the article is for subscribers (isAccessibleForFree: false)', 'ends with "continue reading"')),
    paragraphs: fc.array(text(400), { minLength: 1, maxLength: 6 }),
    links: fc.array(fc.record({ href: webUrl, text: text(80) }), { maxLength: 5 }),
    signals: fc.record({
      canonicalUrl: fc.option(webUrl),
      isBasedOn: fc.array(webUrl, { maxLength: 3 }),
      creditLines: fc.array(text(400), { maxLength: 3 }),
      wire: fc.option(fc.constantFrom('AP', 'Reuters', 'AFP')),
    }),
  },
  { requiredKeys: ['url', 'title', 'byline', 'siteName', 'lang', 'publishedTime', 'modifiedTime', 'paragraphs', 'links', 'signals'] },
);
/** As the article store keeps it (and exports it): with the time it was first seen. */
const storedArticle = fc.tuple(extractedArticle, iso).map(([a, firstSeen]) => ({ ...a, firstSeen }));

/** Readable sentences, so fingerprints have terms and shingles. */
const prose = fc
  .array(fc.constantFrom('The harbor authority', 'closed the bridge', 'on Monday', 'after engineers found', 'corrosion in 12 cables', 'said a spokesperson', 'for repairs costing $4 million'), { minLength: 4, maxLength: 30 })
  .map((words) => `${words.join(' ')}.`);
const textArticle = fc.tuple(storedArticle, fc.array(prose, { minLength: 1, maxLength: 8 })).map(([a, paragraphs]) => ({ ...a, paragraphs }));

const review = fc.record({
  n: fc.nat(1_000_000),
  claim: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }).filter((s) => /\p{L}/u.test(s)),
  rating: fc.string({ maxLength: 40 }),
  author: fc.string({ maxLength: 60 }),
  appearances: fc.array(fc.oneof(webUrl, fc.constantFrom('javascript:alert(1)', 'https://10.0.0.1/x')), { maxLength: 4 }),
});
/** A ClaimReview as a fact-checker publishes it. */
const claimReviewOf = (r: { n: number; claim: string; rating: string; author: string; appearances: string[] }) => ({
  '@type': 'ClaimReview',
  url: `https://factcheck.example/review/${r.n}`,
  datePublished: '2024-05-02',
  claimReviewed: r.claim,
  author: { '@type': 'Organization', name: r.author, url: 'https://factcheck.example/' },
  reviewRating: { '@type': 'Rating', alternateName: r.rating, ratingValue: 1, bestRating: 5, worstRating: 1 },
  itemReviewed: { '@type': 'Claim', author: 'Someone', appearance: r.appearances },
});

describe('the untrusted and own-file modes agree on every record the product writes', () => {
  it('articles as extraction gives them and as the store keeps and exports them', () => {
    fc.assert(
      fc.property(fc.oneof(extractedArticle, storedArticle), (article) => {
        expectBothKeep('article', article);
      }),
      { numRuns: 400 },
    );
  });

  it('pack entries as fingerprintArticle and buildPack write them', () => {
    fc.assert(
      fc.property(textArticle, (article) => {
        const [entry] = buildPack([article]).entries;
        expect(entry).toEqual(fingerprintArticle(article));
        expectBothKeep('packEntry', entry);
      }),
      { numRuns: 200 },
    );
  });

  it('claims as parseClaimReviews and harvest write them', () => {
    fc.assert(
      fc.property(fc.array(review, { minLength: 1, maxLength: 4 }), (reviews) => {
        const docs = reviews.map(claimReviewOf);
        const claims = [...parseClaimReviews(docs, 'feed-1').claims, ...harvestClaimReviews(docs, 'https://factcheck.example/review/1')];
        expect(claims.length).toBeGreaterThan(0);
        for (const claim of claims) {
          expectBothKeep('claim', claim);
        }
      }),
      { numRuns: 200 },
    );
  });
});

const HOSTILE_URLS = [
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://a.example/uuid',
  'ftp://a.example/x',
  '//a.example/protocol-relative',
  '/relative/path',
  'not a url',
  '',
  `https://a.example/${'x'.repeat(5000)}`,
];
const hostileUrl = fc.constantFrom(...HOSTILE_URLS);
/** One claim as an import writes it. */
const aClaim = () => parseClaimReviews(claimReviewOf({ n: 1, claim: 'The bridge is closed', rating: 'False', author: 'Desk', appearances: [] }), 'import').claims[0];
const untrustedOk = (shape: RecordShape, raw: unknown) => parseRecord(shape, raw, 'untrusted').ok;

describe('untrusted input', () => {
  it('refuses a record whose own address is not http(s), which our own files may hold', () => {
    fc.assert(
      fc.property(storedArticle, hostileUrl, (article, url) => {
        expect(untrustedOk('article', { ...article, url })).toBe(false);
        expect(untrustedOk('claim', { ...aClaim(), url })).toBe(false);
      }),
    );
    // The CLI files local pages under their file: address; its own database reads them back.
    expect(parseRecord('article', { url: 'file:///home/me/page.html', paragraphs: ['p'] }, 'own').ok).toBe(true);
  });

  it('drops the hostile URLs a record names and keeps the rest of it', () => {
    fc.assert(
      fc.property(storedArticle, hostileUrl, webUrl, (article, bad, good) => {
        const raw = {
          ...article,
          links: [{ href: bad, text: 'x' }, { href: good, text: 'y' }],
          signals: { ...article.signals, canonicalUrl: bad, isBasedOn: [bad, good] },
        };
        const r = parseRecord('article', raw, 'untrusted');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.links).toEqual([{ href: good, text: 'y' }]);
        expect(r.value.signals.canonicalUrl).toBeNull();
        expect(r.value.signals.isBasedOn).toEqual([good]);
        expect(r.value.paragraphs).toEqual(article.paragraphs);
      }),
    );
  });

  it('refuses oversized fields and lists', () => {
    fc.assert(
      fc.property(storedArticle, fc.integer({ min: 1, max: 50 }), (article, over) => {
        expect(untrustedOk('article', article)).toBe(true);
        expect(untrustedOk('article', { ...article, title: 'x'.repeat(MAX_META_CHARS + over) })).toBe(false);
        expect(untrustedOk('article', { ...article, byline: 'x'.repeat(MAX_META_CHARS + over) })).toBe(false);
        expect(untrustedOk('article', { ...article, paragraphs: [...article.paragraphs, 'x'.repeat(MAX_ARTICLE_CHARS - over)] })).toBe(article.paragraphs.join('').length <= over);
        expect(untrustedOk('article', { ...article, signals: { ...article.signals, creditLines: new Array(MAX_SIGNAL_ITEMS + over).fill('Credit: AP') } })).toBe(false);
        // Our own files carry no caps: the same oversized record is read back.
        expect(parseRecord('article', { ...article, title: 'x'.repeat(MAX_META_CHARS + over) }, 'own').ok).toBe(true);
      }),
      { numRuns: 50 },
    );
    const claim = aClaim();
    expect(untrustedOk('claim', claim)).toBe(true);
    expect(untrustedOk('claim', { ...claim, claimReviewed: 'x'.repeat(MAX_CLAIM_TEXT_CHARS + 1) })).toBe(false);
    const entry = fingerprintArticle(fc.sample(textArticle, { numRuns: 1, seed: 1 })[0]);
    expect(untrustedOk('packEntry', entry)).toBe(true);
    expect(untrustedOk('packEntry', { ...entry, shingles: Array.from({ length: MAX_SHINGLES + 1 }, (_, i) => i) })).toBe(false);
  });

  it('keeps no key it does not know: dropped from articles and claims, refused in pack entries (the pack format)', () => {
    fc.assert(
      fc.property(storedArticle, fc.constantFrom('__proto__', 'constructor', 'script', 'onload', 'html'), (article, key) => {
        const raw = { ...article } as Record<string, unknown>;
        Object.defineProperty(raw, key, { value: { polluted: 1 }, enumerable: true });
        const r = parseRecord('article', raw, 'untrusted');
        expect(r.ok && Object.prototype.hasOwnProperty.call(r.value, key)).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const entry = JSON.parse(JSON.stringify(fingerprintArticle({ ...article, paragraphs: ['The harbor authority closed the bridge on Monday.'] }))) as Record<string, unknown>;
        Object.defineProperty(entry, key, { value: 1, enumerable: true });
        expect(untrustedOk('packEntry', entry)).toBe(false);
        // Our own files keep what a newer version wrote.
        const own = parseRecord('article', { ...article, addedLater: 1 }, 'own');
        expect(own.ok && (own.value as unknown as Record<string, unknown>).addedLater).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});
