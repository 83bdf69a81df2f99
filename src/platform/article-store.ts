/**
 * The reading history (articles store) and the data-management operations over the whole
 * database: counts and size, delete all, export and import as JSON, and the index snapshot kept in
 * `meta` (derived data, rebuilt when missing or of another format).
 */
import { parseBoundedJson } from '../core/json/parse-bounded-json';
import { parseRecord } from '../core/records/parse-record';
import type { ArticleRecord, KnownClaim } from '../core/types';
import type { StorageSummary } from './stored-shapes';
import { INSTALL_MARKER_KEY, getAllInPages, readAllInPages, type Db, type StoredArticle, type StoredPackEntry } from './db';
import { currentGeneration, dropSnapshotRow, markChanged, readSnapshotAndGeneration, saveSnapshotIfCurrent, storedSnapshotSize, type GenerationRow } from './snapshot-rows';

/** Format tag of an export file. */
export const EXPORT_MAGIC = 'provenance-lens/export@1';
/** `meta` key of the index snapshot's head. */
const SNAPSHOT_KEY = 'indexSnapshot';
/** `meta` keys of its shards: this prefix and the shard's number. */
const SHARD_KEY_PREFIX = 'indexSnapshot/shard/';

/**
 * Caps on an imported file: an export of a heavy reader's year (a few thousand articles) is a few
 * tens of MB; above these a file is more likely a mistake than a backup, and parsing it would
 * stall the worker.
 */
const MAX_IMPORT_CHARS = 200 * 1024 * 1024;
const MAX_IMPORT_RECORDS = 200_000;

/**
 * The index snapshot's head row: the head's bytes from ProvenanceIndex.exportShards() and what
 * they cover: the generation of the history and pack entries (imports, pack updates and deletions
 * change it) and the latest firstSeen (articles visited since are added on load). Its shards are
 * rows of their own, read when a check needs them; `lineage` names the index they were saved from,
 * so a shard row of another index (a rebuild saved meanwhile) is never taken for this one's.
 */
export interface IndexSnapshot extends GenerationRow {
  lastFirstSeen: string | null;
  lineage: string;
}

/** A shard row's value. */
interface ShardRow {
  lineage: string;
  bytes: Uint8Array;
}

/** Result of storing one article. */
export interface PutResult {
  article: StoredArticle;
  /** True when the URL was not in the history before. */
  isNew: boolean;
}

/** The articles store and whole-database data management. */
export class ArticleStore {
  constructor(private readonly db: () => Promise<Db>) {}

  /** Stores (or refreshes) an article, keeping the time it was first seen. */
  async put(article: ArticleRecord, now: Date = new Date()): Promise<PutResult> {
    const db = await this.db();
    const tx = db.transaction('articles', 'readwrite');
    const old = await tx.store.get(article.url);
    const stored: StoredArticle = { ...article, firstSeen: old?.firstSeen ?? article.firstSeen ?? now.toISOString() };
    await tx.store.put(stored);
    await tx.done;
    return { article: stored, isNew: !old };
  }

  /** One article by URL. */
  async get(url: string): Promise<StoredArticle | undefined> {
    return (await this.db()).get('articles', url);
  }

  /** Every article (for a cold-start index rebuild), streamed in key order. */
  async *all(): AsyncGenerator<StoredArticle> {
    yield* readAllInPages(await this.db(), 'articles');
  }

  /** The most recent firstSeen in the history, or null when it is empty. */
  async latestFirstSeen(): Promise<string | null> {
    const db = await this.db();
    const cursor = await db.transaction('articles').store.index('firstSeen').openCursor(null, 'prev');
    return cursor?.value.firstSeen ?? null;
  }

  /** Articles first seen at or after a time (to bring an index snapshot up to date). */
  async seenSince(iso: string): Promise<StoredArticle[]> {
    return (await this.db()).getAllFromIndex('articles', 'firstSeen', IDBKeyRange.lowerBound(iso));
  }

  /** Every stored pack entry (for a cold-start index rebuild), streamed in key order. */
  async *packEntries(): AsyncGenerator<StoredPackEntry> {
    yield* readAllInPages(await this.db(), 'packEntries');
  }

  /**
   * A loader of records (full text, else pack entry): the calls made together (as a check makes
   * them for its candidates) read in one transaction, opened by the first of them.
   */
  async loader(): Promise<(url: string) => Promise<StoredArticle | StoredPackEntry | undefined>> {
    const db = await this.db();
    let tx: ReturnType<typeof openRead> | null = null;
    const openRead = () => db.transaction(['articles', 'packEntries']);
    return async (url) => {
      let t = tx;
      if (!t) {
        const opened = (t = tx = openRead());
        void opened.done.finally(() => tx === opened && (tx = null)).catch(() => undefined);
      }
      return (await t.objectStore('articles').get(url)) ?? (await t.objectStore('packEntries').get(url));
    };
  }

  /** Number of articles in the history. */
  async count(): Promise<number> {
    return (await this.db()).count('articles');
  }

  /** Most recently first-seen articles. */
  async recent(limit: number): Promise<StoredArticle[]> {
    const db = await this.db();
    const out: StoredArticle[] = [];
    let cursor = await db.transaction('articles').store.index('firstSeen').openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  /** Counts, estimated bytes and the recent list, as the options page shows them. */
  async summary(recentLimit = 20): Promise<Omit<StorageSummary, 'wipedAt'>> {
    const db = await this.db();
    const [articles, claims, feeds, packEntries, recent] = await Promise.all([
      db.count('articles'),
      db.count('claims'),
      db.count('feeds'),
      db.count('packEntries'),
      this.recent(recentLimit),
    ]);
    return {
      articles,
      claims,
      feeds,
      packEntries,
      bytes: await this.bytesEstimate(),
      recent: recent.map((a) => ({ url: a.url, title: a.title, siteName: a.siteName, firstSeen: a.firstSeen ?? null })),
    };
  }

  /**
   * Space used: the browser's own figure for the extension's origin when it has one (it counts
   * IndexedDB overhead), else the serialised size of the records.
   */
  async bytesEstimate(): Promise<number> {
    const nav = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ usage?: number }> } } }).navigator;
    try {
      const est = await nav?.storage?.estimate?.();
      if (est && typeof est.usage === 'number') return est.usage;
    } catch {
      // Fall through to counting.
    }
    const db = await this.db();
    let bytes = 0;
    for (const store of ['articles', 'claims', 'packEntries', 'feeds', 'meta'] as const) {
      let cursor = await db.transaction(store).store.openCursor();
      while (cursor) {
        const snapshot = storedSnapshotSize((cursor.value as { value?: unknown }).value);
        bytes += snapshot ?? JSON.stringify(cursor.value).length * 2; // UTF-16 in memory; on disk it is usually smaller.
        cursor = await cursor.continue();
      }
    }
    return bytes;
  }

  /** Deletes every record of every store in one transaction, keeping only the install marker. */
  async deleteAll(): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(['articles', 'claims', 'packEntries', 'feeds', 'meta'], 'readwrite');
    const marker = await tx.objectStore('meta').get(INSTALL_MARKER_KEY);
    await Promise.all([
      tx.objectStore('articles').clear(),
      tx.objectStore('claims').clear(),
      tx.objectStore('packEntries').clear(),
      tx.objectStore('feeds').clear(),
      tx.objectStore('meta').clear(),
    ]);
    if (marker) await tx.objectStore('meta').put(marker);
    // New generations (not none): a snapshot saved from an index of before the deletion can never
    // pass for current.
    await markChanged(tx.objectStore('meta'), 'claims');
    await markChanged(tx.objectStore('meta'), 'sources');
    await tx.done;
  }

  /** The reading history and the claims as one JSON document (feeds re-download, so they are left out). */
  async exportJson(now: Date = new Date()): Promise<string> {
    const db = await this.db();
    const tx = db.transaction(['articles', 'claims']);
    const [articles, claims] = await Promise.all([getAllInPages(tx.objectStore('articles')), getAllInPages(tx.objectStore('claims'))]);
    return JSON.stringify({ magic: EXPORT_MAGIC, exported: now.toISOString(), articles, claims });
  }

  /**
   * Imports an export file: each record is validated; bad ones are skipped and counted. Existing
   * articles keep their earlier firstSeen. One transaction, so a failure imports nothing.
   */
  async importJson(json: string): Promise<{ articles: number; claims: number; skipped: number }> {
    if (json.length > MAX_IMPORT_CHARS) throw new Error('The file is too large to import.');
    // The one bounded reader (as for feeds): a file of nested brackets is refused before parsing
    // instead of costing the worker gigabytes.
    const read = parseBoundedJson(json);
    if (!read.ok) throw new Error(read.error.startsWith('is not valid JSON') ? 'The file is not valid JSON.' : `The file ${read.error}.`);
    const doc = read.value;
    if (!doc || typeof doc !== 'object' || (doc as { magic?: unknown }).magic !== EXPORT_MAGIC) {
      throw new Error(`The file is not a Provenance Lens export (expected "${EXPORT_MAGIC}").`);
    }
    const rawArticles = (doc as { articles?: unknown }).articles;
    const rawClaims = (doc as { claims?: unknown }).claims;
    const articleList = Array.isArray(rawArticles) ? rawArticles : [];
    const claimList = Array.isArray(rawClaims) ? rawClaims : [];
    if (articleList.length + claimList.length > MAX_IMPORT_RECORDS) throw new Error('The file holds too many records to import.');

    let skipped = 0;
    const articles: ArticleRecord[] = [];
    // An export file is untrusted input, whoever made it: the same rule as a content script's record.
    for (const raw of articleList) {
      const r = parseRecord('article', raw, 'untrusted');
      if (r.ok) articles.push(r.value);
      else skipped++;
    }
    const claims: KnownClaim[] = [];
    for (const raw of claimList) {
      const r = parseRecord('claim', raw, 'untrusted');
      if (r.ok) claims.push(r.value);
      else skipped++;
    }

    const db = await this.db();
    const tx = db.transaction(['articles', 'claims', 'meta'], 'readwrite');
    const now = new Date().toISOString();
    const artStore = tx.objectStore('articles');
    for (const a of articles) {
      const old = await artStore.get(a.url);
      const firstSeen = [old?.firstSeen, a.firstSeen].filter((x): x is string => !!x).sort()[0] ?? now;
      await artStore.put({ ...a, firstSeen });
    }
    const claimStore = tx.objectStore('claims');
    for (const c of claims) await claimStore.put(c);
    if (claims.length) await markChanged(tx.objectStore('meta'), 'claims');
    if (articles.length) await markChanged(tx.objectStore('meta'), 'sources');
    await tx.done;
    return { articles: articles.length, claims: claims.length, skipped };
  }

  /** The stored index snapshot and the current generation of the history and pack entries, read together. */
  async getSnapshot(): Promise<{ snapshot: IndexSnapshot | null; generation: string | null }> {
    return readSnapshotAndGeneration<IndexSnapshot>(await this.db(), SNAPSHOT_KEY, 'sources');
  }

  /** The current generation of the history and pack entries (read before an index is built from them). */
  async generation(): Promise<string> {
    return currentGeneration(await this.db(), 'sources');
  }

  /**
   * Saves the index snapshot's head and the shards that changed, in one transaction, if the data is
   * still at the generation it covers (derived data: losing it only costs a rebuild).
   */
  async putSnapshot(snapshot: IndexSnapshot, shards: Map<number, Uint8Array>): Promise<boolean> {
    const parts = [...shards].map(([i, bytes]) => ({ key: SHARD_KEY_PREFIX + i, value: { lineage: snapshot.lineage, bytes } satisfies ShardRow }));
    return saveSnapshotIfCurrent(await this.db(), SNAPSHOT_KEY, 'sources', snapshot, parts);
  }

  /**
   * Shards of the index snapshot saved by `lineage`, in one transaction. Throws when one is
   * missing or of another index (the snapshot was dropped or replaced meanwhile).
   */
  async readShards(lineage: string, shards: number[]): Promise<Map<number, Uint8Array>> {
    const tx = (await this.db()).transaction('meta');
    const rows = await Promise.all(shards.map((i) => tx.store.get(SHARD_KEY_PREFIX + i)));
    await tx.done;
    const out = new Map<number, Uint8Array>();
    rows.forEach((row, j) => {
      const v = row?.value as Partial<ShardRow> | undefined;
      if (v?.lineage !== lineage || !(v.bytes instanceof Uint8Array)) throw new Error(`index snapshot shard ${shards[j]} is missing or of another index`);
      out.set(shards[j], v.bytes);
    });
    return out;
  }

  /** Drops the index snapshot, head and shards (after data it covers changed outside the live index). */
  async dropSnapshot(): Promise<void> {
    await dropSnapshotRow(await this.db(), SNAPSHOT_KEY, SHARD_KEY_PREFIX);
  }
}
