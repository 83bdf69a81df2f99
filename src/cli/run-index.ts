/**
 * `provenance-lens index PATH... --db DB`: add articles to the CLI database. Everything is read
 * and extracted first; the database is written once at the end, atomically, so an unreadable file
 * or bad JSON anywhere leaves the database exactly as it was.
 */
import { resolve, sep } from 'node:path';
import { harvestClaimReviews } from '../core/claims/index';
import type { PackEntry } from '../core/engine/index';
import { stableJson } from '../core/json/stable-json';
import type { ArticleRecord } from '../core/types';
import { CliError, counted, describeError, type CliIo } from './cli-io';
import { readDb, writeDb } from './cli-db';
import { withDbLock } from './db-lock';
import { clean } from './format-report';
import { buildIndex, loadIndexCache, saveIndexCache } from './index-cache';
import { expandPaths, loadFile, type LoadOutcome } from './load-articles';

/** Counts of what one `index` run did (also printed). */
interface IndexSummary {
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
  // Appended one by one: push(...records) overflows the call stack past ~125k records in one file.
  for (const file of files) for (const outcome of await loadFile(file, { url: opts.url })) outcomes.push(outcome);

  const now = new Date().toISOString();
  const changed: Array<ArticleRecord | PackEntry> = [];
  const summary: IndexSummary = { added: 0, updated: 0, skipped: 0, claims: 0 };
  const lines: string[] = [];
  const skip = (origin: string, reason: string) => {
    summary.skipped++;
    lines.push(`skipped  ${clean(relativeName(origin, opts.cwd))}: ${clean(reason)}`);
  };

  // Group by address first: several inputs may claim one URL (a saved republication whose only
  // address is the original's canonical link, the same page saved twice).
  const byUrl = new Map<string, Loaded[]>();
  for (const outcome of outcomes) {
    if (outcome.kind === 'skipped') {
      skip(outcome.origin, outcome.reason);
      continue;
    }
    const url = docOf(outcome).url;
    byUrl.set(url, [...(byUrl.get(url) ?? []), outcome]);
  }

  for (const [url, group] of byUrl) {
    const existing = db.articles.get(url) ?? db.entries.get(url);
    const chosen = pickOwner(group, existing);
    for (const other of group) {
      if (other === chosen) continue;
      skip(other.origin, conflictReason(url, other, chosen ?? existing!, chosen ? relativeName(chosen.origin, opts.cwd) : null));
    }
    if (!chosen) continue;
    const origin = clean(relativeName(chosen.origin, opts.cwd));
    if (chosen.kind === 'entry' && db.articles.has(url)) {
      // The full text aligns better than fingerprints (source sentences can be shown): keep it.
      skip(chosen.origin, `${url} is already indexed with its text`);
      continue;
    }
    // firstSeen belongs to this database, not the page: keep it across updates.
    const firstSeen = existing?.firstSeen ?? now;
    const record = chosen.kind === 'article' ? { ...chosen.article, firstSeen } : { ...chosen.entry, firstSeen };
    if (existing && sameContent(existing, record)) {
      skip(chosen.origin, `unchanged (${url})`);
    } else {
      if (existing) summary.updated++;
      else summary.added++;
      changed.push(record);
      lines.push(`${existing ? 'updated' : 'added  '}  ${clean(url)}  (${origin})`);
      if (chosen.kind === 'article') {
        db.entries.delete(url);
        db.articles.set(url, record as ArticleRecord);
      } else {
        db.entries.set(url, record as PackEntry);
      }
    }
  }

  for (const outcome of outcomes) {
    if (outcome.kind === 'article' && outcome.claimReviews.length > 0) {
      // Fact-check pages carry ClaimReview JSON-LD: their reviews of their own site join the claims
      // store under the extension's harvest rule (another site's review URL is dropped; the
      // reviewer is the page's site, not the name its markup declares).
      const claims = harvestClaimReviews(outcome.claimReviews, outcome.article.url);
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
      (summary.claims ? `, ${counted(summary.claims, 'claim')} harvested` : '') +
      `; ${opts.db} holds ${counted(db.articles.size, 'article')}` +
      (db.entries.size ? `, ${counted(db.entries.size, 'pack entry', 'pack entries')}` : '') +
      ` and ${counted(db.claims.size, 'claim')}\n`,
  );
  return 0;
}

type Loaded = Exclude<LoadOutcome, { kind: 'skipped' }>;

function docOf(outcome: Loaded): ArticleRecord | PackEntry {
  return outcome.kind === 'article' ? outcome.article : outcome.entry;
}

function siteKey(doc: ArticleRecord | PackEntry): string | null {
  return doc.siteName ? doc.siteName.trim().toLowerCase() : null;
}

function timeOf(doc: ArticleRecord | PackEntry): number {
  const t = doc.publishedTime ? Date.parse(doc.publishedTime) : NaN;
  return Number.isNaN(t) ? Infinity : t;
}

/**
 * Which input owns a URL (null: the stored record keeps it). Normally the first input, which then
 * updates the stored record. When inputs disagree about the outlet behind the address (a saved
 * republication whose only address is the original's canonical link), the earliest published
 * wins, and on a tie the stored record: an original is never overwritten by its copy.
 */
function pickOwner(group: Loaded[], existing: ArticleRecord | PackEntry | undefined): Loaded | null {
  const sites = new Set([...group.map(docOf), ...(existing ? [existing] : [])].map(siteKey).filter(Boolean));
  if (sites.size <= 1) return group[0];
  let best: Loaded | null = null;
  let bestTime = existing ? timeOf(existing) : Infinity;
  for (const item of group) {
    const t = timeOf(docOf(item));
    if (t < bestTime || (best === null && !existing && t === bestTime)) {
      best = item;
      bestTime = t;
    }
  }
  return best;
}

function conflictReason(url: string, loser: Loaded, owner: Loaded | ArticleRecord | PackEntry, ownerOrigin: string | null): string {
  const ownerDoc = 'kind' in owner ? docOf(owner) : owner;
  const where = ownerOrigin ? `from ${ownerOrigin}` : 'in the database';
  if (siteKey(docOf(loser)) === siteKey(ownerDoc)) return `same URL as ${ownerOrigin ?? 'the stored article'} (${url})`;
  return (
    `its address ${url} belongs to ${ownerDoc.siteName ?? 'another outlet'} (${where}); ` +
    'a republication naming the original as canonical? index it alone with --url'
  );
}

function sameContent(a: ArticleRecord | PackEntry, b: ArticleRecord | PackEntry): boolean {
  const { firstSeen: _a, ...restA } = a;
  const { firstSeen: _b, ...restB } = b;
  return stableJson(restA) === stableJson(restB);
}

/** Paths under the working folder are shown relative to it, as the user typed them. */
function relativeName(origin: string, cwd: string): string {
  const base = resolve(cwd) + sep;
  return origin.startsWith(base) ? origin.slice(base.length) : origin;
}
