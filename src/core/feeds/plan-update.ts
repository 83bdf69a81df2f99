/**
 * The pure decision at the heart of a feed refresh: given what the fetch produced and what is
 * stored, accept the update (with the records to store) or reject it with an error a user can
 * read. Nothing is written here; the caller applies an accepted plan in one transaction, and a
 * rejected plan leaves the stored data exactly as it was.
 */
import * as v from 'valibot';
import type { KnownClaim } from '../types';
import type { PackEntry } from '../engine/pack-entry';
import { parseClaimReviews } from '../claims/parse-claim-reviews';
import { dataFeedSchema } from './claim-feed-schema';
import { describeIssues } from './describe-issues';
import { MAX_FEED_BYTES } from './limits';
import { parsePack } from './pack';
import { verifySignature } from './verify-signature';
import { decodeUtf8 } from './web-apis';
import { parseBoundedJson } from '../json/parse-bounded-json';

/** What a fetch of the feed produced (built by the feed manager from the HTTP exchange). */
export type FetchOutcome =
  | { type: 'network-error'; message: string }
  | { type: 'too-large'; limit: number }
  | { type: 'not-modified' }
  | {
      type: 'response';
      status: number;
      contentType: string | null;
      body: Uint8Array;
      etag: string | null;
      lastModified: string | null;
      /** The detached signature (raw bytes or base64 text), or null when none was found. */
      signature: Uint8Array | string | null;
    };

/** The parts of a feed's stored state the decision needs. */
export interface FeedState {
  id: string;
  kind: 'claimreview' | 'pack';
  publicKey: string | null;
  dataVersion: string | null;
}

/** Why an update was rejected (stable codes for tests and UI), with the message shown to the user. */
type RejectCode =
  | 'network'
  | 'http'
  | 'too-large'
  | 'html'
  | 'encoding'
  | 'json'
  | 'schema'
  | 'signature'
  | 'older';

/** The decision. */
export type UpdatePlan =
  | { action: 'reject'; code: RejectCode; error: string }
  | { action: 'unchanged' }
  | {
      action: 'replace';
      kind: 'claimreview';
      claims: KnownClaim[];
      skipped: number;
      errors: string[];
      dataVersion: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | {
      action: 'replace';
      kind: 'pack';
      entries: PackEntry[];
      skipped: number;
      errors: string[];
      dataVersion: string | null;
      etag: string | null;
      lastModified: string | null;
    };

const reject = (code: RejectCode, error: string): UpdatePlan => ({ action: 'reject', code, error });

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function typeNames(x: Record<string, unknown>): string[] {
  const t = x['@type'];
  return (Array.isArray(t) ? t : [t]).filter((s): s is string => typeof s === 'string').map((s) => s.replace(/^.*[/:#]/, ''));
}

/** Comparable instant of a data version (ISO date or date-time), or NaN. */
function instant(s: string | null): number {
  return s === null ? Number.NaN : Date.parse(s);
}

/** Decides whether a fetched feed body replaces the stored data. */
export async function planUpdate(feed: FeedState, outcome: FetchOutcome): Promise<UpdatePlan> {
  if (outcome.type === 'network-error') return reject('network', `Network error: ${outcome.message}`);
  if (outcome.type === 'too-large') {
    return reject('too-large', `The feed is larger than ${Math.round(outcome.limit / 1048576)} MiB; download stopped at the limit.`);
  }
  if (outcome.type === 'not-modified') return { action: 'unchanged' };
  const { status, body } = outcome;
  if (status < 200 || status > 299) return reject('http', `The server answered HTTP ${status} instead of the feed.`);
  if (body.length > MAX_FEED_BYTES) return reject('too-large', `The feed is larger than ${Math.round(MAX_FEED_BYTES / 1048576)} MiB.`);
  if (looksLikeHtml(outcome.contentType, body)) {
    return reject('html', 'The server sent a web page instead of the feed (an error or login page?).');
  }
  if (feed.publicKey) {
    if (outcome.signature === null) return reject('signature', 'The feed is signed by its publisher, but no signature came with this update.');
    const check = await verifySignature(body, outcome.signature, feed.publicKey);
    if (!check.ok) return reject('signature', `Signature rejected: ${check.error}.`);
  }
  let text: string;
  try {
    text = decodeUtf8(body);
  } catch {
    return reject('encoding', 'The feed is not UTF-8 text.');
  }
  // Depth and size are bounded before JSON.parse allocates: a body of "[[[[..." under the byte cap
  // would otherwise cost ~70 bytes of memory per byte and could kill the worker.
  const parsed = parseBoundedJson(text, { maxChars: MAX_FEED_BYTES });
  if (!parsed.ok) return reject('json', `The feed ${parsed.error}.`);
  const json = parsed.value;
  const meta = { etag: outcome.etag, lastModified: outcome.lastModified };
  if (feed.kind === 'pack') {
    const p = parsePack(json);
    if (!p.ok) return reject('schema', p.error);
    const older = olderThanStored(feed, p.pack.generated);
    if (older) return older;
    if (p.pack.entries.length === 0 && p.skipped > 0) {
      return reject('schema', `No valid entry in the pack (${p.skipped} skipped; ${p.errors[0]}).`);
    }
    return { action: 'replace', kind: 'pack', entries: p.pack.entries, skipped: p.skipped, errors: p.errors, dataVersion: p.pack.generated, ...meta };
  }
  // ClaimReview feeds: a DataFeed (strict envelope), an array of ClaimReview, or one ClaimReview.
  let dataVersion: string | null = null;
  if (isObj(json) && typeNames(json).includes('DataFeed')) {
    const env = v.safeParse(dataFeedSchema, json);
    if (!env.success) return reject('schema', `Not a valid ClaimReview DataFeed: ${describeIssues(env.issues)}.`);
    dataVersion = env.output.dateModified ?? env.output.datePublished ?? env.output.dateCreated ?? null;
    if (dataVersion !== null && Number.isNaN(instant(dataVersion))) {
      return reject('schema', `Not a valid ClaimReview DataFeed: dateModified ${JSON.stringify(dataVersion)} is not a date.`);
    }
  } else if (!Array.isArray(json) && !(isObj(json) && (typeNames(json).includes('ClaimReview') || Array.isArray(json['@graph'])))) {
    return reject('schema', 'Not a ClaimReview feed: expected a schema.org DataFeed, an array of ClaimReview, or a ClaimReview.');
  }
  const older = olderThanStored(feed, dataVersion);
  if (older) return older;
  const reviews = parseClaimReviews(json, feed.id);
  if (reviews.claims.length === 0 && reviews.skipped > 0) {
    return reject('schema', `No valid ClaimReview in the feed (${reviews.skipped} skipped; ${reviews.errors[0]}).`);
  }
  // Only a versioned DataFeed may say "no claims any more"; an empty array or a @graph of other
  // things (a misconfigured server's JSON-LD page) must not wipe the stored claims.
  if (reviews.claims.length === 0 && dataVersion === null) {
    return reject('schema', 'No ClaimReview in the feed (an empty update without a DataFeed dateModified is not applied).');
  }
  return { action: 'replace', kind: 'claimreview', claims: reviews.claims, skipped: reviews.skipped, errors: reviews.errors, dataVersion, ...meta };
}

function olderThanStored(feed: FeedState, version: string | null): UpdatePlan | null {
  const stored = instant(feed.dataVersion);
  const incoming = instant(version);
  if (Number.isNaN(stored) || Number.isNaN(incoming) || incoming >= stored) return null;
  return reject('older', `The update (${version}) is older than the data already stored (${feed.dataVersion}); kept the stored data.`);
}

/** True for HTML served where JSON was expected (error pages, captive portals, login walls). */
function looksLikeHtml(contentType: string | null, body: Uint8Array): boolean {
  if (contentType && /\b(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  let i = 0;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) i = 3;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x09 || body[i] === 0x0a || body[i] === 0x0d)) i++;
  return body[i] === 0x3c; // '<': no JSON document starts with it
}
