/**
 * The background, wired from its parts and independent of how listeners are registered: start-up
 * (src/background/start-up.ts), the retrieval index (provenance-store.ts), the claims
 * (claim-store.ts), per-tab reports (tab-reports.ts), automatic checking (auto-check.ts), and the
 * content and page handlers behind one router that awaits start-up once per call. Browser APIs,
 * the database, the engine and feeds are injected, so contract tests run it against fakes and a
 * "restart" is simply a new service over the same storage.
 */
import type { FetchLike } from './feeds/fetch-feed';
import type { KnownClaim } from '../core/types';
import type { BackgroundBrowser } from '../platform/browser';
import type { Translate } from '../shared/i18n';
import { createStores, type Db } from '../platform/stores';
import { AutoCheck } from './auto-check';
import { ClaimStore, type BackgroundClaimIndex } from './claim-store';
import { createContentChannel } from './content-channel';
import { createContentHandlers, type ExtractedPage } from './content-handlers';
import { createPageHandlers, type FeedsApi } from './page-handlers';
import { ProvenanceStore, type BackgroundEngine } from './provenance-store';
import { createRouter, type Router, type TabSender } from './router';
import { startUp } from './start-up';
import { TabReports } from './tab-reports';

/** Everything the service depends on. */
export interface BackgroundDeps {
  browser: BackgroundBrowser;
  /** The interface's messages (src/platform/i18n.ts in the extension; English in tests). */
  messages: Translate;
  db: () => Promise<Db>;
  engine: BackgroundEngine;
  /** The claim store shared with the feed handlers; without it one is made from createClaimIndex. */
  claims?: ClaimStore;
  createClaimIndex?: (claims: KnownClaim[]) => BackgroundClaimIndex;
  /** The provenance store shared with the feed manager; without it one is made here. */
  provenance?: ProvenanceStore;
  feeds?: FeedsApi;
  /** The network, for the team index the reader may opt into (default: the global fetch). */
  fetch?: FetchLike;
  now?: () => Date;
  log?: Pick<Console, 'warn' | 'error'>;
  /** Delay before saving the index snapshot after new articles (default SNAPSHOT_DELAY_MS). */
  snapshotDelayMs?: number;
}

/** A running background: its router and event handlers. */
export interface BackgroundService {
  ready: Promise<void>;
  route: Router;
  /**
   * The check of an article already extracted (pageCaptured's second half, after start-up), for
   * callers holding records rather than pages: the tests' made-up articles.
   */
  checkArticle(p: ExtractedPage, sender: TabSender): Promise<{ highlightsOn: boolean }>;
  /** Whether start-up found the database wiped outside the extension. */
  readonly wiped: boolean;
  claims: ClaimStore;
  provenance: ProvenanceStore;
  onTabUpdated(tabId: number, change: { status?: string; url?: string }, tab: { url?: string }): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  onPermissionsChanged(): Promise<void>;
  /** A keyboard command of the manifest (`next-passage`, `previous-passage`) in a tab. */
  onCommand(command: string, tabId: number | undefined): Promise<void>;
}

/** The manifest's keyboard commands and the step through the highlighted passages each takes. */
const PASSAGE_COMMANDS: Readonly<Record<string, 1 | -1>> = { 'next-passage': 1, 'previous-passage': -1 };

/** Creates the service; start-up work begins at once and the router awaits it. */
export function createBackgroundService(deps: BackgroundDeps): BackgroundService {
  const { browser, engine } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? console;
  const stores = createStores(browser.storage, deps.db);
  const claims = deps.claims ?? new ClaimStore({ db: deps.db, createIndex: requireIndexFactory(deps.createClaimIndex), now, log, snapshotDelayMs: deps.snapshotDelayMs });
  const provenance = deps.provenance ?? new ProvenanceStore({ engine, articles: stores.articles, now, log, snapshotDelayMs: deps.snapshotDelayMs });
  // The relay answers a content script's messages through the router (defined below, called later).
  const content = createContentChannel({ browser, route: (message, sender) => route(message, sender) });
  const reports = new TabReports({ browser, content, tabs: stores.tabs, settings: stores.settings, disputes: stores.disputes, now, t: deps.messages });
  const autoCheck = new AutoCheck(browser, stores.settings);
  const started = startUp({ stores, afterStart: () => autoCheck.sync(), now, log });
  const contentHandlers = createContentHandlers({ stores, engine, provenance, claims, reports, harvest: deps.feeds?.harvestClaimReviews, now, log });

  const route = createRouter({
    extensionId: browser.runtime.id,
    extensionBase: browser.runtime.getURL(''),
    ready: () => started.ready(),
    content: contentHandlers.handlers,
    pages: createPageHandlers({ browser, content, stores, engine, provenance, claims, reports, autoCheck, feeds: deps.feeds, fetch: deps.fetch ?? ((url, init) => fetch(url, init)), now }),
    onError: (type, err) => log.warn(`Provenance Lens: ${type} failed`, err),
  });

  return {
    get ready() {
      return started.ready();
    },
    get wiped() {
      return started.wiped;
    },
    route,
    async checkArticle(p, sender) {
      await started.ready();
      return contentHandlers.checkArticle(p, sender);
    },
    claims,
    provenance,
    async onTabUpdated(tabId, change, tab) {
      if (change.status !== 'loading') return;
      await started.ready();
      // A navigation wakes a stopped worker well before the page's content script sends its
      // capture (after the page's load and idle time), and restoring the indexes from their
      // snapshots is most of a cold check: started here, that time overlaps the page's loading.
      if (/^https?:/.test(change.url ?? tab.url ?? '') && (await stores.settings.get()).autoCheck) contentHandlers.warmIndexes();
      // A same-document hash change keeps the report; any other navigation, a reload included
      // (no url in the change), is a new document: its highlights are gone and it is checked anew.
      await reports.navigated(tabId, change.url);
    },
    async onTabRemoved(tabId) {
      contentHandlers.tabClosed(tabId);
      await started.ready();
      await reports.closed(tabId);
    },
    async onPermissionsChanged() {
      await started.ready();
      await autoCheck.permissionsChanged();
    },
    async onCommand(command, tabId) {
      const step = PASSAGE_COMMANDS[command];
      if (!step || tabId === undefined) return;
      await started.ready();
      await reports.movePassage(tabId, step);
    },
  };
}

function requireIndexFactory(f: BackgroundDeps['createClaimIndex']): (claims: KnownClaim[]) => BackgroundClaimIndex {
  if (!f) throw new Error('createBackgroundService needs a claim store or createClaimIndex');
  return f;
}
