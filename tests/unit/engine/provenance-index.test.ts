import { describe, expect, it } from 'vitest';
import { ProvenanceIndex, INDEX_SNAPSHOT_MAGIC, fingerprintArticle } from '../../../src/core/engine/index';
import { PostingStore, ShardNotLoadedError } from '../../../src/core/engine/posting-store';
import { printRecord } from '../../../src/core/engine/fingerprint-article';
import { HashCounter } from '../../../src/core/engine/hash-counter';
import type { ArticleRecord } from '../../../src/core/types';

const NO_SIGNALS = { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null };
function rec(url: string, paragraphs: string[]): ArticleRecord {
  return { url, title: url, byline: null, siteName: null, lang: 'en', publishedTime: null, modifiedTime: null, paragraphs, links: [], signals: NO_SIGNALS };
}

// Small distinct "stories" built from disjoint word pools, so each query has one right answer.
const POOLS = [
  'reservoir drought farmers irrigation rainfall canal pumping aquifer wells harvest',
  'orchestra conductor symphony violinist rehearsal premiere concerto audience encore tour',
  'satellite launch rocket orbit payload booster countdown telemetry antenna capsule',
  'vaccine trial volunteers dosage antibodies placebo regulator efficacy clinic nurses',
  'glacier melting meltwater icefield researchers crevasse expedition sediment summit thaw',
].map((p) => p.split(' '));
function story(k: number, seed: number): string[] {
  const words = POOLS[k % POOLS.length];
  const paras: string[] = [];
  let x = seed + 1;
  for (let p = 0; p < 4; p++) {
    const s: string[] = [];
    for (let i = 0; i < 3; i++) {
      const w: string[] = [];
      for (let j = 0; j < 10; j++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        w.push(words[x % words.length]);
      }
      s.push(`Officials said ${w.join(' ')} Zed${k}x near Port${k}.`);
    }
    paras.push(s.join(' '));
  }
  return paras;
}

describe('ProvenanceIndex', () => {
  const docs = POOLS.map((_, k) => rec(`https://site${k}.example/a`, story(k, k)));

  it('retrieves the article a copy was made from, first', () => {
    const idx = new ProvenanceIndex();
    for (const d of docs) idx.add(d);
    expect(idx.size).toBe(5);
    for (let k = 0; k < docs.length; k++) {
      const copy = rec('https://copy.example/x', docs[k].paragraphs.slice(1));
      expect(idx.candidates(copy)[0].url).toBe(docs[k].url);
    }
  });

  it('excludes the article itself, and respects k', () => {
    const idx = new ProvenanceIndex();
    for (const d of docs) idx.add(d);
    expect(idx.candidates(docs[0]).some((c) => c.url === docs[0].url)).toBe(false);
    expect(idx.candidates(docs[0], { k: 1, excludeUrl: 'https://other.example' })).toHaveLength(1);
  });

  it('replaces an article with the same url and forgets removed ones', () => {
    const idx = new ProvenanceIndex();
    for (const d of docs) idx.add(d);
    const q = rec('https://q.example', story(0, 7));
    const before = idx.candidates(q).find((c) => c.url === docs[0].url)!.score;
    idx.add(rec(docs[0].url, story(1, 99))); // same url, now about story 1
    expect(idx.size).toBe(5);
    const after = idx.candidates(q).find((c) => c.url === docs[0].url)?.score ?? 0;
    expect(after).toBeLessThan(before / 3);
    expect(idx.remove(docs[1].url)).toBe(true);
    expect(idx.remove(docs[1].url)).toBe(false);
    expect(idx.size).toBe(4);
    expect(idx.has(docs[1].url)).toBe(false);
    expect(idx.candidates(rec('https://q.example', story(1, 5))).some((c) => c.url === docs[1].url)).toBe(false);
  });

  it('accepts pack entries and gives the same candidates as records', () => {
    const a = new ProvenanceIndex();
    const b = new ProvenanceIndex();
    for (const d of docs) {
      a.add(d);
      b.add(fingerprintArticle(d));
    }
    const q = rec('https://q.example', story(2, 11));
    expect(b.candidates(q)).toEqual(a.candidates(q));
  });

  it('round-trips through a snapshot with a format magic, and rejects other bytes', () => {
    const idx = new ProvenanceIndex();
    for (const d of docs) idx.add(d);
    idx.remove(docs[4].url);
    const snap = idx.toSnapshot();
    expect(String.fromCharCode(...snap.subarray(0, 8))).toBe(INDEX_SNAPSHOT_MAGIC);
    const back = ProvenanceIndex.fromSnapshot(snap);
    expect(back.size).toBe(4);
    const q = rec('https://q.example', story(3, 3));
    expect(back.candidates(q)).toEqual(idx.candidates(q));
    // Bytes not on a 4-byte boundary (a file read at an odd offset) are copied, not viewed.
    const shifted = new Uint8Array(snap.length + 1);
    shifted.set(snap, 1);
    expect(ProvenanceIndex.fromSnapshot(shifted.subarray(1)).candidates(q)).toEqual(idx.candidates(q));
    // A restored index grows like a built one.
    back.add(docs[4]);
    idx.add(docs[4]);
    expect(back.candidates(q)).toEqual(idx.candidates(q));
    expect(() => ProvenanceIndex.fromSnapshot(new Uint8Array(64))).toThrow(/snapshot/);
  });

  it('lets boilerplate shared by many articles add nothing to retrieval', () => {
    const idx = new ProvenanceIndex();
    const boiler = 'Sign up for our free morning newsletter to receive the biggest local headlines every single weekday.';
    for (let i = 0; i < 80; i++) idx.add(rec(`https://b${i}.example/`, [`Unrelated item number ${i} about gardening tomatoes peppers.`, boiler]));
    const target = rec('https://target.example/', docs[2].paragraphs);
    idx.add(target);
    const q = rec('https://q.example', [...docs[2].paragraphs.slice(0, 2), boiler]);
    const c = idx.candidates(q, { k: 5 });
    expect(c[0].url).toBe(target.url);
    // The boilerplate pages trail far behind: their shared shingles are over the frequency cap.
    expect(c[1].score).toBeLessThan(c[0].score / 3);
  });
});

describe('ProvenanceIndex sharded snapshot (the extension keeps its index this way)', () => {
  const many = Array.from({ length: 60 }, (_, i) => rec(`https://s${i}.example/a`, story(i, i * 31)));
  const queries = Array.from({ length: 12 }, (_, i) => rec(`https://q${i}.example/`, story(i * 5 + 1, i * 31 + 7).slice(1)));
  /** Saved shard rows, as the background keeps them; reads are counted. */
  function saved() {
    const rows = new Map<number, Uint8Array>();
    const reads: number[][] = [];
    const loader = async (ids: number[]) => {
      reads.push(ids);
      return new Map(ids.map((i) => [i, rows.get(i)!]));
    };
    return { rows, reads, loader, keep: (shards: Map<number, Uint8Array>) => shards.forEach((b, i) => rows.set(i, b)) };
  }
  /** An index of `docs`, its first sharded export kept, and the index restored from that head. */
  async function restored(docs: ArticleRecord[]) {
    const idx = new ProvenanceIndex();
    for (const d of docs) idx.add(d);
    const store = saved();
    const first = await idx.exportShards();
    store.keep(first.shards);
    return { idx, store, back: ProvenanceIndex.fromShardedHead(first.head, store.loader) };
  }

  it('answers like the index it was saved from, reading only the shards a check needs', async () => {
    const idx = new ProvenanceIndex();
    for (const d of many) idx.add(d);
    idx.remove(many[3].url);
    const store = saved();
    const { head, shards } = await idx.exportShards();
    expect(shards.size).toBe(4096); // the first export writes every shard
    store.keep(shards);
    const back = ProvenanceIndex.fromShardedHead(head, store.loader);
    expect([back.size, back.docCount, back.complete, back.has(many[3].url), back.has(many[4].url)]).toEqual([59, 60, false, false, true]);
    expect(() => back.candidates(queries[0])).toThrow(ShardNotLoadedError);
    for (const q of queries) {
      const p = printRecord(q);
      await back.prepare(p);
      expect(back.candidates(p)).toEqual(idx.candidates(q));
      expect(back.idf(p.sentences[0].terms[0])).toBe(idx.idf(p.sentences[0].terms[0]));
    }
    const read = store.reads.flat();
    expect(new Set(read).size).toBe(read.length); // a shard is read once
    expect(read.length).toBeLessThan(4096 / 4);
  });

  it('saves only the shards that changed, and a restored index grows and saves like a built one', async () => {
    const { idx, store, back } = await restored(many.slice(0, 40));
    for (const d of many.slice(40)) {
      idx.add(d);
      back.add(d);
    }
    const second = await back.exportShards();
    expect(second.shards.size).toBeGreaterThan(0);
    expect(second.shards.size).toBeLessThan(4096 / 2);
    // What it had to fold in, it read first; nothing else.
    expect(new Set(store.reads.flat())).toEqual(new Set(second.shards.keys()));
    store.keep(second.shards);
    const third = ProvenanceIndex.fromShardedHead(second.head, store.loader);
    for (const q of queries) {
      const p = printRecord(q);
      await third.prepare(p);
      expect(third.candidates(p)).toEqual(idx.candidates(q));
    }
    // Nothing changed since: an export writes the head alone. Shards not saved are written next time.
    expect((await back.exportShards()).shards.size).toBe(0);
    back.shardsUnsaved([5, 9]);
    expect([...(await back.exportShards()).shards.keys()]).toEqual([5, 9]);
  });

  it('answers the same after many saves of a few articles each (shards refolded, then packed together again)', async () => {
    const idx = new ProvenanceIndex();
    const ref = new ProvenanceIndex();
    for (const d of many.slice(0, 10)) {
      idx.add(d);
      ref.add(d);
    }
    await idx.exportShards();
    let refolded = 0;
    for (const d of many.slice(10)) {
      idx.add(d);
      ref.add(d);
      refolded += (await idx.exportShards()).shards.size;
    }
    expect(refolded).toBeGreaterThan(4096 / 4); // past the point where the shards are packed again
    for (const q of queries) expect(idx.candidates(printRecord(q))).toEqual(ref.candidates(q));
  });

  it('reclaims removed articles when it is saved, loading every shard first', async () => {
    const docs = Array.from({ length: 1100 }, (_, i) => rec(`https://m${i}.example/`, [`Item ${i} about harbour dredging ${i} near pier ${i % 17}.`]));
    const { store, back } = await restored(docs);
    for (const d of docs.slice(0, 700)) back.remove(d.url);
    expect(back.size).toBe(400);
    const second = await back.exportShards();
    expect(second.shards.size).toBe(4096); // renumbered: every shard rewritten
    store.keep(second.shards);
    const again = ProvenanceIndex.fromShardedHead(second.head, store.loader);
    const q = printRecord(rec('https://q.example/', [docs[900].paragraphs[0]]));
    await again.prepare(q);
    expect(again.candidates(q, { k: 1 })[0].url).toBe(docs[900].url);
    expect(again.has(docs[10].url)).toBe(false);
  });

  it('replaces and removes articles of a restored index by address (its addresses still packed)', async () => {
    const { store, back } = await restored(many.slice(0, 30));
    // The same address with another story: one article, found by its new text only.
    const moved = rec(many[2].url, story(4, 999));
    back.add(moved);
    expect([back.size, back.has(many[2].url)]).toEqual([30, true]);
    const p = printRecord(rec('https://q.example/', moved.paragraphs.slice(1)));
    await back.prepare(p);
    expect(back.candidates(p).filter((c) => c.url === many[2].url)).toHaveLength(1);
    expect(back.candidates(p)[0].url).toBe(many[2].url);
    expect(back.remove(many[2].url)).toBe(true);
    expect([back.size, back.has(many[2].url), back.remove(many[2].url)]).toEqual([29, false, false]);
    const saved2 = await back.exportShards();
    store.keep(saved2.shards);
    const again = ProvenanceIndex.fromShardedHead(saved2.head, store.loader);
    expect([again.size, again.has(many[2].url), again.has(many[3].url)]).toEqual([29, false, true]);
  });

  it('refuses damaged or foreign parts instead of answering from them', async () => {
    const idx = new ProvenanceIndex();
    for (const d of many) idx.add(d);
    const { head, shards } = await idx.exportShards();
    expect(() => ProvenanceIndex.fromShardedHead(idx.toSnapshot(), async () => new Map())).toThrow(/magic/);
    const p = printRecord(queries[2]);
    const need = [...new Set([...p.shingles].map((k) => k >>> 20))];
    const swapped = ProvenanceIndex.fromShardedHead(head, async (ids) => new Map(ids.map((i) => [i, shards.get(i === need[0] ? (i + 1) % 4096 : i)!])));
    await expect(swapped.prepare(p)).rejects.toThrow(/damaged/);
    const missing = ProvenanceIndex.fromShardedHead(head, async () => new Map());
    await expect(missing.prepare(p)).rejects.toThrow(/missing/);
  });
});

describe('ProvenanceIndex boilerplate sentences', () => {
  it('knows a sentence carried by hundreds of articles, also after a snapshot', async () => {
    const { printRecord } = await import('../../../src/core/engine/fingerprint-article');
    const boiler = 'Sign up for our free morning newsletter to receive the biggest local headlines every single weekday.';
    const idx = new ProvenanceIndex();
    for (let i = 0; i < 300; i++) idx.add(rec(`https://b${i}.example/`, [`Item ${i} about gardening tomatoes ${i} peppers.`, boiler]));
    const [b] = printRecord(rec('https://q.example', [boiler])).sentences;
    const [other] = printRecord(rec('https://q.example', ['Item 12 about gardening tomatoes 12 peppers.'])).sentences;
    expect(idx.isBoilerplate(b.terms)).toBe(true);
    expect(idx.isBoilerplate(other.terms)).toBe(false);
    const back = ProvenanceIndex.fromSnapshot(idx.toSnapshot());
    expect(back.isBoilerplate(b.terms)).toBe(true);
    expect(back.isBoilerplate(other.terms)).toBe(false);
  });
});

describe('PostingStore', () => {
  it('returns every posting of a key across flushes and merges', () => {
    const p = new PostingStore();
    for (let d = 0; d < 30_000; d++) p.addAll([d % 7, 1000 + (d % 1000), 5_000_000 + d], d);
    const got: number[] = [];
    p.forEach(3, (d) => got.push(d));
    expect(got.length).toBe(Math.floor((30_000 - 3 - 1) / 7) + 1);
    expect(got.every((d) => d % 7 === 3)).toBe(true);
    expect(p.count(5_000_123)).toBe(1);
    expect(p.count(42)).toBe(0);
    expect(p.forEach(3, () => {}, 10)).toBe(false);
    const map = new Int32Array(30_000).map((_, i) => (i % 2 === 0 ? i / 2 : -1));
    p.remap(map);
    expect(p.count(5_000_124)).toBe(1);
    expect(p.count(5_000_123)).toBe(0);
  });
});

describe('HashCounter', () => {
  it('counts keys exactly while growing', () => {
    const c = new HashCounter(4);
    for (let i = 1; i <= 5000; i++) c.add(i * 2654435761 >>> 0 || 1, i % 3 === 0 ? 2 : 1);
    expect(c.size).toBe(5000);
    expect(c.get(3 * 2654435761 >>> 0)).toBe(2);
    expect(c.get(123456)).toBe(0);
  });
});
