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
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { ProvenanceIndex, analyzeArticle, fingerprintArticle, type PackEntry } from '../src/core/engine/index';
import { shinglesOf, termHash, type SentencePrint } from '../src/core/engine/fingerprint-article';
import { contentTerms, tokenize } from '../src/core/text/index';
import type { ArticleRecord } from '../src/core/types';

const DATA = resolve(import.meta.dirname, '../../shared/data');
const SEEDS = resolve(import.meta.dirname, '../../shared/seeds');
const NO_SIGNALS = { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null };
/** Articles per synthetic story: the other articles of a story are same-story distractors. */
const STORY_SIZE = 4;
const QUERIES = 200;

const FALLBACK_WORDS = (
  'government minister police court election president company market million billion percent report ' +
  'officials city council hospital school water energy price prices oil bank economy workers union strike ' +
  'health patients doctors storm flood fire army attack military weapons deal talks agreement trade tax ' +
  'budget spending debt inflation interest rates investors shares profit losses sales customers data ' +
  'security privacy breach hackers network internet phone technology research scientists study climate ' +
  'emissions carbon coal plant factory jobs unemployment housing rent mortgage families children students ' +
  'teachers university parliament senate congress bill law judge trial prosecutors lawyer charges prison ' +
  'investigation evidence witness victims crash road bridge railway airport flights passengers ferry port ' +
  'ship border migrants refugees aid crisis protest demonstrators rally vote voters campaign candidate party ' +
  'leader opposition coalition reform plan project construction contract funding grant repairs engineers ' +
  'museum festival concert film season team players coach match championship record race winner fans'
).split(' ');

interface Vocab {
  words: string[];
  hashes: Uint32Array;
  cum: Float64Array;
}

/** Vocabulary with real frequencies: content words of the seeds and WikinewsSum texts, if present. */
export function loadVocab(): { vocab: Vocab; source: string } {
  const texts: string[] = [];
  if (existsSync(SEEDS)) for (const f of readdirSync(SEEDS)) texts.push(readFileSync(join(SEEDS, f), 'utf8'));
  const wiki = join(DATA, 'wikinews-dev', 'articles.jsonl');
  if (existsSync(wiki))
    for (const l of readFileSync(wiki, 'utf8').split('\n').filter(Boolean)) {
      const a = JSON.parse(l) as { text: string; sources: Array<{ language: string; maintext: string | null }> };
      texts.push(a.text);
      for (const s of a.sources) if (s.language === 'en' && s.maintext) texts.push(s.maintext);
    }
  const freq = new Map<string, { word: string; n: number }>();
  for (const t of texts)
    for (const tok of tokenize(t)) {
      if (!/^[a-z]{3,}$/.test(tok.norm)) continue;
      const ct = contentTerms(tok.norm);
      if (ct.length !== 1) continue;
      const e = freq.get(ct[0].term);
      if (e) e.n++;
      else freq.set(ct[0].term, { word: tok.norm, n: 1 });
    }
  let entries = [...freq.values()].sort((a, b) => b.n - a.n);
  let source = `${entries.length} content words from the seeds and WikinewsSum texts`;
  if (entries.length < 500) {
    entries = FALLBACK_WORDS.map((w, i) => ({ word: w, n: 1000 / (i + 1) }));
    source = `${entries.length} built-in words (Zipf weights)`;
  }
  const words = entries.map((e) => e.word);
  const hashes = Uint32Array.from(words, (w) => termHash(contentTerms(w)[0].term));
  const cum = new Float64Array(entries.length);
  let s = 0;
  entries.forEach((e, i) => (cum[i] = s += e.n));
  return { vocab: { words, hashes, cum }, source };
}

export function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A synthetic article as sentences of words (surface forms); every word yields one content term. */
type Doc = string[][];

function zipfWord(v: Vocab, r: () => number): string {
  const x = r() * v.cum[v.cum.length - 1];
  let lo = 0;
  let hi = v.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v.cum[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo];
}

function storyWords(v: Vocab, story: number): { topic: string[]; names: string[] } {
  const r = rng(story * 7919 + 17);
  const topic: string[] = [];
  // Topic words from the middle of the frequency range (not the commonest, not hapaxes).
  const lo = Math.min(200, v.words.length >> 3);
  const hi = Math.min(v.words.length, 8000);
  for (let i = 0; i < 25; i++) topic.push(v.words[lo + Math.floor(r() * (hi - lo))]);
  const names: string[] = [];
  for (let i = 0; i < 8; i++) names.push(i < 6 ? `Kal${(story * 8 + i).toString(36)}` : String(1000 + Math.floor(r() * 900000)));
  return { topic, names };
}

function sentence(v: Vocab, r: () => number, story: { topic: string[]; names: string[] }, own: string[]): string[] {
  const n = 8 + Math.floor(r() * 7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.5) out.push(zipfWord(v, r));
    else if (x < 0.8) out.push(story.topic[Math.floor(r() * story.topic.length)]);
    else if (x < 0.92) out.push(story.names[Math.floor(r() * story.names.length)]);
    else out.push(own[Math.floor(r() * own.length)]);
  }
  return out;
}

function makeDoc(v: Vocab, id: number): Doc {
  const r = rng(id * 2654435761 + 1);
  const story = storyWords(v, Math.floor(id / STORY_SIZE));
  // Each article has a few details of its own (a rare word, a figure).
  const own = [v.words[Math.floor(r() * v.words.length)], v.words[Math.floor(r() * v.words.length)], String(10 + Math.floor(r() * 99990))];
  const n = 20 + Math.floor(r() * 11);
  const doc: Doc = [];
  for (let i = 0; i < n; i++) doc.push(sentence(v, r, story, own));
  return doc;
}

// Bounded: synthetic names run into the millions at 10^6 articles, and this cache must not be
// counted as index memory.
const hashOf = new Map<string, number>();
function wordHash(w: string): number {
  let h = hashOf.get(w);
  if (h === undefined) {
    h = termHash(contentTerms(w)[0].term);
    if (hashOf.size > 200_000) hashOf.clear();
    hashOf.set(w, h);
  }
  return h;
}

export function docUrl(id: number): string {
  return `https://site${id % 997}.example/a/${id}`;
}

/** PackEntry of indexed article `id`, straight from its term sequence (what the store would hold). */
export function packOf(v: Vocab, id: number): PackEntry {
  const doc = makeDoc(v, id);
  let start = 0;
  const sentences: SentencePrint[] = doc.map((s) => {
    const len = s.reduce((n, w) => n + w.length + 1, 0);
    const sp: SentencePrint = { start, end: start + len, terms: Uint32Array.from(s, wordHash), spans: null, quoted: 0 };
    start += len + 1;
    return sp;
  });
  return {
    version: 1,
    url: docUrl(id),
    title: `Article ${id}`,
    siteName: `Site ${id % 997}`,
    publishedTime: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
    byline: null,
    lang: 'en',
    signals: NO_SIGNALS,
    links: [],
    wordCount: doc.reduce((n, s) => n + s.length, 0),
    sentences: sentences.map((s) => ({ start: s.start, len: s.end - s.start, terms: Array.from(s.terms), quoted: 0 })),
    shingles: Array.from(shinglesOf(sentences)),
  };
}

const FILLER = ['the', 'of', 'and', 'to', 'in', 'a', 'for', 'on', 'was', 'with'];
function toText(sentences: Doc, r: () => number): string[] {
  const paras: string[] = [];
  let cur: string[] = [];
  for (const s of sentences) {
    const words: string[] = [];
    s.forEach((w, i) => {
      words.push(i === 0 ? w[0].toUpperCase() + w.slice(1) : w);
      if (r() < 0.35) words.push(FILLER[Math.floor(r() * FILLER.length)]);
    });
    cur.push(words.join(' ') + '.');
    if (cur.length === 3) {
      paras.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length) paras.push(cur.join(' '));
  return paras;
}

/** A planted query: a verbatim copy (60% of sentences kept word for word) or a rewrite of doc src. */
export function plant(v: Vocab, src: number, kind: 'copy' | 'rewrite', q: number): ArticleRecord {
  const r = rng(q * 31337 + 7);
  const doc = makeDoc(v, src);
  const story = storyWords(v, Math.floor(src / STORY_SIZE));
  const own = [v.words[Math.floor(r() * v.words.length)], String(10 + Math.floor(r() * 99990))];
  const out: Doc = [];
  for (const s of doc) {
    if (kind === 'copy') out.push(r() < 0.6 ? s : sentence(v, r, story, own));
    else {
      if (r() < 0.3) continue; // dropped in the rewrite
      // Reword: replace ~55% of the words and 20% of names and figures, nudge the order a little.
      const re = s.map((w) => (r() < (/^(Kal|\d)/.test(w) ? 0.2 : 0.55) ? zipfWord(v, r) : w));
      for (let i = 0; i + 1 < re.length; i += 4) if (r() < 0.5) [re[i], re[i + 1]] = [re[i + 1], re[i]];
      out.push(re);
      // New material of the same story (the rewriter's additions).
      if (r() < 0.3) out.push(sentence(v, r, story, own));
    }
  }
  return {
    url: `https://planted.example/${kind}/${q}`,
    title: `Planted ${kind} ${q}`,
    byline: null,
    siteName: 'Planted',
    lang: 'en',
    publishedTime: new Date(Date.UTC(2030, 0, 1)).toISOString(),
    modifiedTime: null,
    paragraphs: toText(out, r),
    links: [],
    signals: NO_SIGNALS,
  };
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

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
    const r = rng(n);
    const queries = Array.from({ length: QUERIES }, (_, q) => {
      const src = Math.floor(r() * n);
      const kind = q % 2 === 0 ? 'copy' : 'rewrite';
      return { src, kind, article: plant(vocab, src, kind as 'copy' | 'rewrite', q) };
    });
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
      if (report.directSource?.url === srcUrl) named[q.kind as 'copy' | 'rewrite']++;
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
