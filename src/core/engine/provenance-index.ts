/**
 * ProvenanceIndex: the retrieval index over known articles. Fingerprints only (texts live in the
 * store), in typed arrays: document frequencies in a hash table, and two posting channels -
 * sampled content-term shingles (verbatim reuse) and each article's most distinctive terms
 * (rewrites keep names, numbers and rare words even when every sentence is reworded).
 */
import type { ArticleRecord } from '../types';
import { printDoc, type DocPrint } from './fingerprint-article';
import { combineHashes } from '../text/fnv1a';
import { HashCounter } from './hash-counter';
import { MAX_DOCS, PostingStore, type Segment } from './posting-store';
import type { PackEntry } from './pack-entry';
import { decodeUtf16, encodeUtf16 } from '../utf16-bytes';

/** A retrieved candidate: the article's url and a retrieval score (higher is more related). */
export interface Candidate {
  url: string;
  score: number;
}

/**
 * Snapshot format tag; a snapshot with another tag is rejected (and the caller rebuilds). Changes
 * whenever terms are tokenised or hashed differently (003: invisible characters, look-alike
 * letters and digits of every script normalised before hashing).
 */
export const INDEX_SNAPSHOT_MAGIC = 'PLIDX003';

/**
 * Distinctive terms posted per article (in an index past SMALL_INDEX_DOCS). More terms raise
 * rewrite recall but grow postings linearly; 32 covers the names, numbers and rare words of a
 * 300-700 word story (WikinewsSum P@1 plateaued above ~32).
 */
const TERMS_PER_DOC = 32;
/** Query terms looked up per candidates() call (latency grows linearly with it). */
const QUERY_TERMS = 48;
/**
 * Below this many articles, document frequencies cannot tell a story's names from one article's
 * own wording (both look rare), so each article posts up to SMALL_INDEX_TERMS terms and queries use
 * as many: recall matters most in a young index, and the postings stay small.
 */
const SMALL_INDEX_DOCS = 10_000;
const SMALL_INDEX_TERMS = 128;
/**
 * A shingle posted by more than this many articles is boilerplate ("sign up for our newsletter")
 * or a widely shared quote, and is ignored for retrieval.
 */
export const SHINGLE_DF_CAP = 64;
/**
 * A sentence whose shingle more than this many articles carry is boilerplate for analysis. Higher
 * than SHINGLE_DF_CAP on purpose: a wire story legitimately runs in dozens of outlets and must
 * still be recognised when scraped, while site furniture repeats on hundreds of pages.
 */
export const BOILERPLATE_DF = 256;
/** Sentences shorter than this (in content terms) are not counted ("Read more." is harmless). */
const BOILERPLATE_MIN_TERMS = 3;
/**
 * Sentence-frequency sketch: 2 rows of 2^18 saturating 16-bit counters (1 MB). At 10^6 articles x
 * 25 sentences a bucket collects ~95 unrelated sentences on average, well under BOILERPLATE_DF.
 */
export const SKETCH_SIZE = 1 << 18;
const SKETCH_MASK = SKETCH_SIZE - 1;
/**
 * A term whose posting list is longer than this share of the index is too common to be
 * distinctive; skipping it bounds query time at 10^6 articles.
 */
const TERM_POSTINGS_CAP_SHARE = 0.02;

/** Retrieval index of articles by fingerprint; see docs/architecture.md. */
export class ProvenanceIndex {
  private urls: string[] = [];
  private urlToId = new Map<string, number>();
  private alive = new Uint8Array(1024);
  private live = 0;
  /** Documents ever counted in df (removals do not decrement df; see remove()). */
  private dfDocs = 0;
  private df = new HashCounter();
  private termPosts = new PostingStore();
  private shinglePosts = new PostingStore();
  private sketch = new Uint16Array(2 * SKETCH_SIZE);
  private acc = new Float32Array(1024);
  private hits = new Uint16Array(1024);

  /** Number of live articles. */
  get size(): number {
    return this.live;
  }

  /** Number of documents the document frequencies were counted over. */
  get docCount(): number {
    return this.dfDocs;
  }

  /** Document frequency of a content-term hash. */
  docFreq(term: number): number {
    return this.df.get(term);
  }

  /** Inverse document frequency of a content-term hash (BM25 form, never negative). */
  idf(term: number): number {
    return idfOf(this.df.get(term), this.dfDocs);
  }

  /**
   * Whether a sentence (its content-term hashes) is boilerplate: the same sentence is in more than
   * BOILERPLATE_DF indexed articles ("Sign up for our newsletter..."). Counted in a fixed-size
   * count-min sketch, so the answer can err only towards "more frequent", and only by collisions
   * that at 10^6 articles stay far below the threshold.
   */
  isBoilerplate(terms: Uint32Array): boolean {
    const cells = sketchCells(terms);
    return cells.length > 0 && Math.min(this.sketch[cells[0]], this.sketch[cells[1]]) > BOILERPLATE_DF;
  }

  /** Whether an article with this url is indexed. */
  has(url: string): boolean {
    const id = this.urlToId.get(url);
    return id !== undefined && this.alive[id] === 1;
  }

  /** Adds an article (full record or pack entry); an article with the same url is replaced. */
  add(doc: ArticleRecord | PackEntry): void {
    this.addPrint(printDoc(doc));
  }

  /** Adds an article already in working form. */
  addPrint(p: DocPrint): void {
    if (this.urlToId.has(p.url)) this.remove(p.url);
    if (this.urls.length >= MAX_DOCS) this.compactDocs();
    if (this.urls.length >= MAX_DOCS) throw new RangeError(`ProvenanceIndex holds at most ${MAX_DOCS} articles`);
    const id = this.urls.length;
    this.urls.push(p.url);
    this.urlToId.set(p.url, id);
    this.ensureCapacity(id + 1);
    this.alive[id] = 1;
    this.live++;

    const tf = termFrequencies(p);
    this.dfDocs++;
    for (const t of tf.keys()) this.df.add(t, 1);
    this.termPosts.addAll(postedTerms(tf, (t) => this.df.get(t), this.dfDocs), id);
    this.shinglePosts.addAll(p.shingles, id);
    for (const s of p.sentences)
      for (const i of sketchCells(s.terms)) if (this.sketch[i] < 0xffff) this.sketch[i]++;
  }

  /**
   * Removes an article by url. Its postings stay until the next compaction (filtered on lookup),
   * and its terms stay counted in df: df is an estimate, and keeping removed articles in it only
   * makes rare terms look slightly commoner.
   */
  remove(url: string): boolean {
    const id = this.urlToId.get(url);
    if (id === undefined) return false;
    this.urlToId.delete(url);
    if (this.alive[id]) {
      this.alive[id] = 0;
      this.live--;
    }
    // Reclaim space once dead documents dominate.
    if (this.urls.length > 1024 && this.live * 2 < this.urls.length) this.compactDocs();
    return true;
  }

  /**
   * Candidate sources for an article: the shingle channel (shared sampled shingles) plus the
   * distinctive-term channel (the query's rarest terms against each article's posted top terms).
   */
  candidates(article: ArticleRecord | PackEntry | DocPrint, opts: { k?: number; excludeUrl?: string } = {}): Candidate[] {
    const p = 'sentences' in article && 'shingles' in article && (article as DocPrint).shingles instanceof Uint32Array
      ? (article as DocPrint)
      : printDoc(article as ArticleRecord | PackEntry);
    const exclude = this.urlToId.get(opts.excludeUrl ?? p.url);
    this.termPosts.flush();
    this.shinglePosts.flush();
    return scoreCandidates(
      {
        docCount: this.dfDocs,
        docFreq: (t) => this.df.get(t),
        tableSize: this.urls.length,
        forEachTerm: (t, fn, limit) => this.termPosts.forEach(t, fn, limit),
        forEachShingle: (h, fn, limit) => this.shinglePosts.forEach(h, fn, limit),
        eligible: (d) => this.alive[d] === 1 && d !== exclude,
        urlOf: (d) => this.urls[d],
      },
      p,
      opts.k ?? 20,
      this.acc,
      this.hits,
    );
  }

  /** Approximate bytes held by the index's typed arrays and url table. */
  get bytes(): number {
    const dfArr = this.df.export();
    let urlBytes = 0;
    for (const u of this.urls) urlBytes += u.length * 2 + 40;
    return (
      this.termPosts.bytes + this.shinglePosts.bytes + dfArr.keys.byteLength * 2 + this.alive.byteLength + this.sketch.byteLength +
      this.acc.byteLength + this.hits.byteLength + urlBytes
    );
  }

  /** Serialises the index: magic, a JSON header, then the typed arrays. */
  toSnapshot(): Uint8Array {
    this.compactDocs();
    const none = new Uint32Array(0);
    const termSegs = this.termPosts.segmentsForSnapshot();
    const shingleSegs = this.shinglePosts.segmentsForSnapshot();
    const df = this.df.export();
    // An empty offsets array marks a pair segment (keys parallel to docs).
    const arrays = [df.keys, df.vals, new Uint32Array(this.sketch.buffer, this.sketch.byteOffset, this.sketch.length / 2), ...[...termSegs, ...shingleSegs].flatMap((g) => [g.keys, g.offs ?? none, g.docs])];
    const header = JSON.stringify({
      urls: this.urls,
      dfDocs: this.dfDocs,
      dfUsed: df.used,
      termSegments: termSegs.length,
      lengths: arrays.map((a) => a.length),
    });
    const headerBytes = encodeUtf16(header);
    const magic = Uint8Array.from(INDEX_SNAPSHOT_MAGIC, (ch) => ch.charCodeAt(0));
    // Layout: magic(8) | headerLen(u32) | header | pad to 4 | arrays (u32 each)
    let len = 8 + 4 + headerBytes.length;
    len = (len + 3) & ~3;
    const start = len;
    for (const a of arrays) len += a.byteLength;
    const out = new Uint8Array(len);
    out.set(magic, 0);
    new DataView(out.buffer).setUint32(8, headerBytes.length, true);
    out.set(headerBytes, 12);
    let off = start;
    for (const a of arrays) {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
      off += a.byteLength;
    }
    return out;
  }

  /** Restores an index from toSnapshot() bytes; throws when the magic does not match. */
  static fromSnapshot(bytes: Uint8Array): ProvenanceIndex {
    const magic = String.fromCharCode(...bytes.subarray(0, 8));
    if (magic !== INDEX_SNAPSHOT_MAGIC) throw new Error(`not a provenance index snapshot (magic ${JSON.stringify(magic)})`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const hLen = view.getUint32(8, true);
    const header = JSON.parse(decodeUtf16(bytes.subarray(12, 12 + hLen))) as {
      urls: string[];
      dfDocs: number;
      dfUsed: number;
      termSegments: number;
      lengths: number[];
    };
    let off = (12 + hLen + 3) & ~3;
    // Views on the snapshot's own buffer when it is 4-byte aligned (as read from the database):
    // no copy of tens of MB on a cold start. The caller hands the bytes over and does not reuse them.
    const aligned = bytes.byteOffset % 4 === 0;
    const buffer = bytes.buffer as ArrayBuffer;
    const arrays = header.lengths.map((n) => {
      const a = aligned ? new Uint32Array(buffer, bytes.byteOffset + off, n) : new Uint32Array(buffer.slice(bytes.byteOffset + off, bytes.byteOffset + off + n * 4));
      off += n * 4;
      return a;
    });
    const idx = new ProvenanceIndex();
    idx.urls = header.urls;
    idx.ensureCapacity(header.urls.length);
    header.urls.forEach((u, i) => {
      idx.urlToId.set(u, i);
      idx.alive[i] = 1;
    });
    idx.live = header.urls.length;
    idx.dfDocs = header.dfDocs;
    idx.df = HashCounter.import(arrays[0], arrays[1], header.dfUsed);
    const segs: Segment[] = [];
    idx.sketch = new Uint16Array(arrays[2].buffer, arrays[2].byteOffset, arrays[2].length * 2);
    for (let i = 3; i + 2 < arrays.length; i += 3) segs.push({ keys: arrays[i], offs: arrays[i + 1].length ? arrays[i + 1] : null, docs: arrays[i + 2] });
    idx.termPosts = PostingStore.fromSegments(segs.slice(0, header.termSegments));
    idx.shinglePosts = PostingStore.fromSegments(segs.slice(header.termSegments));
    return idx;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.alive.length) return;
    let cap = this.alive.length;
    while (cap < n) cap *= 2;
    const a = new Uint8Array(cap);
    a.set(this.alive);
    this.alive = a;
    this.acc = new Float32Array(cap);
    this.hits = new Uint16Array(cap);
  }

  /** Drops removed documents and renumbers the rest. */
  private compactDocs(): void {
    if (this.live === this.urls.length) return;
    const map = new Int32Array(this.urls.length).fill(-1);
    const urls: string[] = [];
    for (let i = 0; i < this.urls.length; i++)
      if (this.alive[i]) {
        map[i] = urls.length;
        urls.push(this.urls[i]);
      }
    this.termPosts.remap(map);
    this.shinglePosts.remap(map);
    this.urls = urls;
    this.urlToId = new Map(urls.map((u, i) => [u, i]));
    this.alive = new Uint8Array(Math.max(1024, this.alive.length));
    this.alive.fill(1, 0, urls.length);
  }
}

/** Term frequencies of a document's content terms. */
export function termFrequencies(p: DocPrint): Map<number, number> {
  const tf = new Map<number, number>();
  for (const s of p.sentences) for (let i = 0; i < s.terms.length; i++) tf.set(s.terms[i], (tf.get(s.terms[i]) ?? 0) + 1);
  return tf;
}

/** Second, independent bucket hash for the sketch. */
function mixHash(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Inverse document frequency (BM25 form, never negative) of a term in `df` of `docs` articles. */
export function idfOf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/**
 * The two sentence-sketch cells (indexes into a 2 x SKETCH_SIZE counter array) of a sentence's
 * content terms, or none for a sentence too short to count. Shared by every store that keeps the
 * sketch, so they all agree on which sentences are boilerplate.
 */
export function sketchCells(terms: Uint32Array): number[] {
  if (terms.length < BOILERPLATE_MIN_TERMS) return [];
  const h = combineHashes(terms);
  return [h & SKETCH_MASK, SKETCH_SIZE + (mixHash(h) & SKETCH_MASK)];
}

/**
 * Terms weighted (1 + log tf) x idf, highest first (ties in the map's order), the top n. In typed
 * arrays: it runs for every article indexed and every check, and a pair per term, then sorting
 * them all, was a fifth of a team-store ingest's garbage.
 */
function topTermsWeighted(tf: Map<number, number>, n: number, docFreq: (t: number) => number, docs: number): Array<[number, number]> {
  const terms = new Uint32Array(tf.size);
  const weights = new Float64Array(tf.size);
  let m = 0;
  for (const [t, f] of tf) {
    terms[m] = t;
    weights[m++] = (1 + Math.log(f)) * idfOf(docFreq(t), docs);
  }
  // The top n by insertion into a short list (an element goes after those of equal weight, so
  // ties keep the map's order): sorting every term with a comparator boxed a number per comparison.
  const best = new Int32Array(Math.min(n, m));
  let len = 0;
  for (let i = 0; i < m; i++) {
    const w = weights[i];
    if (len === best.length && !(w > weights[best[len - 1]])) continue;
    let j = len < best.length ? len++ : len - 1;
    while (j > 0 && weights[best[j - 1]] < w) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = i;
  }
  const top: Array<[number, number]> = [];
  for (let i = 0; i < len; i++) top.push([terms[best[i]], weights[best[i]]]);
  return top;
}

/**
 * The distinctive terms an article posts, given the document frequencies after counting it
 * (`docs` articles counted): its top TERMS_PER_DOC, or SMALL_INDEX_TERMS in a young index.
 */
export function postedTerms(tf: Map<number, number>, docFreq: (t: number) => number, docs: number): Uint32Array {
  const n = docs <= SMALL_INDEX_DOCS ? SMALL_INDEX_TERMS : TERMS_PER_DOC;
  return Uint32Array.from(topTermsWeighted(tf, n, docFreq, docs).map(([t]) => t));
}

/**
 * The query terms candidate retrieval looks up: the article's terms some indexed article contains,
 * the top QUERY_TERMS by weight (SMALL_INDEX_TERMS in a young index), with their weights. A store
 * that fetches postings (the team store) fetches these terms' only: `scoreCandidates` reads no other.
 */
export function queryTerms(p: DocPrint, docFreq: (t: number) => number, docs: number): Array<[number, number]> {
  const tf = termFrequencies(p);
  // Terms no indexed article contains cannot match: leave them out before picking the top ones.
  for (const t of [...tf.keys()]) if (docFreq(t) === 0) tf.delete(t);
  return topTermsWeighted(tf, docs <= SMALL_INDEX_DOCS ? SMALL_INDEX_TERMS : QUERY_TERMS, docFreq, docs);
}

/**
 * What candidate retrieval reads from an index, whichever store holds it (the in-memory
 * ProvenanceIndex, or a team store that fetched the query's postings): doc ids are dense indexes
 * into the scratch arrays, and each key's postings come in insertion order.
 */
export interface PostingSource {
  /** Articles the document frequencies were counted over. */
  docCount: number;
  docFreq(term: number): number;
  /** Doc-id table size (bounds the term-postings cap, as the in-memory index always has). */
  tableSize: number;
  forEachTerm(term: number, fn: (doc: number) => void, limit: number): boolean;
  forEachShingle(shingle: number, fn: (doc: number) => void, limit: number): boolean;
  /** Whether a doc may be returned (alive, not the article itself). */
  eligible(doc: number): boolean;
  urlOf(doc: number): string;
}

/**
 * Scores candidates for `p` over a posting source: the term share of the query's distinctive
 * terms plus the shingle containment, top k. `acc`/`hits` are zeroed scratch arrays at least as
 * long as the largest doc id + 1; they are left zeroed.
 */
export function scoreCandidates(src: PostingSource, p: DocPrint, k: number, acc: Float32Array, hits: Uint16Array): Candidate[] {
  const touched: number[] = [];
  // Term channel: score = sum of query weights of the shared distinctive terms, normalised below.
  const qTerms = queryTerms(p, (t) => src.docFreq(t), src.docCount);
  let qNorm = 0;
  for (const [, w] of qTerms) qNorm += w;
  const cap = Math.max(1000, src.tableSize * TERM_POSTINGS_CAP_SHARE);
  for (const [t, w] of qTerms) {
    src.forEachTerm(
      t,
      (d) => {
        if (acc[d] === 0 && hits[d] === 0) touched.push(d);
        acc[d] += w;
      },
      cap,
    );
  }
  // Shingle channel: count shared sampled shingles, skipping boilerplate ones.
  for (let i = 0; i < p.shingles.length; i++) {
    src.forEachShingle(
      p.shingles[i],
      (d) => {
        if (acc[d] === 0 && hits[d] === 0) touched.push(d);
        if (hits[d] < 65535) hits[d]++;
      },
      SHINGLE_DF_CAP,
    );
  }
  const qSh = Math.max(1, p.shingles.length);
  // Top-k by insertion into a short sorted list: touched can hold 10^5+ documents at 10^6 indexed,
  // and sorting them all would cost more than the lookups.
  const top: Candidate[] = [];
  for (const d of touched) {
    if (src.eligible(d)) {
      // Term share in [0,1] plus shingle containment in [0,1]: either channel alone can surface
      // a candidate; both together rank it first.
      const score = (qNorm > 0 ? acc[d] / qNorm : 0) + Math.min(1, hits[d] / qSh);
      if (top.length < k || score > top[top.length - 1].score) {
        let i = top.length < k ? top.length : k - 1;
        while (i > 0 && top[i - 1].score < score) {
          if (i < k) top[i] = top[i - 1];
          i--;
        }
        top[i] = { url: src.urlOf(d), score };
      }
    }
    acc[d] = 0;
    hits[d] = 0;
  }
  for (const c of top) c.score = Math.round(c.score * 1e4) / 1e4;
  return top;
}
