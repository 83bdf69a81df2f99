/**
 * Strings kept as code units with offsets (string d is chars[offs[d]..offs[d+1])): how the claim
 * index's ids and the retrieval index's addresses are saved, so that a cold start reads and
 * decodes only the strings a check names instead of parsing and mapping 10^5 of them.
 */

/** Strings as code units with offsets. */
export interface PackedStrings {
  /** One byte per code unit when every unit is below 256 (web addresses mostly): half the bytes to read. */
  chars: Uint16Array | Uint8Array;
  offs: Uint32Array;
}

/** Packs a list of strings (narrow when every unit fits a byte). */
export function packStrings(list: readonly string[]): PackedStrings {
  const offs = new Uint32Array(list.length + 1);
  let wide = false;
  for (let d = 0; d < list.length; d++) {
    offs[d + 1] = offs[d] + list[d].length;
    if (!wide) for (let i = 0; i < list[d].length; i++) if (list[d].charCodeAt(i) > 0xff) wide = true;
  }
  const chars = wide ? new Uint16Array(offs[list.length]) : new Uint8Array(offs[list.length]);
  for (let d = 0; d < list.length; d++) for (let i = 0, s = list[d]; i < s.length; i++) chars[offs[d] + i] = s.charCodeAt(i);
  return { chars, offs };
}

/** The string of code units chars[from..to) (lone surrogates kept, as they were written). */
export function unitsToString(chars: Uint16Array | Uint8Array, from: number, to: number): string {
  let out = '';
  // In slices: one call per string would pass every unit as an argument (long ones exceed a stack).
  for (let i = from; i < to; i += 4096) out += String.fromCharCode(...chars.subarray(i, Math.min(to, i + 4096)));
  return out;
}

/** Whether packed string d is `s`, without decoding it. */
export function packedEquals(p: PackedStrings, d: number, s: string): boolean {
  const from = p.offs[d];
  if (p.offs[d + 1] - from !== s.length) return false;
  for (let j = 0; j < s.length; j++) if (p.chars[from + j] !== s.charCodeAt(j)) return false;
  return true;
}
