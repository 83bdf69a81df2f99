/**
 * The engine the extension's background runs: the one check pipeline of src/core/engine, and its
 * retrieval index restored from the sharded snapshot (head at once, shards as checks need them).
 * The entry and the contract tests share it, so they run what ships.
 */
import { ProvenanceIndex, checkArticle, compareArticles } from '../core/engine';
import type { BackgroundEngine } from './provenance-store';

export const backgroundEngine: BackgroundEngine = {
  createIndex: () => new ProvenanceIndex(),
  indexFromSnapshot: (head, loader) => ProvenanceIndex.fromShardedHead(head, loader),
  check: checkArticle,
  compare: compareArticles,
};
