#!/usr/bin/env node
// `npm start` (Chromium or Google Chrome) and `npm run start:firefox`: builds the extension,
// serves the demo news site on 127.0.0.1 and opens a browser window with the extension loaded on
// the demo index, which says what to click. Ctrl+C (or closing the browser) stops everything.
//
//   node scripts/start.mjs chromium|firefox [--headless] [--port 8466] [--no-build] [--out DIR]
//
// --headless runs the demo tour without a window instead: it reads every demo page in order, opens
// the popup on each, prints what the extension said and saves screenshots to DIR (default
// .tmp/tour/). On a machine without a display (a server, CI) the tour is what runs, said plainly.
// A missing browser is installed from Debian's packages when running as root (else the apt
// command is printed).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { startDemoServer } from '../demo/server.mjs';
import { ensureBrowsers } from './ensure-browsers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Port the demo prefers so bookmarks keep working between runs; any free port if it is taken. */
const DEFAULT_PORT = 8466;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const browserName = (positionals[0] ?? 'chromium').toLowerCase();
if (values.help || !['chromium', 'chrome', 'firefox'].includes(browserName)) {
  console.log('usage: node scripts/start.mjs chromium|firefox [--headless] [--port N] [--no-build] [--out DIR]');
  process.exit(values.help ? 0 : 2);
}
const isFirefox = browserName === 'firefox';
const target = isFirefox ? 'firefox' : 'chrome';

const helper = (file) => tsImport(pathToFileURL(path.join(ROOT, 'tests/helpers', file)).href, import.meta.url);
const binaries = await helper('browser-binaries.ts');

// 1. The browser must be there; we never download one (Debian's package, as root, is fine).
if (!(isFirefox ? binaries.findFirefox() : binaries.findChromium())) ensureBrowsers([isFirefox ? 'firefox-esr' : 'chromium']);
const executable = isFirefox ? binaries.findFirefox() : binaries.findChromium();
if (!executable) {
  console.error(`${isFirefox ? 'Firefox' : 'Chromium or Google Chrome'} was not found on this machine.`);
  console.error(`Install it with:\n\n  ${binaries.APT_INSTALL}\n`);
  console.error(`or point ${isFirefox ? 'FIREFOX_PATH' : 'CHROMIUM_PATH'} at the browser binary.`);
  process.exit(1);
}

// 2. A window needs a display.
const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
if (!values.headless && !hasDisplay) {
  console.log('No display ($DISPLAY is not set), so no browser window can be opened here.');
  console.log('Running the demo tour in a headless browser instead (the same as --headless): it prints');
  console.log('what the extension says on each demo page and saves screenshots. For a window, run');
  console.log(`\`xvfb-run -a npm ${isFirefox ? 'run start:firefox' : 'start'}\` or npm start on a desktop machine.`);
  values.headless = true;
}

// 3. Build.
if (!values['no-build']) {
  console.log('Building the extension (npm run build)...');
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(build.status ?? 1);
  }
}

// 4. Serve the demo site.
async function serve() {
  const wanted = values.port !== undefined ? Number(values.port) : DEFAULT_PORT;
  try {
    return await startDemoServer({ port: wanted });
  } catch (err) {
    if (values.port !== undefined || err?.code !== 'EADDRINUSE') throw err;
    return startDemoServer({ port: 0 });
  }
}
const demo = await serve();
console.log(`Demo news site: ${demo.url}`);

const cleanups = [() => demo.close()];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  if (values.headless) await tour();
  else await openWindow();
} catch (err) {
  console.error(err?.stack ?? String(err));
  await stop(1);
}

/** Chromium's id for an unpacked extension: sha256 of its absolute path, hex mapped to a-p. */
function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

async function openWindow() {
  const dist = path.join(ROOT, 'dist', target);
  if (isFirefox) {
    const { launchFirefox } = await helper('launch-firefox.ts');
    const manifest = JSON.parse((await import('node:fs')).readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    const session = await launchFirefox({
      extensionDir: dist,
      addonId: manifest.browser_specific_settings.gecko.id,
      headless: false,
      executablePath: executable,
      // The user's own time zone (the helper defaults to the demo outlets' one for screenshots).
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    cleanups.push(() => session.close());
    const [first] = await session.browser.pages();
    await (first ?? (await session.browser.newPage())).goto(demo.url);
    session.browser.on('disconnected', () => void stop(0));
  } else {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(path.join(os.tmpdir(), 'pl-demo-profile-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    // Pin the toolbar button so the first-time user sees it (Chromium hides new ones in a menu).
    mkdirSync(path.join(profile, 'Default'), { recursive: true });
    writeFileSync(
      path.join(profile, 'Default', 'Preferences'),
      JSON.stringify({ extensions: { pinned_extensions: [unpackedExtensionId(dist)] } }),
    );
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: executable,
      headless: false,
      viewport: null,
      args: [
        `--disable-extensions-except=${dist}`,
        `--load-extension=${dist}`,
        '--disable-features=DisableLoadExtensionCommandLineSwitch',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-sync',
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
    cleanups.unshift(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(demo.url);
    context.on('close', () => void stop(0));
  }
  console.log(`\n${isFirefox ? 'Firefox' : 'Chromium'} is open on the demo index with Provenance Lens loaded.`);
  console.log('Follow the numbered steps on the page. Close the browser or press Ctrl+C to stop.');
}

async function tour() {
  const { prepareTestExtension } = await helper('extension-build.ts');
  const flows = await helper('provenance-flows.ts');
  const ext = prepareTestExtension(target, { build: false });
  cleanups.push(() => ext.remove());
  let driver;
  if (isFirefox) {
    const { launchFirefox } = await helper('launch-firefox.ts');
    driver = await launchFirefox({ extensionDir: ext.dir, addonId: ext.manifest.browser_specific_settings.gecko.id, executablePath: executable });
  } else {
    const { launchChromium } = await helper('launch-chromium.ts');
    driver = await launchChromium({ extensionDir: ext.dir, executablePath: executable });
  }
  cleanups.push(() => driver.close());
  const out = path.resolve(values.out ?? path.join(ROOT, '.tmp', 'tour'));
  mkdirSync(out, { recursive: true });

  const harness = await flows.ExtensionHarness.start(driver, ext.has);
  await harness.enableAutoCheck();
  const steps = ['original', 'rewrite', 'verbatim', 'credited', 'syndicated', 'independent', 'factCheck', 'claimRepeat', 'nonArticle'];
  console.log(`\nDemo tour in headless ${isFirefox ? 'Firefox' : 'Chromium'} (automatic checking on):\n`);
  let n = 0;
  for (const role of steps) {
    n += 1;
    if (role === 'factCheck') {
      // Step of the index: subscribe to the demo's fact-check feed in the options page.
      const feedUrl = demo.feedUrl('claims.json');
      try {
        const options = await driver.openExtensionPage('options.html');
        await options.waitFor(() => document.body?.dataset.ready === '1', undefined, { timeoutMs: 15_000, message: 'options page not ready' });
        await options.fill('#pl-feed-url', feedUrl);
        await options.fill('#pl-feed-kind', 'claimreview');
        await options.click('#pl-feed-form [type="submit"]');
        await options.waitFor((u) => [...document.querySelectorAll('#pl-feeds li')].some((li) => (li.textContent ?? '').includes(u)), feedUrl, {
          timeoutMs: 15_000,
          message: 'feed not listed',
        });
        await options.setViewport(900, 900);
        await options.screenshot(path.join(out, `${String(n).padStart(2, '0')}-options-feed.png`), { fullPage: true });
        await options.close();
        const feed = (await harness.call('listFeeds', {})).find((f) => f.url === feedUrl);
        console.log(`    feed         subscribed in the options page: ${feed?.records ?? '?'} records${feed?.lastError ? `, error: ${feed.lastError}` : ''}`);
      } catch (err) {
        console.log(`    feed         FAILED: ${String(err?.message ?? err).split('\n')[0]}`);
      }
    }
    const url = demo.pageUrl(role);
    const row = { step: n, page: role, badge: '', verdict: '', summary: '' };
    try {
      const page = await harness.visit(url, { fallbackToButton: true });
      row.badge = await harness.badge(page.tabId);
      row.verdict = page.state.report?.verdict ?? page.state.status;
      const popup = await harness.openPopup(page.tabId, { settled: true });
      const view = await flows.readPopup(popup);
      row.summary = view.summary || page.state.message || '';
      const claims = page.state.report?.claims?.length ?? 0;
      if (claims) row.summary += ` [${claims} fact-checked claim${claims > 1 ? 's' : ''}]`;
      await popup.setViewport(420, 720);
      await popup.screenshot(path.join(out, `${String(n).padStart(2, '0')}-${role}-popup.png`), { fullPage: true });
      await popup.close();
      await page.tab.bringToFront();
      // Reuse highlights are drawn after the popup opened; give them a moment before the shot.
      await page.tab
        .waitFor(() => document.querySelector('pl-mark'), undefined, { timeoutMs: 2_000, message: 'no highlights' })
        .catch(() => undefined);
      await page.tab.screenshot(path.join(out, `${String(n).padStart(2, '0')}-${role}-page.png`));
    } catch (err) {
      row.summary = `FAILED: ${String(err?.message ?? err).split('\n')[0]}`;
    }
    console.log(`${String(row.step).padStart(2)}. ${row.page.padEnd(12)} ${(row.badge || '-').padEnd(5)} ${row.verdict.padEnd(17)} ${row.summary}`);
  }
  console.log(`\nScreenshots: ${out}`);
  await stop(0);
}
