/**
 * `provenance-lens check PAGE --db DB` and `provenance-lens compare A B`: build the engine's report
 * (schema provenance-lens/report@1) and print it as JSON, as W3C Web Annotations (JSON-LD), or as a
 * readable summary.
 */
import { resolve } from 'node:path';
import { ClaimIndex } from '../core/claims/index';
import { checkArticle, compareArticles, type ProvenanceIndex } from '../core/engine/index';
import { reportToAnnotations } from '../core/export/web-annotation';
import { articleText, type ArticleRecord, type KnownClaim, type Report } from '../core/types';
import { readDb, type CliDb } from './cli-db';
import { CliError, type CliIo } from './cli-io';
import { formatReport } from './format-report';
import { buildIndex, loadIndexCache, saveIndexCache } from './index-cache';
import { loadOneArticle } from './load-articles';

/** The report for one page against every article in the database except the page's own URL. */
/** How a report is printed: readable text, the report as JSON, or W3C Web Annotations. */
export interface OutputOpts {
  json: boolean;
  annotations?: boolean;
  io: CliIo;
}

export async function runCheck(opts: OutputOpts & { page: string; db: string; url?: string; cwd: string }): Promise<number> {
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
  print(report, checked, (url) => db.articles.get(url), opts);
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
export async function runCompare(opts: OutputOpts & { a: string; b: string; cwd: string }): Promise<number> {
  if (opts.a === '-' && opts.b === '-') throw new CliError('compare: only one of A and B can be standard input', 2);
  const ctx = { cwd: opts.cwd, readStdin: opts.io.readStdin };
  const { article: a } = await loadOneArticle(opts.a, ctx);
  const { article: b } = await loadOneArticle(opts.b, ctx);
  print(compareArticles(a, b), a, (url) => (url === b.url ? b : undefined), opts);
  return 0;
}

function withClaims(report: Report, article: ArticleRecord, claims: KnownClaim[]): Report {
  if (claims.length === 0) return report;
  const claimIndex = new ClaimIndex();
  claimIndex.add(claims);
  return { ...report, claims: claimIndex.matchArticle(article) };
}

function print(report: Report, article: ArticleRecord, sourceOf: (url: string) => ArticleRecord | undefined, opts: OutputOpts): void {
  if (opts.json && opts.annotations) throw new CliError('choose one of --json and --annotations', 2);
  if (opts.annotations) {
    // Full source texts give each quoted source sentence its context (pack entries have none).
    const sourceTexts = new Map<string, string>();
    for (const p of report.passages) {
      const src = sourceOf(p.source.url);
      if (src && !sourceTexts.has(src.url)) sourceTexts.set(src.url, articleText(src));
    }
    const page = reportToAnnotations(report, articleText(article), { now: new Date(), sourceTexts });
    opts.io.stdout(JSON.stringify(page, null, 2) + '\n');
    return;
  }
  opts.io.stdout(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
}
