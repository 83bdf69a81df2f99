import { describe, expect, it } from 'vitest';
import { decodePublicKey, verifySignature } from '../../../src/core/feeds';
import { bytes, keyPair } from './feed-fixtures';

describe('verifySignature (Ed25519, detached, exact bytes)', () => {
  it('accepts the publisher signature over the exact bytes', async () => {
    const k = await keyPair();
    const body = bytes({ hello: 'world' });
    expect(await verifySignature(body, await k.sign(body), k.publicKey)).toEqual({ ok: true });
  });

  it('rejects a signature made with another key', async () => {
    const publisher = await keyPair();
    const attacker = await keyPair();
    const body = bytes({ hello: 'world' });
    const r = await verifySignature(body, await attacker.sign(body), publisher.publicKey);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/does not match/);
  });

  it('rejects the right signature over bytes changed by one space', async () => {
    const k = await keyPair();
    const body = bytes('{"a":1}');
    const sig = await k.sign(body);
    expect((await verifySignature(bytes('{"a": 1}'), sig, k.publicKey)).ok).toBe(false);
  });

  it('rejects malformed keys and signatures with a reason', async () => {
    const k = await keyPair();
    const body = bytes('x');
    expect(await verifySignature(body, await k.sign(body), 'not-a-key')).toEqual({ ok: false, error: expect.stringMatching(/public key/) });
    expect(await verifySignature(body, 'AAAA', k.publicKey)).toEqual({ ok: false, error: expect.stringMatching(/64-byte/) });
  });

  it('reads raw and SPKI public keys', async () => {
    const kp = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', kp.publicKey)).toString('base64');
    expect(decodePublicKey(spki)?.format).toBe('spki');
    const body = bytes('spki works');
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, kp.privateKey, body));
    expect(await verifySignature(body, sig, spki)).toEqual({ ok: true });
  });
});
