/**
 * `provenance-lens check PAGE --db DB` and `provenance-lens compare A B`: build the engine's report
 * (schema provenance-lens/report@1) and print it as JSON or as a readable summary.
 */
import { resolve } from 'node:path';
import { ClaimIndex } from '../core/claims/index';
import { checkArticle, compareArticles, type ProvenanceIndex } from '../core/engine/index';
import type { ArticleRecord, KnownClaim, Report } from '../core/types';
import { readDb, type CliDb } from './cli-db';
import { CliError, type CliIo } from './cli-io';
import { formatReport } from './format-report';
import { buildIndex, loadIndexCache, saveIndexCache } from './index-cache';
import { loadOneArticle } from './load-articles';

/** The report for one page against every article in the database except the page's own URL. */
export async function runCheck(opts: { page: string; db: string; url?: string; json: boolean; io: CliIo; cwd: string }): Promise<number> {
  const dbPath = resolve(opts.cwd, opts.db);
  const db = await readDb(dbPath, { mustExist: true });
  const { article } = await loadOneArticle(opts.page, { cwd: opts.cwd, url: opts.url, readStdin: opts.io.readStdin });
  const known = db.articles.get(article.url);
  const checked: ArticleRecord = { ...article, firstSeen: known?.firstSeen ?? article.firstSeen ?? new Date().toISOString() };
  let index = await loadIndexCache(dbPath, db.indexDigest);
  if (!index) {
    index = buildIndex(db);
    // Best effort: a read-only folder just means the next check rebuilds too.
    await saveIndexCache(dbPath, db.indexDigest, index).catch(() => undefined);
  }
  const report = await checkAgainstDb(checked, db, index);
  print(report, opts);
  return 0;
}

/**
 * Check one article against the stored articles and pack entries (its own URL excluded, so
 * re-checking an indexed page does not find itself) and match its sentences against the stored
 * claims. `index` is the retrieval index over the database (built here when not given).
 */
export async function checkAgainstDb(
  article: ArticleRecord,
  db: Pick<CliDb, 'articles' | 'entries' | 'claims'>,
  index: ProvenanceIndex = buildIndex(db),
): Promise<Report> {
  // checkArticle excludes the article's own URL from the candidates; the loader refuses it too.
  const report = await checkArticle(article, index, async (url: string) =>
    url === article.url ? undefined : (db.articles.get(url) ?? db.entries.get(url)),
  );
  return withClaims(report, article, [...db.claims.values()]);
}

/** A checked against B alone (no database, so no claims). */
export async function runCompare(opts: { a: string; b: string; json: boolean; io: CliIo; cwd: string }): Promise<number> {
  if (opts.a === '-' && opts.b === '-') throw new CliError('compare: only one of A and B can be standard input', 2);
  const ctx = { cwd: opts.cwd, readStdin: opts.io.readStdin };
  const { article: a } = await loadOneArticle(opts.a, ctx);
  const { article: b } = await loadOneArticle(opts.b, ctx);
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
