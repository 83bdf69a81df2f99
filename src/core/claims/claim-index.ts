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
import { fnv1a32 } from '../text/fnv1a';
import { decodeUtf16, encodeUtf16 } from '../utf16-bytes';
import { packStrings, unitsToString, type PackedStrings } from '../packed-strings';

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
const DEFAULT_SCORING: ClaimScoring = {
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

/**
 * One field's tokenised claims: forward lists by doc (term ids ascending) with term frequencies and
 * each doc's length in terms. Kept so that a rebuild after a change copies unchanged claims instead
 * of tokenising them again, and what the snapshot stores (everything else is derived from it).
 */
interface Forward {
  fOff: Uint32Array;
  /** Term ids, two bytes each when the vocabulary has at most 65,536 terms (narrowest()). */
  fTerms: Uint16Array | Uint32Array;
  /** Term frequencies, one byte each when none is over 255. */
  fTf: Uint8Array | Uint16Array;
  lens: Uint32Array;
}

/** One field's forward index with BM25 tf parts and IDF. */
interface Field extends Forward {
  /**
   * Each doc's BM25 length norm k1·(1−b+b·dl/avgdl): an entry's tf part is tfPart(field, d, p).
   * Kept per doc rather than per entry: a cold worker weighs n norms instead of every entry.
   */
  norm: Float64Array;
  /** k1 + 1. */
  k1p1: number;
  idf: Float32Array;
  /** Σ idf of each doc's unique terms (coverage denominators). */
  mass: Float32Array;
}

/** What a rebuild copies from: the vocabulary (term -> id, in id order) and both fields' forward lists. */
interface Tokenised {
  vocab: Map<string, number>;
  claim: Forward;
  title: Forward;
  /** Distinct term ids present in the forward lists (the rest are left over from removed claims). */
  used: number;
}

interface Built extends Tokenised {
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

  /** Adds doc `d` of an earlier build as it was (its text has not changed), its term ids renumbered
   * by `remap` when the vocabulary was compacted (monotone, so the lists stay sorted). */
  copyDoc(f: Forward, d: number, remap: Uint32Array | null): void {
    for (let p = f.fOff[d], e = f.fOff[d + 1]; p < e; p++) {
      this.ids.push(remap ? remap[f.fTerms[p]] : f.fTerms[p]);
      this.tfs.push(f.fTf[p]);
    }
    this.off.push(this.ids.length);
    this.lens.push(f.lens[d]);
  }

  finish(): Forward {
    // A term repeated 65,535 times in one claim saturates BM25 long before.
    const tfs = Uint16Array.from(this.tfs, (tf) => Math.min(tf, 0xffff));
    return { fOff: Uint32Array.from(this.off), fTerms: narrowest(Uint32Array.from(this.ids)), fTf: narrowest(tfs), lens: Uint32Array.from(this.lens) };
  }
}

/**
 * The array in the narrowest of its kind's widths that holds every value: term ids in two bytes
 * while the vocabulary has at most 65,536 terms, frequencies in one byte while none is over 255
 * (both nearly always: 45,000 terms at 10^5 synthetic claims). A third of the forward lists' bytes,
 * in memory and in the snapshot a cold worker reads.
 */
function narrowest(a: Uint32Array): Uint16Array | Uint32Array;
function narrowest(a: Uint16Array): Uint8Array | Uint16Array;
function narrowest(a: Uint32Array | Uint16Array): Uint8Array | Uint16Array | Uint32Array {
  let max = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  if (a instanceof Uint32Array) return max <= 0xffff ? Uint16Array.from(a) : a;
  return max <= 0xff ? Uint8Array.from(a) : a;
}

/** The BM25 tf part tf·(k1+1)/(tf + norm) of entry `p` of doc `d`'s forward list. */
function tfPart(f: Field, d: number, p: number): number {
  const tf = f.fTf[p];
  return (tf * f.k1p1) / (tf + f.norm[d]);
}

/** A field's BM25 parts (tf part, IDF, IDF mass per doc) over its forward lists. */
function weighField(fwd: Forward, v: number, k1: number, b: number): Field {
  const { fOff, fTerms, lens } = fwd;
  const n = lens.length;
  const df = new Uint32Array(v);
  for (let i = 0; i < fTerms.length; i++) df[fTerms[i]]++;
  let lenSum = 0;
  for (let d = 0; d < n; d++) lenSum += lens[d];
  const avgdl = n > 0 && lenSum > 0 ? lenSum / n : 1;
  const idf = new Float32Array(v);
  for (let t = 0; t < v; t++) idf[t] = df[t] > 0 ? bm25Idf(n, df[t]) : 0;
  const norm = new Float64Array(n);
  const mass = new Float32Array(n);
  for (let d = 0; d < n; d++) {
    norm[d] = k1 * (1 - b + (b * lens[d]) / avgdl);
    let m = 0;
    for (let p = fOff[d]; p < fOff[d + 1]; p++) m += idf[fTerms[p]];
    mass[d] = m;
  }
  return { ...fwd, norm, k1p1: k1 + 1, idf, mass };
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

/**
 * Snapshot format tag (ClaimIndex.toSnapshot); a snapshot with another tag is rejected and the
 * index rebuilt from the claims. Changes whenever claims are tokenised differently (claimTerms) or
 * the layout changes (006: the text normalisation of PLIDX004, src/core/engine/provenance-index.ts).
 */
export const CLAIM_SNAPSHOT_MAGIC = 'PLCLX006';

/** Options of a claim index beside its scoring. */
export interface ClaimIndexOptions {
  /**
   * Keep every claim's record (default). Without, a record is held only until its text is
   * tokenised, and matching goes through planMatches + resolveClaimMatches with records read by
   * id: the background keeps 10^5 claims' terms, not their texts, ratings and reviewers.
   */
  keepRecords?: boolean;
}

/** A candidate claim of one sentence, above the threshold and the floors; its record decides the rest. */
export interface PlannedClaim {
  id: string;
  /** Calibrated probability that the sentence repeats it. */
  p: number;
}

/** One sentence with candidate claims: for the whole sentence, and for its clause (a debunk's "... that X"). */
interface PlannedSentence {
  text: string;
  start: number;
  end: number;
  sentence: PlannedClaim[];
  clause: PlannedClaim[];
}

/**
 * What the index alone decides for an article (planMatches): its sentences' candidate claims. The
 * claim records of `ids` then settle which candidates count (resolveClaimMatches): not the
 * article's own site's reviews, not claims in another language.
 */
export interface ClaimMatchPlan {
  sentences: PlannedSentence[];
  /** Every candidate's id, once each: the records to read. */
  ids: string[];
  /** The article's language and site, for the skip rules. */
  lang: string | null;
  own: string | null;
}

/** A ranked claim id (ClaimIndex.rank); its record makes it a ClaimHit. */
export interface RankedClaim {
  id: string;
  score: number;
}

/** Identity of a claim's indexed wording (text and title), 53 bits: a replaced claim with the same
 * key keeps its tokenised terms. Two FNV-1a hashes; a collision between a claim and its own
 * rewording is a 2^-53 event. */
function wordingKey(c: Pick<KnownClaim, 'claimReviewed' | 'title'>): number {
  const text = `${c.claimReviewed}\u0000${c.title ?? ''}`;
  return fnv1a32(text) * 0x200000 + (fnv1a32(text, 0x9747b28c) >>> 11);
}

/** An in-memory index of known claims for ranking and for sentence matching. */
export class ClaimIndex {
  /** Claim ids by position, as strings; null while they are only in `packedIds` (a restored snapshot). */
  private idList: string[] | null = [];
  /**
   * A restored snapshot's ids as UTF-16 code units with offsets: a check reads the few it names,
   * so a cold start no longer decodes and parses 10^5 ids (~80 ms) and maps them (~50 ms).
   * Decoded all at once when the index changes or is saved.
   */
  private packedIds: PackedStrings | null = null;
  private sources: string[] = [];
  private wording: number[] = [];
  /** Claim records: every one with keepRecords, else only those not tokenised yet. */
  private records: (KnownClaim | undefined)[] = [];
  /** False while no record can be held (a restored index before any add()). */
  private recordsHeld = true;
  /** Position of each id; built on first use after a restore (see packedIds). */
  private slotMap: Map<string, number> | null = new Map();
  /** The index as of the last build; null once a change made it stale. */
  private built: Built | null = null;
  /** The last build (or a restored snapshot), kept while stale so that the next build copies what did not change. */
  private last: Tokenised | null = null;
  /** For each claim, its doc number in `last` when its text is unchanged since, else -1. */
  private rows: number[] = [];
  private readonly keepRecords: boolean;
  readonly scoring: ClaimScoring;

  constructor(claims: Iterable<KnownClaim> = [], scoring: Partial<ClaimScoring> = {}, opts: ClaimIndexOptions = {}) {
    this.scoring = { ...DEFAULT_SCORING, ...scoring };
    this.keepRecords = opts.keepRecords ?? true;
    this.add(claims);
  }

  private get ids(): string[] {
    if (!this.idList) {
      const { chars, offs } = this.packedIds!;
      const list = new Array<string>(offs.length - 1);
      for (let d = 0; d < list.length; d++) list[d] = unitsToString(chars, offs[d], offs[d + 1]);
      this.idList = list;
      this.packedIds = null;
    }
    return this.idList;
  }

  private set ids(list: string[]) {
    this.idList = list;
    this.packedIds = null;
  }

  /** The id at a position, without decoding the others. */
  private idAt(d: number): string {
    if (this.idList) return this.idList[d];
    const { chars, offs } = this.packedIds!;
    return unitsToString(chars, offs[d], offs[d + 1]);
  }

  private get slot(): Map<string, number> {
    if (!this.slotMap) {
      const ids = this.ids;
      const slot = new Map<string, number>();
      for (let d = 0; d < ids.length; d++) slot.set(ids[d], d);
      this.slotMap = slot;
    }
    return this.slotMap;
  }

  private set slot(map: Map<string, number>) {
    this.slotMap = map;
  }

  /**
   * Adds claims; a claim with an id already present replaces it. Only new or reworded claims are
   * tokenised again on the next search: a harvest of a few claims into 10^5 costs a fraction of a
   * full build.
   */
  add(claims: Iterable<KnownClaim>): void {
    this.recordsHeld = true;
    for (const c of claims) {
      const key = wordingKey(c);
      const at = this.slot.get(c.id);
      if (at === undefined) {
        this.slot.set(c.id, this.ids.length);
        this.ids.push(c.id);
        this.sources.push(c.source);
        this.wording.push(key);
        this.records.push(c);
        this.rows.push(-1);
        this.built = null;
        continue;
      }
      this.sources[at] = c.source;
      // Same words, other metadata (a new rating, a later review date): the index is unchanged.
      if (this.wording[at] === key) {
        if (this.keepRecords || this.rows[at] < 0) this.records[at] = c;
        continue;
      }
      this.wording[at] = key;
      this.records[at] = c;
      this.rows[at] = -1;
      this.built = null;
    }
  }

  /** Removes every claim of one source (a feed id, "import", "harvest"); returns how many. */
  removeSource(source: string): number {
    return this.removeWhere((d) => this.sources[d] === source);
  }

  /**
   * Makes `claims` the whole of one source (a refreshed feed): its claims missing from the new set
   * go, the others are added or replaced; unchanged wording is not tokenised again.
   */
  replaceSource(source: string, claims: KnownClaim[]): void {
    const ids = new Set(claims.map((c) => c.id));
    this.removeWhere((d) => this.sources[d] === source && !ids.has(this.ids[d]));
    this.add(claims);
  }

  private removeWhere(drop: (d: number) => boolean): number {
    const before = this.ids.length;
    const keep = this.ids.map((_, d) => !drop(d));
    // A loop, not filter(): filter skips the holes of a sparse array, and a restored index's
    // records are all holes (read by id), which shifted every record after them.
    const kept = <T>(xs: T[]) => {
      const out: T[] = [];
      for (let d = 0; d < keep.length; d++) if (keep[d]) out.push(xs[d]);
      return out;
    };
    this.ids = kept(this.ids);
    if (this.ids.length !== before) {
      this.sources = kept(this.sources);
      this.wording = kept(this.wording);
      this.records = kept(this.records);
      this.rows = kept(this.rows);
      this.slot = new Map(this.ids.map((id, d) => [id, d]));
      this.built = null;
    }
    return before - this.ids.length;
  }

  /** Number of claims held. */
  get size(): number {
    return this.idList ? this.idList.length : this.packedIds!.offs.length - 1;
  }

  /** The claim with this id, if held (without keepRecords, only claims not tokenised yet are). */
  get(id: string): KnownClaim | undefined {
    // A restored index holds no record until a change adds some: answered without mapping the ids.
    if (!this.recordsHeld) return undefined;
    const i = this.slot.get(id);
    return i === undefined ? undefined : this.records[i];
  }

  /** Whether a claim with this id is indexed. */
  has(id: string): boolean {
    return this.slot.has(id);
  }

  /** Builds now what the first search would build (a worker does it before saying it is ready). */
  prepare(): void {
    this.build();
  }

  /** Size of the built index: distinct terms, postings, and bytes held in typed arrays. */
  stats(): { claims: number; terms: number; postings: number; typedBytes: number } {
    const b = this.build();
    let bytes = b.offsets.byteLength + b.docs.byteLength + b.contrib.byteLength + b.df.byteLength + b.isNum.byteLength + b.acc.byteLength + b.mark.byteLength;
    for (const f of [b.claim, b.title]) bytes += f.fOff.byteLength + f.fTerms.byteLength + f.fTf.byteLength + f.lens.byteLength + f.norm.byteLength + f.idf.byteLength + f.mass.byteLength;
    return { claims: this.size, terms: b.used, postings: b.docs.length, typedBytes: bytes };
  }

  /** The claim at an internal position (as in ClaimFeatures.doc); needs keepRecords. */
  claimAt(doc: number): KnownClaim {
    return this.held(this.idAt(doc));
  }

  private held(id: string): KnownClaim {
    const c = this.get(id);
    if (!c) throw new Error('this claim index keeps no claim records: read them by id (planMatches, rank)');
    return c;
  }

  /** Ranks claims for a text (a tweet, a sentence, a paragraph): best first, at most k. Needs keepRecords. */
  search(text: string, k = 5): ClaimHit[] {
    return this.rank(text, k).map(({ id, score }) => ({ claim: this.held(id), score }));
  }

  /** Ranks claim ids for a text, best first, at most k (search without the records). */
  rank(text: string, k = 5): RankedClaim[] {
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
    return scored.slice(0, k).map(({ f, score }) => ({ id: this.idAt(f.doc), score }));
  }

  /** Calibrated probability that a text repeats the claim these features describe. */
  probability(f: ClaimFeatures): number {
    const n = this.scoring.calibNoTitle;
    const c = f.hasTitle ? this.scoring.calib : { ...n, coverTitle: 0 };
    const z = c.c0 + c.coverClaim * f.coverClaim + c.coverTitle * f.coverTitle + c.coverQuery * f.coverQuery +
      c.logMatched * Math.log1p(f.matched);
    return 1 / (1 + Math.exp(-z));
  }

  /** The claim a text repeats, with its probability, or null when none passes the threshold. Needs keepRecords. */
  matchText(text: string, skip?: (claim: KnownClaim) => boolean): { claim: KnownClaim; score: number } | null {
    return bestClaim(this.passing(text), (id) => this.held(id), skip ?? (() => false));
  }

  /**
   * The claims above the threshold and the floors for a text, in candidate order. Deciding among
   * them needs their records (the skip rules), so the index alone stops here.
   */
  private passing(text: string): PlannedClaim[] {
    const s = this.scoring;
    const terms = this.queryTerms(text);
    if (new Set(terms).size < s.minSentenceTerms) return [];
    const out: PlannedClaim[] = [];
    for (const f of this.candidatesOfTerms(terms)) {
      if (f.coverClaim < s.minCoverClaim || f.coverQuery < s.minCoverQuery) continue;
      const p = this.probability(f);
      if (p >= s.threshold) out.push({ id: this.idAt(f.doc), p });
    }
    return out;
  }

  /**
   * Matches each sentence of an article against the claims; offsets are into articleText(article).
   * Needs keepRecords; without, call planMatches, read the plan's ids and resolveClaimMatches.
   */
  matchArticle(article: Pick<ArticleRecord, 'paragraphs'> & { url?: string; lang?: string | null }): ClaimMatch[] {
    return resolveClaimMatches(this.planMatches(article), (id) => this.held(id));
  }

  /** The index's half of matchArticle: each sentence's candidate claims (see resolveClaimMatches). */
  planMatches(article: Pick<ArticleRecord, 'paragraphs'> & { url?: string; lang?: string | null }): ClaimMatchPlan {
    const plan: ClaimMatchPlan = { sentences: [], ids: [], lang: null, own: null };
    if (this.size === 0) return plan;
    const text = articleText(article);
    plan.own = siteOf(article.url);
    plan.lang = resolveLang(article.lang ?? null, text).lang;
    const ids = new Set<string>();
    for (const sentence of splitSentences(text)) {
      // A debunk ("Fact-checkers found no evidence that X") carries words the claim does not
      // explain; matched on its clause alone it finds X as X itself would, so that it can be shown
      // as a refutation rather than missed (or, worse, left to a looser match elsewhere).
      const clause = claimClause(sentence.text);
      const whole = this.passing(sentence.text);
      const part = clause ? this.passing(clause) : [];
      if (whole.length + part.length === 0) continue;
      for (const c of [...whole, ...part]) ids.add(c.id);
      plan.sentences.push({ text: sentence.text, start: sentence.start, end: sentence.end, sentence: whole, clause: part });
    }
    plan.ids = [...ids];
    return plan;
  }

  /** Candidate claims for a text with their features, best BM25 first (for search, matching, tuning). */
  candidates(text: string): ClaimFeatures[] {
    return this.candidatesOfTerms(this.queryTerms(text));
  }

  /** A query's terms, glued lowercase tags split against the store's vocabulary. */
  private queryTerms(text: string): string[] {
    if (this.size === 0) return claimTerms(text);
    const b = this.build();
    return claimTerms(text, (t) => {
      const id = b.vocab.get(t);
      return id !== undefined && b.df[id] >= SPLIT_MIN_DF;
    });
  }

  private candidatesOfTerms(terms: string[]): ClaimFeatures[] {
    if (this.size === 0 || terms.length === 0) return [];
    const b = this.build();
    const s = this.scoring;
    const n = this.size;
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
          if (pc >= 0) acc[d] += fc.idf[id] * tfPart(fc, d, pc);
          const pt = findTerm(ft, d, id);
          if (pt >= 0) acc[d] += s.titleWeight * ft.idf[id] * tfPart(ft, d, pt);
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
      bm25 += f.idf[t] * tfPart(f, d, p);
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

  /**
   * Serialises the tokenised claims (ids, sources, wording keys, vocabulary and both fields'
   * forward lists) and the merged postings with the scoring constants they were weighed with
   * (k1, b, titleWeight): a worker restoring under the same constants takes the postings as they
   * are (at 10^5 claims, merging them again was ~100 ms of every cold start), one under others
   * weighs the forward lists anew. Layout: magic(8) | checksum u32 of everything after it |
   * header length u32 | JSON header (encodeUtf16) | pad to 8 | Float64 wording keys | Uint32
   * arrays | Float32 arrays | Uint16 arrays | Uint8 arrays | pad to 4. The ids are the ninth
   * Uint32 array (offsets) and their code units, the first Uint16 array or, when every unit is
   * below 256, the first Uint8 array; they are read one by one (see packedIds). The forward lists'
   * term ids and frequencies follow in the group of their width (the header's `forward` gives
   * the four widths: claim terms, title terms, claim frequencies, title frequencies).
   */
  toSnapshot(): Uint8Array {
    const b = this.build();
    const sourceNames = [...new Set(this.sources)];
    const sourceId = new Map(sourceNames.map((x, i) => [x, i]));
    const ids = this.packedIds ?? packStrings(this.idList!);
    // The forward lists' term ids and frequencies go with the arrays of their width.
    const forward = [b.claim.fTerms, b.title.fTerms, b.claim.fTf, b.title.fTf];
    const ofWidth = (w: number) => forward.filter((x) => x.BYTES_PER_ELEMENT === w);
    const u32 = [Uint32Array.from(this.sources, (x) => sourceId.get(x)!), b.claim.fOff, b.claim.lens, b.title.fOff, b.title.lens, b.offsets, b.docs, b.df, ids.offs, ...ofWidth(4)];
    const f32 = [b.contrib];
    const wide = ids.chars instanceof Uint16Array;
    const u16 = [wide ? ids.chars : new Uint16Array(0), ...ofWidth(2)];
    const u8 = [wide ? new Uint8Array(0) : ids.chars, ...ofWidth(1)];
    const { k1, b: bm25B, titleWeight } = this.scoring;
    const header = encodeUtf16(
      JSON.stringify({ claims: this.size, sources: sourceNames, vocab: [...b.vocab.keys()], weighed: { k1, b: bm25B, titleWeight }, forward: forward.map((x) => x.BYTES_PER_ELEMENT), u32: u32.map((x) => x.length), f32: f32.map((x) => x.length), u16: u16.map((x) => x.length), u8: u8.map((x) => x.length) }),
    );
    let len = 16 + header.byteLength;
    const arraysAt = (len + 7) & ~7;
    len = arraysAt + this.size * 8;
    for (const x of [...u32, ...f32, ...u16, ...u8]) len += x.byteLength;
    const out = new Uint8Array((len + 3) & ~3);
    const view = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) out[i] = CLAIM_SNAPSHOT_MAGIC.charCodeAt(i);
    view.setUint32(12, header.byteLength, true);
    out.set(header, 16);
    new Float64Array(out.buffer, arraysAt, this.size).set(this.wording);
    let off = arraysAt + this.size * 8;
    for (const x of [...u32, ...f32, ...u16, ...u8]) {
      out.set(new Uint8Array(x.buffer, x.byteOffset, x.byteLength), off);
      off += x.byteLength;
    }
    view.setUint32(8, snapshotChecksum(out), true);
    return out;
  }

  /**
   * Restores an index from toSnapshot() bytes, keeping no claim records (see keepRecords). Throws
   * when the bytes are of another format, damaged (checksum) or inconsistent; the caller then
   * rebuilds from the claims.
   */
  static fromSnapshot(bytes: Uint8Array, scoring: Partial<ClaimScoring> = {}): ClaimIndex {
    const magic = String.fromCharCode(...bytes.subarray(0, 8));
    if (magic !== CLAIM_SNAPSHOT_MAGIC) throw new Error(`not a claim index snapshot (magic ${JSON.stringify(magic)})`);
    // Typed-array views need aligned offsets: copy once if the bytes come misaligned.
    const buf = bytes.byteOffset % 8 === 0 && bytes.byteLength % 4 === 0 ? bytes : Uint8Array.from(bytes);
    if (buf.byteLength < 16 || buf.byteLength % 4 !== 0) throw new Error('claim index snapshot truncated');
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (view.getUint32(8, true) !== snapshotChecksum(buf)) throw new Error('claim index snapshot damaged (checksum)');
    const hLen = view.getUint32(12, true);
    if (16 + hLen > buf.byteLength) throw new Error('claim index snapshot truncated');
    const h = JSON.parse(decodeUtf16(buf.subarray(16, 16 + hLen))) as {
      claims: number;
      sources: string[];
      vocab: string[];
      weighed: { k1: number; b: number; titleWeight: number };
      forward: number[];
      u32: number[];
      f32: number[];
      u16: number[];
      u8: number[];
    };
    const n = h.claims;
    if (!Number.isInteger(n) || n < 0) throw new Error('claim index snapshot inconsistent');
    let off = (16 + hLen + 7) & ~7;
    const take = <T>(count: number, size: number, make: (at: number) => T): T => {
      if (off + count * size > buf.byteLength) throw new Error('claim index snapshot truncated');
      const x = make(buf.byteOffset + off);
      off += count * size;
      return x;
    };
    const wording = take(n, 8, (at) => new Float64Array(buf.buffer, at, n));
    const fw = h.forward;
    if (!Array.isArray(fw) || fw.length !== 4 || ![2, 4].includes(fw[0]) || ![2, 4].includes(fw[1]) || ![1, 2].includes(fw[2]) || ![1, 2].includes(fw[3])) throw new Error('claim index snapshot inconsistent');
    const count = (w: number) => fw.filter((x) => x === w).length;
    if (h.u32?.length !== 9 + count(4) || h.f32?.length !== 1 || h.u16?.length !== 1 + count(2) || h.u8?.length !== 1 + count(1)) throw new Error('claim index snapshot inconsistent');
    const [sourceOf, cOff, cLens, tOff, tLens, pOff, pDocs, pDf, idOffs, ...forward32] = h.u32.map((c) => take(c, 4, (at) => new Uint32Array(buf.buffer, at, c)));
    const [pContrib] = h.f32.map((c) => take(c, 4, (at) => new Float32Array(buf.buffer, at, c)));
    const [idWide, ...forward16] = h.u16.map((c) => take(c, 2, (at) => new Uint16Array(buf.buffer, at, c)));
    const [idBytes, ...forward8] = h.u8.map((c) => take(c, 1, (at) => new Uint8Array(buf.buffer, at, c)));
    const byWidth: Record<number, Array<Uint32Array | Uint16Array | Uint8Array>> = { 4: forward32, 2: forward16, 1: forward8 };
    const [cTerms, tTerms, cTf, tTf] = fw.map((w) => byWidth[w].shift()!) as [Uint16Array | Uint32Array, Uint16Array | Uint32Array, Uint8Array | Uint16Array, Uint8Array | Uint16Array];
    if (idWide.length > 0 && idBytes.length > 0) throw new Error('claim index snapshot inconsistent');
    const idChars = idWide.length > 0 ? idWide : idBytes;
    if (idOffs.length !== n + 1 || idOffs[0] !== 0 || idOffs[n] !== idChars.length) throw new Error('claim index snapshot inconsistent');
    for (let d = 0; d < n; d++) if (idOffs[d] > idOffs[d + 1]) throw new Error('claim index snapshot inconsistent');
    const claim: Forward = { fOff: cOff, fTerms: cTerms, fTf: cTf, lens: cLens };
    const title: Forward = { fOff: tOff, fTerms: tTerms, fTf: tTf, lens: tLens };
    const v = h.vocab.length;
    const usedFlags = new Uint8Array(v);
    for (const f of [claim, title]) {
      // A snapshot is derived data: check its shape before any of it is indexed by it.
      if (!f.fOff || f.fOff.length !== n + 1 || f.lens.length !== n || f.fTf.length !== f.fTerms.length || f.fOff[0] !== 0 || f.fOff[n] !== f.fTerms.length) {
        throw new Error('claim index snapshot inconsistent');
      }
      for (let d = 0; d < n; d++) if (f.fOff[d] > f.fOff[d + 1]) throw new Error('claim index snapshot inconsistent');
      for (let p = 0; p < f.fTerms.length; p++) {
        if (f.fTerms[p] >= v) throw new Error('claim index snapshot inconsistent');
        usedFlags[f.fTerms[p]] = 1;
      }
    }
    if (sourceOf.length !== n) throw new Error('claim index snapshot inconsistent');
    const ix = new ClaimIndex([], scoring, { keepRecords: false });
    // Plain loops over preallocated arrays: this runs on every cold start of the worker, and
    // Array.from with a mapper or a Map built from [key, value] pairs took several times longer
    // at 10^5 claims.
    const sources = new Array<string>(n);
    const wordingKeys = new Array<number>(n);
    const rows = new Array<number>(n);
    for (let d = 0; d < n; d++) {
      if (sourceOf[d] >= h.sources.length) throw new Error('claim index snapshot inconsistent');
      sources[d] = h.sources[sourceOf[d]];
      wordingKeys[d] = wording[d];
      rows[d] = d;
    }
    const vocab = new Map<string, number>();
    for (let t = 0; t < v; t++) vocab.set(h.vocab[t], t);
    if (vocab.size !== v) throw new Error('claim index snapshot inconsistent (duplicate terms)');
    let used = 0;
    for (let t = 0; t < v; t++) used += usedFlags[t];
    // Ids stay packed until a change or a save needs them all; their positions are mapped on first
    // use. They were unique when saved (add() keys them), and the checksum holds the bytes to that.
    ix.packedIds = { chars: idChars, offs: idOffs };
    ix.idList = null;
    ix.slotMap = null;
    ix.recordsHeld = false;
    ix.sources = sources;
    ix.wording = wordingKeys;
    ix.records = new Array<KnownClaim | undefined>(n).fill(undefined);
    ix.rows = rows;
    ix.last = { vocab, claim, title, used };
    // The merged postings as they were saved, when they were weighed as this index weighs (else
    // the first search builds them from the forward lists above).
    const { k1, b, titleWeight } = ix.scoring;
    const w = h.weighed;
    if (w && w.k1 === k1 && w.b === b && w.titleWeight === titleWeight) {
      if (pOff.length !== v + 1 || pDf.length !== v || pOff[0] !== 0 || pOff[v] !== pDocs.length || pContrib.length !== pDocs.length) throw new Error('claim index snapshot inconsistent');
      for (let t = 0; t < v; t++) if (pOff[t + 1] - pOff[t] !== pDf[t]) throw new Error('claim index snapshot inconsistent');
      for (let q = 0; q < pDocs.length; q++) if (pDocs[q] >= n) throw new Error('claim index snapshot inconsistent');
      ix.built = assembleBuilt(vocab, weighField(claim, v, k1, b), weighField(title, v, k1, b), { offsets: pOff, docs: pDocs, contrib: pContrib, df: pDf });
      ix.last = ix.built;
    }
    return ix;
  }

  private build(): Built {
    if (this.built) return this.built;
    const { k1, b, titleWeight } = this.scoring;
    const n = this.size;
    const last = this.last;
    // Term ids of the last build stay valid (the vocabulary only grows), unless removals left it
    // mostly unused: then the used terms are renumbered in order, so churning feeds cannot grow it
    // without bound and no unchanged claim is tokenised again (their texts may not be held).
    const remap = last && last.vocab.size > 2 * last.used + 1000 ? compactVocab(last) : null;
    const vocab = remap ? remap.vocab : last ? last.vocab : new Map<string, number>();
    let claimFwd: Forward;
    let titleFwd: Forward;
    if (last && !remap && n === last.claim.lens.length && this.rows.every((row, d) => row === d)) {
      // Nothing changed since `last` (a restored snapshot, or scoring only): weigh its lists as they are.
      claimFwd = last.claim;
      titleFwd = last.title;
    } else {
      const cb = new FieldBuilder();
      const tb = new FieldBuilder();
      for (let d = 0; d < n; d++) {
        const row = last ? this.rows[d] : -1;
        if (last && row >= 0) {
          cb.copyDoc(last.claim, row, remap?.ids ?? null);
          tb.copyDoc(last.title, row, remap?.ids ?? null);
        } else {
          const c = this.records[d];
          if (!c) throw new Error(`claim ${this.idAt(d)} has neither terms nor text`);
          cb.addDoc(claimTerms(c.claimReviewed), vocab);
          tb.addDoc(c.title ? claimTerms(c.title) : [], vocab);
          if (!this.keepRecords) this.records[d] = undefined;
        }
      }
      claimFwd = cb.finish();
      titleFwd = tb.finish();
    }
    const v = vocab.size;
    const claim = weighField(claimFwd, v, k1, b);
    const title = weighField(titleFwd, v, k1, b);
    // Merged postings: one walk per query term covers both fields. Each doc's two forward lists
    // are merged once into (term, contribution) pairs in doc order, counted, then scattered into
    // per-term lists: this runs on every cold start, and merging twice through a callback took
    // about twice as long. Contributions are kept as Float32, as the postings keep them.
    const df = new Uint32Array(v);
    const pairTerm = new Uint32Array(claim.fTerms.length + title.fTerms.length);
    const pairX = new Float32Array(pairTerm.length);
    const docEnd = new Uint32Array(n);
    let k = 0;
    for (let d = 0; d < n; d++) {
      let i = claim.fOff[d];
      let j = title.fOff[d];
      const ie = claim.fOff[d + 1];
      const je = title.fOff[d + 1];
      while (i < ie || j < je) {
        const ti = i < ie ? claim.fTerms[i] : 0xffffffff;
        const tj = j < je ? title.fTerms[j] : 0xffffffff;
        if (ti <= tj) {
          let x = claim.idf[ti] * tfPart(claim, d, i);
          if (ti === tj) x += titleWeight * title.idf[tj] * tfPart(title, d, j++);
          pairTerm[k] = ti;
          pairX[k++] = x;
          i++;
        } else {
          pairTerm[k] = tj;
          pairX[k++] = titleWeight * title.idf[tj] * tfPart(title, d, j);
          j++;
        }
      }
      docEnd[d] = k;
    }
    for (let p = 0; p < k; p++) df[pairTerm[p]]++;
    const offsets = new Uint32Array(v + 1);
    for (let t = 0; t < v; t++) offsets[t + 1] = offsets[t] + df[t];
    const fill = offsets.slice(0, v);
    const docs = new Uint32Array(offsets[v]);
    const contrib = new Float32Array(offsets[v]);
    for (let d = 0, p = 0; d < n; d++) {
      for (; p < docEnd[d]; p++) {
        const q = fill[pairTerm[p]]++;
        docs[q] = d;
        contrib[q] = pairX[p];
      }
    }
    this.built = assembleBuilt(vocab, claim, title, { offsets, docs, contrib, df });
    this.last = this.built;
    this.rows = Array.from({ length: n }, (_, d) => d);
    return this.built;
  }
}

/**
 * A built index from its weighed fields and merged postings, whether just merged (build) or taken
 * from a snapshot: the used-term count, the number-term flags and the scratch arrays are derived
 * here for both.
 */
function assembleBuilt(vocab: Map<string, number>, claim: Field, title: Field, postings: Pick<Built, 'offsets' | 'docs' | 'contrib' | 'df'>): Built {
  const n = claim.lens.length;
  const isNum = new Uint8Array(vocab.size);
  for (const [t, id] of vocab) if (t.startsWith('#')) isNum[id] = 1;
  return { vocab, claim, title, used: countUsed(postings.df), ...postings, isNum, acc: new Float32Array(n), mark: new Uint8Array(n) };
}

/** Terms present in at least one claim. */
function countUsed(df: Uint32Array): number {
  let used = 0;
  for (const x of df) if (x > 0) used++;
  return used;
}

/** The used terms of `last` renumbered in their old order (so forward lists stay sorted). */
function compactVocab(last: Tokenised): { vocab: Map<string, number>; ids: Uint32Array } {
  const usedFlags = new Uint8Array(last.vocab.size);
  for (const f of [last.claim, last.title]) for (let p = 0; p < f.fTerms.length; p++) usedFlags[f.fTerms[p]] = 1;
  const ids = new Uint32Array(last.vocab.size);
  const vocab = new Map<string, number>();
  // Insertion order of a vocabulary is its id order (ids are assigned as vocab.size).
  for (const [t, id] of last.vocab) {
    if (!usedFlags[id]) continue;
    ids[id] = vocab.size;
    vocab.set(t, vocab.size);
  }
  return { vocab, ids };
}

/**
 * Checksum of a snapshot: FNV-1a style over 32-bit words after the magic and the checksum itself.
 * Each step is a bijection of the running hash, so any single changed word is always caught; it
 * guards against damaged storage, not against a forger (the database is the extension's own).
 */
function snapshotChecksum(bytes: Uint8Array): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + 12, (bytes.byteLength - 12) >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  h ^= words.length;
  return h >>> 0;
}

/** The best candidate whose record is known and not skipped (the first of equals), or null. */
function bestClaim(
  cands: PlannedClaim[],
  record: (id: string) => KnownClaim | undefined,
  skip: (claim: KnownClaim) => boolean,
): { claim: KnownClaim; score: number } | null {
  let best: KnownClaim | null = null;
  let bestP = -1;
  for (const x of cands) {
    const c = record(x.id);
    if (!c || skip(c) || x.p <= bestP) continue;
    best = c;
    bestP = x.p;
  }
  return best ? { claim: best, score: bestP } : null;
}

/**
 * The records' half of matchArticle: settles each planned sentence on its best candidate. An
 * outlet is not flagged for claims it reviewed itself (a fact-check page restates the claim it
 * checks; a follow-up on the same site recalls it): claims whose review URL is on the article's
 * own site are skipped. The site comes from the page's address, which a page cannot forge. A claim
 * in another language than the article's is never matched by shared names and numbers alone:
 * skipped when its text plainly is another language (another script, or its function words are
 * another language's), by the same rule that checks a page's declared one. A candidate whose
 * record is missing (removed meanwhile) is skipped. Each match carries the sentence's stance
 * (claimStance): only `repeats` is a warning.
 */
export function resolveClaimMatches(plan: ClaimMatchPlan, record: (id: string) => KnownClaim | undefined): ClaimMatch[] {
  const { lang, own } = plan;
  const claimLang = new Map<string, boolean>();
  const otherLang = (c: KnownClaim) => {
    let other = claimLang.get(c.id);
    if (other === undefined) claimLang.set(c.id, (other = lang !== null && resolveLang(lang, c.claimReviewed).lang !== lang));
    return other;
  };
  const skip = (c: KnownClaim) => (own !== null && siteOf(c.url) === own) || otherLang(c);
  const out: ClaimMatch[] = [];
  for (const s of plan.sentences) {
    const m = bestClaim(s.sentence, record, skip) ?? bestClaim(s.clause, record, skip);
    if (!m) continue;
    const r = m.claim.rating;
    out.push({
      text: s.text,
      start: s.start,
      end: s.end,
      score: Math.round(m.score * 1000) / 1000,
      stance: claimStance(s.text, m.claim.claimReviewed),
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
