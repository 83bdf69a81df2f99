/**
 * Claim matching evaluation over ../shared/data (skips cleanly when absent):
 *  - CheckThat! 2020 task 2 MAP@5 (verified claims as the store, tweets as queries) on train and
 *    dev, for our ClaimIndex and, in the same run, for a general-purpose BM25 library (MiniSearch);
 *  - the false-alarm rate: share of sentences of unrelated news (WikinewsSum sources) that match
 *    any claim above the calibrated threshold, and the recall of that threshold on dev tweets.
 *   node --import tsx scripts/eval-claims.ts [DATA_DIR]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { ClaimIndex, claimTerms, type ClaimFeatures } from '../src/core/claims';
import { isStopword, splitSentences } from '../src/core/text';
import type { KnownClaim } from '../src/core/types';

/** Parses TSV with CSV-style quoting (fields in double quotes, "" escapes, newlines inside quotes). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (c === '\t') {
      row.push(field);
      field = '';
      fieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStart = true;
    } else {
      field += c;
      fieldStart = false;
    }
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CheckThat! data: verified claims as KnownClaims, queries and qrels per split. */
export interface CheckThat {
  claims: KnownClaim[];
  splits: Record<'train' | 'dev', { queries: Array<{ id: string; text: string }>; qrels: Map<string, Set<string>> }>;
}

/** Loads CheckThat! 2020 task 2 from `dir`. */
export function loadCheckThat(dir: string): CheckThat {
  const rows = parseTsv(readFileSync(join(dir, 'verified_claims.docs.tsv'), 'utf8')).slice(1);
  const claims: KnownClaim[] = rows
    .filter((r) => r.length >= 2 && r[1])
    .map((r) => ({
      id: r[0],
      claimReviewed: r[1],
      title: r[2] || null,
      url: null,
      rating: { alternateName: null, ratingValue: null, bestRating: null, worstRating: null },
      reviewer: { name: 'Snopes', url: null },
      datePublished: null,
      claimAuthor: null,
      appearances: [],
      source: 'checkthat',
    }));
  const split = (name: string) => {
    const queries = parseTsv(readFileSync(join(dir, name, 'tweets.queries.tsv'), 'utf8'))
      .slice(1)
      .filter((r) => r.length >= 2)
      .map((r) => ({ id: r[0], text: r[1] }));
    const qrels = new Map<string, Set<string>>();
    for (const line of readFileSync(join(dir, name, 'tweet-vclaim-pairs.qrels'), 'utf8').split('\n')) {
      const [q, , d, rel] = line.trim().split(/\s+/);
      if (!q || rel === '0') continue;
      if (!qrels.has(q)) qrels.set(q, new Set());
      qrels.get(q)!.add(d);
    }
    return { queries: queries.filter((q) => qrels.has(q.id)), qrels };
  };
  return { claims, splits: { train: split('train'), dev: split('dev') } };
}

/** Mean average precision at k over ranked id lists. */
export function mapAtK(ranked: Map<string, string[]>, qrels: Map<string, Set<string>>, k = 5): number {
  let sum = 0;
  let n = 0;
  for (const [q, rel] of qrels) {
    const list = (ranked.get(q) ?? []).slice(0, k);
    let hits = 0;
    let ap = 0;
    list.forEach((d, i) => {
      if (rel.has(d)) {
        hits++;
        ap += hits / (i + 1);
      }
    });
    sum += ap / Math.min(rel.size, k);
    n++;
  }
  return n ? sum / n : 0;
}

/** Sentences of the WikinewsSum source articles (unrelated news for the false-alarm rate). */
export function loadWikinewsSentences(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line) as { sources?: Array<{ maintext?: string; language?: string }> };
    for (const s of a.sources ?? []) {
      if (!s.maintext || (s.language && s.language !== 'en')) continue;
      for (const sent of splitSentences(s.maintext)) out.push(sent.text);
    }
  }
  return out;
}

/** Calibration inputs: the features the decision uses (same order as ClaimScoring.calib). */
export function calibFeatures(f: ClaimFeatures): number[] {
  return f.hasTitle ? [f.coverClaim, f.coverTitle, f.coverQuery, Math.log1p(f.matched)] : [f.coverClaim, f.coverQuery, Math.log1p(f.matched)];
}

/**
 * Fits the match calibration on CheckThat! train: logistic regression of "this candidate is the
 * reviewed claim" (positives: the true claim among the candidates; negatives: the best 3 others),
 * then the lowest threshold whose false-alarm rate on a held-out-style negative set (train tweets
 * with their true claims removed from the candidates, i.e. topical text about claims we do not hold)
 * stays at or below `maxFalseAlarm`. Prints constants to paste into DEFAULT_SCORING.
 */
export function calibrate(index: ClaimIndex, ct: CheckThat, maxFalseAlarm = 0.05): { c: number[]; threshold: number } {
  const { queries, qrels } = ct.splits.train;
  const X: number[][] = [];
  const Y: number[] = [];
  const cands = queries.map((q) => index.candidates(q.text));
  queries.forEach((q, qi) => {
    let negs = 0;
    for (const f of cands[qi]) {
      const rel = qrels.get(q.id)!.has(index.claimAt(f.doc).id);
      if (rel) {
        X.push(calibFeatures(f));
        Y.push(1);
      } else if (negs++ < 3) {
        X.push(calibFeatures(f));
        Y.push(0);
      }
    }
  });
  const d = X[0].length;
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < 4000; it++) {
    const g = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < X.length; i++) {
      const z = w[0] + X[i].reduce((a, v, j) => a + v * w[j + 1], 0);
      const e = 1 / (1 + Math.exp(-z)) - Y[i];
      g[0] += e;
      for (let j = 0; j < d; j++) g[j + 1] += e * X[i][j];
    }
    for (let j = 0; j <= d; j++) w[j] -= 0.5 * (g[j] / X.length + (j ? 1e-3 * w[j] : 0));
  }
  const prob = (f: ClaimFeatures) => 1 / (1 + Math.exp(-(w[0] + calibFeatures(f).reduce((a, v, j) => a + v * w[j + 1], 0))));
  const negBest = queries.map((q, qi) => Math.max(0, ...cands[qi].filter((f) => !qrels.get(q.id)!.has(index.claimAt(f.doc).id)).map(prob)));
  let threshold = 0.99;
  for (let th = 0.99; th >= 0.3; th -= 0.01) {
    if (negBest.filter((p) => p >= th).length / negBest.length > maxFalseAlarm) break;
    threshold = Math.round(th * 100) / 100;
  }
  if (process.env.PL_CALIB_CURVE) {
    for (let th = 0.3; th < 0.95; th += 0.05) {
      const fa = negBest.filter((p) => p >= th).length / negBest.length;
      console.log(`    threshold ${th.toFixed(2)}: leave-out false alarms ${(100 * fa).toFixed(1)}%`);
    }
  }
  return { c: w.map((x) => Math.round(x * 1000) / 1000), threshold };
}

/**
 * Plain BM25 as the published CheckThat! baselines describe it (claim and title as one text,
 * lowercase words, stopwords out, Porter stems, links removed, tags and the tweet's signature kept),
 * written out here so its figure can be set beside ours in the same run.
 */
export function plainBm25(claims: KnownClaim[], k1 = 1.2, b = 0.75): (text: string, k: number) => string[] {
  const tok = (s: string) =>
    (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !isStopword(w)).map((w) => stemmer(w));
  const tfs = claims.map((c) => {
    const m = new Map<string, number>();
    for (const w of tok(`${c.claimReviewed} ${c.title ?? ''}`)) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  });
  const lens = tfs.map((m) => [...m.values()].reduce((a, x) => a + x, 0));
  const avg = lens.reduce((a, x) => a + x, 0) / Math.max(1, lens.length);
  const post = new Map<string, number[]>();
  tfs.forEach((m, d) => {
    for (const w of m.keys()) {
      const p = post.get(w);
      if (p) p.push(d);
      else post.set(w, [d]);
    }
  });
  return (text, k) => {
    const sc = new Map<number, number>();
    for (const w of new Set(tok(text.replace(/(?:https?:\/\/|www\.)\S+|pic\.twitter\.com\/\S+/gi, ' ')))) {
      const p = post.get(w);
      if (!p) continue;
      const idf = Math.log(1 + (claims.length - p.length + 0.5) / (p.length + 0.5));
      for (const d of p) {
        const tf = tfs[d].get(w)!;
        sc.set(d, (sc.get(d) ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lens[d]) / avg)));
      }
    }
    return [...sc].sort((x, y) => y[1] - x[1]).slice(0, k).map(([d]) => claims[d].id);
  };
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** Runs the claim evaluation and prints its figures; skips cleanly when the data is absent. */
export async function evalClaims(dataDir: string): Promise<void> {
  console.log('== Claims (CheckThat! 2020 task 2; WikinewsSum sources for false alarms)');
  const ctDir = join(dataDir, 'checkthat2020');
  if (!existsSync(join(ctDir, 'verified_claims.docs.tsv'))) {
    console.log(`  skipped: no CheckThat! data at ${ctDir}`);
    return;
  }
  const ct = loadCheckThat(ctDir);
  let t0 = performance.now();
  const index = new ClaimIndex(ct.claims);
  index.search('warm up', 1);
  console.log(`  store: ${ct.claims.length} verified claims, indexed in ${(performance.now() - t0).toFixed(0)} ms`);
  if (process.argv.includes('--calibrate')) {
    const { c, threshold } = calibrate(index, ct);
    console.log(`  calibration (train): calib: { c0: ${c[0]}, coverClaim: ${c[1]}, coverTitle: ${c[2]}, coverQuery: ${c[3]}, logMatched: ${c[4]} } (5% leave-out threshold ${threshold})`);
    const bare = calibrate(new ClaimIndex(ct.claims.map((x) => ({ ...x, title: null }))), ct);
    console.log(`  calibration without titles (train): calibNoTitle: { c0: ${bare.c[0]}, coverClaim: ${bare.c[1]}, coverQuery: ${bare.c[2]}, logMatched: ${bare.c[3]} }`);
  }

  const docs = ct.claims.map((c) => ({ id: c.id, claimReviewed: c.claimReviewed, title: c.title ?? '' }));
  // The general-purpose library as shipped (its tokenizer, BM25+ over both fields, title boost as ours)...
  const mini = new MiniSearch<(typeof docs)[number]>({ fields: ['claimReviewed', 'title'], idField: 'id', searchOptions: { boost: { title: 0.5 } } });
  mini.addAll(docs);
  // ...and with our terms (stems, numbers, hashtags), to tell tokenisation gains from scoring gains.
  const miniOurs = new MiniSearch<(typeof docs)[number]>({
    fields: ['claimReviewed', 'title'],
    idField: 'id',
    tokenize: (text) => claimTerms(text),
    processTerm: (t) => t,
    searchOptions: { boost: { title: 0.5 } },
  });
  miniOurs.addAll(docs);
  const libTop = (m: MiniSearch, text: string) => m.search(text).slice(0, 5);
  const plain = plainBm25(ct.claims);

  const recall: Record<string, number> = {};
  const rows: string[] = [];
  for (const name of ['train', 'dev'] as const) {
    const { queries, qrels } = ct.splits[name];
    const ours = new Map<string, string[]>();
    const lib = new Map<string, string[]>();
    const lib2 = new Map<string, string[]>();
    const bm = new Map<string, string[]>();
    t0 = performance.now();
    for (const q of queries) ours.set(q.id, index.search(q.text, 5).map((h) => h.claim.id));
    const ms = (performance.now() - t0) / queries.length;
    for (const q of queries) {
      lib.set(q.id, libTop(mini, q.text).map((r) => String(r.id)));
      lib2.set(q.id, libTop(miniOurs, q.text).map((r) => String(r.id)));
      bm.set(q.id, plain(q.text, 5));
    }
    let right = 0;
    let wrong = 0;
    for (const q of queries) {
      const m = index.matchText(q.text);
      if (!m) continue;
      if (qrels.get(q.id)?.has(m.claim.id)) right++;
      else wrong++;
    }
    recall[name] = right / queries.length;
    rows.push(
      `  ${name.padEnd(5)} (${String(queries.length).padStart(3)} tweets): MAP@5 ours ${mapAtK(ours, qrels).toFixed(4)}` +
        ` | plain BM25 ${mapAtK(bm, qrels).toFixed(4)} | MiniSearch ${mapAtK(lib, qrels).toFixed(4)} | MiniSearch + our terms ${mapAtK(lib2, qrels).toFixed(4)}` +
        ` | ours ${ms.toFixed(2)} ms/query` +
        `\n        decision (p >= ${index.scoring.threshold}): right claim for ${pct(right / queries.length)} of tweets, a wrong one for ${pct(wrong / queries.length)}`,
    );
  }
  for (const r of rows) console.log(r);

  // Paraphrase check closer to article sentences than tweets: each fact-check's headline ("Did
  // Trump Laugh When Audience Member at Rally Suggested Shooting Immigrants?") restates its claim in
  // other words. Index the claims without their titles and match every 5th title as a sentence.
  const bare = new ClaimIndex(ct.claims.map((c) => ({ ...c, title: null })));
  let hit1 = 0;
  let fired = 0;
  let firedRight = 0;
  let asked = 0;
  for (let i = 0; i < ct.claims.length; i += 5) {
    const c = ct.claims[i];
    if (!c.title) continue;
    asked++;
    if (bare.search(c.title, 1)[0]?.claim.id === c.id) hit1++;
    const m = bare.matchText(c.title);
    if (m) {
      fired++;
      if (m.claim.id === c.id) firedRight++;
    }
  }
  console.log(
    `  headlines as paraphrases (${asked} fact-check titles vs claims indexed without titles): right claim ranked first ${pct(hit1 / asked)};` +
      ` decision fires for ${pct(fired / asked)}, on the right claim for ${pct(firedRight / asked)}`,
  );

  const wiki = join(dataDir, 'wikinews-dev', 'articles.jsonl');
  if (!existsSync(wiki)) {
    console.log(`  false alarms: skipped (no ${wiki})`);
    return;
  }
  const sentences = loadWikinewsSentences(wiki);
  let alarms = 0;
  const examples: string[] = [];
  for (const s of sentences) {
    const m = index.matchText(s);
    if (m) {
      alarms++;
      if (examples.length < 3) examples.push(`    e.g. "${s.slice(0, 80)}" -> "${m.claim.claimReviewed.slice(0, 60)}" (p ${m.score.toFixed(2)})`);
    }
  }
  // The library as the retriever: its top-1 with a score threshold set on train so that it matches
  // the right claim for as many train tweets as ours does; then its false alarms at that threshold.
  const { queries: tq, qrels: tr } = ct.splits.train;
  const scored = tq
    .map((q) => ({ q, top: mini.search(q.text)[0] }))
    .filter((x) => x.top && claimTerms(x.q.text).length >= index.scoring.minSentenceTerms)
    .map((x) => ({ right: tr.get(x.q.id)!.has(String(x.top.id)), score: x.top.score }))
    .sort((a, b) => b.score - a.score);
  let need = Math.round(recall.train * tq.length);
  let libThreshold = Infinity;
  for (const x of scored) {
    if (need <= 0) break;
    libThreshold = x.score;
    if (x.right) need--;
  }
  let libAlarms = 0;
  for (const s of sentences) {
    if (new Set(claimTerms(s)).size < index.scoring.minSentenceTerms) continue;
    const top = mini.search(s)[0];
    if (top && top.score >= libThreshold) libAlarms++;
  }
  console.log(
    `  false alarms on ${sentences.length} WikinewsSum source sentences (unrelated news): ours ${alarms} = ${pct(alarms / sentences.length)} (goal <= 1%)` +
      ` | MiniSearch as the retriever, score threshold ${libThreshold.toFixed(1)} set for the same train recall: ${pct(libAlarms / sentences.length)}`,
  );
  for (const e of examples) console.log(e);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('eval-claims.ts')) {
  const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? process.env.PL_DATA ?? resolve(import.meta.dirname, '../../shared/data'));
  await evalClaims(dir);
}
