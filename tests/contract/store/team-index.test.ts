/**
 * The extension's opt-in team index end to end on real parts: the background as shipped (real
 * engine, fake browser, fake-indexeddb) asks a real `provenance-lens serve` over a real Redis
 * Cluster about the page the popup is open on. What crosses the wire is read at the server.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../src/background/background-service';
import { ClaimIndex } from '../../../src/core/claims';
import { backgroundEngine } from '../../../src/background/engine';
import type { ArticleRecord } from '../../../src/core/types';
import type { TeamView } from '../../../src/core/types';
import { openDb } from '../../../src/platform/db';
import type { Result } from '../../../src/shared/messages';
import { RedisStore } from '../../../src/store/redis-store';
import { createStoreServer } from '../../../src/store/serve';
import { createFakeBrowser, EXT_BASE, EXT_ID } from '../background/fake-browser';
import { english } from '../../helpers/messages';
import { CLUSTER, SKIP_REASON, freshStore } from './cluster-env';
import { checkExtracted } from '../background/check-extracted';

const FERRY = fileURLToPath(new URL('../../fixtures/clusters/ferry/', import.meta.url));
const read = (name: string) => JSON.parse(readFileSync(FERRY + name, 'utf8')) as ArticleRecord;
const TOKEN = 'team-index-writer';
const POPUP = { id: EXT_ID, url: `${EXT_BASE}popup.html` };
const OPTIONS = { id: EXT_ID, url: `${EXT_BASE}options.html` };

describe.skipIf(!CLUSTER)(CLUSTER ? 'the extension asking a team index (serve on Redis Cluster)' : SKIP_REASON, { timeout: 60_000 }, () => {
  let store: RedisStore;
  let server: Server;
  let base: string;
  /** Bodies of the /check requests the server received, as sent. */
  const received: string[] = [];
  const original = read('original.json');
  const scrape = read('scrape.json');

  beforeAll(async () => {
    store = await RedisStore.connect(freshStore('team-index'));
    server = createStoreServer(store, { token: TOKEN });
    server.prependListener('request', (req) => {
      if (req.url !== '/check') return;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => received.push(Buffer.concat(chunks).toString('utf8')));
    });
    base = await new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    const added = await fetch(`${base}/articles`, { method: 'POST', body: JSON.stringify({ articles: [original, read('independent.json')] }), headers: { authorization: `Bearer ${TOKEN}` } });
    expect(added.status).toBe(200);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await store.close();
  });

  let fb: ReturnType<typeof createFakeBrowser>;
  let svc: ReturnType<typeof createBackgroundService>;
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    const name = `pl-team-${Math.random()}`;
    fb = createFakeBrowser();
    let opened: ReturnType<typeof openDb> | null = null;
    svc = createBackgroundService({
      browser: fb.browser,
      messages: english,
      db: () => (opened ??= openDb({ name })),
      engine: backgroundEngine,
      createClaimIndex: (claims) => new ClaimIndex(claims),
      snapshotDelayMs: 60_000,
      log: { warn: () => undefined, error: () => undefined },
    });
  });

  /** The page `a` read in tab `tabId` (a private window when `incognito`). */
  async function readPage(tabId: number, a: ArticleRecord, incognito = false) {
    fb.tabUrls.set(tabId, a.url);
    const r = await checkExtracted(svc,
      { docId: `d${tabId}`, article: a, declared: { ogUrl: null, canonical: null, home: null }, claimReviews: [] },
      { id: EXT_ID, url: a.url, frameId: 0, tab: { id: tabId, url: a.url, incognito } },
    );
    expect(r.ok).toBe(true);
  }
  const query = (tabId: number, sender = POPUP) => svc.route({ type: 'queryTeam', payload: { tabId } }, sender) as Promise<Result<TeamView | null>>;

  it('asks nothing until the reader names a server; then the popup gets the team’s matches from term hashes alone', async () => {
    await readPage(3, scrape);
    const before = received.length;
    expect(await query(3)).toEqual({ ok: true, value: null });
    expect(received.length).toBe(before);

    const set = (await svc.route({ type: 'setTeamServer', payload: { url: `${base}/` } }, OPTIONS)) as Result<{ server: string; articles: number | null }>;
    expect(set).toEqual({ ok: true, value: { server: base, articles: 2 } });
    expect(await svc.route({ type: 'getTeamServer', payload: {} }, OPTIONS)).toEqual({ ok: true, value: { server: base } });

    const r = await query(3);
    expect(r.ok).toBe(true);
    const view = r.ok ? r.value : null;
    expect(view?.kind).toBe('matches');
    if (view?.kind !== 'matches') return;
    expect(view.server).toBe(base);
    expect(view.matches[0].url).toBe(original.url);
    expect(view.matches[0].title).toBe(original.title);
    expect(view.matches[0].shingleShare).toBeGreaterThan(0.5);

    // What crossed the wire: hashes, no address, title, name or sentence of the page.
    expect(received.length).toBe(before + 1);
    const body = received.at(-1)!;
    expect(Object.keys(JSON.parse(body))).toEqual(['fingerprint']);
    for (const secret of [scrape.url, new URL(scrape.url).hostname, scrape.title, scrape.paragraphs[0].slice(0, 30), scrape.siteName ?? 'none']) expect(body).not.toContain(secret);
  });

  it('never asks from a private window, and only the popup may ask; only the options page may choose the server', async () => {
    expect((await svc.route({ type: 'setTeamServer', payload: { url: base } }, POPUP)).ok).toBe(false);
    await svc.route({ type: 'setTeamServer', payload: { url: base } }, OPTIONS);
    await readPage(4, scrape, true);
    fb.browser.tabs.get = async (tabId: number) => ({ id: tabId, url: scrape.url, incognito: true });
    const before = received.length;
    expect(await query(4)).toEqual({ ok: true, value: null });
    expect(received.length).toBe(before);
    expect((await query(4, OPTIONS)).ok).toBe(false);
  });

  it('refuses an address it may not use, or one that is not a team index, and keeps the old choice', async () => {
    await svc.route({ type: 'setTeamServer', payload: { url: base } }, OPTIONS);
    const plain = (await svc.route({ type: 'setTeamServer', payload: { url: 'http://index.newsroom.example' } }, OPTIONS)) as Result<unknown>;
    expect(plain.ok ? null : plain.error).toMatch(/https/);
    const closed = (await svc.route({ type: 'setTeamServer', payload: { url: 'http://127.0.0.1:9' } }, OPTIONS)) as Result<unknown>;
    expect(closed.ok ? null : closed.error).toMatch(/cannot be reached/);
    const notIndex = (await svc.route({ type: 'setTeamServer', payload: { url: `${base}/no-such-path` } }, OPTIONS)) as Result<unknown>;
    expect(notIndex.ok ? null : notIndex.error).toMatch(/refused the request \(HTTP 404/);
    expect(await svc.route({ type: 'getTeamServer', payload: {} }, OPTIONS)).toEqual({ ok: true, value: { server: base } });
    // Opting out: nothing is asked any more.
    expect(await svc.route({ type: 'setTeamServer', payload: { url: null } }, OPTIONS)).toEqual({ ok: true, value: { server: null, articles: null } });
    await readPage(5, scrape);
    const before = received.length;
    expect(await query(5)).toEqual({ ok: true, value: null });
    expect(received.length).toBe(before);
  });

  it('a team index that stops answering is said so in the popup, and the local findings are untouched', async () => {
    const other = createStoreServer(store, { token: null });
    const url = await new Promise<string>((resolve) => other.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(other.address() as AddressInfo).port}`)));
    await svc.route({ type: 'setTeamServer', payload: { url } }, OPTIONS);
    await new Promise((r) => other.close(r));
    await readPage(6, scrape);
    const r = await query(6);
    expect(r.ok && r.value?.kind).toBe('error');
    if (r.ok && r.value?.kind === 'error') expect(r.value.message).toMatch(/cannot be reached/);
    const state = await svc.route({ type: 'getTabState', payload: { tabId: 6 } }, POPUP);
    expect(state.ok && (state.value as { status: string }).status).toBe('done');
  });
});
