/**
 * Valibot schemas for the CLI's own input forms: the simple `{url, title, ..., text}` article form
 * and `claims search` queries. Records (articles, pack entries, claims) are validated by the one
 * validator per record shape, src/core/records/parse-record.ts.
 */
import * as v from 'valibot';

const nullableString = v.nullable(v.string());

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

/** One line of `claims search` input. */
export const SearchQuerySchema = v.object({
  id: v.union([v.string(), v.number()]),
  text: v.string(),
});
