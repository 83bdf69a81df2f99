/**
 * IndexedDB access for feeds and claims (stores `feeds`, `claims`, `packEntries`; schema in
 * docs/architecture.md). Applying a feed update is ONE readwrite transaction over the records and
 * the feed's status, so a worker stopped midway leaves the previous data whole.
 * Every function takes the open database, so tests run it on fake-indexeddb.
 */
import type { KnownClaim } from '../core/types';
import type { PackEntry } from '../core/engine/pack-entry';
import type { FeedStatus } from './stored-shapes';
import { getAllInPages, type Db, type StoredFeed } from './db';
import { generationIn, markChanged, readSnapshotAndGeneration, saveSnapshotIfCurrent, type GenerationRow } from './snapshot-rows';

/** `meta` key of the claim index snapshot. */
export const CLAIM_SNAPSHOT_KEY = 'claimIndexSnapshot';

/** The claim index snapshot row: bytes from ClaimIndex.toSnapshot() and the claims generation they cover. */
export interface ClaimSnapshot extends GenerationRow {
  claims: number;
}

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
export async function listFeedRecords(db: Db): Promise<FeedRecord[]> {
  return (await db.getAll('feeds')) as FeedRecord[];
}

/** One feed, or undefined. */
export async function getFeedRecord(db: Db, id: string): Promise<FeedRecord | undefined> {
  return (await db.get('feeds', id)) as FeedRecord | undefined;
}

/** Writes a feed's status alone (subscription, a rejected update's error, scheduling). */
export async function putFeedRecord(db: Db, feed: FeedRecord): Promise<void> {
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
export async function applyFeedRecords(db: Db, feed: FeedRecord, records: FeedRecords, hook?: WriteHook): Promise<string | null> {
  const tx = db.transaction(['feeds', 'claims', 'packEntries', 'meta'], 'readwrite');
  const done = tx.done;
  // Mark the completion promise handled now: on abort it rejects before we reach the catch below.
  done.catch(() => undefined);
  const ops: Promise<unknown>[] = [];
  let generation: string | null = null;
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
    if (records.kind === 'claimreview') ops.push(markChanged(tx.objectStore('meta'), 'claims').then((g) => (generation = g)));
    else ops.push(markChanged(tx.objectStore('meta'), 'sources'));
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
  return generation;
}

/** Removes every claim of one source ("harvest", "import") in one transaction; returns how many and the new generation. */
export async function removeClaimsOfSource(db: Db, source: string): Promise<{ removed: number; generation: string }> {
  const tx = db.transaction(['claims', 'meta'], 'readwrite');
  const store = tx.objectStore('claims');
  const keys = await store.index('source').getAllKeys(source);
  const generation = markChanged(tx.objectStore('meta'), 'claims');
  await Promise.all([...keys.map((k) => store.delete(k)), generation]);
  await tx.done;
  return { removed: keys.length, generation: await generation };
}

/** Removes a feed and all its records in one transaction; returns the new claims generation. */
export async function removeFeedRecords(db: Db, id: string): Promise<string> {
  const tx = db.transaction(['feeds', 'claims', 'packEntries', 'meta'], 'readwrite');
  const ops: Promise<unknown>[] = [];
  for (const name of ['claims', 'packEntries'] as const) {
    const store = tx.objectStore(name);
    for (const k of await store.index('source').getAllKeys(id)) ops.push(store.delete(k));
  }
  ops.push(tx.objectStore('feeds').delete(id), markChanged(tx.objectStore('meta'), 'sources'));
  const generation = markChanged(tx.objectStore('meta'), 'claims');
  await Promise.all(ops);
  await tx.done;
  return generation;
}

/** Adds claims (imports, harvest) in one transaction; same id replaces. Returns how many were new and the new generation. */
export async function addClaims(db: Db, claims: KnownClaim[]): Promise<{ added: number; generation: string }> {
  const tx = db.transaction(['claims', 'meta'], 'readwrite');
  const store = tx.objectStore('claims');
  const existing = await Promise.all(claims.map((c) => store.getKey(c.id)));
  const generation = markChanged(tx.objectStore('meta'), 'claims');
  await Promise.all([...claims.map((c) => store.put(c)), generation]);
  await tx.done;
  return { added: existing.filter((k) => k === undefined).length, generation: await generation };
}

/**
 * Every stored claim and the generation they are at, read in one transaction (so they agree). A
 * database without a generation yet (claims stored before generations existed) gets one here.
 */
export async function readAllClaims(db: Db): Promise<{ claims: KnownClaim[]; generation: string }> {
  const tx = db.transaction(['claims', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const [claims, generation] = await Promise.all([getAllInPages(tx.objectStore('claims')), generationIn(meta, 'claims')]);
  await tx.done;
  return { claims, generation };
}

/** The claims with these ids that are stored (one transaction; missing ids are left out). */
export async function getClaims(db: Db, ids: string[]): Promise<KnownClaim[]> {
  if (ids.length === 0) return [];
  const store = db.transaction('claims').store;
  return (await Promise.all(ids.map((id) => store.get(id)))).filter((c): c is KnownClaim => c !== undefined);
}

/** The claim index snapshot and the current claims generation, read together; null when either is missing. */
export function readClaimSnapshot(db: Db): Promise<{ snapshot: ClaimSnapshot | null; generation: string | null }> {
  return readSnapshotAndGeneration<ClaimSnapshot>(db, CLAIM_SNAPSHOT_KEY, 'claims');
}

/** Saves the claim index snapshot if the stored claims are still at the generation it covers; returns whether it was saved. */
export function saveClaimSnapshot(db: Db, snapshot: ClaimSnapshot): Promise<boolean> {
  return saveSnapshotIfCurrent(db, CLAIM_SNAPSHOT_KEY, 'claims', snapshot);
}

/** Claims, at most `limit` (all when limit <= 0). */
export async function listClaims(db: Db, limit = 0): Promise<KnownClaim[]> {
  return limit > 0 ? db.getAll('claims', null, limit) : getAllInPages(db.transaction('claims').store);
}

/** Every stored pack entry. */
export async function listPackEntries(db: Db): Promise<PackEntry[]> {
  return getAllInPages(db.transaction('packEntries').store);
}
