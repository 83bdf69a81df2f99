/**
 * Ed25519 detached signatures over the exact bytes of a feed, verified with WebCrypto
 * (`crypto.subtle`, algorithm name 'Ed25519': Node 20, Chromium, Firefox 140).
 */
import { base64ToBytes, subtleCrypto } from './web-apis';

/** Result of a signature check, with a reason a user can read when it fails. */
export type SignatureCheck = { ok: true } | { ok: false; error: string };

/** Decodes a pinned public key (base64 of the raw 32-byte key, or of its SPKI DER form). */
export function decodePublicKey(b64: string): { format: 'raw' | 'spki'; bytes: Uint8Array } | null {
  const bytes = base64ToBytes(b64);
  if (!bytes) return null;
  if (bytes.length === 32) return { format: 'raw', bytes };
  if (bytes.length === 44) return { format: 'spki', bytes };
  return null;
}

/** Verifies a detached Ed25519 signature (raw 64 bytes, or its base64 text) over `data`. */
export async function verifySignature(
  data: Uint8Array,
  signature: Uint8Array | string,
  publicKeyB64: string,
): Promise<SignatureCheck> {
  const key = decodePublicKey(publicKeyB64);
  if (!key) return { ok: false, error: 'the pinned public key is not a base64 Ed25519 key' };
  const sig = typeof signature === 'string' ? base64ToBytes(signature) : signature;
  if (!sig || sig.length !== 64) return { ok: false, error: 'the signature is not a 64-byte Ed25519 signature' };
  const subtle = subtleCrypto();
  if (!subtle) return { ok: false, error: 'this browser cannot verify Ed25519 signatures' };
  try {
    const k = await subtle.importKey(key.format, key.bytes, { name: 'Ed25519' }, false, ['verify']);
    const good = await subtle.verify({ name: 'Ed25519' }, k, sig, data);
    return good ? { ok: true } : { ok: false, error: 'the signature does not match the pinned publisher key' };
  } catch (err) {
    return { ok: false, error: `signature check failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
