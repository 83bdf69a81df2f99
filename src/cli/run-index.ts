/**
 * `provenance-lens index PATH... --db DB`: add articles to the CLI database. Everything is read
 * and extracted first; the database is written once at the end, atomically, so an unreadable file
 * or bad JSON anywhere leaves the database exactly as it was.
 */
import { resolve, sep } from 'node:path';
import { parseClaimReviews } from '../core/claims/index';
import type { PackEntry } from '../core/engine/index';
import type { ArticleRecord } from '../core/types';
import { CliError, describeError, type CliIo } from './cli-io';
import { readDb, writeDb } from './cli-db';
import { withDbLock } from './db-lock';
import { clean } from './format-report';
import { buildIndex, loadIndexCache, saveIndexCache } from './index-cache';
import { expandPaths, loadFile, type LoadOutcome } from './load-articles';

/** Counts of what one `index` run did (also printed). */
export interface IndexSummary {
  added: number;
  updated: number;
  skipped: number;
  claims: number;
}

/** Index the given paths into the database; prints one line per article and a total. */
export async function runIndex(opts: { paths: string[]; db: string; url?: string; io: CliIo; cwd: string }): Promise<number> {
  const dbPath = resolve(opts.cwd, opts.db);
  return withDbLock(dbPath, () => indexLocked(dbPath, opts));
}

async function indexLocked(dbPath: string, opts: { paths: string[]; db: string; url?: string; io: CliIo; cwd: string }): Promise<number> {
  const db = await readDb(dbPath, { mustExist: false });
  const files = await expandPaths(opts.paths, opts.cwd);
  if (opts.url !== undefined && files.length !== 1) throw new CliError('--url applies to a single HTML file', 2);
  if (files.includes(dbPath)) throw new CliError(`refusing to index the database itself (${opts.db})`, 2);

  const outcomes: LoadOutcome[] = [];
  for (const file of files) outcomes.push(...(await loadFile(file, { url: opts.url })));

  const now = new Date().toISOString();
  const seenThisRun = new Map<string, string>();
  const changed: Array<ArticleRecord | PackEntry> = [];
  const summary: IndexSummary = { added: 0, updated: 0, skipped: 0, claims: 0 };
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const origin = clean(relativeName(outcome.origin, opts.cwd));
    if (outcome.kind === 'skipped') {
      summary.skipped++;
      lines.push(`skipped  ${origin}: ${clean(outcome.reason)}`);
      continue;
    }
    const url = outcome.kind === 'article' ? outcome.article.url : outcome.entry.url;
    const earlier = seenThisRun.get(url);
    if (earlier !== undefined) {
      summary.skipped++;
      lines.push(`skipped  ${origin}: same URL as ${earlier} (${clean(url)})`);
      continue;
    }
    seenThisRun.set(url, origin);
    if (outcome.kind === 'entry' && db.articles.has(url)) {
      // The full text aligns better than fingerprints (source sentences can be shown): keep it.
      summary.skipped++;
      lines.push(`skipped  ${origin}: ${clean(url)} is already indexed with its text`);
      continue;
    }
    // firstSeen belongs to this database, not the page: keep it across updates.
    const previous = db.articles.get(url) ?? db.entries.get(url);
    const firstSeen = previous?.firstSeen ?? now;
    const record = outcome.kind === 'article' ? { ...outcome.article, firstSeen } : { ...outcome.entry, firstSeen };
    if (previous && sameContent(previous, record)) {
      summary.skipped++;
      lines.push(`skipped  ${origin}: unchanged (${clean(url)})`);
    } else {
      if (previous) summary.updated++;
      else summary.added++;
      changed.push(record);
      lines.push(`${previous ? 'updated' : 'added  '}  ${clean(url)}  (${origin})`);
      if (outcome.kind === 'article') {
        db.entries.delete(url);
        db.articles.set(url, record as ArticleRecord);
      } else {
        db.entries.set(url, record as PackEntry);
      }
    }

    if (outcome.kind === 'article' && outcome.claimReviews.length > 0) {
      // Fact-check pages carry ClaimReview JSON-LD: their claims join the claims store, as the
      // extension's harvest does.
      const { claims } = parseClaimReviews(outcome.claimReviews, 'harvest');
      for (const claim of claims) db.claims.set(claim.id, claim);
      summary.claims += claims.length;
    }
  }
  const oldDigest = db.indexDigest;
  const newDigest = await writeDb(dbPath, db);
  for (const line of lines) opts.io.stdout(line + '\n');
  if (newDigest !== oldDigest) {
    // The database is written; the index cache is derived data, so failing to update it only costs
    // the next check a rebuild.
    try {
      const cached = await loadIndexCache(dbPath, oldDigest);
      if (cached) for (const record of changed) cached.add(record);
      await saveIndexCache(dbPath, newDigest, cached ?? buildIndex(db));
    } catch (error) {
      opts.io.stderr(`warning: index cache not updated (${describeError(error)}); the next check rebuilds it\n`);
    }
  }
  opts.io.stdout(
    `${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped` +
      (summary.claims ? `, ${summary.claims} claims harvested` : '') +
      `; ${opts.db} holds ${db.articles.size} articles` +
      (db.entries.size ? `, ${db.entries.size} pack entries` : '') +
      ` and ${db.claims.size} claims\n`,
  );
  return 0;
}

function sameContent(a: ArticleRecord | PackEntry, b: ArticleRecord | PackEntry): boolean {
  const { firstSeen: _a, ...restA } = a;
  const { firstSeen: _b, ...restB } = b;
  return stableJson(restA) === stableJson(restB);
}

/** JSON with object keys sorted, so records read back from disk compare equal to fresh ones. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** Paths under the working folder are shown relative to it, as the user typed them. */
function relativeName(origin: string, cwd: string): string {
  const base = resolve(cwd) + sep;
  return origin.startsWith(base) ? origin.slice(base.length) : origin;
}
