/**
 * The one mechanism behind the background's derived indexes (the retrieval index, the claim
 * index): built or loaded from its snapshot once, on first use; changes applied to the built index
 * in place; the snapshot saved a little after changes; dropped when the data changed elsewhere.
 * What "load" and "save" mean is the owner's (provenance-store.ts, claim-store.ts).
 */

/**
 * Delay before saving a snapshot after changes. Saving after each change would serialise the
 * whole index per page view or harvest; waiting batches a reading session, and a worker stopped
 * before the save only costs catching up (or a rebuild) on the next cold start.
 */
const SNAPSHOT_DELAY_MS = 5_000;

/** What a snapshotted index needs from its owner. */
export interface SnapshottedIndexOptions<I> {
  /** Loads the index (from its snapshot, else rebuilt from the source data). */
  load: () => Promise<I>;
  /** Saves its snapshot (may decide not to, e.g. when the data moved on meanwhile). */
  save: (index: I) => Promise<void>;
  log: Pick<Console, 'warn'>;
  delayMs?: number;
}

/** A derived index kept in memory, with its snapshot saved after changes. */
export class SnapshottedIndex<I> {
  private built: Promise<I> | null = null;
  /** Whether `built` has resolved (the index is in memory); false whenever `built` is null. */
  private settled = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: SnapshottedIndexOptions<I>) {}

  /** The index (loaded on first use; a failed load is retried on the next call). */
  get(): Promise<I> {
    if (!this.built) this.track(this.opts.load());
    return this.built!;
  }

  /** Whether the index is loaded or loading. */
  get loaded(): boolean {
    return this.built !== null;
  }

  /** Whether the index is in memory (loaded, not loading; a change applied to it keeps it so). */
  get ready(): boolean {
    return this.settled;
  }

  /** Applies a change to the index if it is loaded (else the next load reads it) and saves later. */
  update(change: (index: I) => void): void {
    if (!this.built) return;
    this.track(this.built.then((ix) => (change(ix), ix)));
    this.scheduleSave();
  }

  /** Forgets the loaded index (the data changed in ways it cannot take); loaded anew on next use. */
  drop(): void {
    this.built = null;
    this.settled = false;
  }

  /** Saves the snapshot after the delay (restarted by each change). */
  scheduleSave(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const built = this.built;
      if (!built) return;
      void built.then((ix) => this.opts.save(ix)).catch((err) => this.opts.log.warn('Provenance Lens: snapshot not saved', err));
    }, this.opts.delayMs ?? SNAPSHOT_DELAY_MS);
  }

  private track(p: Promise<I>): void {
    this.built = p;
    p.then(
      () => {
        if (this.built === p) this.settled = true;
      },
      () => {
        if (this.built === p) this.drop();
      },
    );
  }
}
