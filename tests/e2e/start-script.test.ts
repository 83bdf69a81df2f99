/**
 * `npm start` on a machine without a display (a server, CI): it says so plainly and runs the demo
 * tour in a headless browser instead, printing the verdict the extension gives on each demo page.
 */
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/extension-build';

/** macOS and Windows always have a display, so the no-display path exists only elsewhere. */
const ALWAYS_DISPLAY = process.platform === 'darwin' || process.platform === 'win32';

test.skipIf(ALWAYS_DISPLAY)('npm start without a display runs the headless demo tour and reports the verdicts', () => {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const out = mkdtempSync(path.join(os.tmpdir(), 'pl-tour-'));
  try {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/start.mjs'), 'chromium', '--no-build', '--port', '0', '--out', out], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
      timeout: 150_000,
    });
    expect(run.stdout).toMatch(/\$DISPLAY is not set/);
    expect(run.stdout).toMatch(/Demo news site: http:\/\/127\.0\.0\.1:/);
    expect(run.status).toBe(0);
    // The tour's rows: page role, badge, verdict. The rewrite and the scrape are named as such,
    // the syndicated copy is not accused.
    expect(run.stdout).toMatch(/rewrite\s+REW\s+paraphrased-copy/);
    expect(run.stdout).toMatch(/verbatim\s+COPY\s+verbatim-copy/);
    expect(run.stdout).toMatch(/syndicated\s+SYN\s+syndicated/);
    expect(readdirSync(out).some((f) => f.endsWith('-rewrite-popup.png'))).toBe(true);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 180_000);
