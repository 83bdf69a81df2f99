/**
 * Background entry (Chrome service worker, Firefox event page): only wiring. Registers every
 * listener synchronously at the top level, so an event that wakes a stopped worker is delivered;
 * the router awaits the service's one start-up promise. Talks to content scripts (their own tab
 * only), to the extension's pages (popup, options, side-by-side), to IndexedDB via src/platform,
 * and to the network only for the feeds the user subscribed to (src/background/feeds).
 */
import { browser } from '../platform/browser';
import { browserMessages } from '../platform/i18n';
import { createStores, getDb } from '../platform/stores';
import { ClaimIndex } from '../core/claims';
import { createBackgroundService } from './background-service';
import { ClaimStore } from './claim-store';
import { FeedManager, createFeedHandlers, registerFeedAlarms } from './feeds';
import { backgroundEngine } from './engine';
import { ProvenanceStore } from './provenance-store';
import type { Sender } from './router';
import { markPerformance } from '../shared/performance-mark';

/**
 * Plain-http loopback feeds (the local demo, end-to-end tests) are accepted only in a development
 * install (unpacked in Chrome, temporary in Firefox); a store install accepts https feeds only.
 */
let developmentInstall = false;
void browser.management
  ?.getSelf()
  .then((self) => (developmentInstall = self.installType === 'development'))
  .catch(() => undefined);

const engine = backgroundEngine;
// The stores of derived data exist before anything that changes the data underneath them.
// The worker keeps the claims' terms, not their records (read by id for a check's candidates).
const claims = new ClaimStore({
  db: getDb,
  createIndex: (c) => new ClaimIndex(c, {}, { keepRecords: false }),
  indexFromSnapshot: (bytes) => ClaimIndex.fromSnapshot(bytes),
  log: console,
});
const provenance = new ProvenanceStore({ engine, articles: createStores(browser.storage, getDb).articles, now: () => new Date(), log: console });
const feedManager = new FeedManager({
  db: getDb,
  fetch: (url, init) => fetch(url, init),
  onChange: (kind, update) => {
    if (kind === 'claimreview' && update) claims.changed({ kind: 'replaced', source: update.feedId, claims: update.claims, generation: update.generation });
    else if (kind === 'claimreview') claims.changed({ kind: 'reset' });
    else void provenance.invalidate();
  },
  get allowLoopbackHttp() {
    return developmentInstall;
  },
});
const feeds = createFeedHandlers({ manager: feedManager, claims, db: getDb });
const bg = createBackgroundService({ browser, messages: browserMessages, db: getDb, engine, claims, provenance, feeds });

browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => bg.route(message, sender));
browser.tabs.onUpdated.addListener((tabId, change, tab) => void bg.onTabUpdated(tabId, change, tab).catch(() => undefined));
browser.tabs.onRemoved.addListener((tabId) => void bg.onTabRemoved(tabId).catch(() => undefined));
browser.permissions.onAdded.addListener(() => void bg.onPermissionsChanged().catch(() => undefined));
browser.permissions.onRemoved.addListener(() => void bg.onPermissionsChanged().catch(() => undefined));
browser.commands.onCommand.addListener((command, tab) => void bg.onCommand(command, tab?.id).catch(() => undefined));
registerFeedAlarms(browser.alarms, () => bg.ready.then(() => feedManager.refreshDue()));
// Start-up work (database open, wipe check, auto-check registration) runs on install and browser start too.
browser.runtime.onInstalled.addListener(() => void bg.ready.catch(() => undefined));
browser.runtime.onStartup.addListener(() => void bg.ready.catch(() => undefined));
markPerformance('script-evaluated');
