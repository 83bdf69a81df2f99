/**
 * Team-store benchmark (`npm run bench -- --store redis://...`): the Redis Cluster store next to
 * the in-memory ProvenanceIndex, on the engine benchmark's synthetic corpus (pack entries: what a
 * newsroom's crawler would add). Per size and mode (align=0: fingerprints only, the default;
 * align=1: documents whole): ingest throughput, Redis memory per article per copy (INFO memory on
 * every primary and replica: average and marginal over the second half, and a MEMORY USAGE
 * breakdown by key family), check latency p50/p95 and the planted sources found, for both
 * stores; whether both retrieve the same candidates.
 *   npm run bench -- --store redis://127.0.0.1:7101,... [--store-sizes 10000,100000]
 *                    [--store-modes 0,1] [--store-1 redis://127.0.0.1:7301]   (1 primary: scaling)
 * Works in its own namespace and deletes its keys at the end.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { ProvenanceIndex, analyzeArticle, type PackEntry } from '../src/core/engine/index';
import { indexAnalysisOptions } from '../src/core/engine/check-article';
import { printRecord } from '../src/core/engine/fingerprint-article';
import { Redis } from 'ioredis';
import { ADD_BATCH, RedisStore } from '../src/store/redis-store';
import { docUrl, loadVocab, packOf, pct, plantedQueries } from './synthetic-corpus';

const QUERIES = 200;
/** Entries generated ahead of timing (bounds the client's memory at 10^6). */
const CHUNK = 20_000;

/** used_memory summed over primaries and over replicas (each node asked directly: the store's client talks to primaries only). */
async function memory(store: RedisStore): Promise<{ primaries: number; replicas: number }> {
  const lines = (await store.cluster.nodes('master')[0].cluster('NODES')) as string;
  const out = { primaries: 0, replicas: 0 };
  for (const line of lines.split('\n').filter((l) => l && !/fail|handshake|noaddr/.test(l))) {
    const [, addr, flags] = line.split(' ');
    const [host, port] = addr.split('@')[0].split(':');
    const node = new Redis({ host, port: Number(port), lazyConnect: true });
    try {
      await node.connect();
      const used = Number(/used_memory:(\d+)/.exec(await node.info('memory'))![1]);
      if (flags.includes('master')) out.primaries += used;
      else out.replicas += used;
    } finally {
      node.disconnect();
    }
  }
  return out;
}

/** Bytes per key family (MEMORY USAGE of every 16th key of the namespace, scaled up), over the primaries. */
async function breakdown(store: RedisStore, ns: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const node of store.cluster.nodes('master')) {
    let cursor = '0';
    let seen = 0;
    do {
      const [c, keys] = await node.scan(cursor, 'MATCH', `pl:${ns}:*`, 'COUNT', 2000);
      cursor = c;
      for (const key of keys) {
        if (seen++ % 16 !== 0) continue;
        // `pl:NS:{m}` is the meta hash; other keys are `pl:NS:FAMILY:{tag}...`.
        const rest = key.slice(`pl:${ns}:`.length);
        const family = rest.startsWith('{') ? rest.slice(1, rest.indexOf('}')) : rest.replace(/[:{].*$/, '');
        out.set(family, (out.get(family) ?? 0) + 16 * Number((await node.memory('USAGE', key, 'SAMPLES', '0')) ?? 0));
      }
    } while (cursor !== '0');
  }
  return out;
}

/** Family names of the breakdown, as docs/team-store.md's layout table calls them. */
const FAMILY: Record<string, string> = { tp: 'term postings', sp: 'shingle postings', df: 'df', u: 'URLs', o: 'documents', sk: 'sketch', m: 'meta' };

/** Adds `entries` as `index --store` does: one add() call, its batches one after another. */
async function ingest(store: RedisStore, entries: PackEntry[]): Promise<number> {
  const t = performance.now();
  await store.add(entries, '2026-02-01T00:00:00.000Z');
  return performance.now() - t;
}

async function dropNamespace(store: RedisStore, ns: string): Promise<void> {
  for (const node of store.cluster.nodes('master')) {
    let cursor = '0';
    do {
      const [c, keys] = await node.scan(cursor, 'MATCH', `pl:${ns}:*`, 'COUNT', 1000);
      cursor = c;
      // One key per UNLINK: a namespace's keys sit in many slots.
      await Promise.all(keys.map((k) => node.unlink(k)));
    } while (cursor !== '0');
  }
}

/** Runs the team-store benchmark against the cluster at `address`. */
export async function benchStore(opts: { address: string; single?: string; sizes: number[]; modes: boolean[] }): Promise<void> {
  const { vocab, source } = loadVocab();
  console.log('== Team store benchmark (Redis Cluster) ==');
  console.log(`machine: ${os.cpus().length} cores (client, all Redis primaries and replicas share them), load ${os.loadavg()[0].toFixed(1)}; vocabulary: ${source}`);
  for (const align of opts.modes)
    for (const n of opts.sizes) {
      const ns = `bench-${randomBytes(3).toString('hex')}`;
      const store = await RedisStore.connect(`${opts.address}?ns=${ns}&align=${align ? 1 : 0}`);
      const index = new ProvenanceIndex();
      try {
        const before = await memory(store);
        let half = before;
        let redisMs = 0;
        let localMs = 0;
        for (let from = 0; from < n; from += CHUNK) {
          if (from > 0 && from <= n / 2 && from + CHUNK > n / 2) half = await memory(store);
          const entries = Array.from({ length: Math.min(CHUNK, n - from) }, (_, i) => packOf(vocab, from + i));
          const t = performance.now();
          for (const e of entries) index.add(e);
          localMs += performance.now() - t;
          redisMs += await ingest(store, entries);
        }
        const after = await memory(store);
        const halfN = half === before ? n : n - Math.ceil(n / 2 / CHUNK) * CHUNK;
        const per = (x: number, y: number, count: number) => ((x - y) / count).toFixed(0);
        console.log(
          `\nN=${n.toLocaleString('en')}, align=${align ? 1 : 0} (${align ? 'documents whole: full reports' : 'fingerprints only: matches, no verdicts'}), load ${os.loadavg()[0].toFixed(1)}: ` +
            `ingest redis ${((n / redisMs) * 1000).toFixed(0)} articles/s (batches of ${ADD_BATCH} one after another, as \`index --store\` writes them, each acknowledged after a replica confirmed), ` +
            `local ProvenanceIndex ${((n / localMs) * 1000).toFixed(0)} articles/s (in memory, one process)`,
        );
        console.log(
          `  Redis memory per article per copy: primaries ${per(after.primaries, before.primaries, n)} B, replicas ${per(after.replicas, before.replicas, n)} B (used_memory delta / N)` +
            (halfN < n ? `; marginal over the last ${halfN.toLocaleString('en')}: primaries ${per(after.primaries, half.primaries, halfN)} B, replicas ${per(after.replicas, half.replicas, halfN)} B` : ''),
        );
        const parts = await breakdown(store, ns);
        console.log(`  by family (MEMORY USAGE, primaries, B/article): ${[...parts].sort((x, y) => y[1] - x[1]).map(([f, b]) => `${FAMILY[f] ?? f} ${(b / n).toFixed(0)}`).join(', ')}`);

        const queries = plantedQueries(vocab, n, QUERIES);
        const localLat: number[] = [];
        let localFound = 0;
        let sameCandidates = 0;
        // The store's checks run in a process of their own, as `serve` or the CLI runs them: in
        // this one they shared the heap of the in-memory index (~1 GB at 10^6) and its collections.
        const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./store-checks.ts', import.meta.url)), opts.address, ns, String(n), align ? '1' : '0'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        if (child.status !== 0) throw new Error(`the store's checks failed (exit ${child.status})`);
        const { lat: redisLat, found: redisFound } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { lat: number[]; found: number };
        globalThis.gc?.();
        for (const q of queries) {
          const t = performance.now();
          const cands = index.candidates(q.article, { k: 20 });
          const docs = cands.map((c) => packOf(vocab, Number(c.url.slice(c.url.lastIndexOf('/') + 1))));
          const local = analyzeArticle(q.article, docs, indexAnalysisOptions(index));
          localLat.push(performance.now() - t);
          if (local.directSource?.url === docUrl(q.src)) localFound++;
          const got = await store.retrieve(printRecord(q.article), 20, q.article.url);
          if (got.candidates.map((c) => c.url).join() === cands.map((c) => c.url).join()) sameCandidates++;
        }
        console.log(
          `  check (${align ? 'retrieve + load + analyse' : 'retrieve + load: the matches'}, one at a time; redis from a process of its own): redis p50 ${pct(redisLat, 50).toFixed(1)} ms, p95 ${pct(redisLat, 95).toFixed(1)} ms; ` +
            `local (retrieve + analyse) p50 ${pct(localLat, 50).toFixed(1)} ms, p95 ${pct(localLat, 95).toFixed(1)} ms (local loads by regenerating entries)`,
        );
        console.log(
          `  planted source ${align ? 'named as direct source' : 'first match'}: redis ${redisFound}/${QUERIES}, local (direct source) ${localFound}/${QUERIES}; identical top-20 candidate lists ${sameCandidates}/${QUERIES}`,
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
        console.log(`scaling: ${label} (each with one replica, align=0): ingest ${((n / ms) * 1000).toFixed(0)} articles/s over ${n.toLocaleString('en')} articles, load ${os.loadavg()[0].toFixed(1)}`);
      } finally {
        await dropNamespace(store, ns);
        await store.close();
      }
    }
  }
}
