/**
 * The CLI at feed scale: 150k records in one file (the extension allows 200k per feed) must import,
 * not overflow the call stack (push(...records) did at ~125k).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli';

const N = 150_000;
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

it(`claims import takes a ${N}-record DataFeed`, { timeout: 120_000 }, async () => {
  const dataFeedElement = Array.from({ length: N }, (_, i) => ({
    '@type': 'ClaimReview',
    url: `https://factdesk.example/c/${i}`,
    claimReviewed: `Claim ${i}: the ferry tax doubled`,
    reviewRating: { '@type': 'Rating', alternateName: 'False' },
  }));
  await writeFile(join(dir, 'big.json'), JSON.stringify({ '@type': 'DataFeed', dataFeedElement }));
  const run = await runCli(['claims', 'import', 'big.json', '--db', 'x.db'], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(new RegExp(`^${N} claims imported \\(${N} new, 0 replaced\\)`));
  const lines = (await readFile(join(dir, 'x.db'), 'utf8')).split('\n').filter((l) => l.startsWith('{"type":"claim"'));
  expect(lines).toHaveLength(N);
});

it(`index reads a ${N}-line JSON Lines file (each record judged, none lost to a crash)`, { timeout: 120_000 }, async () => {
  // Records without text are cheap to judge: the point is the number of outcomes, not extraction.
  const lines = Array.from({ length: N }, (_, i) => JSON.stringify({ url: `https://news.example/a/${i}`, title: `t${i}`, text: i === N - 1 ? 'The last one has text.' : ' ' }));
  await writeFile(join(dir, 'big.jsonl'), lines.join('\n'));
  const run = await runCli(['index', 'big.jsonl', '--db', 'x.db'], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(new RegExp(`1 added, 0 updated, ${N - 1} skipped`));
});
