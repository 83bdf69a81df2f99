/**
 * The background's retrieval index (derived data): built from the history and pack entries on
 * first use, loaded from its snapshot on a cold start and brought up to date, grown as articles
 * are stored, saved a little after new articles, and dropped when the data changed elsewhere.
 */
import { markPerformance } from '../shared/performance-mark';
import { SnapshottedIndex } from './snapshotted-index';
import type { CheckIndex, ProvenanceIndex, checkArticle, compareArticles } from '../core/engine';
import type { ArticleRecord } from '../core/types';
import type { ArticleStore } from '../platform/article-store';

/** The retrieval index the background keeps: what a check reads, plus upkeep and its snapshot. */
export type BackgroundIndex = CheckIndex & Pick<ProvenanceIndex, 'add' | 'remove' | 'size' | 'toSnapshot'>;

/** The engine the background runs (src/core/engine): the one check pipeline and its index. */
export interface BackgroundEngine {
  createIndex(): BackgroundIndex;
  /** Throws when the bytes are of another format (the index is then rebuilt). */
  indexFromSnapshot(bytes: Uint8Array): BackgroundIndex;
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
    const count = await articles.sourceCount();
    markPerformance('index-counted');
    const snap = await articles.getSnapshot();
    markPerformance('index-snapshot-read');
    if (snap) {
      try {
        const index = engine.indexFromSnapshot(snap.bytes);
        markPerformance('index-restored');
        // Articles seen after the snapshot was saved (the worker stopped before the next save).
        if (snap.lastFirstSeen) for (const a of await articles.seenSince(snap.lastFirstSeen)) index.add(a);
        if (index.size === count) return index;
      } catch (err) {
        this.opts.log.warn('Provenance Lens: index snapshot unusable, rebuilding', err);
      }
    }
    const index = engine.createIndex();
    for await (const a of articles.all()) index.add(a);
    for await (const e of articles.packEntries()) index.add(e);
    await this.save(index);
    return index;
  }

  private async save(index: BackgroundIndex): Promise<void> {
    const { articles } = this.opts;
    // Read what the snapshot covers before serialising: an article stored meanwhile is then
    // either caught up by firstSeen on load or, at worst, causes a rebuild; never lost.
    const [count, lastFirstSeen] = [await articles.sourceCount(), await articles.latestFirstSeen()];
    await articles.putSnapshot({ bytes: index.toSnapshot(), articles: count, lastFirstSeen, savedAt: this.opts.now().toISOString() });
  }
}
