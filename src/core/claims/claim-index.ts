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

interface Field {
  offsets: Uint32Array;
  docs: Uint32Array;
  /** BM25 tf part per posting: tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl)). */
  weights: Float32Array;
  idf: Float32Array;
}

interface Built {
  vocab: Map<string, number>;
  fields: Field[];
  /** Forward index: unique claim-text term ids, title term ids, bigram ids per doc. */
  fwd: { offsets: Uint32Array; terms: Uint32Array }[];
  /** Σ idf of each doc's unique claim terms / title terms (coverage denominators). */
  mass: Float32Array[];
  acc: Float32Array;
  /** Per-field BM25 parts of the current query (claim, title, bigram). */
  part: Float32Array[];
  mark: Uint8Array;
}

/** Sorted-unique term ids with their counts. */
function countIds(terms: string[], vocab: Map<string, number>): [number[], number[]] {
  const m = new Map<number, number>();
  for (const t of terms) {
    let id = vocab.get(t);
    if (id === undefined) {
      id = vocab.size;
      vocab.set(t, id);
    }
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  const ids = [...m.keys()].sort((a, b) => a - b);
  return [ids, ids.map((i) => m.get(i)!)];
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
    const b = this.build();
    const s = this.scoring;
    const terms = claimTerms(text);
    if (terms.length === 0 || this.docs.length === 0) return [];
    const qUni = new Set<number>();
    let qMass = 0;
    const n = this.docs.length;
    for (const t of new Set(terms)) {
      const id = b.vocab.get(t);
      // Unknown terms still count in the query's mass (a text mostly about other things is not a match).
      const idf = id === undefined ? bm25Idf(n, 0) : Math.max(b.fields[F_CLAIM].idf[id], b.fields[F_TITLE].idf[id]);
      qMass += idf;
      if (id !== undefined) qUni.add(id);
    }
    const qBi = new Set<number>();
    for (const t of bigrams(terms)) {
      const id = b.vocab.get(t);
      if (id !== undefined) qBi.add(id);
    }
    const { acc, mark } = b;
    const touched: number[] = [];
    const run = (fi: number, ids: Iterable<number>, w: number) => {
      const field = b.fields[fi];
      const part = b.part[fi];
      for (const id of ids) {
        const idf = field.idf[id];
        for (let p = field.offsets[id], e = field.offsets[id + 1]; p < e; p++) {
          const d = field.docs[p];
          if (mark[d] === 0) {
            mark[d] = 1;
            touched.push(d);
          }
          const x = idf * field.weights[p];
          part[d] += x;
          acc[d] += w * x;
        }
      }
    };
    run(F_CLAIM, qUni, 1);
    run(F_TITLE, qUni, s.titleWeight);
    if (s.bigramWeight > 0) run(F_BIGRAM, qBi, s.bigramWeight);
    // Top rerankDepth by BM25 with a small binary-inserted list (depth is tens).
    const depth = s.rerankDepth;
    const top: number[] = [];
    for (const d of touched) {
      const sc = acc[d];
      if (top.length === depth && sc <= acc[top[depth - 1]]) continue;
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (acc[top[mid]] >= sc) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, d);
      if (top.length > depth) top.pop();
    }
    const out: ClaimFeatures[] = top.map((d) => ({
      doc: d,
      bm25: acc[d],
      bm25Claim: b.part[F_CLAIM][d],
      bm25Title: b.part[F_TITLE][d],
      bm25Bigram: b.part[F_BIGRAM][d],
      coverClaim: this.cover(b, F_CLAIM, d, qUni),
      coverQuery: 0,
      coverBigrams: this.share(b, F_BIGRAM, d, qBi),
      // Without a title the claim text stands in for it, so claims from feeds that omit `name`
      // are not penalised by a feature fitted on data where every claim has one.
      coverTitle: b.mass[F_TITLE][d] > 0 ? this.cover(b, F_TITLE, d, qUni) : -1,
      matched: this.count(b, F_CLAIM, d, qUni),
    }));
    for (const f of out) {
      f.coverQuery = qMass > 0 ? this.overlapMass(b, f.doc, qUni) / qMass : 0;
      if (f.coverTitle < 0) f.coverTitle = f.coverClaim;
    }
    for (const d of touched) {
      acc[d] = 0;
      mark[d] = 0;
      b.part[0][d] = 0;
      b.part[1][d] = 0;
      b.part[2][d] = 0;
    }
    return out;
  }

  private cover(b: Built, field: number, d: number, q: Set<number>): number {
    const fw = b.fwd[field];
    const idf = b.fields[field].idf;
    let hit = 0;
    for (let p = fw.offsets[d], e = fw.offsets[d + 1]; p < e; p++) if (q.has(fw.terms[p])) hit += idf[fw.terms[p]];
    const m = b.mass[field][d];
    return m > 0 ? hit / m : 0;
  }

  private count(b: Built, field: number, d: number, q: Set<number>): number {
    const fw = b.fwd[field];
    let hit = 0;
    for (let p = fw.offsets[d], e = fw.offsets[d + 1]; p < e; p++) if (q.has(fw.terms[p])) hit++;
    return hit;
  }

  private share(b: Built, field: number, d: number, q: Set<number>): number {
    const fw = b.fwd[field];
    const len = fw.offsets[d + 1] - fw.offsets[d];
    if (len === 0) return 0;
    let hit = 0;
    for (let p = fw.offsets[d], e = fw.offsets[d + 1]; p < e; p++) if (q.has(fw.terms[p])) hit++;
    return hit / len;
  }

  /** Σ idf of query terms found in the claim text or title. */
  private overlapMass(b: Built, d: number, q: Set<number>): number {
    const seen = new Set<number>();
    let m = 0;
    for (const field of [F_CLAIM, F_TITLE]) {
      const fw = b.fwd[field];
      for (let p = fw.offsets[d], e = fw.offsets[d + 1]; p < e; p++) {
        const t = fw.terms[p];
        if (q.has(t) && !seen.has(t)) {
          seen.add(t);
          m += Math.max(b.fields[F_CLAIM].idf[t], b.fields[F_TITLE].idf[t]);
        }
      }
    }
    return m;
  }

  private build(): Built {
    if (this.built) return this.built;
    const { k1, b: bb } = this.scoring;
    const n = this.docs.length;
    const vocab = new Map<string, number>();
    // Per field, per doc: unique ids and tfs (kept only until the CSR arrays are filled).
    const per: [number[], number[]][][] = [[], [], []];
    for (const c of this.docs) {
      const uni = claimTerms(c.claimReviewed);
      per[F_CLAIM].push(countIds(uni, vocab));
      per[F_TITLE].push(countIds(c.title ? claimTerms(c.title) : [], vocab));
      per[F_BIGRAM].push(countIds(bigrams(uni), vocab));
    }
    const v = vocab.size;
    const fields: Field[] = [];
    const fwd: Built['fwd'] = [];
    const mass: Float32Array[] = [];
    for (let f = 0; f < 3; f++) {
      const rows = per[f];
      const df = new Uint32Array(v + 1);
      let total = 0;
      let lenSum = 0;
      const dl = new Float32Array(n);
      for (let d = 0; d < n; d++) {
        const [ids, tfs] = rows[d];
        for (const id of ids) df[id]++;
        total += ids.length;
        let len = 0;
        for (const tf of tfs) len += tf;
        dl[d] = len;
        lenSum += len;
      }
      const avgdl = n > 0 ? lenSum / n || 1 : 1;
      const offsets = new Uint32Array(v + 1);
      for (let i = 0; i < v; i++) offsets[i + 1] = offsets[i] + df[i];
      const fill = offsets.slice(0, v);
      const docs = new Uint32Array(total);
      const weights = new Float32Array(total);
      const fOff = new Uint32Array(n + 1);
      const fTerms = new Uint32Array(total);
      const idf = new Float32Array(v);
      for (let i = 0; i < v; i++) idf[i] = df[i] > 0 ? bm25Idf(n, df[i]) : 0;
      const m = new Float32Array(n);
      let fp = 0;
      for (let d = 0; d < n; d++) {
        const [ids, tfs] = rows[d];
        const norm = k1 * (1 - bb + (bb * dl[d]) / avgdl);
        for (let j = 0; j < ids.length; j++) {
          const p = fill[ids[j]]++;
          docs[p] = d;
          weights[p] = (tfs[j] * (k1 + 1)) / (tfs[j] + norm);
          fTerms[fp++] = ids[j];
          m[d] += idf[ids[j]];
        }
        fOff[d + 1] = fp;
      }
      fields.push({ offsets, docs, weights, idf });
      fwd.push({ offsets: fOff, terms: fTerms });
      mass.push(m);
    }
    this.built = { vocab, fields, fwd, mass, acc: new Float32Array(n), part: [new Float32Array(n), new Float32Array(n), new Float32Array(n)], mark: new Uint8Array(n) };
    return this.built;
  }
}
