/**
 * The background's behaviour, independent of how listeners are registered: one `ready` promise,
 * the handlers for every call map, navigation and permission events, the badge, and the in-memory
 * provenance and claim indexes (caches rebuilt from IndexedDB on a cold start). Browser APIs,
 * the database, the engine, claims and feeds are all injected, so contract tests run it against
 * fakes and a "restart" is simply a new service over the same storage.
 */
import type { ClaimIndex } from '../core/claims';
import type { CheckIndex, DocLoader, ProvenanceIndex, checkArticle, compareArticles } from '../core/engine';
import { buildEvidence, evidenceSourceUrls } from '../core/export/build-evidence';
import { articleText, type ArticleRecord, type KnownClaim, type Report } from '../core/types';
import {
  DEFAULT_SETTINGS,
  type BackgroundToContent,
  type FeedStatus,
  type Highlight,
  type OptionsToBackground,
  type ReplyOf,
  type Settings,
  type StorageSummary,
  type TabState,
} from '../shared/messages';
import { parseArticleRecord } from '../platform/article-store';
import { readInstallMarker, detectWipe, type Db } from '../platform/db';
import type { KeyValueArea } from '../platform/settings-store';
import { createStores } from '../platform/stores';
import type { StoredTabState } from '../platform/tab-state-store';
import { badgeFor } from './badge';
import { buildHighlights } from './build-highlights';
import { createRouter, type Router, type Sender, type TabSender } from './router';
import { sameSite, stripHash } from './urls';

/** The retrieval index the background keeps: what a check reads, plus upkeep and its snapshot. */
export type BackgroundIndex = CheckIndex & Pick<ProvenanceIndex, 'add' | 'remove' | 'size' | 'toSnapshot'>;

/** The engine the background runs (src/core/engine): the one check pipeline and its index. */
export interface BackgroundEngine {
  createIndex(): BackgroundIndex;
  /** Throws when the bytes are of another format (the index is then rebuilt). */
  indexFromSnapshot(bytes: Uint8Array): BackgroundIndex;
  check: typeof checkArticle;
  compare: typeof compareArticles;
}

/** The claim index the background keeps (src/core/claims ClaimIndex), updated in place. */
export type BackgroundClaimIndex = Pick<ClaimIndex, 'size' | 'matchArticle' | 'add' | 'search' | 'replaceSource'>;

/** Longest text the options page's claim search takes, and most results it returns. */
const MAX_CLAIM_QUERY_CHARS = 1000;
const MAX_CLAIM_RESULTS = 20;

/** Feed and claim handlers (src/background/feeds); missing ones answer "not available". */
export interface FeedsApi {
  listFeeds?: (p: Record<string, never>) => Promise<FeedStatus[]>;
  subscribeFeed?: (p: { url: string; kind: FeedStatus['kind']; publicKey: string | null }) => Promise<FeedStatus>;
  refreshFeed?: (p: { id: string }) => Promise<FeedStatus>;
  unsubscribeFeed?: (p: { id: string }) => Promise<FeedStatus[]>;
  importClaims?: (p: { json: string }) => Promise<{ added: number; skipped: number }>;
  listClaims?: (p: { limit: number }) => Promise<KnownClaim[]>;
  forgetHarvestedClaims?: (p: Record<string, never>) => Promise<{ removed: number }>;
  /** Adds ClaimReview found on a visited fact-check page to the claims store (and, through the
   * feed handlers' onClaimsChanged, to the built claim index: see claimsAdded). */
  harvestClaimReviews?: (blocks: unknown[], pageUrl: string) => Promise<unknown>;
}

/** The WebExtension API surface the background uses (a subset of `browser`; fakes implement it). */
export interface BackgroundBrowser {
  runtime: { id: string; getURL(path: string): string };
  tabs: {
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
    get(tabId: number): Promise<{ id?: number; url?: string; incognito: boolean }>;
  };
  action: {
    setBadgeText(d: { text: string; tabId?: number }): Promise<void>;
    setBadgeBackgroundColor(d: { color: string; tabId?: number }): Promise<void>;
    setBadgeTextColor?(d: { color: string; tabId?: number }): Promise<void>;
  };
  scripting: {
    executeScript(d: { target: { tabId: number; frameIds?: number[] }; files: string[] }): Promise<unknown>;
    registerContentScripts(s: ContentScriptRegistration[]): Promise<void>;
    unregisterContentScripts(f?: { ids?: string[] }): Promise<void>;
    getRegisteredContentScripts(f?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
  };
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  storage: { local: KeyValueArea; session: KeyValueArea };
}

/** A dynamic content-script registration (scripting.RegisteredContentScript). */
export interface ContentScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_idle';
  allFrames: boolean;
  persistAcrossSessions: boolean;
}

/** Everything the service depends on. */
export interface BackgroundDeps {
  browser: BackgroundBrowser;
  db: () => Promise<Db>;
  engine: BackgroundEngine;
  createClaimIndex: (claims: KnownClaim[]) => BackgroundClaimIndex;
  feeds?: FeedsApi;
  now?: () => Date;
  log?: Pick<Console, 'warn' | 'error'>;
  /** Delay before saving the index snapshot after new articles (default SNAPSHOT_DELAY_MS). */
  snapshotDelayMs?: number;
}

/** Id of the dynamic content script used for automatic checking. */
export const AUTO_SCRIPT_ID = 'pl-auto-check';

/** Cap on ClaimReview blocks harvested from one page (a page is hostile and could send thousands). */
const MAX_HARVEST_BLOCKS = 50;
/**
 * Delay before saving the index snapshot after new articles. Saving after each article would
 * serialise the whole index per page view; waiting batches a reading session, and a worker
 * stopped before the save only costs adding the articles seen since (by firstSeen) on the next
 * cold start.
 */
const SNAPSHOT_DELAY_MS = 5_000;
/**
 * At most this many new articles enter the history from one tab per RATE_WINDOW_MS. A reader on a
 * single-page news site opens a few articles a minute; a hostile page sending a stream of made-up
 * articles under its own addresses (to pose as the "original" of stories read later) is cut off.
 * Beyond the limit a page is still checked, just not remembered.
 */
const RATE_LIMIT = 30;
const RATE_WINDOW_MS = 10 * 60_000;
/**
 * A check still "checking" after this long was cut off (the worker stopped mid-check). A real
 * check takes well under a second, a cold start with a big history a few seconds; a minute
 * leaves a wide margin before calling it interrupted.
 */
const STALE_CHECK_MS = 60_000;
/** Characters of the article opening shown under "what was analysed". */
const OPENING_CHARS = 280;

const isHttpPattern = (o: string) => /^(\*|https?):\/\//.test(o) || o === '<all_urls>';

/** A running background: its router and event handlers. */
export interface BackgroundService {
  ready: Promise<void>;
  route: Router;
  onTabUpdated(tabId: number, change: { status?: string; url?: string }, tab: { url?: string }): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  onPermissionsChanged(): Promise<void>;
  /** Drops derived indexes after data changed elsewhere (a feed refreshed by an alarm). */
  invalidate(opts: { provenance: boolean; claims: boolean }): Promise<void>;
  /** Claims were stored elsewhere (feed handlers: harvest, import): grow the built claim index. */
  claimsAdded(claims: KnownClaim[]): void;
  /** A claim feed's whole stored set is now `claims` (feed manager: refresh, unsubscribe). */
  claimsReplaced(source: string, claims: KnownClaim[]): void;
}

/** Creates the service; start-up work begins at once and every handler awaits it. */
export function createBackgroundService(deps: BackgroundDeps): BackgroundService {
  const { browser, engine } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? console;
  const { articles, settings: settingsStore, tabs } = createStores(browser.storage, deps.db);
  const extensionBase = browser.runtime.getURL('');
  /** Latest document id per tab (replies about an older document are discarded). */
  const currentDoc = new Map<number, string>();
  /** Times articles were stored per tab (for RATE_LIMIT; in memory, so a restart resets it). */
  const storedAt = new Map<number, number[]>();

  function withinRate(tabId: number): boolean {
    const t = now().getTime();
    const recent = (storedAt.get(tabId) ?? []).filter((x) => t - x < RATE_WINDOW_MS);
    if (recent.length >= RATE_LIMIT) {
      storedAt.set(tabId, recent);
      return false;
    }
    storedAt.set(tabId, [...recent, t]);
    return true;
  }

  let indexPromise: Promise<BackgroundIndex> | null = null;
  let claimIndexPromise: Promise<BackgroundClaimIndex> | null = null;
  let snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set when the database was found wiped at start (the options page shows it until dismissed). */
  let wiped = false;

  async function start(): Promise<void> {
    const db = await deps.db();
    const marker = await readInstallMarker(db);
    const remembered = await settingsStore.getDbInstallId();
    const status = detectWipe(remembered, marker);
    if (status === 'wiped') {
      wiped = true;
      log.warn('Provenance Lens: the local database was cleared outside the extension; the reading history starts empty.');
      await settingsStore.setWipedAt(now().toISOString());
    }
    if (marker && marker.id !== remembered) await settingsStore.setDbInstallId(marker.id);
    await syncAutoCheck().catch((err) => log.warn('Provenance Lens: could not sync automatic checking', err));
  }

  let starting: Promise<void>;
  let startFailed = false;
  function begin(): void {
    startFailed = false;
    starting = start();
    // Handlers report a failed start; the rejection must not go unhandled in the meantime.
    starting.catch((err) => {
      startFailed = true;
      log.error('Provenance Lens: start-up failed', err);
    });
  }
  begin();

  /**
   * The one start-up promise every handler awaits. A failed start (the database blocked by an old
   * copy of the extension, or timed out) is retried by the next call instead of failing every call
   * until the worker happens to be restarted.
   */
  function ready(): Promise<void> {
    if (startFailed) begin();
    return starting;
  }

  // ---- derived data: the indexes ------------------------------------------------------------

  /**
   * A performance mark in the background's own timeline (never a page's): `npm run bench -- --browser`
   * reads them to time a cold start (worker start to index ready).
   */
  function mark(name: string): void {
    globalThis.performance?.mark?.(`provenance-lens:${name}`);
  }

  function getIndex(): Promise<BackgroundIndex> {
    if (!indexPromise) {
      indexPromise = loadIndex().then((ix) => (mark('index-ready'), ix));
      indexPromise.catch(() => (indexPromise = null));
    }
    return indexPromise;
  }

  async function sourceCount(): Promise<number> {
    const db = await deps.db();
    return (await db.count('articles')) + (await db.count('packEntries'));
  }

  async function loadIndex(): Promise<BackgroundIndex> {
    const count = await sourceCount();
    const snap = await articles.getSnapshot();
    if (snap) {
      try {
        const index = engine.indexFromSnapshot(snap.bytes);
        // Articles seen after the snapshot was saved (the worker stopped before the next save).
        if (snap.lastFirstSeen) for (const a of await articles.seenSince(snap.lastFirstSeen)) index.add(a);
        if (index.size === count) return index;
      } catch (err) {
        log.warn('Provenance Lens: index snapshot unusable, rebuilding', err);
      }
    }
    const index = engine.createIndex();
    for await (const a of articles.all()) index.add(a);
    const db = await deps.db();
    for (const e of await db.getAll('packEntries')) index.add(e);
    await saveSnapshot(index);
    return index;
  }

  async function saveSnapshot(index: BackgroundIndex): Promise<void> {
    // Read what the snapshot covers before serialising: an article stored meanwhile is then
    // either caught up by firstSeen on load or, at worst, causes a rebuild; never lost.
    const [count, lastFirstSeen] = [await sourceCount(), await articles.latestFirstSeen()];
    await articles.putSnapshot({ bytes: index.toSnapshot(), articles: count, lastFirstSeen, savedAt: now().toISOString() });
  }

  function scheduleSnapshot(): void {
    if (snapshotTimer) clearTimeout(snapshotTimer);
    snapshotTimer = setTimeout(() => {
      snapshotTimer = null;
      void getIndex()
        .then(saveSnapshot)
        .catch((err) => log.warn('Provenance Lens: snapshot not saved', err));
    }, deps.snapshotDelayMs ?? SNAPSHOT_DELAY_MS);
  }

  /** What the options page shows of the stored data. */
  async function storageSummary(): Promise<StorageSummary> {
    const [summary, wipedAt] = await Promise.all([articles.summary(), settingsStore.getWipedAt()]);
    return { ...summary, wipedAt };
  }

  /** Forgets the derived indexes (after imports, feed updates or deletion); they rebuild on next use. */
  async function invalidateIndexes(opts: { provenance: boolean; claims: boolean }): Promise<void> {
    if (opts.claims) claimIndexPromise = null;
    if (opts.provenance) {
      indexPromise = null;
      await articles.dropSnapshot();
    }
  }

  /**
   * Claims just joined the store (a harvest or an import): a built claim index takes them as they
   * are, instead of being read back from the database and rebuilt on the next check.
   */
  function claimsAdded(claims: KnownClaim[]): void {
    if (claims.length === 0) return;
    changeClaimIndex((ix) => ix.add(claims));
  }

  /** A claim feed's stored set changed (refresh or unsubscribe): the built index takes the difference. */
  function claimsReplaced(source: string, claims: KnownClaim[]): void {
    changeClaimIndex((ix) => ix.replaceSource(source, claims));
  }

  /** Applies a change to the built claim index, if one is built (else the next use reads the store);
   * an index that cannot take it is dropped, and rebuilt from the store on next use. */
  function changeClaimIndex(change: (ix: BackgroundClaimIndex) => void): void {
    if (!claimIndexPromise) return;
    claimIndexPromise = claimIndexPromise.then((ix) => (change(ix), ix));
    claimIndexPromise.catch(() => (claimIndexPromise = null));
  }

  function getClaimIndex(): Promise<BackgroundClaimIndex> {
    if (!claimIndexPromise) {
      claimIndexPromise = (async () => {
        const claims = await (await deps.db()).getAll('claims');
        mark('claims-read');
        const index = deps.createClaimIndex(claims);
        mark('claims-ready');
        return index;
      })();
      claimIndexPromise.catch(() => (claimIndexPromise = null));
    }
    return claimIndexPromise;
  }

  /**
   * A loader of records (full text, else pack entry) that reads in one transaction: call it for
   * every URL at once (as a check does for its candidates), before the transaction commits.
   */
  async function docLoader(): Promise<DocLoader> {
    const tx = (await deps.db()).transaction(['articles', 'packEntries']);
    const articles = tx.objectStore('articles');
    const entries = tx.objectStore('packEntries');
    return async (url) => (await articles.get(url)) ?? (await entries.get(url));
  }

  // ---- badge and highlights -----------------------------------------------------------------

  async function setBadge(tabId: number, report: Report | null): Promise<void> {
    const b = badgeFor(report);
    try {
      await browser.action.setBadgeText({ tabId, text: b.text });
      if (b.text) {
        await browser.action.setBadgeBackgroundColor({ tabId, color: b.color });
        await browser.action.setBadgeTextColor?.({ tabId, color: '#FFFFFF' });
      }
    } catch {
      // The tab closed meanwhile: nothing to show.
    }
  }

  async function sendHighlights(tabId: number, docId: string | null | undefined, highlights: Highlight[]) {
    if (!docId) return null;
    const reply = (await browser.tabs
      .sendMessage(tabId, { type: 'showHighlights', payload: { docId, highlights } }, { frameId: 0 })
      .catch((err: unknown) => ({ ok: false, error: String(err) }))) as ReplyOf<BackgroundToContent, 'showHighlights'>;
    return reply;
  }

  async function hideHighlights(tabId: number): Promise<void> {
    await browser.tabs.sendMessage(tabId, { type: 'hideHighlights', payload: {} }, { frameId: 0 }).catch(() => undefined);
  }

  // ---- states ----------------------------------------------------------------------------

  function baseState(tabId: number, url: string, docId: string | null): StoredTabState {
    return {
      tabId,
      url,
      status: 'idle',
      report: null,
      message: null,
      analysed: null,
      highlightsOn: false,
      updatedAt: now().toISOString(),
      docId,
    };
  }

  function publicState(s: StoredTabState | null): TabState | null {
    if (!s) return null;
    const { docId: _docId, ...rest } = s;
    return rest;
  }

  /**
   * The sending document's address. The tab's URL follows single-page-app navigations
   * (history.pushState) while Chrome's sender.url keeps the URL the document loaded with; both
   * name the top frame, which is the only frame allowed to send.
   */
  function pageUrlOf(sender: TabSender): string | undefined {
    return sender.tab.url ?? sender.url;
  }

  function isStale(tabId: number, docId: string): boolean {
    const cur = currentDoc.get(tabId);
    return cur !== undefined && cur !== docId;
  }

  // ---- automatic checking -------------------------------------------------------------------

  /** Registers the auto-check content script for the granted sites when the setting is on, else removes it. */
  async function syncAutoCheck(): Promise<Settings> {
    const settings = await settingsStore.get();
    const origins = ((await browser.permissions.getAll()).origins ?? []).filter(isHttpPattern).sort();
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [AUTO_SCRIPT_ID] });
    const want = settings.autoCheck && origins.length > 0;
    const same = existing.length === 1 && JSON.stringify([...(existing[0].matches ?? [])].sort()) === JSON.stringify(origins);
    if (want && same) return settings;
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
    if (want) {
      await browser.scripting.registerContentScripts([
        { id: AUTO_SCRIPT_ID, js: ['content.js'], matches: origins, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
      ]);
    }
    return settings;
  }

  // ---- content-script calls -------------------------------------------------------------

  async function onArticleExtracted(
    p: { docId: string; article: ArticleRecord; claimReviews: unknown[] },
    sender: TabSender,
  ): Promise<{ highlightsOn: boolean }> {
    await ready();
    const tabId = sender.tab.id;
    if (typeof p.docId !== 'string' || !p.docId) throw new Error('missing docId');
    // Prerendered and back/forward-cached documents are not being read (security note rule 8).
    if (sender.documentLifecycle && sender.documentLifecycle !== 'active') return { highlightsOn: false };
    const pageUrl = pageUrlOf(sender);
    if (!pageUrl) throw new Error('unknown page');
    let article = parseArticleRecord(p.article);
    if (!article) throw new Error('invalid article record');
    // The page may only speak for itself: an article claiming another site's address (which would
    // overwrite that site's entry in the history) is filed under the page's own address.
    if (!sameSite(article.url, pageUrl)) article = { ...article, url: stripHash(pageUrl) };
    // First-seen time is ours to set: a page claiming an earlier one could pose as the original.
    delete article.firstSeen;
    currentDoc.set(tabId, p.docId);
    const incognito = sender.tab.incognito;

    let stored: ArticleRecord = article;
    const index = await getIndex();
    if (!incognito && withinRate(tabId)) {
      // Nothing from private windows enters the history or the index (security note rule 8).
      const put = await articles.put(article, now());
      stored = put.article;
      index.add(stored);
      scheduleSnapshot();
      const settings = await settingsStore.get();
      const blocks = Array.isArray(p.claimReviews) ? p.claimReviews.slice(0, MAX_HARVEST_BLOCKS) : [];
      if (settings.harvestClaims && blocks.length && deps.feeds?.harvestClaimReviews) {
        try {
          await deps.feeds.harvestClaimReviews(blocks, stored.url);
        } catch (err) {
          log.warn('Provenance Lens: ClaimReview harvest failed', err);
        }
      }
    }

    const claims = await getClaimIndex();
    const report = await engine.check(stored, index, await docLoader(), { claims });

    if (isStale(tabId, p.docId)) return { highlightsOn: false };
    const text = articleText(stored);
    const state: StoredTabState = {
      ...baseState(tabId, stripHash(pageUrl), p.docId),
      status: 'done',
      report,
      analysed: { title: stored.title, wordCount: report.article.wordCount, opening: text.slice(0, OPENING_CHARS) },
    };
    const highlights = buildHighlights(report, stored, { reuse: true, claims: true });
    await tabs.putHighlights(tabId, { docId: p.docId, highlights });
    await tabs.put(state);
    await setBadge(tabId, report);
    // Claim highlights from feeds and imports are public data, so they may be drawn without a user
    // gesture. Reuse findings (reading history) and claims harvested from fact-check pages the user
    // visited (also history: a page could plant a sentence and learn whether the user read that
    // fact-check) wait for the popup (privacy decision, docs/architecture.md).
    const publicClaims = { ...report, claims: report.claims.filter((c) => c.claim.source !== 'harvest') };
    const claimHighlights = buildHighlights(publicClaims, stored, { reuse: false, claims: true });
    if (claimHighlights.length) setTimeout(() => void sendHighlights(tabId, p.docId, claimHighlights), 0);
    return { highlightsOn: false };
  }

  async function onArticleSkipped(p: { docId: string; reason: string }, sender: TabSender): Promise<null> {
    await ready();
    const tabId = sender.tab.id;
    currentDoc.set(tabId, String(p.docId));
    // The reason comes from our own extraction code ("not an article (no long paragraphs)"), but
    // the sender is the page's renderer: cap it, and keep only the detail.
    const raw = typeof p.reason === 'string' ? p.reason.slice(0, 300) : '';
    const detail = raw.replace(/^not an article\s*/i, '').replace(/^\((.*)\)$/, '$1').trim();
    await tabs.put({
      ...baseState(tabId, stripHash(pageUrlOf(sender) ?? ''), String(p.docId)),
      status: 'not-article',
      message: `This page does not look like a news article${detail ? ` (${detail})` : ''}.`,
    });
    await setBadge(tabId, null);
    return null;
  }

  async function onDocumentChanged(p: { docId: string }, sender: TabSender): Promise<null> {
    await ready();
    const tabId = sender.tab.id;
    currentDoc.set(tabId, String(p.docId));
    await tabs.remove(tabId);
    await setBadge(tabId, null);
    return null;
  }

  // ---- page calls -----------------------------------------------------------------------

  function tabIdOf(p: { tabId?: unknown }): number {
    const id = p.tabId;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new Error('invalid tabId');
    return id;
  }

  async function showAll(tabId: number, state: StoredTabState): Promise<StoredTabState> {
    const prepared = await tabs.getHighlights(tabId);
    if (!prepared || prepared.docId !== state.docId) return state;
    const reply = await sendHighlights(tabId, state.docId, prepared.highlights);
    if (!reply?.ok) return state;
    const next = { ...state, highlightsOn: true, updatedAt: now().toISOString() };
    await tabs.put(next);
    return next;
  }

  async function getTabState(p: { tabId: number }, sender: Sender): Promise<TabState | null> {
    await ready();
    const tabId = tabIdOf(p);
    let state = await tabs.get(tabId);
    // A check cut off by the worker being stopped would otherwise say "checking" forever.
    if (state?.status === 'checking' && now().getTime() - Date.parse(state.updatedAt) > STALE_CHECK_MS) {
      state = { ...state, status: 'error', message: 'The check was interrupted. Check the page again.', updatedAt: now().toISOString() };
      await tabs.put(state);
    }
    // Opening the popup is the user gesture that may reveal history-derived highlights.
    const fromPopup = !!sender.url && new URL(sender.url).pathname.endsWith('/popup.html');
    if (state && fromPopup && state.status === 'done' && !state.highlightsOn && (await settingsStore.get()).highlights) {
      state = await showAll(tabId, state);
    }
    return publicState(state);
  }

  async function checkTab(p: { tabId: number }): Promise<TabState> {
    await ready();
    const tabId = tabIdOf(p);
    const tab = await browser.tabs.get(tabId).catch(() => null);
    if (!tab) throw new Error('That tab is gone.');
    const url = stripHash(tab.url ?? '');
    await tabs.put({ ...baseState(tabId, url, null), status: 'checking' });
    try {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['content.js'] });
    } catch {
      const state = {
        ...baseState(tabId, url, null),
        status: 'error' as const,
        message: 'This page cannot be checked: browsers keep extensions out of their own pages and web stores.',
      };
      await tabs.put(state);
      await setBadge(tabId, null);
      return publicState(state)!;
    }
    const reply = (await browser.tabs
      .sendMessage(tabId, { type: 'extractArticle', payload: {} }, { frameId: 0 })
      .catch((err: unknown) => ({ ok: false, error: String(err) }))) as ReplyOf<BackgroundToContent, 'extractArticle'>;
    const state = await tabs.get(tabId);
    if (!reply.ok || !state || state.status === 'checking') {
      const failed = {
        ...baseState(tabId, url, null),
        status: 'error' as const,
        message: `The page could not be read${reply.ok ? '' : `: ${reply.error}`}.`,
      };
      await tabs.put(failed);
      return publicState(failed)!;
    }
    return publicState(state)!;
  }

  async function setHighlights(p: { tabId: number; on: boolean }): Promise<TabState> {
    await ready();
    const tabId = tabIdOf(p);
    const state = await tabs.get(tabId);
    if (!state) throw new Error('This tab has not been checked yet.');
    if (p.on === true) {
      if (state.status !== 'done') throw new Error('There is nothing to highlight on this page yet.');
      return publicState(await showAll(tabId, state))!;
    }
    await hideHighlights(tabId);
    const next = { ...state, highlightsOn: false, updatedAt: now().toISOString() };
    await tabs.put(next);
    return publicState(next)!;
  }

  /** The tab's report and its article as stored (both needed to show or export the evidence). */
  async function reportAndArticle(p: { tabId: number }): Promise<{ report: Report; article: ArticleRecord }> {
    await ready();
    const state = await tabs.get(tabIdOf(p));
    if (!state?.report) throw new Error('This tab has no report yet.');
    const article = await articles.get(state.report.article.url);
    if (!article) throw new Error('The article is not in the local history (private windows are never stored).');
    return { report: state.report, article };
  }

  async function getComparison(p: { tabId: number; sourceUrl: string }) {
    const { report: stored, article } = await reportAndArticle(p);
    if (typeof p.sourceUrl !== 'string') throw new Error('invalid sourceUrl');
    const source = (await articles.get(p.sourceUrl)) ?? null;
    const report = source ? engine.compare(article, source) : stored;
    return { article, source, report };
  }

  /** The tab's evidence as W3C Web Annotations, sources quoted from the local history. */
  async function exportEvidence(p: { tabId: number }) {
    const { report, article } = await reportAndArticle(p);
    // Sources read in one transaction, as a check reads its candidates; a pack entry has no text.
    const load = await docLoader();
    const sources = await Promise.all(evidenceSourceUrls(report).map(load));
    const { page, fileName } = buildEvidence(report, article, sources, now());
    return { json: JSON.stringify(page, null, 2), fileName };
  }

  async function setSettings(p: Partial<Settings>): Promise<Settings> {
    await ready();
    const before = await settingsStore.get();
    if (p.autoCheck === true && !before.autoCheck) {
      const origins = ((await browser.permissions.getAll()).origins ?? []).filter(isHttpPattern);
      if (!origins.length) throw new Error('Automatic checking needs access to websites: allow it when the browser asks.');
    }
    await settingsStore.set(p);
    return syncAutoCheck();
  }

  function feed<K extends keyof FeedsApi>(name: K): NonNullable<FeedsApi[K]> {
    const f = deps.feeds?.[name];
    if (!f) throw new Error(`${name} is not available in this build.`);
    return f as NonNullable<FeedsApi[K]>;
  }

  const pages = {
    getTabState,
    checkTab,
    setHighlights,
    getComparison,
    exportEvidence,
    getSettings: async () => (await ready(), settingsStore.get()),
    setSettings,
    getStorageSummary: async () => (await ready(), storageSummary()),
    dismissWipeNotice: async () => {
      await ready();
      await settingsStore.setWipedAt(null);
      return storageSummary();
    },
    deleteAllData: async () => {
      await ready();
      await articles.deleteAll();
      await settingsStore.setWipedAt(null); // what the notice warned about is moot now
      await invalidateIndexes({ provenance: true, claims: true });
      for (const s of await tabs.all()) await setBadge(s.tabId, null);
      await tabs.clear();
      return storageSummary();
    },
    exportData: async () => (await ready(), { json: await articles.exportJson(now()) }),
    importData: async (p: { json: string }) => {
      await ready();
      if (typeof p.json !== 'string') throw new Error('invalid file');
      const r = await articles.importJson(p.json);
      await invalidateIndexes({ provenance: r.articles > 0, claims: r.claims > 0 });
      return r;
    },
    importClaims: async (p: { json: string }) => {
      await ready();
      return feed('importClaims')(p); // the feed handlers report the new claims (claimsAdded)
    },
    // The feed manager reports what a feed changed (background/index.ts wires its onChange to
    // claimsReplaced or invalidate), whether a click or an alarm started it.
    listFeeds: async (p: Record<string, never>) => (await ready(), feed('listFeeds')(p)),
    subscribeFeed: async (p: Parameters<NonNullable<FeedsApi['subscribeFeed']>>[0]) => (await ready(), feed('subscribeFeed')(p)),
    refreshFeed: async (p: { id: string }) => (await ready(), feed('refreshFeed')(p)),
    unsubscribeFeed: async (p: { id: string }) => (await ready(), feed('unsubscribeFeed')(p)),
    listClaims: async (p: { limit: number }) => (await ready(), feed('listClaims')(p)),
    forgetHarvestedClaims: async (p: Record<string, never>) => (await ready(), feed('forgetHarvestedClaims')(p)),
    searchClaims: async (p: { text: string; limit: number }) => {
      await ready();
      if (typeof p.text !== 'string') throw new Error('Nothing to search for.');
      const text = p.text.slice(0, MAX_CLAIM_QUERY_CHARS);
      const limit = Math.min(Math.max(Math.trunc(Number(p.limit)) || 10, 1), MAX_CLAIM_RESULTS);
      return (await getClaimIndex()).search(text, limit);
    },
  } satisfies { [K in keyof OptionsToBackground | 'getTabState' | 'checkTab' | 'setHighlights' | 'getComparison' | 'exportEvidence']: unknown };

  const route = createRouter({
    extensionId: browser.runtime.id,
    extensionBase,
    content: { articleExtracted: onArticleExtracted, articleSkipped: onArticleSkipped, documentChanged: onDocumentChanged },
    pages,
    onError: (type, err) => log.warn(`Provenance Lens: ${type} failed`, err),
  });

  return {
    get ready() {
      return ready();
    },
    route,
    async onTabUpdated(tabId, change) {
      if (change.status !== 'loading') return;
      await ready();
      const state = await tabs.get(tabId);
      if (!state) return;
      // A same-document hash change keeps the report; any other navigation, a reload included
      // (no url in the change), is a new document: its highlights are gone and it is checked anew.
      if (change.url && stripHash(change.url) === state.url) return;
      currentDoc.delete(tabId);
      await tabs.remove(tabId);
      await setBadge(tabId, null);
    },
    async onTabRemoved(tabId) {
      currentDoc.delete(tabId);
      storedAt.delete(tabId);
      await ready();
      await tabs.remove(tabId);
    },
    async onPermissionsChanged() {
      await ready();
      const origins = ((await browser.permissions.getAll()).origins ?? []).filter(isHttpPattern);
      if (!origins.length && (await settingsStore.get()).autoCheck) await settingsStore.set({ autoCheck: false });
      await syncAutoCheck();
    },
    invalidate: invalidateIndexes,
    claimsAdded,
    claimsReplaced,
    get wiped() {
      return wiped;
    },
  } as BackgroundService & { readonly wiped: boolean };
}

/** Default settings, re-exported for tests. */
export { DEFAULT_SETTINGS };
