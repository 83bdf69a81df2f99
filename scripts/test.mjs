#!/usr/bin/env node
// `npm test`: builds the extension, makes sure the browsers are there (installs them from apt as
// root), runs every test tier (unit, dom, contract, e2e) with vitest and ends with one plain line
// "N passed, N failed" that CI reads. PL_SKIP_E2E=1 runs the Node tiers only (no build, no
// browsers); extra arguments go to vitest (e.g. `npm test -- tests/unit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureBrowsers } from './ensure-browsers.mjs';

mkdirSync('.tmp', { recursive: true });
const out = '.tmp/vitest-report.json';
const projects = ['unit', 'dom', 'contract'];
if (process.env.PL_SKIP_E2E !== '1') {
  projects.push('e2e');
  ensureBrowsers();
  const build = spawnSync('node', ['build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('\n0 passed, 1 failed (the build failed)');
    process.exit(1);
  }
}
const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit' });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  skipped = report.numPendingTests + report.numTodoTests;
} catch (err) {
  console.error(`could not read the test report: ${err.message}`);
  failed += 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
