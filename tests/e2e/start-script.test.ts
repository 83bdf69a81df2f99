/**
 * `npm start` on a machine without a display: it must say so plainly and offer the headless tour
 * (or, without the browser, print the apt command), without building or opening anything.
 */
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/extension-build';
import { findChromium, findFirefox } from '../helpers/browser-binaries';

/** macOS and Windows always have a display, so the no-display path exists only elsewhere. */
const ALWAYS_DISPLAY = process.platform === 'darwin' || process.platform === 'win32';

for (const browser of ['chromium', 'firefox'] as const) {
  test.skipIf(ALWAYS_DISPLAY)(`npm start ${browser} without a display explains itself and offers --headless`, () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/start.mjs'), browser, '--no-build'], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const installed = browser === 'chromium' ? findChromium() : findFirefox();
    if (installed) {
      expect(run.stderr).toMatch(/\$DISPLAY is not set/);
      expect(run.stderr).toMatch(/--headless/);
    } else {
      expect(run.stderr).toMatch(/apt-get install/);
    }
    // It stopped before serving or launching anything.
    expect(run.stdout).not.toMatch(/Demo news site/);
  });
}
