/**
 * The claims' one owner in the background: it writes claims (imports, harvest, forgetting) through
 * src/platform, hears of claims a feed refresh wrote in its own transaction, keeps the built claim
 * index in step through one change event (`changed`).
 */
import type { ClaimIndex } from '../core/claims';
import type { KnownClaim } from '../core/types';
import { addClaims, listClaims, removeClaimsOfSource, type FeedDb } from '../platform/feed-store';
import { markPerformance } from './performance-mark';

/** The claim index the background keeps (src/core/claims ClaimIndex), updated in place. */
export type BackgroundClaimIndex = Pick<ClaimIndex, 'size' | 'matchArticle' | 'add' | 'search' | 'replaceSource'>;

/**
 * A change to the stored claims: some added (same id replaces), one source's whole set replaced
 * (a feed refreshed or removed, harvested claims forgotten), or anything (an import of a whole
 * export, a deletion of all data: the built index is dropped and read back on next use).
 */
export type ClaimChange = { kind: 'added'; claims: KnownClaim[] } | { kind: 'replaced'; source: string; claims: KnownClaim[] } | { kind: 'reset' };

/** What the claim store needs: the database and how to build a claim index. */
export interface ClaimStoreOptions {
  db: () => Promise<FeedDb>;
  createIndex: (claims: KnownClaim[]) => BackgroundClaimIndex;
}

/** Owns the stored claims and the claim index built from them. */
export class ClaimStore {
  private built: Promise<BackgroundClaimIndex> | null = null;

  constructor(private readonly opts: ClaimStoreOptions) {}

  /** The claim index over every stored claim (built from the store on first use). */
  index(): Promise<BackgroundClaimIndex> {
    if (!this.built) {
      const built = (async () => {
        const claims = await listClaims(await this.opts.db());
        markPerformance('claims-read');
        const index = this.opts.createIndex(claims);
        markPerformance('claims-ready');
        return index;
      })();
      this.built = built;
      built.catch(() => {
        if (this.built === built) this.built = null;
      });
    }
    return this.built;
  }

  /** Stores claims (same id replaces) and reports them; returns how many were new. */
  async add(claims: KnownClaim[]): Promise<number> {
    const added = await addClaims(await this.opts.db(), claims);
    this.changed({ kind: 'added', claims });
    return added;
  }

  /** Removes every claim of one source; returns how many there were. */
  async forgetSource(source: string): Promise<number> {
    const removed = await removeClaimsOfSource(await this.opts.db(), source);
    this.changed({ kind: 'replaced', source, claims: [] });
    return removed;
  }

  /**
   * The one change event: the stored claims changed (here, or by a feed refresh that writes its
   * claims together with its status). A built index takes the change as it is instead of being
   * read back from the database; an index that cannot take it is dropped and rebuilt on next use.
   */
  changed(change: ClaimChange): void {
    if (change.kind === 'added' && change.claims.length === 0) return;
    if (this.built) {
      if (change.kind === 'reset') this.built = null;
      else {
        const next = this.built.then((ix) => {
          if (change.kind === 'added') ix.add(change.claims);
          else ix.replaceSource(change.source, change.claims);
          return ix;
        });
        this.built = next;
        next.catch(() => {
          if (this.built === next) this.built = null;
        });
      }
    }
  }
}
