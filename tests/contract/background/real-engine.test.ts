/**
 * The background service with the real extraction, engine and claim index (no fakes but the
 * browser): demo pages go through the same path as in the extension, the badge follows the real
 * verdicts, and the real index snapshot survives IndexedDB (structured clone of its bytes) across a
 * restart.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundService } from '../../../src/background/background-service';
import { ClaimStore } from '../../../src/background/claim-store';
import { ClaimIndex } from '../../../src/core/claims';
import { knownClaim } from '../../helpers/known-claim';
import { backgroundEngine } from '../../../src/background/engine';
import { ProvenanceIndex } from '../../../src/core/engine';
import { SHARD_COUNT } from '../../../src/core/engine/posting-store';
import { ArticleStore } from '../../../src/platform/article-store';
import { capturedHtml } from '../../helpers/captured-page';
import { openDb, type Db } from '../../../src/platform/db';
import type { Result, TabState } from '../../../src/shared/messages';
import { createFakeBrowser, EXT_BASE, EXT_ID } from './fake-browser';
import { english } from '../../helpers/messages';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PORT = '8765';
const PAGES = {
  original: ['harbor-ledger', '/news/2026/11/18/port-alder-approves-48-million-seawall.html'],
  verbatim: ['coast-digest', '/trending/port-alder-seawall-flooding.html'],
  rewrite: ['northshore-now', '/local/port-alder-seawall-approved.html'],
} as const;

/** A demo page's address and its HTML as the content script captures it. */
function page(name: keyof typeof PAGES): { url: string; html: string } {
  const [site, path] = PAGES[name];
  const url = `http://${site}.localhost:${PORT}${path}`;
  const html = readFileSync(join(ROOT, 'demo/site', site, path), 'utf8').replaceAll('__PORT__', PORT);
  return { url, html: capturedHtml(parseHTML(html).document as unknown as Document) };
}

const OPTIONS = { id: EXT_ID, url: `${EXT_BASE}options.html` };
let fb: ReturnType<typeof createFakeBrowser>;
let loadedFromSnapshot = 0;
let shardsRead = 0;
let dbName: string;

/** The background; `claimDb` stands for how its claim store reaches the database (default: as shipped). */
function start(claimDb?: (db: () => Promise<Db>) => () => Promise<Db>) {
  let p: Promise<Db> | null = null;
  const db = () => (p ??= openDb({ name: dbName }));
  return createBackgroundService({
    browser: fb.browser,
    messages: english,
    db,
    claims: claimDb && new ClaimStore({ db: claimDb(db), createIndex: (claims) => new ClaimIndex(claims) }),
    engine: {
      ...backgroundEngine,
      indexFromSnapshot: (head, loader) => {
        const index = backgroundEngine.indexFromSnapshot(head, async (ids) => ((shardsRead += ids.length), loader(ids)));
        loadedFromSnapshot++;
        return index;
      },
    },
    createClaimIndex: (claims) => new ClaimIndex(claims),
    snapshotDelayMs: 0,
    log: { warn: () => undefined, error: () => undefined },
  });
}

async function visit(svc: ReturnType<typeof start>, tabId: number, name: keyof typeof PAGES): Promise<TabState> {
  const { url, html } = page(name);
  const r = await svc.route({ type: 'pageCaptured', payload: { docId: `${name}-${tabId}`, html } }, { id: EXT_ID, url, frameId: 0, tab: { id: tabId, url, incognito: false } });
  expect(r.ok).toBe(true);
  const s = (await svc.route({ type: 'getTabState', payload: { tabId } }, OPTIONS)) as Result<TabState>;
  if (!s.ok || !s.value) throw new Error('no state');
  return s.value;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `real-${Math.random()}`;
  fb = createFakeBrowser();
  loadedFromSnapshot = 0;
  shardsRead = 0;
});

describe('background with the real engine', () => {
  it('calls the scrape a copy of the original, and the rewrite a rewrite after a restart', async () => {
    const svc = start();
    const original = await visit(svc, 1, 'original');
    expect(original.report?.verdict).toBe('no-match');
    const scrape = await visit(svc, 2, 'verbatim');
    expect(scrape.report?.verdict).toBe('verbatim-copy');
    expect(scrape.report?.origin?.url).toBe(page('original').url);
    expect(fb.badges.get(2)?.text).toBe('COPY');
    await new Promise((r) => setTimeout(r, 50)); // debounced snapshot

    // Worker stopped: the restarted service loads the real snapshot from IndexedDB.
    const restarted = start();
    const rewrite = await visit(restarted, 3, 'rewrite');
    expect(rewrite.report?.verdict).toBe('paraphrased-copy');
    expect(fb.badges.get(3)?.text).toBe('REW');
    expect(loadedFromSnapshot).toBe(1);
    // The check read its own shards of the snapshot, a small part of them.
    expect(shardsRead).toBeGreaterThan(0);
    expect(shardsRead).toBeLessThan(SHARD_COUNT / 4);
    const db = await openDb({ name: dbName });
    // The head is stored as a Blob (read off the main thread); each shard is a row of its own.
    const row = (await db.get('meta', 'indexSnapshot'))?.value as { blob: Blob; lineage: string } | undefined;
    expect(row?.blob).toBeInstanceOf(Blob);
    const head = new Uint8Array(await row!.blob.arrayBuffer());
    const restored = ProvenanceIndex.fromShardedHead(head, (ids) => new ArticleStore(async () => db).readShards(row!.lineage, ids));
    expect(restored.size).toBeGreaterThanOrEqual(2);
    expect(restored.has(page('verbatim').url)).toBe(true);
    expect(await db.count('meta', IDBKeyRange.bound('indexSnapshot/shard/', 'indexSnapshot/shard/\uffff'))).toBe(SHARD_COUNT);
    db.close();
  });

  it('a snapshot whose shards were replaced underneath fails one check with a message, then is rebuilt from the store', async () => {
    const svc = start();
    await visit(svc, 1, 'original');
    await visit(svc, 2, 'verbatim');
    await new Promise((r) => setTimeout(r, 50)); // debounced snapshot
    const db = await openDb({ name: dbName });
    const keys = await db.getAllKeys('meta', IDBKeyRange.bound('indexSnapshot/shard/', 'indexSnapshot/shard/\uffff'));
    for (const key of keys) await db.put('meta', { key, value: { lineage: 'another index', bytes: new Uint8Array(8) } });

    const restarted = start();
    const { url, html } = page('rewrite');
    const sender = { id: EXT_ID, url, frameId: 0, tab: { id: 3, url, incognito: false } };
    await restarted.route({ type: 'pageCaptured', payload: { docId: 'rw-3', html } }, sender);
    const failed = (await restarted.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(failed.ok && failed.value?.status).toBe('error');
    expect(failed.ok && failed.value?.message).toMatch(/shard/);
    // The next check rebuilds the index from the stored articles and answers.
    const again = await visit(restarted, 4, 'rewrite');
    expect(again.report?.verdict).toBe('paraphrased-copy');
    expect(again.report?.origin?.url).toBe(page('original').url);
    db.close();
  });

  describe('a claim index still loading when the verdict is known (a cold start)', () => {
    // A sentence of the scrape (copied from the original), reviewed and rated False.
    const CLAIM = knownClaim('seawall-flooding', 'The flooding on Nov. 3 and 4 left standing water in 37 businesses along Wharf and Front streets.', { source: 'import' });
    /** The content script of `tabId` sends the captured page (not awaited: the check waits on the claim store). */
    const capture = (svc: ReturnType<typeof start>, name: keyof typeof PAGES, tabId: number) => {
      const { url, html } = page(name);
      return svc.route({ type: 'pageCaptured', payload: { docId: `${name}-${tabId}`, html } }, { id: EXT_ID, url, frameId: 0, tab: { id: tabId, url, incognito: false } });
    };
    const state = async (svc: ReturnType<typeof start>, tabId: number) => {
      const s = (await svc.route({ type: 'getTabState', payload: { tabId } }, OPTIONS)) as Result<TabState>;
      if (!s.ok || !s.value) throw new Error('no state');
      return s.value;
    };
    /** Waits until the tab's state shows `want` for `field` (a state not stored yet counts as none). */
    const until = (svc: ReturnType<typeof start>, tabId: number, field: 'status' | 'claimsStatus', want: string) =>
      vi.waitFor(async () => expect((await state(svc, tabId).catch(() => null))?.[field]).toBe(want), { timeout: 10_000 });
    /** The reviewed claim stored, and a service whose database opens only once `release` is called (the claim index cannot load before). */
    const gatedService = async () => {
      const db = await openDb({ name: dbName });
      await db.put('claims', CLAIM);
      db.close();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      return { svc: start((db) => async () => (await gate, db())), release };
    };

    it('shows the verdict and its badge first, then the claims and the claim badge', async () => {
      const { svc, release } = await gatedService();
      const checks = [capture(svc, 'original', 1)];
      await until(svc, 1, 'status', 'done');
      checks.push(capture(svc, 'verbatim', 2));
      await until(svc, 2, 'status', 'done');
      const first = await state(svc, 2);
      expect(first.claimsStatus).toBe('pending');
      expect(first.report?.verdict).toBe('verbatim-copy');
      expect(first.report?.claims).toEqual([]);
      expect(fb.badges.get(2)?.text).toBe('COPY');

      release();
      expect((await Promise.all(checks)).map((r) => r.ok)).toEqual([true, true]);
      const final = await state(svc, 2);
      expect(final.claimsStatus).toBeUndefined();
      expect(final.report?.verdict).toBe('verbatim-copy');
      expect(final.report?.claims.map((c) => [c.claim.id, c.stance ?? 'repeats'])).toEqual([[CLAIM.id, 'repeats']]);
      expect(fb.badges.get(2)?.text).toBe('!');
    });

    it('draws the highlights the reader revealed while the claims were pending again, with the claim', async () => {
      const { svc, release } = await gatedService();
      const original = capture(svc, 'original', 1);
      await until(svc, 1, 'status', 'done');
      const scrape = capture(svc, 'verbatim', 2);
      await until(svc, 2, 'claimsStatus', 'pending');

      // The popup opens on the verdict: its passages are drawn, no claim yet.
      const popup = { id: EXT_ID, url: `${EXT_BASE}popup.html?tab=2` };
      const revealed = (await svc.route({ type: 'revealHighlights', payload: { tabId: 2 } }, popup)) as Result<TabState>;
      expect(revealed.ok && revealed.value.highlightsOn).toBe(true);
      const kinds = () => fb.sent.filter((m) => m.type === 'showHighlights' && m.tabId === 2).map((m) => new Set(m.payload.highlights.map((h: { kind: string }) => h.kind)));
      expect(kinds().at(-1)?.has('claim')).toBe(false);

      release();
      expect((await Promise.all([original, scrape])).map((r) => r.ok)).toEqual([true, true]);
      const final = await state(svc, 2);
      expect(final.highlightsOn).toBe(true);
      expect(kinds().at(-1)?.has('claim')).toBe(true);
      expect(kinds().at(-1)?.has('verbatim')).toBe(true);
    });

    it('keeps the verdict and says the claims were not checked when the claim store fails', async () => {
      const svc = start(() => async () => {
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('claims unreadable');
      });
      await visit(svc, 1, 'original');
      const scrape = await visit(svc, 2, 'verbatim');
      expect(scrape.status).toBe('done');
      expect(scrape.report?.verdict).toBe('verbatim-copy');
      expect(scrape.claimsStatus).toBe('failed');
      expect(scrape.message).toMatch(/claims unreadable/);
      expect(fb.badges.get(2)?.text).toBe('COPY');
    });
  });
});
