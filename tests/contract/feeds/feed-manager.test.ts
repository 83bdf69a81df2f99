/**
 * Feed ingestion end to end in Node: a real HTTP exchange with a local server (127.0.0.1), the
 * real IndexedDB code on fake-indexeddb. Each kind of bad update leaves the stored data exactly as
 * it was; a worker stopped mid-apply leaves the old data whole; URLs named by a feed are never
 * fetched; a signed feed with the wrong key is rejected.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/platform/db';
import { listClaims, listPackEntries, listFeedRecords } from '../../../src/platform/feed-store';
import { FeedManager, createFeedHandlers, registerFeedAlarms, FEED_ALARM, type AlarmsLike } from '../../../src/background/feeds';
import { ClaimStore } from '../../../src/background/claim-store';
import { ClaimIndex } from '../../../src/core/claims';

/** The background's claim store over the test database (the feed handlers write claims through it). */
const claimStore = () => new ClaimStore({ db: async () => db, createIndex: (c) => new ClaimIndex(c) });
import { claimReview, dataFeed, keyPair, pack, bytes } from '../../unit/feeds/feed-fixtures';
import { FEED_HOST, startFeedServer, streamingRoute, type FeedServer } from './feed-server';

const FEED_URL = `https://${FEED_HOST}/claims.json`;
const json = (x: unknown, headers: Record<string, string> = {}) => ({ body: JSON.stringify(x), headers });

let server: FeedServer;
let db: Db;
let changes: string[];
/** The claim sets reported with each change (what a built claim index is told). */
let reported: Array<{ feedId: string; claims: Array<{ id: string; source?: string }>; generation?: string } | undefined>;
let clock: Date;

function manager(over: Partial<ConstructorParameters<typeof FeedManager>[0]> = {}) {
  return new FeedManager({
    db: async () => db,
    fetch: server.fetchVia,
    now: () => clock,
    random: () => 0.5,
    onChange: (k, update) => (changes.push(k), reported.push(update)),
    ...over,
  });
}

/** Everything the feed wrote, for "exactly as it was" comparisons. */
async function snapshot() {
  return { claims: await listClaims(db), packs: await listPackEntries(db) };
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openDb({ name: `feeds-${Math.random()}` });
  server = await startFeedServer();
  changes = [];
  reported = [];
  clock = new Date('2024-05-03T12:00:00Z');
});

afterEach(async () => {
  db.close();
  await server.close();
});

describe('subscribe and refresh', () => {
  it('stores a ClaimReview feed with its status, without cookies or referrer', async () => {
    server.routes.set('/claims.json', json(dataFeed([claimReview(1), claimReview(2), claimReview(3, { junk: 1 })]), { etag: '"a"' }));
    const status = await manager().subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    expect(status).toMatchObject({ url: FEED_URL, kind: 'claimreview', records: 2, skipped: 1, lastError: null, etag: '"a"', dataVersion: '2024-05-03T00:00:00Z', publicKey: null });
    expect(status.lastUpdate).toBe(clock.toISOString());
    const claims = await listClaims(db);
    expect(claims.map((c) => c.id).sort()).toEqual(['https://factcheck.example/review/1', 'https://factcheck.example/review/2']);
    expect(claims.every((c) => c.source === status.id)).toBe(true);
    expect(changes).toEqual(['claimreview']);
    // The index is told the feed's whole set exactly as stored, so it can take the difference.
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(reported[0]?.feedId).toBe(status.id);
    expect([...reported[0]!.claims].sort(byId)).toEqual([...claims].sort(byId));
    await manager().unsubscribe(status.id);
    // Each claims write names the generation it left (what the claim index snapshot is keyed by).
    expect(reported[1]).toEqual({ feedId: status.id, claims: [], generation: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(reported[1]!.generation).not.toBe(reported[0]!.generation);
    expect(server.inits[0]).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(server.requests[0].headers.cookie).toBeUndefined();
    expect(server.requests[0].headers.referer).toBeUndefined();
  });

  it('makes conditional requests and keeps the data on 304', async () => {
    server.routes.set('/claims.json', (res, headers) => {
      if (headers['if-none-match'] === '"a"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"a"' }).end(JSON.stringify(dataFeed([claimReview(1)])));
    });
    const m = manager();
    const first = await m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    const before = await snapshot();
    const again = await m.refresh(first.id);
    expect(server.requests[1].headers['if-none-match']).toBe('"a"');
    expect(again).toMatchObject({ records: 1, lastError: null, etag: '"a"' });
    expect(await snapshot()).toEqual(before);
  });

  it('rejects non-https subscription URLs and URLs with credentials', async () => {
    const m = manager();
    await expect(m.subscribe({ url: `http://${FEED_HOST}/claims.json`, kind: 'claimreview', publicKey: null })).rejects.toThrow(/https/);
    await expect(m.subscribe({ url: 'javascript:alert(1)', kind: 'claimreview', publicKey: null })).rejects.toThrow(/https/);
    await expect(m.subscribe({ url: `https://u:p@${FEED_HOST}/x`, kind: 'claimreview', publicKey: null })).rejects.toThrow(/password/);
    await expect(m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: 'zzz' })).rejects.toThrow(/Ed25519/);
    expect(await listFeedRecords(db)).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('stores a provenance pack, and unsubscribing removes its entries', async () => {
    server.routes.set('/pack.json', json(pack(3)));
    const m = manager();
    const status = await m.subscribe({ url: `https://${FEED_HOST}/pack.json`, kind: 'pack', publicKey: null });
    expect(status).toMatchObject({ kind: 'pack', records: 3, lastError: null, dataVersion: '2024-05-03T00:00:00Z' });
    expect((await listPackEntries(db)).map((e) => e.url).sort()).toEqual(['https://news.example/story/0', 'https://news.example/story/1', 'https://news.example/story/2']);
    expect(await m.unsubscribe(status.id)).toEqual([]);
    expect(await listPackEntries(db)).toEqual([]);
    expect(changes).toEqual(['pack', 'pack']);
    expect(reported).toEqual([undefined, undefined]); // packs go to the provenance index, rebuilt
  });
});

describe('a bad update is rejected with a clear error and the stored data stays exactly as it was', () => {
  const bad: Array<[string, (s: FeedServer) => void, RegExp]> = [
    ['network error', (s) => s.routes.set('/claims.json', (res) => res.destroy()), /Network error/],
    ['HTTP error', (s) => s.routes.set('/claims.json', { status: 500, body: 'oops' }), /HTTP 500/],
    ['HTML error page', (s) => s.routes.set('/claims.json', { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><h1>Maintenance</h1>' }), /web page/],
    ['invalid JSON', (s) => s.routes.set('/claims.json', { body: '{"@type":"DataFeed","dataFeedElement":[' }), /not valid JSON/],
    ['schema error', (s) => s.routes.set('/claims.json', json({ ...dataFeed([claimReview(9)]), '@type': 'DataFeed', onload: 'x' })), /unknown key "onload"/],
    ['older than stored', (s) => s.routes.set('/claims.json', json(dataFeed([claimReview(9)], '2024-01-01T00:00:00Z'))), /older than the data already stored/],
    ['too large (streamed)', (s) => s.routes.set('/claims.json', streamingRoute(s, 8 * 1024 * 1024)), /larger than/],
  ];
  for (const [name, breakIt, message] of bad) {
    it(name, async () => {
      server.routes.set('/claims.json', json(dataFeed([claimReview(1), claimReview(2)])));
      const m = manager({ maxBytes: 256 * 1024 });
      const good = await m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
      const before = await snapshot();
      breakIt(server);
      clock = new Date('2024-05-04T12:00:00Z');
      const after = await m.refresh(good.id);
      expect(after.lastError).toMatch(message);
      expect(after).toMatchObject({ records: 2, lastUpdate: good.lastUpdate, dataVersion: good.dataVersion });
      expect(await snapshot()).toEqual(before);
      expect((await m.list())[0].lastError).toMatch(message);
    });
  }

  it('aborts an oversized body mid-stream instead of downloading it', async () => {
    server.routes.set('/claims.json', streamingRoute(server, 64 * 1024 * 1024));
    const status = await manager({ maxBytes: 256 * 1024 }).subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    expect(status.lastError).toMatch(/larger than/);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.streamed.closedEarly).toBe(true);
    expect(server.streamed.bytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('a good update after a bad one clears the error', async () => {
    server.routes.set('/claims.json', { status: 502, body: '' });
    const m = manager();
    const s = await m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    expect(s.lastError).toMatch(/HTTP 502/);
    server.routes.set('/claims.json', json(dataFeed([claimReview(1)])));
    expect(await m.refresh(s.id)).toMatchObject({ lastError: null, records: 1 });
  });
});

describe('a worker stopped mid-apply leaves the old data whole', () => {
  it('a failure inside the transaction rolls back the records and the status', async () => {
    server.routes.set('/claims.json', json(dataFeed([claimReview(1), claimReview(2)])));
    let stopAt = Infinity;
    const m = manager({
      writeHook: (n) => {
        if (n >= stopAt) throw new Error('worker stopped');
      },
    });
    const good = await m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    const before = await snapshot();
    server.routes.set('/claims.json', json(dataFeed([claimReview(3), claimReview(4), claimReview(5), claimReview(6)], '2024-05-04T00:00:00Z')));
    stopAt = 3;
    const after = await m.refresh(good.id);
    expect(after.lastError).toMatch(/Could not store the update: worker stopped/);
    expect(after).toMatchObject({ records: 2, dataVersion: '2024-05-03T00:00:00Z' });
    expect(await snapshot()).toEqual(before);
    // Once the worker runs to the end, the new data replaces the old whole.
    stopAt = Infinity;
    const done = await m.refresh(good.id);
    expect(done).toMatchObject({ records: 4, lastError: null, dataVersion: '2024-05-04T00:00:00Z' });
    expect((await listClaims(db)).map((c) => c.id).sort()).toEqual([3, 4, 5, 6].map((n) => `https://factcheck.example/review/${n}`));
  });

  it('a record the store refuses aborts the whole update', async () => {
    server.routes.set('/claims.json', json(dataFeed([claimReview(1)])));
    const m = manager();
    const good = await m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    const before = await snapshot();
    const feedRow = (await listFeedRecords(db))[0];
    // Simulate a store failure partway (a value IndexedDB cannot clone) via the store API directly.
    const { applyFeedRecords } = await import('../../../src/platform/feed-store');
    const poison = { ...(await listClaims(db))[0], id: 'https://factcheck.example/x', extra: () => 1 } as never;
    await expect(applyFeedRecords(db, { ...feedRow, records: 99 }, { kind: 'claimreview', claims: [(await listClaims(db))[0], poison] })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    expect((await listFeedRecords(db))[0].records).toBe(good.records);
  });
});

describe('a feed never makes the extension fetch a URL it names', () => {
  it('script and private-network URLs are dropped, and nothing but the feed is requested', async () => {
    const trap = `http://127.0.0.1:${server.port}/trap`;
    server.routes.set('/trap', { body: 'should never be fetched' });
    server.routes.set(
      '/claims.json',
      json(
        dataFeed([
          claimReview(1, {
            url: 'javascript:fetch("https://evil.example")',
            itemReviewed: { '@type': 'Claim', appearance: [trap, 'https://192.168.1.10/x', 'https://localhost/y', { '@type': 'CreativeWork', url: 'https://social.example/ok' }] },
            author: { '@type': 'Organization', name: 'Fact Desk', url: trap },
          }),
          claimReview(2, { url: `https://${FEED_HOST}/trap` }),
        ]),
      ),
    );
    await manager().subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    const claims = await listClaims(db);
    const text = JSON.stringify(claims);
    expect(text).not.toContain('javascript:');
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('192.168.');
    expect(text).not.toContain('localhost');
    expect(claims.find((c) => c.claimReviewed.includes('number 1'))?.appearances).toEqual(['https://social.example/ok']);
    await new Promise((r) => setTimeout(r, 20));
    expect(server.requests.map((r) => r.path)).toEqual(['/claims.json']);
  });
});

describe('signed feeds', () => {
  it('accepts the pinned key, rejects a feed signed with another key and keeps the data', async () => {
    const publisher = await keyPair();
    const attacker = await keyPair();
    const body1 = bytes(dataFeed([claimReview(1)]));
    server.routes.set('/claims.json', { body: body1 });
    server.routes.set('/claims.json.sig', { body: await publisher.sign(body1), headers: { 'content-type': 'text/plain' } });
    const m = manager();
    const s = await m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: publisher.publicKey });
    expect(s).toMatchObject({ records: 1, lastError: null, publicKey: publisher.publicKey });
    const before = await snapshot();
    const body2 = bytes(dataFeed([claimReview(66)], '2024-05-05T00:00:00Z'));
    server.routes.set('/claims.json', { body: body2 });
    server.routes.set('/claims.json.sig', { body: await attacker.sign(body2) });
    const after = await m.refresh(s.id);
    expect(after.lastError).toMatch(/Signature rejected/);
    expect(await snapshot()).toEqual(before);
    server.routes.delete('/claims.json.sig');
    expect((await m.refresh(s.id)).lastError).toMatch(/no signature/);
  });
});

describe('schedule and handlers', () => {
  it('refreshDue refreshes only feeds whose jittered time has come', async () => {
    server.routes.set('/claims.json', json(dataFeed([claimReview(1)])));
    const m = manager();
    await m.subscribe({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    expect(await m.refreshDue()).toEqual([]);
    clock = new Date(clock.getTime() + 6 * 3600_000 + 31 * 60_000); // interval + jitter(0.5 h)
    expect(await m.refreshDue()).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('registers its alarm listener synchronously and creates the alarm once', async () => {
    const created: string[] = [];
    const listeners: Array<(a: { name: string }) => unknown> = [];
    const alarms: AlarmsLike = {
      create: (name) => void created.push(name),
      get: async (name) => (created.includes(name) ? { name } : undefined),
      onAlarm: { addListener: (cb) => void listeners.push(cb) },
    };
    let runs = 0;
    registerFeedAlarms(alarms, async () => void runs++);
    expect(listeners).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 0));
    registerFeedAlarms(alarms, async () => void runs++);
    await new Promise((r) => setTimeout(r, 0));
    expect(created).toEqual([FEED_ALARM]);
    await listeners[0]({ name: 'other' });
    await listeners[0]({ name: FEED_ALARM });
    expect(runs).toBe(1);
  });

  it('option handlers: import, list, subscribe, unsubscribe', async () => {
    server.routes.set('/claims.json', json(dataFeed([claimReview(1)])));
    const h = createFeedHandlers({ manager: manager(), claims: claimStore(), db: async () => db });
    expect(await h.importClaims({ json: JSON.stringify([claimReview(10), claimReview(11, { bad: 1 })]) })).toEqual({ added: 1, skipped: 1 });
    await expect(h.importClaims({ json: '<html>' })).rejects.toThrow(/not valid JSON/);
    await expect(h.importClaims({ json: '{"a":1}' })).rejects.toThrow(/No ClaimReview/);
    const s = await h.subscribeFeed({ url: FEED_URL, kind: 'claimreview', publicKey: null });
    expect((await h.listFeeds({})).map((f) => f.id)).toEqual([s.id]);
    expect((await h.listClaims({ limit: 10 })).map((c) => c.source).sort()).toEqual([s.id, 'import'].sort());
    expect(await h.unsubscribeFeed({ id: s.id })).toEqual([]);
    expect((await h.listClaims({ limit: 10 })).map((c) => c.source)).toEqual(['import']);
  });

  it('harvest keeps only reviews of the page\'s own site', async () => {
    const h = createFeedHandlers({ manager: manager(), claims: claimStore(), db: async () => db });
    const blocks = [
      { '@context': 'https://schema.org', '@graph': [claimReview(1), claimReview(2, { url: 'https://other-site.example/r/2' })] },
      claimReview(3, { url: undefined }),
    ];
    expect(await h.harvestClaimReviews(blocks, 'https://www.factcheck.example/review/1')).toEqual({ added: 2 });
    const claims = await listClaims(db);
    expect(claims.map((c) => c.url).sort()).toEqual(['https://factcheck.example/review/1', 'https://www.factcheck.example/review/1']);
    expect(claims.every((c) => c.source === 'harvest')).toBe(true);
    expect(await h.harvestClaimReviews(blocks, 'http://www.factcheck.example/')).toEqual({ added: 0 });
  });

  it('forgets the claims kept from visited pages, and only those', async () => {
    const replaced: Array<[string, unknown[]]> = [];
    const claims = claimStore();
    const changed = claims.changed.bind(claims);
    claims.changed = (c) => (c.kind === 'replaced' && replaced.push([c.source, c.claims]), changed(c));
    const h = createFeedHandlers({ manager: manager(), claims, db: async () => db });
    await h.harvestClaimReviews([claimReview(1), claimReview(2)], 'https://factcheck.example/review/1');
    await h.importClaims({ json: JSON.stringify([claimReview(5, { url: 'https://other.example/r/5' })]) });
    expect((await listClaims(db)).length).toBe(3);
    expect(await h.forgetHarvestedClaims({})).toEqual({ removed: 2 });
    expect((await listClaims(db)).map((c) => c.source)).toEqual(['import']);
    expect(replaced).toEqual([['harvest', []]]);
    expect(await h.forgetHarvestedClaims({})).toEqual({ removed: 0 });
  });

  it('harvest tells sites apart under shared suffixes: a page cannot speak for its neighbours', async () => {
    const h = createFeedHandlers({ manager: manager(), claims: claimStore(), db: async () => db });
    const planted = [claimReview(7, { url: 'https://fullfact.co.uk/r/7' }), claimReview(8, { url: 'https://factcheck.blogspot.com/r/8' })];
    expect(await h.harvestClaimReviews(planted, 'https://rumours.co.uk/a')).toEqual({ added: 0 });
    expect(await h.harvestClaimReviews(planted, 'https://rumours.blogspot.com/a')).toEqual({ added: 0 });
    expect(await listClaims(db)).toEqual([]);
    expect(await h.harvestClaimReviews(planted, 'https://www.fullfact.co.uk/r/7')).toEqual({ added: 1 });
  });
});
