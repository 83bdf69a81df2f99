/**
 * The real command as a user runs it: `node bin/provenance-lens.mjs ...` in a subprocess (from the
 * TypeScript source through tsx, as in a checkout without a build): exit codes, stdout, stderr.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/types';
import { FIXTURES, tempDir } from './run-cli';

const BIN = fileURLToPath(new URL('../../../bin/provenance-lens.mjs', import.meta.url));
const ORIGINAL = 'https://harborledger.example/news/2026/03/kestrel-bay-ferry-terminal-rebuild';

function run(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: FIXTURES, env: { ...process.env, PROVENANCE_LENS_FROM_SOURCE: '1', PROVENANCE_LENS_DEBUG: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('bin/provenance-lens.mjs as a subprocess', { timeout: 120_000 }, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(async () => cleanup());

  it('indexes, checks a rewrite, imports and searches claims, and fails cleanly', async () => {
    const db = join(dir, 'cli.db');
    const indexed = await run(['index', 'site', 'more-articles.jsonl', '--db', db]);
    expect(indexed.stderr).toBe('');
    expect(indexed.code).toBe(0);
    expect(indexed.stdout).toMatch(/6 added/);
    expect((await readFile(db, 'utf8')).split('\n')[0]).toMatch(/^\{"magic":"provenance-lens\/db@1","records":\d+\}$/);

    const checked = await run(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json']);
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.stdout) as Report;
    expect(report.schema).toBe('provenance-lens/report@1');
    expect(report.verdict).toBe('paraphrased-copy');
    expect(report.origin?.url).toBe(ORIGINAL);

    expect((await run(['claims', 'import', 'claims-feed.json', '--db', db])).code).toBe(0);
    const searched = await run(['claims', 'search', '--db', db, '--top', '1'], '{"id":"a","text":"wind turbines cause late frost"}\n');
    expect(searched.code).toBe(0);
    expect(JSON.parse(searched.stdout)).toEqual({
      id: 'a',
      results: [{ url: 'https://factdesk.example/checks/wind-turbines-cause-frost', score: expect.any(Number), claim: expect.stringMatching(/wind turbines/i), rating: 'Mostly false', reviewer: 'FactDesk' }],
    });

    const missing = await run(['check', 'site/coast-daily-rewrite.html', '--db', join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^provenance-lens: cannot read database .*none\.db: not found\n$/);

    const usage = await run(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^provenance-lens: unknown command "frobnicate"; try --help\n$/);
  });
});

describe('bin picks the bundle or the source', { timeout: 120_000 }, () => {
  it('runs the bundle when it is newer than the sources, else the source', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      // A miniature checkout: bin, a stand-in bundle and source that say which one ran.
      await mkdir(join(dir, 'bin'));
      await mkdir(join(dir, 'dist/cli'), { recursive: true });
      await mkdir(join(dir, 'src/cli'), { recursive: true });
      await copyFile(BIN, join(dir, 'bin/provenance-lens.mjs'));
      await writeFile(join(dir, 'package.json'), '{"type": "module"}\n');
      await symlink(fileURLToPath(new URL('../../../node_modules', import.meta.url)), join(dir, 'node_modules'));
      const fake = (who: string) =>
        `export const nodeIo = () => ({});\nexport async function main(argv) { process.stdout.write('${who} ' + argv.join(' ')); return 3; }\n`;
      await writeFile(join(dir, 'dist/cli/provenance-lens.mjs'), fake('bundle'));
      await writeFile(join(dir, 'src/cli/index.ts'), fake('source'));
      const runIn = () =>
        new Promise<{ code: number; stdout: string }>((resolve) => {
          const env = { ...process.env };
          delete env.PROVENANCE_LENS_FROM_SOURCE;
          execFile(process.execPath, [join(dir, 'bin/provenance-lens.mjs'), 'x'], { env }, (error, stdout) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
          );
        });
      const old = new Date('2026-01-01T00:00:00Z');
      const fresh = new Date('2026-01-02T00:00:00Z');
      await utimes(join(dir, 'src/cli/index.ts'), old, old);
      await utimes(join(dir, 'dist/cli/provenance-lens.mjs'), fresh, fresh);
      expect(await runIn()).toEqual({ code: 3, stdout: 'bundle x' });
      await utimes(join(dir, 'src/cli/index.ts'), fresh, new Date('2026-01-03T00:00:00Z'));
      expect(await runIn()).toEqual({ code: 3, stdout: 'source x' });
    } finally {
      await cleanup();
    }
  });
});
