/**
 * The background service against fake-indexeddb and a fake `browser`: articles reach the history,
 * reports reach storage.session and the badge, sender rules hold, history-derived highlights wait
 * for the popup, state survives a restart (a new service over the same storage), the index is
 * rebuilt from the store on a cold start, and automatic checking follows settings and permissions.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundService, type BackgroundDeps } from '../../../src/background/background-service';
import { AUTO_PIN_ID, AUTO_SCRIPT_ID } from '../../../src/background/auto-check';
import type { BackgroundEngine, BackgroundIndex } from '../../../src/background/provenance-store';
import { openDb, type Db } from '../../../src/platform/db';
import { ArticleStore, EXPORT_MAGIC } from '../../../src/platform/article-store';
import { articleText, type ArticleRecord, type KnownClaim, type Report } from '../../../src/core/types';
import type { ClaimMatchPlan, RankedClaim } from '../../../src/core/claims';
import { splitSentences } from '../../../src/core/text';
import { siteOf } from '../../../src/core/site';
import type { Result, StorageSummary, TabState } from '../../../src/shared/messages';
import { createFakeBrowser, EXT_BASE, EXT_ID, MemoryArea } from './fake-browser';
import { english } from '../../helpers/messages';
import { checkExtracted } from './check-extracted';

const POPUP = { id: EXT_ID, url: `${EXT_BASE}popup.html?tab=7` };
const OPTIONS = { id: EXT_ID, url: `${EXT_BASE}options.html` };

function article(url: string, paragraphs: string[], extra: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    url,
    title: `Title of ${url}`,
    byline: null,
    siteName: new URL(url).hostname,
    lang: 'en',
    publishedTime: null,
    modifiedTime: null,
    paragraphs,
    links: [],
    signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
    ...extra,
  };
}

const ORIGINAL = article('https://ledger.example/news/seawall', [
  'The council approved a 48 million dollar seawall on Tuesday night after a four-hour meeting.',
  'Residents of the lower harbor district have flooded three times since 2019.',
]);
const COPY = article('https://digest.example/trending/seawall', [
  'The council approved a 48 million dollar seawall on Tuesday night after a four-hour meeting.',
  'Comment below and share this story.',
]);

/**
 * A tiny stand-in engine: retrieval returns every other indexed url, and the verdict is a verbatim
 * copy when a candidate has the same first paragraph. Enough to exercise the plumbing; the real
 * engine gets its own test below.
 */
function fakeEngine(calls: { snapshots: number; fromSnapshot: number }): BackgroundEngine {
  class FakeIndex implements BackgroundIndex {
    docCount = 0;
    idf = () => 1;
    isBoilerplate = () => false;
    docs = new Map<string, string>();
    add(doc: { url: string }) {
      this.docs.set(doc.url, doc.url);
    }
    remove(url: string) {
      return this.docs.delete(url);
    }
    has(url: string) {
      return this.docs.has(url);
    }
    get size() {
      return this.docs.size;
    }
    candidates(_a: ArticleRecord, opts: { excludeUrl?: string } = {}) {
      return [...this.docs.keys()].filter((u) => u !== opts.excludeUrl).map((url) => ({ url, score: 1 }));
    }
    async exportShards() {
      calls.snapshots++;
      return { head: new TextEncoder().encode(JSON.stringify([...this.docs.keys()])), shards: new Map<number, Uint8Array>() };
    }
    shardsUnsaved() {}
  }
  return {
    createIndex: () => new FakeIndex(),
    indexFromSnapshot(bytes) {
      calls.fromSnapshot++;
      const idx = new FakeIndex();
      for (const url of JSON.parse(new TextDecoder().decode(bytes))) idx.add({ url });
      return idx;
    },
    // The pipeline's steps in miniature: candidates (own URL excluded), load, decide, match claims.
    async check(a, index, load, opts = {}) {
      const cands = await Promise.all(index.candidates(a, { excludeUrl: a.url }).map((c) => load(c.url)));
      const src = cands.find((c) => c && 'paragraphs' in c && c.paragraphs[0] === a.paragraphs[0]) as ArticleRecord | undefined;
      const r = report(a, src ?? null);
      if (opts.claims) r.claims = await opts.claims.matchArticle(a);
      return r;
    },
    compare: (a, b) => report(a, b),
  };
}

function report(a: ArticleRecord, src: ArticleRecord | null): Report {
  const ref = (x: ArticleRecord) => ({ url: x.url, title: x.title, siteName: x.siteName, publishedTime: x.publishedTime });
  const first = a.paragraphs[0];
  return {
    schema: 'provenance-lens/report@1',
    article: { ...ref(a), byline: a.byline, lang: a.lang, wordCount: a.paragraphs.join(' ').split(/\s+/).length },
    verdict: src ? 'verbatim-copy' : 'no-match',
    credited: src ? false : null,
    summary: src ? `Copied word for word from ${src.siteName}.` : 'No related article is known.',
    origin: src ? ref(src) : null,
    directSource: src ? ref(src) : null,
    related: src
      ? [{ ...ref(src), relation: 'source', similarity: 0.9, verbatimShare: 0.5, paraphraseShare: 0, kind: 'verbatim-copy', credited: false, evidence: [] }]
      : [],
    passages: src
      ? [{ text: first, start: 0, end: first.length, kind: 'verbatim', score: 1, source: { url: src.url, sentence: first, start: 0, end: first.length } }]
      : [],
    claims: [],
  };
}

const CLAIM: KnownClaim = {
  id: 'https://check.example/review/1',
  claimReviewed: 'residents of the lower harbor district have flooded three times',
  url: 'https://check.example/review/1',
  rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
  reviewer: { name: 'Check Desk', url: null },
  datePublished: null,
  claimAuthor: null,
  appearances: [],
  source: 'import',
};

/** Claim index stand-in: a sentence matches a claim whose text it contains (case-insensitive); the
 * records' half (skip rules, stance) is the real resolveClaimMatches. */
function fakeClaimIndex(stored: KnownClaim[]) {
  const claims = [...stored];
  return {
    rank: (): RankedClaim[] => [],
    get: (id: string) => claims.find((c) => c.id === id),
    prepare: () => undefined,
    toSnapshot: () => new Uint8Array(0),
    get size() {
      return claims.length;
    },
    add(more: KnownClaim[]) {
      claims.push(...more);
    },
    replaceSource(source: string, next: KnownClaim[]) {
      claims.splice(0, claims.length, ...claims.filter((c) => c.source !== source), ...next);
    },
    planMatches(a: Pick<ArticleRecord, 'paragraphs'> & { url?: string }): ClaimMatchPlan {
      const sentences = splitSentences(articleText(a)).flatMap((s) => {
        const hits = claims.filter((c) => s.text.toLowerCase().includes(c.claimReviewed.toLowerCase()));
        return hits.length ? [{ ...s, sentence: hits.map((c) => ({ id: c.id, p: 1 })), clause: [] }] : [];
      });
      return { sentences, ids: sentences.flatMap((s) => s.sentence.map((c) => c.id)), lang: null, own: siteOf(a.url) };
    },
  };
}

let dbName: string;
let fb: ReturnType<typeof createFakeBrowser>;
let calls: { snapshots: number; fromSnapshot: number };

function dbFn(): () => Promise<Db> {
  let p: Promise<Db> | null = null;
  return () => (p ??= openDb({ name: dbName }));
}

function start(extra: Partial<BackgroundDeps> = {}) {
  const svc = createBackgroundService({
    browser: fb.browser,
    messages: english,
    db: dbFn(),
    engine: fakeEngine(calls),
    createClaimIndex: fakeClaimIndex,
    log: { warn: () => undefined, error: () => undefined },
    ...extra,
  });
  return svc as typeof svc & { readonly wiped: boolean };
}

/** The content script of `tabId` (showing `url`) reports its article. */
function extracted(svc: ReturnType<typeof start>, tabId: number, url: string, a: ArticleRecord, extra: object = {}, docId = `doc-${tabId}-${url}`) {
  fb.tabUrls.set(tabId, url);
  return checkExtracted(svc,
    { docId, article: a, declared: { ogUrl: null, canonical: null, home: null }, claimReviews: [] },
    { id: EXT_ID, url, frameId: 0, tab: { id: tabId, url, incognito: false }, ...extra },
  );
}

// Lets queued timers and fake-indexeddb work run; generous so a loaded machine does not flake.
const tick = () => new Promise((r) => setTimeout(r, 25));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `pl-test-${Math.random()}`;
  fb = createFakeBrowser();
  calls = { snapshots: 0, fromSnapshot: 0 };
});

describe('pageCaptured: the background extracts the page the content script captured', () => {
  const sender = (tabId: number, url: string) => ({ id: EXT_ID, url, frameId: 0, tab: { id: tabId, url, incognito: false } });
  const capture = (paragraphs: string[], title = 'Port Alder approves seawall') =>
    `<html lang="en"><head><title>${title}</title><meta property="og:type" content="article"></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

  it('extracts, files under the tab\'s address and checks: a captured copy is found a copy', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    fb.tabUrls.set(2, COPY.url);
    const r = await svc.route({ type: 'pageCaptured', payload: { docId: 'c2', html: capture(ORIGINAL.paragraphs) } }, sender(2, COPY.url));
    expect(r).toEqual({ ok: true, value: { highlightsOn: false } });
    const s = (await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, OPTIONS)) as Result<TabState>;
    expect(s.ok && s.value?.status).toBe('done');
    expect(s.ok && s.value?.report?.verdict).toBe('verbatim-copy');
    const db = await openDb({ name: dbName });
    expect((await db.get('articles', COPY.url))?.paragraphs).toEqual(ORIGINAL.paragraphs);
    db.close();
  });

  it('says a capture that is no article is not one, and refuses what is not a capture', async () => {
    const svc = start();
    fb.tabUrls.set(3, 'https://ledger.example/');
    const r = await svc.route({ type: 'pageCaptured', payload: { docId: 'c3', html: '<html><body><nav><a href="/a">A</a></nav></body></html>' } }, sender(3, 'https://ledger.example/'));
    expect(r.ok).toBe(true);
    const s = (await svc.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(s.ok && s.value?.status).toBe('not-article');
    // Over the capture cap: never parsed; the tab says why.
    const huge = capture(['x'.repeat(200)]) + ' '.repeat(8 * 1024 * 1024);
    await svc.route({ type: 'pageCaptured', payload: { docId: 'c4', html: huge } }, sender(3, 'https://ledger.example/'));
    const t = (await svc.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(t.ok && t.value?.message).toMatch(/too large/);
    // Not a string at all: an error, nothing stored.
    const bad = await svc.route({ type: 'pageCaptured', payload: { docId: 'c5', html: { length: 3 } } }, sender(3, 'https://ledger.example/'));
    expect(bad).toEqual({ ok: false, error: 'invalid page capture' });
    const db = await openDb({ name: dbName });
    expect(await db.count('articles')).toBe(0);
    db.close();
  });
});

describe('checking an extracted article', () => {
  it('stores the article with firstSeen, keeps the report per tab and sets the badge', async () => {
    const svc = start();
    expect(await extracted(svc, 1, ORIGINAL.url, ORIGINAL)).toEqual({ ok: true, value: { highlightsOn: false } });
    const r = await extracted(svc, 2, COPY.url, COPY);
    expect(r.ok).toBe(true);

    const db = await openDb({ name: dbName });
    const stored = await db.get('articles', ORIGINAL.url);
    expect(stored?.firstSeen).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await db.count('articles')).toBe(2);
    db.close();

    const state = (await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, OPTIONS)) as Result<TabState>;
    expect(state.ok && state.value.status).toBe('done');
    expect(state.ok && state.value.report?.verdict).toBe('verbatim-copy');
    expect(state.ok && state.value.analysed?.opening).toContain('The council approved');
    expect(fb.badges.get(2)?.text).toBe('COPY');
    expect(fb.badges.get(1)?.text).toBe('');
  });

  it('a check that fails says so in the tab state (the popup shows it) instead of leaving the tab blank', async () => {
    const engine = fakeEngine(calls);
    const svc = start({ engine: { ...engine, check: () => Promise.reject(new Error('UnknownError: the database refused the read')) } });
    const r = await extracted(svc, 2, COPY.url, COPY);
    expect(r.ok).toBe(false);
    const state = (await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, POPUP)) as Result<TabState>;
    expect(state.ok && state.value.status).toBe('error');
    expect(state.ok && state.value.message).toBe('The check failed: UnknownError: the database refused the read. Check the page again.');
    expect(fb.badges.get(2)?.text ?? '').toBe('');
  });

  it('keeps the first-seen time of an article seen again, and ignores a firstSeen sent by the page', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    const db = await openDb({ name: dbName });
    const first = (await db.get('articles', ORIGINAL.url))!.firstSeen;
    await extracted(svc, 3, COPY.url, { ...COPY, firstSeen: '1999-01-01T00:00:00.000Z' });
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL, {}, 'second-visit');
    expect((await db.get('articles', ORIGINAL.url))!.firstSeen).toBe(first);
    expect((await db.get('articles', COPY.url))!.firstSeen).not.toBe('1999-01-01T00:00:00.000Z');
    db.close();
  });

  it('draws no history-derived highlights on page load; the popup opening draws them', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await extracted(svc, 2, COPY.url, COPY);
    await tick();
    expect(fb.sent.filter((m) => m.type === 'showHighlights')).toEqual([]);

    // Reading the tab's state draws nothing, even from the popup (it shows the verdict first), and
    // the options page asking to reveal is refused: only the popup's opening is the gesture.
    await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, POPUP);
    const refused = (await svc.route({ type: 'revealHighlights', payload: { tabId: 2 } }, OPTIONS)) as Result<TabState>;
    expect(refused.ok ? null : refused.error).toMatch(/only accepted from the popup/);
    expect(fb.sent.filter((m) => m.type === 'showHighlights')).toEqual([]);

    const state = (await svc.route({ type: 'revealHighlights', payload: { tabId: 2 } }, POPUP)) as Result<TabState>;
    const shown = fb.sent.filter((m) => m.type === 'showHighlights');
    expect(shown).toHaveLength(1);
    expect(shown[0].tabId).toBe(2);
    const h = shown[0].payload.highlights[0];
    expect(h.kind).toBe('verbatim');
    expect(h.selector.exact).toBe(COPY.paragraphs[0]);
    expect(h.selector.prefix).toBe('');
    expect(h.selector.suffix).toBe('\n\n' + COPY.paragraphs[1].slice(0, 30));
    expect(h.card.sentence).toBe(ORIGINAL.paragraphs[0]);
    expect(h.card.url).toBe(ORIGINAL.url);
    expect(state.ok && state.value.highlightsOn).toBe(true);
  });

  it('the passage shortcut draws the highlights of a checked page and moves to the next or previous passage; elsewhere it does nothing', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await extracted(svc, 2, COPY.url, COPY);
    await svc.onCommand('next-passage', 9); // a tab never checked
    await svc.onCommand('unknown-command', 2);
    await svc.onCommand('next-passage', undefined);
    expect(fb.sent.filter((m) => m.type === 'showHighlights' || m.type === 'movePassage')).toEqual([]);
    await svc.onCommand('next-passage', 2);
    await svc.onCommand('previous-passage', 2);
    const sent = fb.sent.filter((m) => m.tabId === 2 && (m.type === 'showHighlights' || m.type === 'movePassage'));
    expect(sent.map((m) => [m.type, m.type === 'movePassage' ? m.payload.step : null])).toEqual([
      ['showHighlights', null],
      ['movePassage', 1],
      ['movePassage', -1],
    ]);
    const state = (await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, OPTIONS)) as Result<TabState>;
    expect(state.ok && state.value.highlightsOn).toBe(true);
  });

  it('respects the highlights setting when the popup opens', async () => {
    const svc = start();
    await svc.route({ type: 'setSettings', payload: { highlights: false } }, OPTIONS);
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await extracted(svc, 2, COPY.url, COPY);
    const revealed = (await svc.route({ type: 'revealHighlights', payload: { tabId: 2 } }, POPUP)) as Result<TabState>;
    expect(revealed.ok && revealed.value.highlightsOn).toBe(false);
    expect(fb.sent.filter((m) => m.type === 'showHighlights')).toEqual([]);
    const on = (await svc.route({ type: 'setHighlights', payload: { tabId: 2, on: true } }, POPUP)) as Result<TabState>;
    expect(on.ok && on.value.highlightsOn).toBe(true);
    const off = (await svc.route({ type: 'setHighlights', payload: { tabId: 2, on: false } }, POPUP)) as Result<TabState>;
    expect(off.ok && off.value.highlightsOn).toBe(false);
    expect(fb.sent.map((m) => m.type)).toEqual(['showHighlights', 'hideHighlights']);
  });

  it('sends claim highlights at once (public feed data), and adds "!" to an otherwise empty badge', async () => {
    const db = await openDb({ name: dbName });
    await db.put('claims', CLAIM);
    db.close();
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await tick();
    const shown = fb.sent.filter((m) => m.type === 'showHighlights');
    expect(shown).toHaveLength(1);
    expect(shown[0].payload.highlights.map((h: { kind: string }) => h.kind)).toEqual(['claim']);
    expect(shown[0].payload.highlights[0].card.rating).toBe('False');
    expect(fb.badges.get(1)?.text).toBe('!');
  });

  it('puts "!" ahead of the copy verdict for a copy repeating a claim rated False, the tooltip naming both', async () => {
    const db = await openDb({ name: dbName });
    await db.put('claims', CLAIM);
    db.close();
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    const copy = article(COPY.url, [ORIGINAL.paragraphs[0], ORIGINAL.paragraphs[1]]);
    await extracted(svc, 2, copy.url, copy);
    const state = (await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, POPUP)) as Result<TabState>;
    expect(state.ok && state.value.report?.verdict).toBe('verbatim-copy');
    expect(state.ok && state.value.report?.claims.map((c) => c.stance ?? 'repeats')).toEqual(['repeats']);
    expect(fb.badges.get(2)).toMatchObject({ text: '!', title: 'Provenance Lens: repeats 1 claim fact-checkers rated false or misleading; provenance: Copied word for word' });
  });

  it('never highlights or badges a sentence that debunks a claim', async () => {
    const db = await openDb({ name: dbName });
    await db.put('claims', CLAIM);
    db.close();
    const svc = start();
    const debunk = article('https://radio.example/news/flood-claim', [
      'Fact-checkers found no evidence that residents of the lower harbor district have flooded three times since 2019.',
    ]);
    await extracted(svc, 1, debunk.url, debunk);
    await tick();
    const state = (await svc.route({ type: 'getTabState', payload: { tabId: 1 } }, POPUP)) as Result<TabState>;
    expect(state.ok && state.value.report?.claims.map((c) => c.stance)).toEqual(['refutes']);
    const claimMarks = fb.sent.filter((m) => m.type === 'showHighlights').flatMap((m) => m.payload.highlights).filter((h: { kind: string }) => h.kind === 'claim');
    expect(claimMarks).toEqual([]);
    expect(fb.badges.get(1)?.text ?? '').not.toBe('!');
  });

  it('keeps claims harvested from visited fact-check pages off the page until the popup asks', async () => {
    // A harvested claim reveals which fact-check the user read: the page must not learn it.
    const db = await openDb({ name: dbName });
    await db.put('claims', { ...CLAIM, source: 'harvest' });
    db.close();
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await tick();
    expect(fb.sent.filter((m) => m.type === 'showHighlights')).toEqual([]);
    // The badge (not visible to the page) and the stored report still carry it.
    expect(fb.badges.get(1)?.text).toBe('!');
  });

  it('records nothing from private windows', async () => {
    const svc = start();
    const url = ORIGINAL.url;
    const r = await checkExtracted(svc,
      { docId: 'p', article: ORIGINAL, declared: { ogUrl: null, canonical: null, home: null }, claimReviews: [] },
      { id: EXT_ID, url, frameId: 0, tab: { id: 4, url, incognito: true } },
    );
    expect(r.ok).toBe(true);
    await extracted(svc, 2, COPY.url, COPY);
    const db = await openDb({ name: dbName });
    expect(await db.get('articles', ORIGINAL.url)).toBeUndefined();
    db.close();
    // Nor does the private article reach the in-memory index: the copy finds no source.
    const state = (await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, OPTIONS)) as Result<TabState>;
    expect(state.ok && state.value.report?.verdict).toBe('no-match');
  });

  it('ignores prerendered documents', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL, { documentLifecycle: 'prerender' });
    const db = await openDb({ name: dbName });
    expect(await db.count('articles')).toBe(0);
    db.close();
    expect(fb.session.data.size).toBe(0);
  });

  it('files an article claiming another site under the page that sent it', async () => {
    const svc = start();
    const evil = 'https://evil.example/page';
    await extracted(svc, 1, evil, { ...COPY, url: ORIGINAL.url });
    const db = await openDb({ name: dbName });
    expect(await db.get('articles', ORIGINAL.url)).toBeUndefined();
    expect(await db.get('articles', evil)).toBeDefined();
    db.close();
  });

  it('rejects a malformed article record', async () => {
    const svc = start();
    const r = await extracted(svc, 1, ORIGINAL.url, { ...ORIGINAL, paragraphs: 'not a list' as unknown as string[] });
    expect(r).toEqual({ ok: false, error: 'invalid article record' });
  });
});

describe('navigation and document changes', () => {
  it('clears the report and badge when the tab navigates away, but not on a hash change', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await extracted(svc, 2, COPY.url, COPY);
    await svc.onTabUpdated(2, { status: 'loading', url: COPY.url + '#comments' }, {});
    expect(fb.badges.get(2)?.text).toBe('COPY');
    await svc.onTabUpdated(2, { status: 'loading', url: 'https://digest.example/other' }, {});
    expect(fb.badges.get(2)?.text).toBe('');
    const state = await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, OPTIONS);
    expect(state).toEqual({ ok: true, value: null });
  });

  it('treats a reload as a new document', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await svc.onTabUpdated(1, { status: 'loading' }, { url: ORIGINAL.url });
    expect(await svc.route({ type: 'getTabState', payload: { tabId: 1 } }, OPTIONS)).toEqual({ ok: true, value: null });
  });

  it('voids the report on documentChanged and refuses to draw highlights for the old document', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await extracted(svc, 2, COPY.url, COPY);
    await svc.route({ type: 'documentChanged', payload: { docId: 'new-doc' } }, { id: EXT_ID, url: COPY.url, frameId: 0, tab: { id: 2, incognito: false } });
    expect(fb.badges.get(2)?.text).toBe('');
    const r = await svc.route({ type: 'setHighlights', payload: { tabId: 2, on: true } }, POPUP);
    expect(r.ok).toBe(false);
  });

  it('forgets a closed tab', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await svc.onTabRemoved(1);
    expect([...fb.session.data.keys()]).toEqual([]);
  });
});

describe('restart (cold start)', () => {
  it('keeps tab state across a restart and rebuilds the index from the store', async () => {
    const first = start({ snapshotDelayMs: 0 });
    await extracted(first, 1, ORIGINAL.url, ORIGINAL);
    await extracted(first, 2, COPY.url, COPY);
    await new Promise((r) => setTimeout(r, 50)); // let the debounced snapshot save

    // A new service instance over the same storage areas and database: the worker was stopped.
    const restarted = start();
    const state = (await restarted.route({ type: 'getTabState', payload: { tabId: 2 } }, OPTIONS)) as Result<TabState>;
    expect(state.ok && state.value.report?.verdict).toBe('verbatim-copy');

    // The restarted worker finds the original through the index it rebuilt (from the snapshot).
    const again = article('https://third.example/seawall', [...COPY.paragraphs]);
    await extracted(restarted, 3, again.url, again);
    const s3 = (await restarted.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(s3.ok && s3.value.report?.verdict).toBe('verbatim-copy');
    expect(calls.fromSnapshot).toBe(1);
  });

  it('brings a snapshot up to date with articles seen after it was saved', async () => {
    const first = start({ snapshotDelayMs: 60_000 }); // the worker stops before the debounced save
    await extracted(first, 1, ORIGINAL.url, ORIGINAL);
    await extracted(first, 2, COPY.url, COPY);
    const restarted = start();
    const again = article('https://third.example/seawall', [...COPY.paragraphs]);
    await extracted(restarted, 3, again.url, again);
    expect(calls.fromSnapshot).toBe(1);
    const s3 = (await restarted.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(s3.ok && s3.value.report?.verdict).toBe('verbatim-copy');
  });

  it('rebuilds from the articles when the snapshot cannot account for the store', async () => {
    const first = start();
    await extracted(first, 1, ORIGINAL.url, ORIGINAL);
    // An import the snapshot knows nothing of, with an old firstSeen (not caught up by time), and
    // the worker stopped before it could drop the snapshot: the import's generation tells.
    const db = await openDb({ name: dbName });
    await new ArticleStore(() => Promise.resolve(db)).importJson(JSON.stringify({ magic: EXPORT_MAGIC, articles: [{ ...COPY, firstSeen: '2001-01-01T00:00:00.000Z' }], claims: [] }));
    db.close();
    const restarted = start();
    const again = article('https://third.example/seawall', [...COPY.paragraphs]);
    await extracted(restarted, 3, again.url, again);
    expect(calls.snapshots).toBeGreaterThanOrEqual(2); // rebuilt and saved again
    const s3 = (await restarted.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(s3.ok && s3.value.report?.verdict).toBe('verbatim-copy');
  });

  it('notices a database wiped outside the extension', async () => {
    const local = new MemoryArea();
    fb = createFakeBrowser({ local });
    const first = start();
    await first.ready;
    expect(first.wiped).toBe(false);
    globalThis.indexedDB = new IDBFactory(); // the browser cleared site data
    fb = createFakeBrowser({ local });
    const NOW = new Date('2026-11-21T08:00:00Z');
    const second = start({ now: () => NOW });
    await second.ready;
    expect(second.wiped).toBe(true);
    // The options page tells the user, until they dismiss it; a restarted worker still tells.
    const summary = async (svc: ReturnType<typeof start>, type = 'getStorageSummary') =>
      (await svc.route({ type, payload: {} } as never, OPTIONS)) as Result<StorageSummary>;
    const told = await summary(second);
    expect(told.ok && told.value.wipedAt).toBe(NOW.toISOString());
    fb = createFakeBrowser({ local });
    const third = start();
    await third.ready;
    expect(third.wiped).toBe(false);
    const still = await summary(third);
    expect(still.ok && still.value.wipedAt).toBe(NOW.toISOString());
    const dismissed = await summary(third, 'dismissWipeNotice');
    expect(dismissed.ok && dismissed.value.wipedAt).toBeNull();
    const after = await summary(third);
    expect(after.ok && after.value.wipedAt).toBeNull();
  });
});

describe('checkTab', () => {
  it('injects the content script and asks it to extract; the reply carries the finished state', async () => {
    const svc = start();
    fb.tabUrls.set(5, ORIGINAL.url);
    fb.state.onTabMessage = (m) => {
      if (m.type !== 'extractArticle') return { ok: true, value: null };
      // The content script sends its capture and waits for the reply before answering.
      return extracted(svc, 5, ORIGINAL.url, ORIGINAL, {}, 'd5').then(() => ({ ok: true, value: { docId: 'd5', extracted: true } }));
    };
    const r = (await svc.route({ type: 'checkTab', payload: { tabId: 5 } }, POPUP)) as Result<TabState>;
    expect(fb.executed).toEqual([5]);
    expect(r.ok && r.value.status).toBe('done');
  });

  it('a check from the popup answers the result first; the popup then asks, and the one rule reveals the highlights', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    fb.tabUrls.set(5, COPY.url);
    fb.state.onTabMessage = (m) => {
      if (m.type !== 'extractArticle') return { ok: true, value: null };
      return extracted(svc, 5, COPY.url, COPY, {}, 'd5').then(() => ({ ok: true, value: { docId: 'd5', extracted: true } }));
    };
    const r = (await svc.route({ type: 'checkTab', payload: { tabId: 5 } }, POPUP)) as Result<TabState>;
    expect(r.ok && r.value.status).toBe('done');
    expect(r.ok && r.value.highlightsOn).toBe(false);
    expect(fb.sent.filter((m) => m.type === 'showHighlights')).toEqual([]);
    const shown = (await svc.route({ type: 'revealHighlights', payload: { tabId: 5 } }, POPUP)) as Result<TabState>;
    expect(shown.ok && shown.value.highlightsOn).toBe(true);
    expect(fb.sent.filter((m) => m.type === 'showHighlights').map((m) => m.tabId)).toEqual([5]);
  });

  it('says so when the browser does not allow the page to be checked', async () => {
    const svc = start();
    fb.tabUrls.set(5, 'chrome://settings/');
    fb.state.injectFails = true;
    const r = (await svc.route({ type: 'checkTab', payload: { tabId: 5 } }, POPUP)) as Result<TabState>;
    expect(r.ok && r.value.status).toBe('error');
    expect(r.ok && r.value.message).toMatch(/cannot be checked/);
  });

  it('rejects a bad tab id', async () => {
    const svc = start();
    expect(await svc.route({ type: 'checkTab', payload: { tabId: 'x' } }, POPUP)).toEqual({ ok: false, error: 'invalid tabId' });
  });
});

describe('automatic checking', () => {
  it('needs granted site access, then registers the content script for the granted sites', async () => {
    const svc = start();
    const denied = await svc.route({ type: 'setSettings', payload: { autoCheck: true } }, OPTIONS);
    expect(denied.ok).toBe(false);
    expect(fb.registered()).toEqual([]);

    fb.state.origins = ['https://*/*', 'http://*/*'];
    const r = await svc.route({ type: 'setSettings', payload: { autoCheck: true } }, OPTIONS);
    expect(r).toMatchObject({ ok: true, value: { autoCheck: true } });
    expect(fb.registered()).toEqual([
      expect.objectContaining({ id: AUTO_PIN_ID, js: ['pin.js'], matches: ['http://*/*', 'https://*/*'], runAt: 'document_start', allFrames: false }),
      expect.objectContaining({ id: AUTO_SCRIPT_ID, js: ['content.js'], matches: ['http://*/*', 'https://*/*'], runAt: 'document_idle', allFrames: false }),
    ]);

    // Registration is re-synced on every start without duplicates.
    await start().ready;
    expect(fb.registered()).toHaveLength(2);

    // Access withdrawn in the browser's settings: the script goes and the setting follows.
    fb.state.origins = [];
    await svc.onPermissionsChanged();
    expect(fb.registered()).toEqual([]);
    expect(await svc.route({ type: 'getSettings', payload: {} }, OPTIONS)).toMatchObject({ ok: true, value: { autoCheck: false } });
  });

  it('a navigation wakes the background into restoring both indexes before the article arrives (automatic checking on only)', async () => {
    await extracted(start(), 1, ORIGINAL.url, ORIGINAL); // builds the index and saves its snapshot
    let claimBuilds = 0;
    const countingClaimIndex = (stored: KnownClaim[]) => (claimBuilds++, fakeClaimIndex(stored));
    const loaded = async (settings: 'on' | 'off', url: string) => {
      const svc = start({ createClaimIndex: countingClaimIndex }); // a cold worker
      if (settings === 'on') {
        fb.state.origins = ['https://*/*'];
        await svc.route({ type: 'setSettings', payload: { autoCheck: true } }, OPTIONS);
      } else await svc.route({ type: 'setSettings', payload: { autoCheck: false } }, OPTIONS);
      [calls.fromSnapshot, claimBuilds] = [0, 0];
      await svc.onTabUpdated(2, { status: 'loading', url }, {});
      for (let i = 0; i < 4; i++) await tick();
      return { svc, index: calls.fromSnapshot, claims: claimBuilds };
    };

    expect(await loaded('off', COPY.url)).toMatchObject({ index: 0, claims: 0 });
    expect(await loaded('on', 'chrome://newtab/')).toMatchObject({ index: 0, claims: 0 });
    const { svc, ...warmed } = await loaded('on', COPY.url);
    expect(warmed).toEqual({ index: 1, claims: 1 });
    // The check then uses what was loaded, and finds the copy as a cold check would.
    await extracted(svc, 2, COPY.url, COPY);
    expect([calls.fromSnapshot, claimBuilds]).toEqual([1, 1]);
    expect(fb.badges.get(2)?.text).toBe('COPY');
  });

  it('turning it off unregisters the script', async () => {
    fb.state.origins = ['http://*/*'];
    const svc = start();
    await svc.route({ type: 'setSettings', payload: { autoCheck: true } }, OPTIONS);
    await svc.route({ type: 'setSettings', payload: { autoCheck: false } }, OPTIONS);
    expect(fb.registered()).toEqual([]);
  });
});

describe('data management', () => {
  it('summarises, exports, deletes all and imports back', async () => {
    const svc = start();
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await extracted(svc, 2, COPY.url, COPY);
    const summary = (await svc.route({ type: 'getStorageSummary', payload: {} }, OPTIONS)) as Result<any>;
    expect(summary.ok && summary.value.articles).toBe(2);
    expect(summary.ok && summary.value.bytes).toBeGreaterThan(0);
    expect(summary.ok && summary.value.recent.map((r: { url: string }) => r.url).sort()).toEqual([COPY.url, ORIGINAL.url].sort());

    const exported = (await svc.route({ type: 'exportData', payload: {} }, OPTIONS)) as Result<{ json: string }>;
    expect(exported.ok).toBe(true);
    const json = exported.ok ? exported.value.json : '';

    const after = (await svc.route({ type: 'deleteAllData', payload: {} }, OPTIONS)) as Result<any>;
    expect(after.ok && after.value.articles).toBe(0);
    expect(fb.badges.get(2)?.text).toBe('');
    expect([...fb.session.data.keys()]).toEqual([]);

    const imported = await svc.route({ type: 'importData', payload: { json } }, OPTIONS);
    expect(imported).toEqual({ ok: true, value: { articles: 2, claims: 0, skipped: 0 } });
    // The imported history is searchable again (the index was rebuilt).
    const again = article('https://third.example/seawall', [...COPY.paragraphs]);
    await extracted(svc, 3, again.url, again);
    const s3 = (await svc.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(s3.ok && s3.value.report?.verdict).toBe('verbatim-copy');
  });

  it('refuses an import that is not an export file, and skips bad records', async () => {
    const svc = start();
    expect(await svc.route({ type: 'importData', payload: { json: '{"hello":1}' } }, OPTIONS)).toMatchObject({ ok: false });
    expect(await svc.route({ type: 'importData', payload: { json: 'nope' } }, OPTIONS)).toEqual({ ok: false, error: 'The file is not valid JSON.' });
    const json = JSON.stringify({
      magic: 'provenance-lens/export@1',
      articles: [ORIGINAL, { ...ORIGINAL, url: 'javascript:alert(1)' }, { url: 'https://x.example/' }],
      claims: [CLAIM, { id: 'x' }],
    });
    expect(await svc.route({ type: 'importData', payload: { json } }, OPTIONS)).toEqual({ ok: true, value: { articles: 1, claims: 1, skipped: 3 } });
  });

  it('answers feed calls with a clear error when the feeds module is absent, and calls it when present', async () => {
    const svc = start();
    expect(await svc.route({ type: 'listFeeds', payload: {} }, OPTIONS)).toMatchObject({ ok: false, error: expect.stringMatching(/not available/) });
    const listFeeds = vi.fn(async () => []);
    const withFeeds = start({ feeds: { listFeeds } });
    expect(await withFeeds.route({ type: 'listFeeds', payload: {} }, OPTIONS)).toEqual({ ok: true, value: [] });
    expect(listFeeds).toHaveBeenCalledOnce();
  });

  it('harvests ClaimReview from a visited page when the setting is on, and the new claims match at once', async () => {
    // As wired in background/index.ts: the feed handlers add the claims through the claim store.
    const harvestClaimReviews = vi.fn(async () => svc.claims.add([CLAIM]));
    let builds = 0;
    const svc = start({ feeds: { harvestClaimReviews }, createClaimIndex: (c) => (builds++, fakeClaimIndex(c)) });
    await extracted(svc, 2, 'https://other.example/unrelated', article('https://other.example/unrelated', ['Nothing to see here about any claim at all.']));
    expect(builds).toBe(1);
    const factCheck = article('https://check.example/review/1', ['We reviewed the claim in detail and rate it false for many reasons.']);
    fb.tabUrls.set(9, factCheck.url);
    await checkExtracted(svc,
      { docId: 'f', article: factCheck, declared: { ogUrl: null, canonical: null, home: null }, claimReviews: [{ '@type': 'ClaimReview' }] },
      { id: EXT_ID, url: factCheck.url, frameId: 0, tab: { id: 9, url: factCheck.url, incognito: false } },
    );
    expect(harvestClaimReviews).toHaveBeenCalledWith([{ '@type': 'ClaimReview' }], factCheck.url);
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    const s = (await svc.route({ type: 'getTabState', payload: { tabId: 1 } }, OPTIONS)) as Result<TabState>;
    expect(s.ok && s.value.report?.claims.map((c) => c.claim.id)).toEqual([CLAIM.id]);
    expect(builds).toBe(1); // the built index grew; it was not read back from the database
  });
});

describe('claim feeds', () => {
  it('a refreshed or removed claim feed changes the built claim index without a rebuild', async () => {
    let builds = 0;
    const svc = start({ createClaimIndex: (c) => (builds++, fakeClaimIndex(c)) });
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    expect(builds).toBe(1);
    // As wired in background/index.ts: the feed manager stores the records, then reports the set.
    const feedClaim = { ...CLAIM, source: 'feed-1' };
    svc.claims.changed({ kind: 'replaced', source: 'feed-1', claims: [feedClaim] });
    const repeat = article('https://repeat.example/flooding', [...ORIGINAL.paragraphs]);
    await extracted(svc, 2, repeat.url, repeat);
    const s = (await svc.route({ type: 'getTabState', payload: { tabId: 2 } }, OPTIONS)) as Result<TabState>;
    expect(s.ok && s.value.report?.claims.map((c) => c.claim.id)).toEqual([CLAIM.id]);
    svc.claims.changed({ kind: 'replaced', source: 'feed-1', claims: [] });
    await extracted(svc, 3, 'https://third.example/flooding', article('https://third.example/flooding', [...ORIGINAL.paragraphs]));
    const t = (await svc.route({ type: 'getTabState', payload: { tabId: 3 } }, OPTIONS)) as Result<TabState>;
    expect(t.ok && t.value.report?.claims).toEqual([]);
    expect(builds).toBe(1);
  });
});

describe('evidence export (popup)', () => {
  it('exports the tab\'s evidence as Web Annotations, the source sentence quoted from the history', async () => {
    const svc = start({ now: () => new Date('2026-11-22T12:00:00Z') });
    await extracted(svc, 1, ORIGINAL.url, ORIGINAL);
    await extracted(svc, 2, COPY.url, COPY);
    const r = (await svc.route({ type: 'exportEvidence', payload: { tabId: 2 } }, OPTIONS)) as Result<{ json: string; fileName: string }>;
    if (!r.ok) throw new Error(r.error);
    expect(r.value.fileName).toBe('provenance-lens-evidence-digest.example-2026-11-22.jsonld');
    const page = JSON.parse(r.value.json);
    expect(page['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(page.items[0]).toMatchObject({ motivation: 'assessing', target: COPY.url });
    const linking = page.items.filter((x: { motivation: string }) => x.motivation === 'linking');
    expect(linking).toHaveLength(1);
    expect(linking[0].target.selector).toMatchObject({ type: 'TextQuoteSelector', exact: COPY.paragraphs[0] });
    expect(linking[0].body[1]).toMatchObject({ source: ORIGINAL.url, selector: { exact: ORIGINAL.paragraphs[0] } });
    expect(linking[0].body[1].selector.suffix).toBe(articleText(ORIGINAL).slice(ORIGINAL.paragraphs[0].length, ORIGINAL.paragraphs[0].length + 32));
    const none = await svc.route({ type: 'exportEvidence', payload: { tabId: 9 } }, OPTIONS);
    expect(none).toEqual({ ok: false, error: 'This tab has no report yet.' });
  });
});

describe('claim search (options page)', () => {
  it('ranks the known claims for a text, with a capped query and result count', async () => {
    const db = await openDb({ name: dbName });
    await db.put('claims', CLAIM);
    await db.put('claims', { ...CLAIM, id: 'other', claimReviewed: 'Ferry fares will double in January.' });
    db.close();
    const seen: Array<{ text: string; k: number }> = [];
    const svc = start({
      createClaimIndex: (claims) => ({
        ...fakeClaimIndex(claims),
        rank: (text: string, k: number) => (seen.push({ text, k }), claims.filter((c) => text.includes(c.claimReviewed.split(' ')[1])).map((claim) => ({ id: claim.id, score: 1 }))),
      }),
    });
    const r = (await svc.route({ type: 'searchClaims', payload: { text: `x ${CLAIM.claimReviewed.split(' ')[1]} ${'y'.repeat(5000)}`, limit: 500 } }, OPTIONS)) as Result<Array<{ claim: KnownClaim }>>;
    expect(r.ok && r.value.map((h) => h.claim.id)).toEqual([CLAIM.id]);
    expect(seen[0].text.length).toBe(1000);
    expect(seen[0].k).toBe(20);
    const bad = await svc.route({ type: 'searchClaims', payload: { text: 42 } } as never, OPTIONS);
    expect(bad).toEqual({ ok: false, error: 'Nothing to search for.' });
  });
});

describe('start-up', () => {
  it('retries a failed start on the next call instead of failing until the worker restarts', async () => {
    let attempts = 0;
    const real = dbFn();
    const svc = start({
      db: () => {
        attempts++;
        return attempts === 1 ? Promise.reject(new Error('The local database is held open by an older copy of the extension.')) : real();
      },
    });
    const first = await svc.route({ type: 'getSettings', payload: {} }, OPTIONS);
    expect(first).toEqual({ ok: false, error: 'The local database is held open by an older copy of the extension.' });
    const second = await svc.route({ type: 'getSettings', payload: {} }, OPTIONS);
    expect(second).toMatchObject({ ok: true, value: { autoCheck: false } });
  });
});

describe('hostile pages', () => {
  it('stops remembering a flood of articles from one tab, but still checks them', async () => {
    const svc = start();
    for (let i = 0; i < 35; i++) {
      const a = article(`https://flood.example/story-${i}`, [`Made-up story number ${i} about the seawall.`]);
      const r = await extracted(svc, 4, a.url, a, {}, `d${i}`);
      expect(r.ok).toBe(true);
    }
    const db = await openDb({ name: dbName });
    expect(await db.count('articles')).toBe(30);
    db.close();
    // Another tab is not affected.
    await extracted(svc, 5, ORIGINAL.url, ORIGINAL);
    const db2 = await openDb({ name: dbName });
    expect(await db2.get('articles', ORIGINAL.url)).toBeDefined();
    db2.close();
  });

  it('refuses an article whose text is larger than extraction ever produces', async () => {
    const svc = start();
    const huge = article('https://ledger.example/huge', Array.from({ length: 3 }, () => 'x'.repeat(900_000)));
    expect(await extracted(svc, 1, huge.url, huge)).toEqual({ ok: false, error: 'invalid article record' });
  });
});

describe('interrupted checks', () => {
  it('reports a check cut off by a stopped worker instead of "checking" forever', async () => {
    let clock = new Date('2026-11-20T10:00:00Z');
    const svc = start({ now: () => clock });
    fb.tabUrls.set(6, ORIGINAL.url);
    fb.state.onTabMessage = () => new Promise(() => undefined); // the worker dies while waiting
    void svc.route({ type: 'checkTab', payload: { tabId: 6 } }, POPUP);
    // The check records "checking" before it waits on the page (polled: a loaded machine is slow).
    await vi.waitFor(async () => {
      const during = (await svc.route({ type: 'getTabState', payload: { tabId: 6 } }, POPUP)) as Result<TabState | null>;
      expect(during.ok && during.value?.status).toBe('checking');
    });
    clock = new Date('2026-11-20T10:05:00Z');
    const later = (await start({ now: () => clock }).route({ type: 'getTabState', payload: { tabId: 6 } }, POPUP)) as Result<TabState>;
    expect(later.ok && later.value.status).toBe('error');
    expect(later.ok && later.value.message).toMatch(/interrupted/);
  });

  it('keeps the verdict of a check whose claim matching was cut off, and says the claims were not checked', async () => {
    const clock = new Date('2026-11-20T10:05:00Z');
    // What a worker stopped between the verdict and the claims left in the session store.
    const verdictFirst: TabState & { docId: string } = {
      tabId: 6, url: COPY.url, status: 'done', report: report(COPY, ORIGINAL), message: null, analysed: null,
      highlightsOn: false, updatedAt: '2026-11-20T10:00:00.000Z', claimsStatus: 'pending', docId: 'doc-6',
    };
    await fb.browser.storage.session.set({ 'tab:6': verdictFirst });
    const later = (await start({ now: () => clock }).route({ type: 'getTabState', payload: { tabId: 6 } }, POPUP)) as Result<TabState>;
    expect(later.ok && later.value.status).toBe('done');
    expect(later.ok && later.value.report?.verdict).toBe('verbatim-copy');
    expect(later.ok && later.value.claimsStatus).toBe('failed');
    expect(later.ok && later.value.message).toMatch(/claim check was interrupted/);
  });
});
