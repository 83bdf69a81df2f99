/**
 * `provenance-lens check PAGE --db DB` and `provenance-lens compare A B`: build the engine's report
 * (schema provenance-lens/report@1) and print it as JSON, as W3C Web Annotations (JSON-LD), or as a
 * readable summary.
 */
import { resolve } from 'node:path';
import { ClaimIndex } from '../core/claims/index';
import { checkArticle, compareArticles, type ProvenanceIndex } from '../core/engine/index';
import { buildEvidence, evidenceSourceUrls } from '../core/export/build-evidence';
import type { ArticleRecord, Report } from '../core/types';
import { readDb, type CliDb } from './cli-db';
import { CliError, type CliIo } from './cli-io';
import { formatReport, formatTimeline } from './format-report';
import { buildIndex, loadIndexCache, saveIndexCache } from './index-cache';
import { loadOneArticle } from './load-articles';

/** How a report is printed: readable text, the report as JSON, or W3C Web Annotations. */
export interface OutputOpts {
  json: boolean;
  annotations?: boolean;
  /** Print the story's timeline (report.timeline) as text instead of the summary. */
  timeline?: boolean;
  io: CliIo;
}

/** The report for one page against every article in the database except the page's own URL. */
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
 * claims, through the one check pipeline (checkArticle). `index` and `claims` are the database's
 * retrieval and claim indexes (built here when not given; a caller checking many pages passes them).
 */
export async function checkAgainstDb(
  article: ArticleRecord,
  db: Pick<CliDb, 'articles' | 'entries' | 'claims'>,
  index: ProvenanceIndex = buildIndex(db),
  claims: ClaimIndex | null = claimIndexOf(db),
): Promise<Report> {
  return checkArticle(article, index, async (url) => db.articles.get(url) ?? db.entries.get(url), { claims });
}

/** The claim index over the database's claims, or null when it holds none. */
function claimIndexOf(db: Pick<CliDb, 'claims'>): ClaimIndex | null {
  return db.claims.size ? new ClaimIndex(db.claims.values()) : null;
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

/** Print a report as the options ask (readable text, JSON, or Web Annotations). */
export function print(report: Report, article: ArticleRecord, sourceOf: (url: string) => ArticleRecord | undefined, opts: OutputOpts): void {
  if (opts.json && opts.annotations) throw new CliError('choose one of --json and --annotations', 2);
  if (opts.timeline && (opts.json || opts.annotations)) throw new CliError('choose one of --timeline, --json and --annotations (the JSON report includes the timeline)', 2);
  if (opts.timeline) {
    opts.io.stdout(formatTimeline(report));
    return;
  }
  if (opts.annotations) {
    // Full source texts give each quoted source sentence its context (pack entries have none).
    const { page } = buildEvidence(report, article, evidenceSourceUrls(report).map(sourceOf), new Date());
    opts.io.stdout(JSON.stringify(page, null, 2) + '\n');
    return;
  }
  opts.io.stdout(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
}
