/**
 * Fingerprinting: turns an ArticleRecord into the engine's working form (per-sentence content-term
 * hashes with offsets, sampled shingles) and into the text-free PackEntry that packs and the index keep.
 */
import { articleText, type ArticleRecord, type ProvenanceSignals } from '../types';
import { contentTermsOfTokens, fnv1a32, resolveLang, splitSentences, tokenize } from '../text/index';
import { quotedRanges } from '../text/quoted-ranges';
import { combineHashes } from '../text/fnv1a';
import { PACK_ENTRY_VERSION, isPackEntry, type PackEntry } from './pack-entry';

/**
 * Shingle length in content terms. 4 content terms span about 8 words of running text: long
 * enough that two independent reports rarely share one, short enough that a lightly edited copy
 * keeps many. Stopwords are skipped, so "a"/"the" swaps do not break a shingle.
 */
const SHINGLE_TERMS = 4;
/**
 * Keep shingles whose hash % SHINGLE_SAMPLE_MOD === 0. Sampling by value (not position) keeps the
 * same shingles in both copies; 8 keeps ~12.5%: a 100-word copied passage (~47 shingles) still
 * leaves ~6 samples, while the postings stay an eighth of the full set. Lower keeps more samples
 * of short copied passages at the cost of proportionally larger postings.
 */
const SHINGLE_SAMPLE_MOD = 8;

/** One sentence in working form. */
export interface SentencePrint {
  start: number;
  end: number;
  /** Content-term hashes in order. */
  terms: Uint32Array;
  /** Offsets of each content term in the article text: [start0, end0, start1, end1, ...] (checked article only). */
  spans: Int32Array | null;
  /** Share of content terms inside quotation marks. */
  quoted: number;
  /**
   * Per content term, 1 when it is an ordinary word of the writer's own (not a name, not a number,
   * not inside quotation marks), else 0: what "reuse of wording" is measured on (checked article only).
   */
  plain?: Uint8Array | null;
}

/** An article in working form: metadata, sentences, shingles, and the text when known. */
export interface DocPrint {
  url: string;
  title: string;
  siteName: string | null;
  publishedTime: string | null;
  byline: string | null;
  lang: string | null;
  firstSeen: string | null;
  signals: ProvenanceSignals;
  links: string[];
  wordCount: number;
  sentences: SentencePrint[];
  shingles: Uint32Array;
  /** articleText(record), or null for pack entries. */
  text: string | null;
  /** Why only part of the article was read (ArticleRecord.partial), else null. */
  partial?: string | null;
}

/** Quoted-speech ranges (moved to src/core/text, where the quotation marks of every script are known). */
export { quotedRanges } from '../text/quoted-ranges';

const termHashCache = new Map<string, number>();
/** Hash of a content term (memoised: terms repeat heavily across news). */
export function termHash(term: string): number {
  let h = termHashCache.get(term);
  if (h === undefined) {
    h = fnv1a32(term);
    if (h === 0) h = 1; // 0 is the empty marker in the index's hash tables
    if (termHashCache.size > 200_000) termHashCache.clear();
    termHashCache.set(term, h);
  }
  return h;
}

/**
 * Builds the working form of an article record (full text kept). Its terms are the normalised
 * tokens of its language: the page's declared language unless the text plainly contradicts it,
 * else the detected one (resolveLang), and that language is the print's `lang`.
 */
export function printRecord(article: ArticleRecord): DocPrint {
  const text = articleText(article);
  const lang = resolveLang(article.lang, text).lang;
  const sentences: SentencePrint[] = [];
  const quotes = quotedRanges(text);
  let wordCount = 0;
  for (const s of splitSentences(text)) {
    const tokens = tokenize(s.text);
    wordCount += tokens.length;
    const terms = contentTermsOfTokens(tokens, lang);
    const hashes = new Uint32Array(terms.length);
    const spans = new Int32Array(terms.length * 2);
    let inQuote = 0;
    const plain = new Uint8Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      hashes[i] = termHash(terms[i].term);
      spans[2 * i] = s.start + terms[i].start;
      spans[2 * i + 1] = s.start + terms[i].end;
      const ts = s.start + terms[i].start;
      const quoted = quotes.some(([qa, qb]) => ts >= qa && ts < qb);
      if (quoted) inQuote++;
      plain[i] = !quoted && terms[i].kind === 'word' ? 1 : 0;
    }
    sentences.push({
      start: s.start,
      end: s.end,
      terms: hashes,
      spans,
      quoted: terms.length ? inQuote / terms.length : 0,
      plain,
    });
  }
  return {
    url: article.url,
    title: article.title,
    siteName: article.siteName,
    publishedTime: article.publishedTime,
    byline: article.byline,
    lang,
    firstSeen: article.firstSeen ?? null,
    signals: article.signals,
    links: article.links.filter(shownLink).map((l) => l.href),
    wordCount,
    sentences,
    shingles: shinglesOf(sentences),
    text,
    partial: article.partial ?? null,
  };
}

/**
 * Whether a reader can see a link of the article: its text (or its image's, see collectLinks) has
 * a letter, digit or symbol once invisible characters are dropped. An empty anchor pointing at the
 * original ("<a href=...></a>") is no credit and no evidence a reader could check.
 */
function shownLink(l: { text: string }): boolean {
  return /[\p{L}\p{N}\p{S}]/u.test((l.text ?? '').replace(/\p{Default_Ignorable_Code_Point}/gu, ''));
}

/** Builds the working form of a pack entry (no text, no term spans). */
function printPack(entry: PackEntry): DocPrint {
  return {
    url: entry.url,
    title: entry.title,
    siteName: entry.siteName,
    publishedTime: entry.publishedTime,
    byline: entry.byline,
    lang: entry.lang,
    firstSeen: entry.firstSeen ?? null,
    signals: entry.signals,
    links: entry.links ?? [],
    wordCount: entry.wordCount,
    sentences: entry.sentences.map((s) => ({
      start: s.start,
      end: s.start + s.len,
      terms: Uint32Array.from(s.terms),
      spans: null,
      quoted: s.quoted,
    })),
    shingles: Uint32Array.from(entry.shingles),
    text: null,
  };
}

/** Working form of either kind of document. */
export function printDoc(doc: ArticleRecord | PackEntry): DocPrint {
  return isPackEntry(doc) ? printPack(doc) : printRecord(doc as ArticleRecord);
}

/** Sampled content-term shingles of a document, sorted and unique. */
export function shinglesOf(sentences: SentencePrint[]): Uint32Array {
  let n = 0;
  for (const s of sentences) n += s.terms.length;
  const seq = new Uint32Array(n);
  let k = 0;
  for (const s of sentences) {
    seq.set(s.terms, k);
    k += s.terms.length;
  }
  const out: number[] = [];
  for (let i = 0; i + SHINGLE_TERMS <= seq.length; i++) {
    const h = combineHashes(seq, i, i + SHINGLE_TERMS);
    if (h % SHINGLE_SAMPLE_MOD === 0 && h !== 0) out.push(h);
  }
  const arr = Uint32Array.from(out).sort();
  // unique
  let w = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[w++] = arr[i];
  return arr.slice(0, w);
}

/** Metadata, signals and fingerprints of an article, without its full text (for packs and the index). */
export function fingerprintArticle(article: ArticleRecord): PackEntry {
  const p = printRecord(article);
  return {
    version: PACK_ENTRY_VERSION,
    url: p.url,
    title: p.title,
    siteName: p.siteName,
    publishedTime: p.publishedTime,
    byline: p.byline,
    lang: p.lang,
    firstSeen: p.firstSeen,
    signals: p.signals,
    links: p.links,
    wordCount: p.wordCount,
    sentences: p.sentences.map((s) => ({
      start: s.start,
      len: s.end - s.start,
      terms: Array.from(s.terms),
      quoted: Math.round(s.quoted * 100) / 100,
    })),
    shingles: Array.from(p.shingles),
  };
}
