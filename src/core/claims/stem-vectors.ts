/**
 * Word-vector similarity between stems, for the claim search re-rank: a query term the claim does
 * not contain still counts in part when the claim holds a near-synonym ("kid" ~ "children").
 * The table (stem-vector-data.ts, 1 MB of int8) is decoded once, on first use.
 */
import { STEM_VECTOR_BASE64, STEM_VECTOR_DIM, STEM_VECTOR_STEMS } from './stem-vector-data';

/** Decoded vectors: a stem's row, the int8 rows and each row's Euclidean norm. */
export interface StemVectors {
  row: Map<string, number>;
  data: Int8Array;
  norm: Float32Array;
}

/**
 * Cosines at or below this count as unrelated. Skip-gram cosines between unrelated frequent words
 * sit around 0.2-0.4; 0.5 keeps near-synonyms and close topical pairs (as tuned in the CheckThat!
 * experiments; lower admits noise, higher leaves only inflections the stemmer already merges).
 */
export const MIN_STEM_COSINE = 0.5;

let decoded: StemVectors | null = null;

/** The shared stem-vector table (decoded on first call). */
export function stemVectors(): StemVectors {
  if (decoded) return decoded;
  const stems = STEM_VECTOR_STEMS.split('\n');
  const data = new Int8Array(decodeBase64(STEM_VECTOR_BASE64).buffer);
  const row = new Map<string, number>();
  const norm = new Float32Array(stems.length);
  stems.forEach((s, i) => {
    row.set(s, i);
    let n = 0;
    for (let k = i * STEM_VECTOR_DIM, e = k + STEM_VECTOR_DIM; k < e; k++) n += data[k] * data[k];
    norm[i] = Math.sqrt(n) || 1;
  });
  decoded = { row, data, norm };
  return decoded;
}

/** Similarity of two stems: 1 when equal, their cosine when above MIN_STEM_COSINE, else 0. */
export function stemSimilarity(v: StemVectors, a: string, b: string): number {
  if (a === b) return 1;
  const i = v.row.get(a);
  const j = v.row.get(b);
  if (i === undefined || j === undefined) return 0;
  let s = 0;
  for (let k = 0, x = i * STEM_VECTOR_DIM, y = j * STEM_VECTOR_DIM; k < STEM_VECTOR_DIM; k++) s += v.data[x + k] * v.data[y + k];
  const c = s / (v.norm[i] * v.norm[j]);
  return c > MIN_STEM_COSINE ? c : 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 to bytes (core has neither atob nor Buffer). */
export function decodeBase64(s: string): Uint8Array {
  const map = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) map[B64.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = map[clean.charCodeAt(i)];
    if (v < 0) throw new Error('invalid base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
