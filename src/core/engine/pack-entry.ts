/**
 * PackEntry: what the engine needs to know about an article without its full text (shared in
 * provenance packs, and kept in the index): metadata, signals, and per-sentence fingerprints that
 * are enough both to retrieve the article and to align another article's sentences against it.
 * Plain JSON. Changing the meaning of a field means bumping PACK_ENTRY_VERSION.
 */
import type { ProvenanceSignals } from '../types';

/** Version of the fingerprint scheme (hash function, terms, shingles); packs with another are ignored. */
export const PACK_ENTRY_VERSION = 1 as const;

/** Fingerprint of one sentence of the article. */
interface PackSentence {
  /** Character offset of the sentence in `articleText(article)`. */
  start: number;
  /** Character length of the sentence. */
  len: number;
  /**
   * FNV-1a 32-bit hashes of the sentence's content terms, in text order (stems, normalised numbers;
   * see src/core/text contentTerms). Order matters: verbatim runs are found on this sequence.
   */
  terms: number[];
  /** Share (0..1) of the sentence's content terms that sit inside quotation marks. */
  quoted: number;
}

/** An article known by fingerprint only (provenance packs, and the index's own view of an article). */
export interface PackEntry {
  version: typeof PACK_ENTRY_VERSION;
  url: string;
  title: string;
  siteName: string | null;
  publishedTime: string | null;
  byline: string | null;
  lang: string | null;
  /** When this install first saw it (set by the store), if known. */
  firstSeen?: string | null;
  signals: ProvenanceSignals;
  /** Hrefs of links in the article body (for credit and direction evidence). */
  links: string[];
  /** Number of word tokens in the article text. */
  wordCount: number;
  sentences: PackSentence[];
  /**
   * Sampled shingle hashes, sorted ascending, unique: hashes of 4 consecutive content terms
   * (about 8 words of running text), kept when hash % SHINGLE_SAMPLE_MOD === 0.
   */
  shingles: number[];
}

/** Whether a value is a PackEntry (as opposed to an ArticleRecord with text). */
export function isPackEntry(doc: unknown): doc is PackEntry {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    (doc as PackEntry).version === PACK_ENTRY_VERSION &&
    Array.isArray((doc as PackEntry).sentences) &&
    !Array.isArray((doc as { paragraphs?: unknown }).paragraphs)
  );
}
