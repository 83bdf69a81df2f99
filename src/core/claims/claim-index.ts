/**
 * The claim index: BM25 over content terms (stems and normalised numbers) of the claim text, its
 * fact-check title and claim bigrams, then a re-rank of the best candidates by how much of the
 * claim the query covers. Postings are typed arrays (CSR), built lazily after changes, so 10^5
 * claims take a few megabytes and a sentence is matched in well under a millisecond.
 *
 * `search` ranks (for `claims search`); `matchText` / `matchArticle` decide, with a calibrated
 * probability threshold so sentences about something else stay silent.
 */
import type { ArticleRecord, ClaimMatch, KnownClaim } from '../types';
import { articleText } from '../types';
import { splitSentences } from '../text';
import { bigrams, claimTerms } from './claim-terms';

/** One search result. */
export interface ClaimHit {
  claim: KnownClaim;
  /** Ranking score (higher is better; comparable within one query only). */
  score: number;
}

/** Per-candidate evidence used by the re-rank and the calibrated decision. */
export interface ClaimFeatures {
  doc: number;
  /** BM25 of the claim text + weighted title and bigram BM25. */
  bm25: number;
  /** The three BM25 parts: claim text, title, bigrams (unweighted). */
  bm25Claim: number;
  bm25Title: number;
  bm25Bigram: number;
  /** Share of the claim's IDF mass present in the query (claim text terms). */
  coverClaim: number;
  /** Share of the query's IDF mass present in the claim (claim text + title terms). */
  coverQuery: number;
  /** Share of the claim's bigrams present in the query. */
  coverBigrams: number;
  /** Share of the title's IDF mass present in the query (0 without a title). */
  coverTitle: number;
  /** Number of distinct claim-text terms found in the query (evidence that does not depend on store size). */
  matched: number;
}

/** Tuning knobs (defaults fitted on CheckThat! 2020 train; see scripts/eval-claims.ts). */
export interface ClaimScoring {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Weight of the title field's BM25 beside the claim text's. */
  titleWeight: number;
  /** Weight of the bigram field's BM25 (phrases survive paraphrase less, but are precise). */
  bigramWeight: number;
  /** Candidates re-ranked per query: more finds more buried matches, costs linear time. */
  rerankDepth: number;
  /** Re-rank weights: score = bm25/bm25max + w·features. */
  wCoverClaim: number;
  wCoverQuery: number;
  wCoverBigrams: number;
  wCoverTitle: number;
  /** Logistic calibration of a match: p = σ(c0 + c·features). */
  calib: { c0: number; coverClaim: number; coverTitle: number; coverBigrams: number; coverQuery: number; logMatched: number };
  /** Probability above which a sentence is said to repeat a claim. */
  threshold: number;
  /** Sentences with fewer content terms are never matched (too little evidence to say anything). */
  minSentenceTerms: number;
}

/** Default scoring; constants are fitted on CheckThat! 2020 train (scripts/eval-claims.ts). */
export const DEFAULT_SCORING: ClaimScoring = {
  k1: 1.2,
  // Claims are one sentence, titles shorter: length says little about relevance, so weak normalisation.
  b: 0.3,
  titleWeight: 0.5,
  // Bigram BM25 lowered MAP@5 on train (paraphrase breaks phrases); bigrams only feed coverBigrams.
  bigramWeight: 0,
  rerankDepth: 30,
  wCoverClaim: 0,
  wCoverQuery: 0.25,
  wCoverBigrams: 0.1,
  wCoverTitle: 0,
  // Fitted by `node --import tsx scripts/eval-claims.ts --calibrate` (logistic regression on train:
  // the true claim vs the 3 best wrong candidates per tweet).
  calib: { c0: -5.327, coverClaim: 2.041, coverTitle: 2.256, coverBigrams: -0.722, coverQuery: 3.031, logMatched: 1.324 },
  // p >= 0.5 is the model's own decision boundary. On dev it fires on the right claim for 39% of
  // tweets (tweets are noisy; a sentence restating a claim scores higher) and on 0.36% of unrelated
  // WikinewsSum sentences; 0.6 would halve those false alarms but lose a fifth of the matches.
  threshold: 0.5,
  // "Obama was born in Kenya" has 3 content terms; fewer is too little evidence to name a claim.
  minSentenceTerms: 3,
};

const F_CLAIM = 0;
const F_TITLE = 1;
const F_BIGRAM = 2;

/**
 * Terms in more than this share of the claims (and more than RARE_DF_MIN claims) are not walked
 * through their postings; they only add to the scores of the candidates the rarer terms found,
 * looked up in the forward index. Walking a term in 10% of 10^5 claims costs 10^4 updates and
 * decides almost nothing; a claim sharing only common words with a sentence is not a match anyway.
 * Lower is faster and risks missing a claim that shares only such words with the query.
 */
const RARE_DF_SHARE = 0.005;
/** Below this document frequency every term is walked (small stores stay exact). */
const RARE_DF_MIN = 100;
/** Candidates kept after the rare-term pass and completed with the common terms. */
const CANDIDATE_POOL = 200;

interface Field {
  /** Postings by term (CSR): docs and BM25 tf parts tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl)). */
  offsets: Uint32Array;
  docs: Uint32Array;
  weights: Float32Array;
  df: Uint32Array;
  idf: Float32Array;
  /** Forward index by doc (CSR, term ids ascending) with the same tf parts. */
  fOff: Uint32Array;
  fTerms: Uint32Array;
  fW: Float32Array;
  /** Σ idf of each doc's unique terms (coverage denominators). */
  mass: Float32Array;
}

interface Built {
  vocab: Map<string, number>;
  fields: Field[];
  acc: Float32Array;
  /** Per-field BM25 parts of the current query (claim, title, bigram). */
  part: Float32Array[];
  mark: Uint8Array;
}

/** Accumulates one field's forward index while claims are tokenised. */
class FieldBuilder {
  ids: number[] = [];
  tfs: number[] = [];
  off: number[] = [0];
  lens: number[] = [];

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

  finish(v: number, k1: number, b: number): Field {
    const n = this.lens.length;
    const total = this.ids.length;
    const fOff = Uint32Array.from(this.off);
    const fTerms = Uint32Array.from(this.ids);
    const df = new Uint32Array(v + 1);
    for (let i = 0; i < total; i++) df[fTerms[i]]++;
    let lenSum = 0;
    for (const l of this.lens) lenSum += l;
    const avgdl = n > 0 && lenSum > 0 ? lenSum / n : 1;
    const idf = new Float32Array(v);
    for (let t = 0; t < v; t++) idf[t] = df[t] > 0 ? bm25Idf(n, df[t]) : 0;
    const offsets = new Uint32Array(v + 1);
    for (let t = 0; t < v; t++) offsets[t + 1] = offsets[t] + df[t];
    const fill = offsets.slice(0, v);
    const docs = new Uint32Array(total);
    const weights = new Float32Array(total);
    const fW = new Float32Array(total);
    const mass = new Float32Array(n);
    for (let d = 0; d < n; d++) {
      const norm = k1 * (1 - b + (b * this.lens[d]) / avgdl);
      let m = 0;
      for (let p = fOff[d]; p < fOff[d + 1]; p++) {
        const t = fTerms[p];
        const tf = this.tfs[p];
        const w = (tf * (k1 + 1)) / (tf + norm);
        fW[p] = w;
        const q = fill[t]++;
        docs[q] = d;
        weights[q] = w;
        m += idf[t];
      }
      mass[d] = m;
    }
    return { offsets, docs, weights, df, idf, fOff, fTerms, fW, mass };
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

/** Indices of the `k` highest `score[items[i]]`, best first (partial selection with a min-heap). */
function topK(items: number[], score: Float32Array, k: number): number[] {
  // Ties go to the claim added first (stable, and duplicates keep their original's place).
  const cmp = (a: number, b: number) => score[b] - score[a] || a - b;
  if (items.length <= k) return [...items].sort(cmp);
  const heap: number[] = [];
  const less = (a: number, b: number) => score[a] < score[b] || (score[a] === score[b] && a > b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
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
      down(0);
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
  private built: Built | null = null;
  readonly scoring: ClaimScoring;

  constructor(claims: KnownClaim[] = [], scoring: Partial<ClaimScoring> = {}) {
    this.scoring = { ...DEFAULT_SCORING, ...scoring };
    this.add(claims);
  }

  /** Adds claims; a claim with an id already present replaces it. */
  add(claims: Iterable<KnownClaim>): void {
    for (const c of claims) {
      const at = this.slot.get(c.id);
      if (at === undefined) {
        this.slot.set(c.id, this.docs.length);
        this.docs.push(c);
      } else this.docs[at] = c;
      this.built = null;
    }
  }

  /** Removes every claim of one source (a feed id, "import", "harvest"); returns how many. */
  removeSource(source: string): number {
    const before = this.docs.length;
    this.docs = this.docs.filter((c) => c.source !== source);
    if (this.docs.length !== before) {
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
        f.bm25 / max + s.wCoverClaim * f.coverClaim + s.wCoverQuery * f.coverQuery +
        s.wCoverBigrams * f.coverBigrams + s.wCoverTitle * f.coverTitle,
    }));
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, k).map(({ f, score }) => ({ claim: this.docs[f.doc], score }));
  }

  /** Calibrated probability that a text repeats the claim these features describe. */
  probability(f: ClaimFeatures): number {
    const c = this.scoring.calib;
    const z = c.c0 + c.coverClaim * f.coverClaim + c.coverQuery * f.coverQuery + c.coverBigrams * f.coverBigrams +
      c.coverTitle * f.coverTitle + c.logMatched * Math.log1p(f.matched);
    return 1 / (1 + Math.exp(-z));
  }

  /** The claim a text repeats, with its probability, or null when none passes the threshold. */
  matchText(text: string): { claim: KnownClaim; score: number } | null {
    const s = this.scoring;
    if (new Set(claimTerms(text)).size < s.minSentenceTerms) return null;
    const feats = this.candidates(text);
    let best: ClaimFeatures | null = null;
    let bestP = -1;
    for (const f of feats) {
      const p = this.probability(f);
      if (p > bestP) {
        bestP = p;
        best = f;
      }
    }
    return best && bestP >= s.threshold ? { claim: this.docs[best.doc], score: bestP } : null;
  }

  /** Matches each sentence of an article against the claims; offsets are into articleText(article). */
  matchArticle(article: Pick<ArticleRecord, 'paragraphs'>): ClaimMatch[] {
    const text = articleText(article);
    const out: ClaimMatch[] = [];
    if (this.docs.length === 0) return out;
    for (const sentence of splitSentences(text)) {
      const m = this.matchText(sentence.text);
      if (!m) continue;
      out.push({
        text: sentence.text,
        start: sentence.start,
        end: sentence.end,
        score: Math.round(m.score * 1000) / 1000,
        claim: {
          id: m.claim.id,
          url: m.claim.url,
          claimReviewed: m.claim.claimReviewed,
          rating: m.claim.rating.alternateName ??
            (m.claim.rating.ratingValue !== null ? `${m.claim.rating.ratingValue}${m.claim.rating.bestRating !== null ? `/${m.claim.rating.bestRating}` : ''}` : null),
          reviewer: m.claim.reviewer.name,
        },
      });
    }
    return out;
  }

  /** Candidate claims for a text with their features, best BM25 first (for search, matching, tuning). */
  candidates(text: string): ClaimFeatures[] {
    if (this.docs.length === 0) return [];
    const b = this.build();
    const s = this.scoring;
    const terms = claimTerms(text);
    if (terms.length === 0) return [];
    const n = this.docs.length;
    const fc = b.fields[F_CLAIM];
    const ft = b.fields[F_TITLE];
    const qUni = new Set<number>();
    let qMass = 0;
    for (const t of new Set(terms)) {
      const id = b.vocab.get(t);
      // Unknown terms still count in the query's mass (a text mostly about other things is not a match).
      qMass += id === undefined ? bm25Idf(n, 0) : Math.max(fc.idf[id], ft.idf[id]);
      if (id !== undefined) qUni.add(id);
    }
    const qBi = new Set<number>();
    for (const t of bigrams(terms)) {
      const id = b.vocab.get(t);
      if (id !== undefined) qBi.add(id);
    }
    const { acc, mark, part } = b;
    const touched: number[] = [];
    const rareLimit = Math.max(RARE_DF_MIN, n * RARE_DF_SHARE);
    const deferred: Array<[number, number, number]> = []; // [field, term, weight]
    const walk = (fi: number, id: number, w: number) => {
      const field = b.fields[fi];
      const idf = field.idf[id];
      const pf = part[fi];
      for (let p = field.offsets[id], e = field.offsets[id + 1]; p < e; p++) {
        const d = field.docs[p];
        if (mark[d] === 0) {
          mark[d] = 1;
          touched.push(d);
        }
        const x = idf * field.weights[p];
        pf[d] += x;
        acc[d] += w * x;
      }
    };
    const plan = (fi: number, ids: Iterable<number>, w: number) => {
      if (w === 0) return;
      for (const id of ids) {
        const df = b.fields[fi].df[id];
        if (df === 0) continue;
        if (df <= rareLimit) walk(fi, id, w);
        else deferred.push([fi, id, w]);
      }
    };
    plan(F_CLAIM, qUni, 1);
    plan(F_TITLE, qUni, s.titleWeight);
    plan(F_BIGRAM, qBi, s.bigramWeight);
    if (touched.length === 0 && deferred.length > 0) {
      // Only common words: walk the rarest of them so there are candidates at all.
      deferred.sort((x, y) => b.fields[x[0]].df[x[1]] - b.fields[y[0]].df[y[1]]);
      const [fi, id, w] = deferred.shift()!;
      walk(fi, id, w);
    }
    let pool = topK(touched, acc, CANDIDATE_POOL);
    if (deferred.length > 0) {
      for (const d of pool) {
        for (const [fi, id, w] of deferred) {
          const field = b.fields[fi];
          const p = findTerm(field, d, id);
          if (p < 0) continue;
          const x = field.idf[id] * field.fW[p];
          part[fi][d] += x;
          acc[d] += w * x;
        }
      }
      pool = pool.sort((x, y) => acc[y] - acc[x] || x - y);
    }
    const top = pool.slice(0, s.rerankDepth);
    const out: ClaimFeatures[] = top.map((d) => ({
      doc: d,
      bm25: acc[d],
      bm25Claim: part[F_CLAIM][d],
      bm25Title: part[F_TITLE][d],
      bm25Bigram: part[F_BIGRAM][d],
      coverClaim: this.cover(fc, d, qUni),
      coverQuery: qMass > 0 ? this.overlapMass(b, d, qUni) / qMass : 0,
      coverBigrams: this.share(b.fields[F_BIGRAM], d, qBi),
      // Without a title the claim text stands in for it, so claims from feeds that omit `name`
      // are not penalised by a feature fitted on data where every claim has one.
      coverTitle: ft.mass[d] > 0 ? this.cover(ft, d, qUni) : this.cover(fc, d, qUni),
      matched: this.count(fc, d, qUni),
    }));
    for (const d of touched) {
      acc[d] = 0;
      mark[d] = 0;
      part[0][d] = 0;
      part[1][d] = 0;
      part[2][d] = 0;
    }
    return out;
  }

  private cover(f: Field, d: number, q: Set<number>): number {
    let hit = 0;
    for (let p = f.fOff[d], e = f.fOff[d + 1]; p < e; p++) if (q.has(f.fTerms[p])) hit += f.idf[f.fTerms[p]];
    return f.mass[d] > 0 ? hit / f.mass[d] : 0;
  }

  private count(f: Field, d: number, q: Set<number>): number {
    let hit = 0;
    for (let p = f.fOff[d], e = f.fOff[d + 1]; p < e; p++) if (q.has(f.fTerms[p])) hit++;
    return hit;
  }

  private share(f: Field, d: number, q: Set<number>): number {
    const len = f.fOff[d + 1] - f.fOff[d];
    return len === 0 ? 0 : this.count(f, d, q) / len;
  }

  /** Σ idf of query terms found in the claim text or title. */
  private overlapMass(b: Built, d: number, q: Set<number>): number {
    const fc = b.fields[F_CLAIM];
    const ft = b.fields[F_TITLE];
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
    const { k1, b } = this.scoring;
    const n = this.docs.length;
    const vocab = new Map<string, number>();
    const builders = [new FieldBuilder(), new FieldBuilder(), new FieldBuilder()];
    for (const c of this.docs) {
      const uni = claimTerms(c.claimReviewed);
      builders[F_CLAIM].addDoc(uni, vocab);
      builders[F_TITLE].addDoc(c.title ? claimTerms(c.title) : [], vocab);
      builders[F_BIGRAM].addDoc(bigrams(uni), vocab);
    }
    const fields = builders.map((fb) => fb.finish(vocab.size, k1, b));
    this.built = {
      vocab,
      fields,
      acc: new Float32Array(n),
      part: [new Float32Array(n), new Float32Array(n), new Float32Array(n)],
      mark: new Uint8Array(n),
    };
    return this.built;
  }
}
