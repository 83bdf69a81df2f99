/**
 * Sentence-pair similarity: whether two sentences say the same thing, as a calibrated probability
 * from a few lexical features of their content terms (the engine's working form keeps only term
 * hashes in order, for pack entries as for pages, so nothing else is available to it). Fitted as a
 * logistic regression on the Microsoft Research Paraphrase corpus (train split, news sentence
 * pairs) by scripts/eval-paraphrase.ts, which reports the 10-fold cross-validated accuracy of the
 * same fit; the corpus itself is never shipped.
 *
 * Alignment (align-sentences.ts) does not seed on this decision: "made from" is looser than "says
 * the same thing", and as the seed rule it cost WikinewsSum alignment recall and P@1 (figures
 * there). It is here for decisions that need "restates", and for the common-run measure both share.
 */

/** The features of one sentence pair (all symmetric: swapping the two sentences changes nothing). */
export interface PairFeatures {
  /** TF-IDF cosine of the two sentences (log tf). */
  cosine: number;
  /** Share of each sentence's IDF mass found in the other: the smaller and the larger of the two. */
  coverMin: number;
  coverMax: number;
  /** log(1 + distinct terms only one side has), for the side with more and the side with fewer. */
  unmatchedMax: number;
  unmatchedMin: number;
  /** Longest common run of consecutive terms, as a share of the shorter sentence. */
  run: number;
  /** Dice coefficient of the two sentences' adjacent term pairs (word order kept locally). */
  bigramDice: number;
}

/** Names of the features in the order of PARAPHRASE_MODEL.weights (and of featureVector). */
const PAIR_FEATURE_NAMES = ['cosine', 'coverMin', 'coverMax', 'unmatchedMax', 'unmatchedMin', 'run', 'bigramDice'] as const;

/**
 * Logistic model p = σ(bias + Σ weights·features). Fitted on all 4,076 MSRP train pairs by
 * `node --import tsx scripts/eval-paraphrase.ts --fit` (L2 1e-3, IDF from the corpus's own
 * sentences); its 10-fold cross-validated accuracy, each fold fitted on the other nine, is what
 * `npm run eval` prints (72.6%, against 70.6% for the PAN seed rule alone and 67.5% for the
 * majority class). What the weights say: coverage of the less-covered side carries most of the
 * decision, cosine and the other side's coverage add to it, and every distinct term only one side
 * has takes from it (a sentence that adds a fact is not a paraphrase). The run's negative weight
 * corrects cosine for pairs that share one long phrase and little else.
 */
export const PARAPHRASE_MODEL = {
  bias: 0.255,
  weights: [1.362, 2.013, 1.182, -0.961, -0.147, -1.563, 0.095] as number[],
};

/**
 * Probability at or above which a pair is a paraphrase: the model's own decision boundary. A
 * lower value seeds more alignments (recall inside rewrites) at the cost of chance pairs.
 */
export const PARAPHRASE_THRESHOLD = 0.5;

/** Features of the pair (x, y) of term-hash sequences, with IDF weights from `weight(term)`. */
export function pairFeatures(x: ArrayLike<number>, y: ArrayLike<number>, weight: (t: number) => number): PairFeatures {
  const tx = termFrequencies(x);
  const ty = termFrequencies(y);
  let mx = 0;
  let my = 0;
  let shared = 0;
  let inter = 0;
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (const [t, f] of tx) {
    const w = weight(t);
    mx += w;
    const vx = (1 + Math.log(f)) * w;
    nx += vx * vx;
    const g = ty.get(t);
    if (g !== undefined) {
      shared += w;
      inter++;
      dot += vx * (1 + Math.log(g)) * w;
    }
  }
  for (const [t, g] of ty) {
    const w = weight(t);
    my += w;
    const vy = (1 + Math.log(g)) * w;
    ny += vy * vy;
  }
  const cx = mx > 0 ? shared / mx : 0;
  const cy = my > 0 ? shared / my : 0;
  const ux = tx.size - inter;
  const uy = ty.size - inter;
  const bx = bigrams(x);
  const by = bigrams(y);
  let bi = 0;
  for (const b of bx) if (by.has(b)) bi++;
  return {
    cosine: nx > 0 && ny > 0 ? dot / Math.sqrt(nx * ny) : 0,
    coverMin: Math.min(cx, cy),
    coverMax: Math.max(cx, cy),
    unmatchedMax: Math.log1p(Math.max(ux, uy)),
    unmatchedMin: Math.log1p(Math.min(ux, uy)),
    run: longestCommonRun(x, y) / Math.max(1, Math.min(x.length, y.length)),
    bigramDice: bx.size + by.size > 0 ? (2 * bi) / (bx.size + by.size) : 0,
  };
}

/** The features as a vector, in PAIR_FEATURE_NAMES order (for fitting). */
export function featureVector(f: PairFeatures): number[] {
  return PAIR_FEATURE_NAMES.map((k) => f[k]);
}

/** Probability that the pair is a paraphrase under `model` (default: the shipped one). */
export function paraphraseProbability(f: PairFeatures, model: { bias: number; weights: number[] } = PARAPHRASE_MODEL): number {
  let z = model.bias;
  const v = featureVector(f);
  for (let i = 0; i < v.length; i++) z += model.weights[i] * v[i];
  return 1 / (1 + Math.exp(-z));
}

function termFrequencies(x: ArrayLike<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < x.length; i++) m.set(x[i], (m.get(x[i]) ?? 0) + 1);
  return m;
}

function bigrams(x: ArrayLike<number>): Set<string> {
  const s = new Set<string>();
  for (let i = 1; i < x.length; i++) s.add(`${x[i - 1]}:${x[i]}`);
  return s;
}

/** Length of the longest common contiguous run of two hash sequences (short sentences: O(n·m)). */
export function longestCommonRun(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Uint16Array(y.length + 1);
  let cur = new Uint16Array(y.length + 1);
  let best = 0;
  for (let i = 1; i <= x.length; i++) {
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      if (xi === y[j - 1]) {
        const v = prev[j - 1] + 1;
        cur[j] = v;
        if (v > best) best = v;
      } else cur[j] = 0;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return best;
}
