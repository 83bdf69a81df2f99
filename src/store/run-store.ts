/**
 * `index`, `check`, `claims import|search` with `--store redis://host:port,...`: the same
 * commands as with `--db`, against a team store (docs/team-store.md). Inputs are read and
 * validated first, as with a database, so a bad file writes nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { harvestClaimReviews, parseClaimReviews } from '../core/claims/index';
import { compareArticles } from '../core/engine/index';
import type { KnownClaim } from '../core/types';
import { CliError, describeError, type CliIo } from '../cli/cli-io';
import { clean } from '../cli/format-report';
import { print, type OutputOpts } from '../cli/run-check';
import { answerClaimQueries, feedBlocks } from '../cli/run-claims';
import { expandPaths, loadFile, loadOneArticle, readInputFile, type LoadOutcome } from '../cli/load-articles';
import { printRecord } from '../core/engine/fingerprint-article';
import { checkInStore, matchInStore, type ProvenanceStore, type StoredDoc, type TeamMatches } from './provenance-store';
import { RedisStore, redactAddress } from './redis-store';

/**
 * Opens the store named by `--store` (only Redis Cluster addresses today). Credentials and a
 * private certificate authority come from the environment: PL_REDIS_USERNAME, PL_REDIS_PASSWORD,
 * PL_REDIS_CA_FILE (a PEM file, for `rediss://` clusters whose certificates the system does not trust).
 */
export async function openStore(address: string, env: NodeJS.ProcessEnv = process.env): Promise<ProvenanceStore> {
  const shown = redactAddress(address);
  if (!/^rediss?:\/\//.test(address)) throw new CliError(`--store: expected redis[s]://[user:password@]host:port[,host:port...], got ${JSON.stringify(shown)}`, 2);
  let ca: Buffer | undefined;
  if (env.PL_REDIS_CA_FILE) {
    try {
      ca = readFileSync(env.PL_REDIS_CA_FILE);
    } catch (error) {
      throw new CliError(`PL_REDIS_CA_FILE: cannot read ${env.PL_REDIS_CA_FILE}: ${describeError(error)}`, 2);
    }
  }
  try {
    return await RedisStore.connect(address, {}, { username: env.PL_REDIS_USERNAME || undefined, password: env.PL_REDIS_PASSWORD || undefined, ca });
  } catch (error) {
    throw new CliError(`cannot use the team store ${shown}: ${describeError(error)}`);
  }
}

/** Runs `fn` on an open store and closes it; store failures become one-line CliErrors. */
async function withStore<T>(address: string, fn: (store: ProvenanceStore) => Promise<T>): Promise<T> {
  const store = await openStore(address);
  try {
    return await fn(store);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`team store ${redactAddress(address)}: ${describeError(error)}`);
  } finally {
    await store.close();
  }
}

/** `index PATH... --store ADDR`: add articles and pack entries; prints one line per article and a total. */
export async function runStoreIndex(opts: { paths: string[]; store: string; url?: string; io: CliIo; cwd: string }): Promise<number> {
  const files = await expandPaths(opts.paths, opts.cwd);
  if (opts.url !== undefined && files.length !== 1) throw new CliError('--url applies to a single HTML file', 2);
  const outcomes: LoadOutcome[] = [];
  // One by one: push(...records) overflows the call stack past ~125k records in one file.
  for (const file of files) for (const outcome of await loadFile(file, { url: opts.url })) outcomes.push(outcome);
  const docs = new Map<string, StoredDoc>();
  const lines: string[] = [];
  let skipped = 0;
  const claims: KnownClaim[] = [];
  for (const o of outcomes) {
    if (o.kind === 'skipped') {
      skipped++;
      lines.push(`skipped  ${clean(o.origin)}: ${clean(o.reason)}`);
      continue;
    }
    const doc = o.kind === 'article' ? o.article : o.entry;
    // One document per address in a run: the first input names it, as with --db.
    if (docs.has(doc.url)) {
      skipped++;
      lines.push(`skipped  ${clean(o.origin)}: same URL as an earlier input (${clean(doc.url)})`);
      continue;
    }
    docs.set(doc.url, doc);
    // The one harvest rule: own-site reviews only, the reviewer named by the page's site.
    if (o.kind === 'article' && o.claimReviews.length > 0) for (const c of harvestClaimReviews(o.claimReviews, o.article.url)) claims.push(c);
  }
  return withStore(opts.store, async (store) => {
    const results = await store.add([...docs.values()], new Date().toISOString());
    const count = { added: 0, updated: 0, unchanged: 0 };
    for (const r of results) {
      count[r.status]++;
      if (r.status !== 'unchanged') lines.push(`${r.status === 'added' ? 'added  ' : 'updated'}  ${clean(r.url)}`);
    }
    if (claims.length) await store.addClaims(claims);
    const stats = await store.stats();
    for (const line of lines) opts.io.stdout(line + '\n');
    opts.io.stdout(
      `${count.added} added, ${count.updated} updated, ${skipped + count.unchanged} skipped` +
        (claims.length ? `, ${claims.length} claims harvested` : '') +
        `; the team store holds ${stats.articles} articles and ${stats.claims} claims\n`,
    );
    return 0;
  });
}

/** `check PAGE --store ADDR`: the report for one page against the team store. */
export async function runStoreCheck(opts: OutputOpts & { page: string; store: string; url?: string; cwd: string }): Promise<number> {
  const { article } = await loadOneArticle(opts.page, { cwd: opts.cwd, url: opts.url, readStdin: opts.io.readStdin });
  return withStore(opts.store, async (store) => {
    const known = (await store.load([article.url])).get(article.url);
    const checked = { ...article, firstSeen: known?.firstSeen ?? article.firstSeen ?? new Date().toISOString() };
    if (!store.alignment) {
      printMatches(await matchInStore(store, printRecord(checked)), opts);
      return 0;
    }
    const { report, sources } = await checkInStore(store, checked);
    print(report, checked, (url) => {
      const doc = sources.get(url);
      return doc && 'paragraphs' in doc ? doc : undefined;
    }, opts);
    return 0;
  });
}

/**
 * Prints the matches from a store without alignment data: JSON with --json, else one line per
 * match and a line saying what such a check cannot tell.
 */
function printMatches(found: TeamMatches, opts: OutputOpts): void {
  if (opts.json) {
    opts.io.stdout(JSON.stringify(found, null, 2) + '\n');
    return;
  }
  const lines = [`Team index matches for ${clean(found.article.url)} (fingerprints only: no verdict, direction, credit or passages)`];
  if (found.matches.length === 0) lines.push('  none: no stored article shares its distinctive terms or running text');
  for (const m of found.matches) {
    lines.push(
      `  ${(m.shingleShare * 100).toFixed(0).padStart(3)}% of its 8-word runs  ${clean(m.url)}  (${clean(m.siteName ?? '?')}, published ${m.publishedTime ?? 'unknown'}, first seen ${m.firstSeen ?? 'unknown'})`,
    );
  }
  opts.io.stdout(lines.join('\n') + '\n');
}

/** `claims import FEED --store ADDR`. */
export async function runStoreClaimsImport(opts: { feed: string; store: string; source: string; io: CliIo; cwd: string }): Promise<number> {
  // Capped as a feed (128 MiB), checked before reading.
  const text = await readInputFile(resolve(opts.cwd, opts.feed), opts.feed);
  const claims: KnownClaim[] = [];
  let skipped = 0;
  for (const block of feedBlocks(text, opts.feed)) {
    const result = parseClaimReviews(block, opts.source);
    for (const claim of result.claims) claims.push(claim);
    skipped += result.skipped;
  }
  if (claims.length === 0) throw new CliError(`${opts.feed}: no ClaimReview found${skipped ? ` (${skipped} records skipped)` : ''}`);
  return withStore(opts.store, async (store) => {
    const added = await store.addClaims(claims);
    const stats = await store.stats();
    opts.io.stdout(
      `${claims.length} claims imported (${added} new, ${claims.length - added} replaced), ${skipped} skipped; ` +
        `the team store holds ${stats.claims} claims\n`,
    );
    return 0;
  });
}

/** `claims search --store ADDR`. */
export async function runStoreClaimsSearch(opts: { store: string; top: number; io: CliIo }): Promise<number> {
  return withStore(opts.store, async (store) => answerClaimQueries(await store.claims(), opts));
}

/** `compare A B --store ADDR`: A and B are files or URLs of articles stored with their text. */
export async function runStoreCompare(opts: OutputOpts & { a: string; b: string; store: string; cwd: string }): Promise<number> {
  return withStore(opts.store, async (store) => {
    const get = async (given: string) => {
      if (/^https?:\/\//.test(given)) {
        const doc = (await store.load([given])).get(given);
        if (!doc) throw new CliError(`${given} is not in the team store`);
        if (!('paragraphs' in doc)) throw new CliError(`${given} is stored as fingerprints only (a pack entry); compare needs its text`);
        return doc;
      }
      return (await loadOneArticle(given, { cwd: opts.cwd, readStdin: opts.io.readStdin })).article;
    };
    const a = await get(opts.a);
    const b = await get(opts.b);
    print(compareArticles(a, b), a, (url) => (url === b.url ? b : undefined), opts);
    return 0;
  });
}
