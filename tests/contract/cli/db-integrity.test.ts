/**
 * The CLI database and its files under damage and contention: a damaged index cache is never
 * trusted, a database cut at a line boundary is refused (old files without a count still read),
 * a stale lock is taken over only when its owner is gone (even if the pid was reused), concurrent
 * takeovers never let two writers in, and temporary files left by crashed runs are removed.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIndexCache, indexCachePath } from '../../../src/cli/index-cache';
import { readDb } from '../../../src/cli/cli-db';
import { lockPath } from '../../../src/cli/db-lock';
import { claimReview, dataFeed } from '../../unit/feeds/feed-fixtures';
import { runCli, tempDir } from './run-cli';

let dir: string;
let cleanup: () => Promise<void>;
let db: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  db = join(dir, 'x.db');
});
afterEach(async () => cleanup());

async function indexFixtures(): Promise<void> {
  const run = await runCli(['index', 'site', 'more-articles.jsonl', '--db', db]);
  expect(run.code).toBe(0);
}

function expectOneLineError(run: { code: number; stderr: string }, pattern: RegExp): void {
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('index cache checksum', () => {
  it('any damaged byte of the snapshot is detected, and check rebuilds the same cache', async () => {
    await indexFixtures();
    const cache = indexCachePath(db);
    const good = await readFile(cache);
    const { indexDigest } = await readDb(db, { mustExist: true });
    expect(await loadIndexCache(db, indexDigest)).not.toBeNull();
    const reference = (await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json'])).stdout;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 136, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const bad = Buffer.from(good);
        bad[at] ^= xor;
        await writeFile(cache, bad);
        expect(await loadIndexCache(db, indexDigest)).toBeNull();
      }),
      { numRuns: 40 },
    );
    // The last damaged file is replaced by a rebuilt one on the next check, with the same answer.
    expect((await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json'])).stdout).toBe(reference);
    expect((await readFile(cache)).equals(good)).toBe(true);
  }, 60_000); // runs the CLI several times: 4.4 s alone, over the 5 s default on a loaded machine (a hang guard, not a measure)
});

describe('database cut short', () => {
  it('a database cut at a line boundary is refused by check and index, and not overwritten', async () => {
    await indexFixtures();
    await runCli(['claims', 'import', 'claims-feed.json', '--db', db]);
    const lines = (await readFile(db, 'utf8')).split('\n').filter(Boolean);
    const cut = lines.slice(0, -3).join('\n') + '\n';
    await writeFile(db, cut);
    expectOneLineError(await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db]), /is damaged: its header promises \d+ records but it holds \d+/);
    expectOneLineError(await runCli(['index', 'site', '--db', db]), /is damaged/);
    expectOneLineError(await runCli(['claims', 'import', 'claims-feed.json', '--db', db]), /is damaged/);
    expect(await readFile(db, 'utf8')).toBe(cut);
  });

  it('a database written before the count (bare magic header) is still read, and gets the count when rewritten', async () => {
    await indexFixtures();
    const text = await readFile(db, 'utf8');
    const old = text.replace(/^\{"magic":"provenance-lens\/db@1","records":\d+\}/, '{"magic":"provenance-lens/db@1"}');
    await writeFile(db, old.split('\n').slice(0, -3).join('\n') + '\n');
    const check = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db]);
    expect(check.code).toBe(0);
    expect((await runCli(['claims', 'import', 'claims-feed.json', '--db', db])).code).toBe(0);
    const first = JSON.parse((await readFile(db, 'utf8')).split('\n')[0]);
    expect(first.records).toBe((await readFile(db, 'utf8')).split('\n').filter(Boolean).length - 1);
  });

  it('a bad record count in the header is refused', async () => {
    await writeFile(db, '{"magic":"provenance-lens/db@1","records":"many"}\n');
    expectOneLineError(await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db]), /line 1: bad record count/);
  });
});

/** A process that is alive for the duration of a test and is not a provenance-lens run. */
function unrelatedProcess(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill() };
}

describe('lock', () => {
  it('a lock left by a dead process is taken over', async () => {
    await writeFile(lockPath(db), '999999999');
    expect((await runCli(['claims', 'import', 'claims-feed.json', '--db', db])).code).toBe(0);
    await expect(readFile(lockPath(db))).rejects.toThrow();
  });

  it.runIf(process.platform === 'linux')('a lock whose pid now belongs to an unrelated process is taken over', async () => {
    const other = unrelatedProcess();
    try {
      // Written by a crashed run whose pid was reused: the start time recorded does not match.
      await writeFile(lockPath(db), `${other.pid} 1 deadbeef`);
      expect((await runCli(['claims', 'import', 'claims-feed.json', '--db', db])).code).toBe(0);
    } finally {
      other.stop();
    }
  });

  it('a lock held by a live run is refused as busy, and left in place', async () => {
    const other = unrelatedProcess();
    try {
      const stat = await readFile(`/proc/${other.pid}/stat`, 'utf8').catch(() => null);
      const start = stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] : '-';
      await writeFile(lockPath(db), `${other.pid} ${start} cafe`);
      expectOneLineError(await runCli(['claims', 'import', 'claims-feed.json', '--db', db]), new RegExp(`being written by another provenance-lens \\(pid ${other.pid}\\)`));
      expect(await readFile(lockPath(db), 'utf8')).toBe(`${other.pid} ${start} cafe`);
    } finally {
      other.stop();
    }
  });

  it('runs racing to take over one stale lock never write at once: every successful import is kept', async () => {
    const feeds = Array.from({ length: 6 }, (_, i) => `feed-${i}.json`);
    await Promise.all(feeds.map((f, i) => writeFile(join(dir, f), JSON.stringify(dataFeed([claimReview(1000 + i)])))));
    for (let round = 0; round < 20; round++) {
      await writeFile(lockPath(db), '999999999');
      const runs = await Promise.all(feeds.map((f) => runCli(['claims', 'import', f, '--db', db], { cwd: dir })));
      for (const run of runs) if (run.code !== 0) expect(run.stderr).toMatch(/being written by another provenance-lens/);
      const ok = feeds.filter((_, i) => runs[i].code === 0);
      expect(ok.length).toBeGreaterThan(0);
      const stored = await readDb(db, { mustExist: true });
      for (const f of ok) expect(stored.claims.has(`https://factcheck.example/review/${1000 + feeds.indexOf(f)}`)).toBe(true);
    }
  });
});

describe('temporary files', () => {
  it('files left by crashed writers are removed; a live writer\'s are kept', async () => {
    const other = unrelatedProcess();
    try {
      await writeFile(`${db}.tmp-999999999`, 'half a database');
      await writeFile(`${db}.index.tmp-999999998`, 'half a cache');
      await writeFile(`${db}.tmp-${other.pid}`, 'in flight');
      expect((await runCli(['index', 'more-articles.jsonl', '--db', db])).code).toBe(0);
      const names = await readdir(dir);
      expect(names).not.toContain('x.db.tmp-999999999');
      expect(names).not.toContain('x.db.index.tmp-999999998');
      expect(names).toContain(`x.db.tmp-${other.pid}`);
    } finally {
      other.stop();
    }
  });
});
