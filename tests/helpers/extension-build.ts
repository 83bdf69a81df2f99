/**
 * The built extension as the browsers load it: makes sure dist/ is fresh (rebuilding when a source
 * file is newer) and prepares a test copy in which the demo sites are already allowed.
 *
 * Why a copy with `host_permissions`: automatic checking needs the optional host permission, which
 * the user grants in a browser prompt. Chromium's prompt is native UI that automation cannot
 * click, so the copy declares the optional origins as granted at install (the state after the user
 * said yes); `permissions.request` then resolves true at once and the options-page and background
 * code paths run unchanged. Firefox grants the same way; it also gets the pref that auto-accepts
 * optional-permission prompts.
 *
 * With `withAxe`, the copy also carries axe-core as one extra file (AXE_TEST_FILE) that nothing in
 * the extension loads and no page can fetch (it is not web-accessible): the accessibility check
 * injects it into the content script's isolated world with scripting.executeScript to reach the
 * hover card's closed shadow root (tests/helpers/axe-check.ts says why). Nothing else changes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ExtensionTarget = 'chrome' | 'firefox';

/** axe-core's own build, as the accessibility checks inject it. */
export const AXE_SOURCE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** The name axe-core has in the test copy of the extension (never in dist/). */
export const AXE_TEST_FILE = 'pl-test-axe.js';

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Whether dist/<target> is missing or older than the sources it is built from. */
function distIsStale(target: ExtensionTarget): boolean {
  const manifest = path.join(REPO_ROOT, 'dist', target, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  const sources = ['src', '_locales', 'manifest.json', 'build.mjs', 'icons'].map((p) => path.join(REPO_ROOT, p));
  return sources.some((p) => newestMtime(p) > built);
}

/**
 * Runs `node build.mjs` when dist/ is missing or stale (set PL_E2E_NO_BUILD=1 to use dist/ as it
 * is) and returns the path of dist/<target>. Throws with the build output when the build fails.
 */
function ensureBuilt(target: ExtensionTarget, opts: { force?: boolean; quiet?: boolean } = {}): string {
  const dir = path.join(REPO_ROOT, 'dist', target);
  const skip = process.env.PL_E2E_NO_BUILD === '1' && existsSync(path.join(dir, 'manifest.json'));
  if (!skip && (opts.force || distIsStale(target))) {
    // Two attempts: in a shared working tree another build may be rewriting dist/ at this moment.
    let run = spawnSync(process.execPath, ['build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (run.status !== 0) {
      spawnSync('sleep', ['3']);
      run = spawnSync(process.execPath, ['build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    }
    if (!opts.quiet) process.stdout.write(run.stdout ?? '');
    if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
  }
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${dir}/manifest.json missing after the build`);
  return dir;
}

/** A temporary copy of the built extension with the optional host permissions granted. */
export interface TestExtension {
  dir: string;
  manifest: Record<string, unknown> & { browser_specific_settings?: { gecko?: { id?: string } } };
  /** Pages the build contains (popup.html, options.html, ...). */
  has(file: string): boolean;
  remove(): void;
}

/**
 * Copies dist/<target> to a temp folder and grants its optional host permissions (see above), or
 * only `hosts` when given: a test of a permission the extension asks for at run time then starts
 * without it (tests/e2e/team-index.test.ts).
 */
export function prepareTestExtension(target: ExtensionTarget, opts: { build?: boolean; withAxe?: boolean; hosts?: string[] } = {}): TestExtension {
  const src = opts.build === false ? path.join(REPO_ROOT, 'dist', target) : ensureBuilt(target);
  const dir = mkdtempSync(path.join(os.tmpdir(), `pl-ext-${target}-`));
  // A copy taken while another build rewrites dist/ can be partial: check it and copy again.
  const required = ['manifest.json', 'background.js', 'content.js', 'popup.html'];
  for (let attempt = 0; ; attempt++) {
    cpSync(src, dir, { recursive: true });
    if (required.every((f) => existsSync(path.join(dir, f)))) break;
    if (attempt >= 4) throw new Error(`dist/${target} lacks one of ${required.join(', ')}: run npm run build`);
    rmSync(dir, { recursive: true, force: true });
    spawnSync('sleep', ['2']);
    mkdirSync(dir, { recursive: true });
  }
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const optional: string[] = opts.hosts ?? manifest.optional_host_permissions ?? [];
  manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), ...optional])];
  // Chromium refuses to load an extension whose options page is missing; while the options page
  // is still being written, drop the key so the rest can be tested (and say so loudly).
  const optionsPage: string | undefined = manifest.options_ui?.page;
  if (optionsPage && !existsSync(path.join(dir, optionsPage))) {
    console.warn(`[e2e] ${optionsPage} is not in dist/${target}: options_ui removed from the test copy (the real build would not load in Chromium)`);
    delete manifest.options_ui;
  }
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  if (opts.withAxe) cpSync(AXE_SOURCE_PATH, path.join(dir, AXE_TEST_FILE));
  return {
    dir,
    manifest,
    has: (f) => existsSync(path.join(dir, f)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
