/**
 * Which site (outlet) a URL belongs to: the registrable part of its host, told apart under shared
 * suffixes and on shared hosting. Used by the engine (same-outlet reuse), the claims (an outlet's
 * own reviews), harvest (a page speaks only for its own site) and extraction (same-site canonical).
 */

/** Host of a URL without "www.", lower case; null when it is not a URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase().replace(/^www\./, '') : null;
}

/** Hosting domains whose subdomains are different publishers (blogs, pages). */
const SHARED_HOSTING = new Set(
  'blogspot.com wordpress.com medium.com substack.com tumblr.com github.io wixsite.com weebly.com livejournal.com typepad.com netlify.app vercel.app pages.dev'.split(' '),
);

/**
 * The outlet's site: the registrable part of a URL's host ("story.news.yahoo.com" -> "yahoo.com",
 * "news.bbc.co.uk" -> "bbc.co.uk"), except on shared hosting where each subdomain is its own site.
 * A heuristic without the public-suffix list: a two-letter country code after co/com/org/net/ac/
 * gov/edu keeps three labels.
 */
export function siteOf(url: string | null | undefined): string | null {
  const host = hostOf(url);
  return host ? siteOfHost(host) : null;
}

/** siteOf for a bare host name ("news.bbc.co.uk" -> "bbc.co.uk"). */
export function siteOfHost(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  if (/^[\d.]+$/.test(host) || host.includes(':')) return host;
  const labels = host.split('.');
  const keep = labels.length >= 3 && /^[a-z]{2}$/.test(labels[labels.length - 1]) && /^(co|com|org|net|ac|gov|edu|or|ne|news|go)$/.test(labels[labels.length - 2]) ? 3 : 2;
  const site = labels.slice(-keep).join('.');
  if (SHARED_HOSTING.has(site)) return labels.slice(-(keep + 1)).join('.');
  return site;
}
