/**
 * Failures on a real Redis Cluster of its own (ports 7201-7206, so the other store tests keep
 * theirs): a resharding while checks run, and a primary killed while `index --store` runs (its
 * replica is promoted; the command completes or fails in one line, a re-run completes, and every
 * article is stored exactly once).
 */
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printRecord } from '../../../src/core/engine/fingerprint-article';
import type { ArticleRecord } from '../../../src/core/types';
import { checkInStore } from '../../../src/store/provenance-store';
import { RedisStore } from '../../../src/store/redis-store';
import { tempDir } from '../cli/run-cli';
import { CLUSTER, SKIP_REASON } from './cluster-env';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/redis-cluster.sh');
const BIN = join(ROOT, 'bin/provenance-lens.mjs');
// Its own ports (PL_REDIS_FAILURES_BASE, default 7201), so two checkouts' runs on one machine can keep apart.
const BASE = Number(process.env.PL_REDIS_FAILURES_BASE ?? 7201);
const ADDRESS = `redis://127.0.0.1:${BASE},redis://127.0.0.1:${BASE + 1},redis://127.0.0.1:${BASE + 2}?align=1`;
const N = 2000;

const WORDS = ('harbour council ferry terminal vote budget engineer pontoon storm islanders fisherman shuttle rebuild ' +
  'contract tender mayor port authority crossing sailing winter gusts anchor repair funding grant minister inquiry ' +
  'hospital school library reopens orchard frost damage growers insurance flood river bridge railway strike union').split(' ');

/** A deterministic synthetic article: eight sentences of words from WORDS, with its own numbers. */
function article(i: number): { url: string; title: string; siteName: string; publishedTime: string; text: string } {
  let seed = i * 2654435761 + 1;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % WORDS.length;
  const sentences = Array.from({ length: 8 }, (_, s) => `${Array.from({ length: 12 }, next).map((w) => WORDS[w]).join(' ')} ${i * 10 + s} units.`);
  return { url: `https://s${i % 7}.example/a/${i}`, title: `Story ${i}`, siteName: `Site ${i % 7}`, publishedTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: sentences.join(' ') };
}

function redisCli(args: string[]): string {
  return execFileSync('redis-cli', args, { encoding: 'utf8', timeout: 120_000 });
}

function primaries(): Array<{ id: string; port: number }> {
  return redisCli(['-p', String(BASE + 3), 'cluster', 'nodes'])
    .split('\n')
    .filter((l) => / master /.test(l) && !/fail/.test(l))
    .map((l) => ({ id: l.split(' ')[0], port: Number(/:(\d+)@/.exec(l)![1]) }));
}

/** How many slots a primary serves, in its own view (its ranges in CLUSTER NODES). */
function slotCount(node: { id: string; port: number }): number {
  const line = redisCli(['-p', String(node.port), 'cluster', 'nodes']).split('\n').find((l) => l.startsWith(node.id))!;
  return line.split(' ').slice(8).reduce((n, r) => {
    const [a, b = a] = r.split('-').map(Number);
    return r.startsWith('[') ? n : n + b - a + 1;
  }, 0);
}

function runIndex(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'index', file, '--store', ADDRESS], { env: { ...process.env, PROVENANCE_LENS_FROM_SOURCE: '1' }, timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!CLUSTER)(CLUSTER ? 'team store under failures (own Redis Cluster)' : SKIP_REASON, { timeout: 600_000 }, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    file = join(dir, 'articles.jsonl');
    writeFileSync(file, Array.from({ length: N }, (_, i) => JSON.stringify(article(i))).join('\n') + '\n');
    execFileSync(SCRIPT, ['start', String(BASE)], { stdio: 'pipe', timeout: 60_000 });
  }, 120_000);
  afterAll(async () => {
    execFileSync(SCRIPT, ['stop', String(BASE)], { stdio: 'pipe', timeout: 60_000 });
    await cleanup();
  });

  it('checks give the same reports while slots move between primaries', async () => {
    const store = await RedisStore.connect(ADDRESS);
    try {
      const docs = Array.from({ length: 300 }, (_, i) => article(i)).map((a) => ({
        url: a.url, title: a.title, siteName: a.siteName, byline: null, lang: 'en', publishedTime: a.publishedTime, modifiedTime: null,
        paragraphs: [a.text], links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null }, firstSeen: a.publishedTime,
      })) as ArticleRecord[];
      await store.add(docs, '2026-02-01T00:00:00.000Z');
      const queries = docs.slice(0, 10).map((d) => ({ ...d, url: `https://copier.example/${d.url.split('/').pop()}`, publishedTime: '2026-03-01T00:00:00.000Z' }));
      const before = await Promise.all(queries.map(async (q) => JSON.stringify((await checkInStore(store, q)).report)));
      expect(JSON.parse(before[0]).verdict).not.toBe('no-match');
      const [from, to] = primaries();
      const slotsBefore = slotCount(to);
      const reshard = new Promise<string>((resolve, reject) =>
        execFile('redis-cli', ['--cluster', 'reshard', `127.0.0.1:${from.port}`, '--cluster-from', from.id, '--cluster-to', to.id, '--cluster-slots', '1000', '--cluster-yes', '--cluster-pipeline', '50'],
          { timeout: 240_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
      );
      let done = false;
      void reshard.then(() => (done = true), () => (done = true));
      let rounds = 0;
      // Bounded: at most 200 rounds of checks while the reshard runs.
      while (!done && rounds < 200) {
        const i = rounds % queries.length;
        expect(JSON.stringify((await checkInStore(store, queries[i])).report)).toBe(before[i]);
        rounds++;
      }
      await reshard;
      expect(rounds).toBeGreaterThan(0);
      // The target now serves the 1,000 moved slots too (its ranges may or may not be contiguous).
      expect(slotCount(to)).toBe(slotsBefore + 1000);
      for (let i = 0; i < queries.length; i++) expect(JSON.stringify((await checkInStore(store, queries[i])).report)).toBe(before[i]);
    } finally {
      await store.close();
    }
  });

  it('a primary killed mid-index: the run completes or fails in one line, a re-run completes, nothing is lost or doubled', async () => {
    const watcher = await RedisStore.connect(ADDRESS);
    try {
      const first = runIndex(file);
      // The primary to kill: the first one listed (the wait for the right moment is bounded below).
      const victim = primaries()[0];
      const pid = Number(/process_id:(\d+)/.exec(redisCli(['-p', String(victim.port), 'info', 'server']))![1]);
      // Kill it while the run writes its first batch (its ids are reserved, none committed yet).
      const reserved = async () => Number((await watcher.cluster.hget('pl:{m}', 'docs')) ?? 0);
      const idsBefore = await reserved();
      let ids = idsBefore;
      for (let t = 0; t < 12_000 && ids < idsBefore + 500; t++) {
        await new Promise((r) => setTimeout(r, 20));
        ids = await reserved();
      }
      expect(ids).toBeGreaterThanOrEqual(idsBefore + 500);
      expect((await watcher.stats()).articles).toBeLessThan(N);
      process.kill(pid, 'SIGKILL');
      const r1 = await first;
      if (r1.code !== 0) {
        // A clear failure: one line, no stack.
        expect(r1.stderr.trim().split('\n')).toHaveLength(1);
        expect(r1.stderr).toMatch(/^provenance-lens: /);
      }
      const r2 = await runIndex(file);
      expect(r2.code, r2.stderr).toBe(0);
      // The replica took over: every slot is served again.
      const survivor = [0, 1, 2, 3, 4, 5].map((i) => BASE + i).find((p) => p !== victim.port)!;
      expect(redisCli(['-p', String(survivor), 'cluster', 'info'])).toContain('cluster_state:ok');
      const total = (await watcher.stats()).articles;
      // The 300 articles of the reshard test are among the N URLs (re-added, as the JSON Lines form has no lang).
      expect(total).toBe(N);
      const urls = Array.from({ length: N }, (_, i) => article(i).url);
      let found = 0;
      for (let i = 0; i < urls.length; i += 500) found += (await watcher.load(urls.slice(i, i + 500))).size;
      expect(found).toBe(N);
      const copy = printRecord({
        url: 'https://copier.example/x', title: 't', siteName: 'c', byline: null, lang: 'en', publishedTime: null, modifiedTime: null,
        paragraphs: [article(N - 1).text], links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
      });
      expect((await watcher.retrieve(copy, 5, copy.url)).candidates[0].url).toBe(article(N - 1).url);
    } finally {
      await watcher.close();
    }
  });
});
