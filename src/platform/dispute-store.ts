/**
 * The reader's disputes in storage.local under `disputes`: one list, oldest first, each record
 * validated by parseRecord('dispute', ...) when read (a bad one is dropped and counted, and gone
 * at the next write). Disputes are reading history: they stay in the extension's storage, are
 * never sent anywhere and never reach a page; "delete all data" clears them.
 */
import { disputeKey } from '../core/disputes';
import { parseRecord } from '../core/records/parse-record';
import type { KeyValueArea } from './browser';
import type { DisputeRecord, DisputeTarget } from './stored-shapes';

const DISPUTES_KEY = 'disputes';

/**
 * Most disputes kept; past it the oldest are dropped. A reader disputing ten findings a day takes
 * over a year to reach it, and the list stays small enough to read whole when the popup opens
 * (about 280 bytes a dispute, 1.4 MB full; reading one page's disputes at the cap took 13 ms in
 * Node, docs/architecture.md). A larger cap would call for one key per page.
 */
export const MAX_DISPUTES = 5_000;

/** The stored disputes as read: the valid ones (oldest first) and how many bad ones were dropped. */
export interface StoredDisputes {
  records: DisputeRecord[];
  skipped: number;
}

/** Keeps the reader's disputes. Writes are serialised, so two quick clicks never lose one. */
export class DisputeStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: KeyValueArea,
    private readonly max = MAX_DISPUTES,
  ) {}

  /** Every valid dispute, oldest first. */
  async all(): Promise<StoredDisputes> {
    const raw = (await this.area.get(DISPUTES_KEY))[DISPUTES_KEY];
    const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const records: DisputeRecord[] = [];
    for (const item of list) {
      // Our own writes, read back: 'own' keeps fields a newer version added.
      const r = parseRecord('dispute', item, 'own');
      if (r.ok) records.push(r.value);
    }
    return { records, skipped: list.length - records.length };
  }

  /** The disputes of one page (by its filed address). */
  async forPage(pageUrl: string): Promise<DisputeRecord[]> {
    return (await this.all()).records.filter((r) => r.pageUrl === pageUrl);
  }

  /** Adds a dispute (replacing one of the same thing), drops the oldest past the cap; the page's disputes after. */
  put(record: DisputeRecord): Promise<DisputeRecord[]> {
    return this.write((records) => {
      const key = disputeKey(record.pageUrl, record.target);
      const next = [...records.filter((r) => disputeKey(r.pageUrl, r.target) !== key), record];
      return next.slice(Math.max(0, next.length - this.max));
    }, record.pageUrl);
  }

  /** Removes the dispute of one thing on a page (undo); the page's disputes after. */
  remove(pageUrl: string, target: DisputeTarget): Promise<DisputeRecord[]> {
    const key = disputeKey(pageUrl, target);
    return this.write((records) => records.filter((r) => disputeKey(r.pageUrl, r.target) !== key), pageUrl);
  }

  /** Forgets every dispute (after "delete all data"). */
  clear(): Promise<void> {
    return this.serial(() => this.area.remove(DISPUTES_KEY));
  }

  private write(change: (records: DisputeRecord[]) => DisputeRecord[], pageUrl: string): Promise<DisputeRecord[]> {
    return this.serial(async () => {
      const next = change((await this.all()).records);
      await this.area.set({ [DISPUTES_KEY]: next });
      return next.filter((r) => r.pageUrl === pageUrl);
    });
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
