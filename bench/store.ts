/**
 * Team-store benchmark (`npm run bench -- --store redis://...`): the Redis Cluster store next to
 * the in-memory ProvenanceIndex, on the engine benchmark's synthetic corpus (pack entries: what a
 * newsroom's crawler would add). Per size: ingest throughput, Redis memory per article per copy
 * (INFO memory on primaries and replicas), check latency p50/p95 (retrieval + loading + analysis)
 * and the planted sources found, for both stores; whether both retrieve the same candidates.
 *   npm run bench -- --store redis://127.0.0.1:7101,... [--store-sizes 100000,1000000]
 *                    [--store-1 redis://127.0.0.1:7301]   (a 1-primary cluster: ingest scaling)
 * Works in its own namespace and deletes its keys at the end.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { ProvenanceIndex, analyzeArticle, type PackEntry } from '../src/core/engine/index';
import { indexAnalysisOptions } from '../src/core/engine/check-article';
import { printRecord } from '../src/core/engine/fingerprint-article';
import { checkInStore } from '../src/store/provenance-store';
import { ADD_BATCH, RedisStore } from '../src/store/redis-store';
import { docUrl, loadVocab, packOf, pct, plant, rng } from './synthetic-corpus';

/** Batches in flight per writer process: enough to keep 3 primaries busy from one client. */
const IN_FLIGHT = 4;
const QUERIES = 200;
/** Entries generated ahead of timing (bounds the client's memory at 10^6). */
const CHUNK = 20_000;

async function memory(store: RedisStore): Promise<{ primaries: number; replicas: number }> {
  const sum = async (role: 'master' | 'slave') => {
    let n = 0;
    for (const node of store.cluster.nodes(role)) n += Number(/used_memory:(\d+)/.exec(await node.info('memory'))![1]);
    return n;
  };
  return { primaries: await sum('master'), replicas: await sum('slave') };
}

async function ingest(store: RedisStore, entries: PackEntry[]): Promise<number> {
  const t = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const batch = entries.slice(next, next + ADD_BATCH);
      next += ADD_BATCH;
      await store.add(batch, '2026-02-01T00:00:00.000Z');
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return performance.now() - t;
}

async function dropNamespace(store: RedisStore, ns: string): Promise<void> {
  for (const node of store.cluster.nodes('master')) {
    let cursor = '0';
    do {
      const [c, keys] = await node.scan(cursor, 'MATCH', `pl:${ns}:*`, 'COUNT', 1000);
      cursor = c;
      if (keys.length) await node.unlink(...keys);
    } while (cursor !== '0');
  }
}

/** Runs the team-store benchmark against the cluster at `address`. */
export async function benchStore(opts: { address: string; single?: string; sizes: number[] }): Promise<void> {
  const { vocab, source } = loadVocab();
  console.log('== Team store benchmark (Redis Cluster) ==');
  console.log(`machine: ${os.cpus().length} cores (client, all Redis primaries and replicas share them), load ${os.loadavg()[0].toFixed(1)}; vocabulary: ${source}`);
  for (const n of opts.sizes) {
    const ns = `bench-${randomBytes(3).toString('hex')}`;
    const store = await RedisStore.connect(`${opts.address}?ns=${ns}`);
    const index = new ProvenanceIndex();
    try {
      const before = await memory(store);
      let redisMs = 0;
      let localMs = 0;
      for (let from = 0; from < n; from += CHUNK) {
        const entries = Array.from({ length: Math.min(CHUNK, n - from) }, (_, i) => packOf(vocab, from + i));
        const t = performance.now();
        for (const e of entries) index.add(e);
        localMs += performance.now() - t;
        redisMs += await ingest(store, entries);
      }
      const after = await memory(store);
      const perPrimary = (after.primaries - before.primaries) / n;
      const perReplica = (after.replicas - before.replicas) / n;
      console.log(
        `\nN=${n.toLocaleString('en')}: ingest redis ${((n / redisMs) * 1000).toFixed(0)} articles/s (${IN_FLIGHT} batches of ${ADD_BATCH} in flight, each acknowledged after a replica confirmed), ` +
          `local ProvenanceIndex ${((n / localMs) * 1000).toFixed(0)} articles/s (in memory, one process)`,
      );
      console.log(`  Redis memory: ${perPrimary.toFixed(0)} B/article on the primaries, ${perReplica.toFixed(0)} B/article on the replicas (used_memory delta / N)`);

      const r = rng(n);
      const queries = Array.from({ length: QUERIES }, (_, q) => {
        const src = Math.floor(r() * n);
        const kind = q % 2 === 0 ? 'copy' : 'rewrite';
        return { src, article: plant(vocab, src, kind, q) };
      });
      const redisLat: number[] = [];
      const localLat: number[] = [];
      let redisFound = 0;
      let localFound = 0;
      let sameCandidates = 0;
      // Warm-up (JIT, connections) outside the figures.
      for (const q of queries.slice(0, 5)) await checkInStore(store, q.article, { claimIndex: null });
      for (const q of queries) {
        let t = performance.now();
        const { report } = await checkInStore(store, q.article, { claimIndex: null });
        redisLat.push(performance.now() - t);
        if (report.directSource?.url === docUrl(q.src)) redisFound++;
        t = performance.now();
        const cands = index.candidates(q.article, { k: 20 });
        const docs = cands.map((c) => packOf(vocab, Number(c.url.slice(c.url.lastIndexOf('/') + 1))));
        const local = analyzeArticle(q.article, docs, indexAnalysisOptions(index));
        localLat.push(performance.now() - t);
        if (local.directSource?.url === docUrl(q.src)) localFound++;
        const got = await store.retrieve(printRecord(q.article), 20, q.article.url);
        if (got.candidates.map((c) => c.url).join() === cands.map((c) => c.url).join()) sameCandidates++;
      }
      console.log(
        `  check (retrieve + load + analyse, one at a time): redis p50 ${pct(redisLat, 50).toFixed(1)} ms, p95 ${pct(redisLat, 95).toFixed(1)} ms; ` +
          `local p50 ${pct(localLat, 50).toFixed(1)} ms, p95 ${pct(localLat, 95).toFixed(1)} ms (local loads by regenerating entries)`,
      );
      console.log(
        `  planted source named: redis ${redisFound}/${QUERIES}, local ${localFound}/${QUERIES}; identical top-20 candidate lists ${sameCandidates}/${QUERIES} ` +
          `(concurrent batches count df in another order than one writer, so posted terms can differ slightly)`,
      );
    } finally {
      await dropNamespace(store, ns);
      await store.close();
    }
  }
  if (opts.single) {
    const n = Math.min(opts.sizes[0], 50_000);
    const entries = Array.from({ length: n }, (_, i) => packOf(vocab, i));
    for (const [label, address] of [['1 primary', opts.single], ['3 primaries', opts.address]] as const) {
      const ns = `bench-${randomBytes(3).toString('hex')}`;
      const store = await RedisStore.connect(`${address}?ns=${ns}`);
      try {
        const ms = await ingest(store, entries);
        console.log(`scaling: ${label} (each with one replica): ingest ${((n / ms) * 1000).toFixed(0)} articles/s over ${n.toLocaleString('en')} articles`);
      } finally {
        await dropNamespace(store, ns);
        await store.close();
      }
    }
  }
}
