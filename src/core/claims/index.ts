/**
 * Known claims: ClaimReview parsing, the claim index (BM25 + coverage re-rank) and sentence ->
 * claim matching with a calibrated threshold, and each match's stance (repeats, refutes, mentions).
 */
export { parseClaimReviews,  } from './parse-claim-reviews';
export { harvestClaimReviews,  MAX_HARVEST_PER_PAGE } from './harvest-claim-reviews';
export {
  ClaimIndex,
  CLAIM_SNAPSHOT_MAGIC,
  
  resolveClaimMatches,
  type ClaimHit,
  type ClaimFeatures,
  
  type ClaimMatchPlan,
  
  type RankedClaim,
} from './claim-index';
export { matchClaims } from './match-claims';
export { claimTerms,  } from './claim-terms';
export { claimStance,  } from './claim-stance';
export { isClaimWarning } from '../types';
