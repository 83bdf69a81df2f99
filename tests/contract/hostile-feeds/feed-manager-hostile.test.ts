/**
 * The hostile corpus through the extension's feed manager, against a local HTTP server, on the real
 * IndexedDB code (fake-indexeddb): every hostile update is refused with a one-line error and every
 * object store reads back exactly as before (only the feed's own status fields change). Also the
 * attacks that only exist for a subscription: hostile addresses, redirects to private hosts, bad
 * signatures and replayed old versions.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/platform/db';
import { FeedManager } from '../../../src/background/feeds';
import { bytes, claimReview, dataFeed, keyPair, pack } from '../../unit/feeds/feed-fixtures';
import { FEED_HOST, startFeedServer, type FeedServer, type Route } from '../feeds/feed-server';
import { hostileCases } from './hostile-corpus';

const CLAIMS = `https://${FEED_HOST}/claims.json`;
const PACK = `https://${FEED_HOST}/pack.json`;
const GOOD_CLAIMS = JSON.stringify(dataFeed([claimReview(1), claimReview(2)]));
const GOOD_PACK = JSON.stringify(pack(2));

let server: FeedServer;
let db: Db;

/** Every store's rows, in key order, as JSON; the feeds' own status fields are left out (they say what failed). */
async function dump(): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const name of [...db.objectStoreNames].sort()) {
    const rows = (await db.getAll(name as never)) as Array<Record<string, unknown>>;
    out[name] = name === 'feeds' ? rows.map(({ lastError: _e, failures: _f, nextRefresh: _n, ...rest }) => rest) : rows;
  }
  return JSON.stringify(out);
}

/** Distinct random draws, so the two subscriptions get distinct ids. */
let draw = 0;
function manager(): FeedManager {
  return new FeedManager({ db: async () => db, fetch: server.fetchVia, now: () => new Date('2024-05-04T00:00:00Z'), random: () => (++draw % 97) / 97 });
}

/** Subscribes to both kinds with good data; returns the feed ids. */
async function subscribeBoth(publicKey: string | null = null): Promise<{ claims: string; pack: string }> {
  server.routes.set('/claims.json', { body: GOOD_CLAIMS });
  server.routes.set('/pack.json', { body: GOOD_PACK });
  const m = manager();
  const c = await m.subscribe({ url: CLAIMS, kind: 'claimreview', publicKey });
  const p = await m.subscribe({ url: PACK, kind: 'pack', publicKey: null });
  expect(c.lastError).toBeNull();
  expect(p.lastError).toBeNull();
  expect(c.records + p.records).toBe(4);
  return { claims: c.id, pack: p.id };
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openDb({ name: `hostile-${Math.random()}` });
  server = await startFeedServer();
});
afterEach(async () => {
  db.close();
  await server.close();
});

describe('hostile feeds and packs: refused whole, stored data unchanged', () => {
  for (const c of hostileCases()) {
    it(c.name, { timeout: 30_000 }, async () => {
      const ids = await subscribeBoth();
      const before = await dump();
      server.routes.set(c.kind === 'pack' ? '/pack.json' : '/claims.json', { body: c.body, headers: { 'content-type': c.contentType ?? 'application/json' } });
      const status = await manager().refresh(c.kind === 'pack' ? ids.pack : ids.claims);
      expect(status.lastError).toMatch(c.feedError);
      expect(status.lastError).not.toMatch(/\n/);
      expect(await dump()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});

describe('hostile subscription addresses are refused before any request', () => {
  const addresses = [
    'javascript:alert(1)',
    'data:application/json,[]',
    'file:///etc/passwd',
    'ftp://feeds.example/claims.json',
    'http://feeds.example/claims.json',
    'https://user:secret@feeds.example/claims.json',
    'https://localhost/claims.json',
    'https://127.0.0.1/claims.json',
    'https://[::1]/claims.json',
    'https://10.0.0.8/claims.json',
    'https://172.20.1.1/claims.json',
    'https://192.168.1.1/claims.json',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fe80::1]/claims.json',
    'https://[fd00::1]/claims.json',
    'https://printer.local/claims.json',
    'https://intranet/claims.json',
    'https://db.internal/claims.json',
    'not a url',
  ];
  for (const url of addresses) {
    it(url, async () => {
      const before = await dump();
      await expect(manager().subscribe({ url, kind: 'claimreview', publicKey: null })).rejects.toThrow(/^(Not a web address|Feeds must|Feed addresses must not)[^\n]*$/);
      expect(server.requests).toEqual([]);
      expect(await dump()).toBe(before);
    });
  }
});

describe('redirects are refused and their targets never requested', () => {
  const redirect = (status: number, location: string): Route => (res) => void res.writeHead(status, { location }).end();
  const targets: Array<[string, number, string]> = [
    ['to http:', 302, `http://${FEED_HOST}/plain.json`],
    ['to a private address', 302, 'https://192.168.1.1/claims.json'],
    ['to the cloud metadata address', 301, 'http://169.254.169.254/latest/meta-data/'],
    ['to localhost', 307, 'https://localhost:8443/claims.json'],
    ['to another path on the same host', 308, `https://${FEED_HOST}/moved.json`],
    ['a chain ending at a private host', 302, `https://${FEED_HOST}/hop2.json`],
    ['to javascript:', 302, 'javascript:alert(1)'],
  ];
  for (const [name, status, location] of targets) {
    it(name, async () => {
      const ids = await subscribeBoth();
      const before = await dump();
      server.routes.set('/claims.json', redirect(status, location));
      server.routes.set('/hop2.json', redirect(302, 'https://10.0.0.1/claims.json'));
      server.routes.set('/moved.json', { body: GOOD_CLAIMS });
      server.routes.set('/plain.json', { body: GOOD_CLAIMS });
      const requested = server.requests.length;
      const status2 = await manager().refresh(ids.claims);
      expect(status2.lastError).toMatch(/^Network error: the feed's address redirects[^\n]*subscribe to the final https address$/);
      // Only the subscribed address was asked for; no hop was followed.
      expect(server.requests.slice(requested).map((r) => r.path)).toEqual(['/claims.json']);
      expect(await dump()).toBe(before);
    });
  }

  it('a subscription stored before the private-host rule is not fetched at its next refresh', async () => {
    const ids = await subscribeBoth();
    const feed = (await db.get('feeds', ids.claims)) as Record<string, unknown>;
    await db.put('feeds', { ...feed, url: 'https://192.168.1.1/claims.json' } as never);
    const before = await dump();
    const requested = server.requests.length;
    const status = await manager().refresh(ids.claims);
    expect(status.lastError).toMatch(/not fetched: Feeds must be on a public address/);
    expect(server.requests.length).toBe(requested);
    expect(await dump()).toBe(before);
  });
});

describe('signed feeds: bad signatures refused', () => {
  const cases: Array<[string, (sign: (b: Uint8Array) => Promise<string>, body: string) => Promise<string | null>]> = [
    ['missing signature', async () => null],
    ['signature of other content', async (sign) => sign(bytes(JSON.stringify(dataFeed([claimReview(9)]))))],
    ['signature by another key', async (_sign, body) => (await keyPair()).sign(bytes(body))],
    ['signature not base64', async () => '<<not base64>>'],
    ['signature truncated', async (sign, body) => (await sign(bytes(body))).slice(0, 40)],
    ['signature redirected', async () => 'REDIRECT'],
  ];
  for (const [name, makeSig] of cases) {
    it(name, async () => {
      const keys = await keyPair();
      server.routes.set('/claims.json.sig', { body: await keys.sign(bytes(GOOD_CLAIMS)), headers: { 'content-type': 'text/plain' } });
      const ids = await subscribeBoth(keys.publicKey);
      const before = await dump();
      const body = JSON.stringify(dataFeed([claimReview(5)], '2024-06-01T00:00:00Z'));
      server.routes.set('/claims.json', { body });
      const sig = await makeSig(keys.sign, body);
      if (sig === null) server.routes.delete('/claims.json.sig');
      else if (sig === 'REDIRECT') server.routes.set('/claims.json.sig', (res) => void res.writeHead(302, { location: 'https://10.0.0.1/x.sig' }).end());
      else server.routes.set('/claims.json.sig', { body: sig, headers: { 'content-type': 'text/plain' } });
      const status = await manager().refresh(ids.claims);
      expect(status.lastError).toMatch(/signature|Signature|signed/);
      expect(await dump()).toBe(before);
    });
  }
});

describe('replayed old versions are refused', () => {
  it('an older DataFeed', async () => {
    const ids = await subscribeBoth();
    const before = await dump();
    server.routes.set('/claims.json', { body: JSON.stringify(dataFeed([claimReview(7)], '2023-01-01T00:00:00Z')) });
    expect((await manager().refresh(ids.claims)).lastError).toMatch(/older than the data already stored/);
    expect(await dump()).toBe(before);
  });

  it('an older pack', async () => {
    const ids = await subscribeBoth();
    const before = await dump();
    server.routes.set('/pack.json', { body: JSON.stringify(pack(1, '2023-01-01T00:00:00Z')) });
    expect((await manager().refresh(ids.pack)).lastError).toMatch(/older than the data already stored/);
    expect(await dump()).toBe(before);
  });
});
