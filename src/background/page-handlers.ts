/**
 * Calls from the extension's pages (popup, options, side-by-side: PageCalls): tab reports and
 * checks, the side-by-side comparison and evidence export, the reader's disputes
 * (dispute-handlers.ts), settings, data management, feeds and claims. The router has checked the
 * sender and awaited start-up.
 */
import { buildEvidence, evidenceSourceUrls } from '../core/export/build-evidence';
import type { ArticleRecord, KnownClaim, Report } from '../core/types';
import type { BackgroundToContent, FeedStatus, PageCalls, ReplyOf, StorageSummary, TabState } from '../shared/messages';
import type { BackgroundBrowser } from '../platform/browser';
import type { Stores } from '../platform/stores';
import type { AutoCheck } from './auto-check';
import type { ContentChannel } from './content-channel';
import type { ClaimStore } from './claim-store';
import { createDisputeHandlers } from './dispute-handlers';
import { createTeamHandlers } from './team-handlers';
import type { FetchLike } from './feeds/fetch-feed';
import type { BackgroundEngine, ProvenanceStore } from './provenance-store';
import { requirePopup, type Handlers, type Sender } from './router';
import { publicState, type TabReports } from './tab-reports';
import { stripHash } from './urls';

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
  /** Adds ClaimReview found on a visited fact-check page to the claim store. */
  harvestClaimReviews?: (blocks: unknown[], pageUrl: string) => Promise<unknown>;
}

/** What the page handlers need. */
export interface PageHandlersOptions {
  browser: Pick<BackgroundBrowser, 'tabs' | 'scripting'>;
  /** Calls to a tab's content script (tabs.sendMessage, or the relay where the page left it no API). */
  content: ContentChannel;
  stores: Stores;
  engine: BackgroundEngine;
  provenance: ProvenanceStore;
  claims: ClaimStore;
  reports: TabReports;
  autoCheck: AutoCheck;
  feeds?: FeedsApi;
  fetch: FetchLike;
  now: () => Date;
}

function tabIdOf(p: { tabId?: unknown }): number {
  const id = p.tabId;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new Error('invalid tabId');
  return id;
}

/** Builds the page handler table. */
export function createPageHandlers(opts: PageHandlersOptions): Handlers<PageCalls, Sender> {
  const { browser, stores, reports } = opts;
  const { articles, settings } = stores;

  function feed<K extends keyof FeedsApi>(name: K): NonNullable<FeedsApi[K]> {
    const f = opts.feeds?.[name];
    if (!f) throw new Error(`${name} is not available in this build.`);
    return f as NonNullable<FeedsApi[K]>;
  }

  /** What the options page shows of the stored data. */
  async function storageSummary(): Promise<StorageSummary> {
    const [summary, wipedAt] = await Promise.all([articles.summary(), settings.getWipedAt()]);
    return { ...summary, wipedAt };
  }

  async function checkTab(p: { tabId: number }): Promise<TabState> {
    const tabId = tabIdOf(p);
    const tab = await browser.tabs.get(tabId).catch(() => null);
    if (!tab) throw new Error('That tab is gone.');
    const url = stripHash(tab.url ?? '');
    await reports.put({ ...reports.base(tabId, url, null), status: 'checking' });
    try {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['content.js'] });
    } catch {
      const message = 'This page cannot be checked: browsers keep extensions out of their own pages and web stores.';
      return reports.put({ ...reports.base(tabId, url, null), status: 'error', message }, { report: null });
    }
    const reply = (await opts
      .content(tabId, { type: 'extractArticle', payload: {} })
      .catch((err: unknown) => ({ ok: false, error: String(err) }))) as ReplyOf<BackgroundToContent, 'extractArticle'>;
    const state = await opts.stores.tabs.get(tabId);
    if (!reply.ok || !state || state.status === 'checking') {
      const message = `The page could not be read${reply.ok ? '' : `: ${reply.error}`}.`;
      return reports.put({ ...reports.base(tabId, url, null), status: 'error', message });
    }
    // The popup asks for the highlights itself once it shows the result (revealHighlights).
    return (await reports.publicFor(tabId)) ?? publicState(state);
  }

  /** The tab's report and its article as stored (both needed to show or export the evidence). */
  async function reportAndArticle(p: { tabId: number }): Promise<{ report: Report; article: ArticleRecord }> {
    const state = await opts.stores.tabs.get(tabIdOf(p));
    if (!state?.report) throw new Error('This tab has no report yet.');
    const article = await articles.get(state.report.article.url);
    if (!article) throw new Error('The article is not in the local history (private windows are never stored).');
    return { report: state.report, article };
  }

  return {
    getTabState: (p) => reports.publicFor(tabIdOf(p)),
    revealHighlights: (p, sender) => {
      requirePopup('revealHighlights', sender);
      return reports.reveal(tabIdOf(p));
    },
    checkTab,
    setHighlights: (p) => reports.setHighlights(tabIdOf(p), p.on === true),
    ...createDisputeHandlers({ browser, stores, reports, now: opts.now }),
    ...createTeamHandlers({ browser, stores, fetch: opts.fetch }),
    async getComparison(p) {
      const { report: stored, article } = await reportAndArticle(p);
      if (typeof p.sourceUrl !== 'string') throw new Error('invalid sourceUrl');
      const source = (await articles.get(p.sourceUrl)) ?? null;
      return { article, source, report: source ? opts.engine.compare(article, source) : stored };
    },
    /** The tab's evidence as W3C Web Annotations, sources quoted from the local history. */
    async exportEvidence(p) {
      const { report, article } = await reportAndArticle(p);
      // Sources read in one transaction, as a check reads its candidates; a pack entry has no text.
      const load = await articles.loader();
      const sources = await Promise.all(evidenceSourceUrls(report).map(load));
      const { page, fileName } = buildEvidence(report, article, sources, opts.now(), await stores.disputes.forPage(report.article.url));
      return { json: JSON.stringify(page, null, 2), fileName };
    },
    getSettings: () => settings.get(),
    setSettings: (p) => opts.autoCheck.setSettings(p),
    getStorageSummary: () => storageSummary(),
    async dismissWipeNotice() {
      await settings.setWipedAt(null);
      return storageSummary();
    },
    async deleteAllData() {
      await articles.deleteAll();
      await stores.disputes.clear();
      await settings.setWipedAt(null); // what the notice warned about is moot now
      await opts.provenance.invalidate();
      opts.claims.changed({ kind: 'reset' });
      await reports.clearAll();
      return storageSummary();
    },
    exportData: async () => ({ json: await articles.exportJson(opts.now()) }),
    async importData(p) {
      if (typeof p.json !== 'string') throw new Error('invalid file');
      const r = await articles.importJson(p.json);
      if (r.articles > 0) await opts.provenance.invalidate();
      if (r.claims > 0) opts.claims.changed({ kind: 'reset' });
      return r;
    },
    importClaims: (p) => feed('importClaims')(p), // the feed handlers add through the claim store
    // The feed manager reports what a feed changed (background/index.ts wires its onChange to the
    // claim store or the provenance store), whether a click or an alarm started it.
    listFeeds: (p) => feed('listFeeds')(p),
    subscribeFeed: (p) => feed('subscribeFeed')(p),
    refreshFeed: (p) => feed('refreshFeed')(p),
    unsubscribeFeed: (p) => feed('unsubscribeFeed')(p),
    listClaims: (p) => feed('listClaims')(p),
    forgetHarvestedClaims: (p) => feed('forgetHarvestedClaims')(p),
    async searchClaims(p) {
      if (typeof p.text !== 'string') throw new Error('Nothing to search for.');
      const text = p.text.slice(0, MAX_CLAIM_QUERY_CHARS);
      const limit = Math.min(Math.max(Math.trunc(Number(p.limit)) || 10, 1), MAX_CLAIM_RESULTS);
      return opts.claims.search(text, limit);
    },
  };
}
