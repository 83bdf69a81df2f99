/**
 * Background feeds: subscriptions and refreshes (FeedManager), alarms, option-page handlers,
 * ClaimReview harvest from visited fact-check pages, and the claim index cache.
 */
export { FeedManager, checkSubscriptionUrl, MAX_FEEDS, type FeedManagerOptions } from './feed-manager';
export { fetchFeed, fetchSignature, signatureUrl, type FetchLike } from './fetch-feed';
export { registerFeedAlarms, nextRefreshTime, FEED_ALARM, type AlarmsLike } from './feed-schedule';
export { createFeedHandlers, type FeedHandlers } from './feed-handlers';
export { harvestClaimReviews, HARVEST_SOURCE } from '../../core/claims/harvest-claim-reviews';
