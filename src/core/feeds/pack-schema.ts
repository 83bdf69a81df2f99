/**
 * The provenance pack (`provenance-lens/pack@1`, documented in docs/pack-format.md): a newsroom's
 * original articles as metadata plus the fingerprints the engine needs, without full text.
 * Strict valibot schemas: unknown keys rejected, every string and array capped. Entries are
 * validated one by one so one bad entry is skipped and counted.
 */
import * as v from 'valibot';
import { MAX_FEED_RECORDS, MAX_SHORT_CHARS, MAX_URL_CHARS } from './limits';

/** The pack format identifier. */
export const PACK_SCHEMA = 'provenance-lens/pack@1' as const;

/** Most sentences fingerprinted per entry (a long feature has ~300; more is not an article). */
export const MAX_PACK_SENTENCES = 2_000;
/** Most term hashes per sentence (a 200-word sentence is already a run-on). */
export const MAX_SENTENCE_TERMS = 400;
/** Most shingle hashes per entry. */
export const MAX_SHINGLES = 20_000;
/** Most links and credit lines kept per entry. */
export const MAX_LINKS = 500;

const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT_CHARS));
const urlText = v.pipe(v.string(), v.maxLength(MAX_URL_CHARS));
const u32 = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff));
const nonNegInt = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000));

/** `PackSentence` of src/core/engine. */
export const packSentenceSchema = v.strictObject({
  start: nonNegInt,
  len: nonNegInt,
  terms: v.pipe(v.array(u32), v.maxLength(MAX_SENTENCE_TERMS)),
  quoted: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
});

/** `ProvenanceSignals` of src/core/types. */
export const signalsSchema = v.strictObject({
  canonicalUrl: v.nullable(urlText),
  isBasedOn: v.pipe(v.array(urlText), v.maxLength(50)),
  creditLines: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(50)),
  wire: v.nullable(shortText),
});

/** One `PackEntry` of src/core/engine (version 1). */
export const packEntrySchema = v.strictObject({
  version: v.literal(1),
  url: urlText,
  title: shortText,
  siteName: v.nullable(shortText),
  publishedTime: v.nullable(shortText),
  byline: v.nullable(shortText),
  lang: v.nullable(v.pipe(v.string(), v.maxLength(35))),
  firstSeen: v.optional(v.nullable(shortText)),
  signals: signalsSchema,
  links: v.pipe(v.array(urlText), v.maxLength(MAX_LINKS)),
  wordCount: nonNegInt,
  sentences: v.pipe(v.array(packSentenceSchema), v.maxLength(MAX_PACK_SENTENCES)),
  shingles: v.pipe(v.array(u32), v.maxLength(MAX_SHINGLES)),
});

/** The pack envelope; `entries` are validated one by one (see parsePack). */
export const packSchema = v.strictObject({
  schema: v.literal(PACK_SCHEMA),
  publisher: v.strictObject({
    name: shortText,
    url: v.optional(v.nullable(urlText)),
  }),
  /** ISO 8601 generation time: the pack's data version (an older pack never replaces a newer). */
  generated: v.pipe(v.string(), v.isoTimestamp()),
  entries: v.pipe(v.array(v.unknown()), v.maxLength(MAX_FEED_RECORDS)),
});

/** Output type of `packSchema`. */
export type PackEnvelope = v.InferOutput<typeof packSchema>;
