/**
 * A real kill: the extension's background is stopped the hard way in the middle of writing, at a
 * random moment, many times, in real Chromium (the service worker stopped through CDP,
 * ServiceWorker.stopWorker) and Firefox (the event page terminated through the browser's own
 * Extension.terminateBackground, reached over WebDriver BiDi). Two writes are cut: the options
 * page's import of a large export file and a feed subscription's refresh. After each kill the
 * next message wakes the background, and the stored data must be all-or-nothing: an import's
 * articles and claims all there or none, the feed's claims and its status wholly the old update or
 * wholly the new one, nothing stored before lost. A last import and refresh without a kill must
 * then work.
 *
 * The moments are drawn from a seeded generator (the seed is printed) over the time an
 * uninterrupted write takes in this browser, so some kills land before the write, some during it
 * and some after it; the test counts which happened and requires that some landed mid-way.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserSkipReason } from '../helpers/browser-binaries';
import { prepareTestExtension, type TestExtension } from '../helpers/extension-build';
import type { ExtensionDriver } from '../helpers/extension-driver';
import { launchWithExtension } from '../helpers/launch-browser';
import type { ChromiumSession } from '../helpers/launch-chromium';
import type { FirefoxSession } from '../helpers/launch-firefox';
import { ExtensionHarness } from '../helpers/provenance-flows';

/** Kills per write kind and browser. */
const KILLS = 10;
/** Articles and claims in one export file: large enough that the import takes a while. */
const IMPORT_ARTICLES = 1_500;
const IMPORT_CLAIMS = 500;
/** Claims in the feed's first update; each later update has one more (so counts tell them apart). */
const FEED_BASE = 1_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Per test: ten kills, each followed by a restart, of writes that take seconds on a loaded machine. */
const TEST_TIMEOUT_MS = 420_000;

/** Kill moments as fractions of a write's duration, drawn with a seed so a failing run can be repeated. */
function moments(seed: number, n: number): number[] {
  return fc.sample(fc.double({ min: 0, max: 1.2, noNaN: true }), { seed, numRuns: n });
}

/** An export file of `batch` (its article URLs and claim ids carry the batch name). */
function exportFile(batch: string): string {
  const para = (i: number, j: number) =>
    `Paragraph ${j} of story ${i} in ${batch}: the council met on Tuesday to discuss the harbor budget, the ferry timetable and repairs to the north pier, which engineers say cannot wait past the spring.`;
  const articles = Array.from({ length: IMPORT_ARTICLES }, (_, i) => ({
    url: `https://kill-test.example/${batch}/story-${i}`,
    title: `Story ${i} of ${batch}`,
    byline: null,
    siteName: 'Kill Test Gazette',
    lang: 'en',
    publishedTime: '2026-01-02T10:00:00.000Z',
    modifiedTime: null,
    firstSeen: '2026-01-02T10:00:00.000Z',
    paragraphs: [0, 1, 2].map((j) => para(i, j)),
    links: [],
    signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
  }));
  const claims = Array.from({ length: IMPORT_CLAIMS }, (_, i) => ({
    id: `kill-test:${batch}:${i}`,
    claimReviewed: `Claim ${i} of ${batch}: the harbor budget doubled last year.`,
    title: null,
    url: `https://factcheck.example/${batch}/${i}`,
    rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
    reviewer: { name: 'Kill Test Facts', url: 'https://factcheck.example/' },
    datePublished: '2026-01-02',
    claimAuthor: null,
    appearances: [],
    source: 'import',
  }));
  return JSON.stringify({ magic: 'provenance-lens/export@1', exported: '2026-01-03T00:00:00.000Z', articles, claims });
}

/** A ClaimReview DataFeed, update number `gen` (FEED_BASE + gen claims, newer each time). */
function feedFile(gen: number): string {
  const items = Array.from({ length: FEED_BASE + gen }, (_, i) => ({
    '@type': 'DataFeedItem',
    item: [
      {
        '@type': 'ClaimReview',
        url: `https://factcheck.example/feed/${gen}/${i}`,
        datePublished: '2026-01-02',
        claimReviewed: `Feed claim ${i} (update ${gen}): ferry fares rose by half this winter.`,
        author: { '@type': 'Organization', name: 'Feed Facts', url: 'https://factcheck.example/' },
        reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
      },
    ],
  }));
  const modified = new Date(Date.UTC(2026, 0, 1, 0, gen)).toISOString();
  return JSON.stringify({ '@context': 'https://schema.org', '@type': 'DataFeed', dateModified: modified, dataFeedElement: items });
}

interface Summary {
  articles: number;
  claims: number;
}

for (const browserName of ['chromium', 'firefox'] as Array<'chromium' | 'firefox'>) {
  const skip = browserSkipReason(browserName);
  describe.skipIf(!!skip)(`the ${browserName} background killed mid-write`, () => {
    let ext: TestExtension;
    let driver: ExtensionDriver;
    let harness: ExtensionHarness;
    let server: http.Server;
    let feedUrl = '';
    let feedGen = 0;
    const seed = Number(process.env.PL_KILL_SEED ?? Date.now() % 100_000);
    const when = moments(seed, 2 * KILLS);

    const kill = async (): Promise<void> => {
      if (browserName === 'chromium') expect(await (driver as ChromiumSession).stopServiceWorker()).toBe(true);
      else expect(await (driver as FirefoxSession).terminateBackground()).toBe(true);
    };
    const summary = async (): Promise<Summary> => {
      // The first message after a kill wakes the background (it may take a moment to come up).
      for (let i = 0; ; i++) {
        const r = await harness.send<Summary>('getStorageSummary', {});
        if (r.ok) return r.value;
        if (i > 50) throw new Error(`the background did not come back: ${r.error}`);
        await sleep(200);
      }
    };
    /** Sends a call from the control (options) page without waiting for its reply. */
    const fire = (type: string, payload: unknown) =>
      harness.control.evaluate(
        ({ type, payload }) => {
          const api = (globalThis as any).browser ?? (globalThis as any).chrome;
          (globalThis as any).__plLast = api.runtime.sendMessage({ type, payload }).then(
            (r: unknown) => r,
            (e: Error) => ({ ok: false, error: String(e?.message ?? e) }),
          );
        },
        { type, payload },
      );
    /** The reply to the last fired call (null if none came within 10 s). */
    const lastReply = () =>
      harness.control.evaluate(
        () => Promise.race([(globalThis as any).__plLast, new Promise((r) => setTimeout(() => r(null), 10_000))]) as Promise<{ ok: boolean } | null | undefined>,
      );

    beforeAll(async () => {
      console.log(`[real-kill] ${browserName} seed ${seed} (PL_KILL_SEED=${seed} repeats the run)`);
      server = http.createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(feedFile(feedGen));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`;
      ext = prepareTestExtension(browserName === 'chromium' ? 'chrome' : 'firefox');
      driver = await launchWithExtension(browserName, ext);
      harness = await ExtensionHarness.start(driver, ext.has);
    });
    afterAll(async () => {
      await driver?.close();
      await new Promise((r) => server?.close(r));
      ext?.remove();
    });

    test(`an import killed at ${KILLS} random moments is all or nothing, and the next import works`, async () => {
      // How long an uninterrupted import takes here: the kills are spread over that time.
      const base = await summary();
      let t0 = Date.now();
      expect(await harness.call('importData', { json: exportFile('warmup') })).toMatchObject({ articles: IMPORT_ARTICLES, claims: IMPORT_CLAIMS });
      const importMs = Date.now() - t0;
      let expected = { articles: base.articles + IMPORT_ARTICLES, claims: base.claims + IMPORT_CLAIMS };
      expect(await summary()).toMatchObject(expected);
      const outcomes = { none: 0, all: 0 };
      const replies = { success: 0, error: 0, none: 0 };
      for (let k = 0; k < KILLS; k++) {
        const json = exportFile(`kill-${k}`);
        const delay = Math.round(when[k] * importMs);
        t0 = Date.now();
        await fire('importData', { json });
        await sleep(delay);
        await kill();
        const after = await summary();
        const added = { articles: after.articles - expected.articles, claims: after.claims - expected.claims };
        // One transaction: both stores wholly, or nothing; earlier imports untouched.
        const whole = added.articles === IMPORT_ARTICLES && added.claims === IMPORT_CLAIMS;
        const nothing = added.articles === 0 && added.claims === 0;
        expect(whole || nothing, `kill ${k} after ${delay} ms left ${JSON.stringify(added)}`).toBe(true);
        outcomes[whole ? 'all' : 'none']++;
        // The interrupted call was answered with an error or not at all (Chromium closes the
        // message port of a stopped worker: no reply), never a success that did not happen.
        const reply = await lastReply();
        if (reply?.ok) expect(whole, `kill ${k}: the import replied ok but left ${JSON.stringify(added)}`).toBe(true);
        replies[reply?.ok ? 'success' : reply ? 'error' : 'none']++;
        if (whole) expected = after;
      }
      console.log(
        `[real-kill] ${browserName} import (${importMs} ms uninterrupted): ${outcomes.none} kills left nothing, ${outcomes.all} left the whole import; replies: ${JSON.stringify(replies)}`,
      );
      expect(outcomes.none, 'no kill landed before the import committed').toBeGreaterThan(0);
      // Recovered: an import after the kills is applied whole, and its reply arrives.
      expect(await harness.call('importData', { json: exportFile('after') })).toMatchObject({ articles: IMPORT_ARTICLES });
      expect(await summary()).toMatchObject({ articles: expected.articles + IMPORT_ARTICLES, claims: expected.claims + IMPORT_CLAIMS });
    }, TEST_TIMEOUT_MS);

    test(`a feed refresh killed at ${KILLS} random moments keeps the old update or takes the new one whole`, async () => {
      const claimsBefore = (await summary()).claims;
      feedGen = 0;
      const sub = await harness.call<{ id: string; records: number }>('subscribeFeed', { url: feedUrl, kind: 'claimreview', publicKey: null });
      let t0 = Date.now();
      let status = await harness.call<{ records: number; lastError: string | null }>('refreshFeed', { id: sub.id });
      const refreshMs = Date.now() - t0;
      expect(status.lastError).toBeNull();
      expect(status.records).toBe(FEED_BASE);
      expect((await summary()).claims).toBe(claimsBefore + FEED_BASE);
      const outcomes = { old: 0, new: 0 };
      let stored = 0; // the update whose claims are stored
      for (let k = 0; k < KILLS; k++) {
        feedGen = k + 1;
        const delay = Math.round(when[KILLS + k] * refreshMs);
        t0 = Date.now();
        await fire('refreshFeed', { id: sub.id });
        await sleep(delay);
        await kill();
        // Status and store read twice around the count, in case a scheduled refresh moves them.
        const records = async () => (await harness.call<Array<{ id: string; records: number }>>('listFeeds', {})).find((f) => f.id === sub.id)!.records;
        let seen: { claims: number; records: number } | null = null;
        for (let i = 0; i < 5 && !seen; i++) {
          const r1 = await records();
          const c = (await summary()).claims - claimsBefore;
          if (r1 === (await records())) seen = { claims: c, records: r1 };
        }
        expect(seen, 'the feed status kept changing').not.toBeNull();
        const { claims, records: status } = seen!;
        // The claims and the feed's status move together: the old update or the new one, whole.
        expect([FEED_BASE + stored, FEED_BASE + feedGen], `kill ${k} after ${delay} ms: ${claims} claims`).toContain(claims);
        expect(status, `kill ${k}: status says ${status}, store holds ${claims}`).toBe(claims);
        if (claims === FEED_BASE + feedGen) {
          outcomes.new++;
          stored = feedGen;
        } else outcomes.old++;
      }
      console.log(`[real-kill] ${browserName} feed refresh (${refreshMs} ms uninterrupted): ${outcomes.old} kills kept the old update, ${outcomes.new} took the new one`);
      expect(outcomes.old, 'no kill landed before the refresh committed').toBeGreaterThan(0);
      // Recovered: the next refresh takes the newest update.
      status = await harness.call('refreshFeed', { id: sub.id });
      expect(status.lastError).toBeNull();
      expect(status.records).toBe(FEED_BASE + feedGen);
      expect((await summary()).claims).toBe(claimsBefore + FEED_BASE + feedGen);
    }, TEST_TIMEOUT_MS);
  });
}
