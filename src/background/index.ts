/**
 * Background entry (Chrome service worker, Firefox event page). Registers every listener
 * synchronously at the top level, so an event that wakes a stopped worker is delivered; each
 * handler awaits the service's one `ready` promise. Talks to content scripts (their own tab only),
 * to the extension's pages (popup, options, side-by-side), to IndexedDB via src/platform, and to
 * the network only for the feeds the user subscribed to (src/background/feeds).
 */
import { browser } from '../platform/browser';
import { getDb } from '../platform/db';
import { ProvenanceIndex, checkArticle, compareArticles } from '../core/engine';
import { ClaimIndex } from '../core/claims';
import { FeedManager, createFeedHandlers, registerFeedAlarms } from './feeds';
import { createBackgroundService, type BackgroundBrowser, type BackgroundService } from './background-service';
import type { Sender } from './router';

/**
 * Plain-http loopback feeds (the local demo, end-to-end tests) are accepted only in a development
 * install (unpacked in Chrome, temporary in Firefox); a store install accepts https feeds only.
 */
let developmentInstall = false;
void browser.management
  ?.getSelf()
  .then((self) => (developmentInstall = self.installType === 'development'))
  .catch(() => undefined);

// Feed refreshes change stored claims and pack entries: the service's indexes follow.
let service: BackgroundService | null = null;
const feedManager = new FeedManager({
  db: getDb,
  fetch: (url, init) => fetch(url, init),
  onChange: (kind, update) => {
    if (kind === 'claimreview' && update) service?.claimsReplaced(update.feedId, update.claims);
    else void service?.invalidate({ provenance: kind === 'pack', claims: kind === 'claimreview' });
  },
  get allowLoopbackHttp() {
    return developmentInstall;
  },
});
const feeds = createFeedHandlers({
  manager: feedManager,
  db: getDb,
  onClaimsChanged: (added) => service?.claimsAdded(added),
  onSourceReplaced: (source, claims) => service?.claimsReplaced(source, claims),
});

service = createBackgroundService({
  browser: browser as unknown as BackgroundBrowser,
  db: getDb,
  engine: {
    createIndex: () => new ProvenanceIndex(),
    indexFromSnapshot: (bytes) => ProvenanceIndex.fromSnapshot(bytes),
    check: checkArticle,
    compare: compareArticles,
  },
  createClaimIndex: (claims) => new ClaimIndex(claims),
  feeds: {
    listFeeds: feeds.listFeeds,
    subscribeFeed: feeds.subscribeFeed,
    refreshFeed: feeds.refreshFeed,
    unsubscribeFeed: feeds.unsubscribeFeed,
    importClaims: feeds.importClaims,
    listClaims: feeds.listClaims,
    forgetHarvestedClaims: feeds.forgetHarvestedClaims,
    harvestClaimReviews: feeds.harvestClaimReviews,
  },
});
const bg = service;

browser.runtime.onMessage.addListener((message: unknown, sender: unknown) => bg.route(message, sender as Sender));
browser.tabs.onUpdated.addListener((tabId, change, tab) => void bg.onTabUpdated(tabId, change, tab).catch(() => undefined));
browser.tabs.onRemoved.addListener((tabId) => void bg.onTabRemoved(tabId).catch(() => undefined));
browser.permissions.onAdded.addListener(() => void bg.onPermissionsChanged().catch(() => undefined));
browser.permissions.onRemoved.addListener(() => void bg.onPermissionsChanged().catch(() => undefined));
registerFeedAlarms(browser.alarms, () => bg.ready.then(() => feedManager.refreshDue()));
// Start-up work (database open, wipe check, auto-check registration) runs on install and browser start too.
browser.runtime.onInstalled.addListener(() => void bg.ready.catch(() => undefined));
browser.runtime.onStartup.addListener(() => void bg.ready.catch(() => undefined));
