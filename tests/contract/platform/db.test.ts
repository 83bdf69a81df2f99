/**
 * The IndexedDB schema and its migrations (fake-indexeddb): a fresh open creates the documented
 * stores and indexes; a later migration runs over existing data and can be run back down; a
 * database from a newer version, a blocked upgrade and a versionchange from another context are
 * all handled; a wiped database is told apart from a first run.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DbOpenError,
  MIGRATIONS,
  detectWipe,
  openDb,
  readInstallMarker,
  runMigrations,
  type Migration,
} from '../../../src/platform/db';

let name: string;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  name = `db-${Math.random()}`;
});

describe('schema v1', () => {
  it('creates the documented stores, key paths and indexes, and an install marker', async () => {
    const db = await openDb({ name });
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'claims', 'feeds', 'meta', 'packEntries']);
    const tx = db.transaction(['articles', 'claims', 'packEntries', 'feeds', 'meta']);
    expect(tx.objectStore('articles').keyPath).toBe('url');
    expect([...tx.objectStore('articles').indexNames]).toEqual(['firstSeen']);
    expect(tx.objectStore('claims').keyPath).toBe('id');
    expect([...tx.objectStore('claims').indexNames]).toEqual(['source']);
    expect(tx.objectStore('packEntries').keyPath).toBe('url');
    expect([...tx.objectStore('packEntries').indexNames]).toEqual(['source']);
    expect(tx.objectStore('feeds').keyPath).toBe('id');
    expect(tx.objectStore('meta').keyPath).toBe('key');
    const marker = await readInstallMarker(db);
    expect(marker?.id).toMatch(/^[0-9a-f]{24}$/);
    db.close();

    // Reopening keeps the same marker (it is written once, at creation).
    const again = await openDb({ name });
    expect((await readInstallMarker(again))?.id).toBe(marker?.id);
    again.close();
  });
});

describe('migrations', () => {
  // A hypothetical v2: articles gain a `siteName` index, filled from existing records.
  const v2: Migration = {
    version: 2,
    up(_db, tx) {
      tx.objectStore('articles').createIndex('siteName' as never, 'siteName');
    },
    down(_db, tx) {
      tx.objectStore('articles').deleteIndex('siteName' as never);
    },
  };

  it('upgrades v1 data in place and runs back down without losing records', async () => {
    const v1 = await openDb({ name });
    await v1.put('articles', {
      url: 'https://a.example/1', title: 'A', byline: null, siteName: 'A News', lang: null, publishedTime: null,
      modifiedTime: null, paragraphs: ['x'], links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
      firstSeen: '2026-01-01T00:00:00.000Z',
    });
    v1.close();

    const up = await openDb({ name, version: 2, migrations: [...MIGRATIONS, v2] });
    const byIndex = await up.transaction('articles').store.index('siteName' as never).getAll('A News' as never);
    expect(byIndex.map((a) => a.url)).toEqual(['https://a.example/1']);
    up.close();

    // Down: an upgrade transaction that applies v2's inverse (IndexedDB versions only go up, so a
    // rollback is a new version whose step runs the old step's `down`).
    const down = await openDB(name, 3, {
      upgrade(db, _old, _new, tx) {
        runMigrations(db as never, tx as never, 2, 1, [...MIGRATIONS, v2]);
      },
    });
    expect([...down.transaction('articles').store.indexNames]).toEqual(['firstSeen']);
    expect(await down.count('articles')).toBe(1);
    down.close();
  });

  it('runs v1 down to an empty schema and up again', async () => {
    const db = await openDB(name, 1, { upgrade: (d, o, n, tx) => runMigrations(d as never, tx as never, o, n ?? 1) });
    db.close();
    const emptied = await openDB(name, 2, { upgrade: (d, _o, _n, tx) => runMigrations(d as never, tx as never, 1, 0) });
    expect([...emptied.objectStoreNames]).toEqual([]);
    emptied.close();
    const rebuilt = await openDB(name, 3, { upgrade: (d, _o, _n, tx) => runMigrations(d as never, tx as never, 0, 1) });
    expect([...rebuilt.objectStoreNames].sort()).toEqual(['articles', 'claims', 'feeds', 'meta', 'packEntries']);
    rebuilt.close();
  });

  it('says so when the database is from a newer version', async () => {
    const newer = await openDb({ name, version: 2, migrations: [...MIGRATIONS, v2] });
    newer.close();
    await expect(openDb({ name })).rejects.toMatchObject({ name: 'DbOpenError', reason: 'newer-version' });
  });
});

describe('connections', () => {
  it('closes itself on versionchange so another context can upgrade', async () => {
    let closed = 0;
    const old = await openDb({ name, onClosed: () => closed++ });
    const v2: Migration = { version: 2, up: () => undefined, down: () => undefined };
    const upgraded = await openDb({ name, version: 2, migrations: [...MIGRATIONS, v2], timeoutMs: 2000 });
    expect(closed).toBe(1);
    expect(upgraded.version).toBe(2);
    upgraded.close();
    void old;
  });

  it('gives up on a blocked upgrade within the time box', async () => {
    // A raw connection that never closes on versionchange (an old copy of the extension).
    const stubborn = await openDB(name, 1, { upgrade: (d, o, n, tx) => runMigrations(d as never, tx as never, o, n ?? 1) });
    const v2: Migration = { version: 2, up: () => undefined, down: () => undefined };
    const err = await openDb({ name, version: 2, migrations: [...MIGRATIONS, v2], timeoutMs: 200 }).catch((e) => e);
    expect(err).toBeInstanceOf(DbOpenError);
    expect(err.reason).toBe('blocked');
    stubborn.close();
  });
});

describe('detectWipe', () => {
  it('tells a first run, the same database and a wiped one apart', () => {
    const m = { id: 'abc', createdAt: '2026-01-01T00:00:00.000Z' };
    expect(detectWipe(null, m)).toBe('fresh');
    expect(detectWipe('abc', m)).toBe('same');
    expect(detectWipe('abc', { ...m, id: 'def' })).toBe('wiped');
    expect(detectWipe('abc', null)).toBe('wiped');
  });
});
