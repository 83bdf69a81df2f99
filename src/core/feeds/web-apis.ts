/**
 * Typed access to the few web-platform globals the core needs (URL, TextDecoder,
 * WebCrypto). The core type-checks without the DOM lib or Node types, so instead of ambient
 * declarations (which would clash with the DOM lib elsewhere) we read them from globalThis through
 * minimal local interfaces. All of them exist in Node 20, Chromium and Firefox.
 */

/** The parts of a parsed URL the core reads. */
export interface ParsedUrl {
  href: string;
  origin: string;
  protocol: string;
  hostname: string;
  pathname: string;
  search: string;
  username: string;
  password: string;
  hash: string;
  searchParams: { keys(): IterableIterator<string>; delete(name: string): void };
}

/** Minimal WebCrypto surface used for Ed25519 verification. */
export interface SubtleLike {
  importKey(
    format: 'raw' | 'spki',
    keyData: Uint8Array,
    algorithm: { name: string },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  verify(algorithm: { name: string }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

interface WebGlobals {
  URL: new (input: string) => ParsedUrl;
  TextDecoder: new (label?: string, opts?: { fatal?: boolean; ignoreBOM?: boolean }) => {
    decode(input: Uint8Array): string;
  };
  crypto?: { subtle?: SubtleLike };
  atob(s: string): string;
}

// The one cast kept on purpose: without the DOM lib or Node types, the core's globalThis has no
// URL, TextDecoder, crypto or atob in its type at all, though every runtime it ships to has them.
const g = globalThis as unknown as WebGlobals;

/** Parses a URL, returning null instead of throwing. */
export function parseUrl(input: string): ParsedUrl | null {
  try {
    return new g.URL(input);
  } catch {
    return null;
  }
}

/** Strict UTF-8 decoding (invalid bytes throw), with the byte order mark skipped. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new g.TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The WebCrypto SubtleCrypto object, or null where the runtime has none. */
export function subtleCrypto(): SubtleLike | null {
  return g.crypto?.subtle ?? null;
}

/** Decodes standard or URL-safe base64 into bytes; null when it is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  const clean = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  const padded = clean + '='.repeat((4 - (clean.length % 4)) % 4);
  try {
    const bin = g.atob(padded);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
