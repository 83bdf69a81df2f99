/**
 * COUNTER dev (real Urdu wire-to-newspaper reuse, ../shared/data/counter-dev, never bundled): each
 * pair is an Associated Press of Pakistan wire story and a newspaper story on the same event,
 * labelled by journalists wholly, partially or not derived. The newspaper story is compared with
 * the wire story (compareArticles, the engine as the CLI runs it; the wire story dated earlier).
 *
 * The engine itself is not tuned here. The one thing fitted is the mapping from engine verdicts to
 * the three labels (e.g. verbatim-copy -> wholly): it is chosen on the tune half only and reported
 * on the test half, with 95% bootstrap intervals; 5-fold cross-validation by story repeats the
 * choice on each fold's complement. The split is by story id (one pair per story here), fixed by
 * a hash of the id so it never moves. Non-derived pairs called copies are counted on all pairs:
 * that figure involves no fitting at all.
 *   node --import tsx scripts/eval-counter.ts [DATA_DIR]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareArticles } from '../src/core/engine/index';
import { loadBytes } from '../src/cli/load-articles';
import { fnv1a32 } from '../src/core/text/fnv1a';
import { isCopyVerdict, type ArticleRecord, type Verdict } from '../src/core/types';

type Label = 'wholly_derived' | 'partially_derived' | 'non_derived';
const LABELS: Label[] = ['wholly_derived', 'partially_derived', 'non_derived'];
interface Doc { id: string; story_id: string; publication: string; date: string; title: string; text: string; lang: string }
interface Pair { pair_id: string; story_id: string; source_id: string; derived_id: string; label: Label }
interface Outcome {
  story: string;
  label: Label;
  verdict: Verdict;
  /** Verbatim + paraphrase share of the top related article (the engine's alignment). */
  reuse: number;
  /** Share of the newspaper story's word bigrams found in the wire story (no engine involved). */
  bigrams: number;
}

/** Share of `a`'s distinct word bigrams that `b` has too (plain words, no stemming). */
function bigramContainment(a: string, b: string): number {
  const grams = (t: string) => {
    const w = t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    return new Set(w.slice(1).map((x, i) => `${w[i]} ${x}`));
  };
  const ga = grams(a);
  const gb = grams(b);
  let n = 0;
  for (const g of ga) if (gb.has(g)) n++;
  return ga.size ? n / ga.size : 0;
}

/** dd.mm.yy -> ISO date at `hour` UTC. */
function isoDate(ddmmyy: string, hour: number): string | null {
  const m = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(ddmmyy);
  return m ? `20${m[3]}-${m[2]}-${m[1]}T${String(hour).padStart(2, '0')}:00:00Z` : null;
}

/** Text made safe inside HTML text and double-quoted attributes. */
export const escapeHtml = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The record the extension would make of the story as a web page: the text becomes a page (title,
 * site name and publication time in its meta tags, one <p> per paragraph, no language tag, so the
 * engine's language detection decides how the Urdu is processed) read by the shipped extraction,
 * which also finds the dateline's wire credit ("(اے پی پی)"). The wire story is dated in the
 * morning and the newspaper story at noon of its date: a wire feed precedes the papers that use it.
 */
function record(d: Doc, hour: number): ArticleRecord {
  const paragraphs = d.text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  const time = isoDate(d.date, hour);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title>
<meta property="og:site_name" content="${escapeHtml(d.publication)}">${time ? `<meta property="article:published_time" content="${time}">` : ''}
<meta property="og:type" content="article"></head><body><article><h1>${escapeHtml(d.title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</article></body></html>`;
  const url = `https://${d.publication.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.example/${d.id}`;
  const [out] = loadBytes(`${d.id}.html`, Buffer.from(html, 'utf8'), { url });
  if (out?.kind !== 'article') throw new Error(`${d.id}: ${out?.kind === 'skipped' ? out.reason : 'no article'}`);
  return out.article;
}

/**
 * Verdicts that say the page reuses the source's text: the accusations, and the credited ones (a
 * wire story carried under the agency's dateline is `syndicated`, an excerpt `credited-excerpt`).
 * Only these may be mapped to a derived class; same-story and no-match never are.
 */
const reuseVerdict = (v: Verdict) => isCopyVerdict(v) || v === 'syndicated' || v === 'credited-excerpt';

/** Tune or test, fixed by a hash of the story id (about half each). */
export function splitOf(story: string): 'tune' | 'test' {
  return fnv1a32(`counter-split:${story}`) % 2 === 0 ? 'tune' : 'test';
}

type Mapping = Map<Verdict, Label>;

function macroF1(outs: Outcome[], map: Mapping): number {
  let sum = 0;
  for (const l of LABELS) sum += f1(outs, map, (x) => x === l);
  return sum / LABELS.length;
}

/** F1 of the class picked by `pos` (labels and predictions through the same test). */
function f1(outs: Outcome[], map: Mapping, pos: (l: Label) => boolean): number {
  let tp = 0, fp = 0, fn = 0;
  for (const o of outs) {
    const p = pos(map.get(o.verdict) ?? 'non_derived');
    const t = pos(o.label);
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
const binaryF1 = (outs: Outcome[], map: Mapping) => f1(outs, map, (l) => l !== 'non_derived');

/**
 * The verdict -> label mapping with the best macro-F1 on `outs` (ties: best binary F1, then the
 * more conservative mapping). Every verdict that does not say the text was reused maps to
 * non-derived whatever the data says: a "same-story" or "no-match" is never read as derived.
 */
export function fitMapping(outs: Outcome[]): Mapping {
  const copyVerdicts = [...new Set(outs.map((o) => o.verdict))].filter(reuseVerdict).sort();
  let best: Mapping = new Map();
  let bestKey = [-1, -1, 0];
  const n = copyVerdicts.length;
  for (let code = 0; code < 3 ** n; code++) {
    const map: Mapping = new Map();
    let c = code;
    let conservative = 0;
    for (const v of copyVerdicts) {
      const l = LABELS[c % 3];
      c = Math.floor(c / 3);
      map.set(v, l);
      conservative += LABELS.indexOf(l);
    }
    const key = [macroF1(outs, map), binaryF1(outs, map), conservative];
    if (key[0] > bestKey[0] + 1e-12 || (Math.abs(key[0] - bestKey[0]) <= 1e-12 && (key[1] > bestKey[1] + 1e-12 || (Math.abs(key[1] - bestKey[1]) <= 1e-12 && key[2] > bestKey[2])))) {
      best = map;
      bestKey = key;
    }
  }
  return best;
}

/** 95% percentile bootstrap interval of `stat` over resampled outcomes (fixed seed). */
function bootstrap(outs: Outcome[], stat: (o: Outcome[]) => number, rounds = 2000): [number, number] {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const vals: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const s: Outcome[] = [];
    for (let i = 0; i < outs.length; i++) s.push(outs[Math.floor(rand() * outs.length)]);
    vals.push(stat(s));
  }
  vals.sort((a, b) => a - b);
  return [vals[Math.floor(0.025 * rounds)], vals[Math.floor(0.975 * rounds)]];
}

const fmt = (x: number) => x.toFixed(3);
const fmtMap = (m: Mapping) => [...m].map(([v, l]) => `${v}->${l.replace('_derived', '')}`).join(', ') || '(none)';

/** Compares every pair and prints the figures. */
export async function evalCounter(dataDir: string, verbose = false): Promise<void> {
  const dir = join(dataDir, 'counter-dev');
  console.log('== COUNTER dev (Urdu wire -> newspaper; derived-versus-not and wholly/partially/not)');
  if (!existsSync(join(dir, 'pairs.jsonl'))) {
    console.log(`  no data at ${dir}: skipped`);
    return;
  }
  const docs = new Map<string, Doc>();
  for (const l of readFileSync(join(dir, 'documents.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const d = JSON.parse(l) as Doc;
    docs.set(d.id, d);
  }
  const pairs = readFileSync(join(dir, 'pairs.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Pair);
  const t0 = performance.now();
  const outs: Outcome[] = [];
  const langs = new Map<string, number>();
  for (const p of pairs) {
    const src = docs.get(p.source_id);
    const der = docs.get(p.derived_id);
    if (!src || !der) continue;
    const report = compareArticles(record(der, 12), record(src, 6));
    langs.set(report.article.lang ?? 'null', (langs.get(report.article.lang ?? 'null') ?? 0) + 1);
    const top = report.related[0];
    outs.push({ story: p.story_id, label: p.label, verdict: report.verdict, reuse: top ? top.verbatimShare + top.paraphraseShare : 0, bigrams: bigramContainment(der.text, src.text) });
    if (verbose) console.log(`  ${p.pair_id} ${p.label} -> ${report.verdict} (${report.related[0]?.similarity.toFixed(2) ?? '-'})`);
  }
  const ms = (performance.now() - t0) / outs.length;
  console.log(`  ${outs.length} pairs, ${ms.toFixed(1)} ms/pair; language the engine used: ${[...langs].map(([l, n]) => `${l} ${n}`).join(', ')}`);
  // Confusion of labels x verdicts (no fitting involved).
  const verdicts = [...new Set(outs.map((o) => o.verdict))].sort();
  console.log(`  verdicts by label (all ${outs.length}): ${verdicts.join(' | ')}`);
  for (const l of LABELS) console.log(`    ${l.padEnd(18)} ${verdicts.map((v) => outs.filter((o) => o.label === l && o.verdict === v).length).join(' | ')}`);
  const nd = outs.filter((o) => o.label === 'non_derived');
  const ndCopies = nd.filter((o) => isCopyVerdict(o.verdict)).length;
  console.log(`  non-derived pairs called copies: ${ndCopies} of ${nd.length} (goal 0; no fitting involved)`);

  const tune = outs.filter((o) => splitOf(o.story) === 'tune');
  const test = outs.filter((o) => splitOf(o.story) === 'test');
  const map = fitMapping(tune);
  const cnt = (os: Outcome[]) => LABELS.map((l) => os.filter((o) => o.label === l).length).join('/');
  console.log(`  split by story id: tune ${tune.length} (WD/PD/ND ${cnt(tune)}), test ${test.length} (${cnt(test)}); never tuned on test`);
  console.log(`  mapping chosen on tune: ${fmtMap(map)}; every other verdict -> non`);
  const bTest = binaryF1(test, map);
  const mTest = macroF1(test, map);
  const [bl, bh] = bootstrap(test, (o) => binaryF1(o, map));
  const [ml, mh] = bootstrap(test, (o) => macroF1(o, map));
  console.log(`  tune: derived-vs-not F1 ${fmt(binaryF1(tune, map))}, 3-class macro-F1 ${fmt(macroF1(tune, map))}`);
  console.log(`  TEST: derived-vs-not F1 ${fmt(bTest)} [95% CI ${fmt(bl)}-${fmt(bh)}] (goal >= 0.90), 3-class macro-F1 ${fmt(mTest)} [${fmt(ml)}-${fmt(mh)}] (goal >= 0.75)`);
  // 5-fold by story: mapping chosen on four folds, scored on the fifth.
  const folds = 5;
  const fb: number[] = [];
  const fm: number[] = [];
  const pooled: Outcome[] = [];
  const pooledPred: Array<[Outcome, Mapping]> = [];
  for (let k = 0; k < folds; k++) {
    const inFold = (o: Outcome) => fnv1a32(`counter-fold:${o.story}`) % folds === k;
    const m = fitMapping(outs.filter((o) => !inFold(o)));
    const held = outs.filter(inFold);
    fb.push(binaryF1(held, m));
    fm.push(macroF1(held, m));
    for (const o of held) {
      pooled.push(o);
      pooledPred.push([o, m]);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
  console.log(`  5-fold by story: derived-vs-not F1 ${fmt(mean(fb))} (sd ${fmt(sd(fb))}; folds ${fb.map(fmt).join(' ')}), 3-class macro-F1 ${fmt(mean(fm))} (sd ${fmt(sd(fm))})`);
  printReuseTradeOff(tune, test);
}

/**
 * What the F1 goal would cost, and whether lexical evidence can reach it at all: "derived" read off
 * one measure alone (the engine's aligned share; the share of the newspaper story's word bigrams
 * found in the wire story, the measure published lexical methods build on), the threshold chosen
 * on tune, scored on test with the non-derived pairs it would accuse; and the F1 of calling every
 * pair derived, which the F1 goal barely clears (most pairs are derived). These are measurements of
 * the lexical ceiling, not rules the engine uses: it keeps its substance rules because an accusation
 * of a non-derived story is the worst error it can make.
 */
function printReuseTradeOff(tune: Outcome[], test: Outcome[]): void {
  const score = (outs: Outcome[], t: number, measure: (o: Outcome) => number) => {
    let tp = 0, fp = 0, fn = 0;
    for (const o of outs) {
      const p = measure(o) >= t;
      const d = o.label !== 'non_derived';
      if (p && d) tp++;
      else if (p) fp++;
      else if (d) fn++;
    }
    return { f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), accused: fp, nd: outs.filter((o) => o.label === 'non_derived').length };
  };
  const all = score(test, 0, () => 1);
  console.log(`  every pair called derived: TEST F1 ${fmt(all.f1)}, ${all.accused}/${all.nd} non-derived accused`);
  const grid = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
  for (const [name, measure] of [['aligned share', (o: Outcome) => o.reuse], ['word-bigram containment', (o: Outcome) => o.bigrams]] as const) {
    const best = grid.reduce((b, t) => (score(tune, t, measure).f1 > score(tune, b, measure).f1 ? t : b), grid[0]);
    const zeroAccusing = grid.find((t) => score(tune, t, measure).accused === 0) ?? 1;
    for (const [why, t] of [['best F1 on tune', best], ['lowest accusing no non-derived tune pair', zeroAccusing]] as const) {
      const x = score(tune, t, measure);
      const y = score(test, t, measure);
      console.log(`  ${name} >= ${t.toFixed(2)} (${why}): tune F1 ${fmt(x.f1)}, ${x.accused}/${x.nd} non-derived accused; TEST F1 ${fmt(y.f1)}, ${y.accused}/${y.nd} non-derived accused`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dataDir = resolve(args.find((a) => !a.startsWith('--')) ?? process.env.PL_DATA ?? resolve(import.meta.dirname, '../../shared/data'));
  await evalCounter(dataDir, args.includes('--verbose'));
}
