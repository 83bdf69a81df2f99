#!/usr/bin/env node
// The `provenance-lens` command. Runs the built bundle (dist/cli/provenance-lens.mjs, from
// `npm run build`) when it exists and is up to date; in a checkout without a build, or whose
// sources changed after the last build, it runs the TypeScript source through tsx, so
// `npx provenance-lens` always runs the code in front of you.
// PROVENANCE_LENS_FROM_SOURCE=1 forces the source (the tests use it).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/cli/provenance-lens.mjs');

/** Newest modification time of the .ts files the CLI is built from (0 when there are none). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const part of ['src/cli', 'src/core', 'src/extract', 'src/shared']) walk(join(root, part));
  return newest;
}

function useSource() {
  if (process.env.PROVENANCE_LENS_FROM_SOURCE === '1') return true;
  if (!existsSync(bundle)) return true;
  return newestSource() > statSync(bundle).mtimeMs;
}

let cli;
if (useSource()) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      `provenance-lens: no up-to-date build (run \`npm run build\` in ${root}) and tsx is not installed to run the source\n`,
    );
    process.exit(1);
  }
  register();
  cli = await import(new URL('../src/cli/index.ts', import.meta.url).href);
} else {
  cli = await import(new URL('../dist/cli/provenance-lens.mjs', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2), cli.nodeIo());
