/**
 * The provenance pack (`provenance-lens/pack@1`, documented in docs/pack-format.md): a newsroom's
 * original articles as metadata plus the fingerprints the engine needs, without full text.
 * The envelope is a strict valibot schema (unknown keys rejected, every string and array capped);
 * entries are validated one by one, as untrusted `PackEntry` records by the one record validator
 * (src/core/records/parse-record.ts), so one bad entry is skipped and counted.
 */
import * as v from 'valibot';
import { MAX_FEED_RECORDS, MAX_SHORT_CHARS, MAX_URL_CHARS } from './limits';

/** The pack format identifier. */
export const PACK_SCHEMA = 'provenance-lens/pack@1' as const;

const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT_CHARS));
const urlText = v.pipe(v.string(), v.maxLength(MAX_URL_CHARS));

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

