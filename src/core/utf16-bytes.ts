/**
 * Strings as UTF-16 code units in bytes, for the snapshots' JSON headers: the core has no
 * TextEncoder (no DOM or Node types), and code units round-trip every string, lone surrogates too.
 */

/** The string's UTF-16 code units as bytes (platform byte order, like the snapshots' typed arrays). */
export function encodeUtf16(s: string): Uint8Array {
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
  return new Uint8Array(units.buffer);
}

/** The string encodeUtf16 wrote (any alignment of `b`). */
export function decodeUtf16(b: Uint8Array): string {
  const u = new Uint16Array(b.slice().buffer);
  let s = '';
  // In slices: spreading millions of arguments would overflow the stack.
  for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192));
  return s;
}
