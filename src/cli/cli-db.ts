/**
 * The CLI database: one JSON Lines file (`{"magic":"provenance-lens/db@1","records":N}`, then one
 * article, pack entry or claim per line; see docs/architecture.md). Written to `DB.tmp-<pid>` and
 * renamed over the old file, so a crash or a failed command mid-write always leaves the previous
 * database whole; the record count in the header catches a file cut short at a line boundary
 * (a bad copy, a full disk), which every line's own validity cannot.
 */
import { createHash } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import type { PackEntry } from '../core/engine/index';
import { parseRecord } from '../core/records/parse-record';
import type { ArticleRecord, KnownClaim } from '../core/types';
import { CliError, describeFsError, jsonLines } from './cli-io';
import { describeIssues } from '../core/feeds/describe-issues';

/** The format tag on the first line; a different tag is refused rather than misread. */
const DB_MAGIC = 'provenance-lens/db@1';

/**
 * The database in memory, keyed by url or id (insertion order kept): articles with their text,
 * pack entries (articles known by fingerprint only, from provenance packs), and claims.
 */
export interface CliDb {
  articles: Map<string, ArticleRecord>;
  entries: Map<string, PackEntry>;
  claims: Map<string, KnownClaim>;
  /** Digest of the indexed lines (articles, entries) as read from disk, keying the index cache; '' when new. */
  indexDigest: string;
}

/** An empty database. */
export function emptyDb(): CliDb {
  return { articles: new Map(), entries: new Map(), claims: new Map(), indexDigest: '' };
}

/**
 * SHA-256 over the article and pack-entry lines of database text, in order. Claims do not enter
 * it, so importing claims keeps the cached retrieval index valid; any change to an indexed
 * document invalidates it.
 */
function indexDigest(text: string): string {
  const hash = createHash('sha256');
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('{"type":"article"') || trimmed.startsWith('{"type":"entry"')) hash.update(trimmed).update('\n');
  }
  return hash.digest('hex');
}

/**
 * Read a database file. A missing file is an error when `mustExist` (check, claims search) and an
 * empty database otherwise (index, claims import create it); a file that is not a database is
 * always an error, so a typo never overwrites an unrelated file.
 */
export async function readDb(path: string, opts: { mustExist: boolean }): Promise<CliDb> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT' && !opts.mustExist) return emptyDb();
    throw new CliError(`cannot read database ${path}: ${describeFsError(error)}`);
  }
  return { ...parseDb(text, path), indexDigest: indexDigest(text) };
}

/** Parse database text; every line is validated, the first bad one is reported by number. */
export function parseDb(text: string, path: string): CliDb {
  const db = emptyDb();
  let sawMagic = false;
  // Databases written before the count was added have none and are read as before.
  let promised: number | null = null;
  let records = 0;
  for (const { value, line } of jsonLines(text, path, ' (is this a provenance-lens database?)')) {
    if (!sawMagic) {
      const header = (value ?? {}) as { magic?: unknown; records?: unknown };
      if (header.magic !== DB_MAGIC) {
        throw new CliError(
          `${path} is not a provenance-lens database (expected {"magic":"${DB_MAGIC}"} on line 1)`,
        );
      }
      if (header.records !== undefined) {
        if (!Number.isSafeInteger(header.records) || (header.records as number) < 0) throw new CliError(`${path} line 1: bad record count`);
        promised = header.records as number;
      }
      sawMagic = true;
      continue;
    }
    records++;
    const { type, ...record } = (value ?? {}) as { type?: unknown };
    // Our own file: records older versions wrote are read with their defaults, newer fields kept.
    if (type === 'article') {
      const parsed = parseRecord('article', record, 'own');
      if (!parsed.ok) throw new CliError(`${path} line ${line}: bad article: ${describeIssues(parsed.issues)}`);
      db.articles.set(parsed.value.url, parsed.value);
    } else if (type === 'entry') {
      const parsed = parseRecord('packEntry', record, 'own');
      if (!parsed.ok) throw new CliError(`${path} line ${line}: bad pack entry: ${describeIssues(parsed.issues)}`);
      db.entries.set(parsed.value.url, parsed.value);
    } else if (type === 'claim') {
      const parsed = parseRecord('claim', record, 'own');
      if (!parsed.ok) throw new CliError(`${path} line ${line}: bad claim: ${describeIssues(parsed.issues)}`);
      db.claims.set(parsed.value.id, parsed.value);
    } else {
      throw new CliError(`${path} line ${line}: unknown record type ${JSON.stringify(type)}`);
    }
  }
  if (!sawMagic) throw new CliError(`${path} is empty, not a provenance-lens database`);
  if (promised !== null && records !== promised) {
    throw new CliError(`${path} is damaged: its header promises ${promised} records but it holds ${records} (cut short? restore a copy)`);
  }
  return db;
}

/** Serialise a database to its JSON Lines text. */
export function serializeDb(db: CliDb): string {
  const lines = [JSON.stringify({ magic: DB_MAGIC, records: db.articles.size + db.entries.size + db.claims.size })];
  for (const article of db.articles.values()) lines.push(JSON.stringify({ type: 'article', ...article }));
  for (const entry of db.entries.values()) lines.push(JSON.stringify({ type: 'entry', ...entry }));
  for (const claim of db.claims.values()) lines.push(JSON.stringify({ type: 'claim', ...claim }));
  return lines.join('\n') + '\n';
}

/** Write a database atomically (see the module comment); resolves to the new index digest. */
export async function writeDb(path: string, db: CliDb): Promise<string> {
  const text = serializeDb(db);
  await writeFileAtomic(path, text);
  return indexDigest(text);
}

/**
 * Write `text` to `path` through `path.tmp-<pid>` + fsync + rename: readers see the old file or the
 * new one, never a half-written one; the temporary file is removed when anything fails.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text);
      // Flush before the rename; otherwise a power cut can leave a renamed but empty file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new CliError(`cannot write ${path}: ${describeFsError(error)}`);
  }
}
