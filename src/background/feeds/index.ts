/**
 * Background feeds: subscriptions and refreshes (FeedManager), alarms, option-page handlers,
 * ClaimReview harvest from visited fact-check pages, and the claim index cache.
 */
export { FeedManager,    } from './feed-manager';
;
export { registerFeedAlarms,  FEED_ALARM, type AlarmsLike } from './feed-schedule';
export { createFeedHandlers,  } from './feed-handlers';
;
