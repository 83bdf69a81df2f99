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
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../src/background/background-service';
import { ClaimIndex } from '../../../src/core/claims';
import { ProvenanceIndex, checkArticle, compareArticles } from '../../../src/core/engine';
import type { ArticleRecord, DeclaredUrls } from '../../../src/core/types';
import { extractArticle } from '../../../src/extract';
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

function page(name: keyof typeof PAGES): { url: string; article: ArticleRecord; declared: DeclaredUrls } {
  const [site, path] = PAGES[name];
  const url = `http://${site}.localhost:${PORT}${path}`;
  const html = readFileSync(join(ROOT, 'demo/site', site, path), 'utf8').replaceAll('__PORT__', PORT);
  const { document } = parseHTML(html);
  const r = extractArticle(document as unknown as Document, { url });
  if (!r.ok) throw new Error(`demo page ${name} not extracted: ${r.reason}`);
  return { url, article: r.article, declared: r.declared };
}

const OPTIONS = { id: EXT_ID, url: `${EXT_BASE}options.html` };
let fb: ReturnType<typeof createFakeBrowser>;
let loadedFromSnapshot = 0;
let dbName: string;

function start() {
  let p: Promise<Db> | null = null;
  return createBackgroundService({
    browser: fb.browser,
    messages: english,
    db: () => (p ??= openDb({ name: dbName })),
    engine: {
      createIndex: () => new ProvenanceIndex(),
      indexFromSnapshot: (bytes) => {
        const index = ProvenanceIndex.fromSnapshot(bytes);
        loadedFromSnapshot++;
        return index;
      },
      check: checkArticle,
      compare: compareArticles,
    },
    createClaimIndex: (claims) => new ClaimIndex(claims),
    snapshotDelayMs: 0,
    log: { warn: () => undefined, error: () => undefined },
  });
}

async function visit(svc: ReturnType<typeof start>, tabId: number, name: keyof typeof PAGES): Promise<TabState> {
  const { url, article, declared } = page(name);
  const r = await svc.route(
    { type: 'articleExtracted', payload: { docId: `${name}-${tabId}`, article, declared, claimReviews: [] } },
    { id: EXT_ID, url, frameId: 0, tab: { id: tabId, url, incognito: false } },
  );
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
});

describe('background with the real engine', () => {
  it('calls the scrape a copy of the original, and the rewrite a rewrite after a restart', async () => {
    const svc = start();
    const original = await visit(svc, 1, 'original');
    expect(original.report?.verdict).toBe('no-match');
    const scrape = await visit(svc, 2, 'verbatim');
    expect(scrape.report?.verdict).toBe('verbatim-copy');
    expect(scrape.report?.origin?.url).toBe(page('original').article.url);
    expect(fb.badges.get(2)?.text).toBe('COPY');
    await new Promise((r) => setTimeout(r, 50)); // debounced snapshot

    // Worker stopped: the restarted service loads the real snapshot from IndexedDB.
    const restarted = start();
    const rewrite = await visit(restarted, 3, 'rewrite');
    expect(rewrite.report?.verdict).toBe('paraphrased-copy');
    expect(fb.badges.get(3)?.text).toBe('REW');
    expect(loadedFromSnapshot).toBe(1);
    const db = await openDb({ name: dbName });
    // Stored as a Blob (read off the main thread), whose bytes are the index's.
    const row = (await db.get('meta', 'indexSnapshot'))?.value as { blob: Blob } | undefined;
    expect(row?.blob).toBeInstanceOf(Blob);
    const bytes = new Uint8Array(await row!.blob.arrayBuffer());
    expect(ProvenanceIndex.fromSnapshot(bytes).size).toBeGreaterThanOrEqual(2);
    db.close();
  });
});
