// Runs `web-ext lint` (Mozilla's addons-linter) on the built extension, dist/firefox and
// dist/chrome, prints every finding, and fails on any error. Build first (`npm run build`).
//
// addons-linter checks against Firefox's rules. For the Chrome build, three findings are about
// Firefox-only requirements that build.mjs leaves out of the Chrome manifest on purpose (Chrome
// would warn about the unknown keys), so they are reported as not applicable there.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NOT_FOR_CHROME = new Set([
  'BACKGROUND_SERVICE_WORKER_NOFALLBACK', // Chrome runs the service worker; Firefox's build has `scripts`
  'ADDON_ID_REQUIRED', // gecko id lives in the Firefox build's browser_specific_settings
  'MISSING_DATA_COLLECTION_PERMISSIONS', // likewise Firefox-only
]);

const { default: webExt } = await import('web-ext');
let failed = false;
for (const target of ['firefox', 'chrome']) {
  const sourceDir = join(ROOT, 'dist', target);
  if (!existsSync(join(sourceDir, 'manifest.json'))) {
    console.error(`lint-ext: ${sourceDir} is missing; run npm run build first`);
    process.exit(1);
  }
  const result = await webExt.cmd.lint(
    { sourceDir, output: 'none', selfHosted: false, warningsAsErrors: false, boring: true, pretty: false, metadata: false },
    { shouldExitProgram: false },
  );
  const skip = (f) => target === 'chrome' && NOT_FOR_CHROME.has(f.code);
  const errors = result.errors.filter((f) => !skip(f));
  const warnings = result.warnings.filter((f) => !skip(f));
  for (const [kind, list] of [['error', errors], ['warning', warnings], ['notice', result.notices]]) {
    for (const f of list) console.log(`dist/${target}: ${kind} ${f.code}: ${f.message}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}`);
  }
  const na = [...result.errors, ...result.warnings].filter(skip).map((f) => f.code);
  console.log(`dist/${target}: ${errors.length} errors, ${warnings.length} warnings, ${result.notices.length} notices${na.length ? ` (not applicable to Chrome: ${na.join(', ')})` : ''}`);
  if (errors.length) failed = true;
}
process.exitCode = failed ? 1 : 0;
