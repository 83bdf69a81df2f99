/**
 * The derived retrieval index of a CLI database, cached in `DB.index` so `check` does not
 * fingerprint every stored article on every run. Source data stays in the database; this file is
 * keyed by the digest of the database's article and pack-entry lines and carries the SHA-256 of its
 * own snapshot, and is rebuilt whenever it is missing, stale, damaged (a flipped byte changed a
 * verdict before the checksum), or from another engine version (snapshot magic), so deleting it is
 * always safe.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ProvenanceIndex } from '../core/engine/index';
import { writeFileAtomic, type CliDb } from './cli-db';

/** Format tag of the cache file: this magic, the 64-hex-char articles digest, the 64-hex-char
 * SHA-256 of the snapshot, then the snapshot. (PLCLIX01 files, without the checksum, are rebuilt.) */
const INDEX_CACHE_MAGIC = 'PLCLIX02';
const HEADER_BYTES = INDEX_CACHE_MAGIC.length + 64 + 64;

/** Where the cache of database `dbPath` lives. */
export function indexCachePath(dbPath: string): string {
  return `${dbPath}.index`;
}

/** The cached index when it matches `digest` and its checksum, else null (missing, stale, damaged or unreadable). */
export async function loadIndexCache(dbPath: string, digest: string): Promise<ProvenanceIndex | null> {
  if (!digest) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(indexCachePath(dbPath));
  } catch {
    return null;
  }
  if (bytes.length < HEADER_BYTES) return null;
  const header = bytes.subarray(0, HEADER_BYTES).toString('latin1');
  if (!header.startsWith(INDEX_CACHE_MAGIC + digest)) return null;
  const snapshot = bytes.subarray(HEADER_BYTES);
  if (sha256(snapshot) !== header.slice(INDEX_CACHE_MAGIC.length + 64)) return null;
  try {
    return ProvenanceIndex.fromSnapshot(new Uint8Array(snapshot.buffer, snapshot.byteOffset, snapshot.length));
  } catch {
    // Another engine version (snapshot magic): rebuild from the source data.
    return null;
  }
}

/** Write the cache for `digest` (atomically, like the database). */
export async function saveIndexCache(dbPath: string, digest: string, index: ProvenanceIndex): Promise<void> {
  const snapshot = index.toSnapshot();
  const out = new Uint8Array(HEADER_BYTES + snapshot.length);
  out.set(Buffer.from(INDEX_CACHE_MAGIC + digest + sha256(snapshot), 'latin1'), 0);
  out.set(snapshot, HEADER_BYTES);
  await writeFileAtomic(indexCachePath(dbPath), out);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A fresh index over the database's articles and pack entries. */
export function buildIndex(db: Pick<CliDb, 'articles' | 'entries'>): ProvenanceIndex {
  const index = new ProvenanceIndex();
  for (const entry of db.entries.values()) index.add(entry);
  for (const article of db.articles.values()) index.add(article);
  return index;
}
