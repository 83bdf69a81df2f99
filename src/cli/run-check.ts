/**
 * `provenance-lens check PAGE --db DB` and `provenance-lens compare A B`: build the engine's report
 * (schema provenance-lens/report@1) and print it as JSON or as a readable summary.
 */
import { resolve } from 'node:path';
import { ClaimIndex } from '../core/claims/index';
import { ProvenanceIndex, checkArticle, compareArticles } from '../core/engine/index';
import type { ArticleRecord, KnownClaim, Report } from '../core/types';
import type { CliIo } from './cli-io';
import { readDb } from './cli-db';
import { formatReport } from './format-report';
import { loadOneArticle } from './load-articles';

/** The report for one page against every article in the database except the page's own URL. */
export async function runCheck(opts: { page: string; db: string; url?: string; json: boolean; io: CliIo; cwd: string }): Promise<number> {
  const db = await readDb(resolve(opts.cwd, opts.db), { mustExist: true });
  const { article } = await loadOneArticle(resolve(opts.cwd, opts.page), { url: opts.url });
  const known = db.articles.get(article.url);
  const checked: ArticleRecord = { ...article, firstSeen: known?.firstSeen ?? article.firstSeen ?? new Date().toISOString() };
  const report = await checkAgainstDb(checked, db.articles, [...db.claims.values()]);
  print(report, opts);
  return 0;
}

/**
 * Check one article against stored articles (its own URL excluded, so re-checking an indexed page
 * does not find itself) and match its sentences against the stored claims.
 */
export async function checkAgainstDb(
  article: ArticleRecord,
  articles: Map<string, ArticleRecord>,
  claims: KnownClaim[],
): Promise<Report> {
  const index = new ProvenanceIndex();
  for (const [url, record] of articles) if (url !== article.url) index.add(record);
  const report = await checkArticle(article, index, async (url: string) =>
    url === article.url ? undefined : articles.get(url),
  );
  return withClaims(report, article, claims);
}

/** A checked against B alone (no database, so no claims). */
export async function runCompare(opts: { a: string; b: string; json: boolean; io: CliIo; cwd: string }): Promise<number> {
  const { article: a } = await loadOneArticle(resolve(opts.cwd, opts.a));
  const { article: b } = await loadOneArticle(resolve(opts.cwd, opts.b));
  print(compareArticles(a, b), opts);
  return 0;
}

function withClaims(report: Report, article: ArticleRecord, claims: KnownClaim[]): Report {
  if (claims.length === 0) return report;
  const claimIndex = new ClaimIndex();
  claimIndex.add(claims);
  return { ...report, claims: claimIndex.matchArticle(article) };
}

function print(report: Report, opts: { json: boolean; io: CliIo }): void {
  opts.io.stdout(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
}
