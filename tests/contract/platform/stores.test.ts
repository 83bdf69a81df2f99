/**
 * The platform stores on their own: settings keep only known boolean keys, per-tab state is kept
 * and forgotten per tab, the article store keeps the first-seen time and lists newest first, and
 * import keeps the earlier of two first-seen times and writes nothing when the file is refused.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArticleStore, EXPORT_MAGIC } from '../../../src/platform/article-store';
import { parseRecord } from '../../../src/core/records/parse-record';
import { openDb, type Db } from '../../../src/platform/db';
import { applyFeedRecords, listClaims, readAllClaims, removeFeedRecords } from '../../../src/platform/feed-store';
import { currentGeneration, markChanged, readSnapshotAndGeneration, saveSnapshotIfCurrent } from '../../../src/platform/snapshot-rows';
import { SettingsStore } from '../../../src/platform/settings-store';
import { TabStateStore } from '../../../src/platform/tab-state-store';
import type { ArticleRecord } from '../../../src/core/types';
import type { TabState } from '../../../src/shared/messages';
import { MemoryArea } from '../background/fake-browser';

const art = (url: string, extra: Partial<ArticleRecord> = {}): ArticleRecord => ({
  url, title: url, byline: null, siteName: null, lang: null, publishedTime: null, modifiedTime: null,
  paragraphs: ['p'], links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null }, ...extra,
});

/** An article record from an untrusted sender (a content script, an import) as the background validates it; null if invalid. */
const parseArticleRecord = (raw: unknown): ArticleRecord | null => {
  const r = parseRecord('article', raw, 'untrusted');
  return r.ok ? r.value : null;
};

let db: () => Promise<Db>;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  const p = openDb({ name: 'stores' });
  db = () => p;
});

describe('SettingsStore', () => {
  it('returns defaults, merges updates and drops unknown or mistyped values', async () => {
    const area = new MemoryArea();
    const s = new SettingsStore(area);
    expect(await s.get()).toEqual({ autoCheck: false, harvestClaims: true, highlights: true });
    expect(await s.set({ highlights: false, evil: true, autoCheck: 'yes' } as never)).toEqual({ autoCheck: false, harvestClaims: true, highlights: false });
    expect(Object.keys(area.data.get('settings') as object).sort()).toEqual(['autoCheck', 'harvestClaims', 'highlights']);
  });
});

describe('TabStateStore', () => {
  it('keeps state and highlights per tab and forgets them together', async () => {
    const area = new MemoryArea();
    const tabs = new TabStateStore(area);
    const state = (tabId: number): TabState => ({ tabId, url: 'https://a.example/', status: 'idle', report: null, message: null, analysed: null, highlightsOn: false, updatedAt: 'now' });
    await tabs.put(state(1));
    await tabs.put(state(2));
    await tabs.putHighlights(1, { docId: 'd', highlights: [] });
    await area.set({ settings: { autoCheck: true } });
    expect((await tabs.get(1))?.tabId).toBe(1);
    await tabs.remove(1);
    expect(await tabs.get(1)).toBeNull();
    expect(await tabs.getHighlights(1)).toBeNull();
    expect((await tabs.all()).map((s) => s.tabId)).toEqual([2]);
    await tabs.clear();
    expect([...area.data.keys()]).toEqual(['settings']);
  });
});

describe('ArticleStore', () => {
  it('keeps the first-seen time and lists the newest first', async () => {
    const store = new ArticleStore(db);
    const a = await store.put(art('https://a.example/1'), new Date('2026-01-01T00:00:00Z'));
    expect(a).toMatchObject({ isNew: true, article: { firstSeen: '2026-01-01T00:00:00.000Z' } });
    await store.put(art('https://a.example/2'), new Date('2026-01-02T00:00:00Z'));
    const again = await store.put(art('https://a.example/1', { title: 'updated' }), new Date('2026-02-01T00:00:00Z'));
    expect(again).toMatchObject({ isNew: false, article: { firstSeen: '2026-01-01T00:00:00.000Z', title: 'updated' } });
    expect((await store.recent(10)).map((r) => r.url)).toEqual(['https://a.example/2', 'https://a.example/1']);
    expect(await store.latestFirstSeen()).toBe('2026-01-02T00:00:00.000Z');
    expect((await store.seenSince('2026-01-02T00:00:00.000Z')).map((r) => r.url)).toEqual(['https://a.example/2']);
    const all: string[] = [];
    for await (const x of store.all()) all.push(x.url);
    expect(all).toEqual(['https://a.example/1', 'https://a.example/2']);
  });

  it('imports keeping the earlier first-seen time', async () => {
    const store = new ArticleStore(db);
    await store.put(art('https://a.example/1'), new Date('2026-03-01T00:00:00Z'));
    const json = JSON.stringify({ magic: EXPORT_MAGIC, articles: [art('https://a.example/1', { firstSeen: '2026-01-01T00:00:00.000Z' })], claims: [] });
    expect(await store.importJson(json)).toEqual({ articles: 1, claims: 0, skipped: 0 });
    expect((await store.get('https://a.example/1'))?.firstSeen).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses a nesting bomb or broken JSON in an import file with a clear error, storing nothing', async () => {
    const store = new ArticleStore(db);
    await store.put(art('https://a.example/1'), new Date('2026-03-01T00:00:00Z'));
    const bomb = '['.repeat(200_000);
    await expect(store.importJson(bomb)).rejects.toThrow(/^The file is nested more than 64 levels deep/);
    await expect(store.importJson('{"magic": ')).rejects.toThrow('The file is not valid JSON.');
    const urls: string[] = [];
    for await (const x of store.all()) urls.push(x.url);
    expect(urls).toEqual(['https://a.example/1']);
  });

  it('validates records from untrusted senders', () => {
    expect(parseArticleRecord(art('https://a.example/1'))?.url).toBe('https://a.example/1');
    expect(parseArticleRecord(art('javascript:alert(1)'))).toBeNull();
    expect(parseArticleRecord({ ...art('https://a.example/1'), paragraphs: [1, 2] })).toBeNull();
    // Unknown keys are dropped, not stored.
    expect(parseArticleRecord({ ...art('https://a.example/1'), extra: 'x'.repeat(10) })).not.toHaveProperty('extra');
  });
});

describe('reading a whole store', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks IndexedDB for at most 500 records at a time (Firefox fails a larger answer over its IPC cap) and sees every record once', async () => {
    const N = 1_201;
    const d = await db();
    const tx = d.transaction(['articles', 'claims', 'packEntries'], 'readwrite');
    for (let i = 0; i < N; i++) {
      const url = `https://a.example/${String(i).padStart(5, '0')}`;
      void tx.objectStore('articles').put({ ...art(url), firstSeen: '2026-01-01T00:00:00.000Z' });
      void tx.objectStore('packEntries').put({ url, source: 'feed-1' } as never);
      void tx.objectStore('claims').put({ id: `c${i}`, source: 'feed-1' } as never);
    }
    await tx.done;
    const counts: (number | undefined)[] = [];
    for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
      const getAll = proto.getAll;
      vi.spyOn(proto, 'getAll').mockImplementation(function (this: IDBObjectStore, query?: unknown, count?: number) {
        counts.push(count);
        return getAll.call(this, query as IDBKeyRange, count);
      });
    }

    const store = new ArticleStore(db);
    const seen = async (it: AsyncIterable<{ url: string }>) => {
      const urls: string[] = [];
      for await (const x of it) urls.push(x.url);
      return urls;
    };
    const articles = await seen(store.all());
    expect(articles).toHaveLength(N);
    expect(new Set(articles).size).toBe(N);
    expect(articles).toEqual([...articles].sort());
    expect(await seen(store.packEntries())).toEqual(articles);
    expect((await readAllClaims(d)).claims).toHaveLength(N);
    expect(await listClaims(d)).toHaveLength(N);
    const exported = JSON.parse(await store.exportJson()) as { articles: unknown[]; claims: unknown[] };
    expect([exported.articles.length, exported.claims.length]).toEqual([N, N]);

    expect(counts.length).toBeGreaterThan(0);
    expect(counts.filter((c) => c === undefined || c === 0 || c > 500)).toEqual([]);
  });
});

describe('snapshot rows', () => {
  const read = async (key: string) => (await readSnapshotAndGeneration(await db(), key, 'sources')).snapshot;

  it('keep the bytes in a Blob and read them back whole; rows of earlier versions (bytes inline) still read; other values read as none', async () => {
    const d = await db();
    const generation = await currentGeneration(d, 'sources');
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    expect(await saveSnapshotIfCurrent(d, 'snap', 'sources', { bytes, savedAt: 'now', generation })).toBe(true);
    expect(((await d.get('meta', 'snap'))?.value as { blob?: unknown }).blob).toBeInstanceOf(Blob);
    expect(await readSnapshotAndGeneration(d, 'snap', 'sources')).toEqual({ snapshot: { bytes, savedAt: 'now', generation }, generation });

    await d.put('meta', { key: 'old', value: { bytes, savedAt: 'then', generation: 'g0' } });
    expect(await read('old')).toEqual({ bytes, savedAt: 'then', generation: 'g0' });
    await d.put('meta', { key: 'odd', value: { blob: 'not a blob', savedAt: 'then', generation } });
    expect(await read('odd')).toBeNull();
    expect(await read('missing')).toBeNull();
  });

  it('keep the index head and its shards together: shards read by the lineage that saved them, dropped with the head', async () => {
    const store = new ArticleStore(db);
    const generation = await store.generation();
    const head = (lineage: string) => ({ bytes: Uint8Array.of(1, 2, 3, 4), savedAt: 'now', generation, lastFirstSeen: null, lineage });
    const shard = (x: number) => Uint8Array.of(x, x, x, x);
    expect(await store.putSnapshot(head('a'), new Map([[0, shard(10)], [7, shard(17)], [4095, shard(5)]]))).toBe(true);
    expect((await store.getSnapshot()).snapshot?.lineage).toBe('a');
    expect(await store.readShards('a', [7, 4095])).toEqual(new Map([[7, shard(17)], [4095, shard(5)]]));
    // A later save of the same index writes only what changed; the others stay.
    expect(await store.putSnapshot(head('a'), new Map([[7, shard(27)]]))).toBe(true);
    expect(await store.readShards('a', [0, 7])).toEqual(new Map([[0, shard(10)], [7, shard(27)]]));
    // Another index's rows are never taken for this one's; a missing shard is an error, not an empty one.
    expect(await store.putSnapshot(head('b'), new Map([[7, shard(37)]]))).toBe(true);
    await expect(store.readShards('a', [7])).rejects.toThrow(/shard 7 .*another index/);
    await expect(store.readShards('b', [8])).rejects.toThrow(/shard 8/);
    await store.dropSnapshot();
    expect((await store.getSnapshot()).snapshot).toBeNull();
    await expect(store.readShards('b', [7])).rejects.toThrow(/shard 7/);
    await expect(store.readShards('a', [0])).rejects.toThrow(/shard 0/);
  });

  it('are saved only while the data is at the generation they cover, and every write that the live index does not take changes it', async () => {
    const d = await db();
    const store = new ArticleStore(db);
    const row = (generation: string) => ({ bytes: new Uint8Array(8), savedAt: 'now', generation, lastFirstSeen: null, lineage: 'l1' });
    const g1 = await store.generation();
    expect(await store.generation()).toBe(g1);
    // A visit is caught up by its firstSeen: the generation stays.
    await store.put(art('https://a.example/1'));
    expect(await store.generation()).toBe(g1);
    expect(await store.putSnapshot(row(g1), new Map())).toBe(true);

    await store.importJson(JSON.stringify({ magic: EXPORT_MAGIC, articles: [art('https://a.example/2')], claims: [] }));
    const g2 = await store.generation();
    expect(g2).not.toBe(g1);
    expect((await store.getSnapshot()).snapshot?.generation).toBe(g1); // now stale
    expect(await store.putSnapshot(row(g1), new Map([[3, new Uint8Array(4)]]))).toBe(false);
    await expect(store.readShards('l1', [3])).rejects.toThrow(/shard 3/); // a stale save wrote no shard either

    const tx = d.transaction('meta', 'readwrite');
    await markChanged(tx.store, 'sources');
    await tx.done;
    expect(await store.generation()).not.toBe(g2);
    const g3 = await store.generation();
    const feed = { id: 'feed-1', url: 'https://feeds.example/p.json', kind: 'pack' } as never;
    await applyFeedRecords(d, feed, { kind: 'pack', entries: [] });
    const g4 = await store.generation();
    expect(g4).not.toBe(g3);
    await removeFeedRecords(d, 'feed-1');
    const g5 = await store.generation();
    expect(g5).not.toBe(g4);
    await store.deleteAll();
    expect(await store.generation()).not.toBe(g5);
  });
});
