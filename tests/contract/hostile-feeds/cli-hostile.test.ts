/**
 * The same hostile corpus through the CLI: `claims import` for ClaimReview files, `index` for packs.
 * Each is refused with one line on stderr and a non-zero exit, and the database, its index cache
 * and the folder are byte-for-byte as before (no lock or temporary file left behind). Subscription
 * attacks (addresses, redirects, signatures, replayed versions) have no CLI counterpart: the CLI
 * reads the files it is given and fetches nothing.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimReview, dataFeed, pack } from '../../unit/feeds/feed-fixtures';
import { runCli, tempDir } from '../cli/run-cli';
import { hostileCases } from './hostile-corpus';

let dir: string;
let cleanup: () => Promise<void>;
let db: string;
let original: { db: Buffer; index: Buffer };

/** The folder's files with their bytes (the hostile input itself left out). */
async function folder(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) if (!name.startsWith('hostile')) out[name] = (await readFile(join(dir, name))).toString('base64');
  return out;
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  db = join(dir, 'news.db');
  await writeFile(join(dir, 'good-claims.json'), JSON.stringify(dataFeed([claimReview(1), claimReview(2)])));
  await writeFile(join(dir, 'good-pack.json'), JSON.stringify(pack(2)));
  expect((await runCli(['claims', 'import', 'good-claims.json', '--db', db], { cwd: dir })).code).toBe(0);
  expect((await runCli(['index', 'good-pack.json', '--db', db], { cwd: dir })).code).toBe(0);
  original = { db: await readFile(db), index: await readFile(`${db}.index`) };
});
afterAll(async () => cleanup());

beforeEach(async () => {
  // Each case starts from the same bytes, so one wrongly accepted file cannot hide another.
  await writeFile(db, original.db);
  await writeFile(`${db}.index`, original.index);
});

describe('hostile feeds and packs through the CLI: one-line error, files unchanged', () => {
  for (const c of hostileCases()) {
    if (c.cliError === null) continue;
    const cliError = c.cliError;
    it(c.name, { timeout: 30_000 }, async () => {
      const before = await folder();
      const file = `hostile-${c.kind}.json`;
      await writeFile(join(dir, file), c.body);
      const argv = c.kind === 'pack' ? ['index', file, '--db', db] : ['claims', 'import', file, '--db', db];
      const run = await runCli(argv, { cwd: dir });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(cliError);
      expect(run.stderr).toMatch(/^provenance-lens: /);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(await folder()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});

it('a claims file over the 128 MiB feed cap is refused before it is read', async () => {
  const before = await folder();
  const big = join(dir, 'hostile-big.json');
  const { truncate } = await import('node:fs/promises');
  await writeFile(big, '[');
  await truncate(big, 128 * 1024 * 1024 + 1);
  const run = await runCli(['claims', 'import', 'hostile-big.json', '--db', db], { cwd: dir });
  expect(run.stderr).toMatch(/^provenance-lens: hostile-big\.json is larger than 128 MiB/);
  expect(await folder()).toEqual(before);
});
