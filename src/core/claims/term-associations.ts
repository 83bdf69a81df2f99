/**
 * Term associations learned from the store itself: every claim's text and its fact-check title
 * say the same thing in other words, so IBM Model 1 over the (claim-only terms, title-only terms)
 * of each claim learns which words stand in for which ("kid" -> "children", "photo" ->
 * "photograph", "shoot" -> "shooter"). Learned when the index is built (nothing is shipped);
 * used by the claim search re-rank to credit a query term the claim paraphrases.
 */

/** p(target | source) per source term, both directions merged (claim->title and title->claim). */
export interface TermAssociations {
  forward: Map<string, Map<string, number>>;
  backward: Map<string, Map<string, number>>;
}

/**
 * EM rounds. Each costs about 150 ms per 10^4 titled claims (on first search after a change);
 * 3 instead of 5 lost 0.002 MAP@5 on CheckThat! train and dev.
 */
const EM_ROUNDS = 5;
/** Probabilities below this are dropped after training (most of the table, none of the signal). */
const MIN_PROB = 0.01;
const NULL = '\u0000';

/** IBM Model 1 p(f | e) over sentence pairs (e, f), with a NULL source. */
function model1(pairs: Array<[string[], string[]]>): Map<string, Map<string, number>> {
  let t = new Map<string, Map<string, number>>();
  for (const [e, f] of pairs) {
    for (const a of [...e, NULL]) {
      let m = t.get(a);
      if (!m) t.set(a, (m = new Map()));
      for (const b of f) m.set(b, 1);
    }
  }
  for (const m of t.values()) {
    const z = m.size;
    for (const k of m.keys()) m.set(k, 1 / z);
  }
  for (let round = 0; round < EM_ROUNDS; round++) {
    const cnt = new Map<string, Map<string, number>>();
    const tot = new Map<string, number>();
    for (const [e0, f] of pairs) {
      const e = [...new Set(e0), NULL];
      for (const b of new Set(f)) {
        let z = 0;
        for (const a of e) z += t.get(a)!.get(b) ?? 0;
        if (z <= 0) continue;
        for (const a of e) {
          const p = (t.get(a)!.get(b) ?? 0) / z;
          if (p < 1e-6) continue;
          let m = cnt.get(a);
          if (!m) cnt.set(a, (m = new Map()));
          m.set(b, (m.get(b) ?? 0) + p);
          tot.set(a, (tot.get(a) ?? 0) + p);
        }
      }
    }
    for (const [a, m] of cnt) {
      const z = tot.get(a)!;
      for (const [b, v] of m) m.set(b, v / z);
    }
    t = cnt;
  }
  t.delete(NULL);
  for (const m of t.values()) for (const [b, v] of m) if (v < MIN_PROB) m.delete(b);
  return t;
}

/**
 * Learns associations from (claim terms, title terms) pairs. Terms both sides share are removed
 * first: left in, each word mostly "translates" to itself and the model learns little else.
 */
export function learnTermAssociations(pairs: Iterable<[string[], string[]]>): TermAssociations {
  const diff: Array<[string[], string[]]> = [];
  for (const [a, b] of pairs) {
    const A = new Set(a);
    const B = new Set(b);
    const x = a.filter((t) => !B.has(t));
    const y = b.filter((t) => !A.has(t));
    if (x.length && y.length) diff.push([x, y]);
  }
  return { forward: model1(diff), backward: model1(diff.map(([x, y]) => [y, x])) };
}

/** Association of query term q with claim term u: 1 when equal, else the larger directed probability. */
export function association(a: TermAssociations, q: string, u: string): number {
  if (q === u) return 1;
  return Math.max(a.forward.get(u)?.get(q) ?? 0, a.backward.get(q)?.get(u) ?? 0);
}
