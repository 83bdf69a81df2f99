/**
 * Sums a check's postings per document without a table as large as the index (or a hash table as
 * large as the check): postings are collected in traversal order, sorted by document with a
 * stable radix sort, and summed one document at a time. Its memory is proportional to the
 * postings a check reads (~120,000 at 10^6 articles), whatever the ids: the team store's ids are
 * 32-bit and sparse, and a hash table of its ~10^5 distinct ids per check cost more than all the
 * rest of the scoring (docs/team-store.md).
 */

/** Marks a shingle posting in the weights (term postings carry their weight, >= 0). */
const SHINGLE = -1;

/** One document's tally: the term weights it shares (summed in traversal order, in float32), the shingles it shares, and when it was first met. */
interface DocTally {
  doc: number;
  /** Sum of the weights of its term postings, rounded to float32 after each addition. */
  termWeight: number;
  /** Shingle postings met (capped at 65535). */
  shingles: number;
  /** Position of its first posting in traversal order: ties rank the first-met document first. */
  first: number;
}

export class PostingTally {
  private docs = new Uint32Array(1024);
  /** Float64: a term's weight is added as the caller gave it (rounding it to float32 first would change the sums). */
  private weights = new Float64Array(1024);
  private n = 0;
  private maxDoc = 0;

  /** A term posting of `doc` with the term's weight (>= 0). */
  term(doc: number, weight: number): void {
    this.push(doc, weight);
  }

  /** A sampled-shingle posting of `doc`. */
  shingle(doc: number): void {
    this.push(doc, SHINGLE);
  }

  private push(doc: number, weight: number): void {
    if (this.n === this.docs.length) {
      const docs = new Uint32Array(this.n * 2);
      docs.set(this.docs);
      this.docs = docs;
      const weights = new Float64Array(this.n * 2);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.docs[this.n] = doc;
    this.weights[this.n++] = weight;
    if (doc > this.maxDoc) this.maxDoc = doc;
  }

  /**
   * Calls `fn` once per document met, in document order, with its tally. Each document's postings
   * are summed in the order they were added, so the sums equal those of adding them one by one
   * into a Float32Array scratch slot.
   */
  forEachDoc(fn: (t: DocTally) => void): void {
    const order = this.sortedPositions();
    const t: DocTally = { doc: 0, termWeight: 0, shingles: 0, first: 0 };
    for (let i = 0; i < this.n; ) {
      const doc = this.docs[order[i]];
      t.doc = doc;
      t.first = order[i];
      t.termWeight = 0;
      t.shingles = 0;
      for (; i < this.n && this.docs[order[i]] === doc; i++) {
        const w = this.weights[order[i]];
        if (w === SHINGLE) {
          if (t.shingles < 65535) t.shingles++;
        } else t.termWeight = Math.fround(t.termWeight + w);
      }
      fn(t);
    }
  }

  /**
   * Positions 0..n-1 stably sorted by their document (LSD radix sort, digits of at most 16 bits,
   * as few passes as the largest id needs): equal documents keep their traversal order.
   */
  private sortedPositions(): Uint32Array {
    const n = this.n;
    let from = new Uint32Array(n);
    for (let i = 0; i < n; i++) from[i] = i;
    const bits = Math.max(1, 32 - Math.clz32(this.maxDoc));
    const passes = Math.ceil(bits / 16);
    const digit = Math.ceil(bits / passes);
    const mask = (1 << digit) - 1;
    let to = new Uint32Array(n);
    const count = new Uint32Array(mask + 2);
    for (let pass = 0, shift = 0; pass < passes; pass++, shift += digit) {
      count.fill(0);
      for (let i = 0; i < n; i++) count[((this.docs[i] >>> shift) & mask) + 1]++;
      for (let d = 0; d <= mask; d++) count[d + 1] += count[d];
      for (let i = 0; i < n; i++) {
        const pos = from[i];
        to[count[(this.docs[pos] >>> shift) & mask]++] = pos;
      }
      [from, to] = [to, from];
    }
    return from;
  }
}
