/**
 * Properties of the feed and pack parsers (src/core/feeds, src/core/claims): whatever JSON or bytes
 * arrive, they never throw, never pollute prototypes, and keep only what the rules allow (public
 * https URLs, capped strings, unique ids); valid data of any content survives a round trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClaimReviews } from '../../../src/core/claims/index';
import { MAX_CLAIM_CHARS, MAX_SHORT_CHARS, buildPack, parsePack, planUpdate, safeHttpsUrl } from '../../../src/core/feeds/index';
import { article, claimReview, dataFeed, pack } from '../feeds/feed-fixtures';

/** JSON values salted with the keys and values attackers try. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('javascript:alert(1)', 'https://192.168.0.1/x', 'https://news.example/a', '<script>x</script>', '', 'ClaimReview', 'DataFeed'),
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', '@type', 'url', 'claimReviewed', 'author', 'reviewRating', 'item', 'dataFeedElement', '@graph', 'entries', 'schema'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A ClaimReview with arbitrary (valid-typed) content. */
const anyReview = fc.record({
  n: fc.nat(1_000_000),
  claim: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }).filter((s) => s.trim().length > 0 && /\p{L}|\p{N}/u.test(s)),
  rating: fc.string({ maxLength: 40 }),
  author: fc.string({ maxLength: 60 }),
});

function checkClaims(claims: ReturnType<typeof parseClaimReviews>['claims']): void {
  expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
  for (const c of claims) {
    if (c.url !== null) expect(safeHttpsUrl(c.url)).toBe(c.url);
    if (c.reviewer.url !== null) expect(safeHttpsUrl(c.reviewer.url)).toBe(c.reviewer.url);
    for (const a of c.appearances) expect(safeHttpsUrl(a)).toBe(a);
    expect(c.claimReviewed.length).toBeGreaterThan(0);
    expect(c.claimReviewed.length).toBeLessThanOrEqual(MAX_CLAIM_CHARS);
    for (const s of [c.title, c.rating.alternateName, c.reviewer.name, c.claimAuthor]) if (s) expect(s.length).toBeLessThanOrEqual(MAX_SHORT_CHARS);
  }
}

describe('parseClaimReviews', () => {
  it('never throws on any JSON, keeps only safe URLs and capped text, with unique ids', () => {
    fc.assert(
      fc.property(hostileJson, (json) => {
        const r = parseClaimReviews(json, 'prop');
        checkClaims(r.claims);
        expect(r.errors.length).toBeLessThanOrEqual(r.skipped);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every valid review of any content, wrapped in any of the published shapes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyReview, { selector: (r) => r.n, minLength: 1, maxLength: 8 }), fc.constantFrom('feed', 'array', 'graph'), (rs, shape) => {
        const records = rs.map((r) => claimReview(r.n, { claimReviewed: r.claim, author: { '@type': 'Organization', name: r.author }, reviewRating: { '@type': 'Rating', alternateName: r.rating } }));
        const json = shape === 'feed' ? dataFeed(records) : shape === 'array' ? records : { '@context': 'https://schema.org', '@graph': records };
        const parsed = parseClaimReviews(json, 'prop');
        expect(parsed.skipped).toBe(0);
        expect(parsed.claims.map((c) => c.url).sort()).toEqual(rs.map((r) => `https://factcheck.example/review/${r.n}`).sort());
        checkClaims(parsed.claims);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parsePack', () => {
  it('never throws on any JSON, and a pack it accepts holds only public https entry URLs, unique', () => {
    fc.assert(
      fc.property(hostileJson, (json) => {
        const r = parsePack(json);
        if (!r.ok) return void expect(r.error).not.toMatch(/\n/);
        const urls = r.pack.entries.map((e) => e.url);
        expect(new Set(urls).size).toBe(urls.length);
        for (const u of urls) expect(safeHttpsUrl(u)).toBe(u);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any built pack through JSON; one damaged entry is skipped, the rest kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), hostileJson, (n, which, junk) => {
        const built = pack(n);
        const back = parsePack(JSON.parse(JSON.stringify(built)));
        expect(back).toMatchObject({ ok: true, skipped: 0 });
        if (back.ok) expect(back.pack.entries.map((e) => e.url)).toEqual(built.entries.map((e) => e.url));
        const damaged = JSON.parse(JSON.stringify(built));
        damaged.entries[which % n] = junk;
        const r = parsePack(damaged);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.pack.entries.length + r.skipped).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('a pack built from articles with any text parses back', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 20, maxLength: 200 }), { minLength: 1, maxLength: 4 }), (texts) => {
        const arts = texts.map((t, i) => ({ ...article(i), paragraphs: [t] }));
        const built = buildPack(arts, { publisher: { name: 'P' }, generated: '2024-05-03T00:00:00Z' });
        expect(parsePack(JSON.parse(JSON.stringify(built)))).toMatchObject({ ok: true, skipped: 0 });
      }),
      { numRuns: 100 },
    );
  });
});

describe('planUpdate', () => {
  it('never throws on any bytes, status or content type, and never accepts an update with an unsafe URL', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 200 }), hostileJson.map((j) => new TextEncoder().encode(JSON.stringify(j) ?? ''))),
        fc.constantFrom('claimreview', 'pack') as fc.Arbitrary<'claimreview' | 'pack'>,
        fc.constantFrom(200, 204, 301, 404, 500),
        fc.constantFrom(null, 'application/json', 'text/html', 'text/plain'),
        async (body, kind, status, contentType) => {
          const plan = await planUpdate({ id: 'f', kind, publicKey: null, dataVersion: '2024-01-01' }, { type: 'response', status, contentType, body, etag: null, lastModified: null, signature: null });
          if (plan.action === 'reject') expect(plan.error).not.toMatch(/\n/);
          if (plan.action === 'replace' && plan.kind === 'claimreview') checkClaims(plan.claims);
          if (plan.action === 'replace' && plan.kind === 'pack') for (const e of plan.entries) expect(safeHttpsUrl(e.url)).toBe(e.url);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
