/**
 * IndexedDB access for feeds and claims (stores `feeds`, `claims`, `packEntries`; schema in
 * docs/architecture.md). Applying a feed update is ONE readwrite transaction over the records and
 * the feed's status, so a worker stopped midway leaves the previous data whole.
 * Every function takes the open database, so tests run it on fake-indexeddb.
 */
import type { IDBPDatabase } from 'idb';
import type { KnownClaim } from '../core/types';
import type { PackEntry } from '../core/engine/pack-entry';
import type { FeedStatus } from './stored-shapes';
import type { ProvenanceDb, StoredFeed } from './db';

/** The database as the feed store needs it. */
export type FeedDb = IDBPDatabase<ProvenanceDb>;

/** A feed as stored: its public status plus scheduling fields the options page does not show. */
export type FeedRecord = FeedStatus & {
  /** ISO time of the next scheduled refresh (jittered). */
  nextRefresh?: string | null;
  /** Consecutive failed refreshes (for back-off). */
  failures?: number;
};

/** Records of one accepted update. */
export type FeedRecords = { kind: 'claimreview'; claims: KnownClaim[] } | { kind: 'pack'; entries: PackEntry[] };

/** Test seam: called after each record is queued in the transaction; throwing aborts it. */
export type WriteHook = (written: number) => void;

/** All feeds, in subscription order (ids sort by creation time). */
export async function listFeedRecords(db: FeedDb): Promise<FeedRecord[]> {
  return (await db.getAll('feeds')) as FeedRecord[];
}

/** One feed, or undefined. */
export async function getFeedRecord(db: FeedDb, id: string): Promise<FeedRecord | undefined> {
  return (await db.get('feeds', id)) as FeedRecord | undefined;
}

/** Writes a feed's status alone (subscription, a rejected update's error, scheduling). */
export async function putFeedRecord(db: FeedDb, feed: FeedRecord): Promise<void> {
  await db.put('feeds', feed as StoredFeed);
}

/** Publicly visible status of a stored feed (scheduling fields dropped). */
export function toFeedStatus(f: FeedRecord): FeedStatus {
  return {
    id: f.id,
    url: f.url,
    kind: f.kind,
    publicKey: f.publicKey,
    records: f.records,
    skipped: f.skipped,
    lastUpdate: f.lastUpdate,
    lastError: f.lastError,
    etag: f.etag,
    lastModified: f.lastModified,
    dataVersion: f.dataVersion,
  };
}

/**
 * Replaces a feed's records and writes its status in one readwrite transaction. If anything fails
 * (quota, a bad record, the worker stopped), the transaction aborts and nothing changes.
 */
export async function applyFeedRecords(db: FeedDb, feed: FeedRecord, records: FeedRecords, hook?: WriteHook): Promise<void> {
  const tx = db.transaction(['feeds', 'claims', 'packEntries'], 'readwrite');
  const done = tx.done;
  // Mark the completion promise handled now: on abort it rejects before we reach the catch below.
  done.catch(() => undefined);
  const ops: Promise<unknown>[] = [];
  try {
    const store = records.kind === 'claimreview' ? tx.objectStore('claims') : tx.objectStore('packEntries');
    const oldKeys = await store.index('source').getAllKeys(feed.id);
    for (const k of oldKeys) ops.push(store.delete(k));
    let n = 0;
    if (records.kind === 'claimreview') {
      const claims = tx.objectStore('claims');
      for (const c of records.claims) {
        ops.push(claims.put({ ...c, source: feed.id }));
        hook?.(++n);
      }
    } else {
      const packs = tx.objectStore('packEntries');
      for (const e of records.entries) {
        ops.push(packs.put({ ...e, source: feed.id }));
        hook?.(++n);
      }
    }
    ops.push(tx.objectStore('feeds').put(feed as StoredFeed));
    await Promise.all(ops);
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    // Every queued request now fails with AbortError; settle them so none goes unhandled.
    await Promise.allSettled(ops);
    await done.catch(() => undefined);
    throw err;
  }
  await done;
}

/** Removes every claim of one source ("harvest", "import") in one transaction; returns how many. */
export async function removeClaimsOfSource(db: FeedDb, source: string): Promise<number> {
  const tx = db.transaction('claims', 'readwrite');
  const store = tx.objectStore('claims');
  const keys = await store.index('source').getAllKeys(source);
  await Promise.all(keys.map((k) => store.delete(k)));
  await tx.done;
  return keys.length;
}

/** Removes a feed and all its records in one transaction. */
export async function removeFeedRecords(db: FeedDb, id: string): Promise<void> {
  const tx = db.transaction(['feeds', 'claims', 'packEntries'], 'readwrite');
  const ops: Promise<unknown>[] = [];
  for (const name of ['claims', 'packEntries'] as const) {
    const store = tx.objectStore(name);
    for (const k of await store.index('source').getAllKeys(id)) ops.push(store.delete(k));
  }
  ops.push(tx.objectStore('feeds').delete(id));
  await Promise.all(ops);
  await tx.done;
}

/** Adds claims (imports, harvest) in one transaction; same id replaces. Returns how many were new. */
export async function addClaims(db: FeedDb, claims: KnownClaim[]): Promise<number> {
  const tx = db.transaction('claims', 'readwrite');
  const store = tx.objectStore('claims');
  const existing = await Promise.all(claims.map((c) => store.getKey(c.id)));
  await Promise.all(claims.map((c) => store.put(c)));
  await tx.done;
  return existing.filter((k) => k === undefined).length;
}

/** Claims, at most `limit` (all when limit <= 0). */
export async function listClaims(db: FeedDb, limit = 0): Promise<KnownClaim[]> {
  return db.getAll('claims', null, limit > 0 ? limit : undefined);
}

/** Every stored pack entry (for the provenance index). */
export async function listPackEntries(db: FeedDb): Promise<PackEntry[]> {
  return (await db.getAll('packEntries')) as unknown as PackEntry[];
}
