/** FNV-1a 32-bit hash of a string's UTF-16 code units (fast, stable across runs and platforms). */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines an ordered list of 32-bit hashes into one 32-bit hash (FNV-1a over their bytes). */
export function combineHashes(hashes: ArrayLike<number>, from = 0, to = hashes.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    const x = hashes[i] >>> 0;
    h = Math.imul(h ^ (x & 0xff), 0x01000193);
    h = Math.imul(h ^ ((x >>> 8) & 0xff), 0x01000193);
    h = Math.imul(h ^ ((x >>> 16) & 0xff), 0x01000193);
    h = Math.imul(h ^ (x >>> 24), 0x01000193);
  }
  return h >>> 0;
}
