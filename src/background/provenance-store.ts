/**
 * The background's retrieval index (derived data): built from the history and pack entries on
 * first use, loaded from its snapshot on a cold start and brought up to date, grown as articles
 * are stored, saved a little after new articles, and dropped when the data changed elsewhere.
 */
import { markPerformance } from '../shared/performance-mark';
import { SnapshottedIndex } from './snapshotted-index';
import type { CheckIndex, ProvenanceIndex, ShardLoader, checkArticle, compareArticles } from '../core/engine';
import type { ArticleRecord } from '../core/types';
import type { ArticleStore } from '../platform/article-store';

/** How far before a snapshot's latest firstSeen a cold start looks for articles it lacks. */
const CATCH_UP_MARGIN_MS = 60_000;

/** The retrieval index the background keeps: what a check reads, plus upkeep and its snapshot. */
export type BackgroundIndex = CheckIndex & Pick<ProvenanceIndex, 'add' | 'has' | 'remove' | 'size' | 'exportShards' | 'shardsUnsaved'>;

/** The engine the background runs (src/core/engine): the one check pipeline and its index. */
export interface BackgroundEngine {
  createIndex(): BackgroundIndex;
  /**
   * Restores an index from its sharded snapshot's head, reading shards through `loader` when a
   * check or a save needs them. Throws when the bytes are of another format (the index is then rebuilt).
   */
  indexFromSnapshot(head: Uint8Array, loader: ShardLoader): BackgroundIndex;
  check: typeof checkArticle;
  compare: typeof compareArticles;
}

/** What the provenance store needs. */
export interface ProvenanceStoreOptions {
  engine: BackgroundEngine;
  articles: ArticleStore;
  now: () => Date;
  log: Pick<Console, 'warn'>;
  snapshotDelayMs?: number;
}

/** Owns the in-memory retrieval index and its snapshot in the database. */
export class ProvenanceStore {
  private readonly cache: SnapshottedIndex<BackgroundIndex>;
  /** The generation of the history and pack entries each loaded index was built from or restored at. */
  private readonly covers = new WeakMap<BackgroundIndex, string>();
  /** The lineage each loaded index saves its snapshot under (its shard rows carry it). */
  private readonly lineages = new WeakMap<BackgroundIndex, string>();

  constructor(private readonly opts: ProvenanceStoreOptions) {
    this.cache = new SnapshottedIndex({
      load: () => this.load().then((ix) => (markPerformance('index-ready'), ix)),
      save: (ix) => this.save(ix),
      log: opts.log,
      delayMs: opts.snapshotDelayMs,
    });
  }

  /** The index (loaded or rebuilt on first use; a failed load is retried on the next call). */
  index(): Promise<BackgroundIndex> {
    return this.cache.get();
  }

  /** A stored article joins the index; the snapshot is saved a little later. */
  async added(article: ArticleRecord): Promise<void> {
    await this.index();
    this.cache.update((ix) => ix.add(article));
  }

  /** Forgets the index and its snapshot (after imports, pack updates or deletion); rebuilt on next use. */
  async invalidate(): Promise<void> {
    this.cache.drop();
    await this.opts.articles.dropSnapshot();
  }

  private async load(): Promise<BackgroundIndex> {
    markPerformance('index-load');
    const { engine, articles } = this.opts;
    const { snapshot, generation } = await articles.getSnapshot();
    markPerformance('index-snapshot-read');
    if (snapshot && snapshot.generation === generation && typeof snapshot.lineage === 'string') {
      try {
        const index = engine.indexFromSnapshot(snapshot.bytes, (ids) => this.readShards(snapshot.lineage, ids));
        markPerformance('index-restored');
        // Articles visited after the snapshot was saved (the worker stopped before the next save),
        // from a little before its latest: an article stored while the snapshot was being taken
        // may have joined the live index only after it was serialised.
        const since = snapshot.lastFirstSeen ? new Date(Date.parse(snapshot.lastFirstSeen) - CATCH_UP_MARGIN_MS).toISOString() : '';
        for (const a of await articles.seenSince(since)) if (!index.has(a.url)) index.add(a);
        this.covers.set(index, snapshot.generation);
        this.lineages.set(index, snapshot.lineage);
        return index;
      } catch (err) {
        this.opts.log.warn('Provenance Lens: index snapshot unusable, rebuilding', err);
      }
    }
    // The generation first: data changed while the index is built makes its snapshot stale.
    const built = await articles.generation();
    const index = engine.createIndex();
    for await (const a of articles.all()) index.add(a);
    for await (const e of articles.packEntries()) index.add(e);
    this.covers.set(index, built);
    this.lineages.set(index, crypto.randomUUID());
    await this.save(index);
    return index;
  }

  /**
   * A restored index's shards, read when a check or a save needs them. Rows that are missing or of
   * another index mean the snapshot changed underneath: the index and its snapshot are dropped, and
   * the next check rebuilds from the store.
   */
  private async readShards(lineage: string, ids: number[]): Promise<Map<number, Uint8Array>> {
    markPerformance('index-shards-load');
    try {
      const shards = await this.opts.articles.readShards(lineage, ids);
      markPerformance('index-shards-read');
      return shards;
    } catch (err) {
      this.opts.log.warn('Provenance Lens: index snapshot shards unreadable, rebuilding', err);
      await this.invalidate();
      throw err;
    }
  }

  private async save(index: BackgroundIndex): Promise<void> {
    const generation = this.covers.get(index);
    if (!generation) return;
    // Read what the snapshot covers before serialising: an article stored meanwhile is then
    // caught up by firstSeen on load; never lost.
    const lastFirstSeen = await this.opts.articles.latestFirstSeen();
    const lineage = this.lineages.get(index)!;
    // The head and the shards that changed since the last save (all of them the first time).
    const { head, shards } = await index.exportShards();
    let saved = false;
    try {
      saved = await this.opts.articles.putSnapshot({ bytes: head, generation, lastFirstSeen, lineage, savedAt: this.opts.now().toISOString() }, shards);
    } finally {
      if (!saved) index.shardsUnsaved(shards.keys());
    }
  }
}
