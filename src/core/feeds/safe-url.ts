/**
 * URL rules for feed data: a URL named inside a feed is kept only when it is `https:` to a public
 * host, without credentials. Such URLs are only ever displayed as links, never fetched.
 */
import { MAX_URL_CHARS } from './limits';
import { parseUrl } from './web-apis';

/** True when the host is a loopback, private, link-local or otherwise non-public address or name. */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === '' || h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal') || h.endsWith('.lan') || h.endsWith('.home.arpa')) return true;
  if (!h.includes('.') && !h.includes(':')) return true; // single-label intranet name
  const v4 = h.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224
    );
  }
  if (h.includes(':')) {
    if (h === '::' || h === '::1') return true;
    if (/^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h)) return true;
    if (h.startsWith('::ffff:')) return true; // v4-mapped: judge conservatively
    return false;
  }
  return false;
}

/** Returns the normalised href when `input` is an https URL to a public host, else null. */
export function safeHttpsUrl(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (s.length === 0 || s.length > MAX_URL_CHARS) return null;
  const u = parseUrl(s);
  if (!u || u.protocol !== 'https:' || u.username || u.password) return null;
  if (isPrivateHost(u.hostname)) return null;
  return u.href;
}
