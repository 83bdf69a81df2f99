/**
 * `index|check|compare|claims --store` against a real Redis Cluster: the same reports as the local
 * database for the same data, safe concurrent writers from several processes, earliest firstSeen.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Report } from '../../../src/core/types';
import type { TeamMatches } from '../../../src/store/provenance-store';
import { RedisStore } from '../../../src/store/redis-store';
import { FIXTURES, runCli, tempDir } from '../cli/run-cli';
import { CLUSTER, SKIP_REASON, freshStore } from './cluster-env';

const CLUSTERS = fileURLToPath(new URL('../../fixtures/clusters/', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/provenance-lens.mjs', import.meta.url));
const STORIES = ['ferry', 'breach', 'unrelated'].flatMap((story) =>
  readdirSync(join(CLUSTERS, story))
    .filter((f) => f.endsWith('.json') && f !== 'expected.json')
    .map((f) => join(CLUSTERS, story, f)),
);

function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: FIXTURES, env: { ...process.env, PROVENANCE_LENS_FROM_SOURCE: '1' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!CLUSTER)(CLUSTER ? 'team store commands on Redis Cluster' : SKIP_REASON, { timeout: 180_000 }, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(async () => cleanup());

  it('gives the same report as the local database for every article of the fixture stories', async () => {
    const db = join(dir, 'local.db');
    const store = freshStore('same', { align: true });
    // One clock for both runs: firstSeen enters the reports.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T08:00:00Z'));
    try {
      const local = await runCli(['index', ...STORIES, '--db', db]);
      const team = await runCli(['index', ...STORIES, '--store', store]);
      expect(local.code, local.stderr).toBe(0);
      expect(team.stderr).toBe('');
      expect(team.code).toBe(0);
      expect(team.stdout).toContain(`${STORIES.length} added`);
      const verdicts = new Set<string>();
      for (const file of STORIES) {
        const a = await runCli(['check', file, '--db', db, '--json']);
        const b = await runCli(['check', file, '--store', store, '--json']);
        expect(b.code, b.stderr).toBe(0);
        const ra = JSON.parse(a.stdout) as Report;
        expect(JSON.parse(b.stdout), file).toEqual(ra);
        verdicts.add(ra.verdict);
      }
      // The comparison is not vacuous: the stories hold copies, rewrites and unrelated pages.
      expect(verdicts.size).toBeGreaterThanOrEqual(3);
      expect([...verdicts]).toContain('no-match');
    } finally {
      vi.useRealTimers();
    }
    // Re-indexing the same data adds nothing.
    const again = await runCli(['index', ...STORIES, '--store', store]);
    expect(again.stdout).toContain(`0 added, 0 updated, ${STORIES.length} skipped`);
  });

  it('without alignment data (the default) a check lists the matching stored articles and names no verdict', async () => {
    const store = freshStore('refs');
    expect((await runCli(['index', ...STORIES, '--store', store])).code).toBe(0);
    const scrape = join(CLUSTERS, 'ferry', 'scrape.json');
    const json = await runCli(['check', scrape, '--store', store, '--json']);
    expect(json.stderr).toBe('');
    const found = JSON.parse(json.stdout) as TeamMatches;
    expect(found.schema).toBe('provenance-lens/team-matches@1');
    expect(found).not.toHaveProperty('verdict');
    // The scrape's source (and its syndicated copy) hold most of its running text; the unrelated story none of it.
    const top = found.matches[0];
    expect(top.url).toMatch(/^https:\/\/[^/]+\//);
    expect(top.shingleShare).toBeGreaterThan(0.5);
    expect(found.matches.every((m) => !/unrelated/.test(m.url) || m.shingleShare === 0)).toBe(true);
    const aligned = freshStore('refs-aligned', { align: true });
    expect((await runCli(['index', ...STORIES, '--store', aligned])).code).toBe(0);
    const report = JSON.parse((await runCli(['check', scrape, '--store', aligned, '--json'])).stdout) as Report;
    expect(top.url === report.directSource?.url || top.url === report.origin?.url).toBe(true);
    const text = await runCli(['check', scrape, '--store', store]);
    expect(text.stdout).toMatch(/^Team index matches for .+ \(fingerprints only: no verdict, direction, credit or passages\)\n/);
    // A writer asking for the other mode on an existing namespace is refused in one line.
    const other = await runCli(['index', scrape, '--store', `${store}&align=1`]);
    expect(other).toMatchObject({ code: 1 });
    expect(other.stderr).toMatch(/^provenance-lens: cannot use the team store .+: this team store namespace was built without alignment data \(align=0\); use the same align= or another \?ns=\n$/);
  });

  it('claims and compare work against the store', async () => {
    const store = freshStore('claims', { align: true });
    expect((await runCli(['claims', 'import', 'claims-feed.json', '--store', store])).code).toBe(0);
    const searched = await runCli(['claims', 'search', '--store', store, '--top', '1'], { stdin: '{"id":"a","text":"wind turbines cause late frost"}\n' });
    expect(searched.stderr).toBe('');
    expect(JSON.parse(searched.stdout)).toMatchObject({
      id: 'a',
      results: [{ url: 'https://factdesk.example/checks/wind-turbines-cause-frost', score: expect.any(Number) }],
    });
    expect((await runCli(['index', 'site', '--store', store])).code).toBe(0);
    const original = 'https://harborledger.example/news/2026/03/kestrel-bay-ferry-terminal-rebuild';
    const compared = await runCli(['compare', 'site/coast-daily-rewrite.html', original, '--store', store, '--json']);
    expect(compared.stderr).toBe('');
    expect((JSON.parse(compared.stdout) as Report).verdict).toBe('paraphrased-copy');
    const missing = await runCli(['compare', 'site/coast-daily-rewrite.html', 'https://nowhere.example/x', '--store', store]);
    expect(missing).toMatchObject({ code: 1, stderr: 'provenance-lens: https://nowhere.example/x is not in the team store\n' });
  });

  it('refuses --db with --store, and a cluster that does not answer, in one line', async () => {
    const both = await runCli(['check', 'site/copy-scrape.html', '--db', 'x.db', '--store', CLUSTER!]);
    expect(both).toMatchObject({ code: 2, stderr: 'provenance-lens: give one of --db and --store\n' });
    const bad = await runCli(['check', 'site/copy-scrape.html', '--store', 'redis://127.0.0.1:1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^provenance-lens: cannot use the team store redis:\/\/127\.0\.0\.1:1: .+\n$/);
  });

  it('three processes indexing the same articles at once store each exactly once', async () => {
    const store = freshStore('race', { align: true });
    const runs = await Promise.all([0, 1, 2].map(() => runBin(['index', ...STORIES, '--store', store])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const added = runs.reduce((n, r) => n + Number(/(\d+) added/.exec(r.stdout)![1]), 0);
    expect(added).toBe(STORIES.length);
    const s = await RedisStore.connect(store);
    try {
      expect((await s.stats()).articles).toBe(STORIES.length);
      const check = await runCli(['check', join(CLUSTERS, 'ferry', 'scrape.json'), '--store', store, '--json']);
      expect((JSON.parse(check.stdout) as Report).verdict).not.toBe('no-match');
    } finally {
      await s.close();
    }
  });

  it('keeps the earliest firstSeen whichever writer commits last', async () => {
    const s = await RedisStore.connect(freshStore('seen', { align: true }));
    try {
      const base = { title: 'T', siteName: 'S', byline: null, lang: 'en', publishedTime: null, modifiedTime: null, links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null } };
      const doc = (firstSeen: string) => ({ ...base, url: 'https://a.example/1', paragraphs: ['One sentence about the harbour board vote today.'], firstSeen });
      const times = ['2026-03-05T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-09T00:00:00.000Z'];
      const results = await Promise.all(times.map((t) => s.add([doc(t)], t)));
      expect(results.flat().filter((r) => r.status === 'added')).toHaveLength(1);
      expect((await s.load(['https://a.example/1'])).get('https://a.example/1')?.firstSeen).toBe('2026-03-01T00:00:00.000Z');
      // An update of the text keeps the URL's firstSeen.
      const [updated] = await s.add([{ ...doc('2026-04-01T00:00:00.000Z'), paragraphs: ['Another text entirely, about the council.'] }], '2026-04-01T00:00:00.000Z');
      expect(updated).toEqual({ url: 'https://a.example/1', status: 'updated', firstSeen: '2026-03-01T00:00:00.000Z' });
      expect((await s.stats()).articles).toBe(1);
    } finally {
      await s.close();
    }
  });
});
