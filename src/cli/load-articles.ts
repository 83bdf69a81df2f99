/**
 * Turns the files named on the command line into ArticleRecords: HTML pages through the same
 * extraction as the extension (linkedom + src/extract), JSON Lines of `{url, title, siteName,
 * publishedTime, text}`, and JSON article files. File-level problems (unreadable, unknown format,
 * bad JSON) throw a CliError so the command stops before writing anything; record-level problems
 * (a page that is not an article, a record without text) come back as "skipped" with the reason.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import type { PackEntry } from '../core/engine/index';
import { MAX_FEED_BYTES, PACK_SCHEMA, parsePack } from '../core/feeds/index';
import { parseBoundedJson } from '../core/json/parse-bounded-json';
import { parseRecord, type Trust } from '../core/records/parse-record';
import { resolveArticleUrl } from '../core/site';
import type { ArticleRecord } from '../core/types';
import { extractHtml } from '../extract/from-html';
import { styleHiddenTest } from './style-hidden';
import { CliError, describeError, describeFsError, jsonLines } from './cli-io';
import { describeIssues } from '../core/feeds/describe-issues';
import { TextArticleSchema } from './schemas';

/**
 * What one input record became: an article (with any ClaimReview JSON-LD found), an entry of a
 * provenance pack (fingerprints, no text), or a skip with its reason.
 */
export type LoadOutcome =
  | { kind: 'article'; origin: string; article: ArticleRecord; claimReviews: unknown[] }
  | { kind: 'entry'; origin: string; entry: PackEntry }
  | { kind: 'skipped'; origin: string; reason: string };

type Format = 'html' | 'jsonl' | 'json';

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/**
 * Expand the paths given: files stay as they are (any format, checked when read), folders become
 * their .html/.htm files, recursively, in a stable sorted order so runs are reproducible.
 */
export async function expandPaths(paths: string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const full = resolve(cwd, given);
    let info;
    try {
      info = await stat(full);
    } catch (error) {
      throw new CliError(`cannot read ${given}: ${describeFsError(error)}`);
    }
    if (info.isDirectory()) for (const file of await htmlFilesUnder(full)) files.push(file);
    else files.push(full);
  }
  return files;
}

async function htmlFilesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new CliError(`cannot read folder ${dir}: ${describeFsError(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    // Not push(...): a folder of 10^5 saved pages would overflow the call stack.
    if (entry.isDirectory()) for (const file of await htmlFilesUnder(full)) files.push(file);
    else if (entry.isFile() && HTML_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(full);
  }
  return files;
}

/** Read one file and return every record in it (JSON Lines files hold many). */
export async function loadFile(file: string, opts: { url?: string } = {}): Promise<LoadOutcome[]> {
  // JSON Lines is read line by line, each line bounded; any other file is one document, capped as a feed.
  const cap = JSONL_EXTENSIONS.has(extname(file).toLowerCase()) ? Number.POSITIVE_INFINITY : MAX_FEED_BYTES;
  const bytes = await readInputBytes(file, file, cap);
  return loadBytes(file, bytes, { url: opts.url ?? pathToFileURL(file).href });
}

/**
 * The bytes of an input file, refused with a one-line error when unreadable or larger than `cap`
 * (checked before reading, so a huge file is never loaded into memory).
 */
async function readInputBytes(file: string, name: string, cap: number): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > cap) {
      throw new CliError(`${name} is larger than ${Math.round(cap / 1048576)} MiB (the feed size limit); split it, or use JSON Lines`);
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${name}: ${describeFsError(error)}`);
  }
}

/** A feed or other one-document input file as UTF-8 text, at most MAX_FEED_BYTES (as the extension caps a feed). */
export async function readInputFile(file: string, name: string): Promise<string> {
  return (await readInputBytes(file, name, MAX_FEED_BYTES)).toString('utf8');
}

/** Parse input already in memory; `name` names it in messages and picks the format by extension. */
export function loadBytes(name: string, bytes: Buffer, opts: { url: string }): LoadOutcome[] {
  const text = bytes.toString('utf8');
  const format = detectFormat(name, text);
  if (format === 'html') return [htmlOutcome(name, decodeHtml(bytes, text), opts.url)];
  if (format === 'jsonl') return jsonLinesOutcomes(name, text);
  return jsonOutcomes(name, text);
}

/** Address given to a page read from standard input that names none itself (pass --url instead). */
const STDIN_URL = 'file:///dev/stdin';

/**
 * Load the input named on the command line: a path, or `-` for standard input (any format,
 * sniffed; HTML takes its address from the page, else --url, else file:///dev/stdin).
 */
export async function loadInput(
  page: string,
  ctx: { cwd: string; url?: string; readStdin: () => Promise<string> },
): Promise<LoadOutcome[]> {
  if (page === '-') return loadBytes('stdin', Buffer.from(await ctx.readStdin(), 'utf8'), { url: ctx.url ?? STDIN_URL });
  return loadFile(resolve(ctx.cwd, page), { url: ctx.url });
}

/** Load exactly one article (check, compare); a skip becomes an error naming the reason. */
export async function loadOneArticle(
  page: string,
  ctx: { cwd: string; url?: string; readStdin: () => Promise<string> },
): Promise<{ article: ArticleRecord; claimReviews: unknown[] }> {
  const outcomes = await loadInput(page, ctx);
  if (outcomes.length === 0) throw new CliError(`${page}: no article in it`);
  if (outcomes.length > 1) throw new CliError(`${page}: holds ${outcomes.length} articles; give one`);
  const outcome = outcomes[0];
  if (outcome.kind === 'skipped') throw new CliError(`${outcome.origin}: ${outcome.reason}`);
  if (outcome.kind === 'entry') throw new CliError(`${page}: a provenance pack has no text to check; give an article`);
  return { article: outcome.article, claimReviews: outcome.claimReviews };
}

function detectFormat(file: string, text: string): Format {
  const ext = extname(file).toLowerCase();
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  if (JSONL_EXTENSIONS.has(ext)) return 'jsonl';
  if (ext === '.json') return 'json';
  // Unknown extension: sniff, but refuse binary data and anything that is neither markup nor JSON.
  if (text.includes('\u0000')) throw new CliError(`${file}: unknown format (binary data)`);
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return 'html';
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    const firstLine = head.split('\n', 1)[0];
    return parseBoundedJson(firstLine).ok ? 'jsonl' : 'json';
  }
  throw new CliError(`${file}: unknown format (expected HTML, JSON or JSON Lines)`);
}

/**
 * How far into a page to look for its `<meta charset>`. Browsers prescan 1024 bytes, but saved
 * pages often carry long scripts first; 16 KB finds those declarations at no real cost.
 */
const CHARSET_SCAN_BYTES = 16_384;

/**
 * Saved pages are not all UTF-8: honour a byte-order mark, else a `<meta charset>` (or http-equiv
 * content type) near the top; undeclared pages that are not valid UTF-8 are read as windows-1252,
 * the browsers' legacy default. Unknown labels fall back to UTF-8.
 */
function decodeHtml(bytes: Buffer, utf8: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.slice(1);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, CHARSET_SCAN_BYTES).toString('latin1');
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!label) return utf8.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(bytes) : utf8;
  if (label === 'utf-8' || label === 'utf8') return utf8;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return utf8;
  }
}

function htmlOutcome(file: string, html: string, fallbackUrl: string): LoadOutcome {
  try {
    const result = extractHtml(html, { url: fallbackUrl, styleOf: styleHiddenTest });
    if (!result.ok) {
      const reason = /^not an article/i.test(result.reason) ? result.reason : `not an article (${result.reason})`;
      return { kind: 'skipped', origin: file, reason };
    }
    // The address is decided as the extension's background decides it; a saved file without an
    // http(s) address (no --url) takes its site from its own declaration.
    const article = resolveArticleUrl(result.article, { url: fallbackUrl, declared: result.declared, trust: 'saved' });
    return { kind: 'article', origin: file, article, claimReviews: result.claimReviews };
  } catch (error) {
    return { kind: 'skipped', origin: file, reason: `extraction failed (${describeError(error)})` };
  }
}

function jsonLinesOutcomes(file: string, text: string): LoadOutcome[] {
  const outcomes: LoadOutcome[] = [];
  for (const { value, line } of jsonLines(text, file)) {
    outcomes.push(recordOutcome(value, `${file} line ${line}`));
  }
  return outcomes;
}

function jsonOutcomes(file: string, text: string): LoadOutcome[] {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) throw new CliError(`${file} ${parsed.error}`);
  const value = parsed.value;
  if (Array.isArray(value)) return value.map((item, i) => recordOutcome(item, `${file} item ${i + 1}`));
  if ((value as { schema?: unknown } | null)?.schema === PACK_SCHEMA) return packOutcomes(file, value);
  return [recordOutcome(value, file)];
}

/** A provenance pack, checked as a subscriber checks it: a bad envelope is an error, bad entries skips. */
function packOutcomes(file: string, value: unknown): LoadOutcome[] {
  const parsed = parsePack(value);
  if (!parsed.ok) throw new CliError(`${file}: ${parsed.error}`);
  // As a subscriber refuses it: a pack with no valid entry is an error, not a run of skips.
  if (parsed.pack.entries.length === 0 && parsed.skipped > 0) {
    throw new CliError(`${file}: no valid entry in the pack (${parsed.skipped} skipped; ${parsed.errors[0]})`);
  }
  const outcomes: LoadOutcome[] = parsed.pack.entries.map((entry) => ({ kind: 'entry', origin: `${file} (pack)`, entry }));
  for (let i = 0; i < parsed.skipped; i++) {
    outcomes.push({ kind: 'skipped', origin: `${file} (pack)`, reason: parsed.errors[i] ?? 'invalid entry' });
  }
  return outcomes;
}

/**
 * One JSON value -> an ArticleRecord: a full record (has `paragraphs`) or the simple text form.
 * Files named on the command line are the user's own (`own`: any absolute address, older records
 * read with their defaults); a team-store request is `untrusted` (caps, http(s) addresses only).
 */
export function recordOutcome(value: unknown, origin: string, trust: Trust = 'own'): LoadOutcome {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'skipped', origin, reason: 'not a JSON object' };
  }
  let record: unknown = value;
  if (!('paragraphs' in value)) {
    const parsed = v.safeParse(TextArticleSchema, value);
    if (!parsed.success) return { kind: 'skipped', origin, reason: describeIssues(parsed.issues) };
    const text = parsed.output;
    record = {
      url: text.url,
      title: text.title ?? '',
      byline: text.byline ?? null,
      siteName: text.siteName ?? null,
      lang: text.lang ?? null,
      publishedTime: text.publishedTime ?? null,
      modifiedTime: text.modifiedTime ?? null,
      paragraphs: splitParagraphs(text.text),
      links: [],
      signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
    };
  }
  const parsed = parseRecord('article', record, trust);
  if (!parsed.ok) return { kind: 'skipped', origin, reason: describeIssues(parsed.issues) };
  const article = { ...parsed.value, paragraphs: parsed.value.paragraphs.map((p) => p.trim()).filter(Boolean) };
  if (!isAbsoluteUrl(article.url)) return { kind: 'skipped', origin, reason: `url is not an absolute URL: ${article.url}` };
  if (article.paragraphs.length === 0) return { kind: 'skipped', origin, reason: 'no text' };
  return { kind: 'article', origin, article, claimReviews: [] };
}

/** Paragraphs are separated by blank lines; single line breaks inside one are just spaces. */
function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function isAbsoluteUrl(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
