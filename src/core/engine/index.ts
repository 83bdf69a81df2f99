/**
 * The matching engine's public API (see docs/architecture.md): the retrieval index, the analysis
 * of one article against candidates, and fingerprints for packs.
 */
export { ProvenanceIndex, INDEX_SNAPSHOT_MAGIC, type Candidate } from './provenance-index';
export { analyzeArticle, compareArticles, rankCandidates, DECISION, RANK_SHARE_WEIGHT, type AnalyzeOptions, type ScoredCandidate } from './analyze-article';
export { buildTimeline, type FirstSeenOf } from './build-timeline';
export { checkArticle, indexAnalysisOptions, CHECK_CANDIDATES, type CheckIndex, type CheckOptions, type DocLoader } from './check-article';
export { fingerprintArticle } from './fingerprint-article';
export { PACK_ENTRY_VERSION, isPackEntry, type PackEntry, type PackSentence } from './pack-entry';
