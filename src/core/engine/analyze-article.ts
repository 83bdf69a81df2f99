/**
 * The document decision: aligns the checked article with each candidate, decides how each relates
 * (source, derivative, syndication, credited source, same story), follows a rewrite chain back to
 * its origin, and builds the `provenance-lens/report@1` report with passages and evidence.
 */
import { REPORT_SCHEMA, type ArticleRecord, type ArticleRef, type Passage, type RelatedArticle, type Report, type Verdict } from '../types';
import { alignSentences, orderScore, sentenceVectors, type AlignedPair, type SentenceVectors } from './align-sentences';
import { printDoc, printRecord, type DocPrint } from './fingerprint-article';
import type { PackEntry } from './pack-entry';
import { creditReasons, docTime, outletName, syndicationReasons, urlKey } from './signals';

/** Optional inputs of analyzeArticle. */
export interface AnalyzeOptions {
  /**
   * Inverse document frequency of a term hash, from the index (ProvenanceIndex.idf). Without it,
   * weights come from the article and candidates alone, which is fine for a pair comparison.
   */
  idf?: (term: number) => number;
}

/**
 * Thresholds of the document decision. Tuned on the fixture clusters and WikinewsSum (see
 * scripts/eval-engine.ts); each says what moving it trades.
 */
export const DECISION = {
  /** Verbatim share of the checked text above which it is a verbatim copy ("most of its text"). */
  verbatimCopyShare: 0.5,
  /** Reused share (verbatim + paraphrase) needed for partial-copy. Lower flags more quoting-heavy same-story pages. */
  partialShare: 0.15,
  /** ...and at least this many reused non-quote sentences (one matching sentence proves little). */
  partialMinSentences: 2,
  /**
   * Paraphrased-copy needs ALL of: reused share, aligned sentences, order, and document cosine.
   * A false accusation is the worst error, so these sit above what independent reports of one
   * event reach on the fixtures (share <= 0.25, order noisy); lowering them finds looser rewrites.
   */
  paraphraseShare: 0.3,
  paraphraseMinSentences: 4,
  paraphraseOrder: 0.7,
  paraphraseCosine: 0.3,
  /** The candidate side must be covered too: a rewrite retells most of its source. */
  paraphraseSourceCoverage: 0.25,
  /** Document cosine above which two articles are related (same story) even with few aligned sentences. */
  sameStoryCosine: 0.15,
  /** Reused share under which a credited article is an excerpt rather than a credited copy. */
  creditedMinShare: 0.05,
};

type Kind = Exclude<Verdict, 'original' | 'no-match'>;

interface PairResult {
  cand: DocPrint;
  pairs: AlignedPair[];
  cosine: number;
  verbatimShare: number;
  paraphraseShare: number;
  quoteShare: number;
  sourceCoverage: number;
  order: number;
  reusedSentences: number;
  /** How the first document reuses the second (null: it does not). */
  kind: Kind | null;
  credit: string[];
  syndication: string[];
}

const printCache = new WeakMap<object, DocPrint>();
function cachedPrint(doc: ArticleRecord | PackEntry): DocPrint {
  let p = printCache.get(doc);
  if (!p) {
    p = printDoc(doc);
    printCache.set(doc, p);
  }
  return p;
}

/** Full decision for one article against candidate documents (records with text, or pack entries). */
export function analyzeArticle(article: ArticleRecord, candidates: Array<ArticleRecord | PackEntry>, opts: AnalyzeOptions = {}): Report {
  const a = printRecord(article);
  const selfKey = urlKey(a.url);
  const seen = new Set<string>();
  const cands: DocPrint[] = [];
  for (const c of candidates) {
    if (!c) continue;
    const p = cachedPrint(c);
    const key = urlKey(p.url);
    if (key === selfKey || seen.has(key)) continue;
    seen.add(key);
    cands.push(p);
  }
  const weight = opts.idf ?? localIdf([a, ...cands]);
  const vecCache = new Map<DocPrint, SentenceVectors>();
  const vecs = (d: DocPrint) => {
    let v = vecCache.get(d);
    if (!v) {
      v = sentenceVectors(d, weight);
      vecCache.set(d, v);
    }
    return v;
  };
  const docVecCache = new Map<DocPrint, { v: Map<number, number>; n: number }>();
  const docVec = (d: DocPrint) => {
    let v = docVecCache.get(d);
    if (!v) {
      v = documentVector(d, weight);
      docVecCache.set(d, v);
    }
    return v;
  };
  const compare = (x: DocPrint, y: DocPrint): PairResult => comparePrints(x, y, vecs, docVec);

  // Both directions for each candidate; which one applies depends on time.
  const forward = cands.map((c) => compare(a, c)); // a reuses c?
  const boilerplate = boilerplateSentences(forward);
  for (const r of forward) if (boilerplate.size) dropSentences(r, a, boilerplate);

  const aTime = docTime(a);
  const related: Array<RelatedArticle & { _r: PairResult; _earlier: boolean | null }> = [];
  const sources: Array<{ r: PairResult; earlier: boolean | null }> = [];
  const derivatives: PairResult[] = [];
  for (const r of forward) {
    const c = r.cand;
    const cTime = docTime(c);
    let earlier: boolean | null = null; // is c earlier than a?
    if (aTime && cTime && aTime.t !== cTime.t) earlier = cTime.t < aTime.t;
    else if (r.credit.length || r.syndication.length) earlier = true;
    else if (creditReasons(c, a).length || syndicationReasons(c, a).length) earlier = false;
    if (r.kind && earlier !== false) sources.push({ r, earlier });
    else if (earlier === false) {
      const back = compare(c, a);
      if (back.kind) derivatives.push(back);
    }
  }

  // Direct source: the most reused earlier article; then follow its own sources to the origin.
  sources.sort((x, y) => strength(y.r) - strength(x.r));
  const direct = sources[0]?.r ?? null;
  let origin: DocPrint | null = direct?.cand ?? null;
  if (direct && direct.kind !== 'syndicated') {
    const chain = new Set<DocPrint>([a, direct.cand]);
    let cur = direct.cand;
    for (let step = 0; step < 4; step++) {
      const curTime = docTime(cur);
      let best: PairResult | null = null;
      for (const c of cands) {
        if (chain.has(c)) continue;
        const ct = docTime(c);
        if (curTime && ct && ct.t >= curTime.t) continue;
        if (!curTime || !ct) continue;
        const r = compare(cur, c);
        if (r.kind && r.kind !== 'same-story' && (!best || strength(r) > strength(best))) best = r;
      }
      if (!best) break;
      chain.add(best.cand);
      cur = best.cand;
    }
    origin = cur;
  }

  for (const r of forward) {
    const c = r.cand;
    let relation: RelatedArticle['relation'] | null = null;
    let kind: Kind | null = null;
    let credited: boolean | null = null;
    const isSource = sources.some((s) => s.r === r);
    const back = derivatives.find((d) => d.cand === c);
    if (isSource && r.kind !== 'same-story') {
      kind = r.kind;
      credited = r.credit.length > 0 || r.syndication.length > 0;
      relation =
        r.kind === 'syndicated' ? 'syndication' : r.kind === 'credited-excerpt' ? 'credited-source' : c === origin && c !== direct?.cand ? 'origin' : 'source';
    } else if (origin === c && direct && c !== direct.cand) {
      relation = 'origin';
    } else if (back && back.kind && back.kind !== 'same-story') {
      relation = back.kind === 'syndicated' ? 'syndication' : 'derivative';
    } else if (r.kind === 'same-story' || back?.kind === 'same-story') {
      relation = 'same-story';
    }
    if (!relation) continue;
    related.push({
      ...ref(c),
      relation,
      similarity: round(r.cosine),
      verbatimShare: round(r.verbatimShare),
      paraphraseShare: round(r.paraphraseShare),
      kind,
      credited,
      evidence: evidenceFor(a, r, back ?? null, relation),
      _r: r,
      _earlier: null,
    });
  }
  const order: Record<string, number> = { source: 0, 'credited-source': 0, syndication: 1, origin: 2, derivative: 3, 'same-story': 4 };
  related.sort((x, y) => order[x.relation] - order[y.relation] || y.similarity - x.similarity);

  let verdict: Verdict;
  let credited: boolean | null = null;
  if (direct && direct.kind !== 'same-story') {
    verdict = direct.kind!;
    credited = direct.credit.length > 0 || direct.syndication.length > 0;
  } else if (derivatives.some((d) => d.kind && d.kind !== 'same-story')) verdict = 'original';
  else if (related.some((r) => r.relation === 'same-story')) verdict = 'same-story';
  else verdict = 'no-match';

  const directSource = verdict !== 'original' && verdict !== 'same-story' && verdict !== 'no-match' && direct ? direct.cand : null;
  const passages = buildPassages(a, directSource ? [direct!, ...sources.map((s) => s.r).filter((r) => r !== direct && r.kind !== 'same-story')] : forward.filter((r) => r.pairs.length));

  return {
    schema: REPORT_SCHEMA,
    article: { ...ref(a), byline: a.byline, lang: a.lang, wordCount: a.wordCount },
    verdict,
    credited,
    summary: summarize(a, verdict, direct, directSource && origin !== directSource ? origin : null, related, derivatives),
    origin: directSource ? ref(origin ?? directSource) : verdict === 'original' ? ref(a) : null,
    directSource: directSource ? ref(directSource) : null,
    related: related.map(({ _r, _earlier, ...rest }) => rest),
    passages,
    claims: [],
  };
}

/** The report of article a checked against b alone. */
export function compareArticles(a: ArticleRecord, b: ArticleRecord): Report {
  return analyzeArticle(a, [b]);
}

function strength(r: PairResult): number {
  const kindRank: Record<Kind, number> = {
    'verbatim-copy': 5,
    syndicated: 4.5,
    'paraphrased-copy': 4,
    'partial-copy': 3,
    'credited-excerpt': 2,
    'same-story': 0,
  };
  return kindRank[r.kind ?? 'same-story'] + r.verbatimShare + r.paraphraseShare + r.cosine;
}

function comparePrints(
  a: DocPrint,
  c: DocPrint,
  vecs: (d: DocPrint) => SentenceVectors,
  docVec: (d: DocPrint) => { v: Map<number, number>; n: number },
): PairResult {
  const pairs = alignSentences(a, vecs(a), c, vecs(c));
  const dv = docVec(a);
  const cvv = docVec(c);
  let dot = 0;
  for (const [t, w] of dv.v) {
    const x = cvv.v.get(t);
    if (x) dot += w * x;
  }
  const cosine = dv.n && cvv.n ? dot / (dv.n * cvv.n) : 0;
  const r: PairResult = {
    cand: c,
    pairs,
    cosine,
    verbatimShare: 0,
    paraphraseShare: 0,
    quoteShare: 0,
    sourceCoverage: 0,
    order: 0,
    reusedSentences: 0,
    kind: null,
    credit: creditReasons(a, c),
    syndication: syndicationReasons(a, c),
  };
  measure(r, a);
  return r;
}

/** Fills the shares, order and kind of a pair result from its aligned pairs. */
function measure(r: PairResult, a: DocPrint): void {
  const c = r.cand;
  const total = a.sentences.reduce((n, s) => n + (s.end - s.start), 0) || 1;
  const cTotal = c.sentences.reduce((n, s) => n + (s.end - s.start), 0) || 1;
  let verb = 0;
  let para = 0;
  let quote = 0;
  let cCovered = 0;
  let reused = 0;
  const counted: AlignedPair[] = [];
  for (const p of r.pairs) {
    const len = a.sentences[p.i].end - a.sentences[p.i].start;
    if (p.quote) {
      quote += len;
      continue;
    }
    reused++;
    counted.push(p);
    cCovered += c.sentences[p.j].end - c.sentences[p.j].start;
    if (p.verbatim) {
      verb += len * Math.min(1, Math.max(p.runShare, p.runShare >= 0.8 ? 1 : p.runShare));
      para += len * (1 - Math.min(1, p.runShare >= 0.8 ? 1 : p.runShare));
    } else para += len;
  }
  r.verbatimShare = verb / total;
  r.paraphraseShare = para / total;
  r.quoteShare = quote / total;
  r.sourceCoverage = Math.min(1, cCovered / cTotal);
  r.order = counted.length ? orderScore(counted) : 0;
  r.reusedSentences = reused;
  r.kind = decide(r);
}

function decide(r: PairResult): Kind | null {
  const D = DECISION;
  const share = r.verbatimShare + r.paraphraseShare;
  const verbatimSentences = r.pairs.filter((p) => p.verbatim && !p.quote).length;
  let reuse: Kind | null = null;
  if (r.verbatimShare >= D.verbatimCopyShare) reuse = 'verbatim-copy';
  else if (
    share >= D.paraphraseShare &&
    r.reusedSentences >= D.paraphraseMinSentences &&
    r.order >= D.paraphraseOrder &&
    r.cosine >= D.paraphraseCosine &&
    r.sourceCoverage >= D.paraphraseSourceCoverage
  )
    reuse = 'paraphrased-copy';
  else if (
    (r.verbatimShare >= D.partialShare / 2 && verbatimSentences >= D.partialMinSentences) ||
    (share >= D.partialShare && r.reusedSentences >= D.partialMinSentences && verbatimSentences >= 1)
  )
    reuse = 'partial-copy';
  if (r.syndication.length && (reuse || r.cosine >= D.sameStoryCosine)) return 'syndicated';
  if (reuse && r.credit.length) {
    // Credited reuse: an excerpt that names or links its source is not theft, whatever its size.
    return 'credited-excerpt';
  }
  if (!reuse && r.credit.length && share >= D.creditedMinShare && r.reusedSentences >= 1) return 'credited-excerpt';
  if (reuse) return reuse;
  if (r.cosine >= D.sameStoryCosine || r.pairs.length >= 2) return 'same-story';
  return null;
}

/** Sentences of the checked article that match the same text in 3+ outlets: boilerplate, not reuse. */
function boilerplateSentences(results: PairResult[]): Set<number> {
  const hosts = new Map<number, Set<string>>();
  for (const r of results)
    for (const p of r.pairs)
      if (p.verbatim && p.runShare >= 0.9) {
        const s = hosts.get(p.i) ?? new Set<string>();
        s.add(outletName(r.cand));
        hosts.set(p.i, s);
      }
  const out = new Set<number>();
  for (const [i, s] of hosts) if (s.size >= 3) out.add(i);
  // A sentence shared by 3+ outlets that is also among nearly all candidates is boilerplate only
  // when most candidates are otherwise unrelated; keep it simple: 3+ outlets and the sentence is short.
  return out;
}

function dropSentences(r: PairResult, a: DocPrint, drop: Set<number>): void {
  const before = r.pairs.length;
  r.pairs = r.pairs.filter((p) => !drop.has(p.i) || (a.sentences[p.i].end - a.sentences[p.i].start) > 200);
  if (r.pairs.length !== before) measure(r, a);
}

function documentVector(d: DocPrint, weight: (t: number) => number): { v: Map<number, number>; n: number } {
  const v = new Map<number, number>();
  for (const s of d.sentences) for (let i = 0; i < s.terms.length; i++) v.set(s.terms[i], (v.get(s.terms[i]) ?? 0) + 1);
  let n = 0;
  for (const [t, f] of v) {
    const w = (1 + Math.log(f)) * weight(t);
    v.set(t, w);
    n += w * w;
  }
  return { v, n: Math.sqrt(n) };
}

/** IDF over a small set of documents (smoothed so that a term shared by all still weighs something). */
function localIdf(docs: DocPrint[]): (t: number) => number {
  const df = new Map<number, number>();
  for (const d of docs) {
    const seen = new Set<number>();
    for (const s of d.sentences) for (const t of s.terms) seen.add(t);
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = docs.length;
  return (t) => Math.log(1 + (n + 1) / ((df.get(t) ?? 0) + 0.5));
}

function ref(d: DocPrint): ArticleRef {
  return { url: d.url, title: d.title, siteName: d.siteName, publishedTime: d.publishedTime };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** "2 hours", "3 days", "40 minutes". */
export function humanDuration(ms: number): string {
  const min = Math.round(Math.abs(ms) / 60000);
  if (min < 60) return `${min} minute${min === 1 ? '' : 's'}`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} hour${h === 1 ? '' : 's'}`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'}`;
}

function timing(a: DocPrint, c: DocPrint): string {
  const at = docTime(a);
  const ct = docTime(c);
  if (!at || !ct) return 'publication time unknown';
  const diff = at.t - ct.t;
  if (diff === 0) return 'published at the same time';
  return `${ct.from} ${humanDuration(diff)} ${diff > 0 ? 'earlier' : 'later'}`;
}

function evidenceFor(a: DocPrint, r: PairResult, back: PairResult | null, relation: string): string[] {
  const c = r.cand;
  const ev: string[] = [];
  ev.push(`${outletName(c)}: ${timing(a, c)}`);
  ev.push(`document similarity ${r.cosine.toFixed(2)}`);
  const verbatimN = r.pairs.filter((p) => p.verbatim && !p.quote).length;
  const paraN = r.pairs.filter((p) => !p.verbatim && !p.quote).length;
  const quoteN = r.pairs.filter((p) => p.quote).length;
  if (r.pairs.length) {
    ev.push(
      `${verbatimN + paraN} of ${a.sentences.length} sentences aligned (${verbatimN} word for word, ${paraN} reworded), covering ${pct(r.verbatimShare + r.paraphraseShare)} of this article and ${pct(r.sourceCoverage)} of ${outletName(c)}`,
    );
    if (verbatimN + paraN >= 2) ev.push(`aligned facts in the same order: ${pct(r.order)}`);
  }
  if (quoteN) ev.push(`${quoteN} shared quotation${quoteN === 1 ? '' : 's'} (quoted speech, not counted as copying)`);
  for (const s of r.syndication) ev.push(`declared syndication: ${s}`);
  for (const s of r.credit) ev.push(`credit: ${s}`);
  if (relation === 'derivative' && back) ev.push(`${outletName(c)} reuses ${pct(back.verbatimShare + back.paraphraseShare)} of its text from this article`);
  if (relation === 'same-story') ev.push('related facts, but not enough aligned, ordered text to call it a copy');
  return ev;
}

function summarize(
  a: DocPrint,
  verdict: Verdict,
  direct: PairResult | null,
  origin: DocPrint | null,
  related: RelatedArticle[],
  derivatives: PairResult[],
): string {
  const credit = (r: PairResult) => (r.credit.length || r.syndication.length ? 'credit given' : 'no credit given');
  if (direct && verdict !== 'same-story' && verdict !== 'original' && verdict !== 'no-match') {
    const c = direct.cand;
    const name = outletName(c);
    const when = timing(a, c);
    const via = origin ? `, which was itself derived from ${outletName(origin)}` : '';
    switch (verdict) {
      case 'verbatim-copy':
        return `Copied word for word from ${name}${via}, ${when}; ${credit(direct)}.`;
      case 'partial-copy':
        return `Partly copied from ${name}${via} (${pct(direct.verbatimShare + direct.paraphraseShare)} of its text), ${when}; ${credit(direct)}.`;
      case 'paraphrased-copy':
        return `Rewritten from ${name}${via}, ${when}; ${credit(direct)}.`;
      case 'credited-excerpt':
        return `Quotes or summarises ${name}, ${when}, and credits it.`;
      case 'syndicated':
        return `Declared republication of ${name} (${direct.syndication[0] ?? 'syndication'}), not a copy.`;
    }
  }
  if (verdict === 'original') {
    const n = derivatives.filter((d) => d.kind && d.kind !== 'same-story').length;
    return `Original: ${n} known article${n === 1 ? '' : 's'} reuse${n === 1 ? 's' : ''} it, and it reuses none.`;
  }
  if (verdict === 'same-story') {
    const n = related.filter((r) => r.relation === 'same-story').length;
    return `Reports the same story as ${n} known article${n === 1 ? '' : 's'}, with no sign that it was copied.`;
  }
  return 'No related article is known.';
}

function buildPassages(a: DocPrint, results: PairResult[]): Passage[] {
  const used = new Set<number>();
  const out: Passage[] = [];
  for (const r of results) {
    for (const p of r.pairs) {
      if (used.has(p.i)) continue;
      used.add(p.i);
      const s = a.sentences[p.i];
      const cs = r.cand.sentences[p.j];
      out.push({
        text: a.text!.slice(s.start, s.end),
        start: s.start,
        end: s.end,
        kind: p.quote ? 'quote' : p.verbatim && p.runShare >= 0.8 ? 'verbatim' : 'paraphrase',
        score: round(p.verbatim ? Math.max(p.runShare, p.cosine) : p.cosine),
        source: {
          url: r.cand.url,
          sentence: r.cand.text ? r.cand.text.slice(cs.start, cs.end) : null,
          start: cs.start,
          end: cs.end,
        },
      });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}
