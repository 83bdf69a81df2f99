/**
 * The team store on Redis Cluster (docs/team-store.md): the same retrieval index as the in-memory
 * ProvenanceIndex, laid out in hash-slot-spread buckets so a check is a few rounds of pipelined
 * reads merged in the client, and writes from many processes are safe (append-only postings,
 * atomic counters, a per-URL commit script that keeps firstSeen earliest). CLI and server only:
 * never bundled in the extension.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Cluster, type ClientContext, type ClusterOptions, type Result } from 'ioredis';
import { printDoc, shinglesOf, type DocPrint } from '../core/engine/fingerprint-article';
import { isPackEntry, type PackEntry } from '../core/engine/pack-entry';
import { BOILERPLATE_DF, SKETCH_SIZE, postedTerms, scoreCandidates, sketchCells, termFrequencies, idfOf, type Candidate } from '../core/engine/provenance-index';
import type { KnownClaim } from '../core/types';
import type { AddResult, ProvenanceStore, Retrieved, StoredDoc } from './provenance-store';

/**
 * Document-frequency buckets (hashes of term -> count). 16384 keeps each bucket a small listpack
 * up to ~8 million distinct terms (512 fields each, the cluster script's hash-max-listpack-entries).
 */
const DF_BUCKETS = 1 << 14;
/**
 * Posting buckets per channel: the top 16 bits of a term or shingle hash pick the bucket (one
 * string of 6-byte records: low 16 bits of the key, 32-bit doc id), so a lookup reads one string.
 * 2^16 buckets hold ~4 KB each at 10^6 articles (a check reads ~90 of them); at 10^8 a deployment
 * would want more bits (see docs/team-store.md).
 */
const POSTING_BITS = 16;
const RECORD_BYTES = 6;
/** The sentence sketch (2 x SKETCH_SIZE u16 counters) split into this many strings across slots. */
const SKETCH_PIECES = 64;
const CLAIM_BUCKETS = 64;
/** Candidates scored beyond k, so that dead (replaced) documents and the article itself can be dropped. */
const CANDIDATE_SLACK = 2;
/** Documents written per round of pipelined writes (bounds client memory and a round's latency). */
export const ADD_BATCH = 500;
/** How long a batch waits for a replica to confirm its writes before the command fails. */
const REPLICA_WAIT_MS = 5000;

/** Key names under a namespace: every key carries a hash tag, so a bucket's slot is chosen, not its full name. */
function keysFor(ns: string) {
  const p = ns ? `pl:${ns}:` : 'pl:';
  return {
    meta: `${p}{m}`,
    df: (b: number) => `${p}df:{d${b}}`,
    term: (b: number) => `${p}tp:{t${b}}`,
    shingle: (b: number) => `${p}sp:{s${b}}`,
    urls: (b: number) => `${p}u:{u${b}}`,
    seen: (b: number) => `${p}f:{u${b}}`,
    doc: (id: number) => `${p}d:${id}`,
    sketch: (piece: number) => `${p}sk:{k${piece}}`,
    claims: (b: number) => `${p}c:{c${b}}`,
  };
}

/**
 * Registers one URL as the writer's document id, atomically in the URL's slot: a new URL is
 * 'added'; the same content (digest) again is 'unchanged'; a pack entry never replaces an article
 * with text ('unchanged'); other content is 'updated' and the previous id returned (now dead).
 * firstSeen (epoch ms) keeps the earliest any writer gave.
 */
const REGISTER = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local fs = redis.call('HGET', KEYS[2], ARGV[1])
if (not fs) or tonumber(ARGV[4]) < tonumber(fs) then
  fs = ARGV[4]
  redis.call('HSET', KEYS[2], ARGV[1], fs)
end
if not cur then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
  return {'added', '', fs}
end
local sp = string.find(cur, ' ')
local curId = string.sub(cur, 1, sp - 1)
local curDigest = string.sub(cur, sp + 1)
if curDigest == ARGV[3] or (string.sub(ARGV[3], 1, 1) == 'e' and string.sub(curDigest, 1, 1) == 'a') then
  return {'unchanged', curId, fs}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
return {'updated', curId, fs}
`;

/** FNV-1a over a string's UTF-16 units (bucket choice only). */
function bucketOf(s: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % n;
}

function fieldOf(term: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32LE(term >>> 0);
  return b;
}

/**
 * Parses `redis://host:port,redis://host:port[?ns=NAME]` (or `redis://h:p,h:p`) into cluster seed
 * nodes and a namespace (several indexes, e.g. test runs, can share one cluster).
 */
export function parseRedisAddress(address: string): { nodes: Array<{ host: string; port: number }>; ns: string } {
  const [list, query = ''] = address.split('?', 2);
  const ns = new URLSearchParams(query).get('ns') ?? '';
  if (!/^[\w.-]{0,64}$/.test(ns)) throw new Error(`bad namespace ${JSON.stringify(ns)} (letters, digits, . _ -)`);
  const parts = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error(`no Redis address in ${JSON.stringify(address)}`);
  const nodes = parts.map((part) => {
    const m = /^(?:redis:\/\/)?([^:/,\s]+):(\d{1,5})\/?$/.exec(part);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
      throw new Error(`bad Redis address ${JSON.stringify(part)} (expected redis://host:port[,redis://host:port...])`);
    }
    return { host: m[1], port: Number(m[2]) };
  });
  return { nodes, ns };
}

/** The stored form of a document: deflated JSON, without firstSeen (kept per URL) or shingles (recomputed). */
function encodeDoc(doc: StoredDoc): Buffer {
  const { firstSeen: _seen, ...rest } = doc;
  const body = isPackEntry(doc) ? { ...rest, shingles: undefined, kind: 'e' } : { ...rest, kind: 'a' };
  return deflateRawSync(JSON.stringify(body));
}

function decodeDoc(bytes: Buffer, firstSeen: string | null): StoredDoc {
  const { kind, ...doc } = JSON.parse(inflateRawSync(bytes).toString('utf8')) as StoredDoc & { kind: string };
  if (kind === 'e') {
    const entry = doc as PackEntry;
    const sentences = entry.sentences.map((s) => ({ start: s.start, end: s.start + s.len, terms: Uint32Array.from(s.terms), spans: null, quoted: s.quoted }));
    entry.shingles = Array.from(shinglesOf(sentences));
  }
  return { ...doc, firstSeen };
}

/** Digest of a document's content (firstSeen aside): 'a' or 'e' (article with text, pack entry) + 16 hex. */
function digestOf(doc: StoredDoc): string {
  const { firstSeen: _seen, ...rest } = doc;
  return (isPackEntry(doc) ? 'e' : 'a') + createHash('sha256').update(stableJson(rest)).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

/** Team store on a Redis Cluster; see the module comment and docs/team-store.md. */
export class RedisStore implements ProvenanceStore {
  readonly name: string;
  readonly cluster: Cluster;
  private readonly key: ReturnType<typeof keysFor>;

  private constructor(address: string, cluster: Cluster, ns: string) {
    this.name = address;
    this.cluster = cluster;
    this.key = keysFor(ns);
    cluster.defineCommand('plRegister', { numberOfKeys: 2, lua: REGISTER });
  }

  /** Connects to a cluster (seed nodes from `redis://host:port,...`) and waits until it answers. */
  static async connect(address: string, opts: Partial<ClusterOptions> = {}): Promise<RedisStore> {
    const { nodes, ns } = parseRedisAddress(address);
    const cluster = new Cluster(nodes, {
      // Commands issued in one tick go out as one pipeline per node: a check's lookups are one
      // round trip per round, whichever primaries hold the buckets.
      enableAutoPipelining: true,
      scaleReads: 'master',
      maxRedirections: 32,
      retryDelayOnFailover: 300,
      retryDelayOnClusterDown: 300,
      retryDelayOnTryAgain: 200,
      clusterRetryStrategy: (times) => (times > 10 ? null : 300),
      redisOptions: { maxRetriesPerRequest: 20, connectTimeout: 3000 },
      ...opts,
    });
    // Failures reach the caller through the commands; the emitter's copy would only be noise.
    cluster.on('error', () => undefined);
    const store = new RedisStore(address, cluster, ns);
    try {
      await withTimeout(cluster.ping(), 10_000, `no answer from the Redis Cluster at ${address}`);
    } catch (error) {
      cluster.disconnect();
      throw error;
    }
    return store;
  }

  async close(): Promise<void> {
    await this.cluster.quit().catch(() => this.cluster.disconnect());
  }

  async stats(): Promise<{ articles: number; claims: number }> {
    const [articles, claims] = await retryRead(() => this.cluster.hmget(this.key.meta, 'articles', 'claims'));
    return { articles: Number(articles ?? 0), claims: Number(claims ?? 0) };
  }

  /** Document frequencies of terms (one HMGET per bucket, all in one round). */
  private async docFreqs(terms: Iterable<number>, into: Map<number, number>): Promise<void> {
    const byBucket = new Map<number, number[]>();
    for (const t of terms) {
      if (into.has(t)) continue;
      into.set(t, 0);
      const b = t % DF_BUCKETS;
      const list = byBucket.get(b);
      if (list) list.push(t);
      else byBucket.set(b, [t]);
    }
    await Promise.all(
      [...byBucket].map(async ([b, list]) => {
        const vals = await this.cluster.hmget(this.key.df(b), ...list.map(fieldOf));
        list.forEach((t, i) => into.set(t, Number(vals[i] ?? 0)));
      }),
    );
  }

  async add(docs: StoredDoc[], now: string): Promise<AddResult[]> {
    const out: AddResult[] = [];
    for (let i = 0; i < docs.length; i += ADD_BATCH) out.push(...(await this.addBatch(docs.slice(i, i + ADD_BATCH), now)));
    return out;
  }

  private async addBatch(docs: StoredDoc[], now: string): Promise<AddResult[]> {
    // Round 1: what is stored under these URLs already, the counters, and the batch's term dfs.
    const digests = docs.map(digestOf);
    const current = await Promise.all(docs.map((d) => this.cluster.hget(this.key.urls(bucketOf(d.url, DF_BUCKETS)), d.url)));
    const results: AddResult[] = [];
    const work: Array<{ doc: StoredDoc; digest: string; p: DocPrint }> = [];
    const unchangedAt: number[] = [];
    docs.forEach((doc, i) => {
      const cur = current[i];
      const curDigest = cur ? cur.slice(cur.indexOf(' ') + 1) : null;
      if (curDigest === digests[i] || (curDigest?.startsWith('a') && digests[i].startsWith('e'))) unchangedAt.push(i);
      else work.push({ doc, digest: digests[i], p: printDoc(doc) });
    });
    const df = new Map<number, number>();
    const tfs = work.map((w) => termFrequencies(w.p));
    const [, metaDocs] = await Promise.all([this.docFreqs(tfs.flatMap((tf) => [...tf.keys()]), df), this.cluster.hget(this.key.meta, 'docs')]);
    let dfDocs = Number(metaDocs ?? 0);

    // Ids for the new versions (gaps from lost races are harmless: ids only name blobs and postings).
    const lastId = work.length ? await this.cluster.hincrby(this.key.meta, 'next', work.length) : 0;
    const firstId = lastId - work.length + 1;

    // Round 2: blobs, postings, df, sketch. Posted terms are chosen as the in-memory index would,
    // with the df after this batch's earlier documents (exact for one writer; approximate when
    // several write at once, as df then counts in another order).
    const termAppends = new Map<number, Buffer[]>();
    const shingleAppends = new Map<number, Buffer[]>();
    const dfAdd = new Map<number, number>();
    const sketchAdd = new Map<number, number[]>();
    const append = (into: Map<number, Buffer[]>, key: number, id: number) => {
      const rec = Buffer.allocUnsafe(RECORD_BYTES);
      rec.writeUInt16LE(key & 0xffff, 0);
      rec.writeUInt32LE(id, 2);
      const b = key >>> (32 - POSTING_BITS);
      const list = into.get(b);
      if (list) list.push(rec);
      else into.set(b, [rec]);
    };
    const writes: Array<Promise<unknown>> = [];
    work.forEach((w, i) => {
      const id = firstId + i;
      const tf = tfs[i];
      dfDocs++;
      for (const t of tf.keys()) {
        df.set(t, (df.get(t) ?? 0) + 1);
        dfAdd.set(t, (dfAdd.get(t) ?? 0) + 1);
      }
      for (const t of postedTerms(tf, (t) => df.get(t) ?? 0, dfDocs)) append(termAppends, t, id);
      for (const h of w.p.shingles) append(shingleAppends, h, id);
      for (const s of w.p.sentences)
        for (const cell of sketchCells(s.terms)) {
          const piece = Math.floor(cell / ((2 * SKETCH_SIZE) / SKETCH_PIECES));
          const list = sketchAdd.get(piece);
          if (list) list.push(cell);
          else sketchAdd.set(piece, [cell]);
        }
      writes.push(this.cluster.set(this.key.doc(id), encodeDoc(w.doc)));
    });
    for (const [b, recs] of termAppends) writes.push(this.cluster.append(this.key.term(b), Buffer.concat(recs)));
    for (const [b, recs] of shingleAppends) writes.push(this.cluster.append(this.key.shingle(b), Buffer.concat(recs)));
    const dfByBucket = new Map<number, Array<Buffer | number>>();
    for (const [t, n] of dfAdd) {
      const b = t % DF_BUCKETS;
      const list = dfByBucket.get(b) ?? [];
      list.push(fieldOf(t), n);
      dfByBucket.set(b, list);
    }
    for (const [b, args] of dfByBucket) writes.push(this.incrementFields(this.key.df(b), args));
    const pieceSize = (2 * SKETCH_SIZE) / SKETCH_PIECES;
    for (const [piece, cells] of sketchAdd) {
      const args: Array<string | number> = ['OVERFLOW', 'SAT'];
      for (const c of cells) args.push('INCRBY', 'u16', `#${c - piece * pieceSize}`, 1);
      writes.push(this.cluster.call('BITFIELD', this.key.sketch(piece), ...args));
    }
    if (work.length) writes.push(this.cluster.hincrby(this.key.meta, 'docs', work.length));
    await Promise.all(writes);
    // Postings and blobs must survive a primary's loss before the URL points at them.
    await this.waitForReplicas();

    // Round 3: commit each URL (the only step that makes a document visible).
    const committed = await Promise.all(
      work.map((w, i) => {
        const b = bucketOf(w.doc.url, DF_BUCKETS);
        const seen = Date.parse(w.doc.firstSeen ?? now);
        return this.cluster.plRegister(this.key.urls(b), this.key.seen(b), w.doc.url, String(firstId + i), w.digest, String(Number.isNaN(seen) ? Date.parse(now) : seen));
      }),
    );
    const cleanup: Array<Promise<unknown>> = [];
    committed.forEach(([status, oldId, seen], i) => {
      const id = firstId + i;
      // A replaced version's blob goes (its postings are skipped as dead); a lost race's own blob too.
      if (status === 'updated' && oldId) cleanup.push(this.cluster.del(this.key.doc(Number(oldId))));
      if (status === 'unchanged') cleanup.push(this.cluster.del(this.key.doc(id)));
      results.push({ url: work[i].doc.url, status: status as AddResult['status'], firstSeen: new Date(Number(seen)).toISOString() });
    });
    // Unchanged documents still lower firstSeen when this writer saw them earlier.
    const seenAgain = await Promise.all(
      unchangedAt.map((i) => {
        const d = docs[i];
        const b = bucketOf(d.url, DF_BUCKETS);
        const seen = Date.parse(d.firstSeen ?? now);
        const cur = current[i]!;
        return this.cluster.plRegister(this.key.urls(b), this.key.seen(b), d.url, cur.slice(0, cur.indexOf(' ')), cur.slice(cur.indexOf(' ') + 1), String(Number.isNaN(seen) ? Date.parse(now) : seen));
      }),
    );
    unchangedAt.forEach((i, j) => results.push({ url: docs[i].url, status: 'unchanged', firstSeen: new Date(Number(seenAgain[j][2])).toISOString() }));
    // The live-article count (it only bounds the term-postings cap) is kept beside the commits: a
    // crash between the two leaves it a little low, never a document half-visible.
    const added = results.filter((r) => r.status === 'added').length;
    if (added) cleanup.push(this.cluster.hincrby(this.key.meta, 'articles', added));
    await Promise.all(cleanup);
    await this.waitForReplicas();
    const order = new Map(docs.map((d, i) => [d.url, i]));
    return results.sort((a, b) => order.get(a.url)! - order.get(b.url)!);
  }

  /** HINCRBY for several fields of one hash in one call (a short script: one round, atomic per bucket). */
  private incrementFields(key: string, args: Array<Buffer | number>): Promise<unknown> {
    return this.cluster.eval(
      "for i = 1, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end return 1",
      1,
      key,
      ...args,
    );
  }

  /**
   * Waits until every primary's writes so far reached at least one replica (WAIT on each primary
   * connection: Redis replicates asynchronously, and an acknowledged write must survive a failover).
   * Throws a clear error when a primary with replicas does not confirm in time.
   */
  async waitForReplicas(): Promise<void> {
    await Promise.all(
      this.cluster.nodes('master').map(async (node) => {
        const info = await node.info('replication');
        const replicas = Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
        if (replicas === 0) return;
        const acked = await node.wait(1, REPLICA_WAIT_MS);
        if (acked < 1) throw new Error(`no replica of ${node.options.host}:${node.options.port} confirmed the writes within ${REPLICA_WAIT_MS} ms; run the command again`);
      }),
    );
  }

  async retrieve(p: DocPrint, k: number, excludeUrl: string): Promise<Retrieved> {
    return retryRead(() => this.retrieveOnce(p, k, excludeUrl));
  }

  private async retrieveOnce(p: DocPrint, k: number, excludeUrl: string): Promise<Retrieved> {
    // Round 1: counters, the query's dfs, its shingle buckets and its sentences' sketch cells.
    const df = new Map<number, number>();
    const tf = termFrequencies(p);
    const cells = p.sentences.flatMap((s) => sketchCells(s.terms));
    const shingleBuckets = [...new Set(Array.from(p.shingles, (h) => h >>> (32 - POSTING_BITS)))];
    const [meta, , shingleBufs, sketch] = await Promise.all([
      this.cluster.hmget(this.key.meta, 'docs', 'articles'),
      this.docFreqs(tf.keys(), df),
      Promise.all(shingleBuckets.map((b) => this.cluster.getBuffer(this.key.shingle(b)))),
      this.readSketch(cells),
    ]);
    const docCount = Number(meta[0] ?? 0);
    const articles = Number(meta[1] ?? 0);
    const docFreq = (t: number) => df.get(t) ?? 0;

    // Round 2: the term buckets of the query's distinctive terms (queryTerms picks them as the
    // in-memory index does; scoreCandidates then reads only what was fetched).
    const wanted = new Set<number>();
    for (const [t] of tf) if (docFreq(t) > 0) wanted.add(t >>> (32 - POSTING_BITS));
    const termBuckets = [...wanted];
    const termBufs = await Promise.all(termBuckets.map((b) => this.cluster.getBuffer(this.key.term(b))));

    // Postings per key in id order (ids grow with commits), mapped to dense scratch indexes.
    const dense = new Map<number, number>();
    const ids: number[] = [];
    const postingsOf = (bufs: Array<Buffer | null>, buckets: number[], keys: Set<number>) => {
      const out = new Map<number, number[]>();
      bufs.forEach((buf, i) => {
        if (!buf) return;
        const high = buckets[i] << (32 - POSTING_BITS);
        for (let o = 0; o + RECORD_BYTES <= buf.length; o += RECORD_BYTES) {
          const key = (high | buf.readUInt16LE(o)) >>> 0;
          if (!keys.has(key)) continue;
          const list = out.get(key);
          const id = buf.readUInt32LE(o + 2);
          if (list) list.push(id);
          else out.set(key, [id]);
        }
      });
      for (const list of out.values()) {
        list.sort((a, b) => a - b);
        // A retried write may append a posting twice; count it once.
        let w = 0;
        for (let j = 0; j < list.length; j++) if (j === 0 || list[j] !== list[j - 1]) list[w++] = list[j];
        list.length = w;
      }
      return out;
    };
    const termPosts = postingsOf(termBufs, termBuckets, new Set(tf.keys()));
    const shinglePosts = postingsOf(shingleBufs, shingleBuckets, new Set(p.shingles));
    const denseOf = (id: number) => {
      let d = dense.get(id);
      if (d === undefined) {
        d = ids.length;
        dense.set(id, d);
        ids.push(id);
      }
      return d;
    };
    const each = (posts: Map<number, number[]>) => (key: number, fn: (doc: number) => void, limit: number) => {
      const list = posts.get(key);
      if (!list) return true;
      if (list.length > limit) return false;
      for (const id of list) fn(denseOf(id));
      return true;
    };
    let size = 0;
    for (const m of [termPosts, shinglePosts]) for (const l of m.values()) size += l.length;
    const ranked = scoreCandidates(
      {
        docCount,
        docFreq,
        tableSize: articles,
        forEachTerm: each(termPosts),
        forEachShingle: each(shinglePosts),
        eligible: () => true,
        urlOf: (d) => String(ids[d]),
      },
      p,
      k * CANDIDATE_SLACK + 1,
      new Float32Array(size + 1),
      new Uint16Array(size + 1),
    );

    // Round 3: the ranked documents; round 4: which are alive (their URL still points at them),
    // their firstSeen, and the dfs of their terms for the analysis.
    const blobs = await Promise.all(ranked.map((c) => this.cluster.getBuffer(this.key.doc(Number(c.url)))));
    const loaded: Array<{ c: Candidate; id: number; doc: StoredDoc }> = [];
    ranked.forEach((c, i) => {
      const blob = blobs[i];
      if (blob) loaded.push({ c, id: Number(c.url), doc: decodeDoc(blob, null) });
    });
    const live = await Promise.all(loaded.map((l) => this.urlState(l.doc.url)));
    const chosen: Array<{ c: Candidate; doc: StoredDoc }> = [];
    loaded.forEach((l, i) => {
      if (chosen.length >= k || l.doc.url === excludeUrl || live[i].id !== l.id) return;
      chosen.push({ c: { url: l.doc.url, score: l.c.score }, doc: { ...l.doc, firstSeen: live[i].firstSeen } });
    });
    await this.docFreqs(
      chosen.flatMap(({ doc }) => (isPackEntry(doc) ? doc.sentences.flatMap((s) => s.terms) : [...termFrequencies(printDoc(doc)).keys()])),
      df,
    );
    const stats = {
      docCount,
      idf: (t: number) => idfOf(docFreq(t), docCount),
      isBoilerplate: (terms: Uint32Array) => {
        const c = sketchCells(terms);
        return c.length > 0 && Math.min(sketch.get(c[0]) ?? 0, sketch.get(c[1]) ?? 0) > BOILERPLATE_DF;
      },
    };
    return { candidates: chosen.map((x) => x.c), docs: chosen.map((x) => x.doc), stats };
  }

  /** The id a URL currently points at and its firstSeen (id -1 when unknown). */
  private async urlState(url: string): Promise<{ id: number; firstSeen: string | null }> {
    const b = bucketOf(url, DF_BUCKETS);
    const [cur, seen] = await Promise.all([this.cluster.hget(this.key.urls(b), url), this.cluster.hget(this.key.seen(b), url)]);
    return { id: cur ? Number(cur.slice(0, cur.indexOf(' '))) : -1, firstSeen: seen ? new Date(Number(seen)).toISOString() : null };
  }

  private async readSketch(cells: number[]): Promise<Map<number, number>> {
    const pieceSize = (2 * SKETCH_SIZE) / SKETCH_PIECES;
    const byPiece = new Map<number, number[]>();
    for (const c of cells) {
      const piece = Math.floor(c / pieceSize);
      byPiece.set(piece, [...(byPiece.get(piece) ?? []), c]);
    }
    const out = new Map<number, number>();
    await Promise.all(
      [...byPiece].map(async ([piece, list]) => {
        const args = list.flatMap((c) => ['GET', 'u16', `#${c - piece * pieceSize}`]);
        const vals = (await this.cluster.call('BITFIELD_RO', this.key.sketch(piece), ...args)) as number[];
        list.forEach((c, i) => out.set(c, Number(vals[i] ?? 0)));
      }),
    );
    return out;
  }

  async load(urls: string[]): Promise<Map<string, StoredDoc>> {
    return retryRead(() => this.loadOnce(urls));
  }

  private async loadOnce(urls: string[]): Promise<Map<string, StoredDoc>> {
    const out = new Map<string, StoredDoc>();
    const states = await Promise.all(urls.map((u) => this.urlState(u)));
    const blobs = await Promise.all(states.map((s) => (s.id >= 0 ? this.cluster.getBuffer(this.key.doc(s.id)) : Promise.resolve(null))));
    urls.forEach((u, i) => {
      const blob = blobs[i];
      if (blob) out.set(u, decodeDoc(blob, states[i].firstSeen));
    });
    return out;
  }

  async addClaims(claims: KnownClaim[]): Promise<number> {
    const added = await Promise.all(claims.map((c) => this.cluster.hset(this.key.claims(bucketOf(c.id, CLAIM_BUCKETS)), c.id, JSON.stringify(c))));
    const fresh = added.reduce((a, b) => a + Number(b), 0);
    if (fresh) await this.cluster.hincrby(this.key.meta, 'claims', fresh);
    await this.waitForReplicas();
    return fresh;
  }

  async claims(): Promise<KnownClaim[]> {
    const buckets = await retryRead(() => Promise.all(Array.from({ length: CLAIM_BUCKETS }, (_, b) => this.cluster.hgetall(this.key.claims(b)))));
    const out: KnownClaim[] = [];
    for (const bucket of buckets) for (const v of Object.values(bucket)) out.push(JSON.parse(v) as KnownClaim);
    // Bucket order is arbitrary: sort so every reader builds the same claim index.
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

// The commit script the constructor defines (defineCommand('plRegister')), declared on the client
// the way ioredis types custom commands (its examples/typescript/scripts.ts): KEYS urls, seen; ARGV
// url, id, digest, firstSeen ms; replies [status, previous id, firstSeen ms].
declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext = { type: 'default' }> {
    plRegister(...args: string[]): Result<[string, string, string], Context>;
  }
}

/** Attempts of a read (a check, a load) before its error is the caller's. */
const READ_ATTEMPTS = 12;

/**
 * Runs a read again after a short pause when it fails: while slots move (resharding, failover) the
 * client's slot map can lag, and its auto-pipelines then mix slots of two nodes and are refused.
 * Reads have no effects, so repeating one is safe; writes are not retried here (a failed `index`
 * says so and is re-run: see add()).
 */
async function retryRead<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= READ_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 150 * attempt)));
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

