/**
 * The platform stores on their own: settings keep only known boolean keys, per-tab state is kept
 * and forgotten per tab, the article store keeps the first-seen time and lists newest first, and
 * import keeps the earlier of two first-seen times and writes nothing when the file is refused.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore, EXPORT_MAGIC } from '../../../src/platform/article-store';
import { parseRecord } from '../../../src/core/records/parse-record';
import { openDb, type Db } from '../../../src/platform/db';
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
