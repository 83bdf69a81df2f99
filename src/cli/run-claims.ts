/**
 * `provenance-lens claims import FEED --db DB` (ClaimReview in any published shape, or an HTML page
 * carrying ClaimReview JSON-LD) and `provenance-lens claims search --db DB [--top K]` (JSON Lines
 * queries on stdin, ranked claims out).
 */
import { extname, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import * as v from 'valibot';
import { ClaimIndex, parseClaimReviews } from '../core/claims/index';
import type { KnownClaim } from '../core/types';
import { parseBoundedJson } from '../core/json/parse-bounded-json';
import { CliError, counted, jsonLines, type CliIo } from './cli-io';
import { readDb, writeDb } from './cli-db';
import { withDbLock } from './db-lock';
import { readInputFile } from './load-articles';
import { clean } from './format-report';
import { describeIssues } from '../core/feeds/describe-issues';
import { SearchQuerySchema } from './schemas';

/** Import the claims of one feed file into the database (replacing claims with the same id). */
export async function runClaimsImport(opts: { feed: string; db: string; source: string; io: CliIo; cwd: string }): Promise<number> {
  const dbPath = resolve(opts.cwd, opts.db);
  return withDbLock(dbPath, () => importLocked(dbPath, opts));
}

async function importLocked(dbPath: string, opts: { feed: string; db: string; source: string; io: CliIo; cwd: string }): Promise<number> {
  const db = await readDb(dbPath, { mustExist: false });
  const file = resolve(opts.cwd, opts.feed);
  const text = await readInputFile(file, opts.feed);
  const blocks = feedBlocks(text, opts.feed);
  const claims: KnownClaim[] = [];
  let skipped = 0;
  const errors: string[] = [];
  for (const block of blocks) {
    const result = parseClaimReviews(block, opts.source);
    // One at a time: spreading a 150k-element array into push() overflows the call stack.
    for (const claim of result.claims) claims.push(claim);
    skipped += result.skipped;
    for (const error of result.errors) errors.push(error);
  }
  if (claims.length === 0) {
    const why = errors[0] ? `: ${clean(errors[0])}` : '';
    throw new CliError(`${opts.feed}: no ClaimReview found${skipped ? ` (${skipped} records skipped)` : ''}${why}`);
  }
  let added = 0;
  let replaced = 0;
  for (const claim of claims) {
    if (db.claims.has(claim.id)) replaced++;
    else added++;
    db.claims.set(claim.id, claim);
  }
  await writeDb(dbPath, db);
  opts.io.stdout(
    `${counted(claims.length, 'claim')} imported (${added} new, ${replaced} replaced), ${skipped} skipped; ` +
      `${opts.db} holds ${counted(db.claims.size, 'claim')}\n`,
  );
  // Skipped records are counted above; their reasons go to stderr, a few at most.
  for (const error of errors.slice(0, 5)) opts.io.stderr(`skipped: ${clean(error)}\n`);
  return 0;
}

/** The JSON values to hand to parseClaimReviews: the whole JSON file, or each JSON-LD block of a page. */
export function feedBlocks(text: string, name: string): unknown[] {
  const body = text.replace(/^\uFEFF/, '');
  const looksHtml = ['.html', '.htm'].includes(extname(name).toLowerCase()) || body.trimStart().startsWith('<');
  if (!looksHtml) {
    // Bounded as the extension bounds a feed: depth and container count checked before parsing.
    const parsed = parseBoundedJson(body);
    if (!parsed.ok) throw new CliError(`${name} ${parsed.error}`);
    return [parsed.value];
  }
  const { document } = parseHTML(body);
  const blocks: unknown[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    // A broken (or absurdly deep) JSON-LD block on a page is common; the other blocks still count.
    const parsed = parseBoundedJson(script.textContent ?? '');
    if (parsed.ok) blocks.push(parsed.value);
  }
  return blocks;
}

/** Rank the stored claims for each JSON Lines query on stdin; one JSON line out per query. */
export async function runClaimsSearch(opts: { db: string; top: number; io: CliIo; cwd: string }): Promise<number> {
  const db = await readDb(resolve(opts.cwd, opts.db), { mustExist: true });
  return answerClaimQueries([...db.claims.values()], opts);
}

/** Answer the JSON Lines queries on stdin against `claims` (the database's or a team store's). */
export async function answerClaimQueries(claims: KnownClaim[], opts: { top: number; io: CliIo }): Promise<number> {
  // Validate every query before printing anything, so a bad line never yields half an answer.
  const queries: Array<{ id: string | number; text: string }> = [];
  for (const { value, line } of jsonLines(await opts.io.readStdin(), 'stdin')) {
    const parsed = v.safeParse(SearchQuerySchema, value);
    if (!parsed.success) throw new CliError(`stdin line ${line}: ${describeIssues(parsed.issues)} (expected {"id","text"})`);
    queries.push(parsed.output);
  }
  const index = new ClaimIndex();
  index.add(claims);
  for (const query of queries) {
    // What a journalist needs to judge the match without opening every link: the claim, its
    // rating and who reviewed it, next to the score.
    const results = index.search(query.text, opts.top).map(({ claim, score }) => ({
      url: claim.url ?? claim.id,
      score: round(score),
      claim: claim.claimReviewed,
      rating: claim.rating.alternateName,
      reviewer: claim.reviewer.name ?? claim.reviewer.url,
    }));
    opts.io.stdout(JSON.stringify({ id: query.id, results }) + '\n');
  }
  return 0;
}

function round(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}
