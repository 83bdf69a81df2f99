import { describe, expect, it } from 'vitest';
import { decodeUtf16, encodeUtf16 } from '../../../src/core/utf16-bytes';

describe('utf16-bytes (the snapshots\' header strings)', () => {
  const samples = [
    '',
    'plain ascii',
    'Zürich — “quotes”, 北京, emoji 🧭 and a pair \ud83d\ude00',
    'a lone high \ud800 surrogate',
    'a lone low \udc00 surrogate at the end \udfff',
    JSON.stringify({ ids: Array.from({ length: 5000 }, (_, i) => `https://example.org/review/${i}?q=é`) }),
  ];

  it('round-trips every string, lone surrogates and long strings included', () => {
    for (const s of samples) expect(decodeUtf16(encodeUtf16(s))).toBe(s);
  });

  it('decodes from any byte offset (a header inside a larger snapshot)', () => {
    for (const s of samples) {
      const bytes = encodeUtf16(s);
      const inside = new Uint8Array(bytes.byteLength + 3);
      inside.set(bytes, 3);
      expect(decodeUtf16(inside.subarray(3))).toBe(s);
    }
  });

  it('gives the same string with and without the runtime decoder', () => {
    const original = globalThis.TextDecoder;
    const decoded = samples.map((s) => decodeUtf16(encodeUtf16(s)));
    try {
      // @ts-expect-error -- the runtime without a decoder (the exact JS path)
      delete globalThis.TextDecoder;
      expect(samples.map((s) => decodeUtf16(encodeUtf16(s)))).toEqual(decoded);
    } finally {
      globalThis.TextDecoder = original;
    }
  });
});
