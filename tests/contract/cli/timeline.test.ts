/**
 * Contract tests of `provenance-lens check PAGE --db DB --timeline` and of the `timeline` field of
 * the JSON report, on the CLI fixtures (an original, a later word-for-word scrape and a later
 * paraphrased rewrite, plus unrelated stories).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/types';
import { runCli, tempDir } from './run-cli';

const ORIGINAL = 'https://harborledger.example/news/2026/03/kestrel-bay-ferry-terminal-rebuild';
const SCRAPE = 'https://newsflashhub.example/kestrel-bay-ferry-terminal-42-million';
const REWRITE = 'https://coastdaily.example/local/kestrel-bay-terminal-vote';
const LIBRARY = 'https://valleycourier.example/2026/02/millbrook-library-reopens';

let db: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  db = join(dir, 'index.db');
  expect((await runCli(['index', 'site', 'more-articles.jsonl', '--db', db])).code).toBe(0);
});
afterEach(async () => cleanup());

describe('check --timeline', () => {
  it('the JSON report lists every version oldest first, the rewrite derived from the original', async () => {
    const run = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.schema).toBe('provenance-lens/report@1');
    const t = report.timeline!;
    expect(t[0]).toMatchObject({ url: ORIGINAL, relation: 'original', derivedFrom: null, thisPage: false, timeFrom: 'published' });
    const page = t.find((e) => e.thisPage)!;
    expect(page).toMatchObject({ url: REWRITE, relation: 'paraphrased-copy', credit: 'none', derivedFrom: ORIGINAL, directionKnown: true });
    expect(t.map((e) => e.url)).not.toContain(LIBRARY);
    // The scrape copies the original too: a sibling, neither called independent nor drawn as a
    // source, hanging under the original it copies, with how it copies it.
    expect(t.find((e) => e.url === SCRAPE)).toMatchObject({ relation: 'sibling', derivedFrom: ORIGINAL, reuseKind: 'verbatim-copy', credit: 'none' });
    expect(page.reuseKind).toBe('paraphrased-copy');
    const times = t.filter((e) => e.time).map((e) => Date.parse(e.time!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('prints one line per version: time, outlet, relation, credit, whom it derives from, this page marked', async () => {
    const run = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--timeline']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Timeline \(\d+ known versions, oldest first\):$/);
    const versions = lines.filter((l) => /^[* ] /.test(l));
    expect(versions[0]).toMatch(/^ {2}2026-03-\d\d \d\d:\d\d UTC · The Harbor Ledger · original · credit: n\/a$/);
    expect(versions.find((l) => l.includes('NewsFlash Hub'))).toMatch(/· NewsFlash Hub · also reuses this page's source, copy \(verbatim\) · credit: none · ← derived from The Harbor Ledger$/);
    const mine = versions.filter((l) => l.startsWith('* '));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/rewrite \(paraphrased\) · credit: none · ← derived from The Harbor Ledger · \(this page\)$/);
    expect(run.stdout).toContain(`    ${REWRITE}`);
    // Then the tree: the original at the root, both copies under it, this page starred.
    const tree = run.stdout.slice(run.stdout.indexOf('Who derived from whom:\n')).split('\n').slice(1, 4);
    expect(tree).toEqual(['  The Harbor Ledger (original)', '  ├─ NewsFlash Hub (copy (verbatim))', '  └─ Coast Daily (rewrite (paraphrased)) *']);
  });

  it('the original: the scrape and the rewrite are shown derived from this page', async () => {
    const run = await runCli(['check', 'site/harbor-ledger-original.html', '--db', db, '--timeline']);
    expect(run.code).toBe(0);
    const versions = run.stdout.split('\n').filter((l) => /^[* ] /.test(l));
    expect(versions[0]).toMatch(/^\* .* · The Harbor Ledger · original · credit: n\/a · \(this page\)$/);
    expect(versions.filter((l) => l.includes('· NewsFlash Hub · derived from this page, copy (verbatim) · credit: none · ← derived from The Harbor Ledger'))).toHaveLength(1);
    expect(versions.filter((l) => l.includes('· Coast Daily · derived from this page, rewrite (paraphrased) · credit: none · ← derived from The Harbor Ledger'))).toHaveLength(1);
    const report = JSON.parse((await runCli(['check', 'site/harbor-ledger-original.html', '--db', db, '--json'])).stdout) as Report;
    expect(report.timeline!.find((e) => e.url === SCRAPE)).toMatchObject({ relation: 'derivative', derivedFrom: ORIGINAL, reuseKind: 'verbatim-copy' });
    expect(report.timeline!.find((e) => e.url === REWRITE)).toMatchObject({ relation: 'derivative', derivedFrom: ORIGINAL, reuseKind: 'paraphrased-copy' });
    // The JSON report says the same in the related list (additive `reuses`).
    expect(report.related.find((r) => r.url === REWRITE)?.reuses).toEqual({ url: ORIGINAL, kind: 'paraphrased-copy', credit: 'none' });
  });

  it('refuses --timeline together with --json in one line, printing nothing', async () => {
    const run = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--timeline', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^provenance-lens: choose one of --timeline, --json and --annotations/);
  });
});
