/**
 * The retrieval index's article addresses by document number. An index restored from its sharded
 * snapshot's head (a cold start in the extension) does not decode them: they stay as UTF-16 code
 * units in the snapshot's bytes, with their offsets and an open-addressing hash table written when
 * the snapshot was saved. An address is decoded only when asked for by number (a check's top
 * candidates) and found by its hash; addresses added afterwards are kept in a Map. Decoding 10^5
 * addresses and building a Map of them was more than half of a cold worker's index restore.
 */
import { fnv1a32 } from '../text/fnv1a';
import { packStrings, packedEquals, unitsToString, type PackedStrings } from '../packed-strings';

/** The packed form of a table, as a snapshot stores it (views on its bytes when restored). */
export interface PackedUrls {
  /** The addresses by document number; an empty one marks a removed article. */
  strings: PackedStrings;
  /** Open-addressing hash table of the non-empty addresses: document number + 1, 0 for an empty slot. */
  slots: Uint32Array;
}

/** Addresses by document number, and document numbers by address. */
export class UrlTable {
  private packed: PackedUrls = { strings: { chars: new Uint8Array(0), offs: new Uint32Array(1) }, slots: new Uint32Array(0) };
  private packedCount = 0;
  /** Packed documents no longer found by their address (removed or replaced). */
  private gone = new Set<number>();
  /** Addresses of documents numbered from packedCount on. */
  private added: string[] = [];
  private addedIds = new Map<string, number>();

  /** A table of these addresses, numbered in order (every one found by its address). */
  static fromArray(urls: readonly string[]): UrlTable {
    const t = new UrlTable();
    for (const u of urls) t.push(u);
    return t;
  }

  /** A table over a snapshot's packed addresses, without decoding them. Throws when they are inconsistent. */
  static fromPacked(packed: PackedUrls): UrlTable {
    const { strings, slots } = packed;
    const count = strings.offs.length - 1;
    if (count < 0 || strings.offs[0] !== 0 || strings.offs[count] !== strings.chars.length || (slots.length & (slots.length - 1)) !== 0 || (count > 0 && slots.length < count)) {
      throw new Error('index snapshot address table is inconsistent');
    }
    const t = new UrlTable();
    t.packed = packed;
    t.packedCount = count;
    return t;
  }

  /** Number of document numbers given out (removed ones included). */
  get length(): number {
    return this.packedCount + this.added.length;
  }

  /** The address of document `id` (also of a removed one; empty for one removed before a snapshot). */
  url(id: number): string {
    if (id >= this.packedCount) return this.added[id - this.packedCount] ?? '';
    const { chars, offs } = this.packed.strings;
    return unitsToString(chars, offs[id], offs[id + 1]);
  }

  /** The document number an address is found under, if any. */
  id(url: string): number | undefined {
    const added = this.addedIds.get(url);
    if (added !== undefined) return added;
    const { slots } = this.packed;
    if (!url || slots.length === 0) return undefined;
    const mask = slots.length - 1;
    // At most one pass over the table (a saved table is at most half full).
    for (let i = fnv1a32(url) & mask, probes = 0; slots[i] !== 0 && probes < slots.length; i = (i + 1) & mask, probes++) {
      const id = slots[i] - 1;
      if (id < this.packedCount && packedEquals(this.packed.strings, id, url)) return this.gone.has(id) ? undefined : id;
    }
    return undefined;
  }

  /** Numbers a new address (found by it until deleted). */
  push(url: string): number {
    const id = this.length;
    this.added.push(url);
    this.addedIds.set(url, id);
    return id;
  }

  /** Document `id` is no longer found by its address (its number and address stay). */
  delete(id: number): void {
    if (id < this.packedCount) return void this.gone.add(id);
    const url = this.url(id);
    if (this.addedIds.get(url) === id) this.addedIds.delete(url);
  }

  /** Every address by number (removed documents' included). */
  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.url(i));
  }

  /** The packed form, with the addresses of documents `keep` rejects left empty. */
  pack(keep: (id: number) => boolean): PackedUrls {
    const urls = Array.from({ length: this.length }, (_, i) => (keep(i) ? this.url(i) : ''));
    let size = 1;
    while (size < 2 * urls.length) size *= 2;
    const slots = new Uint32Array(urls.length ? size : 0);
    const mask = size - 1;
    urls.forEach((u, id) => {
      if (!u) return;
      let i = fnv1a32(u) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    });
    return { strings: packStrings(urls), slots };
  }

  /** Approximate bytes held. */
  get bytes(): number {
    let added = 0;
    for (const u of this.added) added += u.length * 2 + 40;
    const { strings, slots } = this.packed;
    return strings.chars.byteLength + strings.offs.byteLength + slots.byteLength + added;
  }
}
