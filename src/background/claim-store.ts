/**
 * The claims' one owner in the background: it writes claims (imports, harvest, forgetting) through
 * src/platform, hears of claims a feed refresh wrote in its own transaction, keeps the claim index
 * in step through one change event (`changed`), and keeps that index's snapshot. A cold worker
 * loads the index from the snapshot when it covers the stored claims' generation (else rebuilds
 * it from the claims) and reads full claim records by id, only for the candidates a check or a
 * search needs.
 */
import { resolveClaimMatches, type ClaimHit, type ClaimIndex } from '../core/claims';
import type { ArticleRecord, ClaimMatch, KnownClaim } from '../core/types';
import { addClaims, getClaims, readAllClaims, readClaimSnapshot, removeClaimsOfSource, saveClaimSnapshot } from '../platform/feed-store';
import type { Db } from '../platform/stores';
import { markPerformance } from '../shared/performance-mark';
import { SnapshottedIndex } from './snapshotted-index';

/** The claim index the background keeps (src/core/claims ClaimIndex), updated in place. */
export type BackgroundClaimIndex = Pick<ClaimIndex, 'size' | 'add' | 'replaceSource' | 'planMatches' | 'rank' | 'get' | 'prepare' | 'toSnapshot'>;

/**
 * A change to the stored claims: some added (same id replaces), one source's whole set replaced
 * (a feed refreshed or removed, harvested claims forgotten), or anything (an import of a whole
 * export, a deletion of all data: the built index is dropped and read back on next use).
 * `generation` is the claims generation the write left (src/platform/feed-store.ts); without it
 * the index no longer knows which stored state it matches, and is not snapshotted until rebuilt.
 */
export type ClaimChange =
  | { kind: 'added'; claims: KnownClaim[]; generation?: string }
  | { kind: 'replaced'; source: string; claims: KnownClaim[]; generation?: string }
  | { kind: 'reset' };

/** What the claim store needs: the database and how to build (and, optionally, restore) a claim index. */
export interface ClaimStoreOptions {
  db: () => Promise<Db>;
  createIndex: (claims: KnownClaim[]) => BackgroundClaimIndex;
  /** Restores an index from its snapshot; throws when the bytes are unusable. Without it no snapshot is kept. */
  indexFromSnapshot?: (bytes: Uint8Array) => BackgroundClaimIndex;
  now?: () => Date;
  log?: Pick<Console, 'warn'>;
  snapshotDelayMs?: number;
}

/** The live index and the claims generation it matches (null: unknown, not snapshotted). */
interface Live {
  index: BackgroundClaimIndex;
  generation: string | null;
}

/** Owns the stored claims, the claim index built from them and its snapshot. */
export class ClaimStore {
  private readonly cache: SnapshottedIndex<Live>;
  private readonly log: Pick<Console, 'warn'>;
  /** The snapshot row read ahead of the index's load (`readAhead`); dropped by any change. */
  private readAheadRow: ReturnType<typeof readClaimSnapshot> | null = null;

  constructor(private readonly opts: ClaimStoreOptions) {
    this.log = opts.log ?? console;
    this.cache = new SnapshottedIndex({ load: () => this.load(), save: (live) => this.save(live), log: this.log, delayMs: opts.snapshotDelayMs });
  }

  /** The claim index over every stored claim (restored or built on first use). */
  async index(): Promise<BackgroundClaimIndex> {
    return (await this.cache.get()).index;
  }

  /** Whether the claim index is in memory, so that matching needs no restore. */
  ready(): boolean {
    return this.cache.ready;
  }

  /**
   * Starts reading the index's snapshot row (IndexedDB, off this thread) without restoring it:
   * the restore's CPU time is left for after the check that needs the thread first, and its
   * read is done by then. A no-op once the index is loaded or loading.
   */
  readAhead(): void {
    if (this.cache.loaded || this.readAheadRow || !this.opts.indexFromSnapshot) return;
    markPerformance('claims-load');
    const row = this.opts.db().then(readClaimSnapshot);
    row.then(() => markPerformance('claims-snapshot-read'), () => undefined);
    this.readAheadRow = row;
  }

  /** The claims an article repeats (the one matching rule of src/core/claims), records read by id. */
  async matchArticle(article: Pick<ArticleRecord, 'paragraphs'> & { url?: string; lang?: string | null }): Promise<ClaimMatch[]> {
    const index = await this.index();
    const plan = index.planMatches(article);
    const records = await this.records(index, plan.ids);
    return resolveClaimMatches(plan, (id) => records.get(id));
  }

  /** Ranks the known claims for a text, best first, at most k. */
  async search(text: string, k: number): Promise<ClaimHit[]> {
    const index = await this.index();
    const ranked = index.rank(text, k);
    const records = await this.records(index, ranked.map((r) => r.id));
    return ranked.flatMap(({ id, score }) => {
      const claim = records.get(id);
      return claim ? [{ claim, score }] : [];
    });
  }

  /** Stores claims (same id replaces) and reports them; returns how many were new. */
  async add(claims: KnownClaim[]): Promise<number> {
    const { added, generation } = await addClaims(await this.opts.db(), claims);
    this.changed({ kind: 'added', claims, generation });
    return added;
  }

  /** Removes every claim of one source; returns how many there were. */
  async forgetSource(source: string): Promise<number> {
    const { removed, generation } = await removeClaimsOfSource(await this.opts.db(), source);
    this.changed({ kind: 'replaced', source, claims: [], generation });
    return removed;
  }

  /**
   * The one change event: the stored claims changed (here, or by a feed refresh that writes its
   * claims together with its status). A built index takes the change as it is instead of being
   * read back from the database, and its snapshot is saved a little later; an index that cannot
   * take it is dropped and rebuilt on next use.
   */
  changed(change: ClaimChange): void {
    if (change.kind === 'added' && change.claims.length === 0) return;
    // A row read before the change may be of the generation before it (read again on load).
    this.readAheadRow = null;
    if (change.kind === 'reset') return this.cache.drop();
    this.cache.update((live) => {
      if (change.kind === 'added') live.index.add(change.claims);
      else live.index.replaceSource(change.source, change.claims);
      live.generation = change.generation ?? null;
    });
  }

  /** Records by id: those the index still holds (not tokenised yet), the rest read from the store. */
  private async records(index: BackgroundClaimIndex, ids: string[]): Promise<Map<string, KnownClaim>> {
    const out = new Map<string, KnownClaim>();
    const missing: string[] = [];
    for (const id of ids) {
      const held = index.get(id);
      if (held) out.set(id, held);
      else missing.push(id);
    }
    for (const c of await getClaims(await this.opts.db(), missing)) out.set(c.id, c);
    return out;
  }

  private async load(): Promise<Live> {
    markPerformance('claims-load');
    const db = await this.opts.db();
    const restore = this.opts.indexFromSnapshot;
    if (restore) {
      const ahead = this.readAheadRow;
      this.readAheadRow = null;
      // A read ahead that failed is tried again once; a read of its own fails the load.
      const { snapshot, generation } = await (ahead ? ahead.catch(() => readClaimSnapshot(db)) : readClaimSnapshot(db));
      markPerformance('claims-snapshot-read');
      // A snapshot of another generation is stale (claims changed after it was saved): rebuilt.
      if (snapshot && snapshot.generation === generation) {
        try {
          markPerformance('claims-restoring');
          const index = restore(snapshot.bytes);
          markPerformance('claims-restored');
          index.prepare();
          markPerformance('claims-ready');
          return { index, generation };
        } catch (err) {
          this.log.warn('Provenance Lens: claim index snapshot unusable, rebuilding', err);
        }
      }
    }
    const { claims, generation } = await readAllClaims(db);
    markPerformance('claims-read');
    const index = this.opts.createIndex(claims);
    index.prepare();
    markPerformance('claims-ready');
    if (restore) this.cache.scheduleSave();
    return { index, generation };
  }

  private async save(live: Live): Promise<void> {
    if (!this.opts.indexFromSnapshot || live.generation === null) return;
    const bytes = live.index.toSnapshot();
    const now = (this.opts.now ?? (() => new Date()))();
    await saveClaimSnapshot(await this.opts.db(), { bytes, generation: live.generation, claims: live.index.size, savedAt: now.toISOString() });
  }
}
