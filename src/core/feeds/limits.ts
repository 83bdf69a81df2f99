/**
 * Caps on feed input. Feeds are untrusted data from a semi-trusted publisher, so every dimension
 * is bounded before anything is parsed or stored.
 */

/** Largest feed body read, in bytes. A 10^5-claim DataFeed with full ClaimReview metadata is about
 * 75 MiB, so 128 MiB takes the largest public feeds; parsing one peaks near 3x its size in memory,
 * which a desktop worker affords. Larger bodies are aborted mid-stream so a hostile feed cannot
 * exhaust the worker's memory. */
export const MAX_FEED_BYTES = 128 * 1024 * 1024;

/** Most records (claims or pack entries) one feed may carry; more and the whole update is
 * rejected (a feed that big is more likely an error than a newsroom's archive). */
export const MAX_FEED_RECORDS = 200_000;

/** Longest claim text kept; real ClaimReview claims are one or two sentences, 2000 chars is a
 * paragraph, anything longer is not a claim. */
export const MAX_CLAIM_CHARS = 2_000;

/** Longest title, name or rating label kept. */
export const MAX_SHORT_CHARS = 500;

/** Longest URL kept (browsers handle more, but no legitimate review URL is this long). */
export const MAX_URL_CHARS = 2_048;

/** Most appearances kept per claim (the card shows a few; the rest is noise). */
export const MAX_APPEARANCES = 50;

/** Longest free text (descriptions) accepted in fields we read but do not store. */
export const MAX_TEXT_CHARS = 20_000;
