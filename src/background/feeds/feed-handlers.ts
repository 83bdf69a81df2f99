/**
 * Handlers for the options page's feed and claims calls (OptionsToBackground: listFeeds,
 * subscribeFeed, refreshFeed, unsubscribeFeed, importClaims, listClaims) plus harvest, as plain
 * async functions. The background router checks the sender and wraps results in a Result; a thrown
 * Error's message is what the user sees.
 */
import { HARVEST_SOURCE, harvestClaimReviews } from '../../core/claims/harvest-claim-reviews';
import { parseClaimReviews } from '../../core/claims/parse-claim-reviews';
import { MAX_FEED_BYTES } from '../../core/feeds/limits';
import { parseBoundedJson } from '../../core/json/parse-bounded-json';
import type { OptionsToBackground } from '../../shared/messages';
import { listClaims } from '../../platform/feed-store';
import type { Db } from '../../platform/stores';
import type { ClaimStore } from '../claim-store';
import type { FeedManager } from './feed-manager';

type Handler<K extends keyof OptionsToBackground> = (
  p: Parameters<OptionsToBackground[K]>[0],
) => Promise<ReturnType<OptionsToBackground[K]>>;

/** The feed-related handlers of the options page, plus harvest for the content pipeline. */
export interface FeedHandlers {
  listFeeds: Handler<'listFeeds'>;
  subscribeFeed: Handler<'subscribeFeed'>;
  refreshFeed: Handler<'refreshFeed'>;
  unsubscribeFeed: Handler<'unsubscribeFeed'>;
  importClaims: Handler<'importClaims'>;
  listClaims: Handler<'listClaims'>;
  forgetHarvestedClaims: Handler<'forgetHarvestedClaims'>;
  /** Adds a visited fact-check page's ClaimReview claims (call only when the harvest setting is on). */
  harvestClaimReviews: (rawJsonLdBlocks: unknown[], pageUrl: string) => Promise<{ added: number }>;
}

/** Most claims listClaims returns at once (the options page pages through them). */
const MAX_LIST_CLAIMS = 1000;

/** Builds the handlers over a feed manager, the claim store (which writes claims) and the database. */
export function createFeedHandlers(deps: { manager: FeedManager; claims: Pick<ClaimStore, 'add' | 'forgetSource'>; db: () => Promise<Db> }): FeedHandlers {
  return {
    listFeeds: () => deps.manager.list(),
    subscribeFeed: (p) => deps.manager.subscribe(p),
    refreshFeed: (p) => deps.manager.refresh(p.id),
    unsubscribeFeed: (p) => deps.manager.unsubscribe(p.id),
    async importClaims(p) {
      if (typeof p?.json !== 'string') throw new Error('Nothing to import.');
      if (p.json.length > MAX_FEED_BYTES) throw new Error('The file is too large to import.');
      // Bounded like a feed: a file of "[[[[..." must not exhaust the worker.
      const read = parseBoundedJson(p.json, { maxChars: MAX_FEED_BYTES });
      if (!read.ok) throw new Error(`The file ${read.error}.`);
      const parsed = parseClaimReviews(read.value, 'import');
      if (parsed.claims.length === 0) {
        throw new Error(`No ClaimReview found${parsed.skipped ? ` (${parsed.skipped} records skipped: ${parsed.errors[0]})` : ''}.`);
      }
      return { added: await deps.claims.add(parsed.claims), skipped: parsed.skipped };
    },
    async listClaims(p) {
      const limit = Math.max(1, Math.min(MAX_LIST_CLAIMS, Math.floor(Number(p?.limit) || 100)));
      return listClaims(await deps.db(), limit);
    },
    async forgetHarvestedClaims() {
      return { removed: await deps.claims.forgetSource(HARVEST_SOURCE) };
    },
    async harvestClaimReviews(blocks, pageUrl) {
      const claims = harvestClaimReviews(Array.isArray(blocks) ? blocks : [], pageUrl);
      if (claims.length === 0) return { added: 0 };
      return { added: await deps.claims.add(claims) };
    },
  };
}
