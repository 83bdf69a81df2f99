/**
 * ClaimReview in: turns what fact-checkers publish (a schema.org DataFeed of ClaimReview, a plain
 * array, a single ClaimReview, JSON-LD with @graph) into KnownClaim records. Each record is checked
 * against the strict schema in core/feeds; one bad record is skipped and counted, never fatal.
 */
import * as v from 'valibot';
import type { KnownClaim } from '../types';
import { claimReviewSchema, dataFeedItemSchema, factCheckToolsClaimSchema, type ClaimReviewInput } from '../feeds/claim-feed-schema';
import { MAX_APPEARANCES, MAX_FEED_RECORDS } from '../feeds/limits';
import { safeHttpsUrl } from '../feeds/safe-url';
import { describeIssues } from '../feeds/describe-issues';

/** What `parseClaimReviews` returns: the claims kept, how many records were skipped, and why. */
export interface ParsedClaims {
  claims: KnownClaim[];
  skipped: number;
  /** One line per skipped record (capped), e.g. "record 3: unknown key \"script\"". */
  errors: string[];
}

/** Nesting depth followed through arrays/@graph/DataFeed; real feeds need 4, hostile ones get no more. */
const MAX_DEPTH = 6;
/** Error lines kept; the count in `skipped` is exact, the messages are a sample. */
const MAX_ERRORS = 20;

type Rec = Record<string, unknown>;

const isObj = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

function types(x: Rec): string[] {
  const t = x['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((s): s is string => typeof s === 'string').map((s) => s.replace(/^.*[/:#]/, ''));
}

/** Parses ClaimReview data of any common shape into KnownClaims tagged with `source`. */
export function parseClaimReviews(json: unknown, source: string): ParsedClaims {
  const byId = new Map<string, KnownClaim>();
  const errors: string[] = [];
  let skipped = 0;
  let seen = 0;
  const skip = (msg: string) => {
    skipped++;
    if (errors.length < MAX_ERRORS) errors.push(msg);
  };

  const record = (x: unknown) => {
    seen++;
    if (seen > MAX_FEED_RECORDS) return skip(`record ${seen}: more than ${MAX_FEED_RECORDS} records`);
    const res = v.safeParse(claimReviewSchema, x);
    if (!res.success) return skip(`record ${seen}: ${describeIssues(res.issues)}`);
    const claim = toKnownClaim(res.output, source);
    if (typeof claim === 'string') return skip(`record ${seen}: ${claim}`);
    byId.set(claim.id, claim);
  };

  const walk = (x: unknown, depth: number, inFeed: boolean): void => {
    if (depth > MAX_DEPTH) return skip('nested too deeply');
    if (Array.isArray(x)) {
      for (const el of x) walk(el, depth + 1, inFeed);
      return;
    }
    if (!isObj(x)) {
      if (inFeed) skip(`record ${++seen}: not an object`);
      return;
    }
    const t = types(x);
    if (t.includes('ClaimReview')) return record(x);
    if (Array.isArray(x['@graph'])) return walk(x['@graph'], depth + 1, inFeed);
    if (t.includes('DataFeed') && Array.isArray(x.dataFeedElement)) return walk(x.dataFeedElement, depth + 1, true);
    if (t.length === 0 && Array.isArray(x.claims) && x.claims.some((c) => isObj(c) && 'claimReview' in c)) {
      // Google Fact Check Tools API results ({claims: [{text, claimant, claimReview: [...]}]}).
      for (const c of x.claims) factCheckToolsClaim(c);
      return;
    }
    if (t.includes('DataFeedItem') || (inFeed && 'item' in x)) {
      const res = v.safeParse(dataFeedItemSchema, x);
      if (!res.success) return skip(`record ${++seen}: ${describeIssues(res.issues)}`);
      if (res.output.dateDeleted !== undefined || res.output.item === undefined) return;
      return walk(res.output.item, depth + 1, true);
    }
    // Objects of other types (NewsArticle, BreadcrumbList...) sit beside ClaimReview in page JSON-LD:
    // not records, so not counted, except where a feed promised records.
    if (inFeed) skip(`record ${++seen}: not a ClaimReview (@type ${JSON.stringify(t[0] ?? null)})`);
  };

  const factCheckToolsClaim = (c: unknown) => {
    const res = v.safeParse(factCheckToolsClaimSchema, c);
    if (!res.success) return skip(`record ${++seen}: ${describeIssues(res.issues)}`);
    for (const r of res.output.claimReview) {
      // The same claim reviewed by several fact-checkers gives one KnownClaim per review.
      record({
        '@type': 'ClaimReview',
        url: r.url,
        name: r.title,
        datePublished: r.reviewDate,
        claimReviewed: res.output.text,
        author: { '@type': 'Organization', name: r.publisher?.name, url: r.publisher?.site ? `https://${r.publisher.site}/` : undefined },
        reviewRating: r.textualRating ? { '@type': 'Rating', alternateName: r.textualRating } : undefined,
        itemReviewed: { '@type': 'Claim', author: res.output.claimant, datePublished: res.output.claimDate },
      });
    }
  };

  walk(json, 0, false);
  return { claims: [...byId.values()], skipped, errors };
}

/** Collapses whitespace and drops control characters. */
function cleanText(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const t = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return t.length ? t : null;
}

function first<T>(x: T | T[] | undefined): T | undefined {
  return Array.isArray(x) ? x[0] : x;
}

function num(x: unknown): number | null {
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x === 'string' && x.trim() !== '') {
    const n = Number(x.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Normalises a date to ISO 8601 (date only when only a date was given); null when unparseable. */
function normDate(x: unknown): string | null {
  if (typeof x !== 'string') return null;
  const s = x.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Number.isNaN(Date.parse(s)) ? null : s;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString();
}

function agentName(a: unknown): string | null {
  if (typeof a === 'string') return cleanText(a);
  if (isObj(a)) return cleanText(a.name);
  return null;
}

/** 32-bit FNV-1a, hex: a stable short id for claims without a review URL. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function toKnownClaim(r: ClaimReviewInput, source: string): KnownClaim | string {
  const item = r.itemReviewed;
  const claimReviewed = cleanText(r.claimReviewed) ?? cleanText(item?.name) ?? cleanText(item?.text);
  if (!claimReviewed) return 'no claimReviewed text';
  const rating = first(r.reviewRating);
  const reviewerRaw = first(r.author);
  const reviewer = {
    name: agentName(reviewerRaw),
    url: isObj(reviewerRaw) ? safeHttpsUrl(reviewerRaw.url) : null,
  };
  const url = safeHttpsUrl(r.url) ?? safeHttpsUrl(r['@id']);
  const appearances: string[] = [];
  const apps = [...(Array.isArray(item?.appearance) ? item.appearance : item?.appearance ? [item.appearance] : [])];
  if (item?.firstAppearance) apps.unshift(item.firstAppearance);
  for (const a of apps) {
    const u = safeHttpsUrl(typeof a === 'string' ? a : (a.url ?? a['@id']));
    if (u && !appearances.includes(u)) appearances.push(u);
    if (appearances.length >= MAX_APPEARANCES) break;
  }
  const datePublished = normDate(r.datePublished) ?? normDate(r.dateCreated);
  const id = url ?? `${source}#${fnv1a(`${claimReviewed}\u0000${reviewer.name ?? ''}\u0000${datePublished ?? ''}`)}`;
  return {
    id,
    claimReviewed,
    title: cleanText(r.name) ?? cleanText(r.headline),
    url,
    rating: {
      alternateName: cleanText(rating?.alternateName) ?? cleanText(rating?.name),
      ratingValue: num(rating?.ratingValue),
      bestRating: num(rating?.bestRating),
      worstRating: num(rating?.worstRating),
    },
    reviewer,
    datePublished,
    claimAuthor: agentName(first(item?.author)),
    appearances,
    source,
  };
}
