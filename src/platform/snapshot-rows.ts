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
import type { Db } from './db';

/** A snapshot row: the bytes an index serialised to, when, and coverage fields of its owner. */
export interface SnapshotRow {
  bytes: Uint8Array;
  savedAt: string;
}

/** A snapshot row as stored: coverage fields plus the bytes as a Blob (or inline, from earlier versions). */
type StoredRow = Omit<SnapshotRow, 'bytes'> & ({ blob: Blob } | { bytes: Uint8Array });

/** The row as it is stored. */
export function toStoredSnapshot(row: SnapshotRow): StoredRow {
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

/** The snapshot stored under `key`, or null. */
export async function getSnapshotRow<T extends SnapshotRow>(db: Db, key: string): Promise<T | null> {
  return fromStoredSnapshot<T>((await db.get('meta', key))?.value);
}

/** Saves a snapshot under `key` (one put: a worker stopped meanwhile leaves the previous row whole). */
export async function putSnapshotRow(db: Db, key: string, row: SnapshotRow): Promise<void> {
  await db.put('meta', { key, value: toStoredSnapshot(row) });
}

/** Drops the snapshot under `key`. */
export async function dropSnapshotRow(db: Db, key: string): Promise<void> {
  await db.delete('meta', key);
}
