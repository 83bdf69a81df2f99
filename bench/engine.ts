/**
 * Engine benchmark: a growth curve of the ProvenanceIndex at 10^3..10^6 synthetic articles (built
 * from a real vocabulary: words of the seeds and WikinewsSum when present, else a built-in list),
 * with planted verbatim copies and rewrites as queries. Prints build time, bytes per article, peak
 * memory, check latency p50/p95 (retrieval + loading fingerprints + full analysis), recall of the
 * planted sources; and, side by side in the same run, MiniSearch as the retriever and brute-force
 * TF-IDF (latency and P@1 each).
 *   node --expose-gc --max-old-space-size=4096 --import tsx bench/engine.ts [1000,10000,...] [--lib-max=N]
 * Indexed articles are regenerated from their id on load (a stand-in for the store), so the
 * benchmark measures the index, not a copy of the corpus in memory.
 */
import os from 'node:os';
import MiniSearch from 'minisearch';
import { ProvenanceIndex, analyzeArticle, fingerprintArticle } from '../src/core/engine/index';
import { termHash } from '../src/core/engine/fingerprint-article';
import { contentTerms } from '../src/core/text/index';
import { STORY_SIZE, docUrl, loadVocab, makeDoc, packOf, pct, plant, plantedQueries, wordHash } from './synthetic-corpus';

const QUERIES = 200;

function mb(n: number): string {
  return `${(n / 1048576).toFixed(0)} MB`;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs the growth curve for the given index sizes and prints the figures. */
export async function benchEngine(opts: { sizes: number[]; libraryMax?: number }): Promise<void> {
  const { vocab, source } = loadVocab();
  const libMax = opts.libraryMax ?? 10_000;
  console.log('== Engine benchmark ==');
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at start (shared machine: latencies scale with load)`);
  console.log(`vocabulary: ${source}; ${STORY_SIZE} articles per story; ${QUERIES} planted queries per size (half verbatim copies, half rewrites)`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for stable memory figures)');

  // Fingerprinting cost of a real article (what add() pays for a full record), on the query texts.
  {
    const warm = Array.from({ length: 50 }, (_, i) => plant(vocab, 500 + i, 'copy', 20_000 + i));
    for (const a of warm) fingerprintArticle(a); // JIT warm-up
    const sample = Array.from({ length: 200 }, (_, i) => plant(vocab, i, 'copy', 10_000 + i));
    const t = performance.now();
    for (const a of sample) fingerprintArticle(a);
    console.log(`fingerprintArticle: ${((performance.now() - t) / sample.length).toFixed(2)} ms per ~450-word article`);
  }

  for (const n of opts.sizes) {
    gc();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    const index = new ProvenanceIndex();
    let genMs = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const tg = performance.now();
      const entry = packOf(vocab, i);
      genMs += performance.now() - tg;
      index.add(entry);
      if ((i & 8191) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    // Build time is the index's own: generating the synthetic fingerprints is excluded.
    const buildS = (performance.now() - t0 - genMs) / 1000;
    gc();
    const after = process.memoryUsage();
    peakRss = Math.max(peakRss, after.rss);
    const snapshot = index.toSnapshot();
    const load = os.loadavg()[0].toFixed(1);
    console.log(
      `\nN=${n.toLocaleString('en')}: build ${buildS.toFixed(1)} s (${((buildS * 1e6) / n).toFixed(0)} us/article from pack entries; generating them took ${(genMs / 1000).toFixed(1)} s more); ` +
        `index ${(index.bytes / n).toFixed(0)} B/article (snapshot ${(snapshot.byteLength / n).toFixed(0)} B/article); ` +
        `heap +${mb(after.heapUsed + after.arrayBuffers - base.heapUsed - base.arrayBuffers)}, peak RSS ${mb(peakRss)} (load ${load})`,
    );

    // Planted queries: sources drawn uniformly from the index.
    const queries = plantedQueries(vocab, n, QUERIES);
    const lat: number[] = [];
    const retrLat: number[] = [];
    const loadLat: number[] = [];
    let recall = 0;
    let top1 = 0;
    const named = { copy: 0, rewrite: 0 };
    for (const q of queries) {
      const t = performance.now();
      const cands = index.candidates(q.article, { k: 20 });
      const t1 = performance.now();
      // Loading is the store's cost (here: regenerating the synthetic entries), timed apart.
      const docs = cands.map((c) => packOf(vocab, Number(c.url.slice(c.url.lastIndexOf('/') + 1))));
      const t2 = performance.now();
      const report = analyzeArticle(q.article, docs, { idf: (h) => index.idf(h), docCount: index.docCount });
      lat.push(performance.now() - t2 + (t1 - t));
      retrLat.push(t1 - t);
      loadLat.push(t2 - t1);
      const srcUrl = docUrl(q.src);
      if (cands.some((c) => c.url === srcUrl)) recall++;
      if (cands[0]?.url === srcUrl) top1++;
      if (report.directSource?.url === srcUrl) named[q.kind]++;
    }
    const half = QUERIES / 2;
    console.log(
      `  ours: check (retrieval + analysis) p50 ${pct(lat, 50).toFixed(1)} ms, p95 ${pct(lat, 95).toFixed(1)} ms; retrieval alone p50 ${pct(retrLat, 50).toFixed(2)} ms, p95 ${pct(retrLat, 95).toFixed(2)} ms; ` +
        `loading 20 entries (synthetic store) p50 ${pct(loadLat, 50).toFixed(1)} ms; ` +
        `recall@20 ${(recall / QUERIES).toFixed(3)}; retrieval P@1 ${(top1 / QUERIES).toFixed(3)}; ` +
        `report names the planted source: copies ${(named.copy / half).toFixed(3)}, rewrites ${(named.rewrite / half).toFixed(3)}`,
    );

    if (n <= libMax) {
      // MiniSearch as the retriever, over the same articles' text (the whole query text as an OR query).
      gc();
      const m0 = process.memoryUsage();
      const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
      const tb = performance.now();
      for (let i = 0; i < n; i++) ms.add({ id: i, text: makeDoc(vocab, i).map((s) => s.join(' ')).join('. ') });
      const msBuild = (performance.now() - tb) / 1000;
      gc();
      const m1 = process.memoryUsage();
      // Whole-text OR queries take seconds each beyond 10^4 articles: fewer of them there.
      const wholeSub = queries.slice(0, n <= 10_000 ? 100 : 10);
      const sub = queries.slice(0, 100);
      // Two ways to query it: the whole text (the obvious use), and only the 48 rarest words (by
      // our index's document frequency), which is kinder to the library.
      const rarest = (text: string) =>
        [...new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? [])]
          .map((w) => ({ w, df: contentTerms(w)[0] ? index.docFreq(termHash(contentTerms(w)[0].term)) : Infinity }))
          .filter((x) => x.df > 0 && x.df < Infinity)
          .sort((a, b) => a.df - b.df)
          .slice(0, 48)
          .map((x) => x.w)
          .join(' ');
      for (const [label, makeQuery] of [
        ['whole text', (t: string) => t],
        ['48 rarest words', rarest],
      ] as const) {
        const msLat: number[] = [];
        let msTop = 0;
        const qs = label === 'whole text' ? wholeSub : sub;
        for (const q of qs) {
          const text = makeQuery(q.article.paragraphs.join(' '));
          const t = performance.now();
          const res = ms.search(text, { combineWith: 'OR' });
          msLat.push(performance.now() - t);
          if (res[0]?.id === q.src) msTop++;
        }
        console.log(
          `  MiniSearch (${label}): build ${msBuild.toFixed(1)} s, heap +${mb(m1.heapUsed - m0.heapUsed)}; search p50 ${pct(msLat, 50).toFixed(1)} ms, p95 ${pct(msLat, 95).toFixed(1)} ms; P@1 ${(msTop / qs.length).toFixed(3)} (${qs.length} queries)`,
        );
      }
    }
    if (n <= libMax * 10) {
      // Brute-force TF-IDF cosine against every article: sparse vectors precomputed in typed arrays
      // (not timed), idf from the index; each query scans them all.
      const offs = new Uint32Array(n + 1);
      const termsList: number[] = [];
      const weightsList: number[] = [];
      for (let i = 0; i < n; i++) {
        const tf = new Map<number, number>();
        for (const s of makeDoc(vocab, i)) for (const w of s) tf.set(wordHash(w), (tf.get(wordHash(w)) ?? 0) + 1);
        let norm = 0;
        const ws: Array<[number, number]> = [];
        for (const [h, f] of tf) {
          const w = (1 + Math.log(f)) * index.idf(h);
          ws.push([h, w]);
          norm += w * w;
        }
        norm = Math.sqrt(norm) || 1;
        for (const [h, w] of ws) {
          termsList.push(h);
          weightsList.push(w / norm);
        }
        offs[i + 1] = termsList.length;
      }
      const terms = Uint32Array.from(termsList);
      const weights = Float32Array.from(weightsList);
      termsList.length = 0;
      weightsList.length = 0;
      const sub = queries.slice(0, n <= 10_000 ? 100 : 20);
      const bfLat: number[] = [];
      let bfTop = 0;
      for (const q of sub) {
        const t = performance.now();
        const qv = new Map<number, number>();
        for (const term of contentTerms(q.article.paragraphs.join(' '))) {
          const h = termHash(term.term);
          qv.set(h, (qv.get(h) ?? 0) + 1);
        }
        for (const [h, f] of qv) qv.set(h, (1 + Math.log(f)) * index.idf(h));
        let best = -1;
        let bestScore = -1;
        for (let i = 0; i < n; i++) {
          let dot = 0;
          for (let j = offs[i]; j < offs[i + 1]; j++) {
            const x = qv.get(terms[j]);
            if (x !== undefined) dot += x * weights[j];
          }
          if (dot > bestScore) {
            bestScore = dot;
            best = i;
          }
        }
        bfLat.push(performance.now() - t);
        if (best === q.src) bfTop++;
      }
      console.log(
        `  brute-force TF-IDF (vectors in memory, ${mb(terms.byteLength + weights.byteLength)}): p50 ${pct(bfLat, 50).toFixed(0)} ms, p95 ${pct(bfLat, 95).toFixed(0)} ms; P@1 ${(bfTop / sub.length).toFixed(3)} (${sub.length} queries)`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.slice(2).find((a) => /^[\d,_]+$/.test(a));
  const lib = process.argv.find((a) => a.startsWith('--lib-max='));
  await benchEngine({
    sizes: arg ? arg.split(',').map((x) => Number(x.replace(/_/g, ''))) : [1_000, 10_000, 100_000, 1_000_000],
    libraryMax: lib ? Number(lib.slice(10)) : undefined,
  });
}
