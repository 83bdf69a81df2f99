/**
 * Where the e2e run saves its screenshots: the ones README.md and docs/store/listing.md show when
 * PL_UPDATE_SCREENSHOTS=1 (so an ordinary test run leaves the work tree clean), else a scratch folder.
 */
import path from 'node:path';
import os from 'node:os';
import { REPO_ROOT } from './extension-build';

/** The folder of this run's screenshots. */
export const SCREENSHOT_DIR = process.env.PL_UPDATE_SCREENSHOTS === '1'
  ? path.join(REPO_ROOT, 'docs', 'screenshots')
  : path.join(os.tmpdir(), 'provenance-lens-screenshots');
