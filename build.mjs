// Builds the extension for Chrome and Firefox and the CLI.
//
//   node build.mjs            production build: dist/chrome/, dist/firefox/, their zips, dist/cli/
//   node build.mjs --dev      unminified with inline source maps (no zips)
//   node build.mjs --watch    --dev, rebuilding on change
//
// Extension scripts are classic IIFE bundles (content scripts and Firefox event pages cannot be
// modules). One manifest.json is the source; each browser gets a manifest with only the keys it
// understands, so Chrome shows no "unrecognised key" warnings and `web-ext lint` none either.
import * as esbuild from 'esbuild';
import { cp, mkdir, readFile, rename, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const DIST = join(ROOT, 'dist');
const args = new Set(process.argv.slice(2));
const WATCH = args.has('--watch');
const DEV = WATCH || args.has('--dev');

/**
 * Content-script size budget (minified, bytes). The content script is injected into every page the
 * user checks (every page, with automatic checking on), so its parse cost is paid per page. It
 * carries the gate (the page's bounded copy, Readability's small readerable test, the metadata
 * reader), the capture, the highlighter, lifecycle and relay, but not the polyfill
 * (src/platform/content-runtime.ts), nor Readability and the cleaning, which run in the background
 * on the captured page (src/extract/from-html.ts): 33 KB today. 48 KB leaves room for fixes, and
 * fails the build on an accidental import of Readability (33 KB), the background's DOM library
 * (linkedom, 320 KB) or the engine and claims code; the failure prints the largest parts.
 */
const CONTENT_BUDGET_BYTES = 48 * 1024;

/** Script entries: [source, output name, required]. Optional ones are skipped until they exist. */
const ENTRIES = [
  ['src/background/index.ts', 'background.js', true],
  ['src/content/index.ts', 'content.js', true],
  ['src/content/pin-start.ts', 'pin.js', true],
  ['src/popup/index.ts', 'popup.js', false],
  ['src/options/index.ts', 'options.js', false],
  ['src/sidebyside/index.ts', 'sidebyside.js', false],
];

/** Static files copied as they are (written by the UI helper; skipped with a warning if absent). */
const STATIC = [
  'src/popup/popup.html',
  'src/popup/popup.css',
  'src/options/options.html',
  'src/options/options.css',
  'src/sidebyside/sidebyside.html',
  'src/sidebyside/sidebyside.css',
];

const BROWSERS = ['chrome', 'firefox'];


/** Rewrites the shared manifest for one browser, keeping only keys that browser supports. */
export function manifestFor(browser, source) {
  const m = structuredClone(source);
  if (browser === 'chrome') {
    // Chrome runs the service worker; `scripts`, `theme_icons`, `default_area` and gecko settings are Firefox-only.
    m.background = { service_worker: m.background.service_worker };
    // `default_area` puts the button on Firefox's toolbar instead of its extensions menu.
    if (m.action) {
      delete m.action.theme_icons;
      delete m.action.default_area;
    }
    delete m.browser_specific_settings;
  } else {
    // Firefox runs an event page from `scripts`; it ignores (and lints) the rest.
    m.background = { scripts: m.background.scripts };
    delete m.minimum_chrome_version;
    // Firefox has no externally_connectable (it does not accept web-page messages at all, and we
    // register no onMessageExternal listener), so the key only produces a lint warning there.
    delete m.externally_connectable;
  }
  return m;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function buildScripts(outdir) {
  const present = ENTRIES.filter(([src, , required]) => {
    if (existsSync(join(ROOT, src))) return true;
    if (required) throw new Error(`missing required entry ${src}`);
    console.warn(`warn: ${src} not found yet, ${src.split('/')[1]} page skipped`);
    return false;
  });
  const options = {
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(present.map(([src, out]) => [out.replace(/\.js$/, ''), src])),
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome121', 'firefox140'],
    minify: !DEV,
    sourcemap: DEV ? 'inline' : false,
    legalComments: DEV ? 'inline' : 'none',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': DEV ? '"development"' : '"production"' },
  };
  if (WATCH) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [{ name: 'copy-on-rebuild', setup: (b) => b.onEnd(() => assemble().catch(console.error)) }],
    });
    await ctx.watch();
    return null;
  }
  return esbuild.build(options);
}

async function buildCli() {
  const entry = join(ROOT, 'src/cli/index.ts');
  if (!existsSync(entry)) {
    console.warn('warn: src/cli/index.ts not found yet, CLI bundle skipped');
    return;
  }
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: join(DIST, 'cli/provenance-lens.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: DEV ? 'inline' : false,
    logLevel: 'warning',
  });
  console.log(`cli      dist/cli/provenance-lens.mjs ${kb((await stat(join(DIST, 'cli/provenance-lens.mjs'))).size)}`);
}

// Per-process staging: another build running at the same time (a test helper rebuilding a stale
// dist/) never sees or deletes this one's half-written files; finished folders are swapped in by rename.
const STAGE = join(DIST, `.stage-${process.pid}`);
const JS_STAGE = join(STAGE, 'js');

/** Copies scripts, pages, messages (_locales), icons and the per-browser manifest into dist/<browser>/. */
async function assemble() {
  const manifest = JSON.parse(await readFile(join(ROOT, 'manifest.json'), 'utf8'));
  // Chrome refuses to load an extension whose options page is missing; until the page exists,
  // leave the key out (with the warning printed by main) rather than ship an unloadable build.
  if (!existsSync(join(ROOT, 'src/options/options.html'))) delete manifest.options_ui;
  if (!existsSync(join(ROOT, 'src/popup/popup.html')) && manifest.action) delete manifest.action.default_popup;
  for (const browser of BROWSERS) {
    const out = join(STAGE, browser);
    await rm(out, { recursive: true, force: true });
    await mkdir(join(out, 'icons'), { recursive: true });
    await cp(JS_STAGE, out, { recursive: true });
    for (const file of STATIC) {
      const src = join(ROOT, file);
      if (existsSync(src)) await cp(src, join(out, file.split('/').pop()));
    }
    // The interface's messages, one folder per language (manifest default_locale: en).
    await cp(join(ROOT, '_locales'), join(out, '_locales'), { recursive: true });
    for (const icon of await readdir(join(ROOT, 'icons'))) {
      if (icon.endsWith('.png')) await cp(join(ROOT, 'icons', icon), join(out, 'icons', icon));
    }
    await writeFile(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser, manifest), null, 2) + '\n');
    await rm(join(DIST, browser), { recursive: true, force: true });
    await rename(out, join(DIST, browser));
  }
}

/** Zips dist/<browser>/ with web-ext (the same packer the stores' tooling uses). */
async function zip(browser) {
  const { default: webExt } = await import('web-ext');
  const { extensionPath } = await webExt.cmd.build(
    {
      sourceDir: join(DIST, browser),
      artifactsDir: DIST,
      filename: `provenance-lens-${browser}.zip`,
      overwriteDest: true,
    },
    { showReadyMessage: false },
  );
  return extensionPath;
}

async function main() {
  const missingStatic = STATIC.filter((f) => !existsSync(join(ROOT, f)));
  for (const f of missingStatic) console.warn(`warn: ${f} not found yet, not copied`);

  await rm(STAGE, { recursive: true, force: true });
  const result = await buildScripts(JS_STAGE);
  if (WATCH) {
    console.log('watching for changes...');
    return;
  }
  await assemble();

  // Sizes, and the content-script budget.
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    const name = file.split('/').pop();
    const bytes = await readFile(join(ROOT, file));
    console.log(`${name.padEnd(15)} ${kb(info.bytes).padStart(9)} (gzip ${kb(gzipSync(bytes).length)})`);
  }
  const contentBytes = (await stat(join(JS_STAGE, 'content.js'))).size;
  const line = `content.js ${kb(contentBytes)} of a ${kb(CONTENT_BUDGET_BYTES)} budget`;
  if (!DEV && contentBytes > CONTENT_BUDGET_BYTES) {
    console.error(`error: ${line}: over budget. Largest parts of content.js:`);
    const out = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith('/content.js'))?.[1];
    const parts = {};
    for (const [file, { bytesInOutput }] of Object.entries(out?.inputs ?? {})) {
      const key = file.startsWith('node_modules/') ? file.split('/').slice(0, file.includes('/@') ? 3 : 2).join('/') : file.split('/').slice(0, 2).join('/');
      parts[key] = (parts[key] ?? 0) + bytesInOutput;
    }
    for (const [k, v] of Object.entries(parts).sort((a, b) => b[1] - a[1]).slice(0, 8)) console.error(`  ${kb(v).padStart(9)}  ${k}`);
    process.exitCode = 1;
    return;
  }
  console.log(DEV ? `${line} (dev build, budget applies to the minified build)` : line);

  await buildCli();
  if (!DEV) {
    for (const browser of BROWSERS) {
      const path = await zip(browser);
      console.log(`zip      ${path.replace(ROOT + '/', '')} ${kb((await stat(path)).size)}`);
    }
  }
  await rm(STAGE, { recursive: true, force: true });
  console.log('built dist/chrome and dist/firefox');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch(async (err) => {
    await rm(STAGE, { recursive: true, force: true });
    console.error(`build failed: ${err.message}`);
    process.exitCode = 1;
  });
}
