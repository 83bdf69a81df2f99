/**
 * Feeds: strict schemas for ClaimReview feeds and provenance packs, caps, URL rules, Ed25519
 * verification, and the pure update decision.
 */
export * from './limits';
export { safeHttpsUrl,  } from './safe-url';
;
export { PACK_SCHEMA,  } from './pack-schema';
export { buildPack, parsePack,   } from './pack';
export { verifySignature, decodePublicKey,  } from './verify-signature';
export { planUpdate,  type FetchOutcome, type FeedState,   } from './plan-update';
;
