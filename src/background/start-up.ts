/**
 * The background's start-up: the database opened, a database wiped outside the extension noticed,
 * and automatic checking re-registered. One `ready` promise, awaited once per call by the router;
 * a failed start is retried by the next call.
 */
import type { Stores } from '../platform/stores';
import { markPerformance } from '../shared/performance-mark';

/** What start-up needs. */
export interface StartUpOptions {
  stores: Pick<Stores, 'checkInstall' | 'settings'>;
  /** Work that may fail without failing start-up (automatic-checking registration). */
  afterStart: () => Promise<unknown>;
  now: () => Date;
  log: Pick<Console, 'warn' | 'error'>;
}

/** The running start-up: `ready()` to await, and whether the database was found wiped. */
export interface StartUp {
  ready(): Promise<void>;
  readonly wiped: boolean;
}

/** Begins start-up at once. */
export function startUp(opts: StartUpOptions): StartUp {
  let wiped = false;
  let starting: Promise<void>;
  let failed = false;

  async function start(): Promise<void> {
    if ((await opts.stores.checkInstall()) === 'wiped') {
      wiped = true;
      opts.log.warn('Provenance Lens: the local database was cleared outside the extension; the reading history starts empty.');
      await opts.stores.settings.setWipedAt(opts.now().toISOString());
    }
    await opts.afterStart().catch((err) => opts.log.warn('Provenance Lens: could not sync automatic checking', err));
    markPerformance('started');
  }

  function begin(): void {
    failed = false;
    starting = start();
    // Callers report a failed start; the rejection must not go unhandled in the meantime.
    starting.catch((err) => {
      failed = true;
      opts.log.error('Provenance Lens: start-up failed', err);
    });
  }
  begin();

  return {
    /**
     * The one start-up promise. A failed start (the database blocked by an old copy of the
     * extension, or timed out) is retried by the next call instead of failing every call until the
     * worker happens to be restarted.
     */
    ready() {
      if (failed) begin();
      return starting;
    },
    get wiped() {
      return wiped;
    },
  };
}
