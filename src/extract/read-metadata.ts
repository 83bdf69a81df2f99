/**
 * Page metadata for the article record: identity URL and syndication canonical, JSON-LD article
 * fields (headline, dates, author, publisher, isBasedOn), ClaimReview blocks, Open Graph and meta
 * tags, language. Reads the original document only (never modifies it); standard DOM only. Which
 * declared address is the article's own is not decided here (the site rule needs the Public Suffix
 * List, too large for the content script): the addresses are returned as data for
 * `resolveArticleUrl` (core/site.ts).
 */
import { parseBoundedJson, type JsonLimits } from '../core/json/parse-bounded-json';
import type { DeclaredUrls } from '../core/types';
import { normalizeDate } from './parse-date';

/** What the page declares about itself, before any body text is looked at. */
export interface PageMetadata {
  /** The page's address without its fragment (the article's address until `resolveArticleUrl` decides). */
  url: string;
  /** The addresses the page declares for itself (og:url, canonical, its home). */
  declared: DeclaredUrls;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  isBasedOn: string[];
  /** schema.org isAccessibleForFree of the article (false: a paywalled article), null when not declared. */
  accessibleForFree: boolean | null;
  /** The JSON-LD @type values seen (e.g. "NewsArticle"), for the gate. */
  types: string[];
  /** og:type, lowercased, or null. */
  ogType: string | null;
  claimReviews: unknown[];
}

type Json = Record<string, unknown>;

const MAX_JSONLD_BLOCKS = 20;
/** Longest JSON-LD block read: a block of megabytes is not metadata. */
const MAX_JSONLD_CHARS = 500_000;
/**
 * Bounds on one JSON-LD block, checked by the one bounded JSON reader before JSON.parse allocates
 * anything: the page is hostile, and a block of "[[[[..." under the size cap would otherwise cost
 * tens of megabytes and a stall of the tab. Real article metadata is a few kilobytes nesting about
 * ten deep with a few hundred objects (a live blog's @graph of updates a few thousand); 500 000
 * characters, 32 levels and 20 000 containers leave room for those, and a block over any bound
 * is skipped like broken JSON (the page keeps its other metadata).
 */
const JSONLD_LIMITS: JsonLimits = { maxChars: MAX_JSONLD_CHARS, maxDepth: 32, maxContainers: 20_000, maxItems: 100_000 };
/** The most ClaimReview objects taken from one page. */
const MAX_CLAIM_REVIEWS = 50;

// schema.org types that describe a readable article; a page declaring one is worth a parse even
// when the cheap readerable score is low (short wire stories, live blogs).
const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report|ScholarlyArticle|TechArticle|SatiricalArticle|AdvertiserContentArticle|Blog)$/;

/** Whether a JSON-LD @type names an article kind. */
export function isArticleType(type: string): boolean {
  return ARTICLE_TYPES.test(type.replace(/^https?:\/\/schema\.org\//, ''));
}

function metaContent(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const el of Array.from(doc.querySelectorAll('meta'))) {
      const name = (el.getAttribute('property') || el.getAttribute('name') || el.getAttribute('itemprop') || el.getAttribute('http-equiv') || '').trim().toLowerCase();
      if (name === key) {
        const v = (el.getAttribute('content') || '').trim();
        if (v) return v;
      }
    }
  }
  return null;
}

function typesOf(node: Json): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Flattens JSON-LD values (arrays, @graph) into a list of objects, depth-limited. */
function flattenJsonLd(value: unknown, out: Json[], depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) flattenJsonLd(v, out, depth + 1);
    return;
  }
  const obj = value as Json;
  out.push(obj);
  if (Array.isArray(obj['@graph'])) flattenJsonLd(obj['@graph'], out, depth + 1);
  // A WebPage whose mainEntity is the article.
  if (obj.mainEntity && typeof obj.mainEntity === 'object') flattenJsonLd(obj.mainEntity, out, depth + 1);
}

/** Every JSON-LD object on the page (parse errors in one block do not hide the others). */
export function readJsonLd(doc: Document): Json[] {
  const out: Json[] = [];
  // Caps on what a page can make us parse: a real page has a handful of JSON-LD blocks.
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, MAX_JSONLD_BLOCKS)) {
    const text = (script.textContent || '').trim();
    // A block of megabytes is not metadata: refused before the CDATA strip copies it.
    if (!text || text.length > MAX_JSONLD_CHARS) continue;
    // Some CMSs wrap the JSON in CDATA comments. Broken or oversized JSON-LD is skipped (broken
    // blocks are common); the page still has its other metadata.
    const parsed = parseBoundedJson(text.replace(/^\s*\/\/<!\[CDATA\[|\/\/\]\]>\s*$/g, ''), JSONLD_LIMITS);
    if (parsed.ok) flattenJsonLd(parsed.value, out);
  }
  return out;
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => !!x);
    return names.length ? names.join(', ') : null;
  }
  if (v && typeof v === 'object') {
    const n = (v as Json).name;
    if (typeof n === 'string') return n.trim() || null;
  }
  return null;
}

function urlsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(urlsOf);
  if (v && typeof v === 'object') {
    const o = v as Json;
    if (typeof o.url === 'string') return [o.url];
    if (typeof o['@id'] === 'string') return [o['@id'] as string];
  }
  return [];
}

/** Absolute http(s) URL of `href` against `base` (absolute only without one), without the fragment, or null. */
export function absoluteHttpUrl(href: string | null | undefined, base?: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function normalizeLang(v: string | null | undefined): string | null {
  if (!v) return null;
  const s = v.trim().replace(/_/g, '-').split(/[,;\s]/)[0];
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(s) ? s : null;
}

/**
 * The page's own home as the page declares it (JSON-LD WebSite/publisher URL, its feed, its
 * shortlink, its home link; absolute http(s) only), for a saved file whose address is unknown:
 * without it a canonical URL pointing to another site would be taken for the page's identity.
 */
function declaredHome(doc: Document, jsonld: Json[]): string | null {
  for (const o of jsonld) {
    if (typesOf(o).some((t) => t === 'WebSite') && typeof o.url === 'string') {
      const u = absoluteHttpUrl(o.url);
      if (u) return u;
    }
  }
  for (const o of jsonld) {
    if (!typesOf(o).some(isArticleType)) continue;
    const publisher = o.publisher as Json | undefined;
    if (publisher && typeof publisher.url === 'string') {
      const u = absoluteHttpUrl(publisher.url);
      if (u) return u;
    }
  }
  for (const sel of ['link[rel~="alternate"][type*="rss"]', 'link[rel~="alternate"][type*="atom"]', 'link[rel~="shortlink"]', 'a[rel~="home"]']) {
    const u = absoluteHttpUrl(doc.querySelector(sel)?.getAttribute('href'));
    if (u) return u;
  }
  return null;
}

/** Reads the metadata of `doc`, whose address is `pageUrl`. */
export function readMetadata(doc: Document, pageUrl: string): PageMetadata {
  const jsonld = readJsonLd(doc);
  const types = jsonld.flatMap(typesOf);
  const article = jsonld.find((o) => typesOf(o).some(isArticleType)) ?? null;
  // A fact-check page reviews a few claims; more is a page trying to flood the claims store.
  const claimReviews = jsonld.filter((o) => typesOf(o).includes('ClaimReview')).slice(0, MAX_CLAIM_REVIEWS);

  const base = doc.querySelector('base[href]')?.getAttribute('href');
  const baseUrl = absoluteHttpUrl(base, pageUrl) ?? pageUrl;

  const declared: DeclaredUrls = {
    ogUrl: absoluteHttpUrl(metaContent(doc, 'og:url'), baseUrl),
    canonical: absoluteHttpUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), baseUrl),
    home: declaredHome(doc, jsonld),
  };

  const headline = article ? nameOf(article.headline) ?? nameOf(article.name) : null;
  const publisher = article ? nameOf(article.publisher) : null;
  const author = article ? nameOf(article.author) ?? nameOf(article.creator) : null;

  const publishedTime =
    normalizeDate(article?.datePublished) ??
    normalizeDate(metaContent(doc, 'article:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate', 'date', 'dc.date.issued', 'dc.date', 'dcterms.created', 'sailthru.date', 'parsely-pub-date')) ??
    normalizeDate(article?.dateCreated);
  const modifiedTime =
    normalizeDate(article?.dateModified) ??
    normalizeDate(metaContent(doc, 'article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified'));

  const isBasedOn = article
    ? urlsOf(article.isBasedOn ?? article.isBasedOnUrl)
        .map((u) => absoluteHttpUrl(u, baseUrl))
        .filter((u): u is string => !!u)
    : [];

  return {
    url: absoluteHttpUrl(pageUrl) ?? pageUrl,
    declared,
    title: headline ?? metaContent(doc, 'og:title', 'twitter:title'),
    byline: author ?? metaContent(doc, 'author', 'article:author', 'byl', 'parsely-author', 'dc.creator'),
    siteName: publisher ?? metaContent(doc, 'og:site_name', 'application-name', 'publisher'),
    lang:
      normalizeLang(doc.documentElement?.getAttribute('lang')) ??
      normalizeLang(metaContent(doc, 'content-language', 'language', 'dc.language')) ??
      normalizeLang(metaContent(doc, 'og:locale')) ??
      normalizeLang(typeof article?.inLanguage === 'string' ? article.inLanguage : null),
    publishedTime,
    modifiedTime,
    isBasedOn: [...new Set(isBasedOn)],
    accessibleForFree: booleanOf(article?.isAccessibleForFree),
    types,
    ogType: metaContent(doc, 'og:type')?.toLowerCase() ?? null,
    claimReviews,
  };
}

/** A JSON-LD boolean, which pages write as true, "False", "false", "True". */
function booleanOf(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return null;
}
