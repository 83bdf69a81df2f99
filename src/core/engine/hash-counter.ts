/**
 * A growable open-addressing hash table from 32-bit keys to 32-bit counts, in two typed arrays.
 * Holds document frequencies for millions of terms at ~16 bytes per term, where a JS Map costs
 * several times that and has a hard size limit.
 */
export class HashCounter {
  private keys: Uint32Array;
  private vals: Uint32Array;
  private used = 0;

  constructor(capacityPow2 = 1 << 12) {
    this.keys = new Uint32Array(capacityPow2);
    this.vals = new Uint32Array(capacityPow2);
  }

  /** Number of distinct keys held. */
  get size(): number {
    return this.used;
  }

  /** Count for a key (0 when absent). Key 0 is reserved and always reads 0. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    let i = mix(key) & mask;
    for (;;) {
      const k = this.keys[i];
      if (k === key) return this.vals[i];
      if (k === 0) return 0;
      i = (i + 1) & mask;
    }
  }

  /** Adds delta to a key's count (counts never go below 0). */
  add(key: number, delta = 1): void {
    if (key === 0) return;
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = mix(key) & mask;
    for (;;) {
      const k = this.keys[i];
      if (k === key) {
        this.vals[i] = Math.max(0, this.vals[i] + delta);
        return;
      }
      if (k === 0) {
        if (delta <= 0) return;
        this.keys[i] = key;
        this.vals[i] = delta;
        this.used++;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Raw arrays (for snapshots). */
  export(): { keys: Uint32Array; vals: Uint32Array; used: number } {
    return { keys: this.keys, vals: this.vals, used: this.used };
  }

  /** Rebuilds a counter from arrays produced by export(). */
  static import(keys: Uint32Array, vals: Uint32Array, used: number): HashCounter {
    const c = new HashCounter(2);
    c.keys = keys;
    c.vals = vals;
    c.used = used;
    return c;
  }

  private grow(): void {
    const oldK = this.keys;
    const oldV = this.vals;
    this.keys = new Uint32Array(oldK.length * 2);
    this.vals = new Uint32Array(oldK.length * 2);
    this.used = 0;
    for (let i = 0; i < oldK.length; i++) if (oldK[i] !== 0) this.add(oldK[i], oldV[i]);
  }
}

/** Scrambles a hash so that linear probing spreads well even for structured keys. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}
