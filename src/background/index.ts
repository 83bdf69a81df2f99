/**
 * Background entry (Chrome service worker, Firefox event page). Registers every listener
 * synchronously at the top level, so an event that wakes a stopped worker is delivered; each
 * handler awaits the service's one `ready` promise. Talks to content scripts (their own tab only),
 * to the extension's pages (popup, options, side-by-side), and to IndexedDB via src/platform.
 */
import { browser } from '../platform/browser';
import { getDb } from '../platform/db';
import { ProvenanceIndex, analyzeArticle, compareArticles } from '../core/engine';
import { ClaimIndex } from '../core/claims';
import { createBackgroundService, type BackgroundBrowser, type IndexLike } from './background-service';
import type { Sender } from './router';

const service = createBackgroundService({
  browser: browser as unknown as BackgroundBrowser,
  db: getDb,
  engine: {
    createIndex: () => new ProvenanceIndex() as unknown as IndexLike,
    indexFromSnapshot: (bytes) => ProvenanceIndex.fromSnapshot(bytes) as unknown as IndexLike,
    analyzeArticle: (article, candidates) => analyzeArticle(article, candidates as never),
    compareArticles,
  },
  createClaimIndex: (claims) => new ClaimIndex(claims),
});

browser.runtime.onMessage.addListener((message: unknown, sender: unknown) => service.route(message, sender as Sender));
browser.tabs.onUpdated.addListener((tabId, change, tab) => void service.onTabUpdated(tabId, change, tab).catch(() => undefined));
browser.tabs.onRemoved.addListener((tabId) => void service.onTabRemoved(tabId).catch(() => undefined));
browser.permissions.onAdded.addListener(() => void service.onPermissionsChanged().catch(() => undefined));
browser.permissions.onRemoved.addListener(() => void service.onPermissionsChanged().catch(() => undefined));
// Start-up work (database open, wipe check, auto-check registration) runs on install and browser start too.
browser.runtime.onInstalled.addListener(() => void service.ready.catch(() => undefined));
browser.runtime.onStartup.addListener(() => void service.ready.catch(() => undefined));
