/**
 * The background service as shipped (real engine, real claim index) on a fake browser and a
 * fake-indexeddb database, for contract tests that compare it with the CLI.
 */
import { createBackgroundService } from '../../../src/background/background-service';
import { ClaimIndex } from '../../../src/core/claims';
import { backgroundEngine } from '../../../src/background/engine';
import { openDb } from '../../../src/platform/db';
import { createFakeBrowser } from './fake-browser';
import { english } from '../../helpers/messages';

/** Starts the background on database `dbName` (the caller installs a fresh fake indexedDB). */
export function startRealBackground(dbName: string) {
  const fb = createFakeBrowser();
  let opened: ReturnType<typeof openDb> | null = null;
  return createBackgroundService({
    browser: fb.browser,
    messages: english,
    db: () => (opened ??= openDb({ name: dbName })),
    engine: backgroundEngine,
    createClaimIndex: (claims) => new ClaimIndex(claims),
    snapshotDelayMs: 60_000,
    log: { warn: () => undefined, error: () => undefined },
  });
}
