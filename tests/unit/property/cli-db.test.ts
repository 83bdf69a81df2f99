/**
 * Properties of the CLI database format (src/cli/cli-db.ts): any database, whatever its strings
 * hold (line separators, quotes, lone surrogates), survives a write and a read unchanged; a file
 * cut at any line boundary is refused; any text at all is either read or refused with a CliError,
 * never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-io';
import { emptyDb, parseDb, serializeDb, type CliDb } from '../../../src/cli/cli-db';
import type { ArticleRecord, KnownClaim } from '../../../src/core/types';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const articleArb: fc.Arbitrary<ArticleRecord> = fc.record({
  url: fc.webUrl(),
  title: text,
  byline: fc.option(text),
  siteName: fc.option(text),
  lang: fc.option(fc.constantFrom('en', 'de', 'fr')),
  publishedTime: fc.option(fc.constant('2024-05-01T10:00:00.000Z')),
  modifiedTime: fc.constant(null),
  firstSeen: fc.constant('2024-05-02T00:00:00.000Z'),
  paragraphs: fc.array(text, { minLength: 1, maxLength: 3 }),
  links: fc.array(fc.record({ href: fc.webUrl(), text }), { maxLength: 2 }),
  signals: fc.record({ canonicalUrl: fc.constant(null), isBasedOn: fc.constant([]), creditLines: fc.array(text, { maxLength: 2 }), wire: fc.option(text) }),
});
const claimArb: fc.Arbitrary<KnownClaim> = fc.record({
  id: fc.webUrl(),
  claimReviewed: text.filter((s) => s.length > 0),
  title: fc.option(text),
  url: fc.option(fc.webUrl()),
  rating: fc.record({ alternateName: fc.option(text), ratingValue: fc.option(fc.integer()), bestRating: fc.option(fc.integer()), worstRating: fc.option(fc.integer()) }),
  reviewer: fc.record({ name: fc.option(text), url: fc.option(fc.webUrl()) }),
  datePublished: fc.option(fc.constant('2024-05-01')),
  claimAuthor: fc.option(text),
  appearances: fc.array(fc.webUrl(), { maxLength: 2 }),
  source: fc.constantFrom('import', 'harvest'),
});
const dbArb: fc.Arbitrary<CliDb> = fc.record({ articles: fc.array(articleArb, { maxLength: 4 }), claims: fc.array(claimArb, { maxLength: 4 }) }).map(({ articles, claims }) => {
  const db = emptyDb();
  for (const a of articles) db.articles.set(a.url, a);
  for (const c of claims) db.claims.set(c.id, c);
  return db;
});

/** Lone surrogates do not survive UTF-8 on disk; compare as the file would hold them. */
const asOnDisk = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

describe('CLI database', () => {
  it('write then read gives back the same database', () => {
    fc.assert(
      fc.property(dbArb, (db) => {
        const written = asOnDisk(serializeDb(db));
        const back = parseDb(written, 'x.db');
        expect(serializeDb(back)).toBe(written);
        expect([...back.articles.keys()]).toEqual([...db.articles.keys()]);
        expect([...back.claims.keys()]).toEqual([...db.claims.keys()]);
      }),
      { numRuns: 300 },
    );
  });

  it('a file cut at any line boundary is refused as damaged', () => {
    fc.assert(
      fc.property(dbArb.filter((db) => db.articles.size + db.claims.size > 0), fc.nat(), (db, at) => {
        const lines = serializeDb(db).split('\n').filter(Boolean);
        const keep = 1 + (at % (lines.length - 1));
        expect(() => parseDb(lines.slice(0, keep).join('\n') + '\n', 'x.db')).toThrow(/is damaged: its header promises/);
      }),
      { numRuns: 300 },
    );
  });

  it('any text is read or refused with a one-line CliError, never a crash', () => {
    const lines = fc.array(fc.oneof(fc.constant('{"magic":"provenance-lens/db@1"}'), fc.constant('{"magic":"provenance-lens/db@1","records":1}'), fc.json({ maxDepth: 3 }), fc.string({ maxLength: 30 }), fc.constant('{"type":"claim","__proto__":{"x":1}}'), fc.constant('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[')), { maxLength: 5 });
    fc.assert(
      fc.property(lines, (ls) => {
        try {
          parseDb(ls.join('\n'), 'x.db');
        } catch (error) {
          expect(error).toBeInstanceOf(CliError);
          expect((error as Error).message).not.toMatch(/\n/);
        }
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
