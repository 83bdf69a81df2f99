/**
 * The team store on Redis Cluster (docs/team-store.md): the same retrieval index as the in-memory
 * ProvenanceIndex, laid out in hash-slot-spread buckets so a check is a few rounds of pipelined
 * reads merged in the client, and writes from many processes are safe (append-only postings,
 * atomic counters, a per-URL commit script that keeps firstSeen earliest) and cheap: buckets share
 * a hash-tag group's slot, so a batch writes one script per group. CLI and server only: never
 * bundled in the extension.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Cluster, type ClusterOptions } from 'ioredis';
import { printDoc, shinglesOf, type DocPrint } from '../core/engine/fingerprint-article';
import { HashCounter } from '../core/engine/hash-counter';
import { isPackEntry, type PackEntry } from '../core/engine/pack-entry';
import { BOILERPLATE_DF, SHINGLE_DF_CAP, SKETCH_SIZE, postedTerms, queryTerms, scoreCandidates, sketchCells, termFrequencies, idfOf, type Candidate } from '../core/engine/provenance-index';
import { stableJson } from '../core/json/stable-json';
import type { KnownClaim } from '../core/types';
import { isStoredRef, type AddResult, type LoadedDoc, type ProvenanceStore, type Retrieved, type StoredDoc } from './provenance-store';

/**
 * Hash-tag groups per key family: a write touches many buckets, and Redis Cluster runs a script
 * (or MULTI) only on keys of one slot, so buckets share their group's slot and a batch's writes
 * are one script per group instead of one command per bucket (an ingest of 500 articles went from
 * ~70,000 commands to ~4,000). 1024 spreads evenly over any sensible number of primaries (each
 * holds ~1024/P groups per family) and still lets resharding move groups one slot at a time; more
 * groups mean more, smaller scripts per batch.
 */
const GROUPS = 1024;
/**
 * Document-frequency buckets (hashes of term -> count). 16384 keeps each bucket a small listpack
 * up to ~8 million distinct terms (512 fields each, the cluster script's hash-max-listpack-entries).
 */
const DF_BUCKETS = 1 << 14;
/** URL buckets (hashes of URL -> "id firstSeen digest"): listpacks up to ~8 million URLs. */
const URL_BUCKETS = 1 << 14;
/**
 * Posting buckets per channel: the top 16 bits of a term or shingle hash pick the bucket (one
 * string of 6-byte records: low 16 bits of the key, 32-bit doc id), so a lookup reads one string.
 * 2^16 buckets hold ~4 KB each at 10^6 articles (a check reads ~90 of them); at 10^8 a deployment
 * would want more bits (see docs/team-store.md).
 */
const POSTING_BITS = 16;
const RECORD_BYTES = 6;
/** The part of a key a record holds (its low 16 bits). */
const LOW_MASK = 0xffff;
/**
 * Document ids per document bucket (a hash of id -> stored document): 128 keeps a bucket of
 * fingerprint-only records (~60-100 B each) in one listpack, ~30x less per-key overhead than a
 * key per document; whole documents (align=1, ~1.5 KB) make it a hashtable, which is still one
 * key per 128 documents.
 */
const DOC_BUCKET_IDS = 128;
/** The sentence sketch (2 x SKETCH_SIZE u16 counters) split into this many strings across slots. */
const SKETCH_PIECES = 64;
const CLAIM_BUCKETS = 64;
/** Candidates scored beyond k, so that dead (replaced) documents and the article itself can be dropped. */
const CANDIDATE_SLACK = 2;
/**
 * Documents written per round of pipelined writes. Larger batches merge more of the same terms
 * into one df increment and one posting append, and more buckets into each group's script (fewer
 * commands per article: the client's CPU bounds ingest), but hold more client memory and make a
 * failed batch longer to redo; 2000 pack entries are ~6 MB of fingerprints. 2000 ingested ~15%
 * faster than 1000 (20,000 articles, alternated runs; docs/team-store.md).
 */
export const ADD_BATCH = 2000;
/** How long a batch waits for a replica to confirm its writes before the command fails. */
const REPLICA_WAIT_MS = 5000;

/** Key names under a namespace: every key carries a hash tag, so a bucket's slot is its group's. */
function keysFor(ns: string) {
  const p = ns ? `pl:${ns}:` : 'pl:';
  return {
    meta: `${p}{m}`,
    // A bucket's key is its group's key (the hash tag) followed by the bucket number: the packed
    // scripts below name buckets that way from the group key they are given.
    df: (b: number) => `${p}df:{d${b % GROUPS}}${b}`,
    dfGroup: (g: number) => `${p}df:{d${g}}`,
    term: (b: number) => `${p}tp:{t${b % GROUPS}}${b}`,
    termGroup: (g: number) => `${p}tp:{t${g}}`,
    shingle: (b: number) => `${p}sp:{s${b % GROUPS}}${b}`,
    shingleGroup: (g: number) => `${p}sp:{s${g}}`,
    urls: (b: number) => `${p}u:{u${b % GROUPS}}${b}`,
    docs: (id: number) => {
      const b = Math.floor(id / DOC_BUCKET_IDS);
      return `${p}o:{o${b % GROUPS}}${b}`;
    },
    sketch: (piece: number) => `${p}sk:{k${piece}}`,
    claims: (b: number) => `${p}c:{c${b}}`,
  };
}

/**
 * The packed scripts take one group's writes as KEYS[1], the group's key (its hash tag), and
 * ARGV[1], one string of (u32 bucket, u32 length, payload) entries, little-endian: bucket b's key
 * is KEYS[1] .. b, in the same slot as KEYS[1] by its hash tag. One key and one argument per group
 * instead of two per bucket: the client's cost of a command grows with its arguments (each is
 * framed and copied on its own), and a batch of 1,000 articles touches ~50,000 posting buckets,
 * which bounded ingest. Redis 7 lets a script reach undeclared keys of its declared key's slot;
 * the hash tag is what makes every bucket of a group that slot (docs/team-store.md, "Layout").
 */
/** Appends each entry's payload (posting records) to its bucket. */
const APPEND_PACKED = `
local g, s, pos, n = KEYS[1], ARGV[1], 1, 0
while pos <= #s do
  local b, len
  b, len, pos = struct.unpack('<I4I4', s, pos)
  redis.call('APPEND', g .. b, string.sub(s, pos, pos + len - 1))
  pos = pos + len
  n = n + 1
end
return n`;

/**
 * Document-frequency increments for one group (packed as above): an entry's payload holds its
 * bucket's increments as 6-byte records (the 4-byte field, then a 16-bit little-endian increment);
 * returns the counts after the increments, in record order. Atomic per group, so the writer reads
 * exactly the df its increments were added to.
 */
const INCR_PACKED = `
local g, s, pos, out = KEYS[1], ARGV[1], 1, {}
while pos <= #s do
  local b, len
  b, len, pos = struct.unpack('<I4I4', s, pos)
  local k = g .. b
  for q = pos, pos + len - 6, 6 do
    local lo, hi = string.byte(s, q + 4, q + 5)
    out[#out + 1] = redis.call('HINCRBY', k, string.sub(s, q, q + 3), lo + 256 * hi)
  end
  pos = pos + len
end
return out`;

/**
 * Registers URLs of one group, each atomically: KEYS[i] is URL i's bucket, ARGV holds (url, id,
 * digest, firstSeen ms) per URL. A new URL is 'added'; the same content (digest) again is
 * 'unchanged'; a pack entry ('e') never replaces an article with text ('a'); other content is
 * 'updated' and the previous id returned (now dead). firstSeen keeps the earliest any writer gave.
 * The value is "id firstSeen digest". Returns (status, previous id, firstSeen) per URL.
 */
const REGISTER_ALL = `
local out = {}
for i = 1, #KEYS do
  local a = (i - 1) * 4
  local url, id, dig, seen = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local cur = redis.call('HGET', KEYS[i], url)
  if not cur then
    redis.call('HSET', KEYS[i], url, id .. ' ' .. seen .. ' ' .. dig)
    out[#out + 1] = 'added'; out[#out + 1] = ''; out[#out + 1] = seen
  else
    local curId, fs, curDig = string.match(cur, '^(%S+) (%S+) (%S+)$')
    local earlier = tonumber(seen) < tonumber(fs)
    if earlier then fs = seen end
    if curDig == dig or (string.sub(dig, 1, 1) == 'e' and string.sub(curDig, 1, 1) == 'a') then
      if earlier then redis.call('HSET', KEYS[i], url, curId .. ' ' .. fs .. ' ' .. curDig) end
      out[#out + 1] = 'unchanged'
    else
      redis.call('HSET', KEYS[i], url, id .. ' ' .. fs .. ' ' .. dig)
      out[#out + 1] = 'updated'
    end
    out[#out + 1] = curId; out[#out + 1] = fs
  end
end
return out`;

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
 * How to reach a cluster beyond its addresses: credentials (Redis 6 ACL user, or the default
 * user's password) and, for `rediss://`, the certificate authority to trust besides the system's.
 * The CLI and `serve` take them from the environment (PL_REDIS_USERNAME, PL_REDIS_PASSWORD,
 * PL_REDIS_CA_FILE), so a password need not be in the address, where the process list shows it.
 */
export interface RedisAccess {
  username?: string;
  password?: string;
  ca?: string | Buffer;
}

/** A parsed store address: seed nodes, TLS, credentials written in it, namespace and mode. */
interface RedisAddress {
  nodes: Array<{ host: string; port: number }>;
  tls: boolean;
  username?: string;
  password?: string;
  ns: string;
  align: boolean | undefined;
}

const ADDRESS_FORM = 'redis[s]://[user:password@]host:port[,host:port...]';

/**
 * Parses `redis://host:port,redis://host:port[?ns=NAME&align=0|1]` (or `redis://h:p,h:p`) into
 * cluster seed nodes, a namespace (several indexes, e.g. test runs, can share one cluster) and,
 * when given, whether documents are stored whole for alignment (see ProvenanceStore.alignment).
 * `rediss://` connects over TLS; `user:password@` (percent-encoded) before a node gives
 * credentials, one set for the whole cluster.
 */
function parseRedisAddress(address: string): RedisAddress {
  const [list, query = ''] = address.split('?', 2);
  const params = new URLSearchParams(query);
  const ns = params.get('ns') ?? '';
  const alignParam = params.get('align');
  if (alignParam !== null && alignParam !== '0' && alignParam !== '1') throw new Error(`bad align=${JSON.stringify(alignParam)} (0: fingerprints only, 1: whole documents for alignment)`);
  const align = alignParam === null ? undefined : alignParam === '1';
  if (!/^[\w.-]{0,64}$/.test(ns)) throw new Error(`bad namespace ${JSON.stringify(ns)} (letters, digits, . _ -)`);
  const parts = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error(`no Redis address in ${JSON.stringify(redactAddress(address))}`);
  const schemes = new Set<string>();
  const credentials = new Set<string>();
  let username: string | undefined;
  let password: string | undefined;
  const nodes = parts.map((part) => {
    const m = /^(?:(rediss?):\/\/)?(?:([^:@/\s]*)(?::([^@/\s]*))?@)?([^:@/,\s]+):(\d{1,5})\/?$/.exec(part);
    if (!m || Number(m[5]) < 1 || Number(m[5]) > 65535) {
      throw new Error(`bad Redis address ${JSON.stringify(redactAddress(part))} (expected ${ADDRESS_FORM})`);
    }
    if (m[1]) schemes.add(m[1]);
    if (m[2] !== undefined || m[3] !== undefined) {
      credentials.add(`${m[2]}:${m[3]}`);
      username = m[2] ? decodeURIComponent(m[2]) : undefined;
      password = m[3] !== undefined ? decodeURIComponent(m[3]) : undefined;
    }
    return { host: m[4], port: Number(m[5]) };
  });
  if (schemes.size > 1) throw new Error('mixed redis:// and rediss:// nodes: a cluster is reached over TLS or not at all');
  if (credentials.size > 1) throw new Error('different credentials for nodes of one cluster: give them once');
  return { nodes, tls: schemes.has('rediss'), username, password, ns, align };
}

/** The address with any password replaced by ***, for messages and `store.name`. */
export function redactAddress(address: string): string {
  return address.replace(/(rediss?:\/\/[^:@/\s,]*):[^@/\s,]*@/g, '$1:***@');
}

/**
 * The stored form of a document. With alignment data (align=1): a 0x01 byte, then deflated JSON
 * of the article (with text) or pack entry, without firstSeen (kept per URL) or shingles
 * (recomputed). Without (the default): a 0x00 byte, then JSON [url, title, siteName,
 * publishedTime, lang]: enough to name a match, nothing to align against.
 */
function encodeDoc(doc: StoredDoc, align: boolean): Buffer {
  if (!align) return Buffer.concat([REF_TAG, Buffer.from(JSON.stringify([doc.url, doc.title, doc.siteName, doc.publishedTime, doc.lang]))]);
  const { firstSeen: _seen, ...rest } = doc;
  const body = isPackEntry(doc) ? { ...rest, shingles: undefined, kind: 'e' } : { ...rest, kind: 'a' };
  return Buffer.concat([DOC_TAG, deflateRawSync(JSON.stringify(body))]);
}

const REF_TAG = Buffer.from([0]);
const DOC_TAG = Buffer.from([1]);

function decodeDoc(bytes: Buffer, firstSeen: string | null): LoadedDoc {
  if (bytes[0] === REF_TAG[0]) {
    const [url, title, siteName, publishedTime, lang] = JSON.parse(bytes.subarray(1).toString('utf8')) as [string, string, string | null, string | null, string | null];
    return { refOnly: true, url, title, siteName, publishedTime, lang, firstSeen };
  }
  const { kind, ...doc } = JSON.parse(inflateRawSync(bytes.subarray(1)).toString('utf8')) as StoredDoc & { kind: string };
  if (kind === 'e') {
    const entry = doc as PackEntry;
    const sentences = entry.sentences.map((s) => ({ start: s.start, end: s.start + s.len, terms: Uint32Array.from(s.terms), spans: null, quoted: s.quoted }));
    entry.shingles = Array.from(shinglesOf(sentences));
  }
  return { ...doc, firstSeen };
}

/** Digest of a document's content (firstSeen aside): 'a' or 'e' (article with text, pack entry) + 12 hex. */
function digestOf(doc: StoredDoc): string {
  const { firstSeen: _seen, ...rest } = doc;
  return (isPackEntry(doc) ? 'e' : 'a') + createHash('sha256').update(stableJson(rest)).digest('hex').slice(0, 12);
}

/** A URL's registry value "id firstSeen digest", parsed. */
function parseUrlValue(value: string): { id: number; seen: string; digest: string } {
  const [id, seen, digest] = value.split(' ');
  return { id: Number(id), seen, digest };
}

/** Keys and their arguments gathered per hash-tag group, for one script call per group. */
class GroupedWrites<T = undefined> {
  private readonly groups = new Map<number, { keys: Buffer[]; args: Array<string | Buffer | number>; items: T[] }>();
  /** Adds a key of `group` with its arguments (and what the caller needs back with its answer). */
  add(group: number, key: string, args: Array<string | Buffer | number>, item?: T): void {
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = { keys: [], args: [], items: [] }));
    // As bytes: the client works out each key's slot, from a string through an array per character.
    g.keys.push(Buffer.from(key));
    for (const a of args) g.args.push(a);
    g.items.push(item as T);
  }
  /** One call per group, all at once; each answer beside its group's items. */
  async run<R>(call: (keys: Buffer[], args: Array<string | Buffer | number>) => Promise<R>): Promise<Array<{ items: T[]; answer: R }>> {
    const groups = [...this.groups.values()];
    const answers = await Promise.all(groups.map((g) => call(g.keys, g.args)));
    return groups.map((g, i) => ({ items: g.items, answer: answers[i] }));
  }
}

/** Team store on a Redis Cluster; see the module comment and docs/team-store.md. */
export class RedisStore implements ProvenanceStore {
  readonly name: string;
  readonly cluster: Cluster;
  /** Whether this namespace stores documents whole (align=1): see ProvenanceStore.alignment. */
  alignment = false;
  private readonly key: ReturnType<typeof keysFor>;
  private modeFixed = false;

  private constructor(address: string, cluster: Cluster, ns: string) {
    this.name = redactAddress(address);
    this.cluster = cluster;
    this.key = keysFor(ns);
  }

  /**
   * Connects to a cluster (seed nodes from `redis[s]://host:port,...`) and waits until it answers.
   * Credentials in the address win over `access`'s. A refusal (wrong password, untrusted
   * certificate) is reported with the cluster's own reason.
   */
  static async connect(address: string, opts: Partial<ClusterOptions> = {}, access: RedisAccess = {}): Promise<RedisStore> {
    const { nodes, ns, align, tls, ...inAddress } = parseRedisAddress(address);
    const username = inAddress.username ?? access.username;
    const password = inAddress.password ?? access.password;
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
      redisOptions: {
        maxRetriesPerRequest: 20,
        connectTimeout: 3000,
        ...(username ? { username } : {}),
        ...(password !== undefined ? { password } : {}),
        // Every node, seeds and those the cluster names later, over TLS; system CAs plus `ca`.
        ...(tls ? { tls: access.ca ? { ca: access.ca } : {} } : {}),
      },
      ...opts,
    });
    // Failures reach the caller through the commands; the emitter's copy would only be noise. A
    // node's own refusal is kept to name the cause when no command gets through.
    let refusal: Error | null = null;
    cluster.on('error', () => undefined);
    cluster.on('node error', (error: Error) => {
      // The first specific cause (a refused password, an untrusted certificate), not the
      // "connection is closed" that follows it.
      if (!refusal || /Connection is closed/i.test(refusal.message)) refusal = error;
    });
    const store = new RedisStore(address, cluster, ns);
    try {
      await withTimeout(cluster.ping(), 10_000, `no answer from the Redis Cluster at ${store.name}`).catch(async (error: Error) => {
        // The cluster client reports a failed TLS handshake only as a closed connection: ask the
        // first node directly for the handshake's own reason (an untrusted certificate, a name
        // that does not match).
        const handshake = tls ? await tlsRefusal(nodes[0], access.ca) : null;
        const reason = handshake ?? (refusal as Error | null)?.message;
        throw reason && !error.message.includes(reason) ? new Error(`${error.message} (${reason})`) : error;
      });
      const stored = await cluster.hget(store.key.meta, 'align');
      if (stored !== null) {
        if (align !== undefined && align !== (stored === '1')) throw new Error(modeError(stored === '1'));
        store.alignment = stored === '1';
        store.modeFixed = true;
      } else store.alignment = align ?? false;
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

  /** Records the namespace's mode on its first write (the first writer decides; a different one is refused). */
  private async fixMode(): Promise<void> {
    if (this.modeFixed) return;
    const want = this.alignment ? '1' : '0';
    if (!(await this.cluster.hsetnx(this.key.meta, 'align', want))) {
      const stored = await this.cluster.hget(this.key.meta, 'align');
      if (stored !== want) throw new Error(modeError(stored === '1'));
    }
    this.modeFixed = true;
  }

  async add(docs: StoredDoc[], now: string): Promise<AddResult[]> {
    await this.fixMode();
    const out: AddResult[] = [];
    for (let i = 0; i < docs.length; i += ADD_BATCH) out.push(...(await this.addBatch(docs.slice(i, i + ADD_BATCH), now)));
    return out;
  }

  private async addBatch(docs: StoredDoc[], now: string): Promise<AddResult[]> {
    // Round 1: what is stored under these URLs already (unchanged content is skipped).
    const digests = docs.map(digestOf);
    const current = await Promise.all(docs.map((d) => this.cluster.hget(Buffer.from(this.key.urls(bucketOf(d.url, URL_BUCKETS))), d.url)));
    // Each new document as the compact typed arrays the later rounds read (its terms with their
    // counts, shingles, sketch cells), not its working form: what a batch keeps across its round
    // trips survives the client's young-generation collections, which bounded ingest.
    const work: Array<{ doc: StoredDoc; digest: string; terms: Uint32Array; counts: Uint32Array; shingles: Uint32Array; cells: Uint32Array | null }> = [];
    const unchangedAt: number[] = [];
    docs.forEach((doc, i) => {
      const cur = current[i] === null ? null : parseUrlValue(current[i]!);
      if (cur && (cur.digest === digests[i] || (cur.digest.startsWith('a') && digests[i].startsWith('e')))) unchangedAt.push(i);
      else {
        const p = printDoc(doc);
        const tf = termFrequencies(p);
        const cells = this.alignment ? Uint32Array.from(p.sentences.flatMap((s) => sketchCells(s.terms))) : null;
        work.push({ doc, digest: digests[i], terms: Uint32Array.from(tf.keys()), counts: Uint32Array.from(tf.values()), shingles: p.shingles, cells });
      }
    });

    // Round 2: the batch's df increments (one script per group, returning the counts after them)
    // and its ids (the docs counter: ids and df's article count grow together).
    const dfAdd = new HashCounter();
    for (const w of work) for (const t of w.terms) dfAdd.add(t);
    const byBucket = new Map<number, number[]>();
    const batchTerms = dfAdd.export();
    for (const t of batchTerms.keys) {
      if (t === 0) continue;
      const b = t % DF_BUCKETS;
      const list = byBucket.get(b);
      if (list) list.push(t);
      else byBucket.set(b, [t]);
    }
    // Each term's 4-byte field, then its 16-bit increment.
    const increments = packByGroup(byBucket, 6, (buf, o, t) => buf.writeUInt16LE(dfAdd.get(t), buf.writeUInt32LE(t >>> 0, o)));
    const [counts, lastDoc] = await Promise.all([
      Promise.all([...increments].map(([g, { packed }]) => this.script(INCR_PACKED, [Buffer.from(this.key.dfGroup(g))], [packed]) as Promise<number[]>)),
      work.length ? this.cluster.hincrby(this.key.meta, 'docs', work.length) : Promise.resolve(0),
    ]);
    // df before this batch, then counted article by article as the in-memory index does, so the
    // distinctive terms each article posts are the ones a single writer would choose.
    const df = new HashCounter(batchTerms.keys.length);
    [...increments.values()].forEach(({ buckets }, i) => {
      let j = 0;
      for (const b of buckets) for (const t of byBucket.get(b)!) df.add(t, Number(counts[i][j++]) - dfAdd.get(t));
    });
    const firstId = lastDoc - work.length;
    let dfDocs = firstId;

    // Round 3: postings, documents and (with alignment data) the boilerplate sketch.
    // Per bucket, its postings as (key, id) pairs; written out as RECORD_BYTES records below.
    const termAppends = new Map<number, number[]>();
    const shingleAppends = new Map<number, number[]>();
    const sketchAdd = new Map<number, number[]>();
    const docWrites = new Map<string, Array<string | Buffer>>();
    const append = (into: Map<number, number[]>, key: number, id: number) => {
      const b = key >>> (32 - POSTING_BITS);
      const list = into.get(b);
      if (list) list.push(key, id);
      else into.set(b, [key, id]);
    };
    const pieceSize = (2 * SKETCH_SIZE) / SKETCH_PIECES;
    work.forEach((w, i) => {
      const id = firstId + i;
      dfDocs++;
      const tf = new Map<number, number>();
      w.terms.forEach((t, j) => {
        df.add(t);
        tf.set(t, w.counts[j]);
      });
      for (const t of postedTerms(tf, (t) => df.get(t), dfDocs)) append(termAppends, t, id);
      for (const h of w.shingles) append(shingleAppends, h, id);
      for (const cell of w.cells ?? []) {
        const piece = Math.floor(cell / pieceSize);
        const list = sketchAdd.get(piece);
        if (list) list.push(cell);
        else sketchAdd.set(piece, [cell]);
      }
      const key = this.key.docs(id);
      const fields = docWrites.get(key) ?? [];
      fields.push(String(id), encodeDoc(w.doc, this.alignment));
      docWrites.set(key, fields);
    });
    const writes: Array<Promise<unknown>> = [];
    for (const [appends, groupKey] of [[termAppends, this.key.termGroup], [shingleAppends, this.key.shingleGroup]] as const) {
      // Per (key, id) pair a record: the low 16 bits of the key, then the 32-bit id.
      const packed = packByGroup(appends, RECORD_BYTES, (buf, o, x, i) => (i % 2 ? buf.writeUInt32LE(x, o) : buf.writeUInt16LE(x & 0xffff, o)), 2);
      for (const [group, { packed: arg }] of packed) writes.push(this.script(APPEND_PACKED, [Buffer.from(groupKey(group))], [arg]));
    }
    for (const [key, fields] of docWrites) writes.push(this.cluster.hset(key, ...fields));
    for (const [piece, cells] of sketchAdd) {
      const args: Array<string | number> = ['OVERFLOW', 'SAT'];
      for (const c of cells) args.push('INCRBY', 'u16', `#${c - piece * pieceSize}`, 1);
      writes.push(this.cluster.call('BITFIELD', this.key.sketch(piece), ...args));
    }
    await Promise.all(writes);
    // Postings and documents must survive a primary's loss before the URL points at them.
    await this.waitForReplicas();

    // Round 4: commit each URL (the only step that makes a document visible); unchanged documents
    // go through it too, so an earlier firstSeen from this writer still lowers the stored one.
    const register = new GroupedWrites<string>();
    const seenOf = (d: StoredDoc) => {
      const seen = Date.parse(d.firstSeen ?? now);
      return String(Number.isNaN(seen) ? Date.parse(now) : seen);
    };
    work.forEach((w, i) => {
      const b = bucketOf(w.doc.url, URL_BUCKETS);
      register.add(b % GROUPS, this.key.urls(b), [w.doc.url, String(firstId + i), w.digest, seenOf(w.doc)], w.doc.url);
    });
    for (const i of unchangedAt) {
      const d = docs[i];
      const cur = parseUrlValue(current[i]!);
      const b = bucketOf(d.url, URL_BUCKETS);
      register.add(b % GROUPS, this.key.urls(b), [d.url, String(cur.id), cur.digest, seenOf(d)], d.url);
    }
    const byUrl = new Map<string, { status: string; oldId: string; seen: string }>();
    for (const { items, answer } of await register.run((keys, args) => this.script(REGISTER_ALL, keys, args) as Promise<string[]>)) {
      items.forEach((url, j) => byUrl.set(url, { status: answer[j * 3], oldId: answer[j * 3 + 1], seen: answer[j * 3 + 2] }));
    }
    const cleanup: Array<Promise<unknown>> = [];
    const results: AddResult[] = [];
    work.forEach((w, i) => {
      const id = firstId + i;
      const { status, oldId, seen } = byUrl.get(w.doc.url)!;
      // A replaced version's document goes (its postings are skipped as dead); a lost race's own too.
      if (status === 'updated' && oldId) cleanup.push(this.cluster.hdel(this.key.docs(Number(oldId)), oldId));
      if (status === 'unchanged') cleanup.push(this.cluster.hdel(this.key.docs(id), String(id)));
      results.push({ url: w.doc.url, status: status as AddResult['status'], firstSeen: new Date(Number(seen)).toISOString() });
    });
    for (const i of unchangedAt) results.push({ url: docs[i].url, status: 'unchanged', firstSeen: new Date(Number(byUrl.get(docs[i].url)!.seen)).toISOString() });
    // The live-article count (it only bounds the term-postings cap) is kept beside the commits: a
    // crash between the two leaves it a little low, never a document half-visible.
    const added = results.filter((r) => r.status === 'added').length;
    if (added) cleanup.push(this.cluster.hincrby(this.key.meta, 'articles', added));
    await Promise.all(cleanup);
    await this.waitForReplicas();
    const at = new Map(docs.map((d, i) => [d.url, i]));
    return results.sort((a, b) => at.get(a.url)! - at.get(b.url)!);
  }

  /**
   * Runs a script over keys of one slot: EVALSHA, and EVAL when the node does not know it yet (a
   * promoted replica, a node just added). Not ioredis's defineCommand: its automatic pipelining
   * routes a script with a variable key count by its first argument (the count), not its first key.
   */
  private async script(lua: string, keys: Array<string | Buffer>, args: Array<string | Buffer | number>): Promise<unknown> {
    try {
      return await this.cluster.evalsha(shaOf(lua), keys.length, ...keys, ...args);
    } catch (error) {
      if (!/NOSCRIPT/.test(String(error))) throw error;
      return this.cluster.eval(lua, keys.length, ...keys, ...args);
    }
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
    // Round 1: counters, the query's dfs, its shingle buckets and (for the analysis) its
    // sentences' sketch cells.
    const df = new Map<number, number>();
    const tf = termFrequencies(p);
    const cells = this.alignment ? p.sentences.flatMap((s) => sketchCells(s.terms)) : [];
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

    // Round 2: the term buckets of the query's distinctive terms, the ones scoreCandidates looks
    // up (queryTerms picks them for every store): at 10^6 articles a bucket holds ~5 KB, and an
    // article's other terms would triple what a check reads.
    const qTerms = queryTerms(p, docFreq, docCount).map(([t]) => t);
    const termBuckets = [...new Set(qTerms.map((t) => t >>> (32 - POSTING_BITS)))];
    const termBufs = await Promise.all(termBuckets.map((b) => this.cluster.getBuffer(this.key.term(b))));

    // Postings per key in id order (ids grow with commits).
    const termPosts = postingsOf(termBufs, termBuckets, qTerms);
    const shinglePosts = postingsOf(shingleBufs, shingleBuckets, p.shingles);
    const each = (posts: Map<number, number[]>) => (key: number, fn: (doc: number) => void, limit: number) => {
      const list = posts.get(key);
      if (!list) return true;
      if (list.length > limit) return false;
      for (const id of list) fn(id);
      return true;
    };
    const ranked = scoreCandidates(
      {
        docCount,
        docFreq,
        tableSize: articles,
        forEachTerm: each(termPosts),
        forEachShingle: each(shinglePosts),
        eligible: () => true,
        urlOf: (id) => String(id),
      },
      p,
      k * CANDIDATE_SLACK + 1,
    );

    // Round 3: the ranked documents; round 4: which are alive (their URL still points at them),
    // their firstSeen, and the dfs of their terms for the analysis.
    const blobs = await Promise.all(ranked.map((c) => this.cluster.hgetBuffer(this.key.docs(Number(c.url)), c.url)));
    const loaded: Array<{ c: Candidate; id: number; doc: LoadedDoc }> = [];
    ranked.forEach((c, i) => {
      const blob = blobs[i];
      if (blob) loaded.push({ c, id: Number(c.url), doc: decodeDoc(blob, null) });
    });
    const live = await Promise.all(loaded.map((l) => this.urlState(l.doc.url)));
    const chosen: Array<{ c: Candidate; id: number; doc: LoadedDoc }> = [];
    loaded.forEach((l, i) => {
      if (chosen.length >= k || l.doc.url === excludeUrl || live[i].id !== l.id) return;
      chosen.push({ c: { url: l.doc.url, score: l.c.score }, id: l.id, doc: { ...l.doc, firstSeen: live[i].firstSeen } });
    });
    await this.docFreqs(
      chosen.flatMap(({ doc }) => (isStoredRef(doc) ? [] : isPackEntry(doc) ? doc.sentences.flatMap((s) => s.terms) : [...termFrequencies(printDoc(doc)).keys()])),
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
    // Share of the query's sampled shingles each candidate holds (the channel's boilerplate rule
    // applies: a shingle in more than SHINGLE_DF_CAP articles counts for none).
    const shared = new Map(chosen.map((x) => [x.id, 0]));
    for (const list of shinglePosts.values()) if (list.length <= SHINGLE_DF_CAP) for (const id of list) if (shared.has(id)) shared.set(id, shared.get(id)! + 1);
    const shingleShare = chosen.map((x) => (p.shingles.length ? Math.round((shared.get(x.id)! / p.shingles.length) * 1e4) / 1e4 : 0));
    return { candidates: chosen.map((x) => x.c), docs: chosen.map((x) => x.doc), shingleShare, stats };
  }

  /** The id a URL currently points at and its firstSeen (id -1 when unknown). */
  private async urlState(url: string): Promise<{ id: number; firstSeen: string | null }> {
    const cur = await this.cluster.hget(this.key.urls(bucketOf(url, URL_BUCKETS)), url);
    if (cur === null) return { id: -1, firstSeen: null };
    const { id, seen } = parseUrlValue(cur);
    return { id, firstSeen: new Date(Number(seen)).toISOString() };
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

  async load(urls: string[]): Promise<Map<string, LoadedDoc>> {
    return retryRead(() => this.loadOnce(urls));
  }

  private async loadOnce(urls: string[]): Promise<Map<string, LoadedDoc>> {
    const out = new Map<string, LoadedDoc>();
    const states = await Promise.all(urls.map((u) => this.urlState(u)));
    const blobs = await Promise.all(states.map((s) => (s.id >= 0 ? this.cluster.hgetBuffer(this.key.docs(s.id), String(s.id)) : Promise.resolve(null))));
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

const shas = new Map<string, string>();
/** SHA1 of a script's text (its EVALSHA name), computed once. */
function shaOf(lua: string): string {
  let sha = shas.get(lua);
  if (!sha) shas.set(lua, (sha = createHash('sha1').update(lua).digest('hex')));
  return sha;
}

/** The error for a writer whose align= differs from the namespace's. */
function modeError(stored: boolean): string {
  return `this team store namespace was built ${stored ? 'with alignment data (align=1)' : 'without alignment data (align=0)'}; use the same align= or another ?ns=`;
}

/**
 * The packed scripts' argument per group (see APPEND_PACKED): per bucket its number, its payload's
 * length, then the payload, written straight into the group's one buffer. A bucket's payload is
 * `recordBytes` for every `per` of its values, each value written by `write` (given its index in
 * the bucket's list). Also returns each group's buckets in the order written, which is the order
 * of a script's answers.
 */
function packByGroup(
  buckets: Map<number, number[]>,
  recordBytes: number,
  write: (buf: Buffer, at: number, value: number, index: number) => number,
  per = 1,
): Map<number, { packed: Buffer; buckets: number[] }> {
  const sizes = new Map<number, number>();
  for (const [b, values] of buckets) sizes.set(b % GROUPS, (sizes.get(b % GROUPS) ?? 0) + 8 + (values.length / per) * recordBytes);
  const out = new Map<number, { packed: Buffer; buckets: number[]; at: number }>();
  for (const [group, size] of sizes) out.set(group, { packed: Buffer.allocUnsafe(size), buckets: [], at: 0 });
  for (const [b, values] of buckets) {
    const g = out.get(b % GROUPS)!;
    let o = g.packed.writeUInt32LE(b, g.at);
    o = g.packed.writeUInt32LE((values.length / per) * recordBytes, o);
    for (let i = 0; i < values.length; i++) o = write(g.packed, o, values[i], i);
    g.at = o;
    g.buckets.push(b);
  }
  return out;
}

/**
 * Postings of the wanted keys from bucket strings, per key in id order, each id once. A bucket
 * holds ~500 records at 10^6 articles and a check wants one to three of its keys: each record's
 * low half is compared with those few directly (a Set lookup per record cost more).
 */
function postingsOf(bufs: Array<Buffer | null>, buckets: number[], keys: ArrayLike<number>): Map<number, number[]> {
  const wanted = new Map<number, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const b = keys[i] >>> (32 - POSTING_BITS);
    const lows = wanted.get(b) ?? [];
    if (!lows.includes(keys[i] & LOW_MASK)) lows.push(keys[i] & LOW_MASK);
    wanted.set(b, lows);
  }
  const out = new Map<number, number[]>();
  bufs.forEach((buf, i) => {
    const lows = wanted.get(buckets[i]);
    if (!buf || !lows) return;
    const high = buckets[i] << (32 - POSTING_BITS);
    const lists = lows.map(() => [] as number[]);
    for (let o = 0; o + RECORD_BYTES <= buf.length; o += RECORD_BYTES) {
      const j = lows.indexOf(buf[o] | (buf[o + 1] << 8));
      if (j >= 0) lists[j].push(buf.readUInt32LE(o + 2));
    }
    lows.forEach((lo, j) => {
      if (lists[j].length > 0) out.set((high | lo) >>> 0, lists[j]);
    });
  });
  for (const list of out.values()) {
    list.sort((a, b) => a - b);
    // A retried write may append a posting twice; count it once.
    let w = 0;
    for (let j = 0; j < list.length; j++) if (j === 0 || list[j] !== list[j - 1]) list[w++] = list[j];
    list.length = w;
  }
  return out;
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

/** Why a TLS handshake with a node fails (its error's message), or null when it succeeds or the node does not answer in 3 s. */
function tlsRefusal(node: { host: string; port: number }, ca: string | Buffer | undefined): Promise<string | null> {
  return new Promise((done) => {
    const socket = tlsConnect({ host: node.host, port: node.port, servername: isIP(node.host) ? undefined : node.host, ...(ca ? { ca } : {}) });
    const finish = (reason: string | null) => {
      socket.destroy();
      done(reason);
    };
    socket.setTimeout(3000, () => finish(null));
    socket.once('secureConnect', () => finish(null));
    socket.once('error', (error) => finish(`TLS: ${error.message}`));
  });
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

