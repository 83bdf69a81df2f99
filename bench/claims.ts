/**
 * Claim matching benchmark (prints figures; no assertions):
 *  - import of a 10^5-claim ClaimReview DataFeed: bytes -> planUpdate (UTF-8, JSON, strict schema,
 *    per-record validation) -> ClaimIndex build; then a harvest of 3 claims into the built index,
 *    and a refresh of the whole feed with 1% of it reworded;
 *  - matching a 60-sentence article against the 10^5 claims: p50 / p95 over many articles.
 * Claims are synthetic but shaped like real ones: Zipf-distributed vocabulary of 40k words over a
 * core of common English, 8-30 words, numbers, names. Deterministic (seeded).
 *   node --import tsx bench/claims.ts [--claims N]
 */
import { ClaimIndex } from '../src/core/claims';
import { planUpdate } from '../src/core/feeds';
import { articleText } from '../src/core/types';
import { rng } from './synthetic-corpus';

const COMMON = (
  'the a of to in and that is was for on with as by at from it he she they said will would has have had not ' +
  'president government people year million percent state city police vaccine video photo shows claim law new ' +
  'tax money children school health report court election vote women water food war military border climate'
).split(' ');
const SYLL = ['ka', 'ro', 'mi', 'te', 'lan', 'sor', 'vi', 'del', 'ar', 'gu', 'pe', 'ston', 'ne', 'bri', 'lo', 'ham', 'ti', 'mor'];

function makeVocab(n: number, r: () => number): string[] {
  const v = new Set<string>();
  while (v.size < n) {
    const len = 2 + Math.floor(r() * 3);
    let w = '';
    for (let i = 0; i < len; i++) w += SYLL[Math.floor(r() * SYLL.length)];
    v.add(w);
  }
  return [...v];
}

/** Zipf sampler over ranks 0..n-1 (s = 1.05) by inverse CDF on a precomputed table. */
function zipf(n: number, r: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, 1.05);
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function sentence(r: () => number, vocab: string[], pick: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const x = r();
    if (x < 0.35) out.push(COMMON[Math.floor(r() * COMMON.length)]);
    else if (x < 0.4) out.push(String(Math.floor(r() * 2000)));
    else {
      const w = vocab[pick()];
      out.push(x < 0.45 ? w[0].toUpperCase() + w.slice(1) : w);
    }
  }
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

const pctl = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/**
 * A ClaimReview DataFeed of `n` synthetic claims (deterministic), its bytes, the claim texts, and
 * the generator state (the article generator continues from it).
 */
export function makeClaimFeed(n: number): { body: Uint8Array; texts: string[]; r: () => number; vocab: string[]; pick: () => number } {
  const r = rng(42);
  const vocab = makeVocab(40_000, r);
  const pick = zipf(vocab.length, r);
  const records = [];
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = sentence(r, vocab, pick, 8 + Math.floor(r() * 22));
    texts.push(text);
    records.push({
      '@type': 'DataFeedItem',
      item: [
        {
          '@type': 'ClaimReview',
          url: `https://factcheck.example/review/${i}`,
          datePublished: '2024-05-02',
          name: `Did ${text.slice(0, 60)}?`,
          claimReviewed: text,
          author: { '@type': 'Organization', name: 'Fact Desk', url: 'https://factcheck.example/' },
          reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
          itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Social media' }, appearance: [{ '@type': 'CreativeWork', url: `https://social.example/p/${i}` }] },
        },
      ],
    });
  }
  const body = new TextEncoder().encode(JSON.stringify({ '@context': 'https://schema.org', '@type': 'DataFeed', dateModified: '2024-05-03T00:00:00Z', dataFeedElement: records }));
  return { body, texts, r, vocab, pick };
}

/** Runs the claim benchmark and prints its figures. */
export async function benchClaims(opts: { claims?: number; articles?: number } = {}): Promise<void> {
  const n = opts.claims ?? 100_000;
  const nArticles = opts.articles ?? 60;
  console.log(`== Claims: ${n.toLocaleString('en')} claims, ${nArticles} articles of 60 sentences`);
  const { body, texts, r, vocab, pick } = makeClaimFeed(n);

  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  const plan = await planUpdate({ id: 'bench', kind: 'claimreview', publicKey: null, dataVersion: null }, {
    type: 'response', status: 200, contentType: 'application/json', body, etag: null, lastModified: null, signature: null,
  });
  const tParse = performance.now() - t0;
  const cParse = process.cpuUsage(c0);
  if (plan.action !== 'replace' || plan.kind !== 'claimreview') throw new Error(`bench feed rejected: ${JSON.stringify(plan).slice(0, 200)}`);
  t0 = performance.now();
  c0 = process.cpuUsage();
  const index = new ClaimIndex(plan.claims);
  index.search('warm up the index', 1);
  const tIndex = performance.now() - t0;
  const cIndex = process.cpuUsage(c0);
  const cpu = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1000).toFixed(0);
  globalThis.gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  console.log(`  import: feed ${(body.length / 1048576).toFixed(1)} MiB; validate + parse ${tParse.toFixed(0)} ms (CPU ${cpu(cParse)} ms; ${plan.claims.length} claims, ${plan.skipped} skipped); index build ${tIndex.toFixed(0)} ms (CPU ${cpu(cIndex)} ms); index ${(index.stats().typedBytes / 1048576).toFixed(1)} MiB of typed arrays (${index.stats().terms.toLocaleString('en')} terms, ${index.stats().postings.toLocaleString('en')} postings) + vocabulary map; heap growth ${((heap1 - heap0) / 1048576).toFixed(0)} MiB`);

  // A harvest: a fact-check page's few claims join the built index (only they are tokenised).
  const harvested = plan.claims.slice(0, 3).map((c, i) => ({ ...c, id: `harvest-${i}`, source: 'harvest', claimReviewed: `${c.claimReviewed} (harvested)` }));
  t0 = performance.now();
  index.add(harvested);
  index.search('warm up the index', 1);
  const tHarvest = performance.now() - t0;
  console.log(`  harvest: ${harvested.length} claims added to the built index and ready to match in ${tHarvest.toFixed(0)} ms (a full build above: ${tIndex.toFixed(0)} ms)`);
  // A feed refresh: the same 10^5-claim feed with 1% of its claims reworded.
  const source = plan.claims[0].source;
  const refreshed = plan.claims.map((c, i) => (i % 100 === 0 ? { ...c, claimReviewed: `${c.claimReviewed} (updated)` } : c));
  t0 = performance.now();
  index.replaceSource(source, refreshed);
  index.search('warm up the index', 1);
  console.log(`  feed refresh: ${refreshed.length.toLocaleString('en')} claims, 1% reworded, taken by the built index in ${(performance.now() - t0).toFixed(0)} ms`);

  // Articles: 60 sentences, a few of which restate a claim in other words (shuffled, words dropped).
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let found = 0;
  let planted = 0;
  let matchedSentences = 0;
  let sentences = 0;
  for (let a = 0; a < nArticles + 5; a++) {
    const paragraphs: string[] = [];
    const plantedIds = new Set<string>();
    for (let p = 0; p < 12; p++) {
      const sents: string[] = [];
      for (let s = 0; s < 5; s++) {
        if (r() < 0.05) {
          const i = Math.floor(r() * n);
          const words = texts[i].replace(/\.$/, '').split(' ').filter(() => r() > 0.2);
          sents.push(`Posts claimed that ${words.join(' ')}.`);
          plantedIds.add(`https://factcheck.example/review/${i}`);
        } else sents.push(sentence(r, vocab, pick, 10 + Math.floor(r() * 20)));
      }
      paragraphs.push(sents.join(' '));
    }
    t0 = performance.now();
    const cpuAt = process.cpuUsage();
    const m = index.matchArticle({ paragraphs });
    const dt = performance.now() - t0;
    const dc = process.cpuUsage(cpuAt);
    if (a >= 5) {
      times.push(dt); // the first 5 warm the JIT
      cpuTimes.push((dc.user + dc.system) / 1000);
      planted += plantedIds.size;
      found += new Set(m.map((x) => x.claim.id).filter((id) => plantedIds.has(id))).size;
      matchedSentences += m.length;
      sentences += 60;
    }
    void articleText;
  }
  console.log(`  match a 60-sentence article: p50 ${pctl(times, 0.5).toFixed(1)} ms, p95 ${pctl(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (goal p95 <= 30 ms); CPU time p50 ${pctl(cpuTimes, 0.5).toFixed(1)} ms, p95 ${pctl(cpuTimes, 0.95).toFixed(1)} ms (wall time inflates on a busy machine)`);
  // Synthetic text is word salad over a skewed vocabulary: these two figures check that matching
  // works at this scale, not its real precision (that is scripts/eval-claims.ts on real news).
  console.log(`  synthetic sanity: ${found} of ${planted} planted restatements (20% of words dropped) found; ${matchedSentences} of ${sentences} sentences matched in all`);
}

if (process.argv[1]?.endsWith('claims.ts')) {
  const i = process.argv.indexOf('--claims');
  await benchClaims({ claims: i > 0 ? Number(process.argv[i + 1]) : undefined });
}
