/**
 * The claim index: BM25 over content terms (stems and normalised numbers) of the claim text plus
 * its fact-check title (a weighted second field), then a re-rank of the best candidates by how much
 * of the query the claim covers. Everything is typed arrays (CSR), built lazily after changes: 10^5
 * claims take a few tens of megabytes and a sentence is matched in a fraction of a millisecond.
 *
 * `search` ranks (for `claims search`); `matchText` / `matchArticle` decide, with a calibrated
 * probability threshold so sentences about something else stay silent.
 */
import type { ArticleRecord, ClaimMatch, KnownClaim } from '../types';
import { articleText } from '../types';
import { resolveLang, splitSentences } from '../text';
import { siteOf } from '../site';
import { claimTerms } from './claim-terms';
import { claimClause, claimStance } from './claim-stance';

/** One search result. */
export interface ClaimHit {
  claim: KnownClaim;
  /** Ranking score (higher is better; comparable within one query only). */
  score: number;
}

/** Per-candidate evidence used by the re-rank and the calibrated decision. */
export interface ClaimFeatures {
  doc: number;
  /** BM25 of the claim text + titleWeight · BM25 of the title. */
  bm25: number;
  /** The two BM25 parts, unweighted. */
  bm25Claim: number;
  bm25Title: number;
  /** Share of the claim's IDF mass present in the query (claim text terms). */
  coverClaim: number;
  /** Share of the query's IDF mass present in the claim (claim text + title terms). */
  coverQuery: number;
  /** Share of the title's IDF mass present in the query (the claim text's share without a title). */
  coverTitle: number;
  /** Number of distinct claim-text terms found in the query (evidence that does not depend on store size). */
  matched: number;
  /** Whether the claim has a title (the two kinds are calibrated separately). */
  hasTitle: boolean;
  /** Share of the query's RARE_QUERY_TERMS rarest known terms found in the claim or its title. */
  rareShare: number;
  /** 1 when query and claim both hold numbers and none agree ("2016" vs "2019"), else 0. */
  numberClash: number;
}

/** Tuning knobs (defaults fitted on CheckThat! 2020 train; see scripts/eval-claims.ts). */
export interface ClaimScoring {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Weight of the title field's BM25 beside the claim text's. */
  titleWeight: number;
  /** Candidates re-ranked per query: more finds more buried matches, costs linear time. */
  rerankDepth: number;
  /** Re-rank: score = bm25/bm25max + w·features. */
  wCoverClaim: number;
  wCoverQuery: number;
  wCoverTitle: number;
  wRareShare: number;
  wNumberClash: number;
  /** Logistic calibration of a match: p = σ(c0 + c·features). */
  calib: { c0: number; coverClaim: number; coverTitle: number; coverQuery: number; logMatched: number };
  /** The same for claims without a title (fitted with the titles removed). */
  calibNoTitle: { c0: number; coverClaim: number; coverQuery: number; logMatched: number };
  /** Probability above which a sentence is said to repeat a claim. */
  threshold: number;
  /** Sentences with fewer distinct content terms are never matched (too little evidence). */
  minSentenceTerms: number;
  /** A match must contain at least this share of the claim's IDF mass, whatever else it shares. */
  minCoverClaim: number;
  /** A match must explain at least this share of the sentence's IDF mass (else it is about other things). */
  minCoverQuery: number;
}

/** Default scoring; constants are fitted on CheckThat! 2020 train (scripts/eval-claims.ts). */
export const DEFAULT_SCORING: ClaimScoring = {
  k1: 1.2,
  // Claims are one sentence, titles shorter: length says little about relevance, so weak
  // normalisation (b 0.3 beat 0.75 by 2 points MAP@5 on train).
  b: 0.3,
  titleWeight: 0.5,
  rerankDepth: 30,
  // Re-rank weights from coordinate ascent on train MAP@5 (train 0.871 -> 0.878, dev unchanged:
  // BM25 carries the ranking; what it misses is mostly vocabulary mismatch, "mum" vs "mother").
  // Tried and left out: bigram overlap (0 weight on train); GloVe-style vectors pruned to 40k
  // stems (4 MB int8) as mean-vector cosine or soft term coverage, +0.2 to +0.4 point on train.
  wCoverClaim: 0.35,
  wCoverQuery: 0.85,
  wCoverTitle: 0,
  wRareShare: 0.35,
  wNumberClash: -0.1,
  // Fitted by `node --import tsx scripts/eval-claims.ts --calibrate` (logistic regression on train:
  // the true claim vs the 3 best wrong candidates per tweet).
  calib: { c0: -5.288, coverClaim: 1.791, coverTitle: 2.137, coverQuery: 2.865, logMatched: 1.372 },
  calibNoTitle: { c0: -5.007, coverClaim: 3.317, coverQuery: 2.744, logMatched: 1.428 },
  // p >= 0.5 is the model's own decision boundary. With the floors below it matches 65% of
  // fact-check headlines to their claim (claims indexed without titles), 25% of dev tweets (noisy:
  // handles, hashtags, commentary) and fires on 0.24% of unrelated WikinewsSum sentences.
  threshold: 0.5,
  // "Obama was born in Kenya" has 3 content terms; fewer is too little evidence to name a claim.
  minSentenceTerms: 3,
  // No floor on claim coverage: headline-style paraphrases often carry under half of the claim's
  // terms (a 0.6 floor halved their matches on CheckThat! titles).
  minCoverClaim: 0,
  // The sentence must be mostly about the claim: a long sentence that shares the claim's place and
  // event but says something else explains little of its own mass (0.19 for the demo's council-vote
  // lead vs the storm-drain claim). Costs nothing on fact-check headlines as queries, cuts false
  // alarms on unrelated news by a third; tweets (hashtags, commentary) lose a quarter of matches.
  minCoverQuery: 0.25,
};

/**
 * Terms in more than this share of the claims (and more than RARE_DF_MIN claims) are not walked
 * through their postings; they only add to the scores of the candidates the rarer terms found,
 * looked up in the forward index. Walking a term in 10% of 10^5 claims costs 10^4 updates and
 * decides almost nothing; a claim sharing only common words with a sentence is not a match anyway.
 * Lower is faster and risks missing a claim that shares only such words with the query (on
 * CheckThat!, 10^4 claims: train MAP@5 -0.002, dev unchanged).
 */
const RARE_DF_SHARE = 0.002;
/** Below this document frequency every term is walked (small stores stay exact). */
const RARE_DF_MIN = 100;
/** The query's rarest terms checked by ClaimFeatures.rareShare (1-5 tried on train: 3 best). */
const RARE_QUERY_TERMS = 3;
/** A glued tag half must be in at least this many claims to count as a word (1 admits typos). */
const SPLIT_MIN_DF = 2;
/** Candidates kept after the rare-term pass and completed with the common terms. */
const CANDIDATE_POOL = 200;

/** One field's forward index (by doc, term ids ascending) with BM25 tf parts and IDF. */
interface Field {
  fOff: Uint32Array;
  fTerms: Uint32Array;
  /** Term frequency per forward entry, and each doc's length in terms: kept so that a rebuild
   * after a change copies unchanged claims instead of tokenising them again. */
  fTf: Uint16Array;
  lens: Uint32Array;
  /** BM25 tf part tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl)) per forward entry. */
  fW: Float32Array;
  idf: Float32Array;
  /** Σ idf of each doc's unique terms (coverage denominators). */
  mass: Float32Array;
}

interface Built {
  vocab: Map<string, number>;
  claim: Field;
  title: Field;
  /** Postings by term over both fields (CSR): doc and its full contribution idf·tf-part, summed. */
  offsets: Uint32Array;
  docs: Uint32Array;
  contrib: Float32Array;
  /** Docs containing the term in either field. */
  df: Uint32Array;
  /** 1 for "#number" terms. */
  isNum: Uint8Array;
  acc: Float32Array;
  mark: Uint8Array;
}

/** Accumulates one field's forward index while claims are tokenised. */
class FieldBuilder {
  private ids: number[] = [];
  private tfs: number[] = [];
  private off: number[] = [0];
  private lens: number[] = [];

  addDoc(terms: string[], vocab: Map<string, number>): void {
    const tmp = new Uint32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      let id = vocab.get(terms[i]);
      if (id === undefined) {
        id = vocab.size;
        vocab.set(terms[i], id);
      }
      tmp[i] = id;
    }
    tmp.sort();
    for (let i = 0; i < tmp.length; ) {
      let j = i + 1;
      while (j < tmp.length && tmp[j] === tmp[i]) j++;
      this.ids.push(tmp[i]);
      this.tfs.push(j - i);
      i = j;
    }
    this.off.push(this.ids.length);
    this.lens.push(terms.length);
  }

  /** Adds doc `d` of an earlier build as it was (its text has not changed). */
  copyDoc(f: Field, d: number): void {
    for (let p = f.fOff[d], e = f.fOff[d + 1]; p < e; p++) {
      this.ids.push(f.fTerms[p]);
      this.tfs.push(f.fTf[p]);
    }
    this.off.push(this.ids.length);
    this.lens.push(f.lens[d]);
  }

  finish(v: number, k1: number, b: number): Field {
    const n = this.lens.length;
    const fOff = Uint32Array.from(this.off);
    const fTerms = Uint32Array.from(this.ids);
    // A term repeated 65,535 times in one claim saturates BM25 long before.
    const fTf = Uint16Array.from(this.tfs, (tf) => Math.min(tf, 0xffff));
    const lens = Uint32Array.from(this.lens);
    const df = new Uint32Array(v);
    for (let i = 0; i < fTerms.length; i++) df[fTerms[i]]++;
    let lenSum = 0;
    for (const l of this.lens) lenSum += l;
    const avgdl = n > 0 && lenSum > 0 ? lenSum / n : 1;
    const idf = new Float32Array(v);
    for (let t = 0; t < v; t++) idf[t] = df[t] > 0 ? bm25Idf(n, df[t]) : 0;
    const fW = new Float32Array(fTerms.length);
    const mass = new Float32Array(n);
    for (let d = 0; d < n; d++) {
      const norm = k1 * (1 - b + (b * this.lens[d]) / avgdl);
      let m = 0;
      for (let p = fOff[d]; p < fOff[d + 1]; p++) {
        const tf = this.tfs[p];
        fW[p] = (tf * (k1 + 1)) / (tf + norm);
        m += idf[fTerms[p]];
      }
      mass[d] = m;
    }
    return { fOff, fTerms, fTf, lens, fW, idf, mass };
  }
}

/** Position of term `t` in doc `d`'s forward list, or -1 (binary search; lists are short). */
function findTerm(f: Field, d: number, t: number): number {
  let lo = f.fOff[d];
  let hi = f.fOff[d + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = f.fTerms[mid];
    if (x === t) return mid;
    if (x < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The `k` items with the highest `score[item]`, best first; ties go to the lower item (the claim
 * added first, so a duplicate keeps its original's place). Partial selection with a min-heap. */
function topK(items: number[], score: Float32Array, k: number): number[] {
  const cmp = (a: number, b: number) => score[b] - score[a] || a - b;
  if (items.length <= k) return [...items].sort(cmp);
  const heap: number[] = [];
  const less = (a: number, b: number) => score[a] < score[b] || (score[a] === score[b] && a > b);
  for (const d of items) {
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!less(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (less(heap[0], d)) {
      heap[0] = d;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && less(heap[l], heap[m])) m = l;
        if (r < k && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
  }
  return heap.sort(cmp);
}

/** BM25 inverse document frequency (never negative). */
function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** An in-memory index of known claims for ranking and for sentence matching. */
export class ClaimIndex {
  private docs: KnownClaim[] = [];
  private slot = new Map<string, number>();
  /** The index as of the last build; null once a change made it stale. */
  private built: Built | null = null;
  /** The last build, kept while stale so that the next build copies what did not change. */
  private last: Built | null = null;
  /** For each claim, its doc number in `last` when its text is unchanged since, else -1. */
  private rows: number[] = [];
  readonly scoring: ClaimScoring;

  constructor(claims: Iterable<KnownClaim> = [], scoring: Partial<ClaimScoring> = {}) {
    this.scoring = { ...DEFAULT_SCORING, ...scoring };
    this.add(claims);
  }

  /**
   * Adds claims; a claim with an id already present replaces it. Only new or reworded claims are
   * tokenised again on the next search: a harvest of a few claims into 10^5 costs a fraction of a
   * full build.
   */
  add(claims: Iterable<KnownClaim>): void {
    for (const c of claims) {
      const at = this.slot.get(c.id);
      if (at === undefined) {
        this.slot.set(c.id, this.docs.length);
        this.docs.push(c);
        this.rows.push(-1);
        this.built = null;
        continue;
      }
      const old = this.docs[at];
      this.docs[at] = c;
      // Same words, other metadata (a new rating, a later review date): the index is unchanged.
      if (old.claimReviewed === c.claimReviewed && (old.title ?? '') === (c.title ?? '')) continue;
      this.rows[at] = -1;
      this.built = null;
    }
  }

  /** Removes every claim of one source (a feed id, "import", "harvest"); returns how many. */
  removeSource(source: string): number {
    return this.removeWhere((c) => c.source === source);
  }

  /**
   * Makes `claims` the whole of one source (a refreshed feed): its claims missing from the new set
   * go, the others are added or replaced; unchanged wording is not tokenised again.
   */
  replaceSource(source: string, claims: KnownClaim[]): void {
    const ids = new Set(claims.map((c) => c.id));
    this.removeWhere((c) => c.source === source && !ids.has(c.id));
    this.add(claims);
  }

  private removeWhere(drop: (c: KnownClaim) => boolean): number {
    const before = this.docs.length;
    const keep = this.docs.map((c) => !drop(c));
    this.docs = this.docs.filter((_, i) => keep[i]);
    if (this.docs.length !== before) {
      this.rows = this.rows.filter((_, i) => keep[i]);
      this.slot = new Map(this.docs.map((c, i) => [c.id, i]));
      this.built = null;
    }
    return before - this.docs.length;
  }

  /** Number of claims held. */
  get size(): number {
    return this.docs.length;
  }

  /** The claim with this id, if held. */
  get(id: string): KnownClaim | undefined {
    const i = this.slot.get(id);
    return i === undefined ? undefined : this.docs[i];
  }

  /** Size of the built index: distinct terms, postings, and bytes held in typed arrays. */
  stats(): { claims: number; terms: number; postings: number; typedBytes: number } {
    const b = this.build();
    let bytes = b.offsets.byteLength + b.docs.byteLength + b.contrib.byteLength + b.df.byteLength + b.isNum.byteLength + b.acc.byteLength + b.mark.byteLength;
    for (const f of [b.claim, b.title]) bytes += f.fOff.byteLength + f.fTerms.byteLength + f.fW.byteLength + f.idf.byteLength + f.mass.byteLength;
    return { claims: this.docs.length, terms: countUsed(b.df), postings: b.docs.length, typedBytes: bytes };
  }

  /** The claim at an internal position (as in ClaimFeatures.doc). */
  claimAt(doc: number): KnownClaim {
    return this.docs[doc];
  }

  /** Ranks claims for a text (a tweet, a sentence, a paragraph): best first, at most k. */
  search(text: string, k = 5): ClaimHit[] {
    const s = this.scoring;
    const feats = this.candidates(text);
    if (feats.length === 0) return [];
    const max = feats[0].bm25 || 1;
    const scored = feats.map((f) => ({
      f,
      score:
        f.bm25 / max + s.wCoverClaim * f.coverClaim + s.wCoverQuery * f.coverQuery + s.wCoverTitle * f.coverTitle +
        s.wRareShare * f.rareShare + s.wNumberClash * f.numberClash,
    }));
    // Stable sort: equal scores keep BM25 order.
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, k).map(({ f, score }) => ({ claim: this.docs[f.doc], score }));
  }

  /** Calibrated probability that a text repeats the claim these features describe. */
  probability(f: ClaimFeatures): number {
    const n = this.scoring.calibNoTitle;
    const c = f.hasTitle ? this.scoring.calib : { ...n, coverTitle: 0 };
    const z = c.c0 + c.coverClaim * f.coverClaim + c.coverTitle * f.coverTitle + c.coverQuery * f.coverQuery +
      c.logMatched * Math.log1p(f.matched);
    return 1 / (1 + Math.exp(-z));
  }

  /** The claim a text repeats, with its probability, or null when none passes the threshold. */
  matchText(text: string, skip?: (claim: KnownClaim) => boolean): { claim: KnownClaim; score: number } | null {
    const s = this.scoring;
    const terms = this.queryTerms(text);
    if (new Set(terms).size < s.minSentenceTerms) return null;
    let best: ClaimFeatures | null = null;
    let bestP = -1;
    for (const f of this.candidatesOfTerms(terms)) {
      if (f.coverClaim < s.minCoverClaim || f.coverQuery < s.minCoverQuery) continue;
      if (skip?.(this.docs[f.doc])) continue;
      const p = this.probability(f);
      if (p > bestP) {
        bestP = p;
        best = f;
      }
    }
    return best && bestP >= s.threshold ? { claim: this.docs[best.doc], score: bestP } : null;
  }

  /**
   * Matches each sentence of an article against the claims; offsets are into articleText(article).
   * An outlet is not flagged for claims it reviewed itself (a fact-check page restates the claim it
   * checks; a follow-up on the same site recalls it): claims whose review URL is on the article's
   * own site are skipped. The site comes from the page's address, which a page cannot forge.
   * Each match carries the sentence's stance (claimStance): only `repeats` is a warning.
   */
  matchArticle(article: Pick<ArticleRecord, 'paragraphs'> & { url?: string; lang?: string | null }): ClaimMatch[] {
    const out: ClaimMatch[] = [];
    if (this.docs.length === 0) return out;
    const text = articleText(article);
    const own = siteOf(article.url);
    // A claim in another language than the article's is never matched by shared names and
    // numbers alone: skipped when its text plainly is another language (another script, or its
    // function words are another language's), by the same rule that checks a page's declared one.
    const lang = resolveLang(article.lang ?? null, text).lang;
    const claimLang = new Map<string, boolean>();
    const otherLang = (c: KnownClaim) => {
      let other = claimLang.get(c.id);
      if (other === undefined) claimLang.set(c.id, (other = lang !== null && resolveLang(lang, c.claimReviewed).lang !== lang));
      return other;
    };
    const skip = (c: KnownClaim) => (own !== null && siteOf(c.url) === own) || otherLang(c);
    for (const sentence of splitSentences(text)) {
      // A debunk ("Fact-checkers found no evidence that X") carries words the claim does not
      // explain; matched on its clause alone it finds X as X itself would, so that it can be shown
      // as a refutation rather than missed (or, worse, left to a looser match elsewhere).
      const clause = claimClause(sentence.text);
      const m = this.matchText(sentence.text, skip) ?? (clause ? this.matchText(clause, skip) : null);
      if (!m) continue;
      const r = m.claim.rating;
      out.push({
        text: sentence.text,
        start: sentence.start,
        end: sentence.end,
        score: Math.round(m.score * 1000) / 1000,
        stance: claimStance(sentence.text, m.claim.claimReviewed),
        claim: {
          id: m.claim.id,
          url: m.claim.url,
          claimReviewed: m.claim.claimReviewed,
          rating: r.alternateName ?? (r.ratingValue !== null ? `${r.ratingValue}${r.bestRating !== null ? `/${r.bestRating}` : ''}` : null),
          reviewer: m.claim.reviewer.name,
          source: m.claim.source,
        },
      });
    }
    return out;
  }

  /** Candidate claims for a text with their features, best BM25 first (for search, matching, tuning). */
  candidates(text: string): ClaimFeatures[] {
    return this.candidatesOfTerms(this.queryTerms(text));
  }

  /** A query's terms, glued lowercase tags split against the store's vocabulary. */
  private queryTerms(text: string): string[] {
    if (this.docs.length === 0) return claimTerms(text);
    const b = this.build();
    return claimTerms(text, (t) => {
      const id = b.vocab.get(t);
      return id !== undefined && b.df[id] >= SPLIT_MIN_DF;
    });
  }

  private candidatesOfTerms(terms: string[]): ClaimFeatures[] {
    if (this.docs.length === 0 || terms.length === 0) return [];
    const b = this.build();
    const s = this.scoring;
    const n = this.docs.length;
    const { claim: fc, title: ft, acc, mark } = b;
    const q = new Set<number>();
    let qMass = 0;
    for (const t of new Set(terms)) {
      const id = b.vocab.get(t);
      // Unknown terms still count in the query's mass (a text mostly about other things is not a
      // match); a term no claim holds any more (reworded or removed) is unknown too.
      const known = id !== undefined && b.df[id] > 0;
      qMass += known ? Math.max(fc.idf[id], ft.idf[id]) : bm25Idf(n, 0);
      if (known) q.add(id);
    }
    const touched: number[] = [];
    const common: number[] = [];
    const rareLimit = Math.max(RARE_DF_MIN, n * RARE_DF_SHARE);
    const walk = (id: number) => {
      for (let p = b.offsets[id], e = b.offsets[id + 1]; p < e; p++) {
        const d = b.docs[p];
        if (mark[d] === 0) {
          mark[d] = 1;
          touched.push(d);
        }
        acc[d] += b.contrib[p];
      }
    };
    for (const id of q) {
      if (b.df[id] <= rareLimit) walk(id);
      else common.push(id);
    }
    if (touched.length === 0 && common.length > 0) {
      // Only common words: walk the rarest of them so there are candidates at all.
      common.sort((x, y) => b.df[x] - b.df[y]);
      walk(common.shift()!);
    }
    let pool = topK(touched, acc, CANDIDATE_POOL);
    if (common.length > 0) {
      for (const d of pool) {
        for (const id of common) {
          const pc = findTerm(fc, d, id);
          if (pc >= 0) acc[d] += fc.idf[id] * fc.fW[pc];
          const pt = findTerm(ft, d, id);
          if (pt >= 0) acc[d] += s.titleWeight * ft.idf[id] * ft.fW[pt];
        }
      }
      pool = pool.sort((x, y) => acc[y] - acc[x] || x - y);
    }
    const rare = [...q].sort((x, y) => b.df[x] - b.df[y] || x - y).slice(0, RARE_QUERY_TERMS);
    let queryHasNumber = false;
    for (const t of terms) if (t.startsWith('#')) queryHasNumber = true;
    const out: ClaimFeatures[] = pool.slice(0, s.rerankDepth).map((d) => {
      let rareFound = 0;
      for (const id of rare) if (findTerm(fc, d, id) >= 0 || findTerm(ft, d, id) >= 0) rareFound++;
      let numberClash = 0;
      if (queryHasNumber) {
        let has = false;
        let agree = false;
        for (const f of [fc, ft]) {
          for (let p = f.fOff[d], e = f.fOff[d + 1]; p < e; p++) {
            if (b.isNum[f.fTerms[p]] === 0) continue;
            has = true;
            if (q.has(f.fTerms[p])) agree = true;
          }
        }
        numberClash = has && !agree ? 1 : 0;
      }
      const claimSide = this.overlap(fc, d, q);
      const titleSide = this.overlap(ft, d, q);
      const coverClaim = fc.mass[d] > 0 ? claimSide.mass / fc.mass[d] : 0;
      return {
        doc: d,
        bm25: acc[d],
        bm25Claim: claimSide.bm25,
        bm25Title: titleSide.bm25,
        coverClaim,
        coverQuery: qMass > 0 ? this.queryOverlapMass(b, d, q) / qMass : 0,
        // Without a title the claim text stands in for it, so claims from feeds that omit `name`
        // are not penalised by a feature fitted on data where every claim has one.
        coverTitle: ft.mass[d] > 0 ? titleSide.mass / ft.mass[d] : coverClaim,
        matched: claimSide.count,
        hasTitle: ft.fOff[d + 1] > ft.fOff[d],
        rareShare: rare.length ? rareFound / rare.length : 0,
        numberClash,
      };
    });
    for (const d of touched) {
      acc[d] = 0;
      mark[d] = 0;
    }
    return out;
  }

  /** Query terms found in one field of a doc: their count, IDF mass and BM25. */
  private overlap(f: Field, d: number, q: Set<number>): { count: number; mass: number; bm25: number } {
    let count = 0;
    let mass = 0;
    let bm25 = 0;
    for (let p = f.fOff[d], e = f.fOff[d + 1]; p < e; p++) {
      const t = f.fTerms[p];
      if (!q.has(t)) continue;
      count++;
      mass += f.idf[t];
      bm25 += f.idf[t] * f.fW[p];
    }
    return { count, mass, bm25 };
  }

  /** Σ idf of query terms found in the claim text or title (each term once). */
  private queryOverlapMass(b: Built, d: number, q: Set<number>): number {
    const { claim: fc, title: ft } = b;
    let m = 0;
    for (let p = fc.fOff[d], e = fc.fOff[d + 1]; p < e; p++) {
      const t = fc.fTerms[p];
      if (q.has(t)) m += Math.max(fc.idf[t], ft.idf[t]);
    }
    for (let p = ft.fOff[d], e = ft.fOff[d + 1]; p < e; p++) {
      const t = ft.fTerms[p];
      if (q.has(t) && findTerm(fc, d, t) < 0) m += Math.max(fc.idf[t], ft.idf[t]);
    }
    return m;
  }

  private build(): Built {
    if (this.built) return this.built;
    const { k1, b, titleWeight } = this.scoring;
    const n = this.docs.length;
    // Term ids of the last build stay valid (the vocabulary only grows), unless removals left it
    // mostly unused: then start over, so churning feeds cannot grow it without bound.
    let last = this.last;
    if (last && last.vocab.size > 2 * countUsed(last.df) + 1000) last = null;
    const vocab = last ? last.vocab : new Map<string, number>();
    const cb = new FieldBuilder();
    const tb = new FieldBuilder();
    for (let d = 0; d < n; d++) {
      const row = last ? this.rows[d] : -1;
      if (last && row >= 0) {
        cb.copyDoc(last.claim, row);
        tb.copyDoc(last.title, row);
      } else {
        const c = this.docs[d];
        cb.addDoc(claimTerms(c.claimReviewed), vocab);
        tb.addDoc(c.title ? claimTerms(c.title) : [], vocab);
      }
    }
    const v = vocab.size;
    const claim = cb.finish(v, k1, b);
    const title = tb.finish(v, k1, b);
    // Merged postings: one walk per query term covers both fields.
    const df = new Uint32Array(v);
    const eachTerm = (d: number, fn: (t: number, x: number) => void) => {
      let i = claim.fOff[d];
      let j = title.fOff[d];
      const ie = claim.fOff[d + 1];
      const je = title.fOff[d + 1];
      while (i < ie || j < je) {
        const ti = i < ie ? claim.fTerms[i] : 0xffffffff;
        const tj = j < je ? title.fTerms[j] : 0xffffffff;
        if (ti <= tj) {
          let x = claim.idf[ti] * claim.fW[i];
          if (ti === tj) x += titleWeight * title.idf[tj] * title.fW[j++];
          fn(ti, x);
          i++;
        } else {
          fn(tj, titleWeight * title.idf[tj] * title.fW[j]);
          j++;
        }
      }
    };
    for (let d = 0; d < n; d++) eachTerm(d, (t) => df[t]++);
    const offsets = new Uint32Array(v + 1);
    for (let t = 0; t < v; t++) offsets[t + 1] = offsets[t] + df[t];
    const fill = offsets.slice(0, v);
    const docs = new Uint32Array(offsets[v]);
    const contrib = new Float32Array(offsets[v]);
    for (let d = 0; d < n; d++) {
      eachTerm(d, (t, x) => {
        const p = fill[t]++;
        docs[p] = d;
        contrib[p] = x;
      });
    }
    const isNum = new Uint8Array(v);
    for (const [t, id] of vocab) if (t.startsWith('#')) isNum[id] = 1;
    this.built = { vocab, claim, title, offsets, docs, contrib, df, isNum, acc: new Float32Array(n), mark: new Uint8Array(n) };
    this.last = this.built;
    this.rows = Array.from({ length: n }, (_, d) => d);
    return this.built;
  }
}

/** Terms present in at least one claim. */
function countUsed(df: Uint32Array): number {
  let used = 0;
  for (const x of df) if (x > 0) used++;
  return used;
}
