#!/usr/bin/env node
// The `provenance-lens` command. Runs the built bundle (dist/cli/provenance-lens.mjs, from
// `npm run build`) when it exists; in a checkout without a build it runs the TypeScript source
// through tsx, so `npx provenance-lens` works either way. PROVENANCE_LENS_FROM_SOURCE=1 forces the
// source (the tests use it, so a stale bundle never hides a change).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = new URL('../dist/cli/provenance-lens.mjs', import.meta.url);
const fromSource = process.env.PROVENANCE_LENS_FROM_SOURCE === '1' || !existsSync(fileURLToPath(bundle));

let cli;
if (fromSource) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      `provenance-lens: no build found (run \`npm run build\` in ${root}) and tsx is not installed to run the source\n`,
    );
    process.exit(1);
  }
  register();
  cli = await import(new URL('../src/cli/index.ts', import.meta.url).href);
} else {
  cli = await import(bundle.href);
}
process.exitCode = await cli.main(process.argv.slice(2), cli.nodeIo());
