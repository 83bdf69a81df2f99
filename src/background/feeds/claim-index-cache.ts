/**
 * The background's in-memory ClaimIndex, built from the claims store on first use and rebuilt
 * after feeds or imports change it (a cache that rebuilds itself: safe across worker restarts).
 */
import { ClaimIndex } from '../../core/claims/claim-index';
import { listClaims, type FeedDb } from '../../platform/feed-store';

/** Lazily built claim index over the claims store. */
export class ClaimIndexCache {
  private building: Promise<ClaimIndex> | null = null;

  constructor(private readonly db: () => Promise<FeedDb>) {}

  /** The index (built from the store when missing or invalidated). */
  get(): Promise<ClaimIndex> {
    if (!this.building) {
      const p = (async () => new ClaimIndex(await listClaims(await this.db(), 0)))();
      this.building = p;
      p.catch(() => {
        if (this.building === p) this.building = null;
      });
    }
    return this.building;
  }

  /** Drops the index; the next get() rebuilds it from the store. */
  invalidate(): void {
    this.building = null;
  }
}
