/**
 * Contract tests of `provenance-lens compare --pairs PAIRS.jsonl`: one JSON line per pair (paths
 * relative to the pairs file, or articles inline), a bad line reported on its own line without
 * losing the others, and the throughput printed on standard error.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/types';
import { FIXTURES, runCli, tempDir } from './run-cli';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const ORIGINAL = join(FIXTURES, 'site/harbor-ledger-original.html');
const REWRITE = join(FIXTURES, 'site/coast-daily-rewrite.html');
const SCRAPE = join(FIXTURES, 'site/copy-scrape.html');
const LIBRARY = join(FIXTURES, 'site/nested/library-reopens.html');

describe('compare --pairs', () => {
  it('prints one report per pair line, in order, with the pairs/s figure on stderr', async () => {
    const pairs = join(dir, 'pairs.jsonl');
    const inline = { url: 'https://inline.example/a', title: 'Inline', text: 'A short inline article about nothing in particular at all.' };
    await writeFile(
      pairs,
      [
        JSON.stringify({ a: REWRITE, b: ORIGINAL }),
        JSON.stringify({ a: SCRAPE, b: ORIGINAL }),
        '',
        JSON.stringify({ a: LIBRARY, b: ORIGINAL }),
        JSON.stringify({ a: inline, b: ORIGINAL }),
      ].join('\n'),
    );
    const run = await runCli(['compare', '--pairs', pairs]);
    expect(run.code).toBe(0);
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; report: Report });
    expect(out.map((o) => o.line)).toEqual([1, 2, 4, 5]);
    expect(out.map((o) => o.report.verdict)).toEqual(['paraphrased-copy', 'verbatim-copy', 'no-match', 'no-match']);
    expect(out[0].report.schema).toBe('provenance-lens/report@1');
    expect(run.stderr).toMatch(/^4 pairs compared in [\d.]+ s \(\d+ pairs\/s\)\n$/);
  });

  it('reports a bad line on its own output line and still runs the others (exit 1)', async () => {
    const pairs = join(dir, 'pairs.jsonl');
    await writeFile(pairs, ['not json', JSON.stringify({ a: SCRAPE }), JSON.stringify({ a: 'missing.html', b: ORIGINAL }), JSON.stringify({ a: SCRAPE, b: ORIGINAL })].join('\n'));
    const run = await runCli(['compare', '--pairs', pairs]);
    expect(run.code).toBe(1);
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; error?: string; report?: Report });
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 4]);
    expect(out[0].error).toBe('not valid JSON');
    expect(out[1].error).toMatch(/"a".*"b"/);
    expect(out[2].error).toMatch(/missing\.html/);
    expect(out[3].report?.verdict).toBe('verbatim-copy');
    expect(run.stderr).toMatch(/^1 pairs compared, 3 failed/);
  });

  it('refuses a missing pairs file, and positionals or --annotations with --pairs, in one line', async () => {
    const missing = await runCli(['compare', '--pairs', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/cannot read/);
    const extra = await runCli(['compare', '--pairs', join(dir, 'nope.jsonl'), 'a.html']);
    expect(extra.code).toBe(2);
    const ann = await runCli(['compare', '--pairs', join(dir, 'nope.jsonl'), '--annotations']);
    expect(ann.code).toBe(2);
  });
});
