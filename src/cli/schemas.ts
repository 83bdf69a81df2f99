/**
 * Valibot schemas for what the CLI reads from disk: database lines, JSON Lines article records and
 * JSON article files. Stored records are loose objects (fields added to the shared types later
 * survive a read-modify-write of the DB); the fields the engine relies on are checked strictly.
 */
import * as v from 'valibot';

const nullableString = v.nullable(v.string());

/** Provenance signals as stored; missing fields default to "no signal". */
export const SignalsSchema = v.object({
  canonicalUrl: v.optional(nullableString, null),
  isBasedOn: v.optional(v.array(v.string()), []),
  creditLines: v.optional(v.array(v.string()), []),
  wire: v.optional(nullableString, null),
});

const emptySignals = () => ({ canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null });

/** A full ArticleRecord (as `extract --json` prints it and as the DB stores it). */
export const ArticleRecordSchema = v.looseObject({
  url: v.pipe(v.string(), v.minLength(1)),
  title: v.optional(v.string(), ''),
  byline: v.optional(nullableString, null),
  siteName: v.optional(nullableString, null),
  lang: v.optional(nullableString, null),
  publishedTime: v.optional(nullableString, null),
  modifiedTime: v.optional(nullableString, null),
  firstSeen: v.optional(nullableString, null),
  paragraphs: v.array(v.string()),
  links: v.optional(v.array(v.object({ href: v.string(), text: v.string() })), []),
  signals: v.optional(SignalsSchema, emptySignals),
});

/** The simple article form for JSON Lines input: `{url, title, siteName, publishedTime, text}`. */
export const TextArticleSchema = v.object({
  url: v.pipe(v.string(), v.minLength(1)),
  title: v.optional(nullableString, null),
  siteName: v.optional(nullableString, null),
  publishedTime: v.optional(nullableString, null),
  modifiedTime: v.optional(nullableString, null),
  byline: v.optional(nullableString, null),
  lang: v.optional(nullableString, null),
  text: v.string(),
});

/** A known claim as stored in the DB (the claims module produced it; checked again on read). */
export const KnownClaimSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  claimReviewed: v.string(),
  title: v.optional(nullableString),
  url: nullableString,
  rating: v.object({
    alternateName: nullableString,
    ratingValue: v.nullable(v.number()),
    bestRating: v.nullable(v.number()),
    worstRating: v.nullable(v.number()),
  }),
  reviewer: v.object({ name: nullableString, url: nullableString }),
  datePublished: nullableString,
  claimAuthor: nullableString,
  appearances: v.array(v.string()),
  source: v.string(),
});

/** One line of `claims search` input. */
export const SearchQuerySchema = v.object({
  id: v.union([v.string(), v.number()]),
  text: v.string(),
});

/** The first valibot issue as "path: message", for one-line errors. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = issue.path?.map((item) => String(item.key)).join('.');
  if (path && issue.received === 'undefined') return `missing ${path}`;
  return path ? `${path}: ${issue.message}` : issue.message;
}
