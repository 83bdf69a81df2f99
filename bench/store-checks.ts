/**
 * The team-store benchmark's timed checks, in a process of their own as a `serve` or CLI process
 * runs them (no in-memory index beside them): `bench/store.ts` starts it after the ingest with the
 * address, namespace, size and mode, and reads one JSON line back (latencies in ms, the planted
 * sources found).
 */
import { printRecord } from '../src/core/engine/fingerprint-article';
import { checkInStore, matchInStore } from '../src/store/provenance-store';
import { RedisStore } from '../src/store/redis-store';
import { docUrl, loadVocab, plantedQueries } from './synthetic-corpus';

const [address, ns, size, mode] = process.argv.slice(2);
const align = mode === '1';
const store = await RedisStore.connect(`${address}?ns=${ns}&align=${mode}`);
try {
  const queries = plantedQueries(loadVocab().vocab, Number(size));
  // With alignment data a check is the full report; without, the matches (retrieve + load).
  const check = async (article: (typeof queries)[number]['article']) =>
    align ? (await checkInStore(store, article, { claimIndex: null })).report.directSource?.url : (await matchInStore(store, printRecord(article))).matches[0]?.url;
  // Warm-up (JIT, connections) outside the figures.
  for (const q of queries.slice(0, 5)) await check(q.article);
  const lat: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    const named = await check(q.article);
    lat.push(performance.now() - t);
    if (named === docUrl(q.src)) found++;
  }
  process.stdout.write(`${JSON.stringify({ lat, found })}\n`);
} finally {
  await store.close();
}
