import type { ArticleRecord, Report } from '../types';
import { analyzeArticle, type AnalyzeOptions } from './analyze-article';
import type { PackEntry } from './pack-entry';
import type { ProvenanceIndex } from './provenance-index';

/**
 * Candidates considered per check. Each is loaded and aligned, so latency grows linearly; 20
 * keeps every planted source in the benchmark while the check stays well inside its budget.
 */
export const CHECK_CANDIDATES = 20;

/** Articles the index must hold before its idf is used for analysis. */
export const INDEX_IDF_MIN_DOCS = 50;

/** Convenience: retrieve candidates from the index, load them, and analyse the article against them. */
export async function checkArticle(
  article: ArticleRecord,
  index: ProvenanceIndex,
  load: (url: string) => Promise<ArticleRecord | PackEntry | undefined>,
  opts: { k?: number } = {},
): Promise<Report> {
  const cands = index.candidates(article, { k: opts.k ?? CHECK_CANDIDATES, excludeUrl: article.url });
  const docs = (await Promise.all(cands.map((c) => load(c.url)))).filter((d): d is ArticleRecord | PackEntry => d !== undefined);
  return analyzeArticle(article, docs, indexAnalysisOptions(index));
}

/**
 * The analysis options an index provides: its idf (once it holds INDEX_IDF_MIN_DOCS articles;
 * below that its document frequencies are noise and the local idf over the article and its
 * candidates is steadier) and its boilerplate test. Pass them to analyzeArticle when calling it
 * directly after index.candidates().
 */
export function indexAnalysisOptions(index: ProvenanceIndex): AnalyzeOptions {
  const useIndex = index.docCount >= INDEX_IDF_MIN_DOCS;
  return {
    idf: useIndex ? (t) => index.idf(t) : undefined,
    docCount: useIndex ? index.docCount : undefined,
    isBoilerplate: (terms) => index.isBoilerplate(terms),
  };
}
