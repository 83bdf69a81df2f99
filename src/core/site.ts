/**
 * The one site rule: which site (outlet) a URL belongs to, by the Public Suffix List (tldts, with
 * its private section, so each blog on a listed shared host such as x.github.io or x.blogspot.com
 * is its own site), and the address an extracted article is filed under. Used by the engine
 * (same-outlet reuse), the claims (an outlet's own reviews), harvest (a page speaks only for its
 * own site), the background and the CLI (the article's address). The content script never imports
 * it: the list alone is ~137 KB, over its size budget; extraction records the declared addresses
 * as data (`DeclaredUrls`) and this module decides.
 */
import { getDomain } from 'tldts';
import * as v from 'valibot';
import { parseUrl } from './feeds/web-apis';
import { MAX_RECORD_URL_CHARS } from './records/parse-record';
import type { ArticleRecord, DeclaredUrls } from './types';

/** The host name of a URL (lower case, IDN in punycode, without a leading "www."); null when it has none. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const host = parseUrl(url)?.hostname.replace(/\.$/, '');
  return host ? host.replace(/^www\./, '') : null;
}

// Private domains included: the PSL's private section is where hosting providers list the
// suffixes under which each customer is a separate owner (github.io, blogspot.com, netlify.app).
// Hosts that have not listed themselves (wordpress.com, medium.com, substack.com, tumblr.com at
// the time of writing) count as one site with all their blogs: a copy between two of their blogs
// reads as same-outlet reuse (missed) rather than a copy, the safer error.
const PSL = { allowPrivateDomains: true, extractHostname: false } as const;

/**
 * The outlet's site: the registrable domain of a URL's host by the Public Suffix List
 * ("story.news.yahoo.com" -> "yahoo.com", "news.bbc.co.uk" -> "bbc.co.uk", "x.github.io" stays
 * "x.github.io"); a host with none (an IP address, "localhost", a public suffix itself) is its own
 * site. Null when the URL has no host.
 */
export function siteOf(url: string | null | undefined): string | null {
  const host = hostOf(url);
  if (!host) return null;
  return getDomain(host, PSL) ?? host;
}

/** Whether two URLs are on one site (false when either has no host). */
export function sameSite(a: string | null | undefined, b: string | null | undefined): boolean {
  const sa = siteOf(a);
  return sa !== null && sa === siteOf(b);
}

// Query parameters that only track how the reader arrived; the same article reached from a
// newsletter and from a search is one article in the index.
const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|ocid|cmpid|igshid|smid|sr_share)$/i;

/** An http(s) URL without its fragment and tracking parameters, or null when it is not one. */
function articleAddress(url: string | null | undefined, keepTracking = false): string | null {
  const u = url ? parseUrl(url.trim()) : null;
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return null;
  u.hash = '';
  if (!keepTracking) for (const key of Array.from(u.searchParams.keys())) if (TRACKING_PARAM.test(key)) u.searchParams.delete(key);
  return u.href;
}

/**
 * Who supplied the page: `tab` is a page in the reader's browser, which is untrusted and may only
 * speak for the site of its own address; `saved` is a file the user gave the CLI, whose own
 * declaration names its site when its address has none (a file: or stdin address).
 */
export type PageTrust = 'tab' | 'saved';

/** The page an article was extracted from: its address, what it declares, and who supplied it. */
export interface PageAddress {
  url: string;
  declared: DeclaredUrls;
  trust: PageTrust;
}

/**
 * The article filed under its own address: og:url, else the canonical link, when on the page's
 * own site; else the page address without fragment and tracking parameters. A declared address on
 * another site never becomes the identity (it would overwrite that site's entry in the history);
 * the first one is kept as `signals.canonicalUrl`, a syndication signal. Links to the chosen
 * address are dropped (a page linking to itself says nothing about its sources). The one decision
 * for the background and the CLI, so both file a page under the same address.
 */
export function resolveArticleUrl<A extends ArticleRecord>(article: A, page: PageAddress): A {
  const address = articleAddress(page.url);
  const og = articleAddress(page.declared.ogUrl, true);
  const canonical = articleAddress(page.declared.canonical, true);
  const ownUrl = address ?? (page.trust === 'saved' ? (og ?? articleAddress(page.declared.home) ?? canonical) : null);
  let url: string | null = null;
  let canonicalUrl: string | null = null;
  for (const candidate of [og, canonical]) {
    if (!candidate) continue;
    if (sameSite(candidate, ownUrl)) url ??= candidate;
    else canonicalUrl ??= candidate;
  }
  url ??= address ?? page.url.replace(/#.*$/, '');
  return {
    ...article,
    url,
    links: article.links.filter((l) => l.href !== url),
    signals: { ...article.signals, canonicalUrl },
  };
}

// A declared address may become the record's url or canonicalUrl: capped as records cap URLs.
const declaredUrl = v.nullable(v.pipe(v.string(), v.maxLength(MAX_RECORD_URL_CHARS)));
const DeclaredUrlsSchema = v.object({ ogUrl: declaredUrl, canonical: declaredUrl, home: declaredUrl });

/** Validates a page's `DeclaredUrls` from an untrusted sender (a content script); null if invalid. */
export function parseDeclaredUrls(raw: unknown): DeclaredUrls | null {
  const r = v.safeParse(DeclaredUrlsSchema, raw);
  return r.success ? r.output : null;
}
