/**
 * The matching engine's public API (see docs/architecture.md): the retrieval index, the analysis
 * of one article against candidates, and fingerprints for packs.
 */
export { ProvenanceIndex, INDEX_SNAPSHOT_MAGIC, type Candidate, type ShardLoader } from './provenance-index';
export { analyzeArticle, compareArticles, rankCandidates,     } from './analyze-article';
;
export { checkArticle, indexAnalysisOptions,  type CheckIndex,   } from './check-article';
export { fingerprintArticle } from './fingerprint-article';
export { PACK_ENTRY_VERSION,  type PackEntry,  } from './pack-entry';
