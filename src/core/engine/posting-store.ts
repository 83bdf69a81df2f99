/**
 * Postings (key -> doc ids) in sorted typed arrays: a log-structured set of sorted segments plus a
 * small pending buffer. Adds are amortised O(log n) (linear merges of sorted runs); a lookup is one
 * binary search per segment. A JS Map of arrays took 1.78 GB for 10^5 documents; this holds 10^6
 * documents x ~75 postings in well under 1 GB.
 */

/** Doc ids must fit in 21 bits so (key, doc) pairs pack exactly into one float64 for sorting. */
export const MAX_DOCS = 1 << 21;
const DOC_FACTOR = MAX_DOCS;
/**
 * Pending postings before they are sorted into a segment. Larger buffers mean fewer merges but a
 * longer linear scan on lookup (lookups flush first, so this only bounds the sort size).
 */
const PENDING_LIMIT = 8192;
/**
 * Segments stop merging at this many postings. Bounds the transient memory of a merge (about 2x
 * this x 8 bytes) at the cost of a few more binary searches per lookup at 10^6 documents.
 */
const MAX_SEGMENT_POSTINGS = 1 << 23;

/**
 * Shards of a sharded snapshot (the extension's): keys split by their top SHARD_BITS bits, so a
 * shard is one contiguous key range and the shards in order are the whole sorted key space. A
 * check reads only the shards of its own keys (about 90 of 4096 for a news article).
 */
export const SHARD_BITS = 12;
export const SHARD_COUNT = 1 << SHARD_BITS;

/** The shard a key belongs to. */
export function shardOf(key: number): number {
  return key >>> (32 - SHARD_BITS);
}

/** Thrown by a lookup in a shard that is not loaded yet (the caller must load it first: ProvenanceIndex.prepare). */
export class ShardNotLoadedError extends Error {
  constructor(readonly shard: number) {
    super(`index shard ${shard} is not loaded`);
  }
}

/**
 * A sorted run of postings. With `offs` it is CSR (unique keys, offsets into docs), which pays
 * when keys repeat (distinctive terms); without, `keys` is parallel to `docs` (sorted pairs), which
 * pays when nearly every key is unique (shingles): 8 bytes per posting instead of 12.
 */
export interface Segment {
  keys: Uint32Array;
  offs: Uint32Array | null;
  docs: Uint32Array;
}

/** A multimap from 32-bit keys to doc ids, append-only (deletions are filtered by the caller). */
export class PostingStore {
  /**
   * Postings restored from (or folded into) shards: one sorted run per shard, null while a shard
   * is not loaded. Null when the store is not sharded (built in memory, or a whole snapshot).
   * Older than every live segment, so lookups read it first (insertion order holds).
   */
  private base: (Segment | null)[] | null = null;
  /** Shards refolded into buffers of their own since the base was last packed into one (packRuns). */
  private refolded = 0;
  /** Live segments: postings added since the store was built, restored or last folded. */
  private segments: Segment[] = [];
  private pendingKeys = new Uint32Array(PENDING_LIMIT);
  private pendingDocs = new Uint32Array(PENDING_LIMIT);
  private pendingLen = 0;

  /** Total postings held (including those of removed docs). */
  get length(): number {
    let n = this.pendingLen;
    for (const s of this.allSegments()) n += s.docs.length;
    return n;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    let n = this.pendingKeys.byteLength * 2;
    for (const s of this.allSegments()) n += s.keys.byteLength + (s.offs?.byteLength ?? 0) + s.docs.byteLength;
    return n;
  }

  /** Adds postings (key, doc) for each key. */
  addAll(keys: ArrayLike<number>, doc: number): void {
    for (let i = 0; i < keys.length; i++) {
      if (this.pendingLen === PENDING_LIMIT) this.flush();
      this.pendingKeys[this.pendingLen] = keys[i];
      this.pendingDocs[this.pendingLen++] = doc;
    }
  }

  /** Number of postings for a key (an upper bound on its document frequency in this store). */
  count(key: number): number {
    let n = 0;
    const b = this.baseOf(key);
    if (b) {
      const [from, to] = range(b, key);
      n += to - from;
    }
    for (const s of this.segments) {
      const [from, to] = range(s, key);
      n += to - from;
    }
    for (let i = 0; i < this.pendingLen; i++) if (this.pendingKeys[i] === key) n++;
    return n;
  }

  /** Calls fn(doc) for every posting of key; does nothing and returns false when there are more than `limit`. */
  forEach(key: number, fn: (doc: number) => void, limit = Infinity): boolean {
    if (limit !== Infinity && this.count(key) > limit) return false;
    const b = this.baseOf(key);
    if (b) {
      const [from, to] = range(b, key);
      for (let j = from; j < to; j++) fn(b.docs[j]);
    }
    for (const s of this.segments) {
      const [from, to] = range(s, key);
      for (let j = from; j < to; j++) fn(s.docs[j]);
    }
    for (let i = 0; i < this.pendingLen; i++) if (this.pendingKeys[i] === key) fn(this.pendingDocs[i]);
    return true;
  }

  /** Sorts pending postings into a segment (lookups then need no linear scan). */
  flush(): void {
    if (this.pendingLen === 0) return;
    const packed = new Float64Array(this.pendingLen);
    for (let i = 0; i < this.pendingLen; i++) packed[i] = this.pendingKeys[i] * DOC_FACTOR + this.pendingDocs[i];
    this.pendingLen = 0;
    this.segments.push(runOfPacked(packed));
    // Keep segment sizes geometric (each at least twice the next), so there are O(log n) of them.
    while (this.segments.length > 1) {
      const n = this.segments.length;
      const a = this.segments[n - 2].docs.length;
      const b = this.segments[n - 1].docs.length;
      if (a > 2 * b || a + b > MAX_SEGMENT_POSTINGS) break;
      this.mergeLast();
    }
  }

  /** The segments, after flushing (for whole snapshots; a sharded store's shards, all loaded, come first as one run). */
  segmentsForSnapshot(): Segment[] {
    this.flush();
    if (!this.base) return this.segments;
    return [sortedRun(this.base.map((b, i) => b ?? missingShard(i))), ...this.segments];
  }

  /** A store restored from a sharded snapshot: every shard unloaded until loadShard(). */
  static sharded(): PostingStore {
    const p = new PostingStore();
    p.base = new Array<Segment | null>(SHARD_COUNT).fill(null);
    return p;
  }

  /** Whether lookups of keys in this shard can be answered (always, for a store that is not sharded). */
  hasShard(shard: number): boolean {
    return !this.base || this.base[shard] !== null;
  }

  /** Takes a shard's postings as read from a snapshot; a shard already loaded is kept (it may hold folded postings). */
  loadShard(shard: number, run: Segment): void {
    if (this.base && this.base[shard] === null) this.base[shard] = run;
  }

  /**
   * Folds the live postings into the shards and returns the named shards' runs (for saving them).
   * Every shard that holds live postings must be named and loaded (the index tracks which are
   * dirty); a store not sharded yet becomes sharded, every shard loaded.
   */
  foldShards(shards: Iterable<number>): Map<number, Segment> {
    this.flush();
    const base = this.base ?? new Array<Segment | null>(SHARD_COUNT).fill(EMPTY_RUN);
    const out = new Map<number, Segment>();
    let folded = 0;
    for (const i of shards) {
      const old = base[i] ?? missingShard(i);
      const lo = i * (2 ** (32 - SHARD_BITS));
      const hi = lo + 2 ** (32 - SHARD_BITS);
      const live = this.segments.map((s) => sliceKeys(s, lo, hi)).filter((s) => s.docs.length > 0);
      for (const s of live) folded += s.docs.length;
      const run = live.length === 0 ? old : sortedRun([old, ...live]);
      base[i] = run;
      out.set(i, run);
    }
    let held = 0;
    for (const s of this.segments) held += s.docs.length;
    // Dropping live postings of a shard not named would lose them silently.
    if (folded !== held) throw new Error(`${held - folded} postings are in shards not folded`);
    // One buffer per array kind with the shards as views on it, rather than three small buffers
    // per shard left among the garbage of the folds (in Firefox that cost the extension ~100 MB at
    // 10^5 articles): when every shard was just made (a first export, a compaction), and again
    // once a quarter of them were refolded one by one, if all are in memory.
    this.refolded += out.size;
    if (this.refolded >= SHARD_COUNT / 4 && base.every((b) => b !== null)) {
      this.base = packRuns(base as Segment[]);
      this.refolded = 0;
      for (const i of out.keys()) out.set(i, this.base[i]!);
    } else this.base = base;
    this.segments = [];
    return out;
  }

  /** Rebuilds a store from segments (snapshots). */
  static fromSegments(segments: Segment[]): PostingStore {
    const p = new PostingStore();
    p.segments = segments.filter((s) => s.docs.length > 0);
    return p;
  }

  /** Remaps doc ids in place (after compaction of the doc table); postings mapped to -1 are dropped. */
  remap(map: Int32Array): void {
    this.flush();
    if (this.base) this.base = this.base.map((b, i) => remapRun(b ?? missingShard(i), map));
    this.segments = this.segments.map((s) => remapRun(s, map)).filter((s) => s.docs.length > 0);
  }

  private allSegments(): Segment[] {
    return this.base ? [...(this.base.filter((b) => b !== null) as Segment[]), ...this.segments] : this.segments;
  }

  /** The key's shard run (null when the store is not sharded); throws when it is not loaded. */
  private baseOf(key: number): Segment | null {
    if (!this.base) return null;
    const b = this.base[shardOf(key)];
    if (b === null) throw new ShardNotLoadedError(shardOf(key));
    return b;
  }

  private mergeLast(): void {
    const b = this.segments.pop()!;
    const a = this.segments.pop()!;
    // Linear merge of two sorted runs into pairs, then compress.
    const n = a.docs.length + b.docs.length;
    const keys = new Uint32Array(n);
    const docs = new Uint32Array(n);
    const ia = cursor(a);
    const ib = cursor(b);
    for (let k = 0; k < n; k++) {
      const takeA = ia.ok() && (!ib.ok() || ia.key() <= ib.key());
      const c = takeA ? ia : ib;
      keys[k] = c.key();
      docs[k] = c.doc();
      c.next();
    }
    this.segments.push(compress(keys, docs));
  }
}

const EMPTY_RUN: Segment = { keys: new Uint32Array(0), offs: null, docs: new Uint32Array(0) };

function missingShard(shard: number): never {
  throw new ShardNotLoadedError(shard);
}

/** A run with its doc ids remapped (keys stay sorted, so it is filtered on its own); postings mapped to -1 dropped. */
function remapRun(s: Segment, map: Int32Array): Segment {
  const keys: number[] = [];
  const docs: number[] = [];
  forEachPair(s, (k, d0) => {
    const d = map[d0];
    if (d >= 0) {
      keys.push(k);
      docs.push(d);
    }
  });
  return compress(Uint32Array.from(keys), Uint32Array.from(docs));
}

/** The postings of a run whose keys are in [lo, hi), as a pair run. */
function sliceKeys(s: Segment, lo: number, hi: number): Segment {
  const keys: number[] = [];
  const docs: number[] = [];
  if (s.offs) {
    for (let i = lowerBound(s.keys, lo); i < s.keys.length && s.keys[i] < hi; i++)
      for (let j = s.offs[i]; j < s.offs[i + 1]; j++) {
        keys.push(s.keys[i]);
        docs.push(s.docs[j]);
      }
  } else
    for (let j = lowerBound(s.keys, lo); j < s.keys.length && s.keys[j] < hi; j++) {
      keys.push(s.keys[j]);
      docs.push(s.docs[j]);
    }
  return { keys: Uint32Array.from(keys), offs: null, docs: Uint32Array.from(docs) };
}

/** Sorted runs merged into one (sorted by key, then doc id: the order postings were added in). */
function sortedRun(parts: Segment[]): Segment {
  let n = 0;
  for (const s of parts) n += s.docs.length;
  const packed = new Float64Array(n);
  let m = 0;
  for (const s of parts) forEachPair(s, (k, d) => (packed[m++] = k * DOC_FACTOR + d));
  return runOfPacked(packed);
}

/** A run of (key, doc) pairs packed as key * DOC_FACTOR + doc, sorted here (in place). */
function runOfPacked(packed: Float64Array): Segment {
  packed.sort();
  const keys = new Uint32Array(packed.length);
  const docs = new Uint32Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const k = Math.floor(packed[i] / DOC_FACTOR);
    keys[i] = k;
    docs[i] = packed[i] - k * DOC_FACTOR;
  }
  return compress(keys, docs);
}

/** The runs copied into one buffer per array kind (keys, offsets, docs), each run a set of views on them. */
function packRuns(runs: Segment[]): Segment[] {
  const total = { keys: 0, offs: 0, docs: 0 };
  for (const r of runs) {
    total.keys += r.keys.length;
    total.offs += r.offs?.length ?? 0;
    total.docs += r.docs.length;
  }
  const keys = new Uint32Array(total.keys);
  const offs = new Uint32Array(total.offs);
  const docs = new Uint32Array(total.docs);
  const at = { keys: 0, offs: 0, docs: 0 };
  const place = (into: Uint32Array, from: Uint32Array, kind: keyof typeof at) => {
    const view = into.subarray(at[kind], at[kind] + from.length);
    view.set(from);
    at[kind] += from.length;
    return view;
  };
  return runs.map((r) => ({ keys: place(keys, r.keys, 'keys'), offs: r.offs ? place(offs, r.offs, 'offs') : null, docs: place(docs, r.docs, 'docs') }));
}

/** Sequential reader over a segment's (key, doc) pairs in order. */
function cursor(s: Segment) {
  let j = 0;
  let i = 0; // key index for CSR
  return {
    ok: () => j < s.docs.length,
    key: () => (s.offs ? s.keys[i] : s.keys[j]),
    doc: () => s.docs[j],
    next: () => {
      j++;
      if (s.offs) while (i < s.keys.length - 1 && s.offs[i + 1] <= j) i++;
    },
  };
}

/** Builds a segment from sorted pairs, choosing CSR when keys repeat enough to pay for it. */
function compress(allKeys: Uint32Array, docs: Uint32Array): Segment {
  const n = docs.length;
  let unique = 0;
  for (let i = 0; i < n; i++) if (i === 0 || allKeys[i] !== allKeys[i - 1]) unique++;
  // CSR costs 8 bytes per unique key plus 4 per posting; pairs cost 8 per posting.
  if (unique * 2 > n) return { keys: allKeys, offs: null, docs };
  const keys = new Uint32Array(unique);
  const offs = new Uint32Array(unique + 1);
  let u = 0;
  for (let i = 0; i < n; i++)
    if (i === 0 || allKeys[i] !== allKeys[i - 1]) {
      keys[u] = allKeys[i];
      offs[u++] = i;
    }
  offs[unique] = n;
  return { keys, offs, docs };
}

/** Index range [from, to) of a key's postings in a segment's docs. */
function range(s: Segment, key: number): [number, number] {
  if (s.offs) {
    const i = lowerBound(s.keys, key);
    return i < s.keys.length && s.keys[i] === key ? [s.offs[i], s.offs[i + 1]] : [0, 0];
  }
  const from = lowerBound(s.keys, key);
  let to = from;
  while (to < s.keys.length && s.keys[to] === key) to++;
  return [from, to];
}

function forEachPair(s: Segment, fn: (key: number, doc: number) => void): void {
  if (s.offs) {
    for (let i = 0; i < s.keys.length; i++) for (let j = s.offs[i]; j < s.offs[i + 1]; j++) fn(s.keys[i], s.docs[j]);
  } else for (let j = 0; j < s.docs.length; j++) fn(s.keys[j], s.docs[j]);
}

/** First index whose key is >= key. */
function lowerBound(keys: Uint32Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
