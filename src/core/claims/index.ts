/**
 * Known claims: ClaimReview parsing, the claim index (BM25 + coverage re-rank) and sentence ->
 * claim matching with a calibrated threshold, and each match's stance (repeats, refutes, mentions).
 */
export { parseClaimReviews, type ParsedClaims } from './parse-claim-reviews';
export { harvestClaimReviews, HARVEST_SOURCE, MAX_HARVEST_PER_PAGE } from './harvest-claim-reviews';
export {
  ClaimIndex,
  CLAIM_SNAPSHOT_MAGIC,
  DEFAULT_SCORING,
  resolveClaimMatches,
  type ClaimHit,
  type ClaimFeatures,
  type ClaimIndexOptions,
  type ClaimMatchPlan,
  type ClaimScoring,
  type RankedClaim,
} from './claim-index';
export { matchClaims } from './match-claims';
export { claimTerms, cleanClaimText } from './claim-terms';
export { claimStance, claimClause } from './claim-stance';
export { isClaimWarning } from '../types';
