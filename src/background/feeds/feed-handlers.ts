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
import type { KnownClaim } from '../../core/types';
import type { OptionsToBackground } from '../../shared/messages';
import { addClaims, listClaims, removeClaimsOfSource, type FeedDb } from '../../platform/feed-store';
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
export const MAX_LIST_CLAIMS = 1000;

/** Builds the handlers over a feed manager and the database; `onClaimsChanged` invalidates caches. */
export function createFeedHandlers(deps: {
  manager: FeedManager;
  db: () => Promise<FeedDb>;
  onClaimsChanged?: (added: KnownClaim[]) => void;
  /** Called after all claims of a source were replaced (here: forgotten) in the store. */
  onSourceReplaced?: (source: string, claims: KnownClaim[]) => void;
}): FeedHandlers {
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
      const added = await addClaims(await deps.db(), parsed.claims);
      deps.onClaimsChanged?.(parsed.claims);
      return { added, skipped: parsed.skipped };
    },
    async listClaims(p) {
      const limit = Math.max(1, Math.min(MAX_LIST_CLAIMS, Math.floor(Number(p?.limit) || 100)));
      return listClaims(await deps.db(), limit);
    },
    async forgetHarvestedClaims() {
      const removed = await removeClaimsOfSource(await deps.db(), HARVEST_SOURCE);
      deps.onSourceReplaced?.(HARVEST_SOURCE, []);
      return { removed };
    },
    async harvestClaimReviews(blocks, pageUrl) {
      const claims = harvestClaimReviews(Array.isArray(blocks) ? blocks : [], pageUrl);
      if (claims.length === 0) return { added: 0 };
      const added = await addClaims(await deps.db(), claims);
      deps.onClaimsChanged?.(claims);
      return { added };
    },
  };
}
