/**
 * Snapshots of derived indexes in the `meta` store (the retrieval index, the claim index): one row
 * per index, its bytes plus what they cover. Losing a row only costs a rebuild, so a row that is
 * not of the expected shape reads as missing.
 */
import type { Db } from './db';

/** A snapshot row: the bytes an index serialised to, when, and coverage fields of its owner. */
export interface SnapshotRow {
  bytes: Uint8Array;
  savedAt: string;
}

/** The row's value when it is a snapshot (bytes present), else null. */
export function asSnapshotRow<T extends SnapshotRow>(value: unknown): T | null {
  const s = value as T | undefined;
  return s && s.bytes instanceof Uint8Array ? s : null;
}

/** The snapshot stored under `key`, or null. */
export async function getSnapshotRow<T extends SnapshotRow>(db: Db, key: string): Promise<T | null> {
  return asSnapshotRow<T>((await db.get('meta', key))?.value);
}

/** Saves a snapshot under `key` (one put: a worker stopped meanwhile leaves the previous row whole). */
export async function putSnapshotRow(db: Db, key: string, row: SnapshotRow): Promise<void> {
  await db.put('meta', { key, value: row });
}

/** Drops the snapshot under `key`. */
export async function dropSnapshotRow(db: Db, key: string): Promise<void> {
  await db.delete('meta', key);
}
