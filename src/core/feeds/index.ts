/**
 * Feeds: strict schemas for ClaimReview feeds and provenance packs, caps, URL rules, Ed25519
 * verification, and the pure update decision.
 */
export * from './limits';
export { safeHttpsUrl, isPrivateHost } from './safe-url';
export { claimReviewSchema, dataFeedSchema, dataFeedItemSchema } from './claim-feed-schema';
export { PACK_SCHEMA, packSchema } from './pack-schema';
export { buildPack, parsePack, type Pack, type ParsedPack } from './pack';
export { verifySignature, decodePublicKey, type SignatureCheck } from './verify-signature';
export { planUpdate, looksLikeHtml, type FetchOutcome, type FeedState, type UpdatePlan, type RejectCode } from './plan-update';
export { describeIssues } from './describe-issues';
