/**
 * URL helpers for the background's sender checks: whether an article's claimed address belongs to
 * the page that sent it, and page addresses without their fragment.
 */

/** The URL without its #fragment (a fragment never changes the document), or the input if unparsable. */
export function stripHash(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

const PREFIXES = /^(www\d?|m|amp|mobile)\./;

/**
 * Whether two http(s) URLs are on the same site: same host, or one host a subdomain of the other
 * (amp.example.com and example.com), ignoring www/m/amp prefixes. Without the public suffix list
 * this is deliberately strict: two unrelated sites under one suffix (a.github.io, b.github.io) are
 * different because neither is a subdomain of the other.
 */
export function sameSite(a: string, b: string): boolean {
  let ha: string;
  let hb: string;
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    if (!/^https?:$/.test(ua.protocol) || !/^https?:$/.test(ub.protocol)) return false;
    ha = ua.hostname.replace(PREFIXES, '');
    hb = ub.hostname.replace(PREFIXES, '');
  } catch {
    return false;
  }
  return ha === hb || ha.endsWith('.' + hb) || hb.endsWith('.' + ha);
}
