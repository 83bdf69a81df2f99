/**
 * The one validator per record shape (ArticleRecord, KnownClaim, PackEntry and the
 * ProvenanceSignals they share; the reader's DisputeRecord), with the trust level as a parameter
 * instead of a second schema:
 *
 * - `untrusted` (a content script's message, an import file, a feed's pack, a team-store request):
 *   every string and list capped, the record's own address http(s) only, URLs inside it that are
 *   not http(s) dropped, fields a record must have required, unknown keys dropped (articles,
 *   claims) or refused (pack entries: the published pack format refuses them, docs/pack-format.md).
 * - `own` (files this product wrote itself: the CLI database, `extract --json` output): the same
 *   fields and types, without the caps; any absolute address (the CLI files local pages under
 *   `file:`), fields that older versions did not write take their defaults, and unknown keys are
 *   kept so a newer version's fields survive a read-modify-write.
 *
 * Every other module validates these shapes through `parseRecord`; tests/unit/boundaries.test.ts
 * checks that no other file declares one.
 */
import * as v from 'valibot';
import type { PackEntry } from '../engine/pack-entry';
import type { ArticleRecord, DisputeRecord, KnownClaim, Verdict } from '../types';
import { MAX_APPEARANCES } from '../feeds/limits';
import { parseUrl } from '../feeds/web-apis';

/** Where a record comes from: from outside (`untrusted`) or from a file this product wrote (`own`). */
export type Trust = 'untrusted' | 'own';

/** The record shapes, by name, and the type each validates to. */
export interface RecordTypes {
  article: ArticleRecord;
  claim: KnownClaim;
  packEntry: PackEntry;
  dispute: DisputeRecord;
}

/** A record shape's name. */
export type RecordShape = keyof RecordTypes;

/**
 * Cap on an article's text (all paragraphs): the extraction refuses pages above 2 M characters,
 * so anything larger did not come from it; the cap keeps one message from filling the store.
 */
export const MAX_ARTICLE_CHARS = 2_000_000;
/** Longest URL in a record (browsers go further; no article address in practice does). */
export const MAX_RECORD_URL_CHARS = 4_096;
/**
 * Longest title, name, byline or date in a record: extraction keeps titles to 300 characters and
 * bylines to 100; 1000 leaves room for a long list of authors, not for a text posing as a title.
 */
export const MAX_META_CHARS = 1_000;
/** Longest language tag (RFC 5646 advises implementations to take at least 35). */
const MAX_LANG_CHARS = 35;
/** Longest credit line (extraction keeps none over 400 characters). */
const MAX_CREDIT_LINE_CHARS = 1_000;
/** Most credit lines and isBasedOn URLs kept in a record's signals. */
export const MAX_SIGNAL_ITEMS = 100;
/** Most paragraphs and body links of an article (extraction keeps 300 links). */
const MAX_ARTICLE_ITEMS = 20_000;
/** Longest link text, free-text claim field (claim text, reviewer, rating label) or claim id. */
export const MAX_FIELD_CHARS = 4_096;
/** Longest claim text (parsed claims are at most 2000 characters; imports of older exports up to this). */
export const MAX_CLAIM_TEXT_CHARS = 10_000;
/** Longest claim `source` (a feed id, "import" or "harvest"). */
const MAX_SOURCE_CHARS = 256;
/** Most sentences fingerprinted per pack entry (a long feature has ~300; more is not an article). */
const MAX_PACK_SENTENCES = 2_000;
/** Most term hashes per sentence (a 200-word sentence is already a run-on). */
const MAX_SENTENCE_TERMS = 400;
/** Most shingle hashes per pack entry. */
export const MAX_SHINGLES = 20_000;
/** Most links kept per pack entry. */
const MAX_PACK_LINKS = 500;

/** Whether `s` is an http(s) URL within the record cap. */
function isHttpUrl(s: string): boolean {
  if (s.length > MAX_RECORD_URL_CHARS) return false;
  const u = parseUrl(s);
  return u !== null && (u.protocol === 'https:' || u.protocol === 'http:');
}

/** What to do with keys outside a shape when the input is untrusted. */
type UnknownKeys = 'drop' | 'refuse';

/** The field builders of one trust level: each field of each shape is written once, below. */
function fieldsFor(trust: Trust, unknown: UnknownKeys) {
  const untrusted = trust === 'untrusted';
  const capped = (max: number) => (untrusted ? v.pipe(v.string(), v.maxLength(max)) : v.string());
  const nullableText = (max: number) => v.nullable(capped(max));
  /** A field older versions of our own files may lack: required from outside, defaulted in our files. */
  const since = <S extends v.GenericSchema, D extends v.Default<S, undefined>>(schema: S, fallback: D) =>
    untrusted ? schema : v.optional(schema, fallback);
  const list = <S extends v.GenericSchema>(item: S, max: number) =>
    untrusted ? v.pipe(v.array(item), v.maxLength(max)) : v.array(item);
  const object = <E extends v.ObjectEntries>(entries: E) =>
    !untrusted ? v.looseObject(entries) : unknown === 'refuse' ? v.strictObject(entries) : v.object(entries);
  return {
    untrusted,
    capped,
    nullableText,
    since,
    list,
    object,
    /** The record's own address: http(s) from outside; any absolute address in our own files. */
    address: untrusted
      ? v.pipe(v.string(), v.check(isHttpUrl, 'not an http(s) URL'))
      : v.pipe(v.string(), v.minLength(1)),
    /** A URL the record names (evidence to show): from outside, one that is not http(s) is dropped. */
    namedUrl: untrusted
      ? v.pipe(v.nullable(v.string()), v.transform((s) => (s !== null && isHttpUrl(s) ? s : null)))
      : v.nullable(v.string()),
    /** A list of URLs the record names: from outside, capped, and those not http(s) dropped. */
    namedUrls: (max: number) =>
      untrusted
        ? v.pipe(v.array(v.string()), v.maxLength(max), v.transform((list: string[]) => list.filter(isHttpUrl)))
        : v.array(v.string()),
  };
}

type Fields = ReturnType<typeof fieldsFor>;

/** `ProvenanceSignals` (src/core/types.ts), shared by articles and pack entries. */
function signalsSchema(f: Fields) {
  return f.object({
    canonicalUrl: f.since(f.namedUrl, null),
    isBasedOn: f.since(f.namedUrls(MAX_SIGNAL_ITEMS), []),
    creditLines: f.since(f.list(f.capped(MAX_CREDIT_LINE_CHARS), MAX_SIGNAL_ITEMS), []),
    wire: f.since(f.nullableText(MAX_META_CHARS), null),
  });
}

/**
 * The metadata an article and a pack entry both carry, by field: each shape lists them in its own
 * order (valibot writes keys in schema order, and the CLI database is compared line by line).
 */
function metadata(f: Fields) {
  return {
    url: f.address,
    title: f.since(f.capped(MAX_META_CHARS), ''),
    byline: f.since(f.nullableText(MAX_META_CHARS), null),
    siteName: f.since(f.nullableText(MAX_META_CHARS), null),
    lang: f.since(f.nullableText(MAX_LANG_CHARS), null),
    publishedTime: f.since(f.nullableText(MAX_META_CHARS), null),
    /** Set by the store that first saw it; optional in the type, so never defaulted. */
    firstSeen: v.optional(f.nullableText(MAX_META_CHARS)),
  };
}

/** `ArticleRecord` (src/core/types.ts). */
function articleSchema(trust: Trust) {
  const f = fieldsFor(trust, 'drop');
  const links = f.untrusted
    ? v.pipe(
        v.array(f.object({ href: v.string(), text: f.capped(MAX_FIELD_CHARS) })),
        v.maxLength(MAX_ARTICLE_ITEMS),
        v.transform((ls: Array<{ href: string; text: string }>) => ls.filter((l) => isHttpUrl(l.href))),
      )
    : v.array(f.object({ href: v.string(), text: v.string() }));
  const m = metadata(f);
  return f.object({
    url: m.url,
    title: m.title,
    byline: m.byline,
    siteName: m.siteName,
    lang: m.lang,
    publishedTime: m.publishedTime,
    modifiedTime: f.since(f.nullableText(MAX_META_CHARS), null),
    firstSeen: m.firstSeen,
    paragraphs: f.untrusted
      ? v.pipe(
          v.array(v.pipe(v.string(), v.maxLength(MAX_ARTICLE_CHARS))),
          v.maxLength(MAX_ARTICLE_ITEMS),
          v.check((ps) => ps.reduce((n, p) => n + p.length, 0) <= MAX_ARTICLE_CHARS, 'article text too long'),
        )
      : v.array(v.string()),
    links: f.since(links, []),
    signals: f.since(signalsSchema(f), () => ({ canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null })),
    partial: v.optional(f.nullableText(MAX_META_CHARS)),
  });
}

/** `KnownClaim` (src/core/types.ts). */
function claimSchema(trust: Trust) {
  const f = fieldsFor(trust, 'drop');
  const text = f.nullableText(MAX_FIELD_CHARS);
  return f.object({
    id: v.pipe(f.capped(MAX_FIELD_CHARS), v.minLength(1)),
    claimReviewed: f.capped(MAX_CLAIM_TEXT_CHARS),
    title: v.optional(text),
    url: v.nullable(f.untrusted ? f.address : v.string()),
    rating: f.object({
      alternateName: text,
      ratingValue: v.nullable(v.number()),
      bestRating: v.nullable(v.number()),
      worstRating: v.nullable(v.number()),
    }),
    reviewer: f.object({ name: text, url: f.namedUrl }),
    datePublished: text,
    claimAuthor: text,
    appearances: f.namedUrls(MAX_APPEARANCES),
    source: f.capped(MAX_SOURCE_CHARS),
  });
}

/** `PackEntry` (src/core/engine/pack-entry.ts, version 1). */
function packEntrySchema(trust: Trust) {
  const f = fieldsFor(trust, 'refuse');
  const u32 = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff));
  const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000));
  const m = metadata(f);
  return f.object({
    version: v.literal(1),
    url: m.url,
    title: m.title,
    siteName: m.siteName,
    publishedTime: m.publishedTime,
    byline: m.byline,
    lang: m.lang,
    firstSeen: m.firstSeen,
    signals: signalsSchema(f),
    links: f.namedUrls(MAX_PACK_LINKS),
    wordCount: count,
    sentences: f.list(
      f.object({ start: count, len: count, terms: f.list(u32, MAX_SENTENCE_TERMS), quoted: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) }),
      MAX_PACK_SENTENCES,
    ),
    shingles: f.list(u32, MAX_SHINGLES),
  });
}

// Every verdict, written as an object so that a verdict added to the type without being added
// here fails the type check (a dispute of it would otherwise be dropped as invalid).
const VERDICT_NAMES: Record<Verdict, true> = {
  original: true,
  'verbatim-copy': true,
  'partial-copy': true,
  'paraphrased-copy': true,
  'credited-excerpt': true,
  syndicated: true,
  'same-story': true,
  'no-match': true,
};
const VERDICTS = Object.keys(VERDICT_NAMES) as Verdict[];

/** Whether `s` is an ISO 8601 date-time that parses (what `Date.toISOString()` writes). */
function isIsoTime(s: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(s) && !Number.isNaN(Date.parse(s));
}

/** `DisputeRecord` (src/core/types.ts): what the reader marked as wrong on a page, and when. */
function disputeSchema(trust: Trust) {
  const f = fieldsFor(trust, 'drop');
  return f.object({
    pageUrl: f.address,
    target: v.variant('kind', [
      f.object({ kind: v.literal('verdict'), verdict: v.picklist(VERDICTS), sourceUrl: v.nullable(f.address) }),
      f.object({ kind: v.literal('claim'), claimId: v.pipe(f.capped(MAX_FIELD_CHARS), v.minLength(1)) }),
    ]),
    disputedAt: v.pipe(v.string(), v.maxLength(MAX_META_CHARS), v.check(isIsoTime, 'not an ISO date-time')),
  });
}

const BUILDERS: Record<RecordShape, (trust: Trust) => v.GenericSchema> = {
  article: articleSchema,
  claim: claimSchema,
  packEntry: packEntrySchema,
  dispute: disputeSchema,
};

// Built once per shape and trust level (schemas are plain immutable objects).
const SCHEMAS = Object.fromEntries(
  (Object.keys(BUILDERS) as RecordShape[]).map((shape) => [shape, { untrusted: BUILDERS[shape]('untrusted'), own: BUILDERS[shape]('own') }]),
) as Record<RecordShape, Record<Trust, v.GenericSchema>>;

/** What `parseRecord` gives: the record, or valibot's issues (callers word them in their own style). */
export type ParsedRecord<T> = { ok: true; value: T } | { ok: false; issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]] };

/** Validates one record of a shape at a trust level (see the module comment for what each level means). */
export function parseRecord<S extends RecordShape>(shape: S, raw: unknown, trust: Trust): ParsedRecord<RecordTypes[S]> {
  const r = v.safeParse(SCHEMAS[shape][trust], raw);
  return r.success ? { ok: true, value: r.output as RecordTypes[S] } : { ok: false, issues: r.issues };
}
