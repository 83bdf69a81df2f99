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

/** The part of TextDecoder used here (the core's type check has no DOM or Node types). */
type Utf16Decoder = new (label: string, opts: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

/** The string encodeUtf16 wrote (any alignment of `b`). */
export function decodeUtf16(b: Uint8Array): string {
  // The runtime's decoder is many times faster than building the string in JS (a 10^5-claim
  // snapshot's header is 9 MB, read on every cold start). It is used only where the bytes are
  // little-endian, as it reads them, and `fatal` makes it refuse lone surrogates, which it would
  // otherwise replace: those strings take the exact path below.
  const Decoder = (globalThis as { TextDecoder?: Utf16Decoder }).TextDecoder;
  if (Decoder && new Uint8Array(Uint16Array.of(1).buffer)[0] === 1) {
    try {
      return new Decoder('utf-16le', { fatal: true }).decode(b);
    } catch {
      // A lone surrogate (or no UTF-16 support): the exact path.
    }
  }
  const u = new Uint16Array(b.slice().buffer);
  let s = '';
  // In slices: spreading millions of arguments would overflow the stack.
  for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192));
  return s;
}
