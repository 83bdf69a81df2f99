/**
 * Snapshots of derived indexes in the `meta` store (the retrieval index, the claim index): one row
 * per index, its bytes plus what they cover. Losing a row only costs a rebuild, so a row that is
 * not of the expected shape reads as missing.
 *
 * The bytes are stored as a Blob. Browsers keep a large Blob in a file beside the database and
 * hand back a handle, whose bytes are then read off the main thread; bytes stored inline (as rows
 * of earlier versions were, and still read) are deserialised on it, which cost the cold start
 * about 0.5 s at 10^5 articles in Firefox. Inline values also have a size cap there (255 MB).
 */
import { randomId, type Db, type MetaRow } from './db';

/** A snapshot row: the bytes an index serialised to, when, and coverage fields of its owner. */
export interface SnapshotRow {
  bytes: Uint8Array;
  savedAt: string;
}

/**
 * `meta` keys of the generations of the data each index is derived from: a random id written in
 * the same transaction as every change to that data that the live index does not take itself
 * (claims: every change; sources, the history and pack entries: imports, pack updates and
 * deletions, while a visited article is caught up by its firstSeen). A snapshot that names the
 * current generation covers the data; one that names another is stale. One read of a small row
 * instead of counting 10^5 records (0.5-0.8 s of a cold start at 10^5 pack entries).
 */
const GENERATION_KEYS = { claims: 'claimsGeneration', sources: 'indexSourcesGeneration' } as const;

/** The data an index is derived from. */
export type IndexData = keyof typeof GENERATION_KEYS;

/** A snapshot row that names the generation of the data it covers. */
export interface GenerationRow extends SnapshotRow {
  generation: string;
}

/** Writes a new generation of `data` through the transaction's `meta` store (call it with every such write). */
export async function markChanged(meta: { put(row: MetaRow): Promise<unknown> }, data: IndexData): Promise<string> {
  // Random, not a counter: after a deletion a counter would start over and an old snapshot's
  // number could come round again.
  const generation = randomId();
  await meta.put({ key: GENERATION_KEYS[data], value: generation });
  return generation;
}

/** The current generation of `data` (one is written if there is none yet: data stored before generations existed). */
export async function currentGeneration(db: Db, data: IndexData): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  const row = await tx.store.get(GENERATION_KEYS[data]);
  const generation = typeof row?.value === 'string' ? row.value : await markChanged(tx.store, data);
  await tx.done;
  return generation;
}

/** Reads `data`'s generation in a transaction that also reads other stores (so they agree); writes one if there is none. */
export async function generationIn(meta: { get(key: string): Promise<MetaRow | undefined>; put(row: MetaRow): Promise<unknown> }, data: IndexData): Promise<string> {
  const row = await meta.get(GENERATION_KEYS[data]);
  return typeof row?.value === 'string' ? row.value : markChanged(meta, data);
}

/** The snapshot under `key` and the current generation of `data`, read together; null when either is missing. */
export async function readSnapshotAndGeneration<T extends GenerationRow>(db: Db, key: string, data: IndexData): Promise<{ snapshot: T | null; generation: string | null }> {
  const tx = db.transaction('meta');
  const [snap, gen] = await Promise.all([tx.store.get(key), tx.store.get(GENERATION_KEYS[data])]);
  const snapshot = await fromStoredSnapshot<T>(snap?.value);
  return { snapshot: snapshot && typeof snapshot.generation === 'string' ? snapshot : null, generation: typeof gen?.value === 'string' ? gen.value : null };
}

/**
 * Saves a snapshot, and the rows of its parts if it has any, if `data` is still at the generation
 * it covers (checked in the same transaction); returns whether it was saved. One transaction: a
 * worker stopped meanwhile leaves the previous rows whole, and they name an older generation or
 * the same.
 */
export async function saveSnapshotIfCurrent(db: Db, key: string, data: IndexData, row: GenerationRow, parts: MetaRow[] = []): Promise<boolean> {
  const stored = toStoredSnapshot(row);
  const tx = db.transaction('meta', 'readwrite');
  const gen = await tx.store.get(GENERATION_KEYS[data]);
  const current = gen?.value === row.generation;
  if (current) await Promise.all([tx.store.put({ key, value: stored }), ...parts.map((p) => tx.store.put(p))]);
  await tx.done;
  return current;
}

/** A snapshot row as stored: coverage fields plus the bytes as a Blob (or inline, from earlier versions). */
type StoredRow = Omit<SnapshotRow, 'bytes'> & ({ blob: Blob } | { bytes: Uint8Array });

/** The row as it is stored. */
function toStoredSnapshot(row: SnapshotRow): StoredRow {
  const { bytes, ...rest } = row;
  return { ...rest, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) };
}

/** A stored value read back as a snapshot row (its bytes read), or null when it is not one. */
export async function fromStoredSnapshot<T extends SnapshotRow>(value: unknown): Promise<T | null> {
  const v = value as (Omit<T, 'bytes'> & { blob?: unknown; bytes?: unknown }) | null | undefined;
  if (!v || typeof v !== 'object') return null;
  if (v.bytes instanceof Uint8Array) return v as unknown as T;
  if (!(v.blob instanceof Blob)) return null;
  const { blob, ...rest } = v;
  return { ...rest, bytes: new Uint8Array(await (blob as Blob).arrayBuffer()) } as unknown as T;
}

/** Bytes a stored value holds as a snapshot, or null when it is not one (without reading them). */
export function storedSnapshotSize(value: unknown): number | null {
  const v = value as { blob?: unknown; bytes?: unknown } | null | undefined;
  if (v?.blob instanceof Blob) return v.blob.size;
  if (v?.bytes instanceof Uint8Array) return v.bytes.byteLength;
  return null;
}

/** Drops the snapshot under `key`, and its parts' rows (keys starting with `partsPrefix`) in the same transaction. */
export async function dropSnapshotRow(db: Db, key: string, partsPrefix?: string): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  await Promise.all([tx.store.delete(key), partsPrefix ? tx.store.delete(keysStartingWith(partsPrefix)) : undefined]);
  await tx.done;
}

/** The `meta` keys that start with a prefix. */
function keysStartingWith(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}
