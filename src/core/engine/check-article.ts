import type { ArticleRecord, ClaimMatch, Report } from '../types';
import { analyzeArticle, type AnalyzeOptions } from './analyze-article';
import { buildTimeline } from './build-timeline';
import { printDoc } from './fingerprint-article';
import type { PackEntry } from './pack-entry';
import type { ProvenanceIndex } from './provenance-index';

/**
 * Candidates aligned in full per check: the one value the extension, the CLI and `npm run eval`
 * use. Alignment is the expensive step, so latency grows linearly with it. Measured with
 * `npm run eval` (2026-12-04): 12 and 20 give the same copy verdicts and no false accusation on
 * the 441 unrelated-article checks, but 12 drops the same-story relation of 11 of 201 articles
 * (shown as no-match); WikinewsSum dev (45 articles) is identical. 20 keeps that context.
 */
export const CHECK_CANDIDATES = 20;

/** Articles the index must hold before its idf is used for analysis. */
const INDEX_IDF_MIN_DOCS = 50;

/**
 * What a check reads of the retrieval index (a ProvenanceIndex; tests may pass a stand-in).
 * `prepare`, where the index has it, loads what the check will read (an index restored from its
 * sharded snapshot reads the article's shards).
 */
export type CheckIndex = Pick<ProvenanceIndex, 'candidates' | 'docCount' | 'idf' | 'isBoilerplate'> & Partial<Pick<ProvenanceIndex, 'prepare'>>;

/** Loads one candidate's record (full text, else its pack entry); undefined when it is gone. */
export type DocLoader = (url: string) => Promise<ArticleRecord | PackEntry | undefined>;

/**
 * Options of a check: the known claims to match (none: `claims` stays empty) and, for experiments,
 * k. A ClaimIndex matches at once; the background's claim store reads claim records first (and,
 * after a cold start, restores its index from the snapshot).
 */
export interface CheckOptions {
  claims?: {
    matchArticle(article: ArticleRecord): ClaimMatch[] | Promise<ClaimMatch[]>;
    /** Whether it can match at once (its index in memory); false: `onVerdict` gets the verdict first. */
    ready?(): boolean;
  } | null;
  k?: number;
  /**
   * Called, when the claims cannot be matched at once (`claims.ready()` false: a cold background
   * has yet to restore its claim index), with the report as it stands before they are: its
   * `claims` empty and still to come, everything else final. Lets the extension show the verdict
   * first; the report checkArticle returns is the same as without it.
   */
  onVerdict?: (report: Report) => void | Promise<void>;
}

/**
 * The one check pipeline: retrieve the article's candidates from the index (its own URL
 * excluded), load them, analyse the article against them, match its sentences against the known
 * claims and lay out the story's timeline. The extension's background, the CLI and `npm run eval`
 * all call this, so the figures measure what ships.
 */
export async function checkArticle(article: ArticleRecord, index: CheckIndex, load: DocLoader, opts: CheckOptions = {}): Promise<Report> {
  const print = printDoc(article);
  await index.prepare?.(print);
  const cands = index.candidates(print, { k: opts.k ?? CHECK_CANDIDATES, excludeUrl: article.url });
  // A loader may hold the article itself (a re-checked page): it is never its own candidate.
  const docs = (await Promise.all(cands.map((c) => load(c.url)))).filter((d): d is ArticleRecord | PackEntry => d !== undefined && d.url !== article.url);
  const report = analyzeArticle(article, docs, indexAnalysisOptions(index));
  // The report carries no first-seen times; the records do (set by the store). The timeline does
  // not depend on the claims.
  const firstSeen = new Map([article, ...docs].map((d) => [d.url, d.firstSeen ?? null]));
  report.timeline = buildTimeline(report, (url) => firstSeen.get(url));
  if (!opts.claims) return report;
  if (opts.onVerdict && opts.claims.ready?.() === false) await opts.onVerdict({ ...report, claims: [] });
  report.claims = await opts.claims.matchArticle(article);
  return report;
}

/**
 * The analysis options an index provides: its idf (once it holds INDEX_IDF_MIN_DOCS articles;
 * below that its document frequencies are noise and the local idf over the article and its
 * candidates is steadier) and its boilerplate test. Pass them to analyzeArticle when calling it
 * directly after index.candidates().
 */
export function indexAnalysisOptions(index: CheckIndex): AnalyzeOptions {
  const useIndex = index.docCount >= INDEX_IDF_MIN_DOCS;
  return {
    idf: useIndex ? (t) => index.idf(t) : undefined,
    docCount: useIndex ? index.docCount : undefined,
    isBoilerplate: (terms) => index.isBoilerplate(terms),
  };
}
