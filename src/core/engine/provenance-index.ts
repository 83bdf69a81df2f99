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
import { PostingTally } from './posting-tally';
import { MAX_DOCS, PostingStore, SHARD_BITS, SHARD_COUNT, shardOf, type Segment } from './posting-store';
import type { PackEntry } from './pack-entry';
import { decodeUtf16, encodeUtf16 } from '../utf16-bytes';
import { UrlTable } from './url-table';

/** A retrieved candidate: the article's url and a retrieval score (higher is more related). */
export interface Candidate {
  url: string;
  score: number;
}

/**
 * Snapshot format tag; a snapshot with another tag is rejected (and the caller rebuilds). Changes
 * whenever terms are tokenised or hashed differently (003: invisible characters, look-alike
 * letters and digits of every script normalised before hashing; 004: marks folded in English,
 * small capitals and enclosed letters read as letters, narrow spaces inside words and direction
 * overrides read as shown).
 */
export const INDEX_SNAPSHOT_MAGIC = 'PLIDX004';
/**
 * Tags of the sharded snapshot the extension keeps (exportShards): a head (articles, document
 * frequencies, the sentence sketch) and one part per shard of the postings. Change with
 * INDEX_SNAPSHOT_MAGIC.
 */
const INDEX_HEAD_MAGIC = 'PLIDH005';
const INDEX_SHARD_MAGIC = 'PLIDS004';

/** Reads parts of a sharded snapshot by shard number (the background reads them from IndexedDB). */
export type ShardLoader = (shards: number[]) => Promise<Map<number, Uint8Array>>;

/** What exportShards() gives to save: the head, and the parts of the shards that changed since the last export. */
export interface ShardedSnapshot {
  head: Uint8Array;
  shards: Map<number, Uint8Array>;
}

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
  private urls = new UrlTable();
  private alive = new Uint8Array(1024);
  private live = 0;
  /** Documents ever counted in df (removals do not decrement df; see remove()). */
  private dfDocs = 0;
  private df = new HashCounter();
  private termPosts = new PostingStore();
  private shinglePosts = new PostingStore();
  private sketch = new Uint16Array(2 * SKETCH_SIZE);
  /** Shards whose postings changed since the last exportShards() (all of them until the first). */
  private dirty = new Uint8Array(SHARD_COUNT).fill(1);
  /** Reads the shards of the snapshot this index was restored from (null: every posting is in memory). */
  private loader: ShardLoader | null = null;

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
    const id = this.urls.id(url);
    return id !== undefined && this.alive[id] === 1;
  }

  /** Adds an article (full record or pack entry); an article with the same url is replaced. */
  add(doc: ArticleRecord | PackEntry): void {
    this.addPrint(printDoc(doc));
  }

  /** Adds an article already in working form. */
  addPrint(p: DocPrint): void {
    if (this.urls.id(p.url) !== undefined) this.remove(p.url);
    if (this.urls.length >= MAX_DOCS) this.compactDocs();
    if (this.urls.length >= MAX_DOCS) throw new RangeError(`ProvenanceIndex holds at most ${MAX_DOCS} articles`);
    const id = this.urls.push(p.url);
    this.ensureCapacity(id + 1);
    this.alive[id] = 1;
    this.live++;

    const tf = termFrequencies(p);
    this.dfDocs++;
    for (const t of tf.keys()) this.df.add(t, 1);
    const posted = postedTerms(tf, (t) => this.df.get(t), this.dfDocs);
    this.termPosts.addAll(posted, id);
    this.shinglePosts.addAll(p.shingles, id);
    for (const k of posted) this.dirty[shardOf(k)] = 1;
    for (const k of p.shingles) this.dirty[shardOf(k)] = 1;
    for (const s of p.sentences)
      for (const i of sketchCells(s.terms)) if (this.sketch[i] < 0xffff) this.sketch[i]++;
  }

  /**
   * Removes an article by url. Its postings stay until the next compaction (filtered on lookup),
   * and its terms stay counted in df: df is an estimate, and keeping removed articles in it only
   * makes rare terms look slightly commoner.
   */
  remove(url: string): boolean {
    const id = this.urls.id(url);
    if (id === undefined) return false;
    this.urls.delete(id);
    if (this.alive[id]) {
      this.alive[id] = 0;
      this.live--;
    }
    // Reclaim space once dead documents dominate (a partly loaded index does it when it is saved).
    if (this.compactionDue && this.complete) this.compactDocs();
    return true;
  }

  private get compactionDue(): boolean {
    return this.urls.length > 1024 && this.live * 2 < this.urls.length;
  }

  /** Whether every posting is in memory (false for an index restored from a head until all its shards are loaded). */
  get complete(): boolean {
    return this.missing(allShards()).length === 0;
  }

  /**
   * Loads what a check of `p` reads and is not in memory yet: the shards of its query terms and
   * shingles. A no-op for an index built in memory or restored whole. candidates() throws
   * ShardNotLoadedError for a print whose shards were not prepared.
   */
  async prepare(p: DocPrint): Promise<void> {
    const keys = [...queryTerms(p, (t) => this.df.get(t), this.dfDocs).map(([t]) => t), ...p.shingles];
    await this.loadShards(this.missing(new Set(keys.map(shardOf))));
  }

  /**
   * The index as a sharded snapshot: the head, and the shards changed since the last export (every
   * shard the first time, or after a compaction renumbered the articles). Loads the changed shards
   * it does not hold first. Pass shardsUnsaved() the shards when they could not be saved.
   */
  async exportShards(): Promise<ShardedSnapshot> {
    // Awaiting lets articles be added meanwhile; the synchronous part below starts only when
    // nothing it folds is missing.
    for (;;) {
      const need = this.missing(this.compactionDue ? allShards() : dirtyShards(this.dirty));
      if (need.length === 0) break;
      await this.loadShards(need);
    }
    if (this.compactionDue) this.compactDocs();
    const ids = dirtyShards(this.dirty);
    this.dirty.fill(0);
    const terms = this.termPosts.foldShards(ids);
    const shingles = this.shinglePosts.foldShards(ids);
    const shards = new Map<number, Uint8Array>();
    for (const i of ids) shards.set(i, framed(INDEX_SHARD_MAGIC, { shard: i }, [...runArrays(terms.get(i)!), ...runArrays(shingles.get(i)!)]));
    const df = this.df.export();
    // A removed article's slot keeps its number, with an empty address.
    const urls = this.urls.pack((i) => this.alive[i] === 1);
    const { chars, offs } = urls.strings;
    const head = framed(INDEX_HEAD_MAGIC, { urlChars: chars.length, urlWide: chars instanceof Uint16Array, dfDocs: this.dfDocs, dfUsed: df.used, shardBits: SHARD_BITS }, [
      df.keys,
      df.vals,
      new Uint32Array(this.sketch.buffer, this.sketch.byteOffset, this.sketch.length / 2),
      asWords(chars),
      offs,
      urls.slots,
    ]);
    return { head, shards };
  }

  /** Marks shards of an export that could not be saved as changed again (the next export includes them). */
  shardsUnsaved(shards: Iterable<number>): void {
    for (const i of shards) this.dirty[i] = 1;
  }

  /**
   * Restores an index from exportShards()'s head: articles, document frequencies and the sentence
   * sketch at once, each shard's postings through `loader` when a check (prepare) or a save needs
   * them. Throws when the bytes are of another format.
   */
  static fromShardedHead(bytes: Uint8Array, loader: ShardLoader): ProvenanceIndex {
    const { header, arrays } = unframe<{ urlChars: number; urlWide: boolean; dfDocs: number; dfUsed: number; shardBits: number }>(bytes, INDEX_HEAD_MAGIC, 'index snapshot head');
    const charBytes = header.urlWide ? 2 : 1;
    if (header.shardBits !== SHARD_BITS || arrays.length !== 6 || !(header.urlChars * charBytes <= arrays[3].byteLength)) throw new Error('index snapshot head of another layout');
    const idx = new ProvenanceIndex();
    // The addresses stay packed in the head's bytes (UrlTable): none is decoded here.
    const [, , , words, offsets, slots] = arrays;
    const chars = header.urlWide ? new Uint16Array(words.buffer, words.byteOffset, header.urlChars) : new Uint8Array(words.buffer, words.byteOffset, header.urlChars);
    idx.urls = UrlTable.fromPacked({ strings: { chars, offs: offsets }, slots });
    idx.ensureCapacity(idx.urls.length);
    for (let i = 0; i < idx.urls.length; i++) {
      if (offsets[i + 1] === offsets[i]) continue;
      idx.alive[i] = 1;
      idx.live++;
    }
    idx.dfDocs = header.dfDocs;
    idx.df = HashCounter.import(arrays[0], arrays[1], header.dfUsed);
    idx.sketch = new Uint16Array(arrays[2].buffer, arrays[2].byteOffset, arrays[2].length * 2);
    idx.termPosts = PostingStore.sharded();
    idx.shinglePosts = PostingStore.sharded();
    idx.dirty.fill(0);
    idx.loader = loader;
    return idx;
  }

  /** Of these shards, those not in memory. */
  private missing(shards: Iterable<number>): number[] {
    const out: number[] = [];
    for (const i of shards) if (!this.termPosts.hasShard(i)) out.push(i);
    return out;
  }

  private async loadShards(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    if (!this.loader) throw new Error('index shards are missing and there is no snapshot to read them from');
    const parts = await this.loader(ids);
    for (const i of ids) {
      const bytes = parts.get(i);
      if (!bytes) throw new Error(`index snapshot shard ${i} is missing`);
      const { terms, shingles } = parseShard(bytes, i, this.urls.length);
      this.termPosts.loadShard(i, terms);
      this.shinglePosts.loadShard(i, shingles);
    }
  }

  /**
   * Candidate sources for an article: the shingle channel (shared sampled shingles) plus the
   * distinctive-term channel (the query's rarest terms against each article's posted top terms).
   */
  candidates(article: ArticleRecord | PackEntry | DocPrint, opts: { k?: number; excludeUrl?: string } = {}): Candidate[] {
    const p = 'sentences' in article && 'shingles' in article && (article as DocPrint).shingles instanceof Uint32Array
      ? (article as DocPrint)
      : printDoc(article as ArticleRecord | PackEntry);
    const exclude = this.urls.id(opts.excludeUrl ?? p.url);
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
        urlOf: (d) => this.urls.url(d),
      },
      p,
      opts.k ?? 20,
    );
  }

  /** Approximate bytes held by the index's typed arrays and url table. */
  get bytes(): number {
    const dfArr = this.df.export();
    const urlBytes = this.urls.bytes;
    return (
      this.termPosts.bytes + this.shinglePosts.bytes + dfArr.keys.byteLength * 2 + this.alive.byteLength + this.sketch.byteLength + urlBytes
    );
  }

  /** Serialises the whole index (the CLI's snapshot): magic, a JSON header, then the typed arrays. */
  toSnapshot(): Uint8Array {
    this.compactDocs();
    const termSegs = this.termPosts.segmentsForSnapshot();
    const shingleSegs = this.shinglePosts.segmentsForSnapshot();
    const df = this.df.export();
    const arrays = [df.keys, df.vals, new Uint32Array(this.sketch.buffer, this.sketch.byteOffset, this.sketch.length / 2), ...[...termSegs, ...shingleSegs].flatMap(runArrays)];
    return framed(INDEX_SNAPSHOT_MAGIC, { urls: this.urls.toArray(), dfDocs: this.dfDocs, dfUsed: df.used, termSegments: termSegs.length }, arrays);
  }

  /** Restores an index from toSnapshot() bytes; throws when the magic does not match. */
  static fromSnapshot(bytes: Uint8Array): ProvenanceIndex {
    const { header, arrays } = unframe<{ urls: string[]; dfDocs: number; dfUsed: number; termSegments: number }>(bytes, INDEX_SNAPSHOT_MAGIC, 'provenance index snapshot');
    const idx = new ProvenanceIndex();
    idx.urls = UrlTable.fromArray(header.urls);
    idx.ensureCapacity(header.urls.length);
    idx.alive.fill(1, 0, header.urls.length);
    idx.live = header.urls.length;
    idx.dfDocs = header.dfDocs;
    idx.df = HashCounter.import(arrays[0], arrays[1], header.dfUsed);
    idx.sketch = new Uint16Array(arrays[2].buffer, arrays[2].byteOffset, arrays[2].length * 2);
    const segs: Segment[] = [];
    for (let i = 3; i + 2 < arrays.length; i += 3) segs.push(runOf(arrays[i], arrays[i + 1], arrays[i + 2]));
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
  }

  /** Drops removed documents and renumbers the rest. */
  private compactDocs(): void {
    if (this.live === this.urls.length) return;
    const map = new Int32Array(this.urls.length).fill(-1);
    const urls: string[] = [];
    for (let i = 0; i < this.urls.length; i++)
      if (this.alive[i]) {
        map[i] = urls.length;
        urls.push(this.urls.url(i));
      }
    this.termPosts.remap(map);
    this.shinglePosts.remap(map);
    this.urls = UrlTable.fromArray(urls);
    this.alive = new Uint8Array(Math.max(1024, this.alive.length));
    this.alive.fill(1, 0, urls.length);
    // Every shard holds renumbered postings now.
    this.dirty.fill(1);
  }
}

function allShards(): number[] {
  return Array.from({ length: SHARD_COUNT }, (_, i) => i);
}

function dirtyShards(dirty: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < dirty.length; i++) if (dirty[i]) out.push(i);
  return out;
}

const NONE = new Uint32Array(0);

/** A run as three arrays (an empty offsets array marks a pair run: keys parallel to docs). */
function runArrays(r: Segment): Uint32Array[] {
  return [r.keys, r.offs ?? NONE, r.docs];
}

function runOf(keys: Uint32Array, offs: Uint32Array, docs: Uint32Array): Segment {
  return { keys, offs: offs.length ? offs : null, docs };
}

/** A shard's bytes read back, checked: derived data, but its doc ids index the url table and the alive flags. */
function parseShard(bytes: Uint8Array, shard: number, docs: number): { terms: Segment; shingles: Segment } {
  const { header, arrays } = unframe<{ shard: number }>(bytes, INDEX_SHARD_MAGIC, 'index snapshot shard');
  if (header.shard !== shard || arrays.length !== 6) throw new Error(`index snapshot shard ${shard} damaged`);
  const [terms, shingles] = [runOf(arrays[0], arrays[1], arrays[2]), runOf(arrays[3], arrays[4], arrays[5])];
  for (const r of [terms, shingles]) {
    const ok =
      (r.offs ? r.offs.length === r.keys.length + 1 && r.offs[0] === 0 && r.offs[r.keys.length] === r.docs.length : r.keys.length === r.docs.length) &&
      r.keys.every((k, j) => shardOf(k) === shard && (j === 0 || k >= r.keys[j - 1])) &&
      r.docs.every((d) => d < docs) &&
      (!r.offs || r.offs.every((o, j) => j === 0 || o >= r.offs![j - 1]));
    if (!ok) throw new Error(`index snapshot shard ${shard} damaged`);
  }
  return { terms, shingles };
}

/** 8- or 16-bit units as 32-bit words (the same bytes, zero-padded to a whole word), for framed(). */
function asWords(units: Uint8Array | Uint16Array): Uint32Array {
  const words = new Uint32Array(Math.ceil(units.byteLength / 4));
  new Uint8Array(words.buffer).set(new Uint8Array(units.buffer, units.byteOffset, units.byteLength));
  return words;
}

/**
 * Bytes of a snapshot part: magic(8) | header length u32 | JSON header (UTF-16) | pad to 4 |
 * Uint32 arrays, their lengths in the header.
 */
function framed(magic: string, header: object, arrays: Uint32Array[]): Uint8Array {
  const headerBytes = encodeUtf16(JSON.stringify({ ...header, lengths: arrays.map((a) => a.length) }));
  let len = (8 + 4 + headerBytes.length + 3) & ~3;
  const start = len;
  for (const a of arrays) len += a.byteLength;
  const out = new Uint8Array(len);
  for (let i = 0; i < 8; i++) out[i] = magic.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  let off = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += a.byteLength;
  }
  return out;
}

/** A framed() part read back: its header and views on its arrays. Throws on another magic or truncated bytes. */
function unframe<H>(bytes: Uint8Array, magic: string, what: string): { header: H; arrays: Uint32Array<ArrayBuffer>[] } {
  const got = String.fromCharCode(...bytes.subarray(0, 8));
  if (got !== magic) throw new Error(`not a ${what} (magic ${JSON.stringify(got)})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hLen = view.getUint32(8, true);
  if (12 + hLen > bytes.length) throw new Error(`${what} truncated`);
  const header = JSON.parse(decodeUtf16(bytes.subarray(12, 12 + hLen))) as H & { lengths: number[] };
  let off = (12 + hLen + 3) & ~3;
  // Views on the bytes' own buffer when they are 4-byte aligned (as read from the database): no
  // copy of tens of MB on a cold start. The caller hands the bytes over and does not reuse them.
  const aligned = bytes.byteOffset % 4 === 0;
  const buffer = bytes.buffer as ArrayBuffer;
  const arrays = header.lengths.map((n) => {
    if (off + n * 4 > bytes.length) throw new Error(`${what} truncated`);
    const a = aligned ? new Uint32Array(buffer, bytes.byteOffset + off, n) : new Uint32Array(buffer.slice(bytes.byteOffset + off, bytes.byteOffset + off + n * 4));
    off += n * 4;
    return a;
  });
  return { header, arrays };
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
 * ProvenanceIndex, or a team store that fetched the query's postings): doc ids are the store's own
 * (dense in memory, sparse 32-bit in the team store: scoring sorts the postings it meets, see
 * PostingTally), and each key's postings come in insertion order (id order).
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
 * terms plus the shingle containment, top k (ties: the document met first in the traversal, terms
 * by weight then shingles, each key's postings in insertion order).
 */
export function scoreCandidates(src: PostingSource, p: DocPrint, k: number): Candidate[] {
  const tally = new PostingTally();
  // Term channel: score = sum of query weights of the shared distinctive terms, normalised below.
  const qTerms = queryTerms(p, (t) => src.docFreq(t), src.docCount);
  let qNorm = 0;
  for (const [, w] of qTerms) qNorm += w;
  const cap = Math.max(1000, src.tableSize * TERM_POSTINGS_CAP_SHARE);
  for (const [t, w] of qTerms) src.forEachTerm(t, (d) => tally.term(d, w), cap);
  // Shingle channel: count shared sampled shingles, skipping boilerplate ones.
  for (let i = 0; i < p.shingles.length; i++) src.forEachShingle(p.shingles[i], (d) => tally.shingle(d), SHINGLE_DF_CAP);
  const qSh = Math.max(1, p.shingles.length);
  // Top-k by insertion into a short sorted list: at 10^6 indexed a check meets 10^5+ documents,
  // and sorting them all would cost more than the lookups.
  const top: Array<{ doc: number; score: number; first: number }> = [];
  const beats = (score: number, first: number, o: { score: number; first: number }) => score > o.score || (score === o.score && first < o.first);
  tally.forEachDoc(({ doc, termWeight, shingles, first }) => {
    if (!src.eligible(doc)) return;
    // Term share in [0,1] plus shingle containment in [0,1]: either channel alone can surface
    // a candidate; both together rank it first.
    const score = (qNorm > 0 ? termWeight / qNorm : 0) + Math.min(1, shingles / qSh);
    if (top.length === k && !beats(score, first, top[k - 1])) return;
    let i = top.length < k ? top.length : k - 1;
    while (i > 0 && beats(score, first, top[i - 1])) {
      if (i < k) top[i] = top[i - 1];
      i--;
    }
    top[i] = { doc, score, first };
  });
  return top.map((c) => ({ url: src.urlOf(c.doc), score: Math.round(c.score * 1e4) / 1e4 }));
}
