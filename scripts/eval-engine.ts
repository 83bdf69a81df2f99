/**
 * Engine evaluation over real data (../shared/data, never bundled): WikinewsSum dev source
 * retrieval (P@1, hit@3; ours beside a brute-force TF-IDF baseline in the same run), the share of
 * Wikinews sentences aligned to true versus unrelated sources, and the two seed articles compared.
 *   node --import tsx scripts/eval-engine.ts [DATA_DIR] [--verbose]   (--verbose lists each miss)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProvenanceIndex, checkArticle, compareArticles, fingerprintArticle, rankCandidates } from '../src/core/engine/index';
import { printRecord } from '../src/core/engine/fingerprint-article';
import { alignSentences, sentenceVectors } from '../src/core/engine/align-sentences';
import { compareFacts, overlap } from '../src/core/engine/compare-facts';
import { splitSentences, tokenize } from '../src/core/text';
import { termFrequencies } from '../src/core/engine/provenance-index';
import type { ArticleRecord } from '../src/core/types';
import { articleText } from '../src/core/types';

interface WikiSource { language: string; title: string | null; maintext: string | null; url: string }
interface WikiArticle { title: string; text: string; categories?: string[] | null; sources: WikiSource[] }

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** ISO date from "December 28, 2004", or null. */
function monthDayYear(s: string): string | null {
  const m = /^\s*([A-Za-z]+) (\d{1,2}), (\d{4})\s*$/.exec(s);
  const mo = m ? MONTHS.indexOf(m[1].toLowerCase()) : -1;
  return m && mo >= 0 ? isoDate(+m[3], mo + 1, +m[2]) : null;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2030 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00Z`;
}

/**
 * Publication date of a Wikinews article as its page states it (a date category, or the dateline
 * its text opens with); null when it states none. The data set has no publication time field.
 */
export function wikinewsDate(a: WikiArticle): string | null {
  for (const c of a.categories ?? []) {
    const d = monthDayYear(c);
    if (d) return d;
  }
  const head = /^\s*'''([A-Za-z]+ \d{1,2}, \d{4})'''/.exec(a.text);
  return head ? monthDayYear(head[1]) : null;
}

/**
 * Publication date a news URL carries (/2004/11/16/, 2004-12/06, 2005-01-05, 20041229), or null:
 * the data set has no publication time for sources, and a dated URL is what a crawler would see.
 */
export function urlDate(url: string): string | null {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const m = /(?:^|[^0-9])((?:19|20)\d\d)(?:[/-](\d\d)[/-]|(\d\d))(\d\d)(?![0-9])/.exec(path);
  return m ? isoDate(+m[1], +(m[2] ?? m[3]), +m[4]) : null;
}

const NO_SIGNALS = { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null };

function record(url: string, title: string, text: string, siteName: string | null = null, publishedTime: string | null = null): ArticleRecord {
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  return { url, title, byline: null, siteName, lang: 'en', publishedTime, modifiedTime: null, paragraphs, links: [], signals: NO_SIGNALS };
}

/** The two seed articles as ArticleRecords; the second without its reader comments. */
export function loadSeeds(seedDir: string): [ArticleRecord, ArticleRecord] | null {
  if (!existsSync(seedDir)) return null;
  const files = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length < 2) return null;
  const recs = files.slice(0, 2).map((f, k) => {
    const lines = readFileSync(join(seedDir, f), 'utf8').split('\n');
    // Reader comments start at the first numbered, indented line ("  1. Guess who...").
    const cut = lines.findIndex((l) => /^\s+\d+\.\s/.test(l));
    const body = (cut >= 0 ? lines.slice(0, cut) : lines).map((l) => l.trim()).filter(Boolean);
    return record(`https://seed${k}.example/${f}`, body[0], body.slice(1).join('\n'), `Seed ${k}`);
  });
  return [recs[0], recs[1]];
}

function cosineBaseline(wiki: ArticleRecord[], sources: ArticleRecord[]): string[][] {
  // Brute-force TF-IDF cosine over content terms (stemmed, numbers normalised), idf over the sources.
  const prints = sources.map((s) => termFrequencies(printRecord(s)));
  const df = new Map<number, number>();
  for (const tf of prints) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = prints.length;
  const idf = (t: number) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  const vec = (tf: Map<number, number>) => {
    const v = new Map<number, number>();
    let norm = 0;
    for (const [t, f] of tf) {
      const w = (1 + Math.log(f)) * idf(t);
      v.set(t, w);
      norm += w * w;
    }
    return { v, norm: Math.sqrt(norm) };
  };
  const svecs = prints.map(vec);
  return wiki.map((w) => {
    const q = vec(termFrequencies(printRecord(w)));
    const scored = svecs.map((s, k) => {
      let dot = 0;
      for (const [t, x] of q.v) dot += x * (s.v.get(t) ?? 0);
      return { url: sources[k].url, score: q.norm && s.norm ? dot / (q.norm * s.norm) : 0 };
    });
    return scored.sort((a, b) => b.score - a.score).map((s) => s.url);
  });
}

function precision(rankings: string[][], truth: Array<Set<string>>): { p1: number; hit3: number } {
  let p1 = 0;
  let hit3 = 0;
  rankings.forEach((r, k) => {
    if (truth[k].has(r[0])) p1++;
    if (r.slice(0, 3).some((u) => truth[k].has(u))) hit3++;
  });
  return { p1: p1 / rankings.length, hit3: hit3 / rankings.length };
}

/**
 * "What changed" on a second real sample: CheckThat! 2020 tweets paired by annotators with the
 * fact-checked claim they repeat (train + dev qrels). The tweet sentence closest to the claim is
 * compared with the claim's wording, as a rewrite's sentence with its source sentence; what it
 * reports is printed to be read (all with verbose, else five).
 */
export function evalChangesOnClaims(dataDir: string, verbose = false): void {
  const dir = join(dataDir, 'checkthat2020');
  const claimsPath = join(dir, 'verified_claims.docs.tsv');
  if (!existsSync(claimsPath)) {
    console.log(`What changed on CheckThat! pairs: skipped (${claimsPath} absent)`);
    return;
  }
  const tsv = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split('\t'));
  const claims = new Map(tsv(claimsPath).map(([id, text]) => [id, text]));
  let pairs = 0;
  let withChanges = 0;
  const byKind = new Map<string, number>();
  const examples: string[] = [];
  const loose: string[] = [];
  for (const split of ['train', 'dev']) {
    const qrels = join(dir, split, 'tweet-vclaim-pairs.qrels');
    if (!existsSync(qrels)) continue;
    const tweets = new Map(tsv(join(dir, split, 'tweets.queries.tsv')).map(([id, text]) => [id, text]));
    for (const line of readFileSync(qrels, 'utf8').split('\n').filter(Boolean)) {
      const [tid, , cid] = line.split(/\s+/);
      const tweet = tweets.get(tid);
      const claim = claims.get(cid);
      if (!tweet || !claim) continue;
      const ct = tokenize(claim);
      let best = '';
      let bestOverlap = -1;
      for (const sen of splitSentences(tweet)) {
        const o = overlap(tokenize(sen.text), ct);
        if (o > bestOverlap) [best, bestOverlap] = [sen.text, o];
      }
      pairs++;
      const changes = compareFacts(best, claim);
      if (changes.length) withChanges++;
      // With --verbose, also what a looser same-statement gate would add (to read what it keeps out).
      if (verbose)
        for (const c of compareFacts(best, claim, { minOverlap: 0.25 }))
          if (!changes.some((x) => x.kind === c.kind && x.source === c.source))
            loose.push(`    [${c.kind}] (loose only) claim "${c.source}" -> tweet ${c.copy === null ? '(none)' : `"${c.copy}"`}\n      tweet: ${best.slice(0, 240)}\n      claim: ${claim.slice(0, 240)}`);
      for (const c of changes) {
        byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
        examples.push(`    [${c.kind}] claim "${c.source}" -> tweet ${c.copy === null ? '(none)' : `"${c.copy}"`}\n      tweet: ${best.slice(0, 240)}\n      claim: ${claim.slice(0, 240)}`);
      }
    }
  }
  console.log(
    `What changed on CheckThat! 2020 tweet/claim pairs: ${withChanges} of ${pairs} report changes; by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
  );
  const step = verbose ? 1 : Math.max(1, Math.floor(examples.length / 5));
  for (let k = 0, n = 0; k < examples.length && (verbose || n < 5); k += step, n++) console.log(examples[k]);
  for (const x of loose) console.log(x);
}

/** Prints the engine's evaluation figures for the data under dataDir (skips what is absent); verbose lists each miss. */
export async function evalEngine(dataDir: string, verbose = false): Promise<void> {
  console.log('== Engine ==');
  const wikiPath = join(dataDir, 'wikinews-dev', 'articles.jsonl');
  if (!existsSync(wikiPath)) console.log(`WikinewsSum: skipped (${wikiPath} absent)`);
  else {
    const arts = readFileSync(wikiPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as WikiArticle);
    const sources = new Map<string, ArticleRecord>();
    const truth: Array<Set<string>> = [];
    const wiki: ArticleRecord[] = [];
    arts.forEach((a, k) => {
      const t = new Set<string>();
      for (const s of a.sources) {
        if (!s.maintext || !s.maintext.trim()) continue;
        if (!sources.has(s.url)) sources.set(s.url, record(s.url, s.title ?? '', s.maintext, null, urlDate(s.url)));
        t.add(s.url);
      }
      truth.push(t);
      wiki.push(record(`https://en.wikinews.org/wiki/${k}`, a.title, a.text, 'Wikinews', wikinewsDate(a)));
    });
    const srcList = [...sources.values()];
    const withTruth = wiki.map((w, k) => ({ w, k })).filter(({ k }) => truth[k].size > 0);
    const ws = withTruth.map((x) => x.w);
    const ts = withTruth.map((x) => truth[x.k]);

    const t0 = performance.now();
    const index = new ProvenanceIndex();
    const packs = new Map(srcList.map((s) => [s.url, fingerprintArticle(s)]));
    for (const p of packs.values()) index.add(p);
    const buildMs = performance.now() - t0;

    const base = cosineBaseline(ws, srcList);
    const retrieval = ws.map((w) => index.candidates(w, { k: 3 }).map((c) => c.url));
    const t1 = performance.now();
    const ours = ws.map((w) => {
      const cands = index.candidates(w, { k: 20 });
      return rankCandidates(w, cands.map((c) => packs.get(c.url)!), { idf: (t) => index.idf(t) });
    });
    const rankMs = (performance.now() - t1) / ws.length;
    // The same ranking with every publication date hidden (the figures before dates were used).
    const undated = ws.map((w) => {
      const cands = index.candidates(w, { k: 20 });
      return rankCandidates({ ...w, publishedTime: null }, cands.map((c) => ({ ...packs.get(c.url)!, publishedTime: null })), { idf: (t) => index.idf(t) });
    });
    if (verbose)
      ours.forEach((r, k) => {
        if (!ts[k].has(r[0]?.url)) {
          console.log(`  miss: ${ws[k].title.slice(0, 60)} | truth ${[...ts[k]].map((u) => `${u} (rank ${r.findIndex((x) => x.url === u) + 1 || '-'})`).join(', ')}`);
          for (const x of r.slice(0, 5))
            console.log(`    ${ts[k].has(x.url) ? '*' : ' '} ${x.score.toFixed(3)} cos ${x.cosine.toFixed(3)} share ${x.alignedShare.toFixed(3)} ${x.url.slice(0, 90)}`);
        }
      });
    const pb = precision(base, ts);
    const pr = precision(retrieval, ts);
    const po = precision(ours.map((r) => r.map((x) => x.url)), ts);
    const pu = precision(undated.map((r) => r.map((x) => x.url)), ts);
    console.log(`WikinewsSum dev: ${ws.length} Wikinews articles, ${srcList.length} indexed sources (index built in ${buildMs.toFixed(0)} ms)`);
    console.log(`  TF-IDF cosine baseline (brute force):  P@1 ${pb.p1.toFixed(3)}  hit@3 ${pb.hit3.toFixed(3)}`);
    console.log(`  ProvenanceIndex.candidates alone:      P@1 ${pr.p1.toFixed(3)}  hit@3 ${pr.hit3.toFixed(3)}`);
    console.log(`  ours (candidates + alignment rerank):  P@1 ${po.p1.toFixed(3)}  hit@3 ${po.hit3.toFixed(3)}  (${rankMs.toFixed(1)} ms/article)`);
    const nDated = ws.filter((w) => w.publishedTime).length;
    const sDated = srcList.filter((s) => s.publishedTime).length;
    console.log(`    dates: ${nDated} of ${ws.length} articles (page dateline), ${sDated} of ${srcList.length} sources (dated url); with every date hidden: P@1 ${pu.p1.toFixed(3)}  hit@3 ${pu.hit3.toFixed(3)}`);
    // Some listed sources are error pages or other stories (archived URLs that changed); an
    // article is answerable when one of its sources is English text of 100+ words.
    const answerable = withTruth
      .map((x, k) => ({ k, ok: arts[x.k].sources.some((s) => s.language === 'en' && (s.maintext ?? '').split(/\s+/).length >= 100) }))
      .filter((x) => x.ok)
      .map((x) => x.k);
    const sub = <T,>(xs: T[]) => answerable.map((k) => xs[k]);
    const pbA = precision(sub(base), sub(ts));
    const poA = precision(sub(ours.map((r) => r.map((x) => x.url))), sub(ts));
    console.log(`  answerable subset (${answerable.length} articles with an English source of 100+ words): TF-IDF P@1 ${pbA.p1.toFixed(3)}, ours P@1 ${poA.p1.toFixed(3)}`);

    // Document decisions: each Wikinews article (a rewrite of its sources) checked against its
    // top-20 candidates. Wikinews credits sources in a list the text does not carry, so "no credit"
    // is expected; a named source outside the truth set is a false accusation (or a same-story
    // page that the editors did not list).
    const verdicts = new Map<string, number>();
    let namedTrue = 0;
    let namedOther = 0;
    for (const [k, w] of ws.entries()) {
      const rep = await checkArticle(w, index, async (url) => packs.get(url));
      verdicts.set(rep.verdict, (verdicts.get(rep.verdict) ?? 0) + 1);
      if (rep.directSource && ts[k].has(rep.directSource.url)) namedTrue++;
      else if (rep.directSource) namedOther++;
      if (verbose && rep.directSource && !ts[k].has(rep.directSource.url)) console.log(`  named a non-source: ${w.title.slice(0, 60)} -> ${rep.directSource.url} (${rep.verdict})`);
    }
    console.log(
      `  verdicts: ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(', ')}; direct source named: a true source ${namedTrue}, another page ${namedOther}`,
    );

    // What changed: the same decisions over the full source texts (packs carry no sentences), and
    // the changes reported on the reused passages, by kind, with examples to read.
    const byKind = new Map<string, number>();
    let reusedPassages = 0;
    let withChanges = 0;
    const examples: string[] = [];
    for (const w of ws) {
      const rep = await checkArticle(w, index, async (url) => sources.get(url));
      for (const p of rep.passages) {
        if (p.kind === 'quote' || !p.source.sentence) continue;
        reusedPassages++;
        if (!p.changes?.length) continue;
        withChanges++;
        for (const c of p.changes) {
          byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
          examples.push(`    [${c.kind}] source "${c.source}" -> copy ${c.copy === null ? '(none)' : `"${c.copy}"`}\n      copy:   ${p.text.slice(0, 240)}\n      source: ${p.source.sentence.slice(0, 240)}`);
        }
      }
    }
    console.log(
      `  what changed: ${withChanges} of ${reusedPassages} reused passages (verbatim or paraphrase, source sentence known) report changes; by kind: ${
        [...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'
      }`,
    );
    // A wider sample: every non-quote sentence pair aligned between a Wikinews article and one of
    // its true sources (also where the report names no source), through the same compareFacts.
    const wideKind = new Map<string, number>();
    let widePairs = 0;
    let wideWith = 0;
    const weight = (t: number) => index.idf(t);
    const LOOSE_OVERLAP = 0.25;
    const looseKind = new Map<string, number>();
    let looseWith = 0;
    const looseExamples: string[] = [];
    ws.forEach((w, k) => {
      const a = printRecord(w);
      const av = sentenceVectors(a, weight);
      for (const url of ts[k]) {
        const c = printRecord(sources.get(url)!);
        for (const p of alignSentences(a, av, c, sentenceVectors(c, weight))) {
          if (p.quote) continue;
          widePairs++;
          const copy = a.text!.slice(a.sentences[p.i].start, a.sentences[p.i].end);
          const src = c.text!.slice(c.sentences[p.j].start, c.sentences[p.j].end);
          const changes = compareFacts(copy, src);
          if (changes.length) wideWith++;
          for (const ch of changes) wideKind.set(ch.kind, (wideKind.get(ch.kind) ?? 0) + 1);
          // Looser gate, to see what SAME_STATEMENT_OVERLAP keeps out (read with --verbose).
          const loose = compareFacts(copy, src, { minOverlap: LOOSE_OVERLAP });
          if (loose.length) looseWith++;
          for (const ch of loose) {
            looseKind.set(ch.kind, (looseKind.get(ch.kind) ?? 0) + 1);
            if (verbose && !changes.some((x) => x.kind === ch.kind && x.source === ch.source))
              looseExamples.push(`    [${ch.kind}] (loose only) source "${ch.source}" -> copy ${ch.copy === null ? '(none)' : `"${ch.copy}"`}\n      copy:   ${copy.slice(0, 240)}\n      source: ${src.slice(0, 240)}`);
          }
          for (const ch of changes) {
            examples.push(`    [${ch.kind}] (wide) source "${ch.source}" -> copy ${ch.copy === null ? '(none)' : `"${ch.copy}"`}\n      copy:   ${copy.slice(0, 240)}\n      source: ${src.slice(0, 240)}`);
          }
        }
      }
    });
    console.log(
      `  what changed, all ${widePairs} sentence pairs aligned to a true source: ${wideWith} report changes; by kind: ${
        [...wideKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'
      }`,
    );
    console.log(
      `    with the same-statement gate lowered to ${LOOSE_OVERLAP}: ${looseWith} report changes; by kind: ${[...looseKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    );
    // Five examples by default, spread over the list; all with --verbose (to read them for precision).
    const step = verbose ? 1 : Math.max(1, Math.floor(examples.length / 5));
    for (let k = 0, n = 0; k < examples.length && (verbose || n < 5); k += step, n++) console.log(examples[k]);
    for (const x of looseExamples) console.log(x);

    // Sentence alignment: share of Wikinews sentences aligned to a true source vs to unrelated ones.
    let nSent = 0;
    let toTrue = 0;
    let toFalse = 0;
    ours.forEach((ranked, k) => {
      const n = printRecord(ws[k]).sentences.length;
      nSent += n;
      const t = new Set<number>();
      const f = new Set<number>();
      for (const r of ranked) for (const i of r.alignedSentences) (ts[k].has(r.url) ? t : f).add(i);
      toTrue += t.size;
      toFalse += f.size;
    });
    console.log(
      `  sentences aligned: ${(toTrue / nSent).toFixed(3)} to a true source, ${(toFalse / nSent).toFixed(3)} to unrelated sources (of ${nSent}; top-20 candidates each)`,
    );
  }

  evalChangesOnClaims(dataDir, verbose);

  const seeds = loadSeeds(resolve(dataDir, '..', 'seeds'));
  if (!seeds) console.log('Seeds: skipped (../seeds absent)');
  else {
    const [a, b] = seeds;
    const r = compareArticles(b, a);
    const rel = r.related[0];
    console.log(`Seeds: "${b.title.slice(0, 50)}..." checked against "${a.title.slice(0, 50)}..."`);
    console.log(`  verdict ${r.verdict}; similarity ${rel?.similarity ?? 0}; verbatim share ${rel?.verbatimShare ?? 0}; paraphrase share ${rel?.paraphraseShare ?? 0}`);
    console.log(`  summary: ${r.summary}`);
    const at = articleText(a);
    for (const p of r.passages) {
      console.log(`  [${p.kind} ${p.score}] ${p.text.slice(0, 110)}`);
      console.log(`      <- ${(p.source.sentence ?? at.slice(p.source.start ?? 0, p.source.end ?? 0)).slice(0, 110)}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || Boolean(process.env.PL_EVAL_VERBOSE);
  const dir = args.find((x) => !x.startsWith('--'));
  await evalEngine(resolve(dir ?? resolve(import.meta.dirname, '../../shared/data')), verbose);
}
